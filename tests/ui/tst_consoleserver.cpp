// The console's pages over a real embedded server: attachServer() makes the store the source,
// spans ingested over OTLP/HTTP reach the services, errors and dependencies pages through
// ServiceAnalysis, and the store's commits refresh the page that is shown.
#include "consolecontroller.h"
#include "serverbinding.h"
#include "spanlightserver.h"

#include "core/ids.h"
#include "ingest/otlpcodec.h"

#include "httptestclient.h"
#include "testconfig.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QSettings>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace spanlight;

namespace {

constexpr qint64 kMs = 1000000;

Span makeSpan(int trace, int id, int parent, const char *service, const char *name, SpanKind kind,
    qint64 start, qint64 duration)
{
    Span s;
    s.traceId = QByteArray::fromHex(QByteArray::number(0xc0 + trace, 16).rightJustified(32, '0'));
    s.spanId = QByteArray::fromHex(QByteArray::number(id, 16).rightJustified(16, '0'));
    if (parent)
        s.parentSpanId = QByteArray::fromHex(QByteArray::number(parent, 16).rightJustified(16, '0'));
    s.serviceName = QString::fromLatin1(service);
    s.resourceAttributes.insert(QStringLiteral("service.name"), s.serviceName);
    s.name = QString::fromLatin1(name);
    s.kind = kind;
    s.startTimeUnixNano = start;
    s.endTimeUnixNano = start + duration;
    return s;
}

// Trace n: a shop SERVER root calling stock (a SERVER child), which fails when `fail`.
QList<Span> checkout(int n, qint64 start, bool fail)
{
    Span root = makeSpan(n, 0x100 + n, 0, "shop", "GET /cart", SpanKind::Server, start, 20 * kMs);
    Span stock
        = makeSpan(n, 0x200 + n, 0x100 + n, "stock", "reserve", SpanKind::Server, start + kMs, 8 * kMs);
    if (fail) {
        stock.statusCode = StatusCode::Error;
        stock.statusMessage = QStringLiteral("out of stock: item 42");
    }
    return { root, stock };
}

} // namespace

class TstConsoleServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void pagesShowTheStore();
    void commitsRefreshTheShownPage();
    void settingsShowTheServerAndRegenerateItsToken();

private:
    void ingest(const QList<Span> &spans);

    QTemporaryDir m_dir;
    std::unique_ptr<SpanlightServer> m_server;
    std::unique_ptr<ConsoleController> m_controller;
    QNetworkAccessManager m_nam;
    qint64 m_t = 0;
};

void TstConsoleServer::ingest(const QList<Span> &spans)
{
    const testsupport::Reply r = testsupport::request(m_nam, "POST", m_server->otlpHttpPort(),
        QStringLiteral("/v1/traces"), encodeOtlpProtobuf(spans),
        { qMakePair(QByteArray("Content-Type"), QByteArray("application/x-protobuf")) });
    QCOMPARE(r.status, 200);
}

void TstConsoleServer::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY(m_dir.isValid());
    Config c = ephemeralConfig(m_dir.filePath(QStringLiteral("console.db")));
    c.settingsFile = m_dir.filePath(QStringLiteral("spanlight.conf"));
    c.retentionDays = 7; // the default, which the settings page shows (the demo data is recent)
    m_server = std::make_unique<SpanlightServer>(c);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    m_controller = std::make_unique<ConsoleController>();
    m_controller->setPageRefreshIntervalMs(100);
    attachServer(*m_controller, *m_server);
    QVERIFY(m_controller->isConnected());

    m_t = (QDateTime::currentMSecsSinceEpoch() - 5 * 60 * 1000) * kMs; // five minutes ago: in every window
    QList<Span> spans;
    for (int n = 1; n <= 4; ++n)
        spans += checkout(n, m_t + n * 1000 * kMs, n == 4);
    ingest(spans);
}

void TstConsoleServer::cleanupTestCase()
{
    m_controller->shutdown(); // no query may run when the store closes
    m_server->stop();
}

