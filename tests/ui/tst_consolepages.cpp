// The analysis pages of the console against a fake source: their models under
// QAbstractItemModelTester with real rows (roles, sorting, grouping), the controller's run()
// (worker thread, dropped results), the pages' coalescing and refresh rules, and the way from
// an error to its span on the Traces page.
#include "alertnotifier.h"
#include "consolecontroller.h"
#include "serverbinding.h"
#include "storeworkload.h"
#include "consolesettings.h"
#include "displaytext.h"
#include "fakesource.h"
#include "serverbinding.h"
#include "storeworkload.h"
#include "demo/faultworkload.h"
#include "tracescatter.h"

#include "core/ids.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QElapsedTimer>
#include <QDeadlineTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace spanlight;
using namespace spanlight::test;

namespace {

constexpr qint64 kNow
    = 1'700'000'000'000'000'000 + qint64(3600) * 1000000000; // an hour after the epoch of uitestdata

using Tester = QAbstractItemModelTester;
constexpr auto kQtTest = QAbstractItemModelTester::FailureReportingMode::QtTest;

QString cell(const QAbstractItemModel *m, int row, int column, int role = Qt::DisplayRole)
{
    return m->data(m->index(row, column), role).toString();
}

QStringList column(const QAbstractItemModel *m, int column, int role = Qt::DisplayRole)
{
    QStringList out;
    for (int row = 0; row < m->rowCount(); ++row)
        out.append(cell(m, row, column, role));
    return out;
}

QStringList names(const QAbstractItemModel *m, int role)
{
    return column(m, 0, role);
}

// A controller over the shop data, pages refreshed on every commit, fixed clock.
struct Fixture
{
    std::shared_ptr<FakeSource> source = std::make_shared<FakeSource>();
    ConsoleController controller;

    Fixture()
    {
        source->setAnalysis(sampleAnalysis(kNow));
        for (int n = 1; n <= 12; ++n)
            source->put(sampleTraceNumber(n));
        controller.setClock([] { return kNow; });
        controller.setPageRefreshIntervalMs(50);
        // Away from the Dashboard (the start page), so that no page asks before a test shows it.
        controller.setCurrentPage(ConsoleController::Traces);
        controller.setSource(source);
    }
};

} // namespace

class TstConsolePages : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void alertsPageShowsRulesAndHistory();
    void alertRuleFormShowsTheServersRefusal();
    void alertNoticesSayWhatIsNew();

    void figureTexts_data();
    void figureTexts();
    void keyedRowsKeepIdentity();
    void serviceTableAndSorting();
    void servicesPage();
    void errorGroups();
    void errorsPageFilters();
    void errorOpensSpanOnTracePage();
    void dependencyGraph();
    void dependencySelectionShowsImpact();
    void tracesPageSearchForm();
    void tracesPageSorts();
    void tracesPageCountFilters();
    void savedSearches();
    void traceNotes();
    void scatterScale();
    void tagsParse_data();
    void tagsParse();

    void runDeliversOnGuiThreadAndDropsForDeadContext();
    void pageQueriesAreCoalesced();
    void staleResultsAreDropped();
    void commitsRefreshOnlyTheShownPage();
    void pagesAndShortcuts();
    void insightsPageShowsTheFaults();
    void settingsDescribeTheServer();
};

void TstConsolePages::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TstConsolePages::figureTexts_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("count") << countText(1234567) << u"1,234,567"_qs;
    QTest::newRow("no errors") << percentText(0) << u"0 %"_qs;
    QTest::newRow("small rate keeps a decimal") << percentText(0.004) << u"0.4 %"_qs;
    QTest::newRow("rate") << percentText(0.0234) << u"2.3 %"_qs;
    QTest::newRow("large rate") << percentText(0.5) << u"50 %"_qs;
    QTest::newRow("all") << percentText(1) << u"100 %"_qs;
    QTest::newRow("idle") << ratePerSecondText(0) << u"0/s"_qs;
    QTest::newRow("rare") << ratePerSecondText(0.001) << u"< 0.01/s"_qs;
    QTest::newRow("below one") << ratePerSecondText(0.139) << u"0.14/s"_qs;
    QTest::newRow("a few") << ratePerSecondText(3.24) << u"3.2/s"_qs;
    QTest::newRow("many") << ratePerSecondText(1204.4) << u"1,204/s"_qs;
    QTest::newRow("millis") << millisText(12.34) << u"12.3 ms"_qs;
    QTest::newRow("seconds") << millisText(1500) << u"1.50 s"_qs;
    // TZ=UTC; kNow is 2023-11-14 23:13:20.
    QTest::newRow("same day") << timestampText(kNow - qint64(60) * 1000000000, kNow) << u"23:12:20"_qs;
    QTest::newRow("another day") << timestampText(kNow, kNow + qint64(86400) * 1000000000)
                                 << u"2023-11-14 23:13"_qs;
    const TimeWindow hour = windowEndingAt(kNow, qint64(3600) * 1000000000);
    QTest::newRow("window") << windowRangeText(hour.fromNs, hour.toNs) << u"22:14 – 23:14"_qs;
    const TimeWindow week = windowEndingAt(kNow, qint64(7) * 86400 * 1000000000);
    QTest::newRow("week") << windowRangeText(week.fromNs, week.toNs)
                          << u"2023-11-07 23:14 – 2023-11-14 23:14"_qs;
}

void TstConsolePages::figureTexts()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(text, expected);
}

void TstConsolePages::keyedRowsKeepIdentity()
{
    OperationStatsModel model;
    Tester tester(&model, kQtTest);
    const auto op = [](const char *name, qint64 count) {
        OperationStats s;
        s.name = QLatin1String(name);
        s.count = count;
        return s;
    };
    model.setOperations({ op("a", 1), op("b", 2), op("c", 3) });
    QCOMPARE(names(&model, OperationStatsModel::NameRole), (QStringList { u"a"_qs, u"b"_qs, u"c"_qs }));
    const QPersistentModelIndex a = model.index(0);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    // b goes, d comes, c moves ahead, a's figure changes: no reset, and a's index follows a.
    model.setOperations({ op("c", 3), op("a", 10), op("d", 4) });
    QCOMPARE(names(&model, OperationStatsModel::NameRole), (QStringList { u"c"_qs, u"a"_qs, u"d"_qs }));
    QCOMPARE(reset.size(), 0);
    QCOMPARE(a.row(), 1);
    QCOMPARE(a.data(OperationStatsModel::RequestsTextRole).toString(), u"10"_qs);
    QCOMPARE(changed.size(), 1); // only a changed; c did not
    model.setOperations({ op("c", 3), op("a", 10), op("d", 4) });
    QCOMPARE(changed.size(), 1);
}

void TstConsolePages::serviceTableAndSorting()
{
    ServiceTableModel table;
    ServiceSortModel sorted(&table);
    Tester t1(&table, kQtTest);
    Tester t2(&sorted, kQtTest);
    const AnalysisData data = sampleAnalysis(kNow);
    QList<ServicePerformance> services;
    for (const ServiceSummary &s : data.overview.services)
        services.append(data.performance.value(s.name));
    table.setServices(services);

    QCOMPARE(table.rowCount(), 5);
    QCOMPARE(table.columnCount(), int(ServiceTableModel::ColumnCount));
    const int checkout = table.rowOf(u"checkout"_qs);
    QCOMPARE(cell(&table, checkout, ServiceTableModel::RequestsColumn), u"500"_qs);
    QCOMPARE(cell(&table, checkout, ServiceTableModel::ErrorRateColumn), u"8.0 %"_qs);
    QCOMPARE(cell(&table, checkout, ServiceTableModel::P50Column), u"45.0 ms"_qs);
    QCOMPARE(cell(&table, checkout, ServiceTableModel::P99Column), u"300 ms"_qs);
    QCOMPARE(cell(&table, checkout, ServiceTableModel::RateColumn), u"0.14/s"_qs);
    QVERIFY(
        table.data(table.index(checkout, ServiceTableModel::ErrorRateColumn), ServiceTableModel::AlertRole)
            .toBool());
    QVERIFY(!table.data(table.index(checkout, ServiceTableModel::P50Column), ServiceTableModel::AlertRole)
                 .toBool());
    QVERIFY(table.data(table.index(checkout, ServiceTableModel::P50Column), ServiceTableModel::NumericRole)
                .toBool());
    const int frontend = table.rowOf(u"frontend"_qs);
    QCOMPARE(cell(&table, frontend, ServiceTableModel::RequestsColumn), u"1,200"_qs);
    QVERIFY(
        !table.data(table.index(frontend, ServiceTableModel::ErrorRateColumn), ServiceTableModel::AlertRole)
             .toBool());
    QCOMPARE(cell(&table, table.rowOf(u"batch"_qs), ServiceTableModel::P95Column), u"–"_qs); // no requests
    QCOMPARE(table.data(table.index(frontend, 3), ServiceTableModel::ServiceRole).toString(), u"frontend"_qs);

    // By default the busiest first.
    QCOMPARE(names(&sorted, ServiceTableModel::ServiceRole),
        (QStringList { u"frontend"_qs, u"inventory"_qs, u"checkout"_qs, u"payments"_qs, u"batch"_qs }));
    QCOMPARE(
        sorted.headerData(ServiceTableModel::RequestsColumn, Qt::Horizontal).toString(), u"Requests ▼"_qs);
    QCOMPARE(sorted.headerData(ServiceTableModel::NameColumn, Qt::Horizontal).toString(), u"Service"_qs);

    QSignalSpy headers(&sorted, &QAbstractItemModel::headerDataChanged);
    sorted.sortBy(ServiceTableModel::NameColumn); // A to Z first
    QCOMPARE(names(&sorted, ServiceTableModel::ServiceRole),
        (QStringList { u"batch"_qs, u"checkout"_qs, u"frontend"_qs, u"inventory"_qs, u"payments"_qs }));
    QCOMPARE(sorted.headerData(ServiceTableModel::NameColumn, Qt::Horizontal).toString(), u"Service ▲"_qs);
    QCOMPARE(headers.size(), 1);
    sorted.sortBy(ServiceTableModel::NameColumn); // again: reversed
    QCOMPARE(sorted.serviceAt(0), u"payments"_qs);
    QVERIFY(sorted.isDescending());

    sorted.sortBy(ServiceTableModel::ErrorRateColumn); // the most failing first
    QCOMPARE(names(&sorted, ServiceTableModel::ServiceRole),
        (QStringList { u"checkout"_qs, u"payments"_qs, u"frontend"_qs, u"batch"_qs, u"inventory"_qs }));
    sorted.sortBy(ServiceTableModel::P99Column);
    QCOMPARE(sorted.serviceAt(0), u"payments"_qs);
    QCOMPARE(sorted.rowOf(u"inventory"_qs), 3);
    sorted.sortBy(99); // ignored
    QCOMPARE(sorted.sortColumn(), int(ServiceTableModel::P99Column));

    // New figures re-sort (dynamic sorting) without a reset: inventory becomes the slowest.
    QSignalSpy reset(&table, &QAbstractItemModel::modelReset);
    services[3].p99Ms = 5000;
    QCOMPARE(services[3].service, u"inventory"_qs);
    table.setServices(services);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(sorted.serviceAt(0), u"inventory"_qs);
    QCOMPARE(cell(&sorted, 0, ServiceTableModel::P99Column), u"5.00 s"_qs);
    // A different set of services resets.
    services.removeFirst();
    table.setServices(services);
    QCOMPARE(reset.size(), 1);
    QCOMPARE(sorted.rowCount(), 4);
}

