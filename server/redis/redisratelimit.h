#pragma once

#include "redis/redisclient.h"

#include <memory>
#include <optional>

namespace spanlight {

// MAX_TRACES_PER_SECOND shared by every instance on one Redis: a sliding window over two
// one-second counters (`spanlight:rate:<epoch second>`, expiring after 5 s). A request's new
// traces fit when the current second's count plus the previous second's, weighted by the part
// of it still inside the last second, plus the cost stay within the rate. One Lua script does
// the read, the check and the INCRBY atomically, on Redis's clock (TIME), so the instances'
// clocks need not agree.
class RedisRateWindow
{
public:
    explicit RedisRateWindow(std::shared_ptr<RedisClient> client)
        : m_client(std::move(client))
    { }

    // Takes `cost` traces of a budget of `rate` per second: 0 when taken, the seconds to wait
    // (>= 1) when the budget is spent (nothing taken), nullopt when Redis cannot answer now.
    std::optional<int> take(qint64 cost, qint64 rate);

    RedisClient &client() const { return *m_client; }

private:
    std::shared_ptr<RedisClient> m_client;
};

} // namespace spanlight
