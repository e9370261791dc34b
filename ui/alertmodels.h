#pragma once

#include "analysis/alertrulebook.h"
#include "keyedrowsmodel.h"

#include <QtQml/qqmlregistration.h>

namespace spanlight {

// A metric's value for people: a rate as a percentage, latencies in ms, throughput per second.
QString alertValueText(const QString &metric, double value);

// One row of the Alerts page's rules table.
struct AlertRuleRow
{
    QString key; // the rule id
    AlertRule rule;
    AlertRuleState state = AlertRuleState::Ok;
    QString metricText; // "error rate"
    QString scopeText; // "checkout · GET /cart", "every service"
    QString conditionText; // "> 5 %"
    QString forText; // "5 min", "at once"
    QString severityText;
    QString stateText;
    bool operator==(const AlertRuleRow &other) const
    {
        return key == other.key && int(state) == int(other.state) && metricText == other.metricText
            && scopeText == other.scopeText && conditionText == other.conditionText && forText == other.forText
            && severityText == other.severityText && stateText == other.stateText && rule.name == other.rule.name
            && rule.enabled == other.rule.enabled;
    }
};

// The alert rules, by id (as the server lists them), with display texts made here.
class AlertRuleModel : public KeyedRowsModel<AlertRuleRow>
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("AlertRuleModel is owned by AlertsPage")
public:
    enum Role {
        RuleIdRole = Qt::UserRole + 1, // qint64
        NameRole, // QString
        MetricTextRole, // QString, translated
        ScopeTextRole, // QString
        ConditionTextRole, // QString, "> 5 %"
        ForTextRole, // QString, "5 min"
        SeverityLevelRole, // int, 0 low .. 3 critical
        SeverityTextRole, // QString, translated
        EnabledRole, // bool
        StateRole, // QString, ok, pending, firing, disabled (for colours)
        StateTextRole, // QString, translated
    };
    Q_ENUM(Role)

    explicit AlertRuleModel(QObject *parent = nullptr);
    void setRules(const QList<AlertRuleView> &rules);
    static AlertRuleRow rowOf(const AlertRuleView &view);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
};

// One alert of the history.
struct AlertEventRow
{
    QString key; // the event id
    AlertEvent event;
    QString stateText; // "firing", "resolved"
    QString startedText;
    QString resolvedText; // empty while firing
    QString observedText; // "observed 12 %", "resolved at 1 %"
    QString deliveriesText; // "webhooks: 1 delivered, 1 failed (HTTP 503)"; empty without any
    bool operator==(const AlertEventRow &other) const
    {
        return key == other.key && stateText == other.stateText && startedText == other.startedText
            && resolvedText == other.resolvedText && observedText == other.observedText
            && deliveriesText == other.deliveriesText && event.ruleName == other.event.ruleName;
    }
};

// The alert history, newest first.
class AlertHistoryModel : public KeyedRowsModel<AlertEventRow>
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("AlertHistoryModel is owned by AlertsPage")
public:
    enum Role {
        EventIdRole = Qt::UserRole + 1, // qint64
        RuleNameRole, // QString
        ServiceRole, // QString, empty: every service
        FiringRole, // bool
        StateTextRole, // QString, translated
        SeverityLevelRole, // int
        StartedTextRole, // QString
        ResolvedTextRole, // QString, empty while firing
        ObservedTextRole, // QString
        DeliveriesTextRole, // QString, empty without webhooks
    };
    Q_ENUM(Role)

    explicit AlertHistoryModel(QObject *parent = nullptr);
    // `nowNs` decides which times are "today".
    void setEvents(const QList<AlertEvent> &events, qint64 nowNs);
    static AlertEventRow rowOf(const AlertEvent &event, qint64 nowNs);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
};

} // namespace spanlight
