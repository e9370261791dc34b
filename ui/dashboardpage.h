#pragma once

#include "consolepage.h"
#include "dashboardmodels.h"
#include "errormodels.h"
#include "tracelistmodel.h"

namespace spanlight {

// What the dashboard asks for in one query, over the last 15 minutes by minute.
struct DashboardSnapshot
{
    TimeWindow window;
    TrendSeries spans; // every span per minute
    QList<qint64> traceStarts; // traces started per minute
    TrendSeries requests; // the requests of every service per minute
    ServicePerformance allRequests; // the same requests over the whole window (percentiles merged once)
    QList<ServicePerformance> services; // each service's requests, by name
    qint64 storedTraces = 0; // in the whole store, to tell "empty" from "quiet"
    TraceList recent; // newest first
    ErrorList errors; // newest first
};

// The Dashboard: live figures of the last 15 minutes (spans/s, traces, error rate and p95 of
// the requests, each with a per-minute sparkline), the newest traces, the busiest services and
// the latest errors. It is live: while shown it refreshes every pageRefreshIntervalMs, whether
// or not spans arrive, because its window slides with the clock.
class DashboardPage : public ConsolePage
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("DashboardPage is owned by ConsoleController")
    Q_PROPERTY(spanlight::KpiModel *kpis READ kpis CONSTANT)
    Q_PROPERTY(spanlight::TraceListModel *recentTraces READ recentTraces CONSTANT)
    Q_PROPERTY(spanlight::TopServiceModel *topServices READ topServices CONSTANT)
    Q_PROPERTY(spanlight::ErrorGroupModel *latestErrors READ latestErrors CONSTANT)
    Q_PROPERTY(bool hasData READ hasData NOTIFY resultApplied)
    Q_PROPERTY(QString emptyTitle READ emptyTitle NOTIFY resultApplied)
    Q_PROPERTY(QString emptyText READ emptyText NOTIFY resultApplied)
    Q_PROPERTY(QString errorsSummary READ errorsSummary NOTIFY resultApplied)
    Q_PROPERTY(QString liveText READ liveText NOTIFY resultApplied)
    Q_PROPERTY(QString setupSnippet READ setupSnippet NOTIFY setupChanged)
public:
    static constexpr int kRecentTraces = 10;
    static constexpr int kTopServices = 6;
    static constexpr int kErrorFetchLimit = 200; // grouped into the latest error groups

    explicit DashboardPage(ConsoleController *controller);

    KpiModel *kpis() const { return m_kpis; }
    TraceListModel *recentTraces() const { return m_recent; }
    TopServiceModel *topServices() const { return m_services; }
    ErrorGroupModel *latestErrors() const { return m_errors; }
    bool hasData() const { return m_spans > 0; }
    QString emptyTitle() const;
    QString emptyText() const;
    QString errorsSummary() const;
    QString liveText() const;
    // The line that points an OpenTelemetry SDK at the embedded collector (OTLP/HTTP).
    QString setupSnippet() const;

    // The worker-thread half and the figures made of it, public for tests.
    static DashboardSnapshot query(const TraceSource &source, const TimeWindow &window);
    static QList<KpiRow> kpisOf(const DashboardSnapshot &snapshot);
    void apply(const DashboardSnapshot &snapshot);

    // A row of `recentTraces` opens on the Trace page.
    Q_INVOKABLE void openTrace(int row);
    // A row of `latestErrors`: its newest error's span on the Trace page.
    Q_INVOKABLE void openError(int row);
    // The Services page with that service selected.
    Q_INVOKABLE void openService(const QString &name);
    Q_INVOKABLE void copySetupSnippet() const;

Q_SIGNALS:
    void setupChanged();

protected:
    bool startQuery(const TimeWindow &window) override;

private:
    KpiModel *m_kpis;
    TraceListModel *m_recent;
    TopServiceModel *m_services;
    ErrorGroupModel *m_errors;
    qint64 m_spans = 0;
    qint64 m_storedTraces = 0;
    qint64 m_errorCount = 0;
};

} // namespace spanlight