void TstConsoleServer::pagesShowTheStore()
{
    ServicesPage *services = m_controller->servicesPage();
    QSignalSpy servicesApplied(services, &ConsolePage::resultApplied);
    m_controller->setCurrentPage(ConsoleController::Services);
    QTRY_VERIFY(servicesApplied.size() >= 1);
    QCOMPARE(services->serviceCount(), 2);
    ServiceTableModel *table = services->table();
    const int stock = table->rowOf(u"stock"_qs);
    QVERIFY(stock >= 0);
    QCOMPARE(table->data(table->index(stock, ServiceTableModel::RequestsColumn)).toString(), u"4"_qs);
    QCOMPARE(table->data(table->index(stock, ServiceTableModel::ErrorRateColumn)).toString(), u"25 %"_qs);
    // Percentiles from the stored histograms: 8 ms within 2 %.
    const double p50
        = table->data(table->index(stock, ServiceTableModel::P50Column), ServiceTableModel::SortValueRole)
              .toDouble();
    QVERIFY2(qAbs(p50 - 8.0) <= 0.16, qPrintable(QString::number(p50)));
    services->selectService(u"stock"_qs);
    QCOMPARE(services->upstream(), QStringList { u"shop"_qs });
    QCOMPARE(services->operations()->rowCount(), 1);

    ErrorsPage *errors = m_controller->errorsPage();
    QSignalSpy errorsApplied(errors, &ConsolePage::resultApplied);
    m_controller->setCurrentPage(ConsoleController::Errors);
    QTRY_VERIFY(errorsApplied.size() >= 1);
    QCOMPARE(errors->groups()->rowCount(), 1);
    const QModelIndex group = errors->groups()->index(0);
    QCOMPARE(group.data(ErrorGroupModel::ServiceRole).toString(), u"stock"_qs);
    QCOMPARE(group.data(ErrorGroupModel::MessageRole).toString(), u"out of stock: item 42"_qs);
    QCOMPARE(group.data(ErrorGroupModel::SpanIdRole).toString(), u"0000000000000204"_qs);
    QCOMPARE(errors->types()->rowCount(), 1);

    DependenciesPage *dependencies = m_controller->dependenciesPage();
    QSignalSpy graphApplied(dependencies, &ConsolePage::resultApplied);
    m_controller->setCurrentPage(ConsoleController::Dependencies);
    QTRY_VERIFY(graphApplied.size() >= 1);
    QCOMPARE(dependencies->nodes()->rowCount(), 2);
    QCOMPARE(dependencies->edgeCount(), 1);
    QCOMPARE(dependencies->edgeDrawings().first().label, u"4 call(s) · 8.0 ms"_qs);
    QVERIFY(dependencies->edgeDrawings().first().alert); // 1 of 4 failed
    dependencies->selectNode(u"stock"_qs);
    QTRY_VERIFY(dependencies->impactLoaded());
    QCOMPARE(dependencies->impactScoreText(), u"100 %"_qs);
    QCOMPARE(dependencies->dependentsText(), u"shop"_qs);

    // From the error to its span in the real store.
    QSignalSpy traceApplied(m_controller.get(), &ConsoleController::traceApplied);
    m_controller->setCurrentPage(ConsoleController::Errors);
    errors->openGroup(0);
    QTRY_COMPARE(traceApplied.size(), 1);
    QCOMPARE(m_controller->spanDetails()->name(), u"reserve"_qs);
    QVERIFY(m_controller->spanDetails()->isError());
}

void TstConsoleServer::commitsRefreshTheShownPage()
{
    ServicesPage *services = m_controller->servicesPage();
    m_controller->setCurrentPage(ConsoleController::Services);
    QTRY_COMPARE(services->table()->rowCount(), 2);
    QTRY_VERIFY(!services->isLoading());
    ingest({ makeSpan(9, 0x901, 0, "billing", "invoice", SpanKind::Server, m_t + 9000 * kMs, 3 * kMs) });
    // The commit arrives from the store; the shown page refreshes on its own.
    QTRY_COMPARE_WITH_TIMEOUT(services->serviceCount(), 3, 5000);
    QVERIFY(services->table()->rowOf(u"billing"_qs) >= 0);
}

