#pragma once

#include "analysis/serviceanalysis.h"
#include "analysis/traceanalysis.h"

#include <optional>

namespace spanlight {

// What the console asks of the server. Called on the console's worker thread, never on the
// GUI thread, so an implementation may block on the database; it must be safe to call from
// a thread other than the one that created it. The store-backed one is in serverbinding.h;
// tests plug in their own.
//
// The analysis reads have empty defaults, so a source that only serves traces (the tests'
// fakes of the trace list) stays valid; the pages then show "nothing yet".
class TraceSource
{
public:
    virtual ~TraceSource() = default;
    virtual TraceList listTraces(const TraceFilter &filter) const = 0;
    virtual std::optional<TraceDetails> trace(const QByteArray &traceId) const = 0;

    // Every stored service with its operations (ServiceAnalysis::services()).
    virtual ServicesOverview servicesOverview() const { return {}; }
    // A service's requests over the window, every operation (ServiceAnalysis::performance()).
    virtual ServicePerformance servicePerformance(const QString &service, const TimeWindow &window) const
    {
        ServicePerformance p;
        p.service = service;
        p.window = window;
        return p;
    }
    virtual ErrorList errors(const ErrorQuery &query) const
    {
        Q_UNUSED(query)
        return {};
    }
    virtual DependencyGraph dependencies(const TimeWindow &window) const
    {
        Q_UNUSED(window)
        return {};
    }
    // Null for a name that is neither a stored service nor a node of the window's graph.
    virtual std::optional<DependencyImpact> impact(const QString &name, const TimeWindow &window) const
    {
        Q_UNUSED(name)
        Q_UNUSED(window)
        return std::nullopt;
    }
};

} // namespace spanlight
