#include "querycache.h"

#include <QCryptographicHash>

#include <algorithm>

namespace spanlight {

QByteArray RedisQueryCache::key(
    const QString &routePattern, const QStringList &pathArguments, const QUrlQuery &query)
{
    QList<QPair<QString, QString>> items = query.queryItems(QUrl::FullyDecoded);
    std::stable_sort(
        items.begin(), items.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    // Length-prefixed parts, so that no choice of names or values makes two requests one key.
    QByteArray material;
    auto part = [&material](const QString &s) {
        const QByteArray utf8 = s.toUtf8();
        material += QByteArray::number(utf8.size()) + ':' + utf8;
    };
    part(routePattern);
    for (const QString &a : pathArguments)
        part(a);
    material += '?';
    for (const auto &[name, value] : std::as_const(items)) {
        part(name);
        part(value);
    }
    // The version too: during a rolling upgrade, instances of two versions may answer differently.
    return QByteArrayLiteral("spanlight:cache:" SPANLIGHT_VERSION ":")
        + QCryptographicHash::hash(material, QCryptographicHash::Sha256).toHex();
}

RedisQueryCache::Lookup RedisQueryCache::get(const QByteArray &key, QByteArray *body)
{
    const std::optional<RedisReply> r = m_client->command({ QByteArrayLiteral("GET"), key });
    if (!r || r->type == RedisReply::Type::Error) {
        ++m_unavailable;
        return Lookup::Unavailable;
    }
    if (r->type != RedisReply::Type::String) {
        ++m_misses;
        return Lookup::Miss;
    }
    ++m_hits;
    *body = r->bytes;
    return Lookup::Hit;
}

void RedisQueryCache::put(const QByteArray &key, const QByteArray &body)
{
    m_client->command(
        { QByteArrayLiteral("SET"), key, body, QByteArrayLiteral("EX"), QByteArray::number(m_ttlSeconds) });
}

bool RedisQueryCache::clear()
{
    ++m_generation;
    QByteArray cursor = QByteArrayLiteral("0");
    for (int round = 0; round < 10000; ++round) { // bounded: a cache of 10M keys at 1000 per round
        const std::optional<RedisReply> r = m_client->command({ QByteArrayLiteral("SCAN"), cursor,
            QByteArrayLiteral("MATCH"), QByteArrayLiteral("spanlight:cache:*"), QByteArrayLiteral("COUNT"),
            QByteArrayLiteral("1000") });
        if (!r || r->type != RedisReply::Type::Array || r->elements.size() != 2)
            return false;
        cursor = r->elements[0].bytes;
        QList<QByteArray> unlink { QByteArrayLiteral("UNLINK") };
        for (const RedisReply &k : r->elements[1].elements)
            unlink.append(k.bytes);
        if (unlink.size() > 1) {
            const std::optional<RedisReply> removed = m_client->command(unlink);
            if (!removed || removed->type == RedisReply::Type::Error)
                return false;
        }
        if (cursor == "0")
            return true;
    }
    return false;
}

} // namespace spanlight
