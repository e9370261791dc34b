#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkReply>
#include <QPair>
#include <QString>

class QNetworkAccessManager;

// What the suites that speak HTTP to a real server share: one blocking request helper over
// QNetworkAccessManager (loopback, bounded by a timeout), gzip for request bodies, fixtures.
namespace testsupport {

using Headers = QList<QPair<QByteArray, QByteArray>>;

struct Reply
{
    int status = 0; // 0: no answer (connection refused, reset, or the timeout)
    QByteArray body;
    QByteArray contentType;
    QList<QNetworkReply::RawHeaderPair> headers;
    QJsonObject json() const;
    QByteArray header(const QByteArray &name) const; // case-insensitive
};

// Sends `method` to http://127.0.0.1:port/pathAndQuery and waits (up to timeoutMs) for the answer.
Reply request(QNetworkAccessManager &nam, const QByteArray &method, quint16 port, const QString &pathAndQuery,
              const QByteArray &body = {}, const Headers &headers = {}, int timeoutMs = 10000);

QByteArray gzipped(const QByteArray &data);

// JSON values equal as a client means them: numbers by value (an SDK's 200 and the server's
// integer 200 are the same), arrays element by element.
bool sameJsonValue(const QJsonValue &a, const QJsonValue &b);

// A file below the suite's source folder (SPANLIGHT_TEST_DATA), e.g. "data/checkout.json".
QByteArray fixture(const QString &relativePath);

} // namespace testsupport
