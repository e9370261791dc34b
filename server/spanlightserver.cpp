#include "spanlightserver.h"

#include "api/apiservice.h"
#include "alerts/alertevaluator.h"
#include "api/auditlog.h"
#include "export/forwarder.h"
#include "core/accesscontrol.h"
#include "core/logging.h"
#include "http/httplistener.h"
#include "ingest/httpingestreceiver.h"
#include "ingest/otlpgrpcreceiver.h"
#include "ingest/pipeline.h"
#include "ingest/zipkinreceiver.h"
#include "redis/querycache.h"
#include "redis/redisratelimit.h"
#include "storage/backup.h"
#include "storage/retention.h"
#include "storage/store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QMap>
#include <QSettings>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace spanlight {

namespace {

// What every listener serves TLS with: Qt's configuration for the HTTP ones, the PEM texts for gRPC.
struct TlsIdentity
{
    QSslConfiguration configuration;
    QByteArray certificateChainPem;
    QByteArray privateKeyPem;
};

// Qt has no way to ask whether a key belongs to a certificate; without this check a mismatched
// pair would start and then fail every handshake. OpenSSL is the library gRPC and Qt's TLS
// backend use anyway.
bool keyBelongsToCertificate(const QByteArray &certificatePem, const QByteArray &keyPem)
{
    BIO *certBio = BIO_new_mem_buf(certificatePem.constData(), int(certificatePem.size()));
    BIO *keyBio = BIO_new_mem_buf(keyPem.constData(), int(keyPem.size()));
    X509 *cert = certBio ? PEM_read_bio_X509(certBio, nullptr, nullptr, nullptr) : nullptr;
    EVP_PKEY *key = keyBio ? PEM_read_bio_PrivateKey(keyBio, nullptr, nullptr, nullptr) : nullptr;
    const bool match = cert && key && X509_check_private_key(cert, key) == 1;
    EVP_PKEY_free(key);
    X509_free(cert);
    BIO_free(keyBio);
    BIO_free(certBio);
    ERR_clear_error(); // nothing of this failure is left for the next OpenSSL user on this thread
    return match;
}

std::optional<TlsIdentity> loadTls(const Config &config, QString *error)
{
    if (!QSslSocket::supportsSsl()) {
        *error = QStringLiteral("TLS_CERT: this Qt has no TLS backend (%1)").arg(QSslSocket::activeBackend());
        return std::nullopt;
    }
    TlsIdentity tls;
    QFile cert(config.tlsCert), key(config.tlsKey);
    if (!cert.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("TLS_CERT %1: %2").arg(config.tlsCert, cert.errorString());
        return std::nullopt;
    }
    if (!key.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("TLS_KEY %1: %2").arg(config.tlsKey, key.errorString());
        return std::nullopt;
    }
    tls.certificateChainPem = cert.readAll();
    tls.privateKeyPem = key.readAll();
    const QList<QSslCertificate> chain = QSslCertificate::fromData(tls.certificateChainPem, QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull()) {
        *error = QStringLiteral("TLS_CERT %1: no PEM certificate in it").arg(config.tlsCert);
        return std::nullopt;
    }
    QSslKey privateKey;
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec}) {
        privateKey = QSslKey(tls.privateKeyPem, algorithm, QSsl::Pem);
        if (!privateKey.isNull())
            break;
    }
    if (privateKey.isNull()) {
        *error = QStringLiteral("TLS_KEY %1: not an unencrypted PEM private key (RSA or EC)").arg(config.tlsKey);
        return std::nullopt;
    }
    if (!keyBelongsToCertificate(tls.certificateChainPem, tls.privateKeyPem)) {
        *error = QStringLiteral("TLS_KEY %1 is not the private key of TLS_CERT %2").arg(config.tlsKey, config.tlsCert);
        return std::nullopt;
    }
    if (chain.first().expiryDate() < QDateTime::currentDateTimeUtc())
        qCWarning(lcServer).noquote() << "TLS_CERT" << config.tlsCert << "expired on"
                                      << chain.first().expiryDate().toString(Qt::ISODate);
    tls.configuration = QSslConfiguration::defaultConfiguration();
    tls.configuration.setLocalCertificateChain(chain);
    tls.configuration.setPrivateKey(privateKey);
    tls.configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // no client certificates
    tls.configuration.setProtocol(QSsl::TlsV1_2OrLater);
    return tls;
}

} // namespace

