#pragma once

#include <QString>

#include <optional>

namespace spanlight {

// Where REDIS_URL points: redis://[[user]:password@]host[:port][/db]. Parsed here, in core, so
// that a malformed URL is a startup error like every other bad setting; connecting is
// server/redis's business.
struct RedisUrl
{
    QString host;
    quint16 port = 6379;
    QString username; // Redis 6 ACL user; empty: the default user
    QString password; // empty: no AUTH
    int database = 0; // SELECT

    // Parses `text`; on failure returns nullopt and sets `error` (which never contains the password).
    static std::optional<RedisUrl> parse(const QString &text, QString *error);
    // host:port/db, for logs and messages: never the password.
    QString display() const;
    // `text` with any password replaced by "***", for messages about a URL that may not parse.
    static QString redacted(const QString &text);
};

} // namespace spanlight
