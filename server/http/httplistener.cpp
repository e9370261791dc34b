#include "httplistener.h"

#include "core/logging.h"

#include <QPointer>
#include <QTcpServer>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <QMutex>
#include <QSet>

#include <atomic>

#include <sys/socket.h>

namespace spanlight {

// Lets responders on other threads reach a connection that may be gone by then.
struct ConnectionHandle
{
    QMutex mutex;
    HttpConnection *connection = nullptr; // cleared by the connection's destructor
};

// One client connection. Lives on the listener's thread; reads one request at a time.
class HttpConnection : public QObject
{
public:
    ~HttpConnection() override
    {
        QMutexLocker lock(&m_handle->mutex);
        m_handle->connection = nullptr;
    }

    HttpConnection(QTcpSocket *socket, const HttpHandler &handler, const HttpLimits &limits, QObject *parent)
        : QObject(parent), m_socket(socket), m_handler(handler), m_limits(limits)
    {
        m_socket->setParent(this);
        // Let Qt buffer only a little: while a request is being handled we stop reading,
        // and TCP flow control holds the client back.
        m_socket->setReadBufferSize(256 * 1024);
        // Answers are complete messages: send them at once rather than wait for Nagle's
        // algorithm (with delayed ACKs that adds up to 40 ms to every export).
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, &HttpConnection::onTimeout);
        connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
        connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::onDisconnected);
        connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
            if (m_closeAfterWrite && allWritten())
                halfClose();
        });
        if (auto *ssl = qobject_cast<QSslSocket *>(m_socket))
            connect(ssl, &QSslSocket::encryptedBytesWritten, this, [this] {
                if (m_closeAfterWrite && allWritten())
                    halfClose();
            });
        m_timer.start(m_limits.idleTimeoutMs);
        m_handle->connection = this;
    }

    // Hands buffered output to the kernel; used at shutdown, before the socket is destroyed.
    void flush() { m_socket->flush(); }

    void deliver(quint64 serial, HttpResponse &&response)
    {
        if (serial != m_serial || m_state != State::Handling)
            return; // a stale or duplicate answer
        writeResponse(response, m_keepAlive);
        if (!m_keepAlive) {
            finish();
            return;
        }
        m_state = State::Headers;
        onReadyRead(); // a pipelined request may already be waiting
    }