struct SpanlightServer::Private
{
    std::shared_ptr<AccessControl> access; // shared by the API and, beyond loopback, ingest
    std::unique_ptr<DatabaseLock> databaseLock; // SQLite: this process's, released after the store closes
    std::unique_ptr<Store> store;
    std::unique_ptr<AuditLog> audit; // writes into the store: gone before the store closes
    std::unique_ptr<RetentionJob> retention; // deletes from the store: stopped first
    std::unique_ptr<AlertEvaluator> alerts; // reads the store, writes its alert tables: stopped first too
    std::unique_ptr<IngestPipeline> pipeline;
    std::unique_ptr<ApiService> api;
    std::vector<std::unique_ptr<HttpIngestReceiver>> receivers;
    std::vector<std::unique_ptr<Forwarder>> forwarders;
    std::unique_ptr<OtlpGrpcReceiver> grpc; // its own server and threads (gRPC's)
    // REDIS_URL: one connection for the rate limit (ingest threads) and one for the query cache
    // (API threads), so that neither waits behind the other.
    std::shared_ptr<RedisClient> rateRedis;
    std::shared_ptr<RedisClient> cacheRedis;
    std::shared_ptr<RedisQueryCache> queryCache;
    // Listeners reference the handlers above: they are stopped and destroyed first.
    QMap<Listener, std::shared_ptr<HttpListener>> listeners;
};

SpanlightServer::SpanlightServer(Config config, QObject *parent)
    : QObject(parent), m_config(std::move(config)), d(std::make_unique<Private>())
{
}

SpanlightServer::~SpanlightServer()
{
    stop();
}

