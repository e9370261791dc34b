#include "forwarder.h"

#include "core/logging.h"
#include "ingest/jaegercodec.h"
#include "ingest/otlpcodec.h"
#include "ingest/zipkincodec.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTimer>

namespace spanlight {

// Lives on the forwarder's thread; owns the network access and all retry state.
class Forwarder::Worker : public QObject
{
public:
    // The network access manager and the timers are children, so that they move to the
    // forwarder's thread with the worker; init() then runs there.
    Worker(Forwarder &f) : m_f(f), m_nam(this), m_retryTimer(this), m_probeTimer(this)
    {
        m_retryTimer.setSingleShot(true);
        connect(&m_retryTimer, &QTimer::timeout, this, &Worker::pump);
        connect(&m_probeTimer, &QTimer::timeout, this, &Worker::probe);
    }

    void init()
    {
        m_probeTimer.start(m_f.m_options.probeIntervalMs);
        probe();
        pump();
    }

    // New work arrived, or a wait is over: send the next request unless one is under way.
    void pump()
    {
        if (m_busy || m_retryTimer.isActive())
            return;
        if (m_pending.isEmpty() && !takeBatch())
            return;
        send();
    }

private:
    bool takeBatch()
    {
        QList<Span> spans;
        {
            QMutexLocker lock(&m_f.m_mutex);
            while (!m_f.m_queue.isEmpty()
                   && (spans.isEmpty() || spans.size() + m_f.m_queue.first().size() <= m_f.m_options.maxSpansPerSend))
                spans += m_f.m_queue.takeFirst();
        }
        if (spans.isEmpty())
            return false;
        m_pending = m_f.m_options.encode(spans);
        m_pendingSpans = spans.size();
        m_attempt = 0;
        return !m_pending.isEmpty();
    }

    void send()
    {
        m_busy = true;
        const ForwardRequest &r = m_pending.first();
        if (m_f.m_options.sendBlocking) {
            const ForwardResult result = m_f.m_options.sendBlocking(r);
            m_busy = false;
            if (result.ok)
                succeeded();
            else
                failed(result.retryable, result.why);
            QMetaObject::invokeMethod(this, &Worker::pump, Qt::QueuedConnection);
            return;
        }
        QNetworkRequest request(r.url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, r.contentType);
        request.setTransferTimeout(m_f.m_options.timeoutMs);
        QNetworkReply *reply = m_nam.post(request, r.body);
        connect(reply, &QNetworkReply::finished, this, [this, reply] {
            reply->deleteLater();
            m_busy = false;
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status >= 200 && status < 300) {
                succeeded();
            } else {
                const bool retryable = status == 0 || status == 408 || status == 429 || status >= 500;
                failed(retryable, status ? QStringLiteral("HTTP %1").arg(status) : reply->errorString());
            }
            pump();
        });
    }

    void succeeded()
    {
        m_pending.removeFirst();
        m_failures = 0;
        m_attempt = 0;
        m_f.m_stats.reachable = true;
        m_f.m_stats.circuitOpen = false;
        if (m_pending.isEmpty()) {
            m_f.m_stats.spansSent += m_pendingSpans;
            m_pendingSpans = 0;
        }
    }

    void failed(bool retryable, const QString &why)
    {
        ++m_f.m_stats.sendFailures;
        if (retryable)
            m_f.m_stats.reachable = false;
        ++m_attempt;
        ++m_failures;
        if (!retryable || m_attempt >= m_f.m_options.maxAttempts) {
            qCWarning(lcServer).noquote() << "forwarding to" << m_f.m_options.name << "dropped" << m_pendingSpans
                                          << "spans:" << why;
            m_f.m_stats.spansDropped += m_pendingSpans;
            m_pending.clear();
            m_pendingSpans = 0;
            m_attempt = 0;
        } else {
            ++m_f.m_stats.retries;
        }
        int waitMs = std::min(m_f.m_options.maxBackoffMs, m_f.m_options.initialBackoffMs << std::min(m_attempt, 16));
        waitMs += int(QRandomGenerator::global()->bounded(waitMs / 4 + 1)); // jitter
        if (m_failures >= m_f.m_options.breakerFailures) {
            if (!m_f.m_stats.circuitOpen)
                qCWarning(lcServer).noquote() << "forwarding to" << m_f.m_options.name << "paused after" << m_failures
                                              << "failures:" << why;
            m_f.m_stats.circuitOpen = true;
            waitMs = m_f.m_options.breakerOpenMs; // then one trial send (half open)
        }
        m_retryTimer.start(waitMs);
    }