void TstConsolePages::servicesPage()
{
    Fixture f;
    ServicesPage *page = f.controller.servicesPage();
    Tester t1(page->services(), kQtTest);
    Tester t2(page->operations(), kQtTest);
    QSignalSpy applied(page, &ConsolePage::resultApplied);
    QVERIFY(!page->isActive());
    QTest::qWait(50);
    QCOMPARE(applied.size(), 0); // not shown: not asked

    f.controller.setCurrentPage(ConsoleController::Services);
    QVERIFY(page->isActive());
    QTRY_COMPARE(applied.size(), 1);
    QVERIFY(!f.source->threads().contains(QThread::currentThread()));
    QCOMPARE(page->serviceCount(), 5);
    QCOMPARE(page->services()->serviceAt(0), u"frontend"_qs);
    QVERIFY(page->emptyText().isEmpty());
    // The window is the page's range (1h by default) ending with the clock's minute.
    QCOMPARE(f.source->lastQueriedWindow().fromNs, windowEndingAt(kNow, qint64(3600) * 1000000000).fromNs);
    QCOMPARE(f.source->lastQueriedWindow().toNs, windowEndingAt(kNow, qint64(3600) * 1000000000).toNs);
    QCOMPARE(page->windowText(), u"22:14 – 23:14"_qs); // TZ=UTC

    QSignalSpy selection(page, &ServicesPage::selectionChanged);
    page->selectRow(2); // the third busiest: checkout
    QCOMPARE(page->selectedService(), u"checkout"_qs);
    QCOMPARE(selection.size(), 1);
    QCOMPARE(page->upstream(), QStringList { u"frontend"_qs });
    QCOMPARE(page->downstream(), (QStringList { u"inventory"_qs, u"payments"_qs }));
    QCOMPARE(page->operations()->rowCount(), 1);
    QCOMPARE(page->operations()->data(page->operations()->index(0), OperationStatsModel::NameRole).toString(),
        u"POST /checkout"_qs);
    QVERIFY(page->operations()->data(page->operations()->index(0), OperationStatsModel::AlertRole).toBool());
    QVERIFY(page->selectedSummary().startsWith(u"500 request(s)"_qs));
    QVERIFY(page->selectedSummary().contains(u"8.0 %"_qs));

    // The selection is a name: it survives re-sorting and refreshes.
    page->services()->sortBy(ServiceTableModel::NameColumn);
    QCOMPARE(page->selectedService(), u"checkout"_qs);
    QCOMPARE(page->selectedRow(), 1);
    page->moveSelection(1);
    QCOMPARE(page->selectedService(), u"frontend"_qs);
    QCOMPARE(page->operations()->rowCount(), 2);
    QCOMPARE(page->upstream(), QStringList());
    page->moveSelection(-10);
    QCOMPARE(page->selectedService(), u"batch"_qs);
    QCOMPARE(page->operations()->rowCount(), 0);

    page->setTimeRange(u"6h"_qs);
    QTRY_COMPARE(applied.size(), 2);
    QCOMPARE(f.source->lastQueriedWindow().rangeNs(), qint64(6) * 3600 * 1000000000);
    QCOMPARE(page->selectedService(), u"batch"_qs);
    page->setTimeRange(u"2h"_qs); // not a range the console offers
    QCOMPARE(page->timeRange(), u"6h"_qs);
    QCOMPARE(ConsolePage::timeRanges(), (QStringList { u"15m"_qs, u"1h"_qs, u"6h"_qs, u"24h"_qs, u"7d"_qs }));
}

void TstConsolePages::errorGroups()
{
    ErrorGroupModel groups;
    Tester tester(&groups, kQtTest);
    const AnalysisData data = sampleAnalysis(kNow);
    groups.setErrors(data.errors, kNow);

    // Three fingerprints, the most recently seen first.
    QCOMPARE(groups.rowCount(), 3);
    QCOMPARE(names(&groups, ErrorGroupModel::TypeRole),
        (QStringList { u"TimeoutError"_qs, u"Error"_qs, u"HTTP 502"_qs }));
    QCOMPARE(names(&groups, ErrorGroupModel::CountRole), (QStringList { u"3"_qs, u"2"_qs, u"2"_qs }));
    const QModelIndex timeout = groups.index(0);
    QCOMPARE(timeout.data(ErrorGroupModel::ServiceRole).toString(), u"checkout"_qs);
    QCOMPARE(timeout.data(ErrorGroupModel::OperationRole).toString(), u"POST /checkout"_qs);
    QCOMPARE(timeout.data(ErrorGroupModel::MessageRole).toString(),
        u"payment timed out after 3000 ms"_qs); // the newest
    QCOMPARE(timeout.data(ErrorGroupModel::TraceIdRole).toString(), idToHex(traceIdOf(7)));
    QCOMPARE(timeout.data(ErrorGroupModel::SpanIdRole).toString(), idToHex(spanIdOf(3)));
    QCOMPARE(timeout.data(ErrorGroupModel::SeverityLevelRole).toInt(), int(Severity::High));
    QCOMPARE(timeout.data(ErrorGroupModel::SeverityTextRole).toString(), u"high"_qs);
    QCOMPARE(timeout.data(ErrorGroupModel::LastSeenTextRole).toString(),
        u"23:12:20"_qs); // a minute before kNow, UTC
    QCOMPARE(groups.index(1).data(ErrorGroupModel::SeverityTextRole).toString(), u"critical"_qs);
    QCOMPARE(groups.index(1).data(ErrorGroupModel::CountTextRole).toString(), u"2"_qs);

    // An older error of the 502s becomes the newest: the group moves to the top, no reset.
    QSignalSpy reset(&groups, &QAbstractItemModel::modelReset);
    QList<ErrorView> more = data.errors;
    ErrorView late = more[3];
    late.record.timeNs = kNow;
    late.record.message = u"bad gateway (late)"_qs;
    more.prepend(late);
    groups.setErrors(more, kNow);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(names(&groups, ErrorGroupModel::TypeRole),
        (QStringList { u"HTTP 502"_qs, u"TimeoutError"_qs, u"Error"_qs }));
    QCOMPARE(groups.index(0).data(ErrorGroupModel::CountRole).toLongLong(), 3);
    QCOMPARE(groups.index(0).data(ErrorGroupModel::MessageRole).toString(), u"bad gateway (late)"_qs);

    ErrorTypeModel types;
    Tester t2(&types, kQtTest);
    types.setTypes({ { u"TimeoutError"_qs, 30, Severity::High }, { u"HTTP 502"_qs, 2, Severity::Critical } });
    QCOMPARE(names(&types, ErrorTypeModel::TypeRole), (QStringList { u"TimeoutError"_qs, u"HTTP 502"_qs }));
    QCOMPARE(types.index(0).data(ErrorTypeModel::CountTextRole).toString(), u"30"_qs);
    QCOMPARE(types.index(1).data(ErrorTypeModel::SeverityTextRole).toString(), u"critical"_qs);
}

void TstConsolePages::errorsPageFilters()
{
    Fixture f;
    ErrorsPage *page = f.controller.errorsPage();
    Tester t1(page->groups(), kQtTest);
    Tester t2(page->types(), kQtTest);
    QSignalSpy applied(page, &ConsolePage::resultApplied);
    f.controller.setCurrentPage(ConsoleController::Errors);
    QTRY_COMPARE(applied.size(), 1);
    QCOMPARE(page->groups()->rowCount(), 3);
    QCOMPARE(page->types()->rowCount(), 3);
    QCOMPARE(page->types()->index(0).data(ErrorTypeModel::TypeRole).toString(), u"TimeoutError"_qs);
    QCOMPARE(page->summaryText(), u"7 error(s) · 3 group(s)"_qs);
    QVERIFY(page->truncationText().isEmpty());
    QCOMPARE(page->serviceOptions(),
        (QStringList { u"All services"_qs, u"batch"_qs, u"checkout"_qs, u"frontend"_qs, u"inventory"_qs,
            u"payments"_qs }));
    const ErrorQuery q = f.source->lastErrors();
    const TimeWindow w = windowEndingAt(kNow, qint64(3600) * 1000000000);
    QCOMPARE(*q.filter.fromNs, w.fromNs);
    QCOMPARE(*q.filter.toNs, w.toNs - 1);
    QCOMPARE(q.limit, ErrorsPage::kErrorFetchLimit);
    QVERIFY(q.filter.service.isEmpty());
    QVERIFY(!q.severity);

    page->setServiceIndex(5); // payments
    QCOMPARE(page->serviceFilter(), u"payments"_qs);
    QCOMPARE(page->serviceIndex(), 5);
    QTRY_COMPARE(applied.size(), 2);
    QCOMPARE(f.source->lastErrors().filter.service, u"payments"_qs);
    QCOMPARE(page->groups()->rowCount(), 1);
    QCOMPARE(page->groups()->index(0).data(ErrorGroupModel::TypeRole).toString(), u"HTTP 502"_qs);

    page->setServiceIndex(0);
    page->setSeverityIndex(1); // critical
    QCOMPARE(page->severityOptions().value(1), u"critical"_qs);
    QCOMPARE(*page->severityFilter(), Severity::Critical);
    QTRY_VERIFY(applied.size() >= 3 && f.source->lastErrors().severity == Severity::Critical
        && f.source->lastErrors().filter.service.isEmpty());
    QTRY_COMPARE(page->groups()->rowCount(), 1);
    QCOMPARE(page->groups()->index(0).data(ErrorGroupModel::TypeRole).toString(), u"Error"_qs);

    // Only the newest kErrorFetchLimit errors are grouped; the page says so.
    AnalysisData many = sampleAnalysis(kNow);
    const ErrorView one = many.errors.first();
    many.errors.clear();
    for (int i = 0; i < 1500; ++i) {
        ErrorView e = one;
        e.record.timeNs = kNow - qint64(i) * 1000000;
        many.errors.append(e);
    }
    f.source->setAnalysis(many);
    page->setSeverityIndex(0);
    QTRY_COMPARE(page->groups()->index(0).data(ErrorGroupModel::CountRole).toLongLong(), 1000);
    QCOMPARE(page->truncationText(), u"Groups count the newest 1,000 errors of 1,500."_qs);
}

