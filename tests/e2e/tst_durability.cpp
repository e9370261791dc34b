#include "ingest/otlpcodec.h"
#include "httptestclient.h"
#include "spanlightdprocess.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace spanlight;

// The promise "a 2xx means committed": spans acknowledged before a SIGKILL are all there after a restart.
class TestDurability : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void acknowledgedSpansSurviveSigkill();
    void sigtermShutsDownCleanly();
    void backupWhileIngestingAndRestore();

private:
    QProcessEnvironment environment() const;
    QJsonObject getJson(quint16 port, const QString &path, int *status);
    static QList<Span> traceOf(int index, int spans);

    QTemporaryDir m_dir;
    QNetworkAccessManager m_nam;
};

static constexpr int kSpansPerTrace = 40;

void TestDurability::initTestCase()
{
    QVERIFY(m_dir.isValid());
    if (qEnvironmentVariableIsEmpty("SPANLIGHTD_BIN"))
        QSKIP("SPANLIGHTD_BIN is not set (run through ctest)");
}

QProcessEnvironment TestDurability::environment() const
{
    QProcessEnvironment env = SpanlightdProcess::testEnvironment(m_dir.path(), QStringLiteral("d.db"), QStringLiteral("durable"));
    env.insert(QStringLiteral("LOG_LEVEL"), QStringLiteral("INFO"));
    return env;
}

QList<Span> TestDurability::traceOf(int index, int spans)
{
    QList<Span> out;
    const QByteArray traceId = QByteArray::fromHex(QByteArray::number(0xD0000000 + index, 16).rightJustified(32, '0'));
    const qint64 t0 = qint64(1735689600) * 1000000000 + qint64(index) * 1000000;
    for (int i = 0; i < spans; ++i) {
        Span s;
        s.traceId = traceId;
        s.spanId = QByteArray::fromHex(QByteArray::number(i + 1, 16).rightJustified(16, '0'));
        if (i > 0)
            s.parentSpanId = QByteArray::fromHex(QByteArray::number(1, 16).rightJustified(16, '0'));
        s.serviceName = QStringLiteral("svc-%1").arg(i % 3);
        s.resourceAttributes.insert(QStringLiteral("service.name"), s.serviceName);
        s.name = QStringLiteral("op-%1").arg(i);
        s.kind = i == 0 ? SpanKind::Server : SpanKind::Internal;
        s.startTimeUnixNano = t0 + i * 1000;
        s.endTimeUnixNano = t0 + 500000 - i;
        s.attributes.insert(QStringLiteral("i"), i);
        out.append(s);
    }
    return out;
}

QJsonObject TestDurability::getJson(quint16 port, const QString &path, int *status)
{
    const testsupport::Reply r = testsupport::request(m_nam, "GET", port, path, {}, {{"Authorization", "Bearer durable"}});
    *status = r.status;
    return r.json();
}

void TestDurability::acknowledgedSpansSurviveSigkill()
{
    SpanlightdProcess server(environment());
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));

    // Keep 8 exports in flight; kill the server once 60 have been acknowledged, mid-stream.
    QSet<int> acknowledged;
    int next = 0;
    int inFlight = 0;
    bool killed = false;
    QEventLoop loop;
    std::function<void()> sendOne = [&] {
        const int index = next++;
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/v1/traces").arg(server.otlpHttpPort())));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/x-protobuf"));
        QNetworkReply *reply = m_nam.post(request, encodeOtlpProtobuf(traceOf(index, kSpansPerTrace)));
        ++inFlight;
        connect(reply, &QNetworkReply::finished, &loop, [&, reply, index] {
            --inFlight;
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200)
                acknowledged.insert(index);
            reply->deleteLater();
            if (!killed && acknowledged.size() >= 60) {
                killed = true;
                server.kill();
            }
            if (!killed && next < 400)
                sendOne();
            if (inFlight == 0)
                loop.quit();
        });
    };
    for (int i = 0; i < 8; ++i)
        sendOne();
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    loop.exec();
    QVERIFY2(killed, "the server was never killed");
    QVERIFY(acknowledged.size() >= 60);

    SpanlightdProcess restarted(environment());
    QVERIFY2(restarted.start(&error), qPrintable(error));
    int missing = 0;
    for (int index : std::as_const(acknowledged)) {
        int status = 0;
        const QString id = QString::fromLatin1(QByteArray::number(0xD0000000 + index, 16).rightJustified(32, '0'));
        const QJsonObject trace = getJson(restarted.apiPort(), QStringLiteral("/traces/") + id, &status);
        if (status != 200 || trace.value(QStringLiteral("spans")).toArray().size() != kSpansPerTrace) {
            ++missing;
            qWarning() << "acknowledged trace" << id << "is missing or incomplete after SIGKILL, status" << status;
        }
    }
    QCOMPARE(missing, 0);
    int status = 0;
    const QJsonObject list = getJson(restarted.apiPort(), QStringLiteral("/traces?limit=1"), &status);
    QCOMPARE(status, 200);
    QVERIFY(list.value(QStringLiteral("total_count")).toInteger() >= acknowledged.size());
    QVERIFY(restarted.terminate());
}