bool SpanlightServer::start(QString *error)
{
    QHostAddress bind, apiHost;
    if (!bind.setAddress(m_config.bindAddr) || !apiHost.setAddress(m_config.serviceHost)) {
        *error = QStringLiteral("BIND_ADDR / SERVICE_HOST is not an IP address");
        return false;
    }
    QString accessError;
    std::optional<AccessControl> access = AccessControl::load(m_config.apiToken, m_config.tokensFile, &accessError);
    if (!access) {
        *error = accessError;
        return false;
    }
    // Beyond loopback, anyone on the network could send spans or read them: only with tokens an
    // operator chose (a generated one is in a settings file nobody may know about).
    const bool exposed = !bind.isLoopback(); // the ingest ports
    const bool apiExposed = !apiHost.isLoopback();
    const bool tokensChosen
        = m_config.apiTokenConfigured || access->tokenCount() > (m_config.apiToken.isEmpty() ? 0 : 1);
    if ((exposed || apiExposed) && !tokensChosen) {
        *error = QStringLiteral("%1 %2 is not a loopback address: set API_TOKEN (environment or flag) or "
                                "TOKENS_FILE, so that ingest and the API require tokens an operator chose "
                                "(a generated API token, or one in the settings file, does not count)")
                     .arg(exposed ? QStringLiteral("BIND_ADDR") : QStringLiteral("SERVICE_HOST"),
                          exposed ? m_config.bindAddr : m_config.serviceHost);
        return false;
    }
    // Refusals and admin actions go to the audit log, which exists once the store is open.
    access->setObserver([d = d.get()](const AccessCheck &check, const QString &action, const QString &remote) {
        if (d->audit)
            d->audit->record(check, action, remote);
    });
    d->access = std::make_shared<AccessControl>(std::move(*access));
    const std::shared_ptr<const AccessControl> ingestAccess
        = exposed || m_config.ingestAuthRequired ? d->access : nullptr;
    if (ingestAccess)
        qCInfo(lcServer).noquote() << "ingest requires an ingest or admin token;" << d->access->tokenCount()
                                   << "tokens configured";

    std::optional<TlsIdentity> tls;
    if (!m_config.tlsCert.isEmpty()) {
        tls = loadTls(m_config, error);
        if (!tls)
            return false;
    }

    QString lockError;
    d->databaseLock = lockDatabase(m_config.databaseUrl, &lockError);
    if (!lockError.isEmpty()) {
        *error = QStringLiteral("DATABASE_URL: ") + lockError;
        return false;
    }

    QString storeError;
    d->store = Store::open(m_config.databaseUrl, &storeError, m_config.ingestQueueBatches);
    if (!d->store) {
        *error = QStringLiteral("DATABASE_URL: ") + storeError;
        return false;
    }
    d->audit = std::make_unique<AuditLog>(*d->store);
    RetentionPolicy retention;
    retention.retentionDays = m_config.retentionDays;
    retention.maxUsedBytes = m_config.maxDbSizeMb * 1000 * 1000;
    d->retention = std::make_unique<RetentionJob>(*d->store, retention);
    d->retention->start();
    AlertOptions alerts;
    alerts.interval = std::chrono::milliseconds(m_config.alertIntervalMs);
    alerts.anomalies = anomalyOptions();
    alerts.webhooks.initialBackoffMs = m_config.webhookBackoffMs;
    alerts.webhooks.maxBackoffMs = std::max(m_config.webhookBackoffMs, alerts.webhooks.maxBackoffMs);
    alerts.webhooks.timeoutMs = m_config.webhookTimeoutMs;
    d->alerts = std::make_unique<AlertEvaluator>(*d->store, alerts);
    d->alerts->start();
    IngestLimits limits;
    limits.samplingRate = m_config.samplingRate;
    limits.maxTracesPerSecond = m_config.maxTracesPerSecond;
    limits.maxSpansPerRequest = m_config.maxSpansPerRequest;
    limits.maxAttributesPerSpan = m_config.maxAttributesPerSpan;
    limits.maxAttributeValueLength = m_config.maxAttributeValueLength;
    d->pipeline = std::make_unique<IngestPipeline>(*d->store, limits);
    startRedis();
    startForwarders();

    auto listen = [&](Listener which, const QString &name, const char *variable, const QHostAddress &address,
                      quint16 port, HttpHandler handler, HttpLimits limits) {
        auto listener = std::make_shared<HttpListener>(name, std::move(handler), limits);
        if (tls)
            listener->setTls(tls->configuration);
        QString why;
        if (!listener->listen(address, port, &why)) {
            *error = QLatin1String(variable) + QStringLiteral(": ") + why;
            return false;
        }
        d->listeners.insert(which, listener);
        return true;
    };

    HttpLimits ingestLimits;
    ingestLimits.maxBodyBytes = m_config.maxBodyBytes;
    // Decompressed bodies may be larger than the wire limit, within reason.
    const qint64 maxDecoded = m_config.maxBodyBytes * 4;
    struct HttpReceiverSpec
    {
        Listener which;
        const char *variable;
        quint16 port;
        IngestProtocol protocol;
    };
    const HttpReceiverSpec receivers[] = {
        {Listener::OtlpHttp, "OTLP_HTTP_PORT", m_config.otlpHttpPort, otlpHttpProtocol()},
        {Listener::Jaeger, "JAEGER_HTTP_PORT", m_config.jaegerHttpPort, jaegerProtocol()},
        {Listener::Zipkin, "ZIPKIN_PORT", m_config.zipkinPort, zipkinProtocol()},
    };
    for (const HttpReceiverSpec &spec : receivers) {
        auto receiver = std::make_unique<HttpIngestReceiver>(spec.protocol, *d->pipeline, maxDecoded, ingestAccess);
        const bool ok = listen(spec.which, spec.protocol.name, spec.variable, bind, spec.port, receiver->handler(),
                               ingestLimits);
        d->receivers.push_back(std::move(receiver));
        if (!ok) {
            stop();
            return false;
        }
    }

    OtlpGrpcReceiver::Limits grpcLimits;
    grpcLimits.maxMessageBytes = m_config.maxBodyBytes;
    if (tls) {
        grpcLimits.tlsCertificateChain = tls->certificateChainPem;
        grpcLimits.tlsPrivateKey = tls->privateKeyPem;
    }
    d->grpc = std::make_unique<OtlpGrpcReceiver>(*d->pipeline, grpcLimits, ingestAccess);
    QString grpcError;
    if (!d->grpc->start(m_config.bindAddr, m_config.otlpGrpcPort, &grpcError)) {
        *error = QStringLiteral("OTLP_GRPC_PORT: ") + grpcError;
        stop();
        return false;
    }

    ApiOptions apiOptions;
    apiOptions.access = d->access;
    apiOptions.corsOrigins = m_config.corsOrigins;
    apiOptions.store = d->store.get();
    apiOptions.counters = &d->pipeline->counters();
    apiOptions.senders = &d->pipeline->senders();
    apiOptions.dependencyUp = [this](const QString &name) {
        for (const auto &f : d->forwarders)
            if (f->name() == name)
                return f->reachable();
        return false; // not configured
    };
    apiOptions.queryCache = d->queryCache;
    apiOptions.anomalies = anomalyOptions();
    apiOptions.extraMetrics = [this] {
        QByteArray out = d->retention->metrics() + d->alerts->metrics() + redisMetrics();
        if (d->forwarders.empty())
            return out;
        const std::pair<const char *, const char *> metrics[] = {
            {"tracing_forward_spans_sent_total", "Spans forwarded and acknowledged by the endpoint."},
            {"tracing_forward_spans_dropped_total", "Spans not forwarded: queue full, refused, or out of retries."},
            {"tracing_forward_retries_total", "Forwarding attempts retried."},
            {"tracing_forward_up", "1 when the endpoint is reachable and the circuit is closed."},
        };
        for (int i = 0; i < 4; ++i) {
            out += QByteArray("# HELP ") + metrics[i].first + ' ' + metrics[i].second + "\n# TYPE " + metrics[i].first
                + (i == 3 ? " gauge\n" : " counter\n");
            for (const auto &f : d->forwarders) {
                const ForwarderStats &st = f->stats();
                const qint64 v = i == 0 ? st.spansSent.load()
                    : i == 1            ? st.spansDropped.load()
                    : i == 2            ? st.retries.load()
                                        : qint64(f->reachable());
                out += QByteArray(metrics[i].first) + "{endpoint=\"" + f->name().toUtf8() + "\"} "
                    + QByteArray::number(v) + '\n';
            }
        }
        return out;
    };
    d->api = std::make_unique<ApiService>(apiOptions);
    HttpLimits apiLimits;
    apiLimits.maxBodyBytes = 1024 * 1024; // the API takes no large bodies
    if (!listen(Listener::Api, QStringLiteral("REST API"), "SERVICE_PORT", apiHost, m_config.servicePort,
                d->api->handler(), apiLimits)) {
        stop();
        return false;
    }
    const QString scheme = tls ? QStringLiteral("https") : QStringLiteral("http");
    qCInfo(lcServer).noquote() << "REST API on"
                               << QStringLiteral("%1://%2:%3").arg(scheme, m_config.serviceHost).arg(apiPort());
    qCInfo(lcServer).noquote() << "OTLP/HTTP on"
                               << QStringLiteral("%1://%2:%3/v1/traces").arg(scheme, m_config.bindAddr).arg(otlpHttpPort());
    qCInfo(lcServer).noquote() << "Jaeger on"
                               << QStringLiteral("%1://%2:%3/api/traces").arg(scheme, m_config.bindAddr).arg(jaegerHttpPort());
    qCInfo(lcServer).noquote() << "Zipkin on"
                               << QStringLiteral("%1://%2:%3/api/v2/spans").arg(scheme, m_config.bindAddr).arg(zipkinPort());
    const QString grpcHost = bind.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + m_config.bindAddr + u']'
                                                                              : m_config.bindAddr;
    qCInfo(lcServer).noquote() << "OTLP/gRPC on" << QStringLiteral("%1:%2").arg(grpcHost).arg(port(Listener::OtlpGrpc))
                               << (tls ? "(TLS)" : "(plaintext)");
    qCInfo(lcServer).noquote() << "storage:" << m_config.databaseUrl.section(u'@', -1);
    return true;
}