void TstConsolePages::errorOpensSpanOnTracePage()
{
    Fixture f;
    ErrorsPage *page = f.controller.errorsPage();
    QSignalSpy applied(page, &ConsolePage::resultApplied);
    QSignalSpy traceApplied(&f.controller, &ConsoleController::traceApplied);
    f.controller.setCurrentPage(ConsoleController::Errors);
    QTRY_COMPARE(applied.size(), 1);

    page->openGroup(0); // the timeouts: newest is span 3 ("db") of trace 7
    QCOMPARE(f.controller.currentPage(), int(ConsoleController::Trace));
    QCOMPARE(f.controller.backPage(), int(ConsoleController::Errors));
    QCOMPARE(f.controller.backPageTitle(), u"Errors"_qs);
    QVERIFY(!page->isActive());
    QCOMPARE(f.controller.selectedTraceId(), idToHex(traceIdOf(7)));
    QTRY_COMPARE(traceApplied.size(), 1);
    QCOMPARE(f.controller.selectedSpanRow(), 2);
    QCOMPARE(f.controller.spanDetails()->name(), u"db"_qs);
    QCOMPARE(f.controller.spanDetails()->spanId(), idToHex(spanIdOf(3)));

    // The same trace again, another span: selected at once, and kept by the reload.
    f.controller.selectSpan(0);
    f.controller.openTraceSpan(idToHex(traceIdOf(7)), idToHex(spanIdOf(2)));
    QCOMPARE(f.controller.spanDetails()->name(), u"auth"_qs);
    QTRY_COMPARE(traceApplied.size(), 2);
    QCOMPARE(f.controller.spanDetails()->name(), u"auth"_qs);
    // A plain open afterwards starts at the root again.
    f.controller.openTraceId(idToHex(traceIdOf(8)));
    QTRY_COMPARE(traceApplied.size(), 3);
    QCOMPARE(f.controller.selectedSpanRow(), 0);
    page->openGroup(42); // out of range: nothing
    QCOMPARE(f.controller.selectedTraceId(), idToHex(traceIdOf(8)));
    // Opening more traces on the Trace page keeps where the first came from; Back returns there.
    QCOMPARE(f.controller.backPage(), int(ConsoleController::Errors));
    QVERIFY(!f.controller.openTraceId(u"not a trace id"_qs));
    QVERIFY(!f.controller.openTraceId(u"0123"_qs));
    QCOMPARE(f.controller.selectedTraceId(), idToHex(traceIdOf(8)));
    QVERIFY(f.controller.openTraceId(u"  "_qs + idToHex(traceIdOf(9)).toUpper() + u"\n"_qs));
    QCOMPARE(f.controller.selectedTraceId(), idToHex(traceIdOf(9)));
    f.controller.goBack();
    QCOMPARE(f.controller.currentPage(), int(ConsoleController::Errors));
    QVERIFY(page->isActive());
    // The Trace page kept the trace meanwhile; from the Traces list, Back leads there.
    f.controller.setCurrentPage(ConsoleController::Traces);
    QTRY_VERIFY(f.controller.traces()->rowCount() > 0);
    f.controller.openTrace(0);
    QCOMPARE(f.controller.currentPage(), int(ConsoleController::Trace));
    QCOMPARE(f.controller.backPage(), int(ConsoleController::Traces));
    QCOMPARE(f.controller.backPageTitle(), u"Traces"_qs);
}

void TstConsolePages::dependencyGraph()
{
    Fixture f;
    DependenciesPage *page = f.controller.dependenciesPage();
    Tester t1(page->nodes(), kQtTest);
    Tester t2(page->paths(), kQtTest);
    QSignalSpy applied(page, &ConsolePage::resultApplied);
    f.controller.setCurrentPage(ConsoleController::Dependencies);
    QTRY_COMPARE(applied.size(), 1);

    DependencyNodeModel *nodes = page->nodes();
    // Services by name, then externals: checkout, frontend, inventory, payments, postgresql:shop, stripe.
    QCOMPARE(nodes->rowCount(), 6);
    QCOMPARE(names(nodes, DependencyNodeModel::NodeIdRole),
        (QStringList { u"checkout"_qs, u"frontend"_qs, u"inventory"_qs, u"payments"_qs,
            u"external:postgresql:shop"_qs, u"external:stripe"_qs }));
    const auto at = [&](const QString &id, int role) { return nodes->index(nodes->rowOfKey(id)).data(role); };
    QVERIFY(at(u"external:stripe"_qs, DependencyNodeModel::ExternalRole).toBool());
    QVERIFY(!at(u"frontend"_qs, DependencyNodeModel::ExternalRole).toBool());
    QCOMPARE(
        at(u"frontend"_qs, DependencyNodeModel::ColorRole).value<QColor>(), serviceColor(u"frontend"_qs));
    // Size by traffic: postgres takes 1,100 calls and frontend 1,200 requests, the busiest.
    QCOMPARE(at(u"frontend"_qs, DependencyNodeModel::DiameterRole).toDouble(), 64.0);
    QVERIFY(at(u"payments"_qs, DependencyNodeModel::DiameterRole).toDouble()
        < at(u"inventory"_qs, DependencyNodeModel::DiameterRole).toDouble());
    QCOMPARE(DependenciesPage::nodeDiameter(0, 100), 28.0);
    QCOMPARE(DependenciesPage::nodeDiameter(25, 100), 28.0 + 36.0 * 0.5);
    QCOMPARE(at(u"checkout"_qs, DependencyNodeModel::RequestsTextRole).toString(), u"500 request(s)"_qs);
    QVERIFY(at(u"checkout"_qs, DependencyNodeModel::AlertRole).toBool()); // 8 % errors
    QVERIFY(!at(u"inventory"_qs, DependencyNodeModel::AlertRole).toBool());
    // Callers left of callees: frontend, then checkout, then payments, then stripe.
    const auto x = [&](const QString &id) { return at(id, DependencyNodeModel::XRole).toDouble(); };
    QVERIFY(x(u"frontend"_qs) < x(u"checkout"_qs));
    QVERIFY(x(u"checkout"_qs) < x(u"payments"_qs));
    QVERIFY(x(u"payments"_qs) < x(u"external:stripe"_qs));
    QVERIFY(page->contentWidth() > x(u"external:stripe"_qs));

    QCOMPARE(page->edgeCount(), 6);
    int alerts = 0;
    for (const EdgeDrawing &e : page->edgeDrawings()) {
        QVERIFY(!e.reversed);
        QVERIFY(e.tip.x() > e.path.elementAt(0).x); // left to right
        if (e.alert) {
            ++alerts;
            QCOMPARE(e.source, u"frontend"_qs); // 40 of 500 calls failed
            QCOMPARE(e.target, u"checkout"_qs);
            QCOMPARE(e.label, u"500 call(s) · 54.0 ms"_qs);
        }
        // The arrow's tip touches the target's shape on its left side.
        const int row = nodes->rowOfKey(e.target);
        const double left = nodes->index(row).data(DependencyNodeModel::XRole).toDouble();
        QCOMPARE(e.tip.x(), left);
    }
    QCOMPARE(alerts, 1);
    QVERIFY(page->emptyText().isEmpty());
}

void TstConsolePages::dependencySelectionShowsImpact()
{
    Fixture f;
    DependenciesPage *page = f.controller.dependenciesPage();
    QSignalSpy applied(page, &ConsolePage::resultApplied);
    f.controller.setCurrentPage(ConsoleController::Dependencies);
    QTRY_COMPARE(applied.size(), 1);
    QVERIFY(!page->impactLoaded());

    page->selectNode(u"inventory"_qs);
    QCOMPARE(page->selectedName(), u"inventory"_qs);
    QCOMPARE(page->selectedKind(), u"Service"_qs);
    QVERIFY(!page->impactLoaded()); // asked for, not there yet
    QTRY_VERIFY(page->impactLoaded());
    QCOMPARE(f.source->lastImpact(), u"inventory"_qs);
    // frontend is the only root and reaches inventory: all its requests can.
    QCOMPARE(page->impactScore(), 1.0);
    QCOMPARE(page->impactScoreText(), u"100 %"_qs);
    QCOMPARE(page->dependentsText(), u"checkout, frontend"_qs);
    QCOMPARE(page->transitiveDependentsText(), u"checkout, frontend"_qs);
    QCOMPARE(page->dependenciesText(), u"postgresql:shop"_qs);
    QVERIFY(page->paths()->rowCount() >= 1);
    for (int i = 0; i < page->paths()->rowCount(); ++i)
        QVERIFY(page->paths()
                    ->index(i)
                    .data(CriticalPathModel::PathTextRole)
                    .toString()
                    .contains(u"inventory"_qs));

    // Highlighting: nodes on those paths, the rest dimmed; payments only lies on paths that
    // do not pass inventory.
    DependencyNodeModel *nodes = page->nodes();
    const auto at
        = [&](const QString &id, int role) { return nodes->index(nodes->rowOfKey(id)).data(role).toBool(); };
    QVERIFY(at(u"inventory"_qs, DependencyNodeModel::SelectedRole));
    QVERIFY(at(u"inventory"_qs, DependencyNodeModel::HighlightedRole));
    QVERIFY(at(u"frontend"_qs, DependencyNodeModel::HighlightedRole));
    QVERIFY(at(u"external:postgresql:shop"_qs, DependencyNodeModel::HighlightedRole));
    QVERIFY(at(u"payments"_qs, DependencyNodeModel::DimmedRole));
    QVERIFY(!at(u"frontend"_qs, DependencyNodeModel::SelectedRole));
    int highlightedEdges = 0;
    for (const EdgeDrawing &e : page->edgeDrawings()) {
        if (e.highlighted) {
            ++highlightedEdges;
            QVERIFY(e.target == u"inventory"_qs || e.source == u"inventory"_qs || e.target == u"checkout"_qs);
        }
        QCOMPARE(e.dimmed, !e.highlighted);
    }
    QVERIFY(highlightedEdges >= 2);
    QVERIFY(page->edgeDrawings().size() == 6);

    // An external system.
    page->selectNode(u"external:stripe"_qs);
    QCOMPARE(page->selectedKind(), u"External system"_qs);
    QTRY_VERIFY(page->impactLoaded());
    QCOMPARE(f.source->lastImpact(), u"stripe"_qs);
    QCOMPARE(page->transitiveDependentsText(), u"checkout, frontend, payments"_qs);
    QCOMPARE(page->dependenciesText(), u"none"_qs);

    page->clearSelection();
    QVERIFY(page->selectedId().isEmpty());
    QVERIFY(!at(u"payments"_qs, DependencyNodeModel::DimmedRole));
    page->selectNode(u"ghost"_qs); // not a node: no selection
    QVERIFY(page->selectedId().isEmpty());
}

