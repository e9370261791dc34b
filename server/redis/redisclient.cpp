#include "redisclient.h"

#include "core/logging.h"

#include <QElapsedTimer>

#include <cerrno>
#include <csignal>
#include <mutex>

#include <hiredis/hiredis.h>

#include <vector>

namespace spanlight {

namespace {

timeval toTimeval(int ms)
{
    timeval tv;
    tv.tv_sec = ms / 1000;
    tv.tv_usec = (ms % 1000) * 1000;
    return tv;
}

RedisReply copyReply(const redisReply *r)
{
    RedisReply out;
    switch (r->type) {
    case REDIS_REPLY_INTEGER:
        out.type = RedisReply::Type::Integer;
        out.integer = r->integer;
        break;
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_STATUS:
    case REDIS_REPLY_ERROR:
        out.type = r->type == REDIS_REPLY_STRING ? RedisReply::Type::String
            : r->type == REDIS_REPLY_STATUS      ? RedisReply::Type::Status
                                                 : RedisReply::Type::Error;
        out.bytes = QByteArray(r->str, qsizetype(r->len));
        break;
    case REDIS_REPLY_ARRAY:
        out.type = RedisReply::Type::Array;
        for (size_t i = 0; i < r->elements; ++i)
            out.elements.append(copyReply(r->element[i]));
        break;
    default:
        out.type = RedisReply::Type::Nil;
        break;
    }
    return out;
}

} // namespace

RedisClient::RedisClient(Options options)
    : m_options(std::move(options))
{
    // hiredis 0.14 writes with write(), not send(MSG_NOSIGNAL): a Redis that resets the
    // connection in the middle of a long command would end the whole process with SIGPIPE. The
    // failed write is an EPIPE error instead, which the client handles like any other failure.
    static std::once_flag ignorePipe;
    std::call_once(ignorePipe, [] { ::signal(SIGPIPE, SIG_IGN); });
    if (!m_options.nowMs) {
        auto clock = std::make_shared<QElapsedTimer>();
        clock->start();
        m_options.nowMs = [clock] { return clock->elapsed(); };
    }
}

RedisClient::~RedisClient()
{
    if (m_context)
        redisFree(m_context);
}

QString RedisClient::lastError() const
{
    const QMutexLocker lock(&m_mutex);
    return m_lastError;
}

void RedisClient::failLocked(const QString &why)
{
    ++m_stats.errors;
    if (m_context) {
        redisFree(m_context);
        m_context = nullptr;
    }
    m_backoffMs
        = m_backoffMs == 0 ? m_options.initialBackoffMs : std::min(m_backoffMs * 2, m_options.maxBackoffMs);
    m_retryAtMs = m_options.nowMs() + m_backoffMs;
    m_lastError = why;
    m_up = false;
    if (!m_inOutage) {
        m_inOutage = true;
        ++m_stats.outages;
        qCWarning(lcRedis).noquote() << QStringLiteral(
            "Redis at %1 is unavailable for the %2 (%3); this instance "
            "works alone until it is back (retrying with backoff)")
                                            .arg(m_options.url.display(), m_options.purpose, why);
    }
}

std::optional<RedisReply> RedisClient::commandLocked(const QList<QByteArray> &arguments, QString *error)
{
    std::vector<const char *> argv;
    std::vector<size_t> lengths;
    argv.reserve(size_t(arguments.size()));
    lengths.reserve(size_t(arguments.size()));
    for (const QByteArray &a : arguments) {
        argv.push_back(a.constData());
        lengths.push_back(size_t(a.size()));
    }
    // redisCommandArgv: every argument with its length, so values may hold any bytes.
    auto *reply = static_cast<redisReply *>(
        redisCommandArgv(m_context, int(argv.size()), argv.data(), lengths.data()));
    if (!reply) {
        *error = m_context->err == REDIS_ERR_IO && (errno == EAGAIN || errno == ETIMEDOUT)
            ? QStringLiteral("no answer within %1 ms").arg(m_options.commandTimeoutMs)
            : QString::fromLocal8Bit(m_context->errstr);
        return std::nullopt;
    }
    RedisReply out = copyReply(reply);
    freeReplyObject(reply);
    ++m_stats.commands;
    return out;
}

bool RedisClient::connectLocked(QString *error)
{
    const QByteArray host = m_options.url.host.toUtf8();
    redisContext *c = redisConnectWithTimeout(
        host.constData(), m_options.url.port, toTimeval(m_options.connectTimeoutMs));
    if (!c || c->err) {
        *error = c ? QStringLiteral("connect: %1").arg(QString::fromLocal8Bit(c->errstr))
                   : QStringLiteral("connect: out of memory");
        if (c)
            redisFree(c);
        return false;
    }
    if (redisSetTimeout(c, toTimeval(m_options.commandTimeoutMs)) != REDIS_OK) {
        *error = QStringLiteral("cannot set the command timeout");
        redisFree(c);
        return false;
    }
    m_context = c;
    auto step = [&](const QList<QByteArray> &args, const QString &what) {
        QString why;
        const std::optional<RedisReply> r = commandLocked(args, &why);
        if (!r) {
            *error = what + QStringLiteral(": ") + why;
            return false;
        }
        if (r->type == RedisReply::Type::Error) {
            // Redis's own message (WRONGPASS, NOAUTH, "DB index is out of range"): it never echoes the
            // password.
            *error = what + QStringLiteral(" refused: ") + QString::fromUtf8(r->bytes);
            return false;
        }
        return true;
    };
    bool ok = true;
    if (!m_options.url.password.isEmpty()) {
        QList<QByteArray> auth { QByteArrayLiteral("AUTH") };
        if (!m_options.url.username.isEmpty())
            auth.append(m_options.url.username.toUtf8());
        auth.append(m_options.url.password.toUtf8());
        ok = step(auth, QStringLiteral("AUTH (the password in REDIS_URL)"));
    }
    if (ok && m_options.url.database != 0)
        ok = step({ QByteArrayLiteral("SELECT"), QByteArray::number(m_options.url.database) },
            QStringLiteral("SELECT"));
    if (ok)
        ok = step({ QByteArrayLiteral("PING") }, QStringLiteral("PING"));
    if (!ok) {
        redisFree(m_context);
        m_context = nullptr;
        return false;
    }
    m_backoffMs = 0;
    m_up = true;
    if (m_inOutage) {
        m_inOutage = false;
        qCInfo(lcRedis).noquote() << "Redis at" << m_options.url.display() << "is back for the"
                                  << m_options.purpose;
    }
    return true;
}

bool RedisClient::connectNow(QString *error)
{
    const QMutexLocker lock(&m_mutex);
    if (m_context)
        return true;
    QString why;
    if (connectLocked(&why))
        return true;
    failLocked(why);
    if (error)
        *error = why;
    return false;
}

std::optional<RedisReply> RedisClient::command(const QList<QByteArray> &arguments)
{
    const QMutexLocker lock(&m_mutex);
    if (!m_context) {
        if (m_options.nowMs() < m_retryAtMs) {
            ++m_stats.skipped;
            return std::nullopt;
        }
        QString why;
        if (!connectLocked(&why)) {
            failLocked(why);
            return std::nullopt;
        }
    }
    QString why;
    std::optional<RedisReply> reply = commandLocked(arguments, &why);
    if (!reply)
        failLocked(why);
    return reply;
}

} // namespace spanlight
