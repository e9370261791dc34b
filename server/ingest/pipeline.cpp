#include "pipeline.h"

#include "storage/store.h"

#include <QHash>

#include <algorithm>
#include <numeric>

namespace spanlight {

namespace {

using ServiceSpans = QList<std::pair<QString, qint64>>;

// Spans per service name, in first-seen order (a batch has a few services, often one).
ServiceSpans spansPerService(const QList<Span> &spans)
{
    ServiceSpans out;
    for (const Span &s : spans) {
        auto it = std::find_if(out.begin(), out.end(), [&](const auto &p) { return p.first == s.serviceName; });
        if (it == out.end())
            out.append({s.serviceName, 1});
        else
            ++it->second;
    }
    return out;
}

} // namespace

QFuture<IngestOutcome> IngestPipeline::submit(SpanBatch batch)
{
    m_counters.spansReceived += batch.spans.size() + batch.rejectedSpans;
    validateBatch(batch); // decoders validate already; this keeps the promise for any caller
    m_counters.spansRejectedInvalid += batch.rejectedSpans;
    // Spans dropped before this point are gone: they count for the batch's service when it has
    // one, else for the sender without a service.
    const ServiceSpans services = spansPerService(batch.spans);
    const QString loneService = services.size() == 1 ? services.first().first : QString();
    const QString reasons = batch.rejectReasons.join(QStringLiteral("; "));
    m_senders.rejected(batch.protocol, batch.sender, loneService, SpanRejection::Invalid, batch.rejectedSpans, reasons);
    // The request limit drops the batch's tail: its spans are known, so by their services.
    const ServiceSpans overLimit = m_limits.maxSpansPerRequest > 0 && batch.spans.size() > m_limits.maxSpansPerRequest
        ? spansPerService(batch.spans.mid(m_limits.maxSpansPerRequest))
        : ServiceSpans();
    const LimitEffects effects = applySpanLimits(batch, m_limits);
    Q_ASSERT(effects.spansOverRequestLimit
        == std::accumulate(overLimit.begin(), overLimit.end(), qint64(0), [](qint64 n, const auto &p) { return n + p.second; }));
    for (const auto &[service, spans] : overLimit)
        m_senders.rejected(batch.protocol, batch.sender, service, SpanRejection::RequestLimit, spans,
            QStringLiteral("more than %1 spans in one request (MAX_SPANS_PER_REQUEST)").arg(m_limits.maxSpansPerRequest));
    m_counters.spansRejectedRequestLimit += effects.spansOverRequestLimit;
    m_counters.attributesDropped += effects.attributesDropped;
    m_counters.valuesTruncated += effects.valuesTruncated;
    m_counters.spansRejected += batch.rejectedSpans;

    if (m_limits.samplingRate < 1.0) {
        const qsizetype before = batch.spans.size();
        QHash<QString, qint64> sampledOut;
        batch.spans.removeIf([rate = m_limits.samplingRate, &sampledOut](const Span &s) {
            const bool drop = !sampleTrace(s.traceId, rate) && !alwaysKeep(s);
            if (drop)
                ++sampledOut[s.serviceName];
            return drop;
        });
        m_counters.spansSampledOut += before - batch.spans.size();
        for (auto it = sampledOut.cbegin(); it != sampledOut.cend(); ++it)
            m_senders.rejected(batch.protocol, batch.sender, it.key(), SpanRejection::SampledOut, it.value(), {});
    }

    IngestOutcome base;
    base.rejectedSpans = batch.rejectedSpans;
    base.rejectMessage = batch.rejectReasons.join(QStringLiteral("; "));
    if (batch.spans.isEmpty()) {
        base.status = IngestOutcome::Status::Committed;
        return QtFuture::makeReadyFuture(base);
    }
    if (const int wait = m_rateLimiter.admit(batch.spans); wait > 0) {
        ++m_counters.requestsRateLimited;
        m_counters.spansRejectedRateLimited += batch.spans.size();
        for (const auto &[service, spans] : spansPerService(batch.spans))
            m_senders.rejected(batch.protocol, batch.sender, service, SpanRejection::RateLimited, spans,
                QStringLiteral("over MAX_TRACES_PER_SECOND"));
        base.status = IngestOutcome::Status::RateLimited;
        base.retryAfterSeconds = wait;
        base.error = QStringLiteral("over the limit of %1 traces per second (MAX_TRACES_PER_SECOND); retry in %2 s")
                         .arg(m_limits.maxTracesPerSecond)
                         .arg(wait);
        return QtFuture::makeReadyFuture(base);
    }
    const qint64 count = batch.spans.size();
    // Implicitly shared: keeping the spans for the hook costs a reference, not a copy.
    QList<Span> forHook = m_committedHook ? batch.spans : QList<Span>();
    const int protocol = int(batch.protocol);
    const QString sender = batch.sender;
    const ServiceSpans written = spansPerService(batch.spans);
    return m_store.write(std::move(batch.spans)).then(QtFuture::Launch::Sync, [this, base, count, forHook, protocol, sender, written](const WriteResult &r) {
        const auto record = [&](SpanRejection reason, const QString &message) {
            for (const auto &[service, spans] : written)
                m_senders.rejected(IngestProtocolId(protocol), sender, service, reason, spans, message);
        };
        IngestOutcome out = base;
        switch (r.status) {
        case WriteResult::Status::Committed:
            out.status = IngestOutcome::Status::Committed;
            out.acceptedSpans = count;
            m_counters.spansAccepted += count;
            m_counters.spansAcceptedByProtocol[size_t(protocol)] += count;
            for (const auto &[service, spans] : written)
                m_senders.accepted(IngestProtocolId(protocol), sender, service, spans);
            if (m_committedHook)
                m_committedHook(forHook);
            break;
        case WriteResult::Status::QueueFull:
            m_counters.spansRejectedOverloaded += count;
            out.status = IngestOutcome::Status::Overloaded;
            out.error = QStringLiteral("the ingest queue is full; retry later");
            ++m_counters.requestsOverloaded;
            record(SpanRejection::Overloaded, out.error);
            break;
        case WriteResult::Status::Closed:
            m_counters.spansRejectedOverloaded += count;
            out.status = IngestOutcome::Status::Overloaded;
            out.error = QStringLiteral("the server is shutting down; retry later");
            ++m_counters.requestsOverloaded;
            record(SpanRejection::Overloaded, out.error);
            break;
        case WriteResult::Status::Failed:
            out.status = IngestOutcome::Status::Failed;
            out.error = QStringLiteral("storing the spans failed: ") + r.error;
            out.retryAfterSeconds = 5;
            ++m_counters.requestsFailed;
            record(SpanRejection::Failed, out.error);
            break;
        }
        return out;
    });
}

} // namespace spanlight
