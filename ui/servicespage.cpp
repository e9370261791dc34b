#include "servicespage.h"

#include "consolecontroller.h"
#include "displaytext.h"
#include "performancepage.h"

namespace spanlight {

ServicesPage::ServicesPage(ConsoleController *controller)
    : ConsolePage(controller)
    , m_table(new ServiceTableModel(this))
    , m_sorted(new ServiceSortModel(m_table, this))
    , m_operations(new OperationStatsModel(this))
    , m_chart(new TrendChartData(this))
{
    m_chart->setFinestFits(true); // no granularity choice on this page
    connect(m_chart, &TrendChartData::granularityChosen, this, &ServicesPage::parametersChanged);
}

ServicesSnapshot ServicesPage::query(
    const TraceSource &source, const TimeWindow &window, const QString &selected, qint64 granularityNs)
{
    ServicesSnapshot s;
    const ServicesOverview overview = source.servicesOverview();
    for (const ServiceSummary &service : overview.services)
        s.performance.append(source.servicePerformance(service.name, window));
    s.dependencies = source.dependencies(window).services;
    if (!selected.isEmpty()) {
        s.trends = source.trends(selected, {}, window, granularityNs);
        s.anomalies = source.anomalies(selected, {}, window).anomalies;
    }
    return s;
}

qint64 ServicesPage::windowStepNs() const
{
    return m_chart->granularityNs();
}

bool ServicesPage::startQuery(const TimeWindow &window)
{
    return controller()->run(
        this,
        [window, selected = m_selected, step = windowStepNs()](const TraceSource &source) {
            return query(source, window, selected, step);
        },
        [this, generation = generation()](ServicesSnapshot snapshot) {
            if (takeResult(generation))
                apply(snapshot);
        });
}

void ServicesPage::apply(const ServicesSnapshot &snapshot)
{
    m_snapshot = snapshot;
    m_table->setServices(snapshot.performance);
    m_chart->setTrends(snapshot.trends, snapshot.anomalies);
    updateSelection();
    Q_EMIT resultApplied();
}

QString ServicesPage::emptyText() const
{
    if (!controller()->isConnected())
        return tr("Not connected to a server.");
    if (!isLoaded())
        return tr("Loading services…");
    if (m_table->rowCount() == 0)
        return tr("No services yet. They appear as soon as spans arrive.");
    return {};
}

void ServicesPage::selectService(const QString &name)
{
    if (name == m_selected)
        return;
    m_selected = name;
    // The charts showed the previous service: empty until this one's trends arrive.
    m_chart->setTrends({});
    updateSelection();
    parametersChanged();
}

void ServicesPage::openInPerformance()
{
    if (m_selected.isEmpty())
        return;
    PerformancePage *performance = controller()->performancePage();
    performance->setTimeRange(timeRange());
    performance->setFilter(m_selected, {});
    controller()->setCurrentPage(ConsoleController::Performance);
}

QString ServicesPage::trendsCaption() const
{
    if (m_selected.isEmpty())
        return {};
    return tr("Requests of %1 · one point per %2").arg(m_selected, m_chart->granularityLabel());
}

void ServicesPage::selectRow(int row)
{
    const QString name = m_sorted->serviceAt(row);
    if (!name.isEmpty())
        selectService(name);
}

void ServicesPage::moveSelection(int delta)
{
    const int count = m_sorted->rowCount();
    if (count == 0)
        return;
    const int current = selectedRow();
    selectRow(current < 0 ? (delta >= 0 ? 0 : count - 1) : std::clamp(current + delta, 0, count - 1));
}

void ServicesPage::updateSelection()
{
    const ServicePerformance *p = m_table->serviceAt(m_table->rowOf(m_selected));
    QString summary;
    QStringList upstream, downstream;
    if (p) {
        m_operations->setOperations(p->operations);
        summary = tr("%Ln request(s)", "", int(std::min<qint64>(p->totalRequests, INT_MAX)))
            + QStringLiteral(" · ") + tr("%1 errors").arg(percentText(p->errorRate)) + QStringLiteral(" · ")
            + tr("avg %1").arg(millisText(p->avgResponseMs));
        for (const ServiceDependencies &d : std::as_const(m_snapshot.dependencies)) {
            if (d.name == m_selected) {
                upstream = d.dependents;
                downstream = d.dependencies;
            }
        }
    } else {
        m_operations->setOperations({});
    }
    m_selectedSummary = summary;
    m_upstream = upstream;
    m_downstream = downstream;
    Q_EMIT selectionChanged(); // cheap, and the figures of the same service may have changed
}

} // namespace spanlight
