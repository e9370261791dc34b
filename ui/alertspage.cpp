#include "alertspage.h"

#include "consolecontroller.h"
#include "errormodels.h"
#include "analysis/errorseverity.h"

#include <QLocale>

#include <cmath>

namespace spanlight {

namespace {

constexpr Severity kSeverities[] = { Severity::Low, Severity::Medium, Severity::High, Severity::Critical };
constexpr qint64 kMinuteNs = qint64(60) * 1000000000;

// A number as typed: "0.05" anywhere, or in the user's locale ("0,05").
double numberOf(const QString &text)
{
    bool ok = false;
    const QString t = text.trimmed();
    double v = QLocale::c().toDouble(t, &ok);
    if (!ok)
        v = QLocale().toDouble(t, &ok);
    return ok ? v : qQNaN();
}

QString numberText(double v)
{
    return QLocale::c().toString(v, 'g', 12);
}

} // namespace

AlertsPage::AlertsPage(ConsoleController *controller)
    : ConsolePage(controller)
    , m_rules(new AlertRuleModel(this))
    , m_history(new AlertHistoryModel(this))
{
    setLive(true);
}

QStringList AlertsPage::stateOptions() const
{
    return { tr("All alerts"), tr("Firing"), tr("Resolved") };
}

void AlertsPage::setStateIndex(int index)
{
    if (index < 0 || index > 2 || index == m_stateIndex)
        return;
    m_stateIndex = index;
    Q_EMIT stateIndexChanged();
    parametersChanged();
}

QStringList AlertsPage::metricLabels() const
{
    QStringList out;
    for (const QString &metric : alertMetricNames()) {
        AlertRuleView v;
        v.rule.metric = metric;
        out.append(AlertRuleModel::rowOf(v).metricText);
    }
    return out;
}

QStringList AlertsPage::severityOptions() const
{
    QStringList out;
    for (const Severity s : kSeverities)
        out.append(severityName(s));
    return out;
}

QStringList AlertsPage::severityLabels() const
{
    QStringList out;
    for (const Severity s : kSeverities)
        out.append(severityText(s));
    return out;
}

AlertEventFilter AlertsPage::historyFilter() const
{
    AlertEventFilter f;
    if (m_stateIndex > 0)
        f.firing = m_stateIndex == 1;
    f.limit = kHistoryLimit;
    return f;
}

AlertsSnapshot AlertsPage::query(const TraceSource &source, const AlertEventFilter &filter)
{
    AlertsSnapshot s;
    s.rules = source.alertRules(&s.error);
    if (s.rules)
        s.events = source.alertHistory(filter, &s.error);
    for (const ServiceSummary &service : source.servicesOverview().services)
        s.serviceNames.append(service.name);
    return s;
}

bool AlertsPage::startQuery(const TimeWindow &)
{
    return controller()->run(
        this, [f = historyFilter()](const TraceSource &source) { return query(source, f); },
        [this, generation = generation()](AlertsSnapshot snapshot) {
            if (takeResult(generation))
                apply(snapshot);
        });
}

void AlertsPage::apply(const AlertsSnapshot &snapshot)
{
    m_error = snapshot.error;
    m_serviceNames = snapshot.serviceNames;
    if (snapshot.rules)
        m_rules->setRules(*snapshot.rules);
    if (snapshot.events)
        m_history->setEvents(*snapshot.events, controller()->nowNs());
    Q_EMIT resultApplied();
}

QString AlertsPage::summaryText() const
{
    if (!isLoaded())
        return {};
    int firing = 0;
    for (const AlertRuleRow &r : m_rules->rows())
        if (r.state == AlertRuleState::Firing)
            ++firing;
    return tr("%n rule(s)", "", m_rules->count()) + QStringLiteral(" · ") + tr("%n firing", "", firing);
}

QString AlertsPage::historyEmptyText() const
{
    if (!controller()->isConnected())
        return tr("Not connected to a server.");
    if (!isLoaded())
        return tr("Loading alerts…");
    if (m_history->count() > 0)
        return {};
    return m_stateIndex == 1 ? tr("Nothing is firing.") : tr("No alert has fired yet.");
}

AlertRule AlertsPage::exampleRule()
{
    AlertRule r;
    r.name = tr("Error rate above 5 %");
    r.metric = QStringLiteral("error_rate");
    r.comparator = QStringLiteral(">");
    r.threshold = 0.05;
    r.forNs = 5 * kMinuteNs;
    r.severity = QStringLiteral("high");
    return r;
}

QString AlertsPage::exampleText() const
{
    return tr("For example: fire when the error rate of any service stays above 5 % for 5 minutes. "
              "The server checks every rule once a minute; the console tells you when one fires.");
}

const AlertRule *AlertsPage::ruleOf(qint64 id) const
{
    const AlertRuleRow *row = m_rules->rowAt(m_rules->rowOfKey(QString::number(id)));
    return row ? &row->rule : nullptr;
}

QVariantMap AlertsPage::ruleForm(qint64 ruleId) const
{
    const AlertRule *r = ruleOf(ruleId);
    if (!r)
        return {};
    return {
        { QStringLiteral("ruleId"), r->id },
        { QStringLiteral("name"), r->name },
        { QStringLiteral("metric"), r->metric },
        { QStringLiteral("service"), r->service },
        { QStringLiteral("operation"), r->operation },
        { QStringLiteral("comparator"), r->comparator },
        { QStringLiteral("threshold"), numberText(r->threshold) },
        { QStringLiteral("forMinutes"), numberText(double(r->forNs) / double(kMinuteNs)) },
        { QStringLiteral("severity"), r->severity },
        { QStringLiteral("enabled"), r->enabled },
    };
}

void AlertsPage::saveRule(const QVariantMap &form)
{
    AlertRule r;
    r.id = form.value(QStringLiteral("ruleId")).toLongLong();
    r.name = form.value(QStringLiteral("name")).toString();
    r.metric = form.value(QStringLiteral("metric")).toString();
    r.service = form.value(QStringLiteral("service")).toString().trimmed();
    r.operation = form.value(QStringLiteral("operation")).toString().trimmed();
    r.comparator = form.value(QStringLiteral("comparator")).toString();
    r.threshold = numberOf(form.value(QStringLiteral("threshold")).toString());
    const double minutes = numberOf(form.value(QStringLiteral("forMinutes"), QStringLiteral("0")).toString());
    // Not a number or out of range: the check names for_seconds.
    r.forNs = std::isfinite(minutes) && minutes >= 0 && minutes <= 7 * 24 * 60 ? std::llround(minutes * double(kMinuteNs)) : -1;
    r.severity = form.value(QStringLiteral("severity"), QStringLiteral("medium")).toString();
    r.enabled = form.value(QStringLiteral("enabled"), true).toBool();
    change([r](const TraceSource &source) { return source.saveAlertRule(r); });
}

void AlertsPage::addExampleRule()
{
    change([r = exampleRule()](const TraceSource &source) { return source.saveAlertRule(r); });
}

void AlertsPage::deleteRule(qint64 ruleId)
{
    change([ruleId](const TraceSource &source) { return source.deleteAlertRule(ruleId); });
}

void AlertsPage::setRuleEnabled(qint64 ruleId, bool enabled)
{
    const AlertRule *r = ruleOf(ruleId);
    if (!r || r->enabled == enabled)
        return;
    AlertRule changed = *r;
    changed.enabled = enabled;
    change([changed](const TraceSource &source) { return source.saveAlertRule(changed); });
}

void AlertsPage::clearFormError()
{
    if (m_formError.isEmpty())
        return;
    m_formError.clear();
    Q_EMIT formChanged();
}

void AlertsPage::change(std::function<AlertChange(const TraceSource &)> change)
{
    if (m_saving)
        return; // one change at a time; the form stays open
    const bool started = controller()->run(this, std::move(change), [this](AlertChange outcome) {
        m_saving = false;
        m_formError = outcome.ok() ? QString() : outcome.message();
        Q_EMIT formChanged();
        Q_EMIT ruleSaved(outcome.ok());
        refresh();
    });
    m_saving = started;
    m_formError = started ? QString() : tr("Not connected to a server.");
    Q_EMIT formChanged();
    if (!started)
        Q_EMIT ruleSaved(false);
}

void AlertsPage::openAlertTraces(int row)
{
    const AlertEventRow *r = m_history->rowAt(row);
    if (!r)
        return;
    TracesPage *traces = controller()->tracesPage();
    traces->setService(r->event.service);
    const bool errors = r->event.metric == u"error_rate" || r->event.metric == u"new_error_type";
    traces->setStatusIndex(errors ? 1 : 0);
    traces->search();
    controller()->setCurrentPage(ConsoleController::Traces);
}

} // namespace spanlight
