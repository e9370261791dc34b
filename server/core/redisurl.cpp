#include "redisurl.h"

#include <QUrl>

namespace spanlight {

QString RedisUrl::redacted(const QString &text)
{
    // Everything between "://" and the last '@' is credentials (a password may hold '/' or '@';
    // a host, port or database number never holds '@').
    const qsizetype schemeEnd = text.indexOf(QStringLiteral("://"));
    const qsizetype start = schemeEnd < 0 ? 0 : schemeEnd + 3;
    const qsizetype at = text.lastIndexOf(u'@');
    if (at < start)
        return text;
    return text.left(start) + QStringLiteral("***") + text.mid(at);
}

std::optional<RedisUrl> RedisUrl::parse(const QString &text, QString *error)
{
    const QString shown = redacted(text);
    const QUrl url(text, QUrl::StrictMode);
    if (text.startsWith(u"rediss://")) {
        *error = QStringLiteral(
            "rediss:// (TLS) is not supported by the hiredis this build uses; use redis:// on a "
            "private network, got '%1'")
                     .arg(shown);
        return std::nullopt;
    }
    if (!url.isValid() || url.scheme() != u"redis" || url.host().isEmpty()) {
        *error = QStringLiteral("must look like redis://[:password@]host[:port][/db], got '%1'").arg(shown);
        return std::nullopt;
    }
    if (url.hasQuery() || url.hasFragment()) {
        *error = QStringLiteral("takes no query or fragment (redis://[:password@]host[:port][/db]), got '%1'")
                     .arg(shown);
        return std::nullopt;
    }
    RedisUrl r;
    r.host = url.host();
    const int port = url.port(6379);
    if (port <= 0) {
        *error = QStringLiteral("needs a port 1..65535, got '%1'").arg(shown);
        return std::nullopt;
    }
    r.port = quint16(port);
    r.username = url.userName(QUrl::FullyDecoded);
    r.password = url.password(QUrl::FullyDecoded);
    if (!r.username.isEmpty() && r.password.isEmpty()) {
        *error = QStringLiteral("names a user but no password (redis://user:password@host), got '%1'")
                     .arg(shown);
        return std::nullopt;
    }
    QString path = url.path();
    if (path.startsWith(u'/'))
        path.remove(0, 1);
    if (!path.isEmpty()) {
        bool ok = false;
        const int db = path.toInt(&ok);
        if (!ok || db < 0 || db > 65535) {
            *error = QStringLiteral("the database after the '/' must be a number such as 0, got '%1'")
                         .arg(shown);
            return std::nullopt;
        }
        r.database = db;
    }
    return r;
}

QString RedisUrl::display() const
{
    const QString h = host.contains(u':') ? u'[' + host + u']' : host;
    return QStringLiteral("%1:%2/%3").arg(h).arg(port).arg(database);
}

} // namespace spanlight
