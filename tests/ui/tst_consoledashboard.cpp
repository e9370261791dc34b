// The Dashboard and Performance pages over a real store: a known hour of shop traffic
// (storeworkload.h) is written, the pages read it through the store-backed source (the same
// TraceAnalysis / ServiceAnalysis calls as the REST API) on the controller's worker, and their
// KPIs, sparklines, lists, slowest rows and trend points are compared with the test's own
// arithmetic over the spans. Models run under QAbstractItemModelTester.
#include "consolecontroller.h"
#include "displaytext.h"
#include "serverbinding.h"
#include "sparkline.h"
#include "storeworkload.h"

#include "core/ids.h"

#include <QAbstractItemModelTester>
#include <QLineSeries>
#include <QPainter>
#include <QSignalSpy>
#include <QTest>

using namespace spanlight;
using namespace spanlight::test;

namespace {

using Tester = QAbstractItemModelTester;
constexpr auto kQtTest = QAbstractItemModelTester::FailureReportingMode::QtTest;
constexpr qint64 kMinute = kWorkMinute;

bool near(double value, double expected, double relative)
{
    return qAbs(value - expected) <= relative * qAbs(expected) + 1e-9;
}

// A console over a store of the shop hour, with the clock at kWorkNow.
struct Fixture
{
    Workload work = Workload::shop();
    WorkloadStore db { work.spans };
    ConsoleController controller;

    explicit Fixture(qint64 now = kWorkNow, bool withData = true)
        : db(withData ? work.spans : QList<Span>())
    {
        controller.setClock([now] { return now; });
        controller.setPageRefreshIntervalMs(50);
        ConsoleEndpoints endpoints;
        endpoints.otlpHttpUrl = QStringLiteral("http://127.0.0.1:4318/v1/traces");
        controller.setEndpoints(endpoints);
        if (db.store)
            controller.setSource(storeTraceSource(*db.store));
    }
    ~Fixture() { controller.shutdown(); } // no query may run when the store closes
};

QVariant kpi(const KpiModel *model, const QString &key, int role)
{
    const int row = model->rowOfKey(key);
    return row >= 0 ? model->index(row).data(role) : QVariant();
}

} // namespace

class TstConsoleDashboard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void sparklineGeometry();
    void dashboardFiguresOverTheStore();
    void dashboardIsLiveAndLeadsToWhatItShows();
    void dashboardEmptyStates();

    void performanceSlowestAndTrends();
    void performanceFilters();
    void granularityFollowsTheRange_data();
    void granularityFollowsTheRange();
    void niceCeiling_data();
    void niceCeiling();
    void seriesFillAChart();
    void servicesChartsShowTheSelectedService();
};

void TstConsoleDashboard::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    const WorkloadStore probe({});
    QVERIFY2(probe.store, qPrintable(probe.error));
}

