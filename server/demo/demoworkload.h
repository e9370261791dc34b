#pragma once

#include "core/span.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QThread>

#include <atomic>
#include <functional>

namespace spanlight {
class Store;
}

namespace spanlight::demo {

// What the console's demo shows: the shop's traffic over the day ending at `nowNs`, most of it
// in the last hour (so the Dashboard's 15 minutes are live), plus what a newcomer should find:
// a deep trace (a batch job of 5,000+ spans), slow checkouts and searches, and an error burst
// (the payment provider answering 503 for a few minutes).
struct DemoOptions
{
    qint64 nowNs = 0;
    quint64 seed = 7;
    int hourTraces = 3000; // over the last hour
    int dayTraces = 600; // over the 23 hours before it
    int burstTraces = 150; // failing checkouts, 25 to 21 minutes ago
    int slowTraces = 12;
};

// The ids of the traces worth opening, and what was generated.
struct DemoFacts
{
    qint64 spans = 0;
    qint64 traces = 0;
    qint64 errorSpans = 0;
    QByteArray deepTraceId;
    int deepTraceSpans = 0;
    QByteArray typicalTraceId; // a checkout of about 40 spans, two minutes ago
    QList<QByteArray> slowTraceIds;
    qint64 latestEndNs = 0;
};

// Generates the demo trace by trace into `sink` (each trace's spans, children first). The same
// options give the same spans.
DemoFacts generateDemo(const DemoOptions &options, const std::function<void(QList<Span> &&)> &sink);

struct DemoLoad
{
    bool ok = false;
    QString error;
    DemoFacts facts;
    double seconds = 0; // generating and committing
};

// Generates the demo into `store` through Store::write (as the services would export it) and
// waits until every span is committed. Blocks: call it off the GUI thread.
DemoLoad loadDemo(Store &store, const DemoOptions &options);

// A trickle of new shop traffic into a store while the console runs, so that live pages move:
// a timer on its own thread writes a few traces a second, ending about now. Stop it before the
// store closes (the destructor does).
class LiveTraffic
{
public:
    LiveTraffic(Store &store, quint64 seed, double tracesPerSecond = 4.0);
    ~LiveTraffic();
    void start();
    void stop();
    qint64 tracesSent() const { return m_traces.load(); }

private:
    Store &m_store;
    quint64 m_seed;
    double m_rate;
    QThread m_thread;
    std::atomic<qint64> m_traces { 0 };
};

} // namespace spanlight::demo