void TstConsolePages::tracesPageSearchForm()
{
    Fixture f; // on the Traces page: its default search runs
    TracesPage *page = f.controller.tracesPage();
    Tester tester(page->results(), kQtTest);
    QTRY_VERIFY(page->isLoaded());
    QCOMPARE(page->results()->rowCount(), 12);
    QVERIFY(page->isLiveSearch());
    // The default: the last 15 minutes, everything, newest first.
    TraceFilter asked = f.source->lastListFilter();
    const TimeWindow quarter = windowEndingAt(kNow, qint64(15) * 60 * 1000000000);
    QCOMPARE(asked.startFromNs, std::optional<qint64>(quarter.fromNs));
    QCOMPARE(asked.startToNs, std::optional<qint64>(quarter.toNs - 1));
    QVERIFY(asked.service.isEmpty() && asked.operation.isEmpty());
    QVERIFY(!asked.minDurationNs && !asked.maxDurationNs && !asked.status && asked.sort == TraceSort::StartTime);
    QVERIFY(!asked.hasNote); // with or without a note
    QVERIFY(!page->hasNote());
    QCOMPARE(asked.limit, TracesPage::kDefaultLimit);
    // The form's lists come from the stored services and their operations.
    AnalysisData analysis = sampleAnalysis(kNow);
    for (ServiceSummary &service : analysis.overview.services)
        service.operations = analysis.performance.value(service.name).operations;
    f.source->setAnalysis(analysis);
    page->refresh();
    QTRY_VERIFY(page->operationOptions().contains(u"POST /checkout"_qs));
    QVERIFY(page->serviceOptions().contains(u"checkout"_qs));
    QCOMPARE(page->serviceOptions().first(), u"All services"_qs);

    // The form is a draft until search().
    const int queries = page->queriesStarted();
    page->setService(u"checkout"_qs);
    QVERIFY(page->operationOptions().size() > 1);
    page->setOperationIndex(1);
    const QString operation = page->operation();
    QVERIFY(!operation.isEmpty());
    page->setMinDuration(u"12.5"_qs);
    page->setMaxDuration(u"2000"_qs);
    page->setStatusIndex(1);
    page->setTags(u"http.status_code=500 note=\"two words\""_qs);
    page->setHasNote(true);
    QVERIFY(page->hasNote());
    page->setLimit(5);
    QCOMPARE(page->queriesStarted(), queries);
    QVERIFY(!f.source->lastListFilter().hasNote); // a draft until search()
    QSignalSpy applied(page, &ConsolePage::resultApplied);
    QVERIFY(page->search());
    QTRY_COMPARE(applied.size(), 1);
    asked = f.source->lastListFilter();
    QCOMPARE(asked.service, u"checkout"_qs);
    QCOMPARE(asked.operation, operation);
    QCOMPARE(asked.minDurationNs, std::optional<qint64>(12'500'000));
    QCOMPARE(asked.maxDurationNs, std::optional<qint64>(2'000'000'000));
    QCOMPARE(asked.status, std::optional<TraceStatus>(TraceStatus::Error));
    QCOMPARE(asked.hasNote, std::optional<bool>(true));
    QCOMPARE(asked.limit, 5);
    QCOMPARE(asked.rootAttributes,
        (QList<std::pair<QString, QString>> { { u"http.status_code"_qs, u"500"_qs }, { u"note"_qs, u"two words"_qs } }));
    QCOMPARE(page->results()->rowCount(), 5);
    QCOMPARE(page->summaryText(), u"5 of 12 traces · the newest"_qs);

    // A field that does not parse: refused, said why, nothing asked.
    page->setMinDuration(u"fast"_qs);
    const int before = page->queriesStarted();
    QVERIFY(!page->search());
    QVERIFY(page->formError().contains(u"fast"_qs));
    page->setMinDuration(u"300"_qs);
    page->setMaxDuration(u"200"_qs);
    QVERIFY(!page->search());
    QVERIFY(!page->formError().isEmpty());
    QCOMPARE(page->queriesStarted(), before);
    page->setMaxDuration({}); // editing clears the message
    QVERIFY(page->formError().isEmpty());
    page->setTags(u"http.status_code"_qs);
    QVERIFY(!page->search());
    QVERIFY(page->formError().startsWith(u"Tags are written key=value"_qs));
    page->setTags({});

    // A custom range: from/to start as the window shown, in local time (TZ=UTC here).
    page->setCustomRange(true);
    QCOMPARE(page->customTo(), u"2023-11-14 23:14"_qs);
    QCOMPARE(page->customFrom(), u"2023-11-14 22:59"_qs);
    page->setCustomFrom(u"2023-11-14 21:00"_qs);
    page->setCustomTo(u"2023-11-14 22:30:15"_qs);
    QVERIFY(page->search());
    QVERIFY(!page->isLiveSearch());
    QTRY_COMPARE(applied.size(), 2);
    asked = f.source->lastListFilter();
    const qint64 s = 1000000000;
    const qint64 nine = QDateTime(QDate(2023, 11, 14), QTime(21, 0), Qt::UTC).toMSecsSinceEpoch() * 1000000;
    QCOMPARE(asked.startFromNs, std::optional<qint64>(nine));
    QCOMPARE(asked.startToNs, std::optional<qint64>(nine + 5415 * s - 1));
    page->setCustomTo(u"yesterday"_qs);
    QVERIFY(!page->search());
    // A preset leaves the custom range and searches at once.
    page->choosePreset(u"6h"_qs);
    QVERIFY(!page->isCustomRange());
    QVERIFY(page->isLiveSearch());
    QTRY_COMPARE(f.source->lastListFilter().startFromNs,
        std::optional<qint64>(windowEndingAt(kNow, qint64(6) * 3600 * s).fromNs));
    QTRY_VERIFY(!page->isLoading());

    // A result opens on the Trace page.
    const QString id = page->results()->traceIdAt(2);
    page->openResult(2);
    QCOMPARE(f.controller.currentPage(), int(ConsoleController::Trace));
    QCOMPARE(f.controller.selectedTraceId(), id);
    QCOMPARE(f.controller.backPage(), int(ConsoleController::Traces));
}

void TstConsolePages::tracesPageSorts()
{
    auto source = std::make_shared<FakeSource>();
    for (int n = 1; n <= 9; ++n)
        source->put(sampleTraceNumber(n, (n * 5) % 7)); // span counts 3..9, not in time order
    ConsoleController controller;
    controller.setClock([] { return kNow; });
    controller.setCurrentPage(ConsoleController::Traces);
    controller.setSource(source);
    TracesPage *page = controller.tracesPage();
    Tester tester(page->results(), kQtTest);
    QTRY_VERIFY(page->isLoaded());
    QCOMPARE(page->results()->rowCount(), 9);
    QCOMPARE(page->sortKey(), int(TracesPage::ByStartTime));
    QVERIFY(page->isSortDescending());
    QCOMPARE(page->sortLabels().first(), u"Start time \u25BC"_qs);

    // Every sort is the store's: a column asks again, largest first; the same column flips.
    const auto asked = [&](TraceSort sort, bool descending) {
        const TraceFilter f = source->lastListFilter();
        return f.sort == sort && f.descending == descending;
    };
    const int before = page->queriesStarted();
    page->sortBy(TracesPage::BySpanCount);
    QTRY_VERIFY(asked(TraceSort::SpanCount, true));
    QCOMPARE(page->sortLabels().at(TracesPage::BySpanCount), u"Spans \u25BC"_qs);
    QCOMPARE(page->sortLabels().first(), u"Start time"_qs);
    QVERIFY(page->queriesStarted() > before);
    page->sortBy(TracesPage::BySpanCount);
    QTRY_VERIFY(asked(TraceSort::SpanCount, false));
    QVERIFY(!page->isSortDescending());
    QCOMPARE(page->sortLabels().at(TracesPage::BySpanCount), u"Spans \u25B2"_qs);
    page->sortBy(TracesPage::ByErrorCount);
    QTRY_VERIFY(asked(TraceSort::ErrorCount, true));
    page->sortBy(TracesPage::ByDuration);
    QTRY_VERIFY(asked(TraceSort::Duration, true));
    QTRY_VERIFY(!page->isLoading());
    QVERIFY(page->summaryText().isEmpty() || !page->summaryText().contains(u"newest"_qs));
    page->sortBy(TracesPage::ByStartTime);
    QTRY_VERIFY(asked(TraceSort::StartTime, true));
    page->sortBy(7); // no such column: nothing changes
    QCOMPARE(page->sortKey(), int(TracesPage::ByStartTime));

    // The rows are the source's, in its order: nothing is re-sorted on the page.
    QTRY_VERIFY(!page->isLoading());
    const QList<TraceSummary> served = source->listTraces(source->lastListFilter()).result.traces;
    QCOMPARE(page->results()->rowCount(), served.size());
    for (int row = 0; row < served.size(); ++row)
        QCOMPARE(page->results()->summaryAt(row)->traceId, served.at(row).traceId);
    controller.shutdown();
}

// Span and error-span count ranges: parsed when applied, sent to the store, bad ones refused.
void TstConsolePages::tracesPageCountFilters()
{
    Fixture f;
    TracesPage *page = f.controller.tracesPage();
    QTRY_VERIFY(page->isLoaded());
    page->setMinSpans(u" 3"_qs);
    page->setMaxSpans(u"40"_qs);
    page->setMinErrors(u"1"_qs);
    page->setMaxErrors(QString());
    QVERIFY(page->search());
    QTRY_COMPARE(f.source->lastListFilter().minSpans, std::optional<qint64>(3));
    TraceFilter asked = f.source->lastListFilter();
    QCOMPARE(asked.maxSpans, std::optional<qint64>(40));
    QCOMPARE(asked.minErrors, std::optional<qint64>(1));
    QVERIFY(!asked.maxErrors);

    const QList<std::pair<std::function<void()>, QString>> bad = {
        { [&] { page->setMinSpans(u"-1"_qs); }, u"Min spans is not a whole number of 0 or more: -1"_qs },
        { [&] { page->setMaxSpans(u"many"_qs); }, u"Max spans is not a whole number of 0 or more: many"_qs },
        { [&] { page->setMinErrors(u"1.5"_qs); }, u"Min errors is not a whole number of 0 or more: 1.5"_qs },
        { [&] { page->setMaxErrors(u"x"_qs); }, u"Max errors is not a whole number of 0 or more: x"_qs },
        { [&] { page->setMaxSpans(u"2"_qs); }, u"Min spans is larger than max spans"_qs },
        { [&] { page->setMaxErrors(u"0"_qs); }, u"Min errors is larger than max errors"_qs },
    };
    for (const auto &[change, message] : bad) {
        page->setMinSpans(u"3"_qs);
        page->setMaxSpans(QString());
        page->setMinErrors(u"1"_qs);
        page->setMaxErrors(QString());
        change();
        QVERIFY(!page->search());
        QCOMPARE(page->formError(), message);
    }
    // Refused: the applied search stays as it was.
    QCOMPARE(f.source->lastListFilter().maxSpans, std::optional<qint64>(40));
}

// Saved searches: the form, time range and sort under a name, in the settings file; applied,
// renamed, deleted.
void TstConsolePages::savedSearches()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(u"console.conf"_qs);
    {
        Fixture f;
        f.controller.settings()->setSettingsFile(file);
        TracesPage *page = f.controller.tracesPage();
        QSignalSpy changed(page, &TracesPage::savedSearchesChanged);
        QVERIFY(page->savedSearches().isEmpty());
        QVERIFY(!page->saveSearch(u"  "_qs));
        QCOMPARE(page->formError(), u"A saved search needs a name"_qs);
        page->setService(u"frontend"_qs);
        page->setMinSpans(u"5"_qs);
        page->setMaxErrors(u"0"_qs);
        page->setTags(u"http.status_code=500"_qs);
        page->setLimit(50);
        page->setHasNote(true);
        page->setSort(TracesPage::ByDuration, false);
        QVERIFY(page->saveSearch(u" slow frontend "_qs));
        page->setService(QString());
        page->setMinSpans(QString());
        page->setHasNote(false);
        QVERIFY(page->saveSearch(u"everything"_qs));
        QCOMPARE(page->savedSearches(), (QStringList { u"slow frontend"_qs, u"everything"_qs }));
        QCOMPARE(changed.size(), 2);
        // The same name again replaces that search.
        page->setMaxErrors(u"3"_qs);
        QVERIFY(page->saveSearch(u"everything"_qs));
        QCOMPARE(page->savedSearches().size(), 2);
    }
    // Another console on the same settings file has them.
    Fixture f;
    f.controller.settings()->setSettingsFile(file);
    TracesPage *page = f.controller.tracesPage();
    QCOMPARE(page->savedSearches(), (QStringList { u"slow frontend"_qs, u"everything"_qs }));
    QTRY_VERIFY(page->isLoaded());
    page->applySavedSearch(0);
    QCOMPARE(page->service(), u"frontend"_qs);
    QCOMPARE(page->minSpans(), u"5"_qs);
    QCOMPARE(page->maxErrors(), u"0"_qs);
    QCOMPARE(page->tags(), u"http.status_code=500"_qs);
    QCOMPARE(page->limit(), 50);
    QVERIFY(page->hasNote());
    QCOMPARE(page->sortKey(), int(TracesPage::ByDuration));
    QVERIFY(!page->isSortDescending());
    QTRY_COMPARE(f.source->lastListFilter().service, u"frontend"_qs);
    TraceFilter asked = f.source->lastListFilter();
    QCOMPARE(asked.minSpans, std::optional<qint64>(5));
    QCOMPARE(asked.maxErrors, std::optional<qint64>(0));
    QCOMPARE(asked.sort, TraceSort::Duration);
    QVERIFY(!asked.descending);
    QCOMPARE(asked.limit, 50);
    QCOMPARE(asked.hasNote, std::optional<bool>(true));
    page->applySavedSearch(1);
    QTRY_VERIFY(f.source->lastListFilter().service.isEmpty());
    QCOMPARE(f.source->lastListFilter().maxErrors, std::optional<qint64>(3));
    QVERIFY(!page->hasNote());
    QVERIFY(!f.source->lastListFilter().hasNote);
    page->applySavedSearch(5); // no such search: nothing happens
    QCOMPARE(f.source->lastListFilter().maxErrors, std::optional<qint64>(3));

    QVERIFY(!page->renameSavedSearch(0, u"everything"_qs)); // taken
    QVERIFY(!page->renameSavedSearch(0, u" "_qs));
    QVERIFY(!page->renameSavedSearch(2, u"x"_qs));
    QVERIFY(page->renameSavedSearch(0, u"frontend, slow"_qs));
    QCOMPARE(page->savedSearches(), (QStringList { u"frontend, slow"_qs, u"everything"_qs }));
    page->deleteSavedSearch(1);
    page->deleteSavedSearch(3);
    QCOMPARE(page->savedSearches(), QStringList { u"frontend, slow"_qs });
    ConsoleSettings reread;
    reread.setSettingsFile(file);
    QCOMPARE(reread.savedSearches().size(), 1);
    QCOMPARE(reread.savedSearches().first().first, u"frontend, slow"_qs);
    QCOMPARE(reread.savedSearches().first().second.value(u"service"_qs).toString(), u"frontend"_qs);
}

// A note written on the Trace page goes through the source on the worker thread, then shows on
// the page and in the trace lists; deleting it clears both.
void TstConsolePages::traceNotes()
{
    Fixture f;
    TracesPage *page = f.controller.tracesPage();
    Tester tester(page->results(), kQtTest);
    QTRY_VERIFY(page->isLoaded());
    const QString id = page->results()->traceIdAt(0);
    QVERIFY(f.controller.openTraceId(id));
    QTRY_VERIFY(f.controller.waterfall()->hasTrace());
    QVERIFY(f.controller.traceNote().isEmpty());
    QVERIFY(f.controller.traceNoteInfo().isEmpty());

    QSignalSpy done(&f.controller, &ConsoleController::noteChanged);
    f.controller.saveTraceNote(u"  Slow because of the cache miss\nsee INC-7  "_qs);
    QVERIFY(f.controller.isNoteSaving());
    QVERIFY(done.wait(5000));
    QCOMPARE(done.first().first().toBool(), true);
    QVERIFY(!f.controller.isNoteSaving());
    QVERIFY(!f.source->threads().contains(QThread::currentThread())); // written on the worker
    QTRY_COMPARE(f.controller.traceNote(), u"Slow because of the cache miss\nsee INC-7"_qs);
    QVERIFY(f.controller.traceNoteInfo().startsWith(u"By console, "_qs));
    // The list shows its first line.
    f.controller.setCurrentPage(ConsoleController::Traces);
    QTRY_COMPARE(page->results()->data(page->results()->index(0), TraceListModel::NoteRole).toString(),
        u"Slow because of the cache miss…"_qs);
    QVERIFY(page->results()->data(page->results()->index(0), TraceListModel::HasNoteRole).toBool());
    QVERIFY(!page->results()->data(page->results()->index(1), TraceListModel::HasNoteRole).toBool());
    QVERIFY(page->results()->data(page->results()->index(1), TraceListModel::NoteRole).toString().isEmpty());

    // Too long: refused before anything is written.
    const int calls = f.source->noteCalls;
    f.controller.saveTraceNote(QString(TraceAnalysis::kMaxNoteBytes + 1, u'x'));
    QCOMPARE(done.size(), 2);
    QCOMPARE(done.last().first().toBool(), false);
    QCOMPARE(f.controller.noteMessage(), u"The note is too long: at most 10240 bytes"_qs);
    QCOMPARE(f.source->noteCalls, calls);

    // An empty text deletes the note.
    f.controller.saveTraceNote(u"   "_qs);
    QVERIFY(done.wait(5000));
    QCOMPARE(done.last().first().toBool(), true);
    QVERIFY(f.controller.noteMessage().isEmpty());
    QTRY_VERIFY(f.controller.traceNote().isEmpty());
    QTRY_VERIFY(!page->results()->data(page->results()->index(0), TraceListModel::HasNoteRole).toBool());
    f.controller.deleteTraceNote(); // none left: nothing asked
    QCOMPARE(f.source->noteCalls, calls + 1);
    f.controller.shutdown();
}

void TstConsolePages::tagsParse_data()
{
    using Tags = QList<std::pair<QString, QString>>;
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<Tags>("tags");
    QTest::newRow("empty") << QString() << true << Tags {};
    QTest::newRow("blank") << u"   "_qs << true << Tags {};
    QTest::newRow("one") << u"http.status_code=500"_qs << true << Tags { { u"http.status_code"_qs, u"500"_qs } };
    QTest::newRow("two, extra blanks") << u"  a=1   b=x "_qs << true << Tags { { u"a"_qs, u"1"_qs }, { u"b"_qs, u"x"_qs } };
    QTest::newRow("quoted") << u"route=\"/cart/{id} x\" k=v"_qs << true
                            << Tags { { u"route"_qs, u"/cart/{id} x"_qs }, { u"k"_qs, u"v"_qs } };
    QTest::newRow("escapes") << u"q=\"say \\\"hi\\\" \\\\\""_qs << true << Tags { { u"q"_qs, u"say \"hi\" \\"_qs } };
    QTest::newRow("empty value") << u"k="_qs << true << Tags { { u"k"_qs, QString() } };
    QTest::newRow("= in value") << u"k=a=b"_qs << true << Tags { { u"k"_qs, u"a=b"_qs } };
    QTest::newRow("no =") << u"word"_qs << false << Tags {};
    QTest::newRow("no key") << u"=v"_qs << false << Tags {};
    QTest::newRow("open quote") << u"k=\"v"_qs << false << Tags {};
    QTest::newRow("text after quote") << u"k=\"v\"x"_qs << false << Tags {};
}

void TstConsolePages::tagsParse()
{
    using Tags = QList<std::pair<QString, QString>>;
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(Tags, tags);
    const std::optional<Tags> parsed = TracesPage::parseTags(text);
    QCOMPARE(parsed.has_value(), ok);
    if (ok)
        QCOMPARE(*parsed, tags);
}

void TstConsolePages::scatterScale()
{
    // Whole decades around the durations; none or a single decade still give one to draw.
    QCOMPARE(ScatterScale::decades({ 2.5, 40, 39000 }), std::make_pair(1.0, 100000.0));
    QCOMPARE(ScatterScale::decades({ 10 }), std::make_pair(10.0, 100.0));
    QCOMPARE(ScatterScale::decades({}), std::make_pair(1.0, 1000.0));
    QCOMPARE(ScatterScale::decades({ 0 }), std::make_pair(0.001, 0.01));

    ScatterScale s;
    s.plot = QRectF(10, 20, 100, 40);
    s.fromNs = 1000;
    s.toNs = 2000;
    s.minMs = 1;
    s.maxMs = 10000;
    QCOMPARE(s.position(1000, 1), QPointF(10, 60)); // bottom left
    QCOMPARE(s.position(2000, 10000), QPointF(110, 20)); // top right
    QCOMPARE(s.position(1500, 100), QPointF(60, 40)); // a log scale: 100 ms is half way up
    QCOMPARE(s.position(500, 0.5), QPointF(10, 60)); // outside: on the edges
    QCOMPARE(s.position(5000, 1e9), QPointF(110, 20));
    // Round time ticks, at most six over the range.
    QCOMPARE(ScatterScale::tickStepSeconds(15 * 60), 300);
    QCOMPARE(ScatterScale::tickStepSeconds(3600), 600);
    QCOMPARE(ScatterScale::tickStepSeconds(6 * 3600), 3600);
    QCOMPARE(ScatterScale::tickStepSeconds(24 * 3600), 6 * 3600);
    QCOMPARE(ScatterScale::tickStepSeconds(7 * 24 * 3600), 2 * 24 * 3600);
}

void TstConsolePages::runDeliversOnGuiThreadAndDropsForDeadContext()
{
    ConsoleController noSource;
    QObject context;
    QVERIFY(!noSource.run(
        &context, [](const TraceSource &) { return 1; }, [](int) { QFAIL("ran without a source"); }));

    Fixture f;
    f.source->delayMs = 100;
    QThread *queryThread = nullptr;
    QThread *applyThread = nullptr;
    int value = 0;
    QVERIFY(f.controller.run(
        &context,
        [&](const TraceSource &source) {
            queryThread = QThread::currentThread();
            return source.servicesOverview().services.size();
        },
        [&](qsizetype n) {
            applyThread = QThread::currentThread();
            value = int(n);
        }));
    QTRY_COMPARE(value, 5);
    QVERIFY(queryThread && queryThread != QThread::currentThread());
    QCOMPARE(applyThread, QThread::currentThread());

    // The receiver dies while its query runs: the result is dropped, nothing crashes.
    bool applied = false;
    auto *doomed = new QObject;
    QVERIFY(f.controller.run(
        doomed, [](const TraceSource &source) { return source.servicesOverview(); },
        [&](const ServicesOverview &) { applied = true; }));
    QTRY_VERIFY(f.source->started.load() >= 3); // the query began
    delete doomed;
    QTest::qWait(300);
    QVERIFY(!applied);

    f.controller.shutdown();
    QVERIFY(!f.controller.run(
        &context, [](const TraceSource &) { return 1; }, [](int) {}));
}

void TstConsolePages::pageQueriesAreCoalesced()
{
    Fixture f;
    f.source->delayMs = 150;
    ErrorsPage *page = f.controller.errorsPage();
    QSignalSpy applied(page, &ConsolePage::resultApplied);
    f.controller.setCurrentPage(ConsoleController::Errors); // query 1 in flight
    QVERIFY(page->isLoading());
    for (int i = 0; i < 20; ++i)
        page->refresh(); // all folded into one follow-up
    QTRY_COMPARE_WITH_TIMEOUT(applied.size(), 2, 3000);
    QTest::qWait(250);
    QCOMPARE(applied.size(), 2);
    QCOMPARE(page->queriesStarted(), 2);
    QCOMPARE(f.source->errorCalls.load(), 2);
    QVERIFY(!page->isLoading());
}

void TstConsolePages::staleResultsAreDropped()
{
    Fixture f;
    f.source->delayMs = 150;
    ServicesPage *page = f.controller.servicesPage();
    QSignalSpy applied(page, &ConsolePage::resultApplied);
    f.controller.setCurrentPage(ConsoleController::Services); // asks for 1h
    page->setTimeRange(u"24h"_qs); // while that runs
    QTRY_COMPARE_WITH_TIMEOUT(applied.size(), 1, 3000);
    // Only the 24h result was applied; the 1h one arrived first and was dropped.
    QCOMPARE(page->queriesStarted(), 2);
    QCOMPARE(f.source->lastQueriedWindow().rangeNs(), qint64(24) * 3600 * 1000000000);
    const TimeWindow day = windowEndingAt(kNow, qint64(24) * 3600 * 1000000000);
    QCOMPARE(page->windowText(), windowRangeText(day.fromNs, day.toNs));
    QTest::qWait(200);
    QCOMPARE(applied.size(), 1);
}

void TstConsolePages::commitsRefreshOnlyTheShownPage()
{
    Fixture f;
    f.controller.setPageRefreshIntervalMs(150);
    ServicesPage *services = f.controller.servicesPage();
    DependenciesPage *dependencies = f.controller.dependenciesPage();
    f.controller.setCurrentPage(ConsoleController::Services);
    QTRY_COMPARE(services->queriesStarted(), 1);
    QTRY_VERIFY(!services->isLoading());

    // 450 ms of commits every 10 ms: a refresh at most every 150 ms.
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 450) {
        f.controller.notifyCommitted(5, 1);
        QTest::qWait(10);
    }
    QTest::qWait(200);
    const int refreshes = services->queriesStarted() - 1;
    QVERIFY2(refreshes >= 2 && refreshes <= 4, qPrintable(QString::number(refreshes)));
    QCOMPARE(dependencies->queriesStarted(), 0); // hidden: never asked

    // Switching shows the other page at once; the hidden one stops refreshing.
    f.controller.setCurrentPage(ConsoleController::Dependencies);
    QCOMPARE(dependencies->queriesStarted(), 1);
    const int before = services->queriesStarted();
    f.controller.notifyCommitted(5, 1);
    QTest::qWait(250);
    QCOMPARE(services->queriesStarted(), before);
    QCOMPARE(dependencies->queriesStarted(), 2);
}

