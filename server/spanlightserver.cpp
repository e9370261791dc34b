#include "spanlightserver.h"

#include "api/apiservice.h"
#include "core/logging.h"
#include "http/httplistener.h"
#include "ingest/otlphttpreceiver.h"
#include "ingest/pipeline.h"
#include "storage/store.h"

#include <QHostAddress>

namespace spanlight {

struct SpanlightServer::Private
{
    std::unique_ptr<Store> store;
    std::unique_ptr<IngestPipeline> pipeline;
    std::unique_ptr<OtlpHttpReceiver> otlpHttp;
    std::unique_ptr<ApiService> api;
    std::unique_ptr<HttpListener> otlpHttpListener;
    std::unique_ptr<HttpListener> apiListener;
};

SpanlightServer::SpanlightServer(Config config, QObject *parent)
    : QObject(parent), m_config(std::move(config)), d(std::make_unique<Private>())
{
}

SpanlightServer::~SpanlightServer()
{
    stop();
}

static bool parseAddress(const QString &text, QHostAddress *out)
{
    return out->setAddress(text);
}

bool SpanlightServer::start(QString *error)
{
    QHostAddress bind, apiHost;
    if (!parseAddress(m_config.bindAddr, &bind) || !parseAddress(m_config.serviceHost, &apiHost)) {
        *error = QStringLiteral("BIND_ADDR / SERVICE_HOST is not an IP address");
        return false;
    }
    QString storeError;
    d->store = Store::open(m_config.databaseUrl, &storeError, m_config.ingestQueueBatches);
    if (!d->store) {
        *error = QStringLiteral("DATABASE_URL: ") + storeError;
        return false;
    }
    d->pipeline = std::make_unique<IngestPipeline>(*d->store);

    // Decompressed bodies may be larger than the wire limit, within reason.
    d->otlpHttp = std::make_unique<OtlpHttpReceiver>(*d->pipeline, m_config.maxBodyBytes * 4);
    HttpLimits ingestLimits;
    ingestLimits.maxBodyBytes = m_config.maxBodyBytes;
    d->otlpHttpListener = std::make_unique<HttpListener>(QStringLiteral("OTLP/HTTP"), d->otlpHttp->handler(), ingestLimits);
    if (!d->otlpHttpListener->listen(bind, m_config.otlpHttpPort, error)) {
        *error = QStringLiteral("OTLP_HTTP_PORT: ") + *error;
        stop();
        return false;
    }

    ApiOptions apiOptions;
    apiOptions.token = m_config.apiToken;
    apiOptions.store = d->store.get();
    apiOptions.counters = &d->pipeline->counters();
    d->api = std::make_unique<ApiService>(apiOptions);
    HttpLimits apiLimits;
    apiLimits.maxBodyBytes = 1024 * 1024; // the API takes no large bodies
    d->apiListener = std::make_unique<HttpListener>(QStringLiteral("REST API"), d->api->handler(), apiLimits);
    if (!d->apiListener->listen(apiHost, m_config.servicePort, error)) {
        *error = QStringLiteral("SERVICE_PORT: ") + *error;
        stop();
        return false;
    }
    qCInfo(lcServer).noquote() << "REST API on" << QStringLiteral("http://%1:%2").arg(m_config.serviceHost).arg(apiPort());
    qCInfo(lcServer).noquote() << "OTLP/HTTP on"
                               << QStringLiteral("http://%1:%2/v1/traces").arg(m_config.bindAddr).arg(otlpHttpPort());
    qCInfo(lcServer).noquote() << "storage:" << m_config.databaseUrl.section(u'@', -1);
    for (const QString &name : m_config.notYetSupported())
        qCWarning(lcServer).noquote() << name << "is set but not yet supported by this version; it is ignored";
    return true;
}

void SpanlightServer::stop()
{
    // The store first: it commits what is queued and finishes every pending answer (later
    // writes get 503, which exporters retry). Then the listeners, which deliver those answers
    // before their threads end; then whatever their handlers reference.
    if (d->store)
        d->store->close();
    if (d->otlpHttpListener)
        d->otlpHttpListener->stop();
    if (d->apiListener)
        d->apiListener->stop();
    d->otlpHttp.reset();
    d->api.reset();
    d->otlpHttpListener.reset();
    d->apiListener.reset();
    d->pipeline.reset();
    d->store.reset();
}

Store *SpanlightServer::store() const
{
    return d->store.get();
}

IngestPipeline *SpanlightServer::pipeline() const
{
    return d->pipeline.get();
}

quint16 SpanlightServer::apiPort() const
{
    return d->apiListener ? d->apiListener->port() : 0;
}

quint16 SpanlightServer::otlpHttpPort() const
{
    return d->otlpHttpListener ? d->otlpHttpListener->port() : 0;
}

} // namespace spanlight
