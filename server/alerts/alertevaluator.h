#pragma once

#include "analysis/anomalyanalysis.h"
#include "webhooknotifier.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace spanlight {

class Store;

struct AlertOptions
{
    std::chrono::milliseconds interval { 60000 }; // how often every rule is evaluated
    std::function<qint64()> nowNs; // the clock (Unix ns); the system clock when empty
    WebhookOptions webhooks;
    AnomalyOptions anomalies; // what the anomaly metric judges by (the server's, as GET /anomalies)
};

// For /metrics; written by the evaluator, read from any thread.
struct AlertCounters
{
    std::atomic<qint64> runs = 0;
    std::atomic<qint64> evaluations = 0; // rules evaluated (claimed by this instance)
    std::atomic<qint64> failures = 0; // storage errors
    std::atomic<qint64> fired = 0;
    std::atomic<qint64> resolved = 0;
    std::atomic<qint64> firing = 0; // open alerts in the database after the last run
};

// Evaluates the alert rules on its own thread, once at start and then every interval, like
// RetentionJob. A rule fires when its condition has held for its for-duration (the pending time
// is kept with the rule, so it survives a restart) and resolves when the condition no longer
// holds; each change goes to the history and to the rule's webhooks (WebhookNotifier, which
// never makes evaluation wait). Several instances on one database evaluate each rule once per
// round: an instance evaluates a rule only after claiming it (Store::claimAlertRule), and the
// database refuses a second open alert of a rule.
class AlertEvaluator
{
public:
    AlertEvaluator(const Store &store, AlertOptions options);
    ~AlertEvaluator(); // stop()

    void start();
    void stop(); // idempotent; ends the evaluation under way first, then the webhooks
    // One round on the calling thread (tests; the thread calls it too). False on a storage error.
    bool runOnce();
    const AlertCounters &counters() const { return m_counters; }
    const WebhookCounters &webhookCounters() const { return m_webhooks.counters(); }
    QByteArray metrics() const; // Prometheus text

private:
    qint64 now() const;
    bool evaluate(const AlertRule &rule, qint64 nowNs);
    void notify(const AlertRule &rule, const AlertEvent &event);

    const Store &m_store;
    const AlertOptions m_options;
    AlertCounters m_counters;
    WebhookNotifier m_webhooks;
    std::mutex m_mutex; // the wake-up
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace spanlight