void TstConsolePages::pagesAndShortcuts()
{
    ConsoleController c;
    PageListModel *pages = c.pages();
    Tester tester(pages, kQtTest);
    QCOMPARE(pages->rowCount(), int(ConsoleController::PageCount));
    QCOMPARE(names(pages, PageListModel::TitleRole),
        (QStringList { u"Dashboard"_qs, u"Traces"_qs, u"Trace"_qs, u"Services"_qs, u"Errors"_qs,
            u"Dependencies"_qs, u"Performance"_qs, u"Insights"_qs, u"Alerts"_qs, u"Settings"_qs }));
    // Side bar order is Page order, but Insights and Alerts (appended to Page later) follow Performance.
    const QList<int> sideBar { ConsoleController::Dashboard, ConsoleController::Traces, ConsoleController::Trace,
        ConsoleController::Services, ConsoleController::Errors, ConsoleController::Dependencies,
        ConsoleController::Performance, ConsoleController::Insights, ConsoleController::Alerts, ConsoleController::Settings };
    QList<int> rowPages;
    for (int row = 0; row < pages->rowCount(); ++row)
        rowPages.append(pages->index(row).data(PageListModel::PageRole).toInt());
    QCOMPARE(rowPages, sideBar);
    for (int row = 0; row < pages->rowCount(); ++row) { // every page is built now
        QVERIFY(pages->index(row).data(PageListModel::BuiltRole).toBool());
        QVERIFY(pages->placeholderOf(sideBar[row]).isEmpty());
    }
    QCOMPARE(
        pages->index(ConsoleController::Errors).data(PageListModel::ShortcutRole).toString(), u"Ctrl+5"_qs);
    QCOMPARE(pages->index(8).data(PageListModel::ShortcutRole).toString(), u"Ctrl+0"_qs);
    QCOMPARE(pages->glyphOf(ConsoleController::Insights), u"\u2726"_qs);

    // The Dashboard is the start page, and it is the active one.
    QCOMPARE(c.currentPage(), int(ConsoleController::Dashboard));
    QVERIFY(c.dashboardPage()->isActive());
    QSignalSpy changed(&c, &ConsoleController::currentPageChanged);
    for (int n = 1; n <= 9; ++n) { // Ctrl+n shows page n - 1, whose side bar entry says so
        c.showShortcutPage(n);
        QCOMPARE(c.currentPage(), n - 1);
        const int row = int(rowPages.indexOf(n - 1));
        QCOMPARE(pages->index(row).data(PageListModel::ShortcutRole).toString(), u"Ctrl+%1"_qs.arg(n));
    }
    QCOMPARE(changed.size(), 8); // Ctrl+1 on the Dashboard changes nothing
    QVERIFY(c.insightsPage()->isActive());
    QVERIFY(!c.performancePage()->isActive());
    c.showShortcutPage(0);
    QCOMPARE(c.currentPage(), int(ConsoleController::Alerts));
    QVERIFY(c.alertsPage()->isActive());
    QVERIFY(!c.insightsPage()->isActive());
    c.showShortcutPage(9);
    c.showShortcutPage(10);
    c.setCurrentPage(42);
    QCOMPARE(c.currentPage(), int(ConsoleController::Insights));
    c.setCurrentPage(ConsoleController::Errors);
    QVERIFY(c.errorsPage()->isActive());
    QVERIFY(!c.servicesPage()->isActive());
    QCOMPARE(c.errorsPage()->emptyText(), u"Not connected to a server."_qs);
}

