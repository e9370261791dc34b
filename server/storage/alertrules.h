#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace spanlight {

// Where an alert's notifications go: a JSON POST, or Slack's incoming-webhook shape ({"text": ...}).
struct WebhookTarget
{
    QString url; // http or https
    bool slack = false;
    bool operator==(const WebhookTarget &) const = default;
};

// One alert rule (table alert_rules, migration 11): "metric of service/operation compared with
// threshold, for at least forNs". The evaluator's state of the rule is kept with it, so that
// it survives a restart and is shared by every instance on the database.
struct AlertRule
{
    qint64 id = 0;
    QString name;
    QString metric; // alertMetricNames()
    QString service; // empty: every service
    QString operation; // empty: every operation
    QString comparator; // >, >=, <, <=
    double threshold = 0;
    qint64 forNs = 0; // how long the condition must hold before the rule fires; 0: at once
    QString severity; // low, medium, high, critical
    bool enabled = true;
    QList<WebhookTarget> webhooks;
    qint64 createdNs = 0;
    qint64 updatedNs = 0;

    std::optional<qint64> pendingSinceNs; // the condition holds since then, not yet for forNs
    qint64 lastEvaluatedNs = 0; // the last claim of an evaluation (Store::claimAlertRule)
};

// One notification of an alert event, after its last attempt.
struct AlertDelivery
{
    QString url;
    QString event; // firing or resolved
    int attempts = 0;
    bool ok = false;
    int httpStatus = 0; // of the last attempt; 0: no answer
    QString error; // of the last attempt, when it failed
    qint64 timeNs = 0; // when the last attempt ended
};

// One firing of a rule (table alert_history): open while firing, closed when resolved.
struct AlertEvent
{
    qint64 id = 0;
    qint64 ruleId = 0;
    QString ruleName; // the rule's, as it is now
    QString metric;
    QString service;
    QString operation;
    QString severity;
    qint64 startedNs = 0;
    std::optional<qint64> resolvedNs; // unset while firing
    double observed = 0; // the value that made it fire
    std::optional<double> resolvedValue; // the value when it resolved (unset: the rule was disabled)
    QList<AlertDelivery> deliveries; // oldest first
    bool firing() const { return !resolvedNs; }
};

struct AlertEventFilter
{
    std::optional<bool> firing; // set: only firing (true) or only resolved (false) events
    std::optional<qint64> ruleId;
    QString service; // the rule's service
    int limit = 100;
};

} // namespace spanlight
