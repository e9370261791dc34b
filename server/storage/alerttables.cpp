#include "alerttables.h"

#include "rowcodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QVariant>

namespace spanlight::storage {

namespace {

const char *const kRuleColumns = "id, name, metric, service_name, operation_name, comparator, threshold, for_ns,"
                                 " severity, enabled, webhooks, created_ns, updated_ns, pending_since_ns,"
                                 " last_evaluated_ns";

QString webhooksJson(const QList<WebhookTarget> &targets)
{
    QJsonArray out;
    for (const WebhookTarget &t : targets)
        out.append(QJsonObject { { QStringLiteral("url"), t.url },
            { QStringLiteral("format"), t.slack ? QStringLiteral("slack") : QStringLiteral("json") } });
    return QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Compact));
}

QList<WebhookTarget> webhooksFromJson(const QString &json)
{
    QList<WebhookTarget> out;
    const QJsonArray targets = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue &v : targets)
        out.append({ v[QLatin1String("url")].toString(), v[QLatin1String("format")].toString() == u"slack" });
    return out;
}

QVariant optionalNs(std::optional<qint64> ns)
{
    return ns ? QVariant(*ns) : QVariant(QMetaType::fromType<qlonglong>());
}

AlertRule readRule(const QSqlQuery &q)
{
    AlertRule r;
    r.id = q.value(0).toLongLong();
    r.name = q.value(1).toString();
    r.metric = q.value(2).toString();
    r.service = q.value(3).toString();
    r.operation = q.value(4).toString();
    r.comparator = q.value(5).toString();
    r.threshold = q.value(6).toDouble();
    r.forNs = q.value(7).toLongLong();
    r.severity = q.value(8).toString();
    r.enabled = q.value(9).toInt() != 0;
    r.webhooks = webhooksFromJson(q.value(10).toString());
    r.createdNs = q.value(11).toLongLong();
    r.updatedNs = q.value(12).toLongLong();
    if (!q.isNull(13))
        r.pendingSinceNs = q.value(13).toLongLong();
    r.lastEvaluatedNs = q.value(14).toLongLong();
    return r;
}

// The columns a client sets, in the order of kRuleColumns from name to updated_ns.
void bindRule(QSqlQuery &q, const AlertRule &rule)
{
    q.addBindValue(nonNull(rule.name));
    q.addBindValue(nonNull(rule.metric));
    q.addBindValue(nonNull(rule.service));
    q.addBindValue(nonNull(rule.operation));
    q.addBindValue(nonNull(rule.comparator));
    q.addBindValue(rule.threshold);
    q.addBindValue(rule.forNs);
    q.addBindValue(nonNull(rule.severity));
    q.addBindValue(rule.enabled ? 1 : 0);
    q.addBindValue(webhooksJson(rule.webhooks));
}

bool failed(const QSqlQuery &q, const char *what, QString *error)
{
    if (error)
        *error = QLatin1String(what) + QStringLiteral(": ") + sqlErrorText(q.lastError());
    return false;
}

} // namespace

bool AlertTables::transaction(const std::function<bool(QSqlQuery &)> &body, QString *error)
{
    if (!m_db.isOpen()) {
        if (error && error->isEmpty())
            *error = QStringLiteral("alerts: no database connection");
        return false;
    }
    QSqlQuery q(m_db);
    if (!q.exec(beginWriteSql(m_dialect)))
        return failed(q, "alerts", error);
    if (!body(q)) {
        QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
        return false;
    }
    if (!q.exec(QStringLiteral("COMMIT"))) {
        failed(q, "alerts", error);
        QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
        return false;
    }
    return true;
}

std::optional<QList<AlertRule>> AlertTables::rules(std::optional<qint64> id, QString *error)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + QLatin1String(kRuleColumns) + QStringLiteral(" FROM alert_rules")
        + (id ? QStringLiteral(" WHERE id = ?") : QString()) + QStringLiteral(" ORDER BY id"));
    if (id)
        q.addBindValue(*id);
    if (!q.exec()) {
        failed(q, "alert rules", error);
        return std::nullopt;
    }
    QList<AlertRule> out;
    while (q.next())
        out.append(readRule(q));
    return out;
}