// The Insights page over a store with the fault workload ending now: each fault in its section
// with an example trace, the service filter, and a row opening its trace with Back to Insights.
void TstConsolePages::insightsPageShowsTheFaults()
{
    const qint64 minuteNs = qint64(60) * 1000000000;
    const qint64 now = QDateTime::currentMSecsSinceEpoch() * 1000000;
    const qint64 minute = now - now % minuteNs;
    WorkloadStore db({});
    QVERIFY2(db.ok(), qPrintable(db.error));
    demo::FaultWorkload w;
    w.fromNs = minute - 95 * minuteNs;
    w.toNs = now;
    w.versionChangeNs = minute - 8 * minuteNs;
    w.errorBurst = std::make_pair(minute - 30 * minuteNs, minute - 24 * minuteNs);
    w.nPlusOne = true;
    QString error;
    QVERIFY2(w.writeTo(*db.store, &error), qPrintable(error));

    ConsoleController controller;
    controller.setCurrentPage(ConsoleController::Traces);
    controller.setSource(storeTraceSource(*db.store));
    InsightsPage *page = controller.insightsPage();
    Tester anomaliesTester(page->anomalies(), kQtTest);
    Tester regressionsTester(page->regressions(), kQtTest);
    Tester recommendationsTester(page->recommendations(), kQtTest);
    Tester originsTester(page->origins(), kQtTest);
    QCOMPARE(page->queriesStarted(), 0); // hidden pages do not ask
    QSignalSpy applied(page, &ConsolePage::resultApplied);
    controller.showShortcutPage(9);
    QVERIFY(page->isActive());
    QTRY_COMPARE_WITH_TIMEOUT(applied.size(), 1, 30000);
    QVERIFY(page->emptyText().isEmpty());

    // The latency step of checkout's new version, with where the time went and a slow example.
    const auto rowWhere = [](const auto *model, auto match) {
        for (int i = 0; i < model->rowCount(); ++i)
            if (match(*model->rowAt(i)))
                return i;
        return -1;
    };
    const int step = rowWhere(page->anomalies(), [](const AnomalyRow &r) {
        return r.service == u"checkout" && r.operation == u"POST /checkout" && r.metricText == u"p95 latency";
    });
    QVERIFY(step >= 0);
    const AnomalyRow &stepRow = *page->anomalies()->rowAt(step);
    QVERIFY2(stepRow.attributionText.contains(u"checkout POST /checkout"_qs), qPrintable(stepRow.attributionText));
    QVERIFY(stepRow.whenText.startsWith(u"since "_qs));
    QCOMPARE(stepRow.traceIdHex.size(), 32);
    // The error burst of the database, with a failed example.
    const int burst = page->anomalies()->rowOfKey(
        [&] {
            for (const AnomalyRow &r : page->anomalies()->rows())
                if (r.service == u"inventory-db" && r.metricText == u"error rate")
                    return r.key;
            return QString();
        }());
    QVERIFY(burst >= 0);
    QCOMPARE(page->anomalies()->index(burst).data(AnomalyModel::ExpectedTextRole).toString(), u"expected 0 %"_qs);
    // The regression names both versions; the N+1 loop is a recommendation; errors start in the database.
    const int regression = rowWhere(page->regressions(), [](const RegressionRow &r) { return r.service == u"checkout"; });
    QVERIFY(regression >= 0);
    QCOMPARE(page->regressions()->rowAt(regression)->versionsText, u"1.4.0 → 1.5.0"_qs);
    QVERIFY(page->regressions()->rowAt(regression)->worse);
    const int nPlusOne = rowWhere(page->recommendations(), [](const RecommendationRow &r) { return r.ruleText == u"N+1 calls"; });
    QVERIFY(nPlusOne >= 0);
    QCOMPARE(page->recommendations()->rowAt(nPlusOne)->service, u"cart"_qs);
    QCOMPARE(page->origins()->rowCount(), 1);
    const ErrorOriginRow &origin = *page->origins()->rowAt(0);
    QVERIFY2(origin.summaryText.endsWith(u" errors start in inventory-db: DeadlockDetected"_qs), qPrintable(origin.summaryText));
    QCOMPARE(origin.spanIdHex.size(), 16);
    QVERIFY(page->summaryText().contains(u"1 error origin"_qs));

    // A row opens its example on the Trace page; Back returns to Insights.
    QSignalSpy traceApplied(&controller, &ConsoleController::traceApplied);
    page->openOrigin(0);
    QCOMPARE(controller.currentPage(), int(ConsoleController::Trace));
    QCOMPARE(controller.backPage(), int(ConsoleController::Insights));
    QCOMPARE(controller.backPageTitle(), u"Insights"_qs);
    QCOMPARE(controller.selectedTraceId(), origin.traceIdHex);
    QTRY_COMPARE_WITH_TIMEOUT(traceApplied.size(), 1, 10000);
    QCOMPARE(controller.spanDetails()->spanId(), origin.spanIdHex);
    QCOMPARE(controller.spanDetails()->service(), u"inventory-db"_qs);
    controller.goBack();
    QVERIFY(page->isActive());
    page->openAnomaly(step);
    QCOMPARE(controller.selectedTraceId(), stepRow.traceIdHex);
    controller.goBack();
    page->openRecommendation(nPlusOne);
    QCOMPARE(controller.selectedTraceId(), page->recommendations()->rowAt(nPlusOne)->traceIdHex);
    controller.goBack();
    page->openAnomaly(999); // out of range: nothing
    QCOMPARE(controller.currentPage(), int(ConsoleController::Insights));

    // The service filter: cart has the N+1 loop and none of checkout's faults.
    const int before = int(applied.size());
    page->setServiceIndex(int(page->serviceOptions().indexOf(u"cart"_qs)));
    QCOMPARE(page->serviceFilter(), u"cart"_qs);
    QTRY_VERIFY_WITH_TIMEOUT(applied.size() > before, 30000);
    for (const AnomalyRow &r : page->anomalies()->rows())
        QCOMPARE(r.service, u"cart"_qs);
    QCOMPARE(page->regressions()->rowCount(), 0);
    QCOMPARE(page->origins()->rowCount(), 0); // no cart error starts anywhere
    QVERIFY(page->recommendations()->rowCount() >= 1);
    controller.shutdown();
}

