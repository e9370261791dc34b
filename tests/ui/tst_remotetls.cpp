// The console attached to a spanlightd that serves its API over TLS (TLS_CERT/TLS_KEY): with
// the server's self-signed certificate given as the extra CA the reads and the connection work;
// without it they fail with a TLS error that says so, and nothing is read.
#include "consolecontroller.h"
#include "remoteconnection.h"
#include "remotetracesource.h"
#include "spanlightserver.h"

#include "storeworkload.h"
#include "testconfig.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace spanlight;
using namespace spanlight::test;

namespace {

const QString kToken = QStringLiteral("tls-test-token");

// The certificate of tst_tls (tests/api/data/tls): 127.0.0.1 and localhost, self-signed.
QString tlsData(const char *name)
{
    return QString::fromLocal8Bit(qgetenv("SPANLIGHT_TEST_DATA")) + QStringLiteral("/../api/data/tls/")
        + QLatin1String(name);
}

} // namespace

class TestRemoteTls : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void readsWithTheCertificate();
    void refusedWithoutTheCertificate();
    void plainHttpToTls();
    void connection();

private:
    RemoteTarget target(bool withCa) const
    {
        RemoteTarget t;
        t.url = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_server->apiPort()));
        t.token = kToken;
        if (withCa)
            t.caFile = tlsData("cert.pem");
        return t;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<SpanlightServer> m_server;
};

void TestRemoteTls::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFile::exists(tlsData("cert.pem")), qPrintable(tlsData("cert.pem")));
    Config c = ephemeralConfig(m_dir.filePath(QStringLiteral("tls.db")), kToken);
    c.settingsFile = m_dir.filePath(QStringLiteral("spanlight.conf"));
    c.tlsCert = tlsData("cert.pem");
    c.tlsKey = tlsData("key.pem");
    m_server = std::make_unique<SpanlightServer>(c);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    QFuture<WriteResult> written = m_server->store()->write(Workload::shop().spans);
    written.waitForFinished();
    QVERIFY2(written.result().ok(), qPrintable(written.result().error));
}

void TestRemoteTls::cleanupTestCase()
{
    if (m_server)
        m_server->stop();
}

void TestRemoteTls::readsWithTheCertificate()
{
    QStringList reports;
    const RemoteTraceSource remote(target(true), [&reports](const QString &e) { reports.append(e); });
    TraceFilter filter;
    filter.limit = 150;
    const TraceList list = remote.listTraces(filter);
    QCOMPARE(reports, QStringList{QString()}); // one read, no error
    QCOMPARE(list.result.traces.size(), 150); // the shop workload has 200
    const std::optional<TraceDetails> trace = remote.trace(list.result.traces.first().traceId);
    QVERIFY(trace);
    QVERIFY(!trace->spans.isEmpty());
    QVERIFY(remote.lastError().isEmpty());
}

void TestRemoteTls::refusedWithoutTheCertificate()
{
    QStringList reports;
    const RemoteTraceSource remote(target(false), [&reports](const QString &e) { reports.append(e); });
    const TraceList list = remote.listTraces({});
    QVERIFY(list.result.traces.isEmpty());
    QCOMPARE(reports.size(), 1);
    QVERIFY2(reports[0].contains(QStringLiteral("TLS failure")), qPrintable(reports[0]));
    // A CA file that holds no certificate is an error of its own, before any request.
    RemoteTarget bad = target(false);
    bad.caFile = m_dir.filePath(QStringLiteral("empty.pem"));
    QFile empty(bad.caFile);
    QVERIFY(empty.open(QIODevice::WriteOnly));
    empty.close();
    const RemoteTraceSource noCa(bad);
    QVERIFY(noCa.servicesOverview().services.isEmpty());
    QVERIFY2(noCa.lastError().contains(QStringLiteral("no PEM certificate")), qPrintable(noCa.lastError()));
}

// http:// to the TLS port gets no answer it could read: an error, not a hang or a crash.
void TestRemoteTls::plainHttpToTls()
{
    RemoteTarget t = target(true);
    t.url.setScheme(QStringLiteral("http"));
    t.timeoutMs = 5000;
    const RemoteTraceSource remote(t);
    QVERIFY(remote.listTraces({}).result.traces.isEmpty());
    QVERIFY(!remote.lastError().isEmpty());
}

void TestRemoteTls::connection()
{
    ConsoleController controller;
    controller.settings()->setSettingsFile(m_dir.filePath(QStringLiteral("console.conf")));
    RemoteConnection *connection = controller.connection();
    QSignalSpy finished(connection, &RemoteConnection::connectFinished);
    const QString url = QStringLiteral("https://localhost:%1").arg(m_server->apiPort());

    connection->connectTo(url, kToken, false);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QCOMPARE(finished[0][0].toBool(), false);
    QVERIFY2(connection->connectError().contains(QStringLiteral("TLS")), qPrintable(connection->connectError()));
    QVERIFY(!connection->isRemote());

    connection->connectTo(url, kToken, false, tlsData("cert.pem"));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 20000);
    QVERIFY2(finished[1][0].toBool(), qPrintable(connection->connectError()));
    QVERIFY(connection->isRemote());
    QCOMPARE(controller.apiUrl(), url);
    QTRY_COMPARE_WITH_TIMEOUT(controller.traces()->rowCount(), 200, 20000);
    controller.shutdown();
}

QTEST_MAIN(TestRemoteTls)
#include "tst_remotetls.moc"
