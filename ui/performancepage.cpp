#include "performancepage.h"

#include "consolecontroller.h"
#include "displaytext.h"

namespace spanlight {

PerformancePage::PerformancePage(ConsoleController *controller)
    : ConsolePage(controller)
    , m_traces(new TraceListModel(this))
    , m_operations(new SlowOperationModel(this))
    , m_chart(new TrendChartData(this))
{
    connect(m_chart, &TrendChartData::granularityChosen, this, [this] {
        Q_EMIT captionChanged();
        parametersChanged();
    });
}

QStringList PerformancePage::serviceOptions() const
{
    QStringList options { tr("All services") };
    options += m_serviceNames;
    // A filter on a service that is gone stays visible, so the combo box can show it.
    if (!m_service.isEmpty() && !m_serviceNames.contains(m_service))
        options.append(m_service);
    return options;
}

int PerformancePage::serviceIndex() const
{
    return m_service.isEmpty() ? 0 : int(serviceOptions().indexOf(m_service));
}

void PerformancePage::setServiceIndex(int index)
{
    const QStringList options = serviceOptions();
    if (index >= 0 && index < options.size())
        setFilter(index == 0 ? QString() : options[index], {});
}

QStringList PerformancePage::operationOptions() const
{
    QStringList options { tr("All operations") };
    if (m_service.isEmpty())
        return options;
    options += m_serviceOperations.value(m_service);
    if (!m_operation.isEmpty() && !options.contains(m_operation))
        options.append(m_operation);
    return options;
}

int PerformancePage::operationIndex() const
{
    return m_operation.isEmpty() ? 0 : int(operationOptions().indexOf(m_operation));
}

void PerformancePage::setOperationIndex(int index)
{
    const QStringList options = operationOptions();
    if (index >= 0 && index < options.size())
        setFilter(m_service, index == 0 ? QString() : options[index]);
}

void PerformancePage::setFilter(const QString &service, const QString &operation)
{
    // An operation is one of a service's: without a service there is none.
    const QString op = service.isEmpty() ? QString() : operation;
    if (service == m_service && op == m_operation)
        return;
    m_service = service;
    m_operation = op;
    Q_EMIT optionsChanged(); // the operations are the new service's
    Q_EMIT filterChanged();
    parametersChanged();
}

qint64 PerformancePage::windowStepNs() const
{
    return m_chart->granularityNs();
}

PerformanceSnapshot PerformancePage::query(
    const TraceSource &source, const SlowestQuery &slowest, qint64 granularityNs)
{
    PerformanceSnapshot s;
    for (const ServiceSummary &service : source.servicesOverview().services) {
        s.serviceNames.append(service.name);
        QStringList operations;
        for (const OperationStats &o : service.operations)
            operations.append(o.name);
        s.operations.insert(service.name, operations);
    }
    s.slowest = source.slowest(slowest);
    s.trends = source.trends(slowest.service, slowest.operation, slowest.window, granularityNs);
    s.anomalies = source.anomalies(slowest.service, slowest.operation, slowest.window).anomalies;
    return s;
}

bool PerformancePage::startQuery(const TimeWindow &window)
{
    SlowestQuery q;
    q.service = m_service;
    q.operation = m_operation;
    q.window = window;
    q.limit = kSlowestLimit;
    return controller()->run(
        this, [q, step = windowStepNs()](const TraceSource &source) { return query(source, q, step); },
        [this, generation = generation()](PerformanceSnapshot snapshot) {
            if (takeResult(generation))
                apply(snapshot);
        });
}

void PerformancePage::apply(const PerformanceSnapshot &snapshot)
{
    if (snapshot.serviceNames != m_serviceNames || snapshot.operations != m_serviceOperations) {
        m_serviceNames = snapshot.serviceNames;
        m_serviceOperations = snapshot.operations;
        Q_EMIT optionsChanged();
        Q_EMIT filterChanged(); // the index of the chosen service may have moved
    }
    m_traces->setTraces(snapshot.slowest.traces);
    m_operations->setOperations(snapshot.slowest.operations);
    m_hasData = !snapshot.slowest.traces.isEmpty() || !snapshot.slowest.operations.isEmpty();

    m_chart->setTrends(snapshot.trends, snapshot.anomalies);
    Q_EMIT captionChanged(); // the filter it names, or the language, may have changed
    Q_EMIT resultApplied();
}

QString PerformancePage::trendsCaption() const
{
    const QString step = m_chart->granularityLabel();
    QString what;
    if (m_service.isEmpty())
        what = tr("Requests of every service");
    else if (m_operation.isEmpty())
        what = tr("Requests of %1").arg(m_service);
    else
        what = tr("Every span of %1 in %2").arg(m_operation, m_service);
    return what + QStringLiteral(" · ") + tr("one point per %1").arg(step);
}

QString PerformancePage::emptyText() const
{
    if (!controller()->isConnected())
        return tr("Not connected to a server.");
    if (!isLoaded())
        return tr("Loading…");
    if (!m_hasData)
        return tr("No spans in this time range. Pick a longer range, or send spans: Settings (Ctrl+8) lists "
                  "the endpoints.");
    return {};
}

void PerformancePage::openTrace(int row)
{
    const QString id = m_traces->traceIdAt(row);
    if (!id.isEmpty())
        controller()->openTraceSpan(id, {});
}

} // namespace spanlight
