#pragma once

#include "storage/alertrules.h"

#include <QByteArray>
#include <QJsonObject>
#include <QMutex>
#include <QThread>

#include <atomic>

namespace spanlight {

class Store;

struct WebhookOptions
{
    int maxAttempts = 4; // per target and event; then the delivery is recorded as failed
    int initialBackoffMs = 1000; // doubled after each failed attempt, up to maxBackoffMs
    int maxBackoffMs = 30000;
    int timeoutMs = 10000; // per attempt, the whole exchange
    int maxInFlight = 1000; // deliveries under way or waiting to retry; more are refused and counted
};

struct WebhookCounters
{
    std::atomic<qint64> delivered = 0; // a 2xx answer, after however many attempts
    std::atomic<qint64> failed = 0; // out of attempts, refused (4xx), or dropped at the bound
    std::atomic<qint64> attempts = 0; // POSTs sent
    std::atomic<qint64> retries = 0;
};

// One notification: an alert event (firing or resolved) for one target.
struct WebhookMessage
{
    qint64 eventId = 0;
    QString event; // firing or resolved
    WebhookTarget target;
    QByteArray body; // webhookBody()
};

// The JSON a target gets: the event with its rule ({"status", "alert", "rule", "text"}), or for a
// Slack target only {"text": ...}.
QByteArray webhookBody(const AlertRule &rule, const AlertEvent &event, bool slack);
// The one-line summary both carry: "[FIRING] high-errors: error_rate of checkout is 0.8 (> 0.5)".
QString alertSummary(const AlertRule &rule, const AlertEvent &event);

// Sends webhook POSTs on its own thread (its own event loop and network access): send() never
// waits, so neither evaluation nor ingest waits for a slow receiver. Each delivery is retried
// with exponential backoff (and jitter) on no answer, a timeout, 408, 429 or 5xx, and recorded in
// the alert history (Store::addAlertDelivery) after its last attempt.
class WebhookNotifier
{
public:
    WebhookNotifier(const Store &store, WebhookOptions options);
    ~WebhookNotifier(); // stop()

    void start();
    // Ends the thread; deliveries still under way or waiting for a retry are dropped uncounted.
    void stop();
    void send(WebhookMessage message); // thread-safe, never blocks
    const WebhookCounters &counters() const { return m_counters; }

private:
    class Worker;
    const Store &m_store;
    const WebhookOptions m_options;
    WebhookCounters m_counters;
    std::atomic<int> m_inFlight = 0;
    QThread m_thread;
    Worker *m_worker = nullptr; // lives on m_thread
};

} // namespace spanlight