    // Idle reachability check: can we open a TCP connection to the endpoint?
    void probe()
    {
        if (m_busy || m_probe)
            return;
        const QUrl &url = m_f.m_options.endpoint;
        m_probe = new QTcpSocket(this);
        QTcpSocket *socket = m_probe;
        auto done = [this, socket](bool ok) {
            if (m_probe != socket)
                return;
            m_probe = nullptr;
            if (!m_busy)
                m_f.m_stats.reachable = ok;
            socket->abort();
            socket->deleteLater();
        };
        connect(socket, &QTcpSocket::connected, this, [done] { done(true); });
        connect(socket, &QTcpSocket::errorOccurred, this, [done] { done(false); });
        QTimer::singleShot(3000, socket, [done] { done(false); });
        socket->connectToHost(url.host(), quint16(url.port(url.scheme() == u"https" ? 443 : 80)));
    }

    Forwarder &m_f;
    QNetworkAccessManager m_nam;
    QTimer m_retryTimer;
    QTimer m_probeTimer;
    QTcpSocket *m_probe = nullptr;
    QList<ForwardRequest> m_pending; // the requests of the batch being sent
    qint64 m_pendingSpans = 0;
    int m_attempt = 0;
    int m_failures = 0; // consecutive
    bool m_busy = false;
};

Forwarder::Forwarder(ForwarderOptions options) : m_options(std::move(options))
{
    m_thread.setObjectName(QStringLiteral("forward-") + m_options.name);
}

Forwarder::~Forwarder()
{
    stop();
}

void Forwarder::start()
{
    if (m_worker)
        return;
    m_thread.start();
    m_worker = new Worker(*this);
    m_worker->moveToThread(&m_thread);
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->init(); }, Qt::QueuedConnection);
}

void Forwarder::stop()
{
    if (!m_worker)
        return;
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { delete w; }, Qt::BlockingQueuedConnection);
    m_worker = nullptr;
    m_thread.quit();
    m_thread.wait();
    QMutexLocker lock(&m_mutex);
    qint64 left = 0;
    for (const auto &batch : std::as_const(m_queue))
        left += batch.size();
    m_stats.spansDropped += left;
    m_queue.clear();
}

void Forwarder::enqueue(const QList<Span> &spans)
{
    if (spans.isEmpty())
        return;
    {
        QMutexLocker lock(&m_mutex);
        if (m_queue.size() >= m_options.queueBatches) {
            m_stats.spansDropped += spans.size();
            return;
        }
        m_queue.append(spans);
    }
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->pump(); }, Qt::QueuedConnection);
}

qsizetype Forwarder::queuedBatches() const
{
    QMutexLocker lock(&m_mutex);
    return m_queue.size();
}

QUrl otlpTracesUrl(const QUrl &endpoint)
{
    QUrl url = endpoint;
    QString path = url.path();
    if (!path.endsWith(QLatin1String("/v1/traces"))) {
        if (path.endsWith(u'/'))
            path.chop(1);
        url.setPath(path + QStringLiteral("/v1/traces"));
    }
    return url;
}

ForwardEncoder otlpHttpForwardEncoder(const QUrl &endpoint)
{
    const QUrl url = otlpTracesUrl(endpoint);
    return [url](const QList<Span> &spans) {
        return QList<ForwardRequest>{{url, "application/x-protobuf", encodeOtlpProtobuf(spans)}};
    };
}

ForwardEncoder zipkinJsonForwardEncoder(const QUrl &endpoint)
{
    return [endpoint](const QList<Span> &spans) {
        return QList<ForwardRequest>{{endpoint, "application/json", encodeZipkinJson(spans)}};
    };
}

} // namespace spanlight

namespace spanlight {

ForwardEncoder jaegerThriftForwardEncoder(const QUrl &endpoint)
{
    return [endpoint](const QList<Span> &spans) {
        QList<ForwardRequest> out;
        for (QByteArray &batch : encodeJaegerThrift(spans))
            out.append({endpoint, "application/x-thrift", std::move(batch)});
        return out;
    };
}

} // namespace spanlight