void SpanlightServer::startRedis()
{
    if (m_config.redisUrl.isEmpty())
        return;
    QString unused;
    const std::optional<RedisUrl> url = RedisUrl::parse(m_config.redisUrl, &unused); // checked by loadConfig
    if (!url)
        return;
    const bool shareLimit = m_config.maxTracesPerSecond > 0;
    const bool cache = m_config.queryCacheSeconds > 0;
    if (!shareLimit && !cache) {
        qCInfo(lcServer).noquote() << "REDIS_URL is set, but MAX_TRACES_PER_SECOND and QUERY_CACHE_SECONDS are 0:"
                                   << "nothing to share";
        return;
    }
    auto client = [&](const char *purpose) {
        RedisClient::Options o;
        o.url = *url;
        o.purpose = QLatin1String(purpose);
        auto c = std::make_shared<RedisClient>(o);
        // Redis is optional: unreachable at start is a warning (the client logs it) and this
        // instance works alone until Redis answers; the client retries with backoff.
        c->connectNow();
        return c;
    };
    if (shareLimit) {
        d->rateRedis = client("rate limit");
        auto window = std::make_shared<RedisRateWindow>(d->rateRedis);
        d->pipeline->setSharedTraceBudget([window](qint64 cost, qint64 rate) { return window->take(cost, rate); });
    }
    if (cache) {
        d->cacheRedis = client("query cache");
        d->queryCache = std::make_shared<RedisQueryCache>(d->cacheRedis, m_config.queryCacheSeconds);
    }
    qCInfo(lcServer).noquote() << "Redis at" << url->display() << (url->password.isEmpty() ? "(no password):" : "(with a password):")
                               << (shareLimit ? QStringLiteral("MAX_TRACES_PER_SECOND shared by every instance")
                                              : QStringLiteral("rate limit not shared (MAX_TRACES_PER_SECOND is 0)"))
                               + QStringLiteral("; ")
                                   + (cache ? QStringLiteral("analysis answers cached for %1 s").arg(m_config.queryCacheSeconds)
                                            : QStringLiteral("no query cache (QUERY_CACHE_SECONDS is 0)"));
}

