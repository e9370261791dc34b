#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

#include <functional>

namespace spanlight {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

// One parsed HTTP/1.x request with its whole body.
struct HttpRequest
{
    QByteArray method; // as sent, e.g. "GET"
    QByteArray target; // request-target as sent, e.g. "/traces?limit=5"
    QString path; // percent-decoded path, e.g. "/traces"
    // The path as sent (percent-encoded), for splitting into segments before decoding them, so
    // that an encoded '/' (%2F) stays inside its segment: /services/a%2Fb/operations.
    QString encodedPath;
    QUrlQuery query;
    HttpHeaders headers; // names lowercased
    QByteArray body;
    QHostAddress peer;

    // The first value of a header (name in any case), or a null array.
    QByteArray header(QByteArrayView name) const;
    // The media type of Content-Type, lowercased, without parameters.
    QByteArray mediaType() const;
};

struct HttpResponse
{
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    HttpHeaders headers; // extra headers (Retry-After, WWW-Authenticate, ...)

    void addHeader(const QByteArray &name, const QByteArray &value) { headers.append(qMakePair(name, value)); }

    static HttpResponse json(int status, const QJsonObject &object);
    // The API's error shape: {"error": {"code": ..., "message": ...}}.
    static HttpResponse error(int status, const QString &code, const QString &message);
};

// Sends the response for one request. Callable from any thread, exactly once.
using HttpRespond = std::function<void(HttpResponse &&)>;

// Handles one request; must not block (hand long work to a pool and respond later).
using HttpHandler = std::function<void(HttpRequest &&, HttpRespond)>;

QByteArray httpReasonPhrase(int status);

} // namespace spanlight