void TstConsoleServer::settingsShowTheServerAndRegenerateItsToken()
{
    SettingsPage *settings = m_controller->settingsPage();
    QAbstractItemModelTester tester(settings->snippets(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy storage(settings, &SettingsPage::storageChanged);
    m_controller->setCurrentPage(ConsoleController::Settings);
    // The store, read on the worker: what it holds (the other tests' 9 spans) and its size.
    QTRY_VERIFY(settings->isStorageLoaded());
    QTRY_COMPARE(settings->storageContentText(), u"9 span(s) · 5 trace(s)"_qs);
    QVERIFY(!settings->storageSizeText().isEmpty() && settings->storageSizeText() != u"unknown"_qs);
    QVERIFY(settings->storageLocation().endsWith(u"console.db"_qs));

    // Ingest health: every sender the server heard from, with what it stored; a malformed
    // request shows as a problem of the sender before any service was known.
    IngestSenderModel *senders = settings->senders();
    QAbstractItemModelTester sendersTester(senders, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY(senders->rowCount() > 0);
    const auto rowOf = [senders](const QString &service) {
        for (int row = 0; row < senders->rowCount(); ++row)
            if (senders->index(row).data(IngestSenderModel::ServiceRole).toString() == service)
                return row;
        return -1;
    };
    const int billing = rowOf(u"billing"_qs);
    QVERIFY(billing >= 0);
    QCOMPARE(senders->index(billing).data(IngestSenderModel::ProtocolRole).toString(), u"OTLP/HTTP"_qs);
    QCOMPARE(senders->index(billing).data(IngestSenderModel::AddressRole).toString(), u"127.0.0.1"_qs);
    QCOMPARE(senders->index(billing).data(IngestSenderModel::AcceptedTextRole).toString(), u"1"_qs);
    QVERIFY(senders->index(billing).data(IngestSenderModel::HealthyRole).toBool());
    QVERIFY(senders->index(billing).data(IngestSenderModel::ProblemsTextRole).toString().isEmpty());
    const testsupport::Reply bad = testsupport::request(m_nam, "POST", m_server->otlpHttpPort(),
        QStringLiteral("/v1/traces"), QByteArray("\x0a\xff\xff"),
        { qMakePair(QByteArray("Content-Type"), QByteArray("application/x-protobuf")) });
    QCOMPARE(bad.status, 400);
    QTRY_VERIFY(rowOf(u"(no service known)"_qs) >= 0);
    const QModelIndex unknown = senders->index(rowOf(u"(no service known)"_qs));
    QCOMPARE(unknown.data(IngestSenderModel::ProblemsTextRole).toString(), u"1 malformed request(s)"_qs);
    QVERIFY(!unknown.data(IngestSenderModel::HealthyRole).toBool());
    QVERIFY(!unknown.data(IngestSenderModel::LastProblemTextRole).toString().isEmpty());

    // A snippet per listener, with the ports the server bound.
    CaptionedTextModel *snippets = settings->snippets();
    QCOMPARE(snippets->rowCount(), 5);
    QCOMPARE(snippets->index(0).data(CaptionedTextModel::TextRole).toString(),
        u"OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:%1"_qs.arg(m_server->otlpHttpPort()));
    QCOMPARE(snippets->index(snippets->rowOfKey(u"otlp-grpc"_qs)).data(CaptionedTextModel::TextRole).toString(),
        u"OTEL_EXPORTER_OTLP_PROTOCOL=grpc OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:%1"_qs.arg(
            m_server->otlpGrpcPort()));

    // What the server runs with (ephemeralConfig's defaults, retention set back to 7 days).
    CaptionedTextModel *server = settings->serverSettings();
    QAbstractItemModelTester serverTester(server, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(server->rowCount(), 4);
    QCOMPARE(server->index(server->rowOfKey(u"retention"_qs)).data(CaptionedTextModel::TextRole).toString(),
        u"7 day(s)"_qs);
    QCOMPARE(server->index(server->rowOfKey(u"sampling"_qs)).data(CaptionedTextModel::TextRole).toString(),
        u"every trace"_qs);
    QCOMPARE(server->index(server->rowOfKey(u"forwarding"_qs)).data(CaptionedTextModel::TextRole).toString(),
        u"none"_qs);

    // The token: hidden, then shown; regenerated, the server refuses the old one over HTTP.
    const QString old = m_controller->apiToken();
    QCOMPARE(old, u"test-token"_qs);
    QVERIFY(!settings->apiTokenText().contains(old));
    settings->setApiTokenShown(true);
    QCOMPARE(settings->apiTokenText(), old);
    QVERIFY(settings->canRegenerateToken());
    const auto get = [&](const QString &token) {
        return testsupport::request(m_nam, "GET", m_server->apiPort(), QStringLiteral("/services"), {},
            { { "Authorization", "Bearer " + token.toLatin1() } })
            .status;
    };
    QCOMPARE(get(old), 200);
    QSignalSpy tokenChanged(settings, &SettingsPage::tokenChanged);
    QVERIFY(settings->regenerateApiToken());
    const QString fresh = m_controller->apiToken();
    QVERIFY(fresh != old && fresh.startsWith(u"sl_"_qs));
    QCOMPARE(settings->apiTokenText(), fresh);
    QVERIFY(tokenChanged.size() >= 1);
    QVERIFY(settings->tokenNote().startsWith(u"A new token is in use"_qs));
    QCOMPARE(get(old), 401);
    QCOMPARE(get(fresh), 200);
    QCOMPARE(QSettings(m_server->config().settingsFile, QSettings::IniFormat).value(u"api_token"_qs).toString(),
        fresh);

    // A token chosen in the environment or by a flag is read-only, and says why.
    settings->setTokenRegenerator([](QString *) { return std::optional<QString>(); }, false);
    QVERIFY(!settings->canRegenerateToken());
    QVERIFY(!settings->regenerateApiToken());
    QCOMPARE(settings->tokenNote(),
        u"API_TOKEN is set in the environment or by a flag, so it can only be changed there."_qs);
    QCOMPARE(m_controller->apiToken(), fresh);
}

QTEST_MAIN(TstConsoleServer)
#include "tst_consoleserver.moc"
