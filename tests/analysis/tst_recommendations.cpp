#include "analysis/recommendations.h"

#include <QTest>

using namespace spanlight;

namespace {

const qint64 kMs = 1000000;
const qint64 kT0 = qint64(1699999200) * 1000 * kMs;

// A span of a hand-made trace: [start, start + duration) in ms after kT0.
Span span(int id, int parent, const char *service, const char *name, double startMs, double durationMs,
    SpanKind kind = SpanKind::Client)
{
    Span s;
    s.traceId = QByteArray(16, '\x01');
    s.spanId = QByteArray(7, '\0') + char(id);
    if (parent)
        s.parentSpanId = QByteArray(7, '\0') + char(parent);
    s.serviceName = QLatin1String(service);
    s.name = QLatin1String(name);
    s.kind = kind;
    s.startTimeUnixNano = kT0 + qint64(startMs * double(kMs));
    s.endTimeUnixNano = s.startTimeUnixNano + qint64(durationMs * double(kMs));
    return s;
}

Span root(double durationMs)
{
    return span(1, 0, "api", "GET /x", 0, durationMs, SpanKind::Server);
}

Span failed(Span s)
{
    s.statusCode = StatusCode::Error;
    return s;
}

Span db(Span s)
{
    s.attributes.insert(QStringLiteral("db.system"), QStringLiteral("postgresql"));
    s.attributes.insert(QStringLiteral("db.statement"), QStringLiteral("SELECT 1"));
    return s;
}

// `n` sequential calls of `name` of 2 ms each under the root, from id 2.
QList<Span> loop(int n, const char *name, int failures = 0)
{
    QList<Span> out { root(3 * n + 5) };
    for (int i = 0; i < n; ++i) {
        Span s = span(2 + i, 1, "db", name, 1 + 3 * i, 2);
        out.append(i < failures ? failed(s) : s);
    }
    return out;
}

QString describe(const QList<Finding> &findings)
{
    QStringList out;
    for (const Finding &f : findings)
        out.append(QStringLiteral("%1 %2/%3 %4 %5").arg(f.rule, f.service, f.operation, f.detail).arg(f.savedMs));
    return out.join(u'\n');
}

} // namespace

// Each recommendation rule on hand-made traces, at and below its threshold.
class TestRecommendations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rules_data();
    void rules();
};

void TestRecommendations::rules_data()
{
    QTest::addColumn<QList<Span>>("spans");
    QTest::addColumn<QString>("rule"); // empty: no finding at all
    QTest::addColumn<QString>("service");
    QTest::addColumn<QString>("operation");
    QTest::addColumn<double>("savedMs");
    const QString api = QStringLiteral("api");
    const QString getX = QStringLiteral("GET /x");
    QTest::newRow("n+1 at 5") << loop(5, "q") << "n_plus_one" << api << getX << 8.0;
    QTest::newRow("4 calls are no n+1") << loop(4, "q") << QString() << QString() << QString() << 0.0;
    QTest::newRow("retry storm") << loop(3, "q", 2) << "retry_storm" << api << getX << 4.0;
    QTest::newRow("one failure is no storm") << loop(3, "q", 1) << QString() << QString() << QString() << 0.0;
    {
        // Three distinct calls one after another (5, 10, 20 ms): 15 ms saved in parallel.
        const QList<Span> spans { root(40), span(2, 1, "a", "one", 1, 5), span(3, 1, "b", "two", 7, 10),
            span(4, 1, "c", "three", 18, 20) };
        QTest::newRow("sequential") << spans << "sequential_calls" << api << getX << 15.0;
        QList<Span> overlapping = spans;
        overlapping[3] = span(4, 1, "c", "three", 10, 20); // starts before "two" ends
        QTest::newRow("overlapping calls") << overlapping << QString() << QString() << QString() << 0.0;
    }
    QTest::newRow("slow statement") << QList<Span> { root(200), db(span(2, 1, "db", "SELECT", 1, 150)) }
                                    << "slow_statement" << "db" << "SELECT" << 50.0;
    QTest::newRow("quick statement") << QList<Span> { root(150), db(span(2, 1, "db", "SELECT", 1, 99)) } << QString()
                                     << QString() << QString() << 0.0;
    QTest::newRow("slow call without db.system")
        << QList<Span> { root(200), span(2, 1, "b", "call", 1, 150) } << QString() << QString() << QString() << 0.0;
    QTest::newRow("self time") << QList<Span> { root(300), span(2, 1, "b", "call", 1, 50) } << "self_time" << api
                               << getX << 250.0;
    QTest::newRow("self time under half")
        << QList<Span> { root(300), span(2, 1, "b", "call", 1, 160) } << QString() << QString() << QString() << 0.0;
    QTest::newRow("leaf is not uninstrumented")
        << QList<Span> { root(300) } << QString() << QString() << QString() << 0.0;
    {
        QList<Span> fan { root(20) };
        for (int i = 0; i < 50; ++i) // parallel, each its own operation: only the fan-out
            fan.append(span(2 + i, 1, "b", qPrintable(QStringLiteral("op%1").arg(i)), 1, 10));
        QTest::newRow("fan-out of 50") << fan << "fan_out" << api << getX << 0.0;
        fan.removeLast();
        QTest::newRow("49 calls") << fan << QString() << QString() << QString() << 0.0;
    }
}

void TestRecommendations::rules()
{
    QFETCH(QList<Span>, spans);
    QFETCH(QString, rule);
    QFETCH(QString, service);
    QFETCH(QString, operation);
    QFETCH(double, savedMs);
    const QList<Finding> findings = traceFindings(TraceAnalysis::buildTree(spans));
    if (rule.isEmpty()) {
        QVERIFY2(findings.isEmpty(), qPrintable(describe(findings)));
        return;
    }
    QCOMPARE(findings.size(), 1);
    QVERIFY2(findings[0].rule == rule, qPrintable(describe(findings)));
    QCOMPARE(findings[0].service, service);
    QCOMPARE(findings[0].operation, operation);
    QVERIFY2(qAbs(findings[0].savedMs - savedMs) < 1e-6, qPrintable(describe(findings)));
}

QTEST_GUILESS_MAIN(TestRecommendations)
#include "tst_recommendations.moc"