QByteArray SpanlightServer::redisMetrics() const
{
    QByteArray out;
    if (d->pipeline && m_config.maxTracesPerSecond > 0) {
        const RateLimitDecisions &r = d->pipeline->rateLimitDecisions();
        out += "# HELP tracing_ingest_rate_limit_decisions_total Requests with new traces decided by "
               "MAX_TRACES_PER_SECOND: by the budget shared through Redis or by this instance alone.\n"
               "# TYPE tracing_ingest_rate_limit_decisions_total counter\n";
        const std::pair<const char *, qint64> rows[] = {
            {"scope=\"shared\",result=\"admitted\"", r.sharedAdmitted.load()},
            {"scope=\"shared\",result=\"limited\"", r.sharedLimited.load()},
            {"scope=\"local\",result=\"admitted\"", r.localAdmitted.load()},
            {"scope=\"local\",result=\"limited\"", r.localLimited.load()},
        };
        for (const auto &[labels, value] : rows)
            out += QByteArray("tracing_ingest_rate_limit_decisions_total{") + labels + "} " + QByteArray::number(value) + '\n';
        out += "# HELP tracing_ingest_rate_limit_fallbacks_total Decisions this instance made alone because the "
               "shared budget (Redis) could not answer.\n# TYPE tracing_ingest_rate_limit_fallbacks_total counter\n"
               "tracing_ingest_rate_limit_fallbacks_total "
            + QByteArray::number(r.fallbacks.load()) + '\n';
    }
    QList<const RedisClient *> clients;
    for (const auto &c : {d->rateRedis, d->cacheRedis})
        if (c)
            clients.append(c.get());
    if (clients.isEmpty())
        return out;
    struct Series
    {
        const char *name;
        const char *type;
        const char *help;
        std::function<qint64(const RedisClient &)> value;
    };
    const Series series[] = {
        {"tracing_redis_up", "gauge", "1 while the connection to Redis (REDIS_URL) works.",
         [](const RedisClient &c) { return qint64(c.up()); }},
        {"tracing_redis_errors_total", "counter", "Redis connects and commands that failed (network, timeout, AUTH).",
         [](const RedisClient &c) { return c.stats().errors.load(); }},
        {"tracing_redis_outages_total", "counter", "Times Redis became unavailable.",
         [](const RedisClient &c) { return c.stats().outages.load(); }},
        {"tracing_redis_commands_total", "counter", "Redis commands answered.",
         [](const RedisClient &c) { return c.stats().commands.load(); }},
    };
    for (const Series &s : series) {
        out += QByteArray("# HELP ") + s.name + ' ' + s.help + "\n# TYPE " + s.name + ' ' + s.type + '\n';
        for (const RedisClient *c : std::as_const(clients))
            out += QByteArray(s.name) + "{purpose=\"" + c->options().purpose.toUtf8().replace(' ', '_') + "\"} "
                + QByteArray::number(s.value(*c)) + '\n';
    }
    return out;
}

