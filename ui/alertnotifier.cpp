#include "alertnotifier.h"

#include "alertmodels.h"
#include "consolecontroller.h"

namespace spanlight {

namespace {

AlertNotice noticeOf(const AlertEvent &e)
{
    AlertNotice n;
    n.eventId = e.id;
    n.firing = e.firing();
    n.title = n.firing ? AlertNotifier::tr("Alert firing: %1").arg(e.ruleName)
                       : AlertNotifier::tr("Alert resolved: %1").arg(e.ruleName);
    AlertRuleView v;
    v.rule.metric = e.metric;
    const QString metric = AlertRuleModel::rowOf(v).metricText;
    const QString where = e.service.isEmpty() ? AlertNotifier::tr("every service") : e.service;
    const double value = n.firing ? e.observed : e.resolvedValue.value_or(e.observed);
    n.text = AlertNotifier::tr("%1 of %2: %3").arg(metric, where, alertValueText(e.metric, value));
    return n;
}

} // namespace

QList<AlertNotice> AlertNoticeTracker::update(const QList<AlertEvent> &events)
{
    QList<AlertNotice> out;
    QHash<qint64, bool> now;
    // Oldest first, so that notices come in the order things happened.
    for (auto it = events.crbegin(); it != events.crend(); ++it) {
        const AlertEvent &e = *it;
        now.insert(e.id, e.firing());
        if (!m_primed)
            continue;
        const auto seen = m_firing.constFind(e.id);
        const bool isNew = seen == m_firing.cend();
        if ((isNew && e.firing()) || (!e.firing() && (isNew || *seen)))
            out.append(noticeOf(e));
    }
    m_firing = now;
    m_primed = true;
    return out;
}

void AlertNoticeTracker::reset()
{
    m_firing.clear();
    m_primed = false;
}

AlertNotifier::AlertNotifier(ConsoleController *controller, QObject *parent)
    : QObject(parent)
    , m_controller(controller)
{
    m_timer.setInterval(30000);
    connect(&m_timer, &QTimer::timeout, this, &AlertNotifier::poll);
    // Another server: its alerts are learnt first, not announced.
    connect(controller, &ConsoleController::statusChanged, this, [this] {
        if (!m_controller->isConnected())
            m_tracker.reset();
    });
    connect(controller->connection(), &RemoteConnection::stateChanged, this, [this] {
        const QString server = m_controller->connection()->isRemote() ? m_controller->connection()->target() : QString();
        if (server != m_server) {
            m_server = server;
            m_tracker.reset();
        }
    });
}

void AlertNotifier::setEnabled(bool enabled)
{
    if (enabled == m_enabled)
        return;
    m_enabled = enabled;
    m_tracker.reset();
    if (m_enabled) {
        m_timer.start();
        poll();
    } else {
        m_timer.stop();
    }
}

void AlertNotifier::setIntervalMs(int ms)
{
    m_timer.setInterval(std::max(1, ms));
}

void AlertNotifier::poll()
{
    if (!m_enabled || m_inFlight)
        return;
    AlertEventFilter f;
    f.limit = kPollLimit;
    m_inFlight = m_controller->run(
        this,
        [f](const TraceSource &source) {
            QString error;
            return source.alertHistory(f, &error);
        },
        [this](std::optional<QList<AlertEvent>> events) {
            m_inFlight = false;
            if (events && m_enabled)
                for (const AlertNotice &n : m_tracker.update(*events))
                    Q_EMIT notice(n);
            Q_EMIT polled();
        });
}

} // namespace spanlight