private:
    enum class State { Headers, Body, ChunkSize, ChunkData, ChunkTrailer, Handling, Closing };

    void onReadyRead()
    {
        while (m_state != State::Handling && m_state != State::Closing) {
            if (m_socket->bytesAvailable() > 0)
                m_in.append(m_socket->readAll());
            if (!step())
                break; // need more data
        }
        // Between requests the idle timeout applies; inside one, the stall timeout (restarted
        // by every read, so a slow but steady upload is fine).
        if (m_state == State::Headers && m_in.isEmpty())
            m_timer.start(m_limits.idleTimeoutMs);
        else if (m_state != State::Handling && m_state != State::Closing)
            m_timer.start(m_limits.stallTimeoutMs);
    }

    // Consumes what it can from m_in; returns true when it made progress.
    bool step()
    {
        switch (m_state) {
        case State::Headers: return parseHeaders();
        case State::Body: {
            if (m_in.size() < m_remaining)
                return false;
            m_request.body = m_in.left(m_remaining);
            m_in.remove(0, m_remaining);
            dispatch();
            return true;
        }
        case State::ChunkSize: {
            const qsizetype eol = m_in.indexOf("\r\n");
            if (eol < 0)
                return m_in.size() > 1024 ? (reject(400, "malformed chunk size line"), true) : false;
            QByteArray line = m_in.left(eol);
            m_in.remove(0, eol + 2);
            const qsizetype ext = line.indexOf(';');
            if (ext >= 0)
                line.truncate(ext);
            bool ok = false;
            const qint64 size = line.trimmed().toLongLong(&ok, 16);
            if (!ok || size < 0) {
                reject(400, "malformed chunk size");
                return true;
            }
            if (m_request.body.size() + size > m_limits.maxBodyBytes) {
                reject(413, "request body exceeds " + QByteArray::number(m_limits.maxBodyBytes) + " bytes");
                return true;
            }
            m_remaining = size;
            m_state = size == 0 ? State::ChunkTrailer : State::ChunkData;
            return true;
        }
        case State::ChunkData: {
            if (m_in.size() < m_remaining + 2)
                return false;
            if (m_in.mid(m_remaining, 2) != "\r\n") {
                reject(400, "chunk data not followed by CRLF");
                return true;
            }
            m_request.body.append(m_in.constData(), m_remaining);
            m_in.remove(0, m_remaining + 2);
            m_state = State::ChunkSize;
            return true;
        }
        case State::ChunkTrailer: {
            const qsizetype eol = m_in.indexOf("\r\n");
            if (eol < 0)
                return m_in.size() > m_limits.maxHeaderBytes ? (reject(431, "trailer too large"), true) : false;
            m_in.remove(0, eol + 2);
            if (eol == 0)
                dispatch(); // empty line ends the trailer
            return true;
        }
        case State::Handling:
        case State::Closing:
            return false;
        }
        return false;
    }

    bool parseHeaders()
    {
        // Tolerate empty lines before a request (RFC 9112 2.2).
        while (m_in.startsWith("\r\n"))
            m_in.remove(0, 2);
        const qsizetype end = m_in.indexOf("\r\n\r\n");
        if (end < 0) {
            if (m_in.size() > m_limits.maxHeaderBytes) {
                reject(431, "request headers exceed " + QByteArray::number(m_limits.maxHeaderBytes) + " bytes");
                return true;
            }
            return false;
        }
        if (end > m_limits.maxHeaderBytes) {
            reject(431, "request headers exceed " + QByteArray::number(m_limits.maxHeaderBytes) + " bytes");
            return true;
        }
        const QByteArray block = m_in.left(end);
        m_in.remove(0, end + 4);
        const QList<QByteArray> lines = block.split('\n');
        m_request = HttpRequest();
        m_headRequest = false;
        m_request.peer = m_socket->peerAddress();
        const QList<QByteArray> parts = lines.first().trimmed().split(' ');
        if (parts.size() != 3 || parts[0].isEmpty() || !parts[1].startsWith('/')) {
            reject(400, "malformed request line");
            return true;
        }
        const QByteArray version = parts[2];
        if (version != "HTTP/1.1" && version != "HTTP/1.0") {
            reject(505, "only HTTP/1.0 and HTTP/1.1 are supported");
            return true;
        }
        m_request.method = parts[0];
        m_request.target = parts[1];
        const QUrl url = QUrl::fromEncoded(QByteArray("http://h") + parts[1]);
        if (!url.isValid()) {
            reject(400, "malformed request target");
            return true;
        }
        m_request.path = url.path(QUrl::FullyDecoded);
        m_request.encodedPath = url.path(QUrl::FullyEncoded);
        m_request.query = QUrlQuery(url.query(QUrl::FullyEncoded));
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0) {
                reject(400, "malformed header line");
                return true;
            }
            m_request.headers.append({line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
        }
        const QByteArray connection = m_request.header("connection").toLower();
        m_keepAlive = version == "HTTP/1.1" ? !connection.contains("close") : connection.contains("keep-alive");

        const QByteArray te = m_request.header("transfer-encoding").toLower();
        const QByteArray cl = m_request.header("content-length");
        if (!te.isEmpty() && !cl.isNull()) {
            reject(400, "both Content-Length and Transfer-Encoding given");
            return true;
        }
        if (!te.isEmpty()) {
            if (te != "chunked") {
                reject(501, "unsupported Transfer-Encoding " + te);
                return true;
            }
            m_state = State::ChunkSize;
        } else {
            bool ok = true;
            m_remaining = cl.isNull() ? 0 : cl.toLongLong(&ok);
            if (!ok || m_remaining < 0) {
                reject(400, "malformed Content-Length");
                return true;
            }
            if (m_remaining > m_limits.maxBodyBytes) {
                reject(413, "request body of " + cl + " bytes exceeds the limit of "
                               + QByteArray::number(m_limits.maxBodyBytes) + " bytes");
                return true;
            }
            m_state = State::Body;
        }
        const bool bodyFollows = m_state != State::Body || m_remaining > 0;
        if (bodyFollows && m_request.header("expect").toLower() == "100-continue" && m_in.isEmpty())
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        return true;
    }

    void dispatch()
    {
        m_state = State::Handling;
        m_timer.stop();
        m_headRequest = m_request.method == "HEAD";
        const quint64 serial = ++m_serial;
        // Answers may come from any thread: hop back onto this connection's thread.
        auto answered = std::make_shared<std::atomic_bool>(false);
        HttpRespond responder = [handle = m_handle, serial, answered](HttpResponse &&response) {
            if (answered->exchange(true))
                return;
            auto shared = std::make_shared<HttpResponse>(std::move(response));
            QMutexLocker lock(&handle->mutex);
            HttpConnection *connection = handle->connection;
            if (!connection)
                return; // the client went away
            QMetaObject::invokeMethod(connection, [handle, serial, shared] {
                if (handle->connection)
                    handle->connection->deliver(serial, std::move(*shared));
            }, Qt::QueuedConnection);
        };
        m_handler(std::move(m_request), std::move(responder));
    }

    void writeResponse(const HttpResponse &r, bool keepAlive)
    {
        QByteArray out;
        out.reserve(256 + r.body.size());
        out += "HTTP/1.1 " + QByteArray::number(r.status) + ' ' + httpReasonPhrase(r.status) + "\r\n";
        if (!r.contentType.isEmpty())
            out += "Content-Type: " + r.contentType + "\r\n";
        out += "Content-Length: " + QByteArray::number(r.body.size()) + "\r\n";
        for (const auto &h : r.headers)
            out += h.first + ": " + h.second + "\r\n";
        if (!keepAlive)
            out += "Connection: close\r\n";
        out += "\r\n";
        m_socket->write(out);
        if (!m_headRequest)
            m_socket->write(r.body);
    }

    // Answers a request that cannot be read further and closes the connection.
    void reject(int status, const QByteArray &message)
    {
        qCDebug(lcServer) << "rejecting request:" << status << message;
        writeResponse(HttpResponse::error(status, QString::fromLatin1(httpReasonPhrase(status)).toLower().replace(u' ', u'_'),
                                          QString::fromUtf8(message)),
                      false);
        finish();
    }

    // Ends the connection after the last answer. When the client may still be sending (a
    // refused upload), we close only our sending side and drain what arrives for a while:
    // closing with unread data would reset the connection and the client would lose the answer.
    void finish()
    {
        m_state = State::Closing;
        m_timer.stop();
        m_in.clear();
        disconnect(m_socket, &QTcpSocket::readyRead, this, nullptr);
        connect(m_socket, &QTcpSocket::readyRead, this, [this] {
            m_drained += m_socket->readAll().size();
            if (m_drained > 4 * m_limits.maxBodyBytes + (1 << 20))
                m_socket->abort();
        });
        m_closeAfterWrite = true;
        if (allWritten())
            halfClose();
        QTimer::singleShot(5000, this, [this] { m_socket->abort(); });
    }

    // Over TLS, the answer is written once it has been encrypted and handed on as well.
    bool allWritten() const
    {
        const auto *ssl = qobject_cast<const QSslSocket *>(m_socket);
        return m_socket->bytesToWrite() == 0 && (!ssl || ssl->encryptedBytesToWrite() == 0);
    }

    void halfClose()
    {
        m_socket->flush();
        if (m_socket->socketDescriptor() >= 0)
            ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
    }

    void onTimeout()
    {
        if (m_state == State::Headers && m_in.isEmpty()) {
            finish(); // idle keep-alive connection
            return;
        }
        if (m_state != State::Handling)
            reject(408, "request did not arrive in time");
    }

    void onDisconnected()
    {
        deleteLater();
    }

    std::shared_ptr<ConnectionHandle> m_handle = std::make_shared<ConnectionHandle>();
    QTcpSocket *m_socket;
    const HttpHandler &m_handler;
    const HttpLimits &m_limits;
    QTimer m_timer;
    QByteArray m_in;
    HttpRequest m_request;
    State m_state = State::Headers;
    qint64 m_remaining = 0;
    quint64 m_serial = 0;
    bool m_keepAlive = true;
    bool m_headRequest = false;
    bool m_closeAfterWrite = false;
    qint64 m_drained = 0;
};