void SpanlightServer::startForwarders()
{
    auto add = [this](const char *name, const QString &endpoint, ForwardEncoder encoder,
                      std::function<ForwardResult(const ForwardRequest &)> sendBlocking = {}) {
        ForwarderOptions o;
        o.name = QLatin1String(name);
        o.endpoint = QUrl(endpoint);
        o.encode = std::move(encoder);
        o.sendBlocking = std::move(sendBlocking);
        auto f = std::make_unique<Forwarder>(o);
        f->start();
        qCInfo(lcServer).noquote() << "forwarding committed spans to" << name << "at" << endpoint;
        d->forwarders.push_back(std::move(f));
    };
    if (!m_config.zipkinEndpoint.isEmpty())
        add("zipkin", m_config.zipkinEndpoint, zipkinJsonForwardEncoder(QUrl(m_config.zipkinEndpoint)));
    if (!m_config.jaegerEndpoint.isEmpty())
        add("jaeger", m_config.jaegerEndpoint, jaegerThriftForwardEncoder(QUrl(m_config.jaegerEndpoint)));
    if (!m_config.otlpEndpoint.isEmpty()) {
        const QUrl otlp(m_config.otlpEndpoint);
        if (isOtlpGrpcEndpoint(otlp))
            add("opentelemetry", m_config.otlpEndpoint, otlpGrpcForwardEncoder(), otlpGrpcSender(otlp, 10000));
        else
            add("opentelemetry", m_config.otlpEndpoint, otlpHttpForwardEncoder(otlp));
    }
    if (d->forwarders.empty())
        return;
    d->pipeline->setCommittedHook([this](const QList<Span> &spans) {
        for (const auto &f : d->forwarders)
            f->enqueue(spans);
    });
}

