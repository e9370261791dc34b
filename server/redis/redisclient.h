#pragma once

#include "core/redisurl.h"

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QString>

#include <atomic>
#include <functional>
#include <optional>

struct redisContext;

namespace spanlight {

// One answer of Redis, copied out of hiredis's reply.
struct RedisReply
{
    enum class Type { Nil, Integer, String, Status, Array, Error };
    Type type = Type::Nil;
    qint64 integer = 0;
    QByteArray bytes; // String, Status and Error
    QList<RedisReply> elements; // Array
};

// Counters of one client, for /metrics.
struct RedisClientStats
{
    std::atomic<qint64> commands = 0; // answered by Redis (an error reply too)
    std::atomic<qint64> errors = 0; // connects and commands that failed (network, timeout, AUTH, SELECT)
    std::atomic<qint64> outages = 0; // times Redis became unreachable
    std::atomic<qint64> skipped = 0; // commands not sent because the client waits out a backoff
};

// A small synchronous Redis client over hiredis: one connection, guarded by a mutex, so any
// thread may call it. Timeouts are short (Redis is optional: a slow Redis must never hold up
// ingest or a query). After a failure the connection is dropped and not tried again until a
// backoff has passed (doubling from 500 ms to 15 s); meanwhile command() fails at once. An
// outage is logged once when it starts and once when it ends, never per request; the password
// is never logged.
class RedisClient
{
public:
    struct Options
    {
        RedisUrl url;
        QString purpose; // for log lines: "rate limit", "query cache"
        int connectTimeoutMs = 100;
        int commandTimeoutMs = 100;
        int initialBackoffMs = 500;
        int maxBackoffMs = 15000;
        std::function<qint64()> nowMs; // injectable clock (monotonic ms); default QElapsedTimer
    };
    explicit RedisClient(Options options);
    ~RedisClient();
    RedisClient(const RedisClient &) = delete;
    RedisClient &operator=(const RedisClient &) = delete;

    // Sends one command (binary-safe arguments) and returns its reply, or nullopt when Redis
    // cannot be reached now (not connected and in backoff, a network error or a timeout). An
    // error reply of Redis (wrong type, a script error) is a reply of type Error, not nullopt.
    std::optional<RedisReply> command(const QList<QByteArray> &arguments);

    // Connects now unless connected (ignoring the backoff); false with the reason when that fails.
    bool connectNow(QString *error = nullptr);
    bool up() const { return m_up.load(); }
    QString lastError() const;
    const RedisClientStats &stats() const { return m_stats; }
    const Options &options() const { return m_options; }

private:
    bool connectLocked(QString *error);
    void failLocked(const QString &why);
    std::optional<RedisReply> commandLocked(const QList<QByteArray> &arguments, QString *error);

    Options m_options;
    mutable QMutex m_mutex;
    redisContext *m_context = nullptr;
    qint64 m_retryAtMs = 0; // no connect attempt before this (after a failure)
    int m_backoffMs = 0;
    bool m_inOutage = false;
    QString m_lastError;
    std::atomic<bool> m_up = false;
    RedisClientStats m_stats;
};

} // namespace spanlight
