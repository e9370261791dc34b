// The alert routes of ApiService: rules (GET/POST/PUT/DELETE /alerts/rules) and history (GET /alerts).
#include "apiservice.h"

#include "apiparams.h"
#include "analysis/alertmetrics.h"
#include "analysis/alertrulebook.h"
#include "core/timeformat.h"
#include "storage/store.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QUrl>

namespace spanlight {

namespace {

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

QJsonObject ruleJson(const AlertRuleView &view)
{
    const AlertRule &r = view.rule;
    QJsonArray webhooks;
    for (const WebhookTarget &t : r.webhooks)
        webhooks.append(QJsonObject { { QStringLiteral("url"), shownUrl(t.url) },
            { QStringLiteral("format"), t.slack ? QStringLiteral("slack") : QStringLiteral("json") } });
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
        { QStringLiteral("state"), alertRuleStateName(view.state) },
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

// The rule a POST or PUT body describes, or the 400 that names the first bad field. The JSON's
// shape is checked here; the values by checkAlertRule(), which the console's form shares (a
// value of the wrong type reaches it as an invalid one, so both say the same).
std::optional<AlertRule> parseRule(const QByteArray &body, bool *keepWebhooks, HttpResponse *error)
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
        QStringLiteral("for_seconds"), QStringLiteral("severity"), QStringLiteral("enabled"), QStringLiteral("webhooks"),
        QStringLiteral("keep_webhooks") };
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
        if (!v.isString())
            return false;
        *out = v.toString();
        return true;
    };

    AlertRule r;
    r.name = o.value(QLatin1String("name")).toString();
    r.metric = o.value(QLatin1String("metric")).toString();
    if (!optionalText("service_name", &r.service))
        return fail(QStringLiteral("service_name"), QStringLiteral("must be a text, or null for every service"));
    if (!optionalText("operation_name", &r.operation))
        return fail(QStringLiteral("operation_name"), QStringLiteral("must be a text, or null"));
    r.comparator = o.value(QLatin1String("comparator")).toString();
    const QJsonValue threshold = o.value(QLatin1String("threshold"));
    r.threshold = threshold.isDouble() ? threshold.toDouble() : qQNaN();
    const QJsonValue forSeconds = o.value(QLatin1String("for_seconds"));
    if (!forSeconds.isUndefined()) {
        const double s = forSeconds.isDouble() ? forSeconds.toDouble() : -1;
        r.forNs = s < 0 ? -1 : s * 1e9 > double(kMaxAlertForNs) ? kMaxAlertForNs + 1 : qint64(s * 1e9);
    }
    const QJsonValue severity = o.value(QLatin1String("severity"));
    r.severity = severity.isUndefined() ? QStringLiteral("medium") : severity.toString();

    const QJsonValue enabled = o.value(QLatin1String("enabled"));
    if (!enabled.isUndefined() && !enabled.isBool())
        return fail(QStringLiteral("enabled"), QStringLiteral("must be true or false"));
    r.enabled = enabled.toBool(true);

    const QJsonValue webhooks = o.value(QLatin1String("webhooks"));
    const QJsonValue keep = o.value(QLatin1String("keep_webhooks"));
    if (!keep.isUndefined() && !keep.isBool())
        return fail(QStringLiteral("keep_webhooks"), QStringLiteral("must be true or false"));
    *keepWebhooks = keep.toBool(false);
    if (*keepWebhooks && !webhooks.isUndefined())
        return fail(QStringLiteral("keep_webhooks"), QStringLiteral("keeps the stored webhooks, so it excludes webhooks"));
    if (!webhooks.isUndefined() && !webhooks.isNull()) {
        if (!webhooks.isArray())
            return fail(QStringLiteral("webhooks"), QStringLiteral("must be a list of targets, each {\"url\": ..., \"format\": \"json\" or \"slack\"}"));
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
            r.webhooks.append(target);
        }
    }
    // PUT with keep_webhooks checks the stored ones (AlertRuleBook::replace()).
    if (const std::optional<AlertRuleProblem> problem = checkAlertRule(r))
        return fail(problem->field, problem->why);
    return r;
}

