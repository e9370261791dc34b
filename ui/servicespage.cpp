#include "servicespage.h"

#include "consolecontroller.h"
#include "displaytext.h"

namespace spanlight {

ServicesPage::ServicesPage(ConsoleController *controller)
    : ConsolePage(controller)
    , m_table(new ServiceTableModel(this))
    , m_sorted(new ServiceSortModel(m_table, this))
    , m_operations(new OperationStatsModel(this))
{ }

ServicesSnapshot ServicesPage::query(const TraceSource &source, const TimeWindow &window)
{
    ServicesSnapshot s;
    const ServicesOverview overview = source.servicesOverview();
    for (const ServiceSummary &service : overview.services)
        s.performance.append(source.servicePerformance(service.name, window));
    s.dependencies = source.dependencies(window).services;
    return s;
}

bool ServicesPage::startQuery(const TimeWindow &window)
{
    return controller()->run(
        this, [window](const TraceSource &source) { return query(source, window); },
        [this, generation = generation()](ServicesSnapshot snapshot) {
            if (takeResult(generation))
                apply(snapshot);
        });
}

void ServicesPage::apply(const ServicesSnapshot &snapshot)
{
    m_snapshot = snapshot;
    m_table->setServices(snapshot.performance);
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
    updateSelection();
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
