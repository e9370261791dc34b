// The demo workload: seeded (same seed, same spans), the traces a newcomer should find are
// there (a deep trace with one root and a valid parent chain, slow traces, an error burst),
// its times end near "now", and it loads into a real store.
#include "demo/demoworkload.h"
#include "storage/store.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace spanlight;
using namespace spanlight::demo;

class TstDemoWorkload : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameSeedSameSpans();
    void deepTraceIsOneTree();
    void slowTracesAndErrorBurst();
    void endsNearNow();
    void loadsIntoAStore();
};

namespace {

constexpr qint64 kNow = 1'800'000'000'000'000'000;
constexpr qint64 kMinuteNs = qint64(60) * 1000000000;

DemoOptions options(quint64 seed = 7)
{
    DemoOptions o;
    o.nowNs = kNow;
    o.seed = seed;
    return o;
}

// A digest over what identifies each span and how long it took, in generation order.
QByteArray checksum(const DemoOptions &o)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    generateDemo(o, [&](QList<Span> &&spans) {
        for (const Span &s : spans) {
            hash.addData(s.traceId);
            hash.addData(s.spanId);
            hash.addData(s.parentSpanId);
            const qint64 times[] = { s.startTimeUnixNano, s.endTimeUnixNano };
            hash.addData(QByteArrayView(reinterpret_cast<const char *>(times), sizeof times));
            hash.addData(s.name.toUtf8());
        }
    });
    return hash.result().toHex();
}

QHash<QByteArray, QList<Span>> byTrace(const DemoOptions &o, DemoFacts *facts)
{
    QHash<QByteArray, QList<Span>> traces;
    *facts = generateDemo(o, [&](QList<Span> &&spans) {
        for (Span &s : spans)
            traces[s.traceId].append(std::move(s));
    });
    return traces;
}

const Span *rootOf(const QList<Span> &spans)
{
    for (const Span &s : spans)
        if (s.parentSpanId.isEmpty())
            return &s;
    return nullptr;
}

} // namespace

void TstDemoWorkload::sameSeedSameSpans()
{
    const QByteArray first = checksum(options());
    QCOMPARE(checksum(options()), first);
    QVERIFY(checksum(options(8)) != first);
}

void TstDemoWorkload::deepTraceIsOneTree()
{
    DemoFacts facts;
    const auto traces = byTrace(options(), &facts);
    QCOMPARE(traces.size(), facts.traces); // trace ids do not collide
    const QList<Span> deep = traces.value(facts.deepTraceId);
    QCOMPARE(deep.size(), facts.deepTraceSpans);
    QVERIFY2(deep.size() >= 5000, qPrintable(QString::number(deep.size())));
    QSet<QByteArray> ids;
    int roots = 0;
    for (const Span &s : deep) {
        QVERIFY(!ids.contains(s.spanId));
        ids.insert(s.spanId);
        if (s.parentSpanId.isEmpty())
            ++roots;
    }
    QCOMPARE(roots, 1);
    // Every parent is in the trace and the chain up from any span reaches the root.
    QHash<QByteArray, QByteArray> parentOf;
    for (const Span &s : deep)
        parentOf.insert(s.spanId, s.parentSpanId);
    int deepest = 0;
    for (const Span &s : deep) {
        QByteArray at = s.spanId;
        int depth = 0;
        while (!parentOf.value(at).isEmpty()) {
            at = parentOf.value(at);
            QVERIFY2(parentOf.contains(at), "a parent outside the trace");
            QVERIFY(++depth < deep.size()); // no cycle
        }
        deepest = std::max(deepest, depth);
    }
    QVERIFY2(deepest >= 4, qPrintable(QString::number(deepest)));
    // Children lie within the root's time.
    const Span *root = rootOf(deep);
    for (const Span &s : deep) {
        QVERIFY(s.startTimeUnixNano >= root->startTimeUnixNano);
        QVERIFY(s.endTimeUnixNano <= root->endTimeUnixNano);
    }
}

void TstDemoWorkload::slowTracesAndErrorBurst()
{
    DemoFacts facts;
    const auto traces = byTrace(options(), &facts);
    QCOMPARE(facts.slowTraceIds.size(), options().slowTraces);
    for (const QByteArray &id : facts.slowTraceIds) {
        const Span *root = rootOf(traces.value(id));
        QVERIFY(root);
        QVERIFY2(
            root->durationNano() > qint64(1000) * 1000000, qPrintable(QString::number(root->durationNano())));
    }
    // The burst: most checkouts between 25 and 21 minutes ago fail, against ~1-2% elsewhere.
    int checkouts = 0, failed = 0;
    for (const QList<Span> &spans : traces) {
        const Span *root = rootOf(spans);
        if (!root || root->name != u"POST /checkout" || root->startTimeUnixNano < kNow - 25 * kMinuteNs
            || root->startTimeUnixNano >= kNow - 21 * kMinuteNs)
            continue;
        ++checkouts;
        failed += std::any_of(spans.cbegin(), spans.cend(),
            [](const Span &s) { return s.name == u"POST /v1/charges" && s.statusCode == StatusCode::Error; });
    }
    QVERIFY(checkouts >= options().burstTraces);
    QVERIFY2(failed > checkouts / 2, qPrintable(QStringLiteral("%1 of %2").arg(failed).arg(checkouts)));
}

void TstDemoWorkload::endsNearNow()
{
    DemoFacts facts;
    const auto traces = byTrace(options(), &facts);
    QVERIFY(facts.latestEndNs <= kNow);
    QVERIFY(facts.latestEndNs > kNow - 2 * kMinuteNs);
    // The Dashboard's 15 minutes are full of traffic, and the hour holds most of it.
    int last15 = 0;
    qint64 earliest = kNow;
    for (const QList<Span> &spans : traces) {
        for (const Span &s : spans) {
            QVERIFY(s.endTimeUnixNano <= kNow);
            QVERIFY(s.endTimeUnixNano >= s.startTimeUnixNano);
            earliest = std::min(earliest, s.startTimeUnixNano);
        }
        if (const Span *root = rootOf(spans); root && root->startTimeUnixNano >= kNow - 15 * kMinuteNs)
            ++last15;
    }
    QVERIFY2(last15 >= options().hourTraces / 5, qPrintable(QString::number(last15)));
    QVERIFY(earliest >= kNow - 24 * 60 * kMinuteNs);
}

void TstDemoWorkload::loadsIntoAStore()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString error;
    auto store = Store::open(QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("demo.db")), &error);
    QVERIFY2(store, qPrintable(error));
    DemoOptions o = options();
    o.nowNs = QDateTime::currentMSecsSinceEpoch() * 1000000;
    const DemoLoad load = loadDemo(*store, o);
    QVERIFY2(load.ok, qPrintable(load.error));
    qInfo("demo: %lld spans in %lld traces loaded in %.1f s", qlonglong(load.facts.spans),
        qlonglong(load.facts.traces), load.seconds);
    const auto summary = store->traceSummary(load.facts.deepTraceId);
    QVERIFY(summary);
    QCOMPARE(summary->spanCount, qint64(load.facts.deepTraceSpans));
    store->close();
}

QTEST_GUILESS_MAIN(TstDemoWorkload)
#include "tst_demoworkload.moc"
