#include "traceexport.h"

#include "ingest/otlpcodec.h"

#include <QCoreApplication>
#include <QSaveFile>

namespace spanlight {

TraceExportOutcome writeTraceOtlpJson(const TraceDetails &trace, const QString &path)
{
    TraceExportOutcome out;
    QList<Span> spans;
    spans.reserve(trace.spans.size());
    for (const SpanView &v : trace.spans)
        spans.append(v.span);
    const QByteArray json = encodeOtlpJson(spans);

    // QSaveFile: a failed or interrupted write leaves an existing file as it was.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit()) {
        out.error = QCoreApplication::translate("spanlight::TraceExport", "Could not write %1: %2")
                        .arg(path, file.errorString());
        return out;
    }
    out.ok = true;
    out.spans = spans.size();
    out.bytes = json.size();
    return out;
}

} // namespace spanlight
