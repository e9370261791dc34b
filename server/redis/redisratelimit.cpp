#include "redisratelimit.h"

#include "core/logging.h"

namespace spanlight {

namespace {

// KEYS[1]: the key prefix; ARGV[1]: the cost, ARGV[2]: the rate per second. Returns 0 when the
// cost was taken, 1 when it does not fit (nothing taken). A cost of a whole second's budget
// passes on an empty window, so that no request is refused forever (as the local limiter does).
const QByteArray kScript = QByteArrayLiteral(R"lua(
redis.replicate_commands()
local now = redis.call('TIME')
local second = tonumber(now[1])
local inside = 1 - tonumber(now[2]) / 1000000
local current = KEYS[1] .. second
local used = tonumber(redis.call('GET', current) or '0')
           + tonumber(redis.call('GET', KEYS[1] .. (second - 1)) or '0') * inside
local cost = tonumber(ARGV[1])
if used > 0 and used + cost > tonumber(ARGV[2]) then
  return 1
end
redis.call('INCRBY', current, cost)
redis.call('EXPIRE', current, 5)
return 0
)lua");

} // namespace

std::optional<int> RedisRateWindow::take(qint64 cost, qint64 rate)
{
    const std::optional<RedisReply> r
        = m_client->command({ QByteArrayLiteral("EVAL"), kScript, QByteArrayLiteral("1"),
            QByteArrayLiteral("spanlight:rate:"), QByteArray::number(cost), QByteArray::number(rate) });
    if (!r)
        return std::nullopt;
    if (r->type != RedisReply::Type::Integer) {
        // A Redis that cannot run the script (too old, scripting disabled): limit alone.
        static std::atomic<bool> logged = false;
        if (!logged.exchange(true))
            qCWarning(lcRedis).noquote()
                << "Redis refused the rate-limit script:" << QString::fromUtf8(r->bytes.left(200))
                << "- this instance limits alone";
        return std::nullopt;
    }
    return r->integer == 0 ? 0 : 1;
}

} // namespace spanlight
