// The alert routes of ApiService: rules (GET/POST/PUT/DELETE /alerts/rules) and history (GET /alerts).
#include "apiservice.h"

#include "apiparams.h"
#include "analysis/alertmetrics.h"
#include "analysis/errorseverity.h"
#include "core/timeformat.h"
#include "storage/store.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QUrl>

namespace spanlight {

namespace {

constexpr int kMaxWebhooks = 10;
constexpr qint64 kMaxForSeconds = qint64(7) * 24 * 3600;

HttpResponse badField(const QString &name, const QString &why)
{
    return HttpResponse::error(400, QStringLiteral("invalid_field"), name + u' ' + why);
}

HttpResponse storageError(const QString &error)
{
    return HttpResponse::error(503, QStringLiteral("storage_error"), error);
}

std::optional<qint64> parseRuleId(const QString &text, HttpResponse *error)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (ok && id > 0)
        return id;
    *error = badParameter(QStringLiteral("rule_id"), QStringLiteral("must be a positive integer, got '%1'").arg(text.left(80)));
    return std::nullopt;
}

HttpResponse noRule(qint64 id)
{
    return notFound(QStringLiteral("no alert rule with id %1").arg(id));
}

// A webhook URL is a credential (Slack's carry their secret in the path): readers see its origin only.
QString shownUrl(const QString &url)
{
    const QUrl u(url);
    return u.adjusted(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment)
               .toString(QUrl::FullyEncoded)
        + QStringLiteral("/...");
}

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

QJsonObject ruleJson(const AlertRule &r, bool firing)
{
    QJsonArray webhooks;
    for (const WebhookTarget &t : r.webhooks)
        webhooks.append(QJsonObject { { QStringLiteral("url"), shownUrl(t.url) },
            { QStringLiteral("format"), t.slack ? QStringLiteral("slack") : QStringLiteral("json") } });
    const QString state = !r.enabled ? QStringLiteral("disabled")
        : firing                     ? QStringLiteral("firing")
        : r.pendingSinceNs           ? QStringLiteral("pending")
                                     : QStringLiteral("ok");
    return {
        { QStringLiteral("id"), r.id },
        { QStringLiteral("name"), r.name },
        { QStringLiteral("metric"), r.metric },
        { QStringLiteral("service_name"), textOrNull(r.service) },
        { QStringLiteral("operation_name"), textOrNull(r.operation) },
        { QStringLiteral("comparator"), r.comparator },
        { QStringLiteral("threshold"), r.threshold },
        { QStringLiteral("for_seconds"), double(r.forNs) / 1e9 },
        { QStringLiteral("severity"), r.severity },
        { QStringLiteral("enabled"), r.enabled },
        { QStringLiteral("webhooks"), webhooks },
        { QStringLiteral("state"), state },
        { QStringLiteral("pending_since"), r.pendingSinceNs ? QJsonValue(isoFromNanos(*r.pendingSinceNs)) : QJsonValue() },
        { QStringLiteral("created_at"), isoFromNanos(r.createdNs) },
        { QStringLiteral("updated_at"), isoFromNanos(r.updatedNs) },
    };
}

QJsonObject eventJson(const AlertEvent &e)
{
    QJsonArray deliveries;
    for (const AlertDelivery &d : e.deliveries)
        deliveries.append(QJsonObject {
            { QStringLiteral("url"), shownUrl(d.url) },
            { QStringLiteral("event"), d.event },
            { QStringLiteral("attempts"), d.attempts },
            { QStringLiteral("ok"), d.ok },
            { QStringLiteral("http_status"), d.httpStatus ? QJsonValue(d.httpStatus) : QJsonValue() },
            { QStringLiteral("error"), textOrNull(d.error) },
            { QStringLiteral("time"), isoFromNanos(d.timeNs) },
        });
    return {
        { QStringLiteral("id"), e.id },
        { QStringLiteral("rule_id"), e.ruleId },
        { QStringLiteral("rule_name"), e.ruleName },
        { QStringLiteral("metric"), e.metric },
        { QStringLiteral("service_name"), textOrNull(e.service) },
        { QStringLiteral("operation_name"), textOrNull(e.operation) },
        { QStringLiteral("severity"), e.severity },
        { QStringLiteral("state"), e.firing() ? QStringLiteral("firing") : QStringLiteral("resolved") },
        { QStringLiteral("started_at"), isoFromNanos(e.startedNs) },
        { QStringLiteral("resolved_at"), e.resolvedNs ? QJsonValue(isoFromNanos(*e.resolvedNs)) : QJsonValue() },
        { QStringLiteral("observed"), e.observed },
        { QStringLiteral("resolved_value"), e.resolvedValue ? QJsonValue(*e.resolvedValue) : QJsonValue() },
        { QStringLiteral("deliveries"), deliveries },
    };
}

// The rule a POST or PUT body describes, or the 400 that names the first bad field.
std::optional<AlertRule> parseRule(const QByteArray &body, HttpResponse *error)
{
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parse);
    if (parse.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = HttpResponse::error(400, QStringLiteral("invalid_body"),
            parse.error != QJsonParseError::NoError
                ? QStringLiteral("the body is not JSON: %1 at offset %2").arg(parse.errorString()).arg(parse.offset)
                : QStringLiteral("the body must be a JSON object (an alert rule)"));
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    static const QStringList known = { QStringLiteral("name"), QStringLiteral("metric"), QStringLiteral("service_name"),
        QStringLiteral("operation_name"), QStringLiteral("comparator"), QStringLiteral("threshold"),
        QStringLiteral("for_seconds"), QStringLiteral("severity"), QStringLiteral("enabled"), QStringLiteral("webhooks") };
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!known.contains(it.key())) {
            *error = badField(it.key().left(80), QStringLiteral("is not a field of an alert rule; the fields are ")
                                                   + known.join(QStringLiteral(", ")));
            return std::nullopt;
        }
    }
    auto fail = [error](const QString &name, const QString &why) {
        *error = badField(name, why);
        return std::nullopt;
    };
    auto optionalText = [&](const char *name, QString *out) {
        const QJsonValue v = o.value(QLatin1String(name));
        if (v.isUndefined() || v.isNull())
            return true;
        if (!v.isString() || v.toString().size() > 200)
            return false;
        *out = v.toString();
        return true;
    };

    AlertRule r;
    const QJsonValue name = o.value(QLatin1String("name"));
    if (!name.isString() || name.toString().trimmed().isEmpty() || name.toString().size() > 200)
        return fail(QStringLiteral("name"), QStringLiteral("is required: a text of 1 to 200 characters"));
    r.name = name.toString().trimmed();

    const QJsonValue metric = o.value(QLatin1String("metric"));
    if (!metric.isString())
        return fail(QStringLiteral("metric"), QStringLiteral("is required: one of ") + alertMetricNames().join(QStringLiteral(", ")));
    r.metric = metric.toString();
    if (!isAlertMetric(r.metric))
        return fail(QStringLiteral("metric"), QStringLiteral("is an unknown metric '%1'; use one of %2")
                                                  .arg(r.metric.left(80), alertMetricNames().join(QStringLiteral(", "))));

    if (!optionalText("service_name", &r.service))
        return fail(QStringLiteral("service_name"), QStringLiteral("must be a text of at most 200 characters, or null for every service"));
    if (!optionalText("operation_name", &r.operation))
        return fail(QStringLiteral("operation_name"), QStringLiteral("must be a text of at most 200 characters, or null"));
    if (!r.operation.isEmpty() && !alertMetricTakesOperation(r.metric))
        return fail(QStringLiteral("operation_name"), QStringLiteral("cannot narrow %1, which is kept per service").arg(r.metric));

    const QJsonValue comparator = o.value(QLatin1String("comparator"));
    r.comparator = comparator.toString();
    if (!comparator.isString() || !alertComparators().contains(r.comparator))
        return fail(QStringLiteral("comparator"), QStringLiteral("must be one of %1 (a text), got '%2'")
                                                      .arg(alertComparators().join(QStringLiteral(", ")), r.comparator.left(80)));

    const QJsonValue threshold = o.value(QLatin1String("threshold"));
    if (!threshold.isDouble() || !std::isfinite(threshold.toDouble()))
        return fail(QStringLiteral("threshold"), QStringLiteral("is required: a number"));
    r.threshold = threshold.toDouble();

    const QJsonValue forSeconds = o.value(QLatin1String("for_seconds"));
    if (!forSeconds.isUndefined()) {
        if (!forSeconds.isDouble() || forSeconds.toDouble() < 0 || forSeconds.toDouble() > double(kMaxForSeconds))
            return fail(QStringLiteral("for_seconds"),
                QStringLiteral("must be a number of seconds from 0 to %1 (7 days)").arg(kMaxForSeconds));
        r.forNs = qint64(forSeconds.toDouble() * 1e9);
    }

    const QJsonValue severity = o.value(QLatin1String("severity"));
    r.severity = QStringLiteral("medium");
    if (!severity.isUndefined()) {
        if (!severity.isString() || !severityFromName(severity.toString()))
            return fail(QStringLiteral("severity"), QStringLiteral("must be one of low, medium, high, critical"));
        r.severity = severity.toString();
    }

    const QJsonValue enabled = o.value(QLatin1String("enabled"));
    if (!enabled.isUndefined() && !enabled.isBool())
        return fail(QStringLiteral("enabled"), QStringLiteral("must be true or false"));
    r.enabled = enabled.toBool(true);

    const QJsonValue webhooks = o.value(QLatin1String("webhooks"));
    if (!webhooks.isUndefined() && !webhooks.isNull()) {
        if (!webhooks.isArray() || webhooks.toArray().size() > kMaxWebhooks)
            return fail(QStringLiteral("webhooks"),
                QStringLiteral("must be a list of at most %1 targets, each {\"url\": ..., \"format\": \"json\" or \"slack\"}").arg(kMaxWebhooks));
        const QJsonArray targets = webhooks.toArray();
        for (qsizetype i = 0; i < targets.size(); ++i) {
            const QString field = QStringLiteral("webhooks[%1]").arg(i);
            const QJsonValue t = targets.at(i);
            WebhookTarget target;
            if (t.isString()) {
                target.url = t.toString();
            } else if (t.isObject()) {
                const QJsonObject to = t.toObject();
                for (auto it = to.begin(); it != to.end(); ++it)
                    if (it.key() != u"url" && it.key() != u"format")
                        return fail(field + u'.' + it.key().left(80), QStringLiteral("is not a field of a webhook; use url and format"));
                target.url = to.value(QLatin1String("url")).toString();
                const QJsonValue format = to.value(QLatin1String("format"));
                if (!format.isUndefined() && format != QJsonValue(QStringLiteral("json")) && format != QJsonValue(QStringLiteral("slack")))
                    return fail(field + QStringLiteral(".format"), QStringLiteral("must be json or slack"));
                target.slack = format == QJsonValue(QStringLiteral("slack"));
            } else {
                return fail(field, QStringLiteral("must be a URL or {\"url\": ..., \"format\": ...}"));
            }
            const QUrl url(target.url, QUrl::StrictMode);
            if (target.url.size() > 2000 || !url.isValid() || url.host().isEmpty()
                || (url.scheme() != u"http" && url.scheme() != u"https"))
                return fail(field + QStringLiteral(".url"),
                    QStringLiteral("must be an absolute http:// or https:// URL with a host, got '%1'").arg(target.url.left(80)));
            r.webhooks.append(target);
        }
    }
    return r;
}

