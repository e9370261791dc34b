#pragma once

#include "storage/alertrules.h"

#include <QList>
#include <QString>

#include <optional>

namespace spanlight {

class Store;

// What is wrong with a rule: the field (as the REST API names it: "threshold", "webhooks[1].url")
// and why; message() is "field why", the text of the API's 400 and of the console's form.
struct AlertRuleProblem
{
    QString field;
    QString why;
    QString message() const { return field + u' ' + why; }
};

// The checks on the values of a rule, shared by the REST API (after it has read the JSON) and
// the console. Trims the name. Limits: a name of 1..200 characters, a known metric, service and
// operation of at most 200 characters (an operation only for a metric kept per operation), a
// known comparator, a finite threshold, 0..7 days for, a known severity, at most 10 webhooks
// with absolute http(s) URLs.
std::optional<AlertRuleProblem> checkAlertRule(AlertRule &rule);
constexpr int kMaxAlertWebhooks = 10;
constexpr qint64 kMaxAlertForNs = qint64(7) * 24 * 3600 * 1000000000;

// A rule's state as GET /alerts/rules and the console show it.
enum class AlertRuleState { Ok, Pending, Firing, Disabled };
QString alertRuleStateName(AlertRuleState state); // ok, pending, firing, disabled

struct AlertRuleView
{
    AlertRule rule;
    AlertRuleState state = AlertRuleState::Ok;
};

// The outcome of a change: done (with the rule's id), refused (the problem), an unknown id, or
// a storage failure (error).
struct AlertChange
{
    enum class Outcome { Done, Invalid, NotFound, Failed };
    Outcome outcome = Outcome::Failed;
    qint64 id = 0;
    AlertRuleProblem problem;
    QString error;
    bool ok() const { return outcome == Outcome::Done; }
    // What a person reads: the problem, "no alert rule with id N", or the storage error.
    QString message() const;
};

// Alert rules and their history over a store, as the REST API (alertsapi.cpp) and the console's
// store-backed source both use them: one place for the checks, the states and the writes.
class AlertRuleBook
{
public:
    explicit AlertRuleBook(const Store &store)
        : m_store(store)
    { }

    // Every rule (by id) with its state; null on a storage failure.
    std::optional<QList<AlertRuleView>> rules(QString *error) const;
    // Null with an empty error for an unknown id.
    std::optional<AlertRuleView> rule(qint64 id, QString *error) const;
    // Checks and stores a new rule (its id is ignored), created and updated at nowNs.
    AlertChange add(AlertRule rule, qint64 nowNs) const;
    // Checks and replaces rule.id; its pending time starts over. `keepWebhooks`: the stored
    // webhooks stay (the console's form does not edit them; readers only see their origins).
    AlertChange replace(AlertRule rule, qint64 nowNs, bool keepWebhooks = false) const;
    AlertChange remove(qint64 id) const; // with its history
    // The history, newest first.
    std::optional<QList<AlertEvent>> history(const AlertEventFilter &filter, QString *error) const;

private:
    std::optional<bool> isFiring(qint64 ruleId, QString *error) const;

    const Store &m_store;
};

} // namespace spanlight
