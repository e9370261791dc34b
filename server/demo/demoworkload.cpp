#include "demoworkload.h"

#include "rng.h"
#include "shop.h"
#include "storage/store.h"
#include "storefeeder.h"
#include "tracebuilder.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QTimer>

namespace spanlight::demo {

namespace {

const qint64 kSecondNs = 1000000000;
const qint64 kMinuteNs = 60 * kSecondNs;
const qint64 kHourNs = 60 * kMinuteNs;

// The last ordinary traces start this long before now, so that their spans (a few seconds,
// outliers included) have ended by then.
const qint64 kSettledNs = 30 * kSecondNs;

TraceShape entry(const QString &service, const QString &operation)
{
    TraceShape shape;
    shape.service = service;
    shape.operation = operation;
    return shape;
}

} // namespace

DemoFacts generateDemo(const DemoOptions &options, const std::function<void(QList<Span> &&)> &sink)
{
    const Shop shop = makeShop();
    Rng rng(options.seed);
    Counters counters;
    TraceBuilder builder(shop, rng, counters);
    DemoFacts facts;
    const qint64 now = options.nowNs;
    auto deliver = [&](QList<Span> &&spans) {
        for (const Span &s : spans)
            facts.latestEndNs = std::max(facts.latestEndNs, s.endTimeUnixNano);
        sink(std::move(spans));
    };
    // Spread evenly over [from, to), with a little jitter.
    auto spread = [&](int count, qint64 from, qint64 to, const TraceShape &shape) {
        const double step = double(to - from) / double(std::max(1, count));
        for (int i = 0; i < count; ++i)
            deliver(builder.build(from + qint64(step * (i + rng.uniform())), shape));
    };

    spread(options.dayTraces, now - 24 * kHourNs, now - kHourNs, {});
    spread(options.hourTraces, now - kHourNs, now - kSettledNs, {});

    TraceShape burst = entry(QStringLiteral("frontend"), QStringLiteral("POST /checkout"));
    burst.failStep = QStringLiteral("POST /v1/charges");
    burst.failRate = 0.85;
    spread(options.burstTraces, now - 25 * kMinuteNs, now - 21 * kMinuteNs, burst);

    // Slow checkouts (the fraud check hangs) and searches (the index is cold), over the hour.
    for (int i = 0; i < options.slowTraces; ++i) {
        TraceShape slow = i % 2 == 0 ? entry(QStringLiteral("frontend"), QStringLiteral("POST /checkout"))
                                     : entry(QStringLiteral("frontend"), QStringLiteral("GET /search"));
        slow.slowStep = i % 2 == 0 ? QStringLiteral("fraud check") : QStringLiteral("search products");
        slow.slowFactor = 250 + 150 * rng.uniform(); // seconds instead of milliseconds
        slow.spanBudget = 200; // so that the call reaches the slow step
        const qint64 start
            = now - kHourNs + qint64(double(kHourNs - 2 * kMinuteNs) * (i + 0.5) / options.slowTraces);
        QList<Span> spans = builder.build(start, slow);
        if (!spans.isEmpty())
            facts.slowTraceIds.append(spans.constFirst().traceId);
        deliver(std::move(spans));
    }

    // A batch job: 50 shards of an index rebuild, each a search call with 25 stock lookups and
    // 30 bulk writes. Outside the Dashboard's 15 minutes, whose figures it would swamp.
    TraceShape deep = entry(QStringLiteral("inventory"), QStringLiteral("rebuild-search-index"));
    deep.spanBudget = 1 << 30;
    {
        QList<Span> spans = builder.build(now - 45 * kMinuteNs, deep);
        facts.deepTraceId = spans.constFirst().traceId;
        facts.deepTraceSpans = int(spans.size());
        deliver(std::move(spans));
    }
    {
        QList<Span> spans = builder.build(
            now - 2 * kMinuteNs, entry(QStringLiteral("frontend"), QStringLiteral("POST /checkout")));
        facts.typicalTraceId = spans.constFirst().traceId;
        deliver(std::move(spans));
    }
    facts.spans = counters.spans;
    facts.traces = counters.traces;
    facts.errorSpans = counters.errors;
    return facts;
}

DemoLoad loadDemo(Store &store, const DemoOptions &options)
{
    DemoLoad load;
    QElapsedTimer timer;
    timer.start();
    const Shop shop = makeShop();
    StoreFeeder feeder(store, shop);
    int traces = 0;
    load.facts = generateDemo(options, [&](QList<Span> &&spans) {
        feeder.add(std::move(spans));
        if (++traces % 300 == 0)
            feeder.flush();
    });
    load.ok = feeder.finish() && feeder.written() == load.facts.spans;
    if (!load.ok)
        load.error = feeder.firstError().isEmpty()
            ? QStringLiteral("the store wrote %1 of %2 spans").arg(feeder.written()).arg(load.facts.spans)
            : feeder.firstError();
    load.seconds = double(timer.nsecsElapsed()) / 1e9;
    return load;
}

LiveTraffic::LiveTraffic(Store &store, quint64 seed, double tracesPerSecond)
    : m_store(store)
    , m_seed(seed)
    , m_rate(tracesPerSecond)
{
    m_thread.setObjectName(QStringLiteral("demo-traffic"));
}

LiveTraffic::~LiveTraffic()
{
    stop();
}

void LiveTraffic::start()
{
    if (m_thread.isRunning())
        return;
    m_thread.start();
    // Everything the timer uses lives on the thread and dies with its event loop.
    QTimer *timer = new QTimer;
    timer->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, timer, &QObject::deleteLater);
    QMetaObject::invokeMethod(timer, [this, timer] {
        struct State
        {
            Shop shop = makeShop();
            Rng rng;
            Counters counters;
            TraceBuilder builder;
            explicit State(quint64 seed)
                : rng(seed)
                , builder(shop, rng, counters)
            { }
        };
        auto state = std::make_shared<State>(m_seed);
        timer->setInterval(1000);
        QObject::connect(timer, &QTimer::timeout, timer, [this, state] {
            const qint64 now = QDateTime::currentMSecsSinceEpoch() * 1000000;
            const int count = std::max(1, int(m_rate * (0.5 + state->rng.uniform())));
            QList<QList<Span>> perService(state->shop.services.size());
            for (int i = 0; i < count; ++i) {
                // Started a few seconds ago, so that most of the trace has ended by now.
                const qint64 start = now - 4 * kSecondNs - qint64(state->rng.uniform() * double(kSecondNs));
                for (Span &s : state->builder.build(start))
                    perService[state->shop.serviceIndex.value(s.serviceName)].append(std::move(s));
            }
            // Fire and forget: a full queue drops the tick's spans, as an SDK would.
            for (QList<Span> &spans : perService)
                if (!spans.isEmpty())
                    m_store.write(std::move(spans));
            m_traces += count;
        });
        timer->start();
    });
}

void LiveTraffic::stop()
{
    if (!m_thread.isRunning())
        return;
    m_thread.quit();
    m_thread.wait();
}

} // namespace spanlight::demo