std::optional<QString> SpanlightServer::regenerateApiToken(QString *error)
{
    if (!canRegenerateApiToken()) {
        *error = QStringLiteral("API_TOKEN is set in the environment or by a flag; change it there");
        return std::nullopt;
    }
    if (!d->access) {
        *error = QStringLiteral("the server is not running");
        return std::nullopt;
    }
    const QString token = QString::fromLatin1(AccessControl::generateToken());
    // The file first: a token that only this run knew would be gone, and the old one back, at
    // the next start.
    QDir().mkpath(QFileInfo(m_config.settingsFile).absolutePath());
    {
        QSettings settings(m_config.settingsFile, QSettings::IniFormat);
        settings.setValue(QStringLiteral("api_token"), token);
        settings.sync();
        if (settings.status() != QSettings::NoError) {
            *error = QStringLiteral("the new token could not be stored in %1").arg(m_config.settingsFile);
            return std::nullopt;
        }
    }
    QFile::setPermissions(m_config.settingsFile, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (!d->access->replaceAdminToken(token.toLatin1())) { // a random token is never in the tokens file
        *error = QStringLiteral("the new token could not be installed");
        return std::nullopt;
    }
    m_config.apiToken = token;
    // An admin action like any other: in the audit log, by the console's user on this machine.
    AccessCheck done;
    done.result = AccessCheck::Result::Allowed;
    done.principal = { Role::Admin, QStringLiteral("console") };
    d->access->report(done, QStringLiteral("regenerate API_TOKEN"), QStringLiteral("local"));
    qCInfo(lcServer).noquote() << "the API token was replaced; the new one is in" << m_config.settingsFile;
    return token;
}

void SpanlightServer::stop()
{
    // gRPC first: it stops accepting calls and waits (within a grace) for the ones in flight,
    // whose commits the still-open store completes; past the grace they are cancelled. When it
    // returns, gRPC is done with every call, so none completes after its receiver is gone.
    // Retention ends after the chunk it is deleting.
    if (d->retention)
        d->retention->stop();
    // Alert evaluation ends after the rule it is evaluating; webhooks under way are dropped.
    if (d->alerts)
        d->alerts->stop();
    if (d->grpc)
        d->grpc->stop();
    // Then the store: it commits what is queued and finishes every pending answer (later
    // writes get 503, which exporters retry). Then the listeners, which deliver those answers
    // before their threads end; then whatever their handlers reference.
    if (d->store)
        d->store->close();
    for (const auto &listener : std::as_const(d->listeners))
        listener->stop();
    d->listeners.clear();
    d->receivers.clear();
    // Nothing reports any more (gRPC and the listeners are stopped); the audit log writes its
    // last rows through its own connection, which the closed store still serves.
    d->audit.reset();
    d->forwarders.clear(); // after the store: its last commits are handed over first
    d->grpc.reset();
    d->api.reset();
    d->pipeline.reset();
    d->retention.reset();
    d->alerts.reset();
    d->queryCache.reset();
    d->rateRedis.reset();
    d->cacheRedis.reset();
    d->store.reset();
    d->databaseLock.reset(); // the file is free for the next process (or a restore)
}

Store *SpanlightServer::store() const
{
    return d->store.get();
}

AnomalyOptions SpanlightServer::anomalyOptions() const
{
    AnomalyOptions o;
    o.margin = m_config.anomalyMargin;
    o.baselineBuckets = m_config.anomalyBaselineBuckets;
    return o;
}

AlertEvaluator *SpanlightServer::alerts() const
{
    return d->alerts.get();
}

RetentionJob *SpanlightServer::retention() const
{
    return d->retention.get();
}

IngestPipeline *SpanlightServer::pipeline() const
{
    return d->pipeline.get();
}

quint16 SpanlightServer::port(Listener listener) const
{
    if (listener == Listener::OtlpGrpc)
        return d->grpc ? d->grpc->port() : 0;
    const auto it = d->listeners.constFind(listener);
    return it == d->listeners.constEnd() ? 0 : (*it)->port();
}

} // namespace spanlight