std::optional<qint64> AlertTables::insertRule(const AlertRule &rule, QString *error)
{
    std::optional<qint64> id;
    transaction(
        [&](QSqlQuery &q) {
            q.prepare(QStringLiteral("INSERT INTO alert_rules (name, metric, service_name, operation_name, comparator,"
                                     " threshold, for_ns, severity, enabled, webhooks, created_ns, updated_ns,"
                                     " last_evaluated_ns) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0) RETURNING id"));
            bindRule(q, rule);
            q.addBindValue(rule.createdNs);
            q.addBindValue(rule.updatedNs);
            if (!q.exec() || !q.next())
                return failed(q, "cannot add the alert rule", error);
            id = q.value(0).toLongLong();
            q.finish();
            return true;
        },
        error);
    return id;
}

std::optional<bool> AlertTables::updateRule(const AlertRule &rule, QString *error)
{
    bool found = false;
    // A changed rule starts over: its pending time meant the old condition.
    const bool ok = transaction(
        [&](QSqlQuery &q) {
            q.prepare(QStringLiteral("UPDATE alert_rules SET name = ?, metric = ?, service_name = ?, operation_name = ?,"
                                     " comparator = ?, threshold = ?, for_ns = ?, severity = ?, enabled = ?, webhooks = ?,"
                                     " updated_ns = ?, pending_since_ns = NULL WHERE id = ?"));
            bindRule(q, rule);
            q.addBindValue(rule.updatedNs);
            q.addBindValue(rule.id);
            if (!q.exec())
                return failed(q, "cannot change the alert rule", error);
            found = q.numRowsAffected() > 0;
            return true;
        },
        error);
    return ok ? std::optional<bool>(found) : std::nullopt;
}

std::optional<bool> AlertTables::deleteRule(qint64 id, QString *error)
{
    bool found = false;
    const bool ok = transaction(
        [&](QSqlQuery &q) {
            const char *const statements[] = {
                "DELETE FROM alert_deliveries WHERE event_id IN (SELECT id FROM alert_history WHERE rule_id = ?)",
                "DELETE FROM alert_history WHERE rule_id = ?",
                "DELETE FROM alert_rules WHERE id = ?",
            };
            for (const char *sql : statements) {
                q.prepare(QLatin1String(sql));
                q.addBindValue(id);
                if (!q.exec())
                    return failed(q, "cannot delete the alert rule", error);
            }
            found = q.numRowsAffected() > 0;
            return true;
        },
        error);
    return ok ? std::optional<bool>(found) : std::nullopt;
}

bool AlertTables::claim(qint64 id, qint64 nowNs, qint64 staleBeforeNs, QString *error)
{
    bool claimed = false;
    transaction(
        [&](QSqlQuery &q) {
            q.prepare(QStringLiteral("UPDATE alert_rules SET last_evaluated_ns = ? WHERE id = ? AND last_evaluated_ns < ?"));
            q.addBindValue(nowNs);
            q.addBindValue(id);
            q.addBindValue(staleBeforeNs);
            if (!q.exec())
                return failed(q, "cannot claim the alert rule", error);
            claimed = q.numRowsAffected() == 1;
            return true;
        },
        error);
    return claimed;
}

bool AlertTables::setPending(qint64 id, std::optional<qint64> sinceNs, QString *error)
{
    return transaction(
        [&](QSqlQuery &q) {
            q.prepare(QStringLiteral("UPDATE alert_rules SET pending_since_ns = ? WHERE id = ?"));
            q.addBindValue(optionalNs(sinceNs));
            q.addBindValue(id);
            return q.exec() || failed(q, "cannot keep the alert rule's state", error);
        },
        error);
}

std::optional<qint64> AlertTables::fire(qint64 ruleId, qint64 startedNs, double observed, QString *error)
{
    std::optional<qint64> id;
    transaction(
        [&](QSqlQuery &q) {
            q.prepare(QStringLiteral("SELECT COUNT(*) FROM alert_history WHERE rule_id = ? AND resolved_ns IS NULL"));
            q.addBindValue(ruleId);
            if (!q.exec() || !q.next())
                return failed(q, "cannot read the alert history", error);
            const bool open = q.value(0).toLongLong() > 0;
            q.finish();
            if (open)
                return true;
            q.prepare(QStringLiteral("INSERT INTO alert_history (rule_id, started_ns, observed) VALUES (?, ?, ?) RETURNING id"));
            q.addBindValue(ruleId);
            q.addBindValue(startedNs);
            q.addBindValue(observed);
            if (!q.exec() || !q.next())
                return failed(q, "cannot record the alert", error);
            id = q.value(0).toLongLong();
            q.finish();
            q.prepare(QStringLiteral("UPDATE alert_rules SET pending_since_ns = NULL WHERE id = ?"));
            q.addBindValue(ruleId);
            return q.exec() || failed(q, "cannot keep the alert rule's state", error);
        },
        error);
    return id;
}