std::optional<bool> isFiring(const Store &store, qint64 ruleId, QString *error)
{
    AlertEventFilter f;
    f.firing = true;
    f.ruleId = ruleId;
    f.limit = 1;
    const std::optional<QList<AlertEvent>> open = store.alertEvents(f, error);
    if (!open)
        return std::nullopt;
    return !open->isEmpty();
}

HttpResponse ruleResponse(const Store &store, int status, qint64 id)
{
    QString error;
    const std::optional<AlertRule> rule = store.alertRule(id, &error);
    if (!rule)
        return error.isEmpty() ? noRule(id) : storageError(error);
    const std::optional<bool> firing = isFiring(store, id, &error);
    if (!firing)
        return storageError(error);
    return HttpResponse::json(status, ruleJson(*rule, *firing));
}

qint64 nowNs()
{
    return QDateTime::currentMSecsSinceEpoch() * 1000000;
}

} // namespace

HttpResponse ApiService::alertRules() const
{
    QString error;
    const std::optional<QList<AlertRule>> rules = m_options.store->alertRules(&error);
    AlertEventFilter f;
    f.firing = true;
    f.limit = 100000;
    const std::optional<QList<AlertEvent>> firing = rules ? m_options.store->alertEvents(f, &error) : std::nullopt;
    if (!rules || !firing)
        return storageError(error);
    QSet<qint64> firingRules;
    for (const AlertEvent &e : *firing)
        firingRules.insert(e.ruleId);
    QJsonArray out;
    for (const AlertRule &r : *rules)
        out.append(ruleJson(r, firingRules.contains(r.id)));
    return HttpResponse::json(200, QJsonObject { { QStringLiteral("rules"), out }, { QStringLiteral("count"), out.size() },
                                       { QStringLiteral("metrics"), QJsonArray::fromStringList(alertMetricNames()) } });
}