// A change's answer: the rule as it is now with `status`, or the 400, 404 or 503.
HttpResponse changeResponse(const AlertRuleBook &book, const AlertChange &change, int status)
{
    switch (change.outcome) {
    case AlertChange::Outcome::Invalid:
        return badField(change.problem.field, change.problem.why);
    case AlertChange::Outcome::NotFound:
        return notFound(change.message());
    case AlertChange::Outcome::Failed:
        return storageError(change.error);
    case AlertChange::Outcome::Done:
        break;
    }
    QString error;
    const std::optional<AlertRuleView> rule = book.rule(change.id, &error);
    if (!rule)
        return error.isEmpty() ? notFound(AlertChange { AlertChange::Outcome::NotFound, change.id, {}, {} }.message())
                               : storageError(error);
    return HttpResponse::json(status, ruleJson(*rule));
}

qint64 nowNs()
{
    return QDateTime::currentMSecsSinceEpoch() * 1000000;
}

} // namespace

HttpResponse ApiService::alertRules() const
{
    QString error;
    const std::optional<QList<AlertRuleView>> rules = AlertRuleBook(*m_options.store).rules(&error);
    if (!rules)
        return storageError(error);
    QJsonArray out;
    for (const AlertRuleView &r : *rules)
        out.append(ruleJson(r));
    return HttpResponse::json(200, QJsonObject { { QStringLiteral("rules"), out }, { QStringLiteral("count"), out.size() },
                                       { QStringLiteral("metrics"), QJsonArray::fromStringList(alertMetricNames()) } });
}

HttpResponse ApiService::alertRule(const QString &idText) const
{
    HttpResponse error;
    const std::optional<qint64> id = parseRuleId(idText, &error);
    if (!id)
        return error;
    AlertChange found;
    found.outcome = AlertChange::Outcome::Done;
    found.id = *id;
    return changeResponse(AlertRuleBook(*m_options.store), found, 200);
}

HttpResponse ApiService::createAlertRule(const HttpRequest &request) const
{
    HttpResponse error;
    bool keepWebhooks = false;
    const std::optional<AlertRule> rule = parseRule(request.body, &keepWebhooks, &error);
    if (!rule)
        return error;
    if (keepWebhooks)
        return badField(QStringLiteral("keep_webhooks"), QStringLiteral("is for PUT only: a new rule has no stored webhooks"));
    const AlertRuleBook book(*m_options.store);
    return changeResponse(book, book.add(*rule, nowNs()), 201);
}

HttpResponse ApiService::updateAlertRule(const QString &idText, const HttpRequest &request) const
{
    HttpResponse error;
    const std::optional<qint64> id = parseRuleId(idText, &error);
    if (!id)
        return error;
    bool keepWebhooks = false;
    std::optional<AlertRule> rule = parseRule(request.body, &keepWebhooks, &error);
    if (!rule)
        return error;
    rule->id = *id;
    const AlertRuleBook book(*m_options.store);
    return changeResponse(book, book.replace(*rule, nowNs(), keepWebhooks), 200);
}

HttpResponse ApiService::deleteAlertRule(const QString &idText) const
{
    HttpResponse error;
    const std::optional<qint64> id = parseRuleId(idText, &error);
    if (!id)
        return error;
    const AlertRuleBook book(*m_options.store);
    const AlertChange change = book.remove(*id);
    if (!change.ok())
        return changeResponse(book, change, 200);
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
    const std::optional<QList<AlertEvent>> events = AlertRuleBook(*m_options.store).history(f, &problem);
    if (!events)
        return storageError(problem);
    QJsonArray out;
    for (const AlertEvent &e : *events)
        out.append(eventJson(e));
    return HttpResponse::json(200, QJsonObject { { QStringLiteral("alerts"), out }, { QStringLiteral("count"), out.size() } });
}

} // namespace spanlight
