#include "errorspage.h"

#include "consolecontroller.h"
#include "displaytext.h"

namespace spanlight {

namespace {

// Severity options after "all", the most severe first.
constexpr Severity kSeverities[] = { Severity::Critical, Severity::High, Severity::Medium, Severity::Low };

} // namespace

ErrorsPage::ErrorsPage(ConsoleController *controller)
    : ConsolePage(controller)
    , m_groups(new ErrorGroupModel(this))
    , m_types(new ErrorTypeModel(this))
{ }

QStringList ErrorsPage::serviceOptions() const
{
    QStringList options { tr("All services") };
    options += m_serviceNames;
    // A filter on a service that is gone stays visible, so the combo box can show it.
    if (!m_service.isEmpty() && !m_serviceNames.contains(m_service))
        options.append(m_service);
    return options;
}

int ErrorsPage::serviceIndex() const
{
    return m_service.isEmpty() ? 0 : int(serviceOptions().indexOf(m_service));
}

void ErrorsPage::setServiceIndex(int index)
{
    const QStringList options = serviceOptions();
    if (index < 0 || index >= options.size())
        return;
    setServiceFilter(index == 0 ? QString() : options[index]);
}

void ErrorsPage::setServiceFilter(const QString &service)
{
    if (service == m_service)
        return;
    const bool optionsChange = !m_service.isEmpty() && !m_serviceNames.contains(m_service);
    m_service = service;
    if (optionsChange || (!m_service.isEmpty() && !m_serviceNames.contains(m_service)))
        Q_EMIT serviceOptionsChanged();
    Q_EMIT filterChanged();
    parametersChanged();
}

QStringList ErrorsPage::severityOptions() const
{
    QStringList options { tr("All severities") };
    for (const Severity s : kSeverities)
        options.append(severityText(s));
    return options;
}

int ErrorsPage::severityIndex() const
{
    if (!m_severity)
        return 0;
    for (int i = 0; i < int(std::size(kSeverities)); ++i)
        if (kSeverities[i] == *m_severity)
            return i + 1;
    return 0;
}

void ErrorsPage::setSeverityIndex(int index)
{
    if (index < 0 || index > int(std::size(kSeverities)))
        return;
    setSeverityFilter(index == 0 ? std::nullopt : std::optional<Severity>(kSeverities[index - 1]));
}

void ErrorsPage::setSeverityFilter(std::optional<Severity> severity)
{
    if (severity == m_severity)
        return;
    m_severity = severity;
    Q_EMIT filterChanged();
    parametersChanged();
}

ErrorQuery ErrorsPage::errorQuery(const TimeWindow &window) const
{
    ErrorQuery q;
    q.filter.service = m_service;
    q.filter.fromNs = window.fromNs;
    q.filter.toNs = window.toNs - 1; // the filter's end is inclusive, the window's is not
    q.severity = m_severity;
    q.limit = kErrorFetchLimit;
    return q;
}

ErrorsSnapshot ErrorsPage::query(const TraceSource &source, const ErrorQuery &query)
{
    ErrorsSnapshot s;
    s.errors = source.errors(query);
    for (const ServiceSummary &service : source.servicesOverview().services)
        s.serviceNames.append(service.name);
    return s;
}

bool ErrorsPage::startQuery(const TimeWindow &window)
{
    return controller()->run(
        this, [q = errorQuery(window)](const TraceSource &source) { return query(source, q); },
        [this, generation = generation()](ErrorsSnapshot snapshot) {
            if (takeResult(generation))
                apply(snapshot);
        });
}

void ErrorsPage::apply(const ErrorsSnapshot &snapshot)
{
    if (snapshot.serviceNames != m_serviceNames) {
        m_serviceNames = snapshot.serviceNames;
        Q_EMIT serviceOptionsChanged();
        Q_EMIT filterChanged(); // the index of the selected service may have moved
    }
    m_totalCount = snapshot.errors.totalCount;
    m_listed = snapshot.errors.errors.size();
    m_groups->setErrors(snapshot.errors.errors, controller()->nowNs());
    m_types->setTypes(snapshot.errors.types);
    Q_EMIT resultApplied();
}

QString ErrorsPage::summaryText() const
{
    if (!isLoaded())
        return {};
    return tr("%Ln error(s)", "", int(std::min<qint64>(m_totalCount, INT_MAX))) + QStringLiteral(" · ")
        + tr("%Ln group(s)", "", m_groups->count());
}

QString ErrorsPage::truncationText() const
{
    if (m_listed >= m_totalCount)
        return {};
    return tr("Groups count the newest %1 errors of %2.").arg(countText(m_listed), countText(m_totalCount));
}

QString ErrorsPage::emptyText() const
{
    if (!controller()->isConnected())
        return tr("Not connected to a server.");
    if (!isLoaded())
        return tr("Loading errors…");
    if (m_groups->count() == 0)
        return tr("No errors in this time range. Good.");
    return {};
}

void ErrorsPage::openGroup(int row)
{
    const ErrorGroupRow *g = m_groups->rowAt(row);
    if (g)
        controller()->openTraceSpan(g->traceIdHex, g->spanIdHex);
}

} // namespace spanlight
