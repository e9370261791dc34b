#include "alertmodels.h"

#include "displaytext.h"
#include "errormodels.h"
#include "analysis/errorseverity.h"

#include <QLocale>

namespace spanlight {

namespace {

QString metricText(const QString &metric)
{
    if (metric == u"error_rate")
        return AlertRuleModel::tr("error rate");
    if (metric == u"latency_p50")
        return AlertRuleModel::tr("latency p50");
    if (metric == u"latency_p95")
        return AlertRuleModel::tr("latency p95");
    if (metric == u"latency_p99")
        return AlertRuleModel::tr("latency p99");
    if (metric == u"throughput")
        return AlertRuleModel::tr("throughput");
    if (metric == u"new_error_type")
        return AlertRuleModel::tr("new error types");
    if (metric == u"anomaly")
        return AlertRuleModel::tr("anomaly score");
    return metric;
}

int severityLevel(const QString &name)
{
    return int(severityFromName(name).value_or(Severity::Low));
}

QString severityTextOf(const QString &name)
{
    const std::optional<Severity> s = severityFromName(name);
    return s ? severityText(*s) : name;
}

QString stateText(AlertRuleState state)
{
    switch (state) {
    case AlertRuleState::Ok:
        return AlertRuleModel::tr("ok");
    case AlertRuleState::Pending:
        return AlertRuleModel::tr("pending");
    case AlertRuleState::Firing:
        return AlertRuleModel::tr("firing");
    case AlertRuleState::Disabled:
        return AlertRuleModel::tr("disabled");
    }
    return {};
}

} // namespace

QString alertValueText(const QString &metric, double value)
{
    if (metric == u"error_rate")
        return percentText(value);
    if (metric.startsWith(u"latency_"))
        return millisText(value);
    if (metric == u"throughput")
        return ratePerSecondText(value);
    return QLocale().toString(value, 'g', 4);
}

AlertRuleModel::AlertRuleModel(QObject *parent)
    : KeyedRowsModel<AlertRuleRow>(parent)
{ }

AlertRuleRow AlertRuleModel::rowOf(const AlertRuleView &view)
{
    const AlertRule &r = view.rule;
    AlertRuleRow row;
    row.key = QString::number(r.id);
    row.rule = r;
    row.state = view.state;
    row.metricText = metricText(r.metric);
    const QString service = r.service.isEmpty() ? AlertRuleModel::tr("every service") : r.service;
    row.scopeText = r.operation.isEmpty() ? service : service + QStringLiteral(" · ") + r.operation;
    row.conditionText = r.comparator + u' ' + alertValueText(r.metric, r.threshold);
    row.forText = r.forNs > 0 ? durationText(r.forNs) : AlertRuleModel::tr("at once");
    row.severityText = severityTextOf(r.severity);
    row.stateText = stateText(view.state);
    return row;
}

void AlertRuleModel::setRules(const QList<AlertRuleView> &rules)
{
    QList<AlertRuleRow> rows;
    rows.reserve(rules.size());
    for (const AlertRuleView &v : rules)
        rows.append(rowOf(v));
    setRows(rows);
}

QVariant AlertRuleModel::data(const QModelIndex &index, int role) const
{
    const AlertRuleRow *r = index.isValid() ? rowAt(index.row()) : nullptr;
    if (!r)
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return r->rule.name;
    case RuleIdRole:
        return r->rule.id;
    case MetricTextRole:
        return r->metricText;
    case ScopeTextRole:
        return r->scopeText;
    case ConditionTextRole:
        return r->conditionText;
    case ForTextRole:
        return r->forText;
    case SeverityLevelRole:
        return severityLevel(r->rule.severity);
    case SeverityTextRole:
        return r->severityText;
    case EnabledRole:
        return r->rule.enabled;
    case StateRole:
        return alertRuleStateName(r->state);
    case StateTextRole:
        return r->stateText;
    default:
        return {};
    }
}

