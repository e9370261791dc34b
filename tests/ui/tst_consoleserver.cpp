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

#include <QDateTime>
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

QTEST_MAIN(TstConsoleServer)
#include "tst_consoleserver.moc"