bool AlertTables::resolve(qint64 eventId, qint64 resolvedNs, std::optional<double> value, QString *error)
{
    return transaction(
        [&](QSqlQuery &q) {
            q.prepare(QStringLiteral("UPDATE alert_history SET resolved_ns = ?, resolved_value = ?"
                                     " WHERE id = ? AND resolved_ns IS NULL"));
            q.addBindValue(resolvedNs);
            q.addBindValue(value ? QVariant(*value) : QVariant(QMetaType::fromType<double>()));
            q.addBindValue(eventId);
            return q.exec() || failed(q, "cannot resolve the alert", error);
        },
        error);
}

bool AlertTables::addDelivery(qint64 eventId, const AlertDelivery &delivery, QString *error)
{
    return transaction(
        [&](QSqlQuery &q) {
            q.prepare(QStringLiteral("INSERT INTO alert_deliveries (event_id, url, event, attempts, ok, http_status,"
                                     " error, time_ns) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
            q.addBindValue(eventId);
            q.addBindValue(nonNull(delivery.url));
            q.addBindValue(nonNull(delivery.event));
            q.addBindValue(delivery.attempts);
            q.addBindValue(delivery.ok ? 1 : 0);
            q.addBindValue(delivery.httpStatus);
            q.addBindValue(nonNull(delivery.error));
            q.addBindValue(delivery.timeNs);
            return q.exec() || failed(q, "cannot record the webhook delivery", error);
        },
        error);
}

std::optional<QList<AlertEvent>> AlertTables::events(const AlertEventFilter &filter, QString *error)
{
    QStringList where;
    if (filter.firing)
        where.append(*filter.firing ? QStringLiteral("h.resolved_ns IS NULL") : QStringLiteral("h.resolved_ns IS NOT NULL"));
    if (filter.ruleId)
        where.append(QStringLiteral("h.rule_id = ?"));
    if (!filter.service.isEmpty())
        where.append(QStringLiteral("r.service_name = ?"));
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT h.id, h.rule_id, r.name, r.metric, r.service_name, r.operation_name, r.severity,"
                             " h.started_ns, h.resolved_ns, h.observed, h.resolved_value"
                             " FROM alert_history h JOIN alert_rules r ON r.id = h.rule_id")
        + (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND ")))
        + QStringLiteral(" ORDER BY h.started_ns DESC, h.id DESC LIMIT ?"));
    if (filter.ruleId)
        q.addBindValue(*filter.ruleId);
    if (!filter.service.isEmpty())
        q.addBindValue(filter.service);
    q.addBindValue(filter.limit);
    if (!q.exec()) {
        failed(q, "alert history", error);
        return std::nullopt;
    }
    QList<AlertEvent> out;
    while (q.next()) {
        AlertEvent e;
        e.id = q.value(0).toLongLong();
        e.ruleId = q.value(1).toLongLong();
        e.ruleName = q.value(2).toString();
        e.metric = q.value(3).toString();
        e.service = q.value(4).toString();
        e.operation = q.value(5).toString();
        e.severity = q.value(6).toString();
        e.startedNs = q.value(7).toLongLong();
        if (!q.isNull(8))
            e.resolvedNs = q.value(8).toLongLong();
        e.observed = q.value(9).toDouble();
        if (!q.isNull(10))
            e.resolvedValue = q.value(10).toDouble();
        out.append(e);
    }
    q.finish();
    // The deliveries of the listed events: few per event, read by event.
    QSqlQuery d(m_db);
    d.setForwardOnly(true);
    d.prepare(QStringLiteral("SELECT url, event, attempts, ok, http_status, error, time_ns FROM alert_deliveries"
                             " WHERE event_id = ? ORDER BY id"));
    for (AlertEvent &e : out) {
        d.addBindValue(e.id);
        if (!d.exec()) {
            failed(d, "alert deliveries", error);
            return std::nullopt;
        }
        while (d.next())
            e.deliveries.append({ d.value(0).toString(), d.value(1).toString(), d.value(2).toInt(), d.value(3).toInt() != 0,
                d.value(4).toInt(), d.value(5).toString(), d.value(6).toLongLong() });
    }
    return out;
}

qint64 AlertTables::firingCount(QString *error)
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM alert_history WHERE resolved_ns IS NULL")) || !q.next()) {
        failed(q, "alert history", error);
        return -1;
    }
    return q.value(0).toLongLong();
}

} // namespace spanlight::storage
