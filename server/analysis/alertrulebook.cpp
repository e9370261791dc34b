#include "alertrulebook.h"

#include "alertmetrics.h"
#include "errorseverity.h"
#include "storage/store.h"

#include <QSet>
#include <QUrl>

#include <cmath>

namespace spanlight {

namespace {

constexpr int kMaxTextLength = 200;

std::optional<AlertRuleProblem> problem(const QString &field, const QString &why)
{
    return AlertRuleProblem { field, why };
}

} // namespace

std::optional<AlertRuleProblem> checkAlertRule(AlertRule &r)
{
    r.name = r.name.trimmed();
    if (r.name.isEmpty() || r.name.size() > kMaxTextLength)
        return problem(QStringLiteral("name"), QStringLiteral("is required: a text of 1 to 200 characters"));
    if (r.metric.isEmpty())
        return problem(QStringLiteral("metric"), QStringLiteral("is required: one of ") + alertMetricNames().join(QStringLiteral(", ")));
    if (!isAlertMetric(r.metric))
        return problem(QStringLiteral("metric"), QStringLiteral("is an unknown metric '%1'; use one of %2")
                                                     .arg(r.metric.left(80), alertMetricNames().join(QStringLiteral(", "))));
    if (r.service.size() > kMaxTextLength)
        return problem(QStringLiteral("service_name"), QStringLiteral("must be a text of at most 200 characters, or null for every service"));
    if (r.operation.size() > kMaxTextLength)
        return problem(QStringLiteral("operation_name"), QStringLiteral("must be a text of at most 200 characters, or null"));
    if (!r.operation.isEmpty() && !alertMetricTakesOperation(r.metric))
        return problem(QStringLiteral("operation_name"), QStringLiteral("cannot narrow %1, which is kept per service").arg(r.metric));
    if (!alertComparators().contains(r.comparator))
        return problem(QStringLiteral("comparator"), QStringLiteral("must be one of %1 (a text), got '%2'")
                                                         .arg(alertComparators().join(QStringLiteral(", ")), r.comparator.left(80)));
    if (!std::isfinite(r.threshold))
        return problem(QStringLiteral("threshold"), QStringLiteral("is required: a number"));
    if (r.forNs < 0 || r.forNs > kMaxAlertForNs)
        return problem(QStringLiteral("for_seconds"),
            QStringLiteral("must be a number of seconds from 0 to %1 (7 days)").arg(kMaxAlertForNs / 1000000000));
    if (!severityFromName(r.severity))
        return problem(QStringLiteral("severity"), QStringLiteral("must be one of low, medium, high, critical"));
    if (r.webhooks.size() > kMaxAlertWebhooks)
        return problem(QStringLiteral("webhooks"),
            QStringLiteral("must be a list of at most %1 targets, each {\"url\": ..., \"format\": \"json\" or \"slack\"}")
                .arg(kMaxAlertWebhooks));
    for (qsizetype i = 0; i < r.webhooks.size(); ++i) {
        const QString &text = r.webhooks.at(i).url;
        const QUrl url(text, QUrl::StrictMode);
        if (text.size() > 2000 || !url.isValid() || url.host().isEmpty()
            || (url.scheme() != u"http" && url.scheme() != u"https"))
            return problem(QStringLiteral("webhooks[%1].url").arg(i),
                QStringLiteral("must be an absolute http:// or https:// URL with a host, got '%1'").arg(text.left(80)));
    }
    return std::nullopt;
}

QString alertRuleStateName(AlertRuleState state)
{
    switch (state) {
    case AlertRuleState::Ok:
        return QStringLiteral("ok");
    case AlertRuleState::Pending:
        return QStringLiteral("pending");
    case AlertRuleState::Firing:
        return QStringLiteral("firing");
    case AlertRuleState::Disabled:
        return QStringLiteral("disabled");
    }
    return {};
}

QString AlertChange::message() const
{
    switch (outcome) {
    case Outcome::Done:
        return {};
    case Outcome::Invalid:
        return problem.message();
    case Outcome::NotFound:
        return QStringLiteral("no alert rule with id %1").arg(id);
    case Outcome::Failed:
        return error;
    }
    return error;
}

namespace {

AlertRuleState stateOf(const AlertRule &r, bool firing)
{
    return !r.enabled ? AlertRuleState::Disabled
        : firing      ? AlertRuleState::Firing
        : r.pendingSinceNs ? AlertRuleState::Pending
                           : AlertRuleState::Ok;
}

AlertChange failed(const QString &error)
{
    AlertChange c;
    c.outcome = AlertChange::Outcome::Failed;
    c.error = error;
    return c;
}

AlertChange outcome(AlertChange::Outcome o, qint64 id)
{
    AlertChange c;
    c.outcome = o;
    c.id = id;
    return c;
}

AlertChange invalid(const AlertRuleProblem &p, qint64 id)
{
    AlertChange c = outcome(AlertChange::Outcome::Invalid, id);
    c.problem = p;
    return c;
}

} // namespace

std::optional<bool> AlertRuleBook::isFiring(qint64 ruleId, QString *error) const
{
    AlertEventFilter f;
    f.firing = true;
    f.ruleId = ruleId;
    f.limit = 1;
    const std::optional<QList<AlertEvent>> open = m_store.alertEvents(f, error);
    if (!open)
        return std::nullopt;
    return !open->isEmpty();
}

std::optional<QList<AlertRuleView>> AlertRuleBook::rules(QString *error) const
{
    const std::optional<QList<AlertRule>> rules = m_store.alertRules(error);
    if (!rules)
        return std::nullopt;
    AlertEventFilter f;
    f.firing = true;
    f.limit = 100000;
    const std::optional<QList<AlertEvent>> firing = m_store.alertEvents(f, error);
    if (!firing)
        return std::nullopt;
    QSet<qint64> firingRules;
    for (const AlertEvent &e : *firing)
        firingRules.insert(e.ruleId);
    QList<AlertRuleView> out;
    out.reserve(rules->size());
    for (const AlertRule &r : *rules)
        out.append({ r, stateOf(r, firingRules.contains(r.id)) });
    return out;
}

std::optional<AlertRuleView> AlertRuleBook::rule(qint64 id, QString *error) const
{
    QString problem;
    const std::optional<AlertRule> rule = m_store.alertRule(id, &problem);
    if (!rule) {
        if (error)
            *error = problem;
        return std::nullopt;
    }
    const std::optional<bool> firing = isFiring(id, error);
    if (!firing)
        return std::nullopt;
    return AlertRuleView { *rule, stateOf(*rule, *firing) };
}

AlertChange AlertRuleBook::add(AlertRule rule, qint64 nowNs) const
{
    if (const std::optional<AlertRuleProblem> p = checkAlertRule(rule))
        return invalid(*p, 0);
    rule.id = 0;
    rule.createdNs = rule.updatedNs = nowNs;
    rule.pendingSinceNs.reset();
    QString error;
    const std::optional<qint64> id = m_store.addAlertRule(rule, &error);
    return id ? outcome(AlertChange::Outcome::Done, *id) : failed(error);
}

AlertChange AlertRuleBook::replace(AlertRule rule, qint64 nowNs, bool keepWebhooks) const
{
    if (keepWebhooks)
        rule.webhooks.clear(); // checked as they are stored, not as a reader sent them back
    if (const std::optional<AlertRuleProblem> p = checkAlertRule(rule))
        return invalid(*p, rule.id);
    QString error;
    if (keepWebhooks) {
        const std::optional<AlertRule> stored = m_store.alertRule(rule.id, &error);
        if (!stored)
            return error.isEmpty() ? outcome(AlertChange::Outcome::NotFound, rule.id) : failed(error);
        rule.webhooks = stored->webhooks;
    }
    rule.updatedNs = nowNs;
    const std::optional<bool> found = m_store.updateAlertRule(rule, &error);
    if (!found)
        return failed(error);
    return outcome(*found ? AlertChange::Outcome::Done : AlertChange::Outcome::NotFound, rule.id);
}

AlertChange AlertRuleBook::remove(qint64 id) const
{
    QString error;
    const std::optional<bool> found = m_store.deleteAlertRule(id, &error);
    if (!found)
        return failed(error);
    return outcome(*found ? AlertChange::Outcome::Done : AlertChange::Outcome::NotFound, id);
}

std::optional<QList<AlertEvent>> AlertRuleBook::history(const AlertEventFilter &filter, QString *error) const
{
    return m_store.alertEvents(filter, error);
}

} // namespace spanlight