void TstConsoleDashboard::sparklineGeometry()
{
    const QRectF area(10, 20, 100, 50); // bottom at 70
    QCOMPARE(Sparkline::polyline({ 0, 5, 10 }, area),
        QPolygonF({ QPointF(10, 70), QPointF(60, 45), QPointF(110, 20) }));
    // All zeros lie on the bottom; negative values too; the largest value is the top.
    QCOMPARE(Sparkline::polyline({ 0, 0 }, area), QPolygonF({ QPointF(10, 70), QPointF(110, 70) }));
    QCOMPARE(Sparkline::polyline({ -3, 4 }, area), QPolygonF({ QPointF(10, 70), QPointF(110, 20) }));
    // One value is a level line across, at its height (the top, being the largest).
    QCOMPARE(Sparkline::polyline({ 7 }, area), QPolygonF({ QPointF(10, 20), QPointF(110, 20) }));
    QVERIFY(Sparkline::polyline({}, area).isEmpty());
    QVERIFY(Sparkline::polyline({ 1, 2 }, QRectF()).isEmpty());

    // The item paints something where the line is, and nothing for no values.
    Sparkline item;
    item.setSize(QSizeF(60, 20));
    item.setProperty("color", QColor(Qt::red));
    QImage image(60, 20, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    {
        QPainter painter(&image);
        item.paint(&painter);
    }
    QCOMPARE(image, [] {
        QImage blank(60, 20, QImage::Format_ARGB32_Premultiplied);
        blank.fill(Qt::transparent);
        return blank;
    }());
    QSignalSpy changed(&item, &Sparkline::valuesChanged);
    item.setValues({ 0, 1, 0, 1 });
    item.setValues({ 0, 1, 0, 1 });
    QCOMPARE(changed.size(), 1);
    {
        QPainter painter(&image);
        item.paint(&painter);
    }
    QVERIFY(qAlpha(image.pixel(56, 3)) > 0); // the newest value's dot, top right
    QVERIFY(qAlpha(image.pixel(20, 17)) > 0); // the area under the first peak
    QCOMPARE(qAlpha(image.pixel(5, 2)), 0); // above the line
}

void TstConsoleDashboard::dashboardFiguresOverTheStore()
{
    Fixture f;
    QVERIFY2(f.db.ok(), qPrintable(f.db.error));
    DashboardPage *page = f.controller.dashboardPage();
    Tester t1(page->kpis(), kQtTest);
    Tester t2(page->recentTraces(), kQtTest);
    Tester t3(page->topServices(), kQtTest);
    Tester t4(page->latestErrors(), kQtTest);
    QSignalSpy applied(page, &ConsolePage::resultApplied);
    f.controller.setCurrentPage(ConsoleController::Dashboard);
    QTRY_VERIFY(applied.size() >= 1);
    QVERIFY(page->hasData());

    // The window: the 15 whole minutes ending with the one that holds now.
    const qint64 from = kWorkT0 + 45 * kMinute, to = kWorkT0 + 60 * kMinute;
    QCOMPARE(page->timeRange(), u"15m"_qs);
    QCOMPARE(page->windowText(), windowRangeText(from, to));

    // Spans per second: every span of the window over its 900 seconds.
    const KpiModel *kpis = page->kpis();
    QCOMPARE(kpis->rowCount(), 4);
    const QList<Span> spans = f.work.spansIn(from, to);
    QCOMPARE(kpi(kpis, u"spans"_qs, KpiModel::ValueRole).toDouble(), double(spans.size()) / 900.0);
    QCOMPARE(
        kpi(kpis, u"spans"_qs, KpiModel::ValueTextRole).toString(), ratePerSecondText(spans.size() / 900.0));
    QCOMPARE(kpi(kpis, u"spans"_qs, KpiModel::DetailTextRole).toString(),
        QStringLiteral("%1 span(s)").arg(spans.size()));
    // Traces: those that started in the window; the sparkline has one count per minute.
    const QList<QByteArray> traces = f.work.tracesStartingIn(from, to);
    QCOMPARE(kpi(kpis, u"traces"_qs, KpiModel::ValueRole).toDouble(), double(traces.size()));
    QCOMPARE(kpi(kpis, u"traces"_qs, KpiModel::ValueTextRole).toString(), countText(traces.size()));
    const QList<qreal> traceLine = kpi(kpis, u"traces"_qs, KpiModel::SparklineRole).value<QList<qreal>>();
    const QList<qreal> spanLine = kpi(kpis, u"spans"_qs, KpiModel::SparklineRole).value<QList<qreal>>();
    QCOMPARE(traceLine.size(), 15);
    QCOMPARE(spanLine.size(), 15);
    for (int m = 0; m < 15; ++m) {
        const qint64 a = from + m * kMinute;
        QCOMPARE(traceLine[m], qreal(f.work.tracesStartingIn(a, a + kMinute).size()));
        QCOMPARE(spanLine[m], qreal(f.work.spansIn(a, a + kMinute).size()) / 60.0);
    }
    // Error rate and p95 of the requests (entry spans) of every service.
    const QList<Span> requests = f.work.spansIn(from, to, true);
    const qint64 failed = Workload::failures(requests);
    QVERIFY(failed > 0);
    const double rate = double(failed) / double(requests.size());
    QCOMPARE(kpi(kpis, u"errors"_qs, KpiModel::ValueRole).toDouble(), rate);
    QCOMPARE(kpi(kpis, u"errors"_qs, KpiModel::ValueTextRole).toString(), percentText(rate));
    QCOMPARE(kpi(kpis, u"errors"_qs, KpiModel::DetailTextRole).toString(),
        QStringLiteral("%1 of %2 request(s) failed").arg(failed).arg(requests.size()));
    QCOMPARE(kpi(kpis, u"errors"_qs, KpiModel::AlertRole).toBool(), rate > kAlertErrorRate);
    const QList<qreal> errorLine = kpi(kpis, u"errors"_qs, KpiModel::SparklineRole).value<QList<qreal>>();
    QCOMPARE(errorLine.size(), 15);
    for (int m = 0; m < 15; ++m) {
        const QList<Span> minute = f.work.spansIn(from + m * kMinute, from + (m + 1) * kMinute, true);
        QVERIFY(near(errorLine[m], double(Workload::failures(minute)) / double(minute.size()), 1e-12));
    }
    // Percentiles merge the stored buckets: within 2 % of the nearest-rank value.
    const double p95 = kpi(kpis, u"latency"_qs, KpiModel::ValueRole).toDouble();
    QVERIFY2(near(p95, Workload::quantileMs(requests, 0.95), 0.02),
        qPrintable(QStringLiteral("%1 vs %2").arg(p95).arg(Workload::quantileMs(requests, 0.95))));
    QCOMPARE(kpi(kpis, u"latency"_qs, KpiModel::ValueTextRole).toString(), millisText(p95));
    const QList<qreal> p95Line = kpi(kpis, u"latency"_qs, KpiModel::SparklineRole).value<QList<qreal>>();
    for (int m = 0; m < 15; ++m) {
        const QList<Span> minute = f.work.spansIn(from + m * kMinute, from + (m + 1) * kMinute, true);
        QVERIFY(near(p95Line[m], Workload::quantileMs(minute, 0.95), 0.02));
    }
    QCOMPARE(kpi(kpis, u"spans"_qs, KpiModel::TitleRole).toString(), u"Spans per second"_qs);

    // Recent traces: the newest ten that started in the window, newest first.
    const auto extents = f.work.traceExtents();
    QList<QByteArray> newest = traces;
    std::sort(newest.begin(), newest.end(),
        [&](const QByteArray &a, const QByteArray &b) { return extents[a].first > extents[b].first; });
    QCOMPARE(page->recentTraces()->rowCount(), DashboardPage::kRecentTraces);
    for (int row = 0; row < DashboardPage::kRecentTraces; ++row)
        QCOMPARE(page->recentTraces()->traceIdAt(row), idToHex(newest[row]));

    // Busiest services by their requests in the window, with their error rates.
    TopServiceModel *top = page->topServices();
    QStringList expectedOrder;
    QHash<QString, QList<Span>> byService;
    for (const Span &s : requests)
        byService[s.serviceName].append(s);
    expectedOrder = byService.keys();
    std::sort(expectedOrder.begin(), expectedOrder.end(), [&](const QString &a, const QString &b) {
        return byService[a].size() != byService[b].size() ? byService[a].size() > byService[b].size() : a < b;
    });
    QCOMPARE(top->rowCount(), expectedOrder.size()); // frontend, inventory, checkout, reports
    for (int row = 0; row < top->rowCount(); ++row) {
        const QString name = expectedOrder[row];
        const QModelIndex i = top->index(row);
        QCOMPARE(i.data(TopServiceModel::NameRole).toString(), name);
        QCOMPARE(i.data(TopServiceModel::RequestsRole).toLongLong(), byService[name].size());
        const double serviceRate
            = double(Workload::failures(byService[name])) / double(byService[name].size());
        QCOMPARE(i.data(TopServiceModel::ErrorRateTextRole).toString(), percentText(serviceRate));
        QCOMPARE(i.data(TopServiceModel::ShareRole).toDouble(),
            double(byService[name].size()) / double(byService[expectedOrder[0]].size()));
    }
    QCOMPARE(top->serviceAt(0), u"frontend"_qs);
    QCOMPARE(top->serviceAt(99), QString());

    // Latest errors: the window's failed spans grouped by fingerprint, the most recent first.
    QList<Span> errors;
    for (const Span &s : spans)
        if (s.statusCode == StatusCode::Error)
            errors.append(s);
    std::sort(errors.begin(), errors.end(),
        [](const Span &a, const Span &b) { return a.startTimeUnixNano > b.startTimeUnixNano; });
    QCOMPARE(page->errorsSummary(), QStringLiteral("%1 error(s)").arg(errors.size()));
    ErrorGroupModel *groups = page->latestErrors();
    qint64 grouped = 0;
    for (int row = 0; row < groups->rowCount(); ++row)
        grouped += groups->index(row).data(ErrorGroupModel::CountRole).toLongLong();
    QCOMPARE(grouped, errors.size());
    // The newest error is the child's TimeoutError (it starts a millisecond after its root).
    QCOMPARE(groups->index(0).data(ErrorGroupModel::TypeRole).toString(), u"TimeoutError"_qs);
    QCOMPARE(groups->index(0).data(ErrorGroupModel::TraceIdRole).toString(), idToHex(errors[0].traceId));
    QCOMPARE(groups->index(0).data(ErrorGroupModel::SpanIdRole).toString(), idToHex(errors[0].spanId));
}

void TstConsoleDashboard::dashboardIsLiveAndLeadsToWhatItShows()
{
    Fixture f;
    DashboardPage *page = f.controller.dashboardPage();
    QSignalSpy applied(page, &ConsolePage::resultApplied);
    f.controller.setCurrentPage(ConsoleController::Dashboard);
    QTRY_VERIFY(applied.size() >= 1);
    // No commits at all, and still it asks again: its window moves with the clock.
    const int first = page->queriesStarted();
    QTRY_VERIFY(page->queriesStarted() >= first + 2);
    QTRY_VERIFY(applied.size() >= 3);
    QVERIFY(page->liveText().startsWith(u"Last 15 minutes · live"_qs));
    // Hidden, it stops.
    f.controller.setCurrentPage(ConsoleController::Settings);
    QTRY_VERIFY(!page->isLoading());
    const int hidden = page->queriesStarted();
    QTest::qWait(200);
    QCOMPARE(page->queriesStarted(), hidden);

    // A recent trace opens on the Trace page, its root selected, and Back returns here.
    f.controller.setCurrentPage(ConsoleController::Dashboard);
    QTRY_VERIFY(!page->isLoading());
    QSignalSpy traceApplied(&f.controller, &ConsoleController::traceApplied);
    const QString newest = page->recentTraces()->traceIdAt(0);
    page->openTrace(0);
    QCOMPARE(f.controller.currentPage(), int(ConsoleController::Trace));
    QCOMPARE(f.controller.backPage(), int(ConsoleController::Dashboard));
    QVERIFY(!page->isActive());
    QCOMPARE(f.controller.selectedTraceId(), newest);
    QTRY_COMPARE(traceApplied.size(), 1);
    QCOMPARE(f.controller.selectedSpanRow(), 0);
    // The root: span 1 of its trace, whose number ends both ids (storeworkload.h).
    QCOMPARE(f.controller.spanDetails()->spanId(), u"3c3c3c3c"_qs + newest.right(6) + u"01"_qs);

    // An error group leads to its newest error's span.
    f.controller.setCurrentPage(ConsoleController::Dashboard);
    QTRY_VERIFY(!page->isLoading());
    const QModelIndex group = page->latestErrors()->index(0);
    page->openError(0);
    QCOMPARE(f.controller.currentPage(), int(ConsoleController::Trace));
    QCOMPARE(f.controller.selectedTraceId(), group.data(ErrorGroupModel::TraceIdRole).toString());
    QTRY_COMPARE(traceApplied.size(), 2);
    QCOMPARE(f.controller.spanDetails()->spanId(), group.data(ErrorGroupModel::SpanIdRole).toString());
    QVERIFY(f.controller.spanDetails()->isError());

    // A service leads to the Services page with it selected.
    page->openService(u"checkout"_qs);
    QCOMPARE(f.controller.currentPage(), int(ConsoleController::Services));
    QCOMPARE(f.controller.servicesPage()->selectedService(), u"checkout"_qs);
    page->openTrace(99); // out of range: nothing
    page->openError(99);
    QCOMPARE(f.controller.currentPage(), int(ConsoleController::Services));
}

void TstConsoleDashboard::dashboardEmptyStates()
{
    {
        ConsoleController noServer;
        DashboardPage *page = noServer.dashboardPage();
        QVERIFY(!page->hasData());
        QCOMPARE(page->emptyTitle(), u"Not connected"_qs);
        QVERIFY(page->setupSnippet().isEmpty());
    }
    {
        // An empty store: how to send spans, with the variable an SDK reads.
        Fixture f(kWorkNow, false);
        QVERIFY2(f.db.ok(), qPrintable(f.db.error));
        DashboardPage *page = f.controller.dashboardPage();
        QSignalSpy applied(page, &ConsolePage::resultApplied);
        f.controller.setCurrentPage(ConsoleController::Dashboard);
        QTRY_VERIFY(applied.size() >= 1);
        QVERIFY(!page->hasData());
        QCOMPARE(page->emptyTitle(), u"No spans yet"_qs);
        QVERIFY(page->emptyText().contains(u"OpenTelemetry SDK"_qs));
        QCOMPARE(page->setupSnippet(), u"OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318"_qs);
        QCOMPARE(page->kpis()->rowCount(), 4);
        QCOMPARE(kpi(page->kpis(), u"latency"_qs, KpiModel::ValueTextRole).toString(), u"–"_qs);
        QCOMPARE(page->recentTraces()->rowCount(), 0);
        QCOMPARE(page->topServices()->rowCount(), 0);
    }
    {
        // Data, but an hour old: the page says where it is.
        Fixture f(kWorkNow + 2 * 60 * kMinute);
        DashboardPage *page = f.controller.dashboardPage();
        QSignalSpy applied(page, &ConsolePage::resultApplied);
        f.controller.setCurrentPage(ConsoleController::Dashboard);
        QTRY_VERIFY(applied.size() >= 1);
        QVERIFY(!page->hasData());
        QCOMPARE(page->emptyTitle(), u"Nothing in the last 15 minutes"_qs);
        const int stored = int(f.work.tracesStartingIn(0, std::numeric_limits<qint64>::max()).size());
        QVERIFY2(page->emptyText().startsWith(QStringLiteral("The store holds %1 trace(s)").arg(stored)),
            qPrintable(page->emptyText()));
    }
}

void TstConsoleDashboard::performanceSlowestAndTrends()
{
    Fixture f;
    PerformancePage *page = f.controller.performancePage();
    Tester t1(page->slowestTraces(), kQtTest);
    Tester t2(page->slowestOperations(), kQtTest);
    QSignalSpy applied(page, &ConsolePage::resultApplied);
    QSignalSpy trendsChanged(page->trendChart(), &TrendChartData::trendsChanged);
    f.controller.setCurrentPage(ConsoleController::Performance);
    QTRY_VERIFY(applied.size() >= 1);
    QCOMPARE(page->timeRange(), u"1h"_qs);
    QCOMPARE(page->trendChart()->granularity(), u"1m"_qs);
    const qint64 from = kWorkT0, to = kWorkT0 + 60 * kMinute;
    QVERIFY(page->emptyText().isEmpty());

    // Slowest traces: the longest of the window first, at most kSlowestLimit.
    const auto extents = f.work.traceExtents();
    QList<QByteArray> longest = f.work.tracesStartingIn(from, to);
    std::sort(longest.begin(), longest.end(), [&](const QByteArray &a, const QByteArray &b) {
        const qint64 da = extents[a].second - extents[a].first, db = extents[b].second - extents[b].first;
        return da != db ? da > db : a < b;
    });
    TraceListModel *traces = page->slowestTraces();
    QCOMPARE(traces->rowCount(), PerformancePage::kSlowestLimit);
    QCOMPARE(traces->index(0).data(TraceListModel::OperationRole).toString(), u"GET /report"_qs);
    for (int row = 0; row < traces->rowCount(); ++row)
        QCOMPARE(traces->index(row).data(TraceListModel::DurationMsRole).toDouble(),
            double(extents[longest[row]].second - extents[longest[row]].first) / 1e6);

    // Slowest operations: every span of each (service, operation), the highest average first.
    QHash<QString, QList<Span>> byOperation;
    for (const Span &s : f.work.spansIn(from, to))
        byOperation[s.serviceName + u'\x1f' + s.name].append(s);
    QStringList keys = byOperation.keys();
    std::sort(keys.begin(), keys.end(), [&](const QString &a, const QString &b) {
        const double x = Workload::avgMs(byOperation[a]), y = Workload::avgMs(byOperation[b]);
        return x != y ? x > y : a < b;
    });
    SlowOperationModel *operations = page->slowestOperations();
    QCOMPARE(operations->rowCount(), keys.size()); // 8 operations, under the limit
    for (int row = 0; row < keys.size(); ++row) {
        const QModelIndex i = operations->index(row);
        const QList<Span> &ops = byOperation[keys[row]];
        QCOMPARE(i.data(SlowOperationModel::ServiceRole).toString() + u'\x1f'
                + i.data(SlowOperationModel::OperationRole).toString(),
            keys[row]);
        QVERIFY(near(i.data(SlowOperationModel::AvgMsRole).toDouble(), Workload::avgMs(ops), 1e-9));
        QCOMPARE(i.data(SlowOperationModel::CountTextRole).toString(), countText(ops.size()));
        QCOMPARE(i.data(SlowOperationModel::ErrorRateTextRole).toString(),
            percentText(double(Workload::failures(ops)) / double(ops.size())));
    }
    QCOMPARE(operations->index(0).data(SlowOperationModel::OperationRole).toString(), u"GET /report"_qs);

    // Trends: one point per minute of the hour, the requests of every service.
    const TrendSeries &t = page->trends();
    QCOMPARE(t.points.size(), 60);
    QCOMPARE(t.window.fromNs, from);
    for (int m = 0; m < 60; ++m) {
        const QList<Span> minute = f.work.spansIn(from + m * kMinute, from + (m + 1) * kMinute, true);
        QCOMPARE(t.points[m].count, minute.size());
        QVERIFY(near(t.points[m].avgDurationMs, Workload::avgMs(minute), 1e-9));
        QVERIFY(near(t.points[m].p99DurationMs, Workload::quantileMs(minute, 0.99), 0.02));
        QVERIFY(
            near(t.points[m].errorRate, double(Workload::failures(minute)) / double(minute.size()), 1e-12));
    }
    // The chart series: x in the middle of each minute, y in the metric's unit.
    const QList<QPointF> throughput = page->trendChart()->seriesPoints(TrendChartData::Throughput);
    QCOMPARE(throughput.size(), 60);
    QCOMPARE(throughput[0].x(), double((from + kMinute / 2) / 1000000));
    QCOMPARE(throughput[3].y(), double(t.points[3].count) / 60.0);
    const QList<QPointF> errors = page->trendChart()->seriesPoints(TrendChartData::ErrorRate);
    QCOMPARE(errors.size(), 60); // every minute has requests
    QCOMPARE(errors[47].y(), t.points[47].errorRate * 100);
    QCOMPARE(page->trendChart()->seriesPoints(TrendChartData::P95Latency)[10].y(), t.points[10].p95DurationMs);
    // Axes: the window, and value ranges above the highest point.
    QCOMPARE(page->trendChart()->axisFrom().toMSecsSinceEpoch(), from / 1000000);
    QCOMPARE(page->trendChart()->axisTo().toMSecsSinceEpoch(), to / 1000000);
    QCOMPARE(page->trendChart()->axisFormat(), u"HH:mm"_qs);
    double highest = 0;
    for (const TrendPoint &p : t.points)
        highest = std::max(highest, p.p99DurationMs);
    QVERIFY(page->trendChart()->latencyMax() >= highest && page->trendChart()->latencyMax() <= 2.5 * highest);
    QVERIFY(page->trendChart()->hasTrendData());
    QVERIFY(!page->trendChart()->latencyTrendText().isEmpty());
    QCOMPARE(page->trendsCaption(), u"Requests of every service · one point per 1 min"_qs);
    QVERIFY(trendsChanged.size() >= 1);
}

void TstConsoleDashboard::performanceFilters()
{
    Fixture f;
    PerformancePage *page = f.controller.performancePage();
    QSignalSpy applied(page, &ConsolePage::resultApplied);
    f.controller.setCurrentPage(ConsoleController::Performance);
    QTRY_VERIFY(applied.size() >= 1);
    QCOMPARE(page->serviceOptions(),
        (QStringList { u"All services"_qs, u"checkout"_qs, u"frontend"_qs, u"inventory"_qs, u"reports"_qs }));
    QCOMPARE(page->operationOptions(), QStringList { u"All operations"_qs });

    // One service: its requests (the SELECT client spans are not requests).
    page->setServiceIndex(1);
    QCOMPARE(page->serviceFilter(), u"checkout"_qs);
    QCOMPARE(
        page->operationOptions(), (QStringList { u"All operations"_qs, u"POST /checkout"_qs, u"SELECT"_qs }));
    QTRY_VERIFY(!page->isLoading() && page->trends().points.size() == 60 && applied.size() >= 2);
    const qint64 from = kWorkT0;
    for (int m = 0; m < 60; ++m)
        QCOMPARE(page->trends().points[m].count,
            f.work.spansIn(from + m * kMinute, from + (m + 1) * kMinute, true, u"checkout"_qs).size());
    QCOMPARE(page->slowestTraces()->rowCount(),
        std::min<int>(PerformancePage::kSlowestLimit,
            int(f.work.spansIn(from, from + 60 * kMinute, true, u"checkout"_qs).size())));
    for (int row = 0; row < page->slowestOperations()->rowCount(); ++row)
        QCOMPARE(page->slowestOperations()->index(row).data(SlowOperationModel::ServiceRole).toString(),
            u"checkout"_qs);
    QCOMPARE(page->trendsCaption(), u"Requests of checkout · one point per 1 min"_qs);

    // One operation: every span of it, client spans included.
    const int before = int(applied.size());
    page->setOperationIndex(2);
    QCOMPARE(page->operationFilter(), u"SELECT"_qs);
    QTRY_VERIFY(applied.size() > before && !page->isLoading());
    qint64 selects = 0;
    for (const TrendPoint &p : page->trends().points)
        selects += p.count;
    qint64 expected = 0;
    for (const Span &s : f.work.spansIn(from, from + 60 * kMinute, false, u"checkout"_qs))
        expected += s.name == u"SELECT";
    QCOMPARE(selects, expected);
    QCOMPARE(page->slowestOperations()->rowCount(), 1);
    QCOMPARE(page->trendsCaption(), u"Every span of SELECT in checkout · one point per 1 min"_qs);

    // Back to all services: the operation goes too.
    page->setServiceIndex(0);
    QVERIFY(page->operationFilter().isEmpty());
    QCOMPARE(page->operationIndex(), 0);
    page->setOperationIndex(1); // there are no operations without a service
    QVERIFY(page->operationFilter().isEmpty());
}

void TstConsoleDashboard::granularityFollowsTheRange_data()
{
    QTest::addColumn<QString>("range");
    QTest::addColumn<QString>("before");
    QTest::addColumn<QStringList>("allowed");
    QTest::addColumn<QString>("after");
    // 2 to 2,000 points: 1 h at 1 h is a single point, 7 days at 5 min is 2,016.
    QTest::newRow("15 min") << u"15m"_qs << u"1m"_qs << QStringList { u"1m"_qs, u"5m"_qs } << u"1m"_qs;
    QTest::newRow("1 h") << u"1h"_qs << u"5m"_qs << QStringList { u"1m"_qs, u"5m"_qs } << u"5m"_qs;
    QTest::newRow("6 h keeps 1 h") << u"6h"_qs << u"1h"_qs << QStringList { u"1m"_qs, u"5m"_qs, u"1h"_qs }
                                   << u"1h"_qs;
    QTest::newRow("7 days forces 1 h") << u"7d"_qs << u"1m"_qs << QStringList { u"1h"_qs } << u"1h"_qs;
    QTest::newRow("15 min from 1 h takes the coarsest that fits")
        << u"15m"_qs << u"1h"_qs << QStringList { u"1m"_qs, u"5m"_qs } << u"5m"_qs;
}

void TstConsoleDashboard::granularityFollowsTheRange()
{
    QFETCH(QString, range);
    QFETCH(QString, before);
    QFETCH(QStringList, allowed);
    QFETCH(QString, after);
    ConsoleController c;
    PerformancePage *page = c.performancePage();
    // Reach `before` through ranges that allow it.
    page->setTimeRange(u"6h"_qs);
    page->trendChart()->setGranularity(before);
    QCOMPARE(page->trendChart()->granularity(), before);
    page->setTimeRange(range);
    QCOMPARE(page->trendChart()->allowedGranularities(), allowed);
    QCOMPARE(page->trendChart()->granularity(), after);
    page->trendChart()->setGranularity(u"2m"_qs); // not a granularity
    QCOMPARE(page->trendChart()->granularity(), after);
    QCOMPARE(TrendChartData::granularityFits(qint64(7) * 24 * 60 * kMinute, 5 * kMinute), false);
    QCOMPARE(TrendChartData::granularityFits(qint64(24) * 60 * kMinute, kMinute), true); // 1,440
    QCOMPARE(TrendChartData::granularityFits(60 * kMinute, 0), false);
}

void TstConsoleDashboard::niceCeiling_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<double>("expected");
    QTest::newRow("nothing") << 0.0 << 1.0;
    QTest::newRow("exact") << 100.0 << 100.0;
    QTest::newRow("just above a power") << 101.0 << 200.0;
    QTest::newRow("two and a half") << 2.3 << 2.5;
    QTest::newRow("five") << 0.047 << 0.05;
    QTest::newRow("ten") << 7.0 << 10.0;
}

