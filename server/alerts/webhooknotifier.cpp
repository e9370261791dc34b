#include "webhooknotifier.h"

#include "core/logging.h"
#include "core/timeformat.h"
#include "storage/store.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTimer>

namespace spanlight {

QString alertSummary(const AlertRule &rule, const AlertEvent &event)
{
    const QString scope = rule.service.isEmpty()
        ? QStringLiteral("every service")
        : rule.service + (rule.operation.isEmpty() ? QString() : u' ' + rule.operation);
    if (!event.firing() && !event.resolvedValue)
        return QStringLiteral("[RESOLVED] %1: the rule was disabled").arg(rule.name);
    const double value = event.firing() ? event.observed : *event.resolvedValue;
    return QStringLiteral("[%1] %2: %3 of %4 is %5 (%6 %7)")
        .arg(event.firing() ? QStringLiteral("FIRING") : QStringLiteral("RESOLVED"), rule.name, rule.metric, scope,
            QString::number(value, 'g', 6), rule.comparator, QString::number(rule.threshold, 'g', 6));
}

QByteArray webhookBody(const AlertRule &rule, const AlertEvent &event, bool slack)
{
    const QString text = alertSummary(rule, event);
    if (slack)
        return QJsonDocument(QJsonObject { { QStringLiteral("text"), text } }).toJson(QJsonDocument::Compact);
    QJsonObject alert { { QStringLiteral("id"), event.id },
        { QStringLiteral("state"), event.firing() ? QStringLiteral("firing") : QStringLiteral("resolved") },
        { QStringLiteral("started_at"), isoFromNanos(event.startedNs) },
        { QStringLiteral("resolved_at"), event.resolvedNs ? QJsonValue(isoFromNanos(*event.resolvedNs)) : QJsonValue() },
        { QStringLiteral("observed"), event.observed },
        { QStringLiteral("resolved_value"), event.resolvedValue ? QJsonValue(*event.resolvedValue) : QJsonValue() } };
    QJsonObject r { { QStringLiteral("id"), rule.id }, { QStringLiteral("name"), rule.name },
        { QStringLiteral("metric"), rule.metric },
        { QStringLiteral("service_name"), rule.service.isEmpty() ? QJsonValue() : QJsonValue(rule.service) },
        { QStringLiteral("operation_name"), rule.operation.isEmpty() ? QJsonValue() : QJsonValue(rule.operation) },
        { QStringLiteral("comparator"), rule.comparator }, { QStringLiteral("threshold"), rule.threshold },
        { QStringLiteral("for_seconds"), double(rule.forNs) / 1e9 }, { QStringLiteral("severity"), rule.severity } };
    return QJsonDocument(QJsonObject { { QStringLiteral("status"), alert.value(QStringLiteral("state")) },
                             { QStringLiteral("alert"), alert }, { QStringLiteral("rule"), r },
                             { QStringLiteral("text"), text } })
        .toJson(QJsonDocument::Compact);
}

// Lives on the notifier's thread with its network access and timers.
class WebhookNotifier::Worker : public QObject
{
public:
    Worker(WebhookNotifier &n)
        : m_n(n)
        , m_nam(this)
    { }

    void attempt(const WebhookMessage &message, int attempt)
    {
        QNetworkRequest request { QUrl(message.target.url) };
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("spanlight-alerts"));
        request.setTransferTimeout(m_n.m_options.timeoutMs);
        ++m_n.m_counters.attempts;
        QNetworkReply *reply = m_nam.post(request, message.body);
        connect(reply, &QNetworkReply::finished, this, [this, reply, message, attempt] {
            reply->deleteLater();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status >= 200 && status < 300) {
                ++m_n.m_counters.delivered;
                finish(message, attempt, true, status, QString());
                return;
            }
            const QString why = status ? QStringLiteral("HTTP %1").arg(status) : reply->errorString();
            const bool retryable = status == 0 || status == 408 || status == 429 || status >= 500;
            if (!retryable || attempt >= m_n.m_options.maxAttempts) {
                ++m_n.m_counters.failed;
                qCWarning(lcServer).noquote() << "alert webhook" << message.target.url << "failed after" << attempt
                                              << "attempts:" << why;
                finish(message, attempt, false, status, why);
                return;
            }
            ++m_n.m_counters.retries;
            int waitMs = std::min(m_n.m_options.maxBackoffMs, m_n.m_options.initialBackoffMs << std::min(attempt - 1, 16));
            waitMs += int(QRandomGenerator::global()->bounded(waitMs / 4 + 1));
            QTimer::singleShot(waitMs, this, [this, message, attempt] { this->attempt(message, attempt + 1); });
        });
    }

private:
    void finish(const WebhookMessage &message, int attempts, bool ok, int status, const QString &error)
    {
        --m_n.m_inFlight;
        AlertDelivery d { message.target.url, message.event, attempts, ok, status, error,
            QDateTime::currentMSecsSinceEpoch() * 1000000 };
        QString problem;
        if (!m_n.m_store.addAlertDelivery(message.eventId, d, &problem))
            qCWarning(lcServer).noquote() << "cannot record an alert webhook delivery:" << problem;
    }

    WebhookNotifier &m_n;
    QNetworkAccessManager m_nam;
};

WebhookNotifier::WebhookNotifier(const Store &store, WebhookOptions options)
    : m_store(store)
    , m_options(options)
{
    m_thread.setObjectName(QStringLiteral("alert-webhooks"));
}

WebhookNotifier::~WebhookNotifier()
{
    stop();
}

void WebhookNotifier::start()
{
    if (m_worker)
        return;
    m_thread.start();
    m_worker = new Worker(*this);
    m_worker->moveToThread(&m_thread);
}

void WebhookNotifier::stop()
{
    if (!m_worker)
        return;
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { delete w; }, Qt::BlockingQueuedConnection);
    m_worker = nullptr;
    m_thread.quit();
    m_thread.wait();
}

void WebhookNotifier::send(WebhookMessage message)
{
    if (!m_worker)
        return;
    if (m_inFlight.fetch_add(1) >= m_options.maxInFlight) {
        --m_inFlight;
        ++m_counters.failed;
        qCWarning(lcServer).noquote() << "alert webhook" << message.target.url << "dropped:" << m_options.maxInFlight
                                      << "deliveries are under way";
        return;
    }
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, message = std::move(message)] { w->attempt(message, 1); }, Qt::QueuedConnection);
}

} // namespace spanlight
