#pragma once

#include "alertmodels.h"
#include "consolepage.h"
#include "analysis/alertmetrics.h"

#include <QVariantMap>

namespace spanlight {

// What the Alerts page asks for in one query.
struct AlertsSnapshot
{
    std::optional<QList<AlertRuleView>> rules; // null: unreadable, see error
    std::optional<QList<AlertEvent>> events;
    QStringList serviceNames; // for the form's choice
    QString error;
};

// The Alerts page: the alert rules with their states, a form to add or change one (its
// refusals are the server's own messages, AlertRuleBook's checks), and the alert history,
// filtered by state. Rules and history come from the TraceSource (the embedded store or a
// remote spanlightd), so the page works the same attached. Live: it refreshes every
// ConsoleController::pageRefreshIntervalMs while shown, as the server evaluates on its own.
class AlertsPage : public ConsolePage
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("AlertsPage is owned by ConsoleController")
    Q_PROPERTY(spanlight::AlertRuleModel *rules READ rules CONSTANT)
    Q_PROPERTY(spanlight::AlertHistoryModel *history READ history CONSTANT)
    Q_PROPERTY(QStringList stateOptions READ stateOptions NOTIFY labelsChanged)
    Q_PROPERTY(int stateIndex READ stateIndex WRITE setStateIndex NOTIFY stateIndexChanged)
    Q_PROPERTY(QStringList metricOptions READ metricOptions CONSTANT)
    Q_PROPERTY(QStringList metricLabels READ metricLabels NOTIFY labelsChanged)
    Q_PROPERTY(QStringList comparatorOptions READ comparatorOptions CONSTANT)
    Q_PROPERTY(QStringList severityOptions READ severityOptions CONSTANT)
    Q_PROPERTY(QStringList severityLabels READ severityLabels NOTIFY labelsChanged)
    Q_PROPERTY(QStringList serviceNames READ serviceNames NOTIFY resultApplied)
    Q_PROPERTY(QString errorText READ errorText NOTIFY resultApplied)
    Q_PROPERTY(QString summaryText READ summaryText NOTIFY resultApplied)
    Q_PROPERTY(QString historyEmptyText READ historyEmptyText NOTIFY resultApplied)
    Q_PROPERTY(QString exampleText READ exampleText NOTIFY labelsChanged)
    Q_PROPERTY(QString formError READ formError NOTIFY formChanged)
    Q_PROPERTY(bool saving READ isSaving NOTIFY formChanged)
public:
    static constexpr int kHistoryLimit = 200;

    explicit AlertsPage(ConsoleController *controller);

    AlertRuleModel *rules() const { return m_rules; }
    AlertHistoryModel *history() const { return m_history; }

    // All, firing, resolved.
    QStringList stateOptions() const;
    int stateIndex() const { return m_stateIndex; }
    void setStateIndex(int index);

    // The form's choices: the server's names (alertMetricNames(), ...) and their labels.
    QStringList metricOptions() const { return alertMetricNames(); }
    QStringList metricLabels() const;
    QStringList comparatorOptions() const { return alertComparators(); }
    QStringList severityOptions() const;
    QStringList severityLabels() const;
    QStringList serviceNames() const { return m_serviceNames; }

    QString errorText() const { return m_error; }
    QString summaryText() const;
    QString historyEmptyText() const;
    // The rule the empty state offers, in words.
    QString exampleText() const;
    // A rule for every service's error rate above 5 % for 5 minutes: what the empty state adds.
    static AlertRule exampleRule();

    QString formError() const { return m_formError; }
    bool isSaving() const { return m_saving; }

    // The rule of `ruleId` as the form shows it (name, metric, service, operation, comparator,
    // threshold, forMinutes, severity, enabled as texts and bools); empty for an unknown id.
    Q_INVOKABLE QVariantMap ruleForm(qint64 ruleId) const;
    // Adds (ruleId 0) or changes a rule from the form's texts, on the worker thread. The
    // threshold is a number (a rate as a fraction: 0.05), for in minutes. ruleSaved(ok) follows;
    // a refusal leaves formError() saying which field and why.
    Q_INVOKABLE void saveRule(const QVariantMap &form);
    Q_INVOKABLE void addExampleRule();
    Q_INVOKABLE void deleteRule(qint64 ruleId);
    Q_INVOKABLE void setRuleEnabled(qint64 ruleId, bool enabled);
    Q_INVOKABLE void clearFormError();
    // Shows the alert's service's failed traces on the Traces page (every failed trace for a
    // rule on every service).
    Q_INVOKABLE void openAlertTraces(int row);

    // The worker-thread half of a refresh (for tests).
    static AlertsSnapshot query(const TraceSource &source, const AlertEventFilter &filter);
    AlertEventFilter historyFilter() const;
    void apply(const AlertsSnapshot &snapshot);

Q_SIGNALS:
    void stateIndexChanged();
    void formChanged();
    void ruleSaved(bool ok);

protected:
    bool startQuery(const TimeWindow &window) override;

private:
    void change(std::function<AlertChange(const TraceSource &)> change);
    const AlertRule *ruleOf(qint64 id) const;

    AlertRuleModel *m_rules;
    AlertHistoryModel *m_history;
    QStringList m_serviceNames;
    QString m_error;
    QString m_formError;
    int m_stateIndex = 0;
    bool m_saving = false;
};

} // namespace spanlight