HttpResponse ApiService::alertRule(const QString &idText) const
{
    HttpResponse error;
    const std::optional<qint64> id = parseRuleId(idText, &error);
    return id ? ruleResponse(*m_options.store, 200, *id) : error;
}

HttpResponse ApiService::createAlertRule(const HttpRequest &request) const
{
    HttpResponse error;
    std::optional<AlertRule> rule = parseRule(request.body, &error);
    if (!rule)
        return error;
    rule->createdNs = rule->updatedNs = nowNs();
    QString problem;
    const std::optional<qint64> id = m_options.store->addAlertRule(*rule, &problem);
    if (!id)
        return storageError(problem);
    return ruleResponse(*m_options.store, 201, *id);
}

HttpResponse ApiService::updateAlertRule(const QString &idText, const HttpRequest &request) const
{
    HttpResponse error;
    const std::optional<qint64> id = parseRuleId(idText, &error);
    if (!id)
        return error;
    std::optional<AlertRule> rule = parseRule(request.body, &error);
    if (!rule)
        return error;
    rule->id = *id;
    rule->updatedNs = nowNs();
    QString problem;
    const std::optional<bool> found = m_options.store->updateAlertRule(*rule, &problem);
    if (!found)
        return storageError(problem);
    if (!*found)
        return noRule(*id);
    return ruleResponse(*m_options.store, 200, *id);
}

