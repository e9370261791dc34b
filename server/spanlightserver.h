#pragma once

#include "analysis/anomalyanalysis.h"
#include "core/config.h"

#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace spanlight {

class Store;
class IngestPipeline;
class RetentionJob;
class AlertEvaluator;

// The whole server as both programs run it: store, ingest pipeline, receivers and the
// REST API, each listener on its own thread.
class SpanlightServer : public QObject
{
    Q_OBJECT
public:
    enum class Listener { Api, OtlpHttp, OtlpGrpc, Zipkin, Jaeger };

    explicit SpanlightServer(Config config, QObject *parent = nullptr);
    ~SpanlightServer() override;

    // Opens the store and starts every listener; on failure returns false with a reason.
    bool start(QString *error);
    // Stops the listeners, then commits what is queued and closes the store.
    void stop();

    const Config &config() const { return m_config; }

    // A new random admin token in place of API_TOKEN's, accepted at once by every listener
    // while the old one gets 401, and stored in the settings file for the next start. Refused
    // (nullopt, `error` says why) before start(), when the settings file cannot be written,
    // and when API_TOKEN came from the environment or a flag (canRegenerateApiToken() false):
    // whoever chose it would be locked out, and the next start would bring it back.
    // Call it on the thread that owns the server; the listeners' checks may run meanwhile.
    std::optional<QString> regenerateApiToken(QString *error);
    bool canRegenerateApiToken() const { return !m_config.apiTokenConfigured; }
    Store *store() const;
    RetentionJob *retention() const; // TRACE_RETENTION_DAYS and MAX_DB_SIZE_MB, on its own thread
    AlertEvaluator *alerts() const; // alert rules, evaluated every alertIntervalMs on its own thread
    // The anomaly rule of the configuration, for everything that judges anomalies (the API, the
    // alert evaluator, the console's in-process source).
    AnomalyOptions anomalyOptions() const;
    IngestPipeline *pipeline() const;
    quint16 port(Listener listener) const; // the bound port (0 when not listening)
    quint16 apiPort() const { return port(Listener::Api); }
    quint16 otlpHttpPort() const { return port(Listener::OtlpHttp); }
    quint16 jaegerHttpPort() const { return port(Listener::Jaeger); }
    quint16 zipkinPort() const { return port(Listener::Zipkin); }
    quint16 otlpGrpcPort() const { return port(Listener::OtlpGrpc); }

private:
    void startForwarders();
    void startRedis(); // REDIS_URL: the shared rate limit and the query cache
    QByteArray redisMetrics() const;

    struct Private;
    Config m_config;
    std::unique_ptr<Private> d;
};

} // namespace spanlight