QHash<int, QByteArray> AlertRuleModel::roleNames() const
{
    return {
        { RuleIdRole, "ruleId" },
        { NameRole, "name" },
        { MetricTextRole, "metricText" },
        { ScopeTextRole, "scopeText" },
        { ConditionTextRole, "conditionText" },
        { ForTextRole, "forText" },
        { SeverityLevelRole, "severityLevel" },
        { SeverityTextRole, "severityText" },
        { EnabledRole, "enabled" },
        { StateRole, "state" },
        { StateTextRole, "stateText" },
    };
}

AlertHistoryModel::AlertHistoryModel(QObject *parent)
    : KeyedRowsModel<AlertEventRow>(parent)
{ }

AlertEventRow AlertHistoryModel::rowOf(const AlertEvent &e, qint64 nowNs)
{
    AlertEventRow row;
    row.key = QString::number(e.id);
    row.event = e;
    row.stateText = e.firing() ? AlertRuleModel::tr("firing") : AlertRuleModel::tr("resolved");
    row.startedText = timestampText(e.startedNs, nowNs);
    row.resolvedText = e.resolvedNs ? timestampText(*e.resolvedNs, nowNs) : QString();
    row.observedText = AlertRuleModel::tr("observed %1").arg(alertValueText(e.metric, e.observed));
    if (e.resolvedValue)
        row.observedText += QStringLiteral(" · ") + AlertRuleModel::tr("resolved at %1").arg(alertValueText(e.metric, *e.resolvedValue));
    int delivered = 0;
    QStringList failures;
    for (const AlertDelivery &d : e.deliveries) {
        if (d.ok)
            ++delivered;
        else
            failures.append(d.httpStatus ? QStringLiteral("HTTP %1").arg(d.httpStatus) : d.error);
    }
    if (!e.deliveries.isEmpty()) {
        row.deliveriesText = AlertRuleModel::tr("webhooks: %n delivered", "", delivered);
        if (!failures.isEmpty())
            row.deliveriesText += QStringLiteral(", ") + AlertRuleModel::tr("%n failed", "", int(failures.size())) + QStringLiteral(" (")
                + failures.join(QStringLiteral(", ")) + u')';
    }
    return row;
}

void AlertHistoryModel::setEvents(const QList<AlertEvent> &events, qint64 nowNs)
{
    QList<AlertEventRow> rows;
    rows.reserve(events.size());
    for (const AlertEvent &e : events)
        rows.append(rowOf(e, nowNs));
    setRows(rows);
}

QVariant AlertHistoryModel::data(const QModelIndex &index, int role) const
{
    const AlertEventRow *r = index.isValid() ? rowAt(index.row()) : nullptr;
    if (!r)
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case RuleNameRole:
        return r->event.ruleName;
    case EventIdRole:
        return r->event.id;
    case ServiceRole:
        return r->event.service;
    case FiringRole:
        return r->event.firing();
    case StateTextRole:
        return r->stateText;
    case SeverityLevelRole:
        return severityLevel(r->event.severity);
    case StartedTextRole:
        return r->startedText;
    case ResolvedTextRole:
        return r->resolvedText;
    case ObservedTextRole:
        return r->observedText;
    case DeliveriesTextRole:
        return r->deliveriesText;
    default:
        return {};
    }
}

QHash<int, QByteArray> AlertHistoryModel::roleNames() const
{
    return {
        { EventIdRole, "eventId" },
        { RuleNameRole, "ruleName" },
        { ServiceRole, "service" },
        { FiringRole, "firing" },
        { StateTextRole, "stateText" },
        { SeverityLevelRole, "severityLevel" },
        { StartedTextRole, "startedText" },
        { ResolvedTextRole, "resolvedText" },
        { ObservedTextRole, "observedText" },
        { DeliveriesTextRole, "deliveriesText" },
    };
}

} // namespace spanlight
