#pragma once

#include "httptypes.h"

#include <QObject>
#include <QSslConfiguration>
#include <QThread>

#include <memory>
#include <optional>

namespace spanlight {

class HttpConnection;

struct HttpLimits
{
    qint64 maxBodyBytes = 16 * 1024 * 1024; // larger bodies get 413 before they are buffered
    int maxHeaderBytes = 64 * 1024; // request line + headers; larger -> 431
    int idleTimeoutMs = 60000; // an idle keep-alive connection is closed after this
    int stallTimeoutMs = 30000; // a request that stops arriving mid-way is answered 408
};

// A small HTTP/1.1 server for the receivers and the REST API, running on its own thread.
//
// We do not use QHttpServer here: in Qt 6.4 it buffers bodies of any size, ignores
// `Expect: 100-continue` and `Connection: close`, has no idle timeout and answers
// pipelined requests out of order. This server reads one request at a time per
// connection, checks Content-Length (and chunked sizes) against the limit before
// buffering, and answers requests of a connection in order.
class HttpListener : public QObject
{
    Q_OBJECT
public:
    HttpListener(QString name, HttpHandler handler, HttpLimits limits = {});
    ~HttpListener() override;

    // Serves HTTPS with this certificate and key (set before listen()); no client certificate is
    // requested. A client that does not complete the handshake is dropped.
    void setTls(const QSslConfiguration &tls) { m_tls = tls; }

    // Starts listening (on the listener's own thread). Returns false and sets `error` on failure.
    bool listen(const QHostAddress &address, quint16 port, QString *error);
    quint16 port() const { return m_port; }
    QString name() const { return m_name; }
    // Stops accepting and closes every connection; blocks until the thread has finished.
    void stop();

    int openConnections() const;

private:
    class Server;
    QString m_name;
    HttpHandler m_handler;
    HttpLimits m_limits;
    std::optional<QSslConfiguration> m_tls;
    QThread m_thread;
    Server *m_server = nullptr; // lives on m_thread
    quint16 m_port = 0;
};

} // namespace spanlight
