#include "traceimport.h"

#include "guards.h"
#include "pipeline.h"

#include <QSet>
#include <QThread>

namespace spanlight {

namespace {

constexpr int kMaxPartSpans = 10000;
constexpr int kMaxWaitSeconds = 60;

void addReasons(TraceImportResult &result, const QString &reasons)
{
    if (reasons.isEmpty())
        return;
    if (!result.rejectMessage.isEmpty())
        result.rejectMessage += QStringLiteral("; ");
    result.rejectMessage += reasons;
}

} // namespace

TraceImportResult importTraceBatch(IngestPipeline &pipeline, SpanBatch batch)
{
    TraceImportResult result;
    result.rejectedSpans = batch.rejectedSpans;
    result.rejectMessage = batch.rejectReasons.join(QStringLiteral("; "));
    if (batch.spans.isEmpty()) {
        result.error = batch.rejectedSpans > 0 ? QStringLiteral("none of its %1 spans could be stored (%2)")
                                                     .arg(batch.rejectedSpans)
                                                     .arg(result.rejectMessage)
                                               : QStringLiteral("the file holds no spans");
        return result;
    }

    const IngestLimits &limits = pipeline.limits();
    const qsizetype partSize
        = limits.maxSpansPerRequest > 0 ? std::min(limits.maxSpansPerRequest, kMaxPartSpans) : kMaxPartSpans;
    QSet<QByteArray> traces;
    int waitedSeconds = 0;
    for (qsizetype from = 0; from < batch.spans.size(); from += partSize) {
        SpanBatch part;
        part.protocol = IngestProtocolId::Other;
        part.sender = QStringLiteral("file");
        part.spans = batch.spans.mid(from, partSize);
        // The pipeline samples by trace id; the same decision tells which traces it kept.
        QList<QByteArray> keptTraces;
        for (const Span &span : std::as_const(part.spans))
            if (limits.samplingRate >= 1.0 || sampleTrace(span.traceId, limits.samplingRate)
                || alwaysKeep(span))
                keptTraces.append(span.traceId);
        for (;;) {
            QFuture<IngestOutcome> future = pipeline.submit(part);
            future.waitForFinished(); // the writer finishes it after the commit
            const IngestOutcome outcome = future.result();
            if (outcome.status == IngestOutcome::Status::Committed) {
                result.spans += outcome.acceptedSpans;
                result.rejectedSpans += outcome.rejectedSpans;
                result.sampledOutSpans += part.spans.size() - outcome.acceptedSpans - outcome.rejectedSpans;
                addReasons(result, outcome.rejectMessage);
                if (outcome.acceptedSpans > 0) {
                    for (const QByteArray &id : std::as_const(keptTraces))
                        traces.insert(id);
                    if (result.firstTraceId.isEmpty() && !keptTraces.isEmpty())
                        result.firstTraceId = keptTraces.constFirst();
                }
                break;
            }
            const bool retryable = outcome.status == IngestOutcome::Status::RateLimited
                || outcome.status == IngestOutcome::Status::Overloaded;
            if (!retryable || waitedSeconds + outcome.retryAfterSeconds > kMaxWaitSeconds) {
                result.error = outcome.error;
                result.traces = traces.size();
                return result;
            }
            QThread::sleep(ulong(outcome.retryAfterSeconds));
            waitedSeconds += outcome.retryAfterSeconds;
        }
    }
    result.traces = traces.size();
    if (result.spans == 0)
        result.error = result.sampledOutSpans > 0
            ? QStringLiteral("every span was sampled out (TRACE_SAMPLING_RATE %1)").arg(limits.samplingRate)
            : QStringLiteral("none of its spans could be stored (%1)").arg(result.rejectMessage);
    return result;
}

TraceImportResult importTraceFile(IngestPipeline &pipeline, const QString &path)
{
    TraceFileDecode decoded = readTraceFile(path);
    TraceImportResult result;
    if (decoded.ok())
        result = importTraceBatch(pipeline, std::move(decoded.batch));
    else
        result.error = decoded.error;
    result.path = path;
    result.format = decoded.format;
    return result;
}

} // namespace spanlight
