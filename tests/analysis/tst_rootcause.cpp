#include "analysis/rootcause.h"
#include "demo/faultworkload.h"

#include <QTemporaryDir>
#include <QTest>

using namespace spanlight;

namespace {

const qint64 kMs = 1000000;
const qint64 kMinute = 60000 * kMs;
const qint64 kT0 = qint64(1699999200) * 1000 * kMs; // an hour boundary

// A span of a hand-made tree: id and parent are small numbers, `failed` sets error status.
Span span(int id, int parent, const char *name, bool failed, qint64 start = 0)
{
    Span s;
    s.traceId = QByteArray(16, '\x01');
    s.spanId = QByteArray(7, '\0') + char(id);
    if (parent)
        s.parentSpanId = QByteArray(7, '\0') + char(parent);
    s.serviceName = QStringLiteral("svc");
    s.name = QLatin1String(name);
    s.startTimeUnixNano = kT0 + start;
    s.endTimeUnixNano = kT0 + start + 10 * kMs;
    if (failed)
        s.statusCode = StatusCode::Error;
    return s;
}

QStringList list(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items)
        out.append(QLatin1String(item));
    return out;
}

QStringList names(const QList<SpanView> &spans, const QList<qsizetype> &chain)
{
    QStringList out;
    for (qsizetype i : chain)
        out.append(spans[i].span.name);
    return out;
}

qsizetype indexOf(const QList<SpanView> &spans, const char *name)
{
    for (qsizetype i = 0; i < spans.size(); ++i)
        if (spans[i].span.name == QLatin1String(name))
            return i;
    return -1;
}

} // namespace

// The origin rule on hand-made trees, then error origins over the fault workload's error burst.
class TestRootCause : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void chains_data();
    void chains();
    void origins_data();
    void origins();
};

void TestRootCause::chains_data()
{
    QTest::addColumn<QList<Span>>("spans");
    QTest::addColumn<QString>("start");
    QTest::addColumn<QStringList>("chain");
    QTest::newRow("alone") << QList<Span> { span(1, 0, "root", true) } << "root" << list({ "root" });
    QTest::newRow("failed leaf")
        << QList<Span> { span(1, 0, "root", true), span(2, 1, "mid", true), span(3, 2, "leaf", true),
               span(4, 1, "ok", false) }
        << "root" << list({ "root", "mid", "leaf" });
    // A failure under a span that succeeded is not this error's cause.
    QTest::newRow("stops at success")
        << QList<Span> { span(1, 0, "root", true), span(2, 1, "mid", false), span(3, 2, "leaf", true) } << "root"
        << list({ "root" });
    QTest::newRow("longest failed chain")
        << QList<Span> { span(1, 0, "root", true), span(2, 1, "short", true, 1), span(3, 1, "long", true, 2),
               span(4, 3, "deeper", true, 3) }
        << "root" << list({ "root", "long", "deeper" });
    QTest::newRow("earliest on a tie")
        << QList<Span> { span(1, 0, "root", true), span(3, 1, "later", true, 5), span(2, 1, "earlier", true, 1) }
        << "root" << list({ "root", "earlier" });
    QTest::newRow("from the middle")
        << QList<Span> { span(1, 0, "root", true), span(2, 1, "mid", true), span(3, 2, "leaf", true) } << "mid"
        << list({ "mid", "leaf" });
}

void TestRootCause::chains()
{
    QFETCH(QList<Span>, spans);
    QFETCH(QString, start);
    QFETCH(QStringList, chain);
    const QList<SpanView> tree = TraceAnalysis::buildTree(spans);
    QCOMPARE(names(tree, originChain(tree, indexOf(tree, qPrintable(start)))), chain);
    QVERIFY(originChain(tree, -1).isEmpty());
    QVERIFY(originChain(tree, tree.size()).isEmpty());
}

void TestRootCause::origins_data()
{
    QTest::addColumn<bool>("faults");
    QTest::newRow("steady") << false;
    QTest::newRow("faults") << true;
}

void TestRootCause::origins()
{
    QFETCH(bool, faults);
    QTemporaryDir dir;
    QString error;
    std::unique_ptr<Store> store = Store::open(QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("s.db")), &error);
    QVERIFY2(store, qPrintable(error));
    demo::FaultWorkload w;
    w.fromNs = kT0;
    w.toNs = kT0 + 30 * kMinute;
    if (faults)
        w.errorBurst = std::make_pair(kT0 + 10 * kMinute, kT0 + 15 * kMinute);
    QVERIFY2(w.writeTo(*store, &error), qPrintable(error));
    const RootCauseAnalysis analysis(*store);
    const ErrorOrigins o = analysis.origins({ kT0, kT0 + 30 * kMinute });
    if (!faults) {
        QCOMPARE(o.totalErrors, 0);
        QVERIFY(o.origins.isEmpty());
        return;
    }
    // Every failed span of a burst trace (db, inventory, checkout, frontend) starts at the database.
    QVERIFY(o.totalErrors > 20);
    QCOMPARE(o.analysedErrors, o.totalErrors);
    QCOMPARE(o.origins.size(), 1);
    const ErrorOrigin &g = o.origins[0];
    QCOMPARE(g.service, QStringLiteral("inventory-db"));
    QCOMPARE(g.operation, QStringLiteral("UPDATE stock"));
    QCOMPARE(g.type, QStringLiteral("DeadlockDetected"));
    QCOMPARE(g.share, 1.0);
    QCOMPARE(g.errors, o.totalErrors);
    QCOMPARE(g.exampleErrorIds.size(), 5);
    QStringList affected;
    for (const AffectedService &a : g.affected) {
        affected.append(a.service);
        QCOMPARE(a.share, 1.0);
        QCOMPARE(a.errors * 4, g.errors); // one failed span per service and trace
    }
    affected.sort();
    QCOMPARE(affected, list({ "checkout", "frontend", "inventory", "inventory-db" }));

    // One error: checkout's, traced down to the database.
    ErrorFilter f;
    f.service = QStringLiteral("checkout");
    const QList<ErrorRecord> errors = store->errors(f, 1, 0);
    QCOMPARE(errors.size(), 1);
    const std::optional<RootCause> cause = analysis.rootCause(errors[0].traceId, errors[0].spanId);
    QVERIFY(cause);
    QCOMPARE(cause->chain.size(), 3);
    QCOMPARE(cause->chain[0].service, QStringLiteral("checkout"));
    QCOMPARE(cause->chain[0].errorType, QStringLiteral("ReservationError"));
    QCOMPARE(cause->chain[1].service, QStringLiteral("inventory"));
    QCOMPARE(cause->origin().service, QStringLiteral("inventory-db"));
    QCOMPARE(cause->origin().operation, QStringLiteral("UPDATE stock"));
    QCOMPARE(cause->origin().errorType, QStringLiteral("DeadlockDetected"));
    QVERIFY(!analysis.rootCause(errors[0].traceId, QByteArray(8, '\x7f')));
}

QTEST_GUILESS_MAIN(TestRootCause)
#include "tst_rootcause.moc"