class HttpListener::Server : public QTcpServer
{
public:
    Server(const HttpHandler &handler, const HttpLimits &limits, std::optional<QSslConfiguration> tls)
        : m_handler(handler), m_limits(limits), m_tls(std::move(tls))
    {
    }
    ~Server() override
    {
        close();
        for (HttpConnection *c : std::as_const(m_open))
            c->flush();
    }
    std::atomic_int connections = 0;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        QTcpSocket *socket = nullptr;
        if (m_tls) {
            auto *ssl = new QSslSocket;
            ssl->setSslConfiguration(*m_tls);
            if (!ssl->setSocketDescriptor(descriptor)) {
                delete ssl;
                return;
            }
            // A failed handshake (a plain-HTTP client, an untrusting one) ends in a disconnect,
            // which the connection handles like any other.
            connect(ssl, &QSslSocket::sslErrors, ssl, [ssl] { ssl->abort(); });
            ssl->startServerEncryption();
            socket = ssl;
        } else {
            socket = new QTcpSocket;
            if (!socket->setSocketDescriptor(descriptor)) {
                delete socket;
                return;
            }
        }
        auto *connection = new HttpConnection(socket, m_handler, m_limits, this);
        ++connections;
        m_open.insert(connection);
        connect(connection, &QObject::destroyed, this, [this, connection] {
            --connections;
            m_open.remove(connection);
        });
    }

