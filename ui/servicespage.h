#pragma once

#include "consolepage.h"
#include "servicemodels.h"
#include "trendchartdata.h"

namespace spanlight {

// What the services page asks for in one query: every stored service's requests over the
// window, the graph's callers and callees of each, and the selected service's trends.
struct ServicesSnapshot
{
    QList<ServicePerformance> performance; // by name, as services() lists them
    QList<ServiceDependencies> dependencies; // by name
    TrendSeries trends; // of the selected service's requests; no points without a selection
    QList<Anomaly> anomalies; // of the selected service in the window, for the charts' bands
};

// The services page: a sortable table of the services' RED figures over a time range and, for
// the selected service, latency (p50/p95/p99), error-rate and throughput charts over the range
// (TrendChartData at the granularity the range fits, as on the Performance page), its
// operations and its upstream (callers) and downstream (callees) services. The selection is a
// service name, so it survives refreshes and sorting.
class ServicesPage : public ConsolePage
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ServicesPage is owned by ConsoleController")
    Q_PROPERTY(spanlight::ServiceSortModel *services READ services CONSTANT)
    Q_PROPERTY(spanlight::OperationStatsModel *operations READ operations CONSTANT)
    Q_PROPERTY(int serviceCount READ serviceCount NOTIFY resultApplied)
    Q_PROPERTY(QString selectedService READ selectedService NOTIFY selectionChanged)
    Q_PROPERTY(QString selectedSummary READ selectedSummary NOTIFY selectionChanged)
    Q_PROPERTY(QStringList upstream READ upstream NOTIFY selectionChanged)
    Q_PROPERTY(QStringList downstream READ downstream NOTIFY selectionChanged)
    Q_PROPERTY(spanlight::TrendChartData *trendChart READ trendChart CONSTANT)
    Q_PROPERTY(QString trendsCaption READ trendsCaption NOTIFY selectionChanged)
    Q_PROPERTY(QString emptyText READ emptyText NOTIFY resultApplied)
public:
    explicit ServicesPage(ConsoleController *controller);

    ServiceSortModel *services() const { return m_sorted; }
    ServiceTableModel *table() const { return m_table; }
    OperationStatsModel *operations() const { return m_operations; }
    int serviceCount() const { return m_table->rowCount(); }
    QString selectedService() const { return m_selected; }
    QString selectedSummary() const { return m_selectedSummary; }
    QStringList upstream() const { return m_upstream; }
    QStringList downstream() const { return m_downstream; }
    TrendChartData *trendChart() const { return m_chart; }
    QString trendsCaption() const;
    QString emptyText() const;

    // The worker-thread half, public for tests: what startQuery() runs. `selected` (may be
    // empty) gets trends at `granularityNs`.
    static ServicesSnapshot query(
        const TraceSource &source, const TimeWindow &window, const QString &selected, qint64 granularityNs);
    void apply(const ServicesSnapshot &snapshot);

    Q_INVOKABLE void selectService(const QString &name); // empty clears the selection
    Q_INVOKABLE void selectRow(int row); // a row of `services` (sorted)
    // Up/Down in the table: the selection moves by `delta` rows of the sorted table.
    Q_INVOKABLE void moveSelection(int delta);
    Q_INVOKABLE int selectedRow() const { return m_sorted->rowOf(m_selected); } // in `services`
    // The Performance page, filtered to the selected service over this page's time range.
    Q_INVOKABLE void openInPerformance();

Q_SIGNALS:
    void selectionChanged();

protected:
    bool startQuery(const TimeWindow &window) override;
    qint64 windowStepNs() const override;

private:
    void updateSelection();

    ServiceTableModel *m_table;
    ServiceSortModel *m_sorted;
    OperationStatsModel *m_operations;
    TrendChartData *m_chart;
    ServicesSnapshot m_snapshot;
    QString m_selected;
    QString m_selectedSummary;
    QStringList m_upstream;
    QStringList m_downstream;
};

} // namespace spanlight
