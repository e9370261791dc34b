#include "core/ids.h"
#include "core/logging.h"
#include "core/span.h"
#include "core/timeformat.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace spanlight;

class TestCore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void hexRoundTrip_data();
    void hexRoundTrip();
    void isoParse_data();
    void isoParse();
    void isoFormat();
    void validation_data();
    void validation();
    void timeoutClassification();
    void jsonLogLines();
};

void TestCore::hexRoundTrip_data()
{
    QTest::addColumn<QString>("hex");
    QTest::addColumn<int>("bytes");
    QTest::addColumn<QString>("expected"); // empty: invalid
    QTest::newRow("trace128") << "5B8EFFF798038103D269B633813FC60C" << 16 << "5b8efff798038103d269b633813fc60c";
    QTest::newRow("trace64 padded") << "d269b633813fc60c" << 16 << "0000000000000000d269b633813fc60c";
    QTest::newRow("span") << "eee19b7ec3c1b174" << 8 << "eee19b7ec3c1b174";
    QTest::newRow("odd length") << "abc" << 8 << "";
    QTest::newRow("not hex") << "zzzzzzzzzzzzzzzz" << 8 << "";
    QTest::newRow("too long span") << "eee19b7ec3c1b17400" << 8 << "";
    QTest::newRow("short span") << "eee19b7e" << 8 << "";
    QTest::newRow("empty") << "" << 8 << "";
}

void TestCore::hexRoundTrip()
{
    QFETCH(QString, hex);
    QFETCH(int, bytes);
    QFETCH(QString, expected);
    const QByteArray id = idFromHex(hex, bytes);
    if (expected.isEmpty()) {
        QVERIFY(id.isEmpty());
        return;
    }
    QCOMPARE(id.size(), bytes);
    QCOMPARE(idToHex(id), expected);
}

void TestCore::isoParse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("nanos"); // -1: invalid
    QTest::newRow("zulu") << "2025-01-01T00:00:00Z" << qint64(1735689600) * 1000000000;
    QTest::newRow("fraction") << "2025-01-01T00:00:00.5Z" << qint64(1735689600) * 1000000000 + 500000000;
    QTest::newRow("nanos") << "2025-01-01T00:00:00.000000001Z" << qint64(1735689600) * 1000000000 + 1;
    QTest::newRow("offset") << "2025-01-01T02:00:00+02:00" << qint64(1735689600) * 1000000000;
    QTest::newRow("date only") << "2025-01-01" << qint64(1735689600) * 1000000000;
    QTest::newRow("no zone") << "2025-01-01T00:00:00" << qint64(-1);
    QTest::newRow("garbage") << "yesterday" << qint64(-1);
    QTest::newRow("bad month") << "2025-13-01T00:00:00Z" << qint64(-1);
}

void TestCore::isoParse()
{
    QFETCH(QString, text);
    QFETCH(qint64, nanos);
    const auto parsed = nanosFromIso(text);
    if (nanos < 0) {
        QVERIFY(!parsed);
        return;
    }
    QVERIFY(parsed);
    QCOMPARE(*parsed, nanos);
}

void TestCore::isoFormat()
{
    QCOMPARE(isoFromNanos(qint64(1735689600) * 1000000000 + 123456789), QStringLiteral("2025-01-01T00:00:00.123456Z"));
    const qint64 t = qint64(1735689600) * 1000000000 + 42000;
    QCOMPARE(*nanosFromIso(isoFromNanos(t)), t);
}

static Span validSpan()
{
    Span s;
    s.traceId = QByteArray::fromHex("5b8efff798038103d269b633813fc60c");
    s.spanId = QByteArray::fromHex("eee19b7ec3c1b174");
    s.startTimeUnixNano = 1000;
    s.endTimeUnixNano = 2000;
    return s;
}

void TestCore::validation_data()
{
    QTest::addColumn<int>("mutation");
    QTest::addColumn<bool>("valid");
    QTest::newRow("valid") << 0 << true;
    QTest::newRow("zero trace id") << 1 << false;
    QTest::newRow("short span id") << 2 << false;
    QTest::newRow("end before start") << 3 << false;
    QTest::newRow("bad parent") << 4 << false;
    QTest::newRow("no start") << 5 << false;
    QTest::newRow("zero duration ok") << 6 << true;
}

void TestCore::validation()
{
    QFETCH(int, mutation);
    QFETCH(bool, valid);
    Span s = validSpan();
    switch (mutation) {
    case 1: s.traceId = QByteArray(16, '\0'); break;
    case 2: s.spanId = QByteArray(4, 'x'); break;
    case 3: s.endTimeUnixNano = 10; break;
    case 4: s.parentSpanId = QByteArray(3, 'x'); break;
    case 5: s.startTimeUnixNano = 0; break;
    case 6: s.endTimeUnixNano = s.startTimeUnixNano; break;
    }
    QCOMPARE(validateSpan(s).isEmpty(), valid);
    SpanBatch batch;
    batch.spans = {s, validSpan()};
    validateBatch(batch);
    QCOMPARE(batch.spans.size(), valid ? 2 : 1);
    QCOMPARE(batch.rejectedSpans, valid ? 0 : 1);
    QCOMPARE(batch.rejectReasons.size(), valid ? 0 : 1);
}

void TestCore::timeoutClassification()
{
    Span s = validSpan();
    QVERIFY(!isErrorSpan(s));
    QVERIFY(!isTimeoutError(s));
    s.statusCode = StatusCode::Error;
    QVERIFY(isErrorSpan(s));
    QVERIFY(!isTimeoutError(s));
    s.attributes.insert(QStringLiteral("http.response.status_code"), 504);
    QVERIFY(isTimeoutError(s));
    s.attributes = {};
    s.events.append(SpanEvent{1500, QStringLiteral("exception"),
                              QJsonObject{{QStringLiteral("exception.type"), QStringLiteral("java.net.SocketTimeoutException")}}, 0});
    QVERIFY(isTimeoutError(s));
    s.statusCode = StatusCode::Ok;
    QVERIFY(!isTimeoutError(s));
}

void TestCore::jsonLogLines()
{
    // A message with quotes, a newline, a backslash and non-ASCII stays one line and reads back whole.
    const QString message = QStringLiteral("say \"hi\"\nnext line \\ caf\u00e9 \u65e5\u672c");
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(1764590400123, Qt::UTC);
    const QByteArray line = jsonLogLine(QtWarningMsg, "spanlight.ingest", message, time);
    QVERIFY(!line.contains('\n'));
    const QJsonObject o = QJsonDocument::fromJson(line).object();
    QCOMPARE(o.value(QStringLiteral("message")).toString(), message);
    QCOMPARE(o.value(QStringLiteral("level")).toString(), QStringLiteral("WARNING"));
    QCOMPARE(o.value(QStringLiteral("category")).toString(), QStringLiteral("spanlight.ingest"));
    QCOMPARE(o.value(QStringLiteral("time")).toString(), QStringLiteral("2025-12-01T12:00:00.123Z"));
    QCOMPARE(QJsonDocument::fromJson(jsonLogLine(QtCriticalMsg, nullptr, {}, time)).object().value(QStringLiteral("level")),
             QStringLiteral("ERROR"));
}

QTEST_GUILESS_MAIN(TestCore)
#include "tst_core.moc"