void TstConsolePages::settingsDescribeTheServer()
{
    ConsoleController c;
    SettingsPage *page = c.settingsPage();
    Tester tester(page->serverSettings(), kQtTest);
    Tester snippetTester(page->snippets(), kQtTest);
    QCOMPARE(page->serverSettings()->rowCount(), 0); // no server: nothing to say
    QCOMPARE(page->snippets()->rowCount(), 0);
    QVERIFY(!page->canRegenerateToken());
    QVERIFY(page->tokenNote().isEmpty());
    const auto text = [page](const char *key) {
        CaptionedTextModel *m = page->serverSettings();
        return m->index(m->rowOfKey(QLatin1String(key))).data(CaptionedTextModel::TextRole).toString();
    };
    page->setServerFacts({ true, 30, 0.25, 1500, { u"http://jaeger:14268/api/traces"_qs, u"http://otel:4318"_qs }, {} });
    QCOMPARE(text("retention"), u"30 day(s)"_qs);
    QCOMPARE(text("sampling"), u"25 % of the traces; error spans are always kept"_qs);
    QCOMPARE(text("rate"), u"1,500 traces per second"_qs);
    QCOMPARE(text("forwarding"), u"http://jaeger:14268/api/traces, http://otel:4318"_qs);
    page->setServerFacts({ true, 1, 1.0, 0, {}, {} });
    QCOMPARE(text("retention"), u"1 day(s)"_qs);
    QCOMPARE(text("sampling"), u"every trace"_qs);
    QCOMPARE(text("rate"), u"none"_qs);

    // Snippets follow the endpoints; a short token is masked whole.
    ConsoleEndpoints endpoints;
    endpoints.otlpHttpUrl = u"http://[::1]:4318/v1/traces"_qs;
    endpoints.apiToken = u"short"_qs;
    c.setEndpoints(endpoints);
    QCOMPARE(page->snippets()->rowCount(), 1);
    QCOMPARE(page->snippets()->index(0).data(CaptionedTextModel::TextRole).toString(),
        u"OTEL_EXPORTER_OTLP_ENDPOINT=http://[::1]:4318"_qs);
    QCOMPARE(page->apiTokenText(), QString(8, QChar(0x2022)));
    endpoints.apiToken = u"sl_0123456789abcdef"_qs;
    c.setEndpoints(endpoints);
    QCOMPARE(page->apiTokenText(), u"sl_012…cdef"_qs);
}

namespace {

AlertEvent alertEvent(qint64 id, bool firing)
{
    AlertEvent e;
    e.id = id;
    e.ruleId = 1;
    e.ruleName = QStringLiteral("checkout errors");
    e.metric = QStringLiteral("error_rate");
    e.service = QStringLiteral("checkout");
    e.startedNs = kNow + id;
    e.observed = 0.2;
    if (!firing) {
        e.resolvedNs = kNow + id + 1;
        e.resolvedValue = 0.01;
    }
    return e;
}

// The Alerts page over a real store: a controller, its page shown, pages refreshed often.
struct AlertsFixture
{
    WorkloadStore db { Workload::shop().spans };
    ConsoleController controller;
    AlertsPage *page = controller.alertsPage();