private:
    const HttpHandler &m_handler;
    const HttpLimits &m_limits;
    const std::optional<QSslConfiguration> m_tls;
    QSet<HttpConnection *> m_open;
};

HttpListener::HttpListener(QString name, HttpHandler handler, HttpLimits limits)
    : m_name(std::move(name)), m_handler(std::move(handler)), m_limits(limits)
{
    m_thread.setObjectName(m_name);
}

HttpListener::~HttpListener()
{
    stop();
}

bool HttpListener::listen(const QHostAddress &address, quint16 port, QString *error)
{
    if (!m_thread.isRunning())
        m_thread.start();
    bool ok = false;
    QString err;
    auto *server = new Server(m_handler, m_limits, m_tls);
    server->moveToThread(&m_thread);
    QMetaObject::invokeMethod(server, [&] {
        ok = server->listen(address, port);
        if (!ok)
            err = server->errorString();
    }, Qt::BlockingQueuedConnection);
    if (!ok) {
        QMetaObject::invokeMethod(server, [server] { delete server; }, Qt::BlockingQueuedConnection);
        if (error)
            *error = QStringLiteral("%1: cannot listen on %2:%3: %4").arg(m_name, address.toString()).arg(port).arg(err);
        return false;
    }
    m_server = server;
    m_port = server->serverPort();
    return true;
}

void HttpListener::stop()
{
    if (m_server) {
        Server *server = m_server;
        m_server = nullptr;
        QMetaObject::invokeMethod(server, [server] { delete server; }, Qt::BlockingQueuedConnection);
    }
    if (m_thread.isRunning()) {
        m_thread.quit();
        m_thread.wait();
    }
}

int HttpListener::openConnections() const
{
    return m_server ? m_server->connections.load() : 0;
}

} // namespace spanlight