void TestDurability::sigtermShutsDownCleanly()
{
    SpanlightdProcess server(environment());
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    QVERIFY2(server.terminate(), qPrintable(server.log()));
    QVERIFY(server.log().contains(QStringLiteral("stopped")));
}

void TestDurability::backupWhileIngestingAndRestore()
{
    // spanlightd backup copies a consistent snapshot while the server takes spans; restore is
    // refused while a server holds the database, and afterwards brings the snapshot back.
    const QString bin = QString::fromLocal8Bit(qgetenv("SPANLIGHTD_BIN"));
    QProcessEnvironment env = SpanlightdProcess::testEnvironment(m_dir.path(), QStringLiteral("b.db"), QStringLiteral("durable"));
    auto tool = [&](const QStringList &args, QString *out = nullptr) {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(bin, args);
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished();
            return -1;
        }
        if (out)
            *out = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
        return p.exitCode();
    };
    SpanlightdProcess server(env);
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    auto post = [&](int index) {
        return testsupport::request(m_nam, "POST", server.otlpHttpPort(), QStringLiteral("/v1/traces"),
                                    encodeOtlpProtobuf(traceOf(index, kSpansPerTrace)),
                                    {{"Content-Type", "application/x-protobuf"}})
            .status;
    };
    for (int i = 1000; i < 1040; ++i)
        QCOMPARE(post(i), 200);

    // A second server on the same SQLite file is refused: one process per database.
    SpanlightdProcess second(env);
    QVERIFY(!second.start(&error));

    // Back up while exports keep arriving from another process's point of view (this one's
    // requests interleave with the copy's snapshot).
    const QString copy = m_dir.filePath(QStringLiteral("b-copy.db"));
    QProcess backup;
    backup.setProcessEnvironment(env);
    backup.start(bin, {QStringLiteral("backup"), copy});
    int sentDuring = 0;
    for (int i = 1040; i < 1100 && backup.state() != QProcess::NotRunning; ++i, ++sentDuring)
        QCOMPARE(post(i), 200);
    if (backup.state() != QProcess::NotRunning)
        QVERIFY(backup.waitForFinished(60000));
    QCOMPARE(backup.exitStatus(), QProcess::NormalExit);
    const QString backupOut = QString::fromUtf8(backup.readAllStandardOutput() + backup.readAllStandardError());
    QVERIFY2(backup.exitCode() == 0, qPrintable(backupOut));
    QVERIFY2(backupOut.contains(QLatin1String("schema version")), qPrintable(backupOut));
    QString out;
    QCOMPARE(tool({QStringLiteral("backup"), copy}, &out), 1); // never over an existing file
    QVERIFY2(out.contains(QLatin1String("exists already")), qPrintable(out));

    // Spans after the copy, then a refused restore while the server runs.
    for (int i = 2000; i < 2010; ++i)
        QCOMPARE(post(i), 200);
    QCOMPARE(tool({QStringLiteral("restore"), copy}, &out), 1);
    QVERIFY2(out.contains(QLatin1String("in use by another Spanlight process")), qPrintable(out));
    QVERIFY(server.terminate());

    // Not a Spanlight database: refused, the store untouched.
    const QString junk = m_dir.filePath(QStringLiteral("junk.db"));
    {
        QFile f(junk);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a database at all");
    }
    QCOMPARE(tool({QStringLiteral("restore"), junk}, &out), 1);
    QVERIFY2(out.contains(QLatin1String("junk.db")), qPrintable(out));

    QCOMPARE(tool({QStringLiteral("restore"), copy}, &out), 0);
    SpanlightdProcess restored(env);
    QVERIFY2(restored.start(&error), qPrintable(error));
    int status = 0;
    auto has = [&](int index) {
        const QString id = QString::fromLatin1(QByteArray::number(0xD0000000 + index, 16).rightJustified(32, '0'));
        const QJsonObject trace = getJson(restored.apiPort(), QStringLiteral("/traces/") + id, &status);
        return status == 200 && trace.value(QStringLiteral("spans")).toArray().size() == kSpansPerTrace;
    };
    for (int i = 1000; i < 1040; ++i) // committed before the backup began
        QVERIFY2(has(i), qPrintable(QString::number(i)));
    for (int i = 2000; i < 2010; ++i) // after the copy: gone with the restore
        QVERIFY(!has(i));
    // Whatever the snapshot holds of the traces sent during the copy, it holds them whole.
    int whole = 0;
    for (int i = 1040; i < 1040 + sentDuring; ++i) {
        const QString id = QString::fromLatin1(QByteArray::number(0xD0000000 + i, 16).rightJustified(32, '0'));
        const QJsonObject trace = getJson(restored.apiPort(), QStringLiteral("/traces/") + id, &status);
        if (status == 200) {
            QCOMPARE(trace.value(QStringLiteral("spans")).toArray().size(), kSpansPerTrace);
            ++whole;
        }
    }
    qInfo() << "traces sent during the backup:" << sentDuring << "in the copy:" << whole;
    QVERIFY(restored.terminate());
}

QTEST_GUILESS_MAIN(TestDurability)
#include "tst_durability.moc"
