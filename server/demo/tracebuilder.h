#pragma once

#include "core/span.h"

#include <QList>
#include <QString>

#include <memory>

namespace spanlight::demo {

class Rng;
struct Shop;

// What a TraceBuilder has built so far.
struct Counters
{
    qint64 spans = 0;
    qint64 errors = 0;
    qint64 traces = 0;
    qint64 exceptionEvents = 0;
    int smallestTrace = 1 << 30;
    int largestTrace = 0;
};

// What one trace should look like. The default is the shop's ordinary traffic: an entry
// operation picked by weight, at most 60 spans.
struct TraceShape
{
    QString service; // the entry; empty: picked by the shop's weights
    QString operation;
    int spanBudget = 60; // spans at most (calls stop being made when it runs out)
    QString slowStep; // a step (span name) that takes slowFactor times its usual time
    double slowFactor = 1.0;
    QString failStep; // a step (span name) that fails with probability failRate
    double failRate = 0.0;
};

// Builds one trace at a time of the shop's traffic, in the order the spans end (children
// first), as services would export them: the callee's SERVER span is the child of the caller's
// CLIENT span, a Kafka hop, databases and caches as CLIENT leaves with db.* attributes, ~3%
// failed spans with exception events, gRPC and HTTP codes, log-normal durations with slow
// outliers. Everything is drawn from `rng`, so a seed gives the same spans on every run.
class TraceBuilder
{
public:
    // `shop`, `rng` and `counters` must outlive the builder.
    TraceBuilder(const Shop &shop, Rng &rng, Counters &counters);
    ~TraceBuilder();

    QList<Span> build(qint64 startNs, const TraceShape &shape = {});

private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace spanlight::demo