HttpResponse ApiService::deleteAlertRule(const QString &idText) const
{
    HttpResponse error;
    const std::optional<qint64> id = parseRuleId(idText, &error);
    if (!id)
        return error;
    QString problem;
    const std::optional<bool> found = m_options.store->deleteAlertRule(*id, &problem);
    if (!found)
        return storageError(problem);
    if (!*found)
        return noRule(*id);
    return HttpResponse::json(200, QJsonObject { { QStringLiteral("deleted_rule"), *id } });
}

HttpResponse ApiService::alerts(const HttpRequest &request) const
{
    Params p { request.query, std::nullopt };
    AlertEventFilter f;
    const QString state = p.choice("state", { QStringLiteral("firing"), QStringLiteral("resolved") }, QString());
    if (!state.isEmpty())
        f.firing = state == u"firing";
    f.service = p.text("service");
    f.limit = p.integer("limit", 100, 1, 1000);
    if (p.error)
        return std::move(*p.error);
    if (p.has("rule_id")) {
        HttpResponse error;
        f.ruleId = parseRuleId(p.text("rule_id"), &error);
        if (!f.ruleId)
            return error;
    }
    QString problem;
    const std::optional<QList<AlertEvent>> events = m_options.store->alertEvents(f, &problem);
    if (!events)
        return storageError(problem);
    QJsonArray out;
    for (const AlertEvent &e : *events)
        out.append(eventJson(e));
    return HttpResponse::json(200, QJsonObject { { QStringLiteral("alerts"), out }, { QStringLiteral("count"), out.size() } });
}

} // namespace spanlight
