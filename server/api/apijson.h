#pragma once

#include "analysis/traceanalysis.h"

#include <QJsonObject>

namespace spanlight {

// JSON shapes of the REST API, in one place.
QJsonObject traceListItemJson(const TraceSummary &summary);
QJsonObject traceListJson(const TraceList &list);
QJsonObject spanJson(const SpanView &view);
QJsonObject traceDetailsJson(const TraceDetails &details);

} // namespace spanlight
