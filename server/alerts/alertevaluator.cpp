#include "alertevaluator.h"

#include "analysis/alertmetrics.h"
#include "core/logging.h"
#include "storage/store.h"

#include <QDateTime>

namespace spanlight {

AlertEvaluator::AlertEvaluator(const Store &store, AlertOptions options)
    : m_store(store)
    , m_options(std::move(options))
    , m_webhooks(store, m_options.webhooks)
{ }

AlertEvaluator::~AlertEvaluator()
{
    stop();
}

void AlertEvaluator::start()
{
    if (m_thread.joinable())
        return;
    m_webhooks.start();
    m_thread = std::thread([this] {
        std::unique_lock lock(m_mutex);
        while (!m_stopping) {
            lock.unlock();
            runOnce();
            lock.lock();
            m_wake.wait_for(lock, m_options.interval, [this] { return m_stopping; });
        }
    });
}

void AlertEvaluator::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
    m_webhooks.stop();
}

qint64 AlertEvaluator::now() const
{
    return m_options.nowNs ? m_options.nowNs() : QDateTime::currentMSecsSinceEpoch() * 1000000;
}

bool AlertEvaluator::runOnce()
{
    const qint64 nowNs = now();
    QString error;
    const std::optional<QList<AlertRule>> rules = m_store.alertRules(&error);
    bool ok = rules.has_value();
    if (!ok)
        qCWarning(lcServer).noquote() << "alerts:" << error;
    // Half an interval: this instance's next round finds its own claim stale, while an instance
    // whose rounds are out of step with this one's finds it fresh and leaves the rule.
    const qint64 staleBeforeNs = nowNs - qint64(m_options.interval.count()) * 1000000 / 2;
    for (const AlertRule &rule : rules.value_or(QList<AlertRule>())) {
        if (m_store.claimAlertRule(rule.id, nowNs, staleBeforeNs))
            ok = evaluate(rule, nowNs) && ok;
    }
    const qint64 firing = m_store.firingAlerts();
    if (firing >= 0)
        m_counters.firing = firing;
    if (!ok)
        ++m_counters.failures;
    ++m_counters.runs;
    return ok;
}

bool AlertEvaluator::evaluate(const AlertRule &rule, qint64 nowNs)
{
    QString error;
    AlertEventFilter open;
    open.firing = true;
    open.ruleId = rule.id;
    open.limit = 1;
    const std::optional<QList<AlertEvent>> events = m_store.alertEvents(open, &error);
    if (!events) {
        qCWarning(lcServer).noquote() << "alerts:" << error;
        return false;
    }
    std::optional<AlertEvent> firing;
    if (!events->isEmpty())
        firing = events->constFirst();

    std::optional<double> value;
    bool holds = false;
    if (rule.enabled) {
        value = alertMetricValue(
            ServiceAnalysis(m_store), rule.metric, rule.service, rule.operation, nowNs, m_options.anomalies);
        if (!value) // a metric this version does not know (the rule came from a newer one): leave it
            return true;
        ++m_counters.evaluations;
        holds = alertConditionHolds(rule.comparator, *value, rule.threshold);
    }

    bool ok = true;
    if (holds && !firing) {
        const qint64 since = rule.pendingSinceNs.value_or(nowNs);
        if (nowNs - since >= rule.forNs) {
            const std::optional<qint64> id = m_store.fireAlert(rule.id, nowNs, *value, &error);
            if (id) {
                ++m_counters.fired;
                AlertEvent e;
                e.id = *id;
                e.ruleId = rule.id;
                e.startedNs = nowNs;
                e.observed = *value;
                qCInfo(lcServer).noquote() << alertSummary(rule, e);
                notify(rule, e);
            } else if (!error.isEmpty()) {
                ok = false;
            }
        } else if (!rule.pendingSinceNs) {
            ok = m_store.setAlertPending(rule.id, nowNs, &error);
        }
    } else if (!holds) {
        if (rule.pendingSinceNs)
            ok = m_store.setAlertPending(rule.id, std::nullopt, &error);
        if (firing) {
            // A disabled rule's alert resolves without a value.
            if (m_store.resolveAlert(firing->id, nowNs, value, &error)) {
                ++m_counters.resolved;
                firing->resolvedNs = nowNs;
                firing->resolvedValue = value;
                qCInfo(lcServer).noquote() << alertSummary(rule, *firing);
                notify(rule, *firing);
            } else {
                ok = false;
            }
        }
    }
    if (!ok)
        qCWarning(lcServer).noquote() << "alerts: rule" << rule.id << error;
    return ok;
}

void AlertEvaluator::notify(const AlertRule &rule, const AlertEvent &event)
{
    for (const WebhookTarget &target : rule.webhooks)
        m_webhooks.send({ event.id, event.firing() ? QStringLiteral("firing") : QStringLiteral("resolved"), target,
            webhookBody(rule, event, target.slack) });
}

QByteArray AlertEvaluator::metrics() const
{
    struct Metric
    {
        const char *name;
        const char *type;
        const char *help;
        double value;
    };
    const AlertCounters &c = m_counters;
    const WebhookCounters &w = m_webhooks.counters();
    const Metric all[] = {
        { "tracing_alerts_firing", "gauge", "Alerts firing now (open in the alert history of the database).",
            double(c.firing) },
        { "tracing_alert_evaluations_total", "counter", "Alert rules evaluated by this instance.", double(c.evaluations) },
        { "tracing_alert_evaluation_failures_total", "counter", "Alert evaluation rounds with a storage error.",
            double(c.failures) },
        { "tracing_alerts_fired_total", "counter", "Alerts this instance fired.", double(c.fired) },
        { "tracing_alerts_resolved_total", "counter", "Alerts this instance resolved.", double(c.resolved) },
        { "tracing_alert_webhook_deliveries_total", "counter", "Webhook notifications delivered (a 2xx answer).",
            double(w.delivered) },
        { "tracing_alert_webhook_failures_total", "counter",
            "Webhook notifications given up: out of attempts, refused (4xx) or dropped.", double(w.failed) },
        { "tracing_alert_webhook_attempts_total", "counter", "Webhook POSTs sent, retries included.", double(w.attempts) },
    };
    QByteArray out;
    for (const Metric &m : all)
        out += QByteArray("# HELP ") + m.name + ' ' + m.help + "\n# TYPE " + m.name + ' ' + m.type + '\n' + m.name + ' '
            + QByteArray::number(m.value, 'g', 15) + '\n';
    return out;
}

} // namespace spanlight
