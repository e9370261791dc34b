#pragma once

#include "alertrules.h"
#include "dialect.h"

#include <QSqlDatabase>
#include <QSqlQuery>

#include <functional>
#include <optional>

// Private to the storage library: the SQL of alert_rules, alert_history and alert_deliveries
// (migration 11). Every write is one short transaction of its own; Store calls these on the
// calling thread's own writable connection, beside the span writer, like the audit log.
namespace spanlight::storage {

class AlertTables
{
public:
    AlertTables(QSqlDatabase db, Dialect dialect)
        : m_db(std::move(db))
        , m_dialect(dialect)
    { }

    std::optional<QList<AlertRule>> rules(std::optional<qint64> id, QString *error);
    std::optional<qint64> insertRule(const AlertRule &rule, QString *error);
    // False when no rule has the id; nothing with `error` on failure.
    std::optional<bool> updateRule(const AlertRule &rule, QString *error);
    std::optional<bool> deleteRule(qint64 id, QString *error); // with its history
    // True for the one caller whose claim moved last_evaluated_ns from before `staleBeforeNs` to `nowNs`.
    bool claim(qint64 id, qint64 nowNs, qint64 staleBeforeNs, QString *error);
    bool setPending(qint64 id, std::optional<qint64> sinceNs, QString *error);
    // A new open event; nothing, and no error, when the rule has an open one already. Should
    // two instances race past that check, the partial unique index alert_history_open refuses
    // the second insert (nothing, with `error` set).
    std::optional<qint64> fire(qint64 ruleId, qint64 startedNs, double observed, QString *error);
    bool resolve(qint64 eventId, qint64 resolvedNs, std::optional<double> value, QString *error);
    bool addDelivery(qint64 eventId, const AlertDelivery &delivery, QString *error);
    std::optional<QList<AlertEvent>> events(const AlertEventFilter &filter, QString *error);
    qint64 firingCount(QString *error);

private:
    // Runs `body` in a write transaction; false (rolled back) when it returns false.
    bool transaction(const std::function<bool(QSqlQuery &)> &body, QString *error);

    QSqlDatabase m_db;
    Dialect m_dialect;
};

} // namespace spanlight::storage
