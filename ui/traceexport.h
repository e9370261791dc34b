#pragma once

#include "analysis/traceanalysis.h"

#include <QString>

namespace spanlight {

// What writing a trace to a file gave: the spans written, or why nothing was.
struct TraceExportOutcome
{
    bool ok = false;
    qint64 spans = 0;
    qint64 bytes = 0;
    QString error; // for people, translated, when !ok
};

// Writes the trace's spans as one OTLP/JSON ExportTraceServiceRequest (encodeOtlpJson) to
// `path`, replacing the file only once it is complete. Blocking: call it on a worker thread.
TraceExportOutcome writeTraceOtlpJson(const TraceDetails &trace, const QString &path);

} // namespace spanlight
