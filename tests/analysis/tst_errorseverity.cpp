#include "analysis/errorseverity.h"

#include <QTest>

using namespace spanlight;

class TestErrorSeverity : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rule_data();
    void rule();
    void names();
    void fingerprint();
};

void TestErrorSeverity::rule_data()
{
    QTest::addColumn<bool>("root");
    QTest::addColumn<int>("kind");
    QTest::addColumn<qint64>("repeats");
    QTest::addColumn<QString>("expected");
    QTest::newRow("root server") << true << int(SpanKind::Server) << qint64(1) << "critical";
    QTest::newRow("root internal") << true << int(SpanKind::Internal) << qint64(1) << "critical";
    QTest::newRow("root repeating stays critical") << true << int(SpanKind::Server) << qint64(500) << "critical";
    QTest::newRow("server") << false << int(SpanKind::Server) << qint64(1) << "high";
    QTest::newRow("consumer") << false << int(SpanKind::Consumer) << qint64(1) << "high";
    QTest::newRow("server repeating") << false << int(SpanKind::Server) << qint64(10) << "critical";
    QTest::newRow("client") << false << int(SpanKind::Client) << qint64(1) << "medium";
    QTest::newRow("producer") << false << int(SpanKind::Producer) << qint64(9) << "medium";
    QTest::newRow("client repeating") << false << int(SpanKind::Client) << qint64(10) << "high";
    QTest::newRow("internal") << false << int(SpanKind::Internal) << qint64(1) << "low";
    QTest::newRow("unspecified") << false << int(SpanKind::Unspecified) << qint64(1) << "low";
    QTest::newRow("internal repeating") << false << int(SpanKind::Internal) << qint64(50) << "medium";
}

void TestErrorSeverity::rule()
{
    QFETCH(bool, root);
    QFETCH(int, kind);
    QFETCH(qint64, repeats);
    QFETCH(QString, expected);
    QCOMPARE(severityName(errorSeverity({root, SpanKind(kind), repeats})), expected);
}

void TestErrorSeverity::names()
{
    for (const char *n : {"low", "medium", "high", "critical"})
        QCOMPARE(severityName(*severityFromName(QLatin1String(n))), QLatin1String(n));
    QCOMPARE(severityFromName(QStringLiteral("HIGH")), Severity::High);
    QVERIFY(!severityFromName(QStringLiteral("urgent")));
}

void TestErrorSeverity::fingerprint()
{
    const auto fp = [](const char *message) {
        return errorFingerprint(QStringLiteral("api"), QStringLiteral("GET /x"), QStringLiteral("Timeout"),
                                QLatin1String(message));
    };
    QCOMPARE(fp("timeout after 30012 ms"), fp("timeout after 29987 ms"));
    QCOMPARE(fp("user 'alice' not found"), fp("user 'bob' not found"));
    QCOMPARE(fp("order 5b8efff798038103 failed"), fp("order d269b633813fc60c failed"));
    QVERIFY(fp("timeout after 30012 ms") != fp("connection refused"));
    QVERIFY(fp("x") != errorFingerprint(QStringLiteral("other"), QStringLiteral("GET /x"), QStringLiteral("Timeout"),
                                        QStringLiteral("x")));
    QCOMPARE(fp("x").size(), 16);
}

QTEST_GUILESS_MAIN(TestErrorSeverity)
#include "tst_errorseverity.moc"
