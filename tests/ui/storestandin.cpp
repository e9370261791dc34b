// Stand-in for the three Store reads that spanlight_analysis calls, compiled only while
// server/storage defines no target (see CMakeLists.txt). The UI tests never reach a store:
// models take value snapshots, and the controller tests use their own TraceSource.
#include "storage/store.h"

namespace spanlight {

TraceSearchResult Store::searchTraces(const TraceFilter &) const
{
    qFatal("Store::searchTraces called in a UI test");
}

std::optional<TraceSummary> Store::traceSummary(const QByteArray &) const
{
    qFatal("Store::traceSummary called in a UI test");
}

QList<Span> Store::traceSpans(const QByteArray &) const
{
    qFatal("Store::traceSpans called in a UI test");
}

} // namespace spanlight
