#pragma once

#include "analysis/traceanalysis.h"

#include <optional>

namespace spanlight {

// What the console asks of the server. Called on the console's worker thread, never on the
// GUI thread, so an implementation may block on the database; it must be safe to call from
// a thread other than the one that created it. The store-backed one is in serverbinding.h;
// tests plug in their own.
class TraceSource
{
public:
    virtual ~TraceSource() = default;
    virtual TraceList listTraces(const TraceFilter &filter) const = 0;
    virtual std::optional<TraceDetails> trace(const QByteArray &traceId) const = 0;
};

} // namespace spanlight