void TstConsoleDashboard::niceCeiling()
{
    QFETCH(double, value);
    QFETCH(double, expected);
    QVERIFY(qFuzzyCompare(TrendChartData::niceCeiling(value), expected));
}

void TstConsoleDashboard::seriesFillAChart()
{
    Fixture f;
    PerformancePage *page = f.controller.performancePage();
    QSignalSpy applied(page, &ConsolePage::resultApplied);
    f.controller.setCurrentPage(ConsoleController::Performance);
    QTRY_VERIFY(applied.size() >= 1);
    QLineSeries series;
    page->trendChart()->updateSeries(&series, TrendChartData::AvgLatency);
    QCOMPARE(series.points(), page->trendChart()->seriesPoints(TrendChartData::AvgLatency));
    QCOMPARE(series.count(), 60);
    page->trendChart()->updateSeries(&series, 42); // not a metric: left alone
    QCOMPARE(series.count(), 60);
    page->trendChart()->updateSeries(nullptr, TrendChartData::Throughput);
}

void TstConsoleDashboard::servicesChartsShowTheSelectedService()
{
    Fixture f;
    ServicesPage *page = f.controller.servicesPage();
    TrendChartData *chart = page->trendChart();
    QSignalSpy applied(page, &ConsolePage::resultApplied);
    f.controller.setCurrentPage(ConsoleController::Services);
    QTRY_VERIFY(applied.size() >= 1);
    QCOMPARE(chart->granularity(), u"1m"_qs); // the page's hour, as on the Performance page
    QVERIFY(chart->trends().points.isEmpty()); // nothing selected: no trends asked for
    QVERIFY(!chart->hasTrendData());

    page->selectService(u"checkout"_qs);
    QTRY_VERIFY(chart->hasTrendData());
    QVERIFY(page->isLoaded() && !page->isLoading());
    const qint64 from = kWorkT0, to = kWorkT0 + 60 * kMinute;
    const TrendSeries &t = chart->trends();
    QCOMPARE(t.points.size(), 60);
    QCOMPARE(t.window.fromNs, from);
    QCOMPARE(t.window.toNs, to);
    qint64 requests = 0;
    for (int m = 0; m < 60; ++m) {
        const QList<Span> minute = f.work.spansIn(from + m * kMinute, from + (m + 1) * kMinute, true, u"checkout"_qs);
        QCOMPARE(t.points[m].count, minute.size());
        requests += minute.size();
        QVERIFY(near(t.points[m].avgDurationMs, Workload::avgMs(minute), 1e-9));
        QVERIFY(near(t.points[m].p50DurationMs, Workload::quantileMs(minute, 0.50), 0.02));
        QVERIFY(near(t.points[m].p95DurationMs, Workload::quantileMs(minute, 0.95), 0.02));
        QVERIFY(near(t.points[m].p99DurationMs, Workload::quantileMs(minute, 0.99), 0.02));
        QVERIFY(near(t.points[m].errorRate,
            minute.isEmpty() ? 0.0 : double(Workload::failures(minute)) / double(minute.size()), 1e-12));
    }
    QVERIFY(requests > 0);
    QCOMPARE(requests, f.work.spansIn(from, to, true, u"checkout"_qs).size()); // only checkout's
    QVERIFY(requests < f.work.spansIn(from, to, true).size());
    // The series the charts get: p50 per minute with requests, throughput every minute.
    const QList<QPointF> p50 = chart->seriesPoints(TrendChartData::P50Latency);
    const QList<QPointF> throughput = chart->seriesPoints(TrendChartData::Throughput);
    QCOMPARE(throughput.size(), 60);
    QCOMPARE(throughput[0].x(), double((from + kMinute / 2) / 1000000));
    QCOMPARE(throughput[7].y(), double(t.points[7].count) / 60.0);
    int withRequests = 0;
    for (const TrendPoint &p : t.points) {
        if (p.count > 0) {
            QCOMPARE(p50[withRequests].y(), p.p50DurationMs);
            ++withRequests;
        }
    }
    QCOMPARE(p50.size(), withRequests);
    QCOMPARE(chart->axisFrom().toMSecsSinceEpoch(), from / 1000000);
    QCOMPARE(page->trendsCaption(), u"Requests of checkout · one point per 1 min"_qs);

    // Another service: its figures replace the first one's at once, then arrive.
    page->selectService(u"frontend"_qs);
    QVERIFY(!chart->hasTrendData());
    QTRY_VERIFY(chart->hasTrendData());
    QCOMPARE(chart->trends().points[5].count, f.work.spansIn(from + 5 * kMinute, from + 6 * kMinute, true, u"frontend"_qs).size());

    // A week: the granularity follows the range (1 min would be 10,080 points).
    page->setTimeRange(u"7d"_qs);
    QCOMPARE(chart->granularity(), u"1h"_qs);
    QTRY_COMPARE(chart->trends().granularityNs, 60 * kMinute);
    QCOMPARE(chart->trends().points.size(), 7 * 24);
    QCOMPARE(chart->axisFormat(), u"MMM d"_qs);
    // Back to six hours: the finest that fits again (the Performance page would keep 1 h).
    page->setTimeRange(u"6h"_qs);
    QCOMPARE(chart->granularity(), u"1m"_qs);
    QTRY_COMPARE(chart->trends().points.size(), 6 * 60);
    page->setTimeRange(u"7d"_qs);
    QTRY_COMPARE(chart->trends().points.size(), 7 * 24);

    // Open in Performance: that page, filtered to the service, over the same range.
    page->openInPerformance();
    QCOMPARE(f.controller.currentPage(), int(ConsoleController::Performance));
    PerformancePage *performance = f.controller.performancePage();
    QCOMPARE(performance->serviceFilter(), u"frontend"_qs);
    QCOMPARE(performance->operationFilter(), QString());
    QCOMPARE(performance->timeRange(), u"7d"_qs);

    // No selection: no figures, and nothing to open.
    f.controller.setCurrentPage(ConsoleController::Services);
    page->selectService({});
    QVERIFY(!chart->hasTrendData());
    QCOMPARE(page->trendsCaption(), QString());
}

QTEST_MAIN(TstConsoleDashboard)
#include "tst_consoledashboard.moc"
