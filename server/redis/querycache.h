#pragma once

#include "redis/redisclient.h"

#include <QByteArray>
#include <QStringList>
#include <QUrlQuery>

#include <atomic>
#include <memory>

namespace spanlight {

// A short-lived cache of API answers shared by every instance on one Redis: the JSON body of
// a 200 under a key made of the route, its path arguments and the query, for a few seconds.
// Only for answers every reader may read (the key holds no token and no role). Redis down or
// slow: the query runs as without a cache.
class RedisQueryCache
{
public:
    RedisQueryCache(std::shared_ptr<RedisClient> client, int ttlSeconds)
        : m_client(std::move(client))
        , m_ttlSeconds(ttlSeconds)
    { }

    // spanlight:cache:<version>:<sha256 hex> over the route pattern, the decoded path arguments
    // and the decoded query items sorted by name (items of one name keep their order: the API
    // reads the first). Equal requests in another spelling (order, percent-encoding) share it.
    static QByteArray key(
        const QString &routePattern, const QStringList &pathArguments, const QUrlQuery &query);

    enum class Lookup { Hit, Miss, Unavailable };
    Lookup get(const QByteArray &key, QByteArray *body);
    void put(const QByteArray &key, const QByteArray &body);
    // Deletes every cached answer (SCAN and UNLINK of spanlight:cache:*), for after a deletion of
    // traces: no instance serves them from the cache afterwards. False when Redis failed.
    bool clear();
    // Bumped by clear(): a query that started before it must not put its answer (it may hold
    // deleted traces). Other instances' queries in flight at that moment are not covered.
    quint64 generation() const { return m_generation.load(); }

    int ttlSeconds() const { return m_ttlSeconds; }
    RedisClient &client() const { return *m_client; }
    qint64 hits() const { return m_hits.load(); }
    qint64 misses() const { return m_misses.load(); }
    qint64 unavailable() const { return m_unavailable.load(); }

private:
    std::shared_ptr<RedisClient> m_client;
    int m_ttlSeconds;
    std::atomic<qint64> m_hits = 0;
    std::atomic<qint64> m_misses = 0;
    std::atomic<qint64> m_unavailable = 0; // lookups answered without Redis
    std::atomic<quint64> m_generation = 0;
};

} // namespace spanlight