    AlertsFixture()
    {
        controller.setClock([] { return kWorkNow; });
        controller.setPageRefreshIntervalMs(50);
        controller.setSource(storeTraceSource(*db.store));
        controller.setCurrentPage(ConsoleController::Alerts);
    }
    // Waits for the result of a refresh started now.
    // A query already in flight may answer first with what it read before the call (a loaded
    // machine made that happen): wait for the result of one that started after it.
    bool refreshed()
    {
        const int before = page->queriesStarted();
        page->refresh();
        QDeadlineTimer deadline(10000);
        while (!deadline.hasExpired()) {
            QSignalSpy applied(page, &ConsolePage::resultApplied);
            if (!applied.wait(int(std::max<qint64>(1, deadline.remainingTime()))))
                return false;
            if (page->queriesStarted() > before && !page->isLoading())
                return true;
        }
        return false;
    }
};

} // namespace

void TstConsolePages::alertsPageShowsRulesAndHistory()
{
    AlertsFixture f;
    QVERIFY2(f.db.ok(), qPrintable(f.db.error));
    Tester rulesTester(f.page->rules(), kQtTest);
    Tester historyTester(f.page->history(), kQtTest);
    QTRY_VERIFY(f.page->isLoaded());
    QCOMPARE(f.page->rules()->count(), 0);
    QCOMPARE(f.page->historyEmptyText(), u"No alert has fired yet."_qs);

    // The empty state's one click: the example rule, stored and listed.
    QSignalSpy saved(f.page, &AlertsPage::ruleSaved);
    f.page->addExampleRule();
    QVERIFY(f.page->isSaving());
    QTRY_COMPARE(saved.size(), 1);
    QVERIFY2(saved.first().first().toBool(), qPrintable(f.page->formError()));
    QTRY_COMPARE(f.page->rules()->count(), 1);
    const QAbstractItemModel *rules = f.page->rules();
    const QModelIndex first = rules->index(0, 0);
    QCOMPARE(first.data(AlertRuleModel::NameRole).toString(), AlertsPage::exampleRule().name);
    QCOMPARE(first.data(AlertRuleModel::MetricTextRole).toString(), u"error rate"_qs);
    QCOMPARE(first.data(AlertRuleModel::ScopeTextRole).toString(), u"every service"_qs);
    QCOMPARE(first.data(AlertRuleModel::ConditionTextRole).toString(), u"> "_qs + percentText(0.05));
    QCOMPARE(first.data(AlertRuleModel::ForTextRole).toString(), durationText(qint64(300) * 1000000000));
    QCOMPARE(first.data(AlertRuleModel::StateRole).toString(), u"ok"_qs);
    QCOMPARE(first.data(AlertRuleModel::SeverityLevelRole).toInt(), int(Severity::High));
    const qint64 id = first.data(AlertRuleModel::RuleIdRole).toLongLong();
    QCOMPARE(f.page->ruleForm(id).value(u"threshold"_qs).toString(), u"0.05"_qs);
    QCOMPARE(f.page->ruleForm(id).value(u"forMinutes"_qs).toString(), u"5"_qs);

    // The server fires it; a webhook failed. The page shows both, the rule as firing.
    const std::optional<qint64> event = f.db.store->fireAlert(id, kWorkNow - 60000000000, 0.2);
    QVERIFY(event);
    AlertDelivery d;
    d.url = QStringLiteral("http://127.0.0.1:9/hook");
    d.event = QStringLiteral("firing");
    d.attempts = 4;
    d.httpStatus = 503;
    d.timeNs = kWorkNow;
    QVERIFY(f.db.store->addAlertDelivery(*event, d));
    QVERIFY(f.refreshed());
    QCOMPARE(first.data(AlertRuleModel::StateRole).toString(), u"firing"_qs);
    QCOMPARE(f.page->summaryText(), u"1 rule(s) · 1 firing"_qs);
    QCOMPARE(f.page->history()->count(), 1);
    const QModelIndex alert = f.page->history()->index(0, 0);
    QVERIFY(alert.data(AlertHistoryModel::FiringRole).toBool());
    QCOMPARE(alert.data(AlertHistoryModel::StateTextRole).toString(), u"firing"_qs);
    QCOMPARE(alert.data(AlertHistoryModel::ObservedTextRole).toString(), u"observed "_qs + percentText(0.2));
    QCOMPARE(alert.data(AlertHistoryModel::DeliveriesTextRole).toString(), u"webhooks: 0 delivered, 1 failed (HTTP 503)"_qs);
    QVERIFY(alert.data(AlertHistoryModel::ResolvedTextRole).toString().isEmpty());

    // Filtered by state: it is no resolved alert.
    f.page->setStateIndex(2);
    QTRY_COMPARE(f.page->history()->count(), 0);
    f.page->setStateIndex(1);
    QTRY_COMPARE(f.page->history()->count(), 1);

    // Disabling it resolves nothing by itself here (the evaluator does), but the rule says so.
    saved.clear();
    f.page->setRuleEnabled(id, false);
    QTRY_COMPARE(saved.size(), 1);
    QVERIFY(saved.first().first().toBool());
    QTRY_COMPARE(first.data(AlertRuleModel::StateRole).toString(), u"disabled"_qs);
    QVERIFY(!f.db.store->alertRule(id)->enabled);

    // The alert leads to its traces: every failed trace, the rule being on every service.
    f.page->openAlertTraces(0);
    QCOMPARE(f.controller.currentPage(), int(ConsoleController::Traces));
    QCOMPARE(f.controller.tracesPage()->statusIndex(), 1);
    QCOMPARE(f.controller.tracesPage()->service(), QString());

    // Deleted: gone with its history.
    saved.clear();
    f.controller.setCurrentPage(ConsoleController::Alerts);
    f.page->deleteRule(id);
    QTRY_COMPARE(saved.size(), 1);
    QTRY_COMPARE(f.page->rules()->count(), 0);
    QTRY_COMPARE(f.page->history()->count(), 0);
    f.controller.shutdown();
}

void TstConsolePages::alertRuleFormShowsTheServersRefusal()
{
    AlertsFixture f;
    QVERIFY2(f.db.ok(), qPrintable(f.db.error));
    QTRY_VERIFY(f.page->isLoaded());
    QSignalSpy saved(f.page, &AlertsPage::ruleSaved);
    QVariantMap form { { u"name"_qs, u"checkout slow"_qs }, { u"metric"_qs, u"latency_p95"_qs },
        { u"service"_qs, u"checkout"_qs }, { u"comparator"_qs, u">"_qs }, { u"threshold"_qs, u"lots"_qs },
        { u"forMinutes"_qs, u"5"_qs }, { u"severity"_qs, u"high"_qs }, { u"enabled"_qs, true } };
    f.page->saveRule(form);
    QTRY_COMPARE(saved.size(), 1);
    QVERIFY(!saved.first().first().toBool());
    QCOMPARE(f.page->formError(), u"threshold is required: a number"_qs); // AlertRuleBook's words, as the API's

    form[u"threshold"_qs] = u"250"_qs;
    form[u"forMinutes"_qs] = u"-3"_qs;
    f.page->saveRule(form);
    QTRY_COMPARE(saved.size(), 2);
    QVERIFY(f.page->formError().startsWith(u"for_seconds must be a number of seconds from 0 to 604800"_qs));

    form[u"forMinutes"_qs] = u"5"_qs;
    form[u"operation"_qs] = u"GET /cart"_qs;
    form[u"ruleId"_qs] = 999;
    f.page->saveRule(form);
    QTRY_COMPARE(saved.size(), 3);
    QCOMPARE(f.page->formError(), u"no alert rule with id 999"_qs);

    form.remove(u"ruleId"_qs);
    f.page->saveRule(form);
    QTRY_COMPARE(saved.size(), 4);
    QVERIFY2(saved.last().first().toBool(), qPrintable(f.page->formError()));
    QVERIFY(f.page->formError().isEmpty());
    QTRY_COMPARE(f.page->rules()->count(), 1);
    const QModelIndex rule = f.page->rules()->index(0, 0);
    QCOMPARE(rule.data(AlertRuleModel::ScopeTextRole).toString(), u"checkout · GET /cart"_qs);
    QCOMPARE(rule.data(AlertRuleModel::ConditionTextRole).toString(), u"> "_qs + millisText(250));
    f.controller.shutdown();
}

void TstConsolePages::alertNoticesSayWhatIsNew()
{
    AlertNoticeTracker t;
    // The first look only learns: a console that starts announces no old alert.
    QVERIFY(t.update({ alertEvent(1, true), alertEvent(2, false) }).isEmpty());
    QVERIFY(t.isPrimed());
    // Nothing changed: nothing to say.
    QVERIFY(t.update({ alertEvent(1, true), alertEvent(2, false) }).isEmpty());
    // A new firing alert (the history is newest first).
    QList<AlertNotice> n = t.update({ alertEvent(3, true), alertEvent(1, true), alertEvent(2, false) });
    QCOMPARE(n.size(), 1);
    QCOMPARE(n[0].eventId, 3);
    QVERIFY(n[0].firing);
    QCOMPARE(n[0].title, u"Alert firing: checkout errors"_qs);
    QCOMPARE(n[0].text, u"error rate of checkout: "_qs + percentText(0.2));
    // 1 resolves and 4 fires and resolves between two looks: in the order they happened.
    n = t.update({ alertEvent(4, false), alertEvent(3, true), alertEvent(1, false), alertEvent(2, false) });
    QCOMPARE(n.size(), 2);
    QCOMPARE(n[0].eventId, 1);
    QVERIFY(!n[0].firing);
    QCOMPARE(n[0].title, u"Alert resolved: checkout errors"_qs);
    QCOMPARE(n[0].text, u"error rate of checkout: "_qs + percentText(0.01));
    QCOMPARE(n[1].eventId, 4);
    QVERIFY(!n[1].firing);
    // An alert already known as resolved is not announced again, nor one that left the list.
    QVERIFY(t.update({ alertEvent(4, false), alertEvent(3, true) }).isEmpty());
    // Another server: learnt again.
    t.reset();
    QVERIFY(!t.isPrimed());
    QVERIFY(t.update({ alertEvent(9, true) }).isEmpty());
}

QTEST_MAIN(TstConsolePages)
#include "tst_consolepages.moc"
