// bench_queries: how fast every analysis endpoint answers over a big store.
//
//   bench_queries --spanlightd build/release/app/spanlightd/spanlightd [--spans 1000000] [--db /abs/x.db]
//                 [--calls 20] [--service checkout] [--seed 1]
//
// 1. populate: a fresh SQLite database (in a temporary folder, or --db PATH, kept) gets --spans
//    spans through Store::write, as a multi-service shop would send them: 10 services calling each
//    other over gRPC (the callee's SERVER span is the child of the caller's CLIENT span), a Kafka
//    hop, databases and caches as CLIENT leaves with db.* attributes, ~3% failed spans with
//    exception events, gRPC and HTTP codes, log-normal durations with slow outliers, start times
//    over the last 7 days. Each service's spans go in their own batches (an SDK exports per
//    process), so a trace reaches the store in several writes. --db PATH with an already
//    populated database skips this step (populating 10M spans takes a while).
// 2. queries: starts spanlightd on that database (loopback, ephemeral ports, a bearer token) and
//    times every analysis endpoint over one HTTP/1.1 keep-alive connection: one warm-up call,
//    then --calls sequential calls; prints status, size, median, p95 and max per endpoint and
//    flags those over 100 ms.
#include "core/span.h"
#include "storage/store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>

using namespace spanlight;

namespace {

const qint64 kMsNs = 1000000;
const qint64 kSevenDaysNs = qint64(7) * 24 * 3600 * 1000 * kMsNs;
const double kSlowMs = 100.0;

// splitmix64: small, fast and fully determined by the seed.
class Rng
{
public:
    explicit Rng(quint64 seed)
        : m_state(seed)
    { }
    quint64 next()
    {
        quint64 x = (m_state += 0x9E3779B97F4A7C15ull);
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
        return x ^ (x >> 31);
    }
    double uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
    int between(int lo, int hi) { return lo + int(next() % quint64(hi - lo + 1)); }
    bool chance(double p) { return uniform() < p; }
    double normal()
    {
        const double u = std::max(uniform(), 1e-12);
        return std::sqrt(-2.0 * std::log(u)) * std::cos(6.283185307179586 * uniform());
    }
    // A log-normal duration around `medianMs`; now and then a slow outlier of 10-80 times it.
    qint64 durationNs(double medianMs, double sigma = 0.5)
    {
        double ms = medianMs * std::exp(sigma * normal());
        if (chance(0.004))
            ms *= 10 + 70 * uniform();
        return std::max<qint64>(1000, qint64(ms * 1e6));
    }
    QByteArray bytes(int n)
    {
        QByteArray out(n, Qt::Uninitialized);
        for (int i = 0; i < n; i += 8) {
            const quint64 v = next();
            for (int b = 0; b < 8 && i + b < n; ++b)
                out[i + b] = char((v >> (8 * b)) & 0xff);
        }
        return out;
    }
    template<typename T> const T &pick(const QList<T> &list)
    {
        return list.at(qsizetype(next() % quint64(list.size())));
    }

private:
    quint64 m_state;
};

// ---- the shop: services, their operations and what each operation does ----

enum class StepType { Internal, Db, Call, Publish, External };

struct Step
{
    StepType type;
    QString name; // Internal/Db/External: the span name; Call/Publish: the callee's operation
    QString target; // Call/Publish: callee service; Db: backend key
    int minRepeat = 1;
    int maxRepeat = 1;
    double probability = 1.0;
    double medianMs = 1.0; // Internal, Db, External
};

struct Operation
{
    QString name;
    bool http = false; // else gRPC (or a Kafka consumer, or a job)
    double selfMs = 1.0;
    double failRate = 0.002; // fails by itself (beyond failures of what it calls)
    QList<Step> steps;
};

struct Service
{
    QString name;
    QString language;
    QString rpcService; // oteldemo.XService
    QList<Operation> operations;
    QList<QJsonObject> resources = {}; // one per pod, filled by makeShop()
};

struct Backend
{
    QString system; // db.system
    QString dbName;
    QString host;
    int port;
    QString peerService; // empty: not set
};

struct Entry
{
    QString service;
    QString operation;
    int weight;
};

Step internal(const QString &name, double ms, int lo = 1, int hi = 1, double p = 1.0)
{
    return { StepType::Internal, name, {}, lo, hi, p, ms };
}
Step db(const QString &backend, const QString &name, double ms, int lo = 1, int hi = 1, double p = 1.0)
{
    return { StepType::Db, name, backend, lo, hi, p, ms };
}
Step call(const QString &service, const QString &op, int lo = 1, int hi = 1, double p = 1.0)
{
    return { StepType::Call, op, service, lo, hi, p, 0 };
}
Step publish(const QString &service, const QString &op, double p = 1.0)
{
    return { StepType::Publish, op, service, 1, 1, p, 0 };
}
Step external(const QString &name, double ms, double p = 1.0)
{
    return { StepType::External, name, {}, 1, 1, p, ms };
}

struct Shop
{
    QList<Service> services;
    QHash<QString, int> serviceIndex;
    QHash<QString, Backend> backends;
    QList<Entry> entries;
    int entryWeights = 0;

    const Service &service(const QString &name) const { return services.at(serviceIndex.value(name)); }
    const Operation &operation(const Service &s, const QString &name) const
    {
        for (const Operation &o : s.operations)
            if (o.name == name)
                return o;
        qFatal("unknown operation %s of %s", qPrintable(name), qPrintable(s.name));
    }
};

Shop makeShop()
{
    Shop shop;
    auto rpc = [](const char *svc, const char *method) {
        return QStringLiteral("oteldemo.%1/%2").arg(QLatin1String(svc), QLatin1String(method));
    };
    shop.backends = {
        { QStringLiteral("orders-db"),
            { QStringLiteral("postgresql"), QStringLiteral("orders"), QStringLiteral("orders-db.shop.svc"),
                5432, QStringLiteral("orders-postgres") } },
        { QStringLiteral("payments-db"),
            { QStringLiteral("postgresql"), QStringLiteral("payments"),
                QStringLiteral("payments-db.shop.svc"), 5432, {} } },
        { QStringLiteral("inventory-db"),
            { QStringLiteral("postgresql"), QStringLiteral("inventory"),
                QStringLiteral("inventory-db.shop.svc"), 5432, QStringLiteral("inventory-postgres") } },
        { QStringLiteral("users-db"),
            { QStringLiteral("mysql"), QStringLiteral("users"), QStringLiteral("users-mysql.shop.svc"), 3306,
                {} } },
        { QStringLiteral("cart-redis"),
            { QStringLiteral("redis"), QStringLiteral("0"), QStringLiteral("cart-redis.shop.svc"), 6379,
                QStringLiteral("cart-cache") } },
        { QStringLiteral("reco-redis"),
            { QStringLiteral("redis"), QStringLiteral("1"), QStringLiteral("reco-redis.shop.svc"), 6379,
                {} } },
        { QStringLiteral("sessions"),
            { QStringLiteral("memcached"), QStringLiteral("sessions"), QStringLiteral("memcached.shop.svc"),
                11211, {} } },
        { QStringLiteral("search-es"),
            { QStringLiteral("elasticsearch"), QStringLiteral("products"),
                QStringLiteral("search-es.shop.svc"), 9200, QStringLiteral("elasticsearch") } },
    };
    // clang-format off
    shop.services = {
        { QStringLiteral("frontend"), QStringLiteral("nodejs"), QStringLiteral("oteldemo.Frontend"), {
            { QStringLiteral("GET /"), true, 2.0, 0.002, {
                internal(QStringLiteral("render home"), 3.0),
                db(QStringLiteral("sessions"), QStringLiteral("get session"), 0.4),
                call(QStringLiteral("users"), rpc("UserService", "GetUser"), 1, 1, 0.8),
                call(QStringLiteral("recommendation"), rpc("RecommendationService", "ListRecommendations")) } },
            { QStringLiteral("GET /product/{id}"), true, 2.0, 0.002, {
                db(QStringLiteral("sessions"), QStringLiteral("get session"), 0.4),
                call(QStringLiteral("inventory"), rpc("InventoryService", "GetStock")),
                call(QStringLiteral("recommendation"), rpc("RecommendationService", "ListRecommendations"), 1, 1, 0.7),
                internal(QStringLiteral("render product"), 2.5) } },
            { QStringLiteral("GET /search"), true, 1.5, 0.002, {
                call(QStringLiteral("search"), rpc("SearchService", "Query")),
                internal(QStringLiteral("render results"), 2.0) } },
            { QStringLiteral("POST /cart/items"), true, 1.0, 0.003, {
                db(QStringLiteral("sessions"), QStringLiteral("get session"), 0.4),
                call(QStringLiteral("cart"), rpc("CartService", "AddItem")) } },
            { QStringLiteral("GET /cart"), true, 1.0, 0.002, {
                db(QStringLiteral("sessions"), QStringLiteral("get session"), 0.4),
                call(QStringLiteral("cart"), rpc("CartService", "GetCart")),
                call(QStringLiteral("inventory"), rpc("InventoryService", "GetStock"), 1, 6) } },
            { QStringLiteral("POST /checkout"), true, 2.0, 0.004, {
                db(QStringLiteral("sessions"), QStringLiteral("get session"), 0.4),
                call(QStringLiteral("checkout"), rpc("CheckoutService", "PlaceOrder")) } },
        } },
        { QStringLiteral("checkout"), QStringLiteral("go"), QStringLiteral("oteldemo.CheckoutService"), {
            { rpc("CheckoutService", "PlaceOrder"), false, 3.0, 0.004, {
                call(QStringLiteral("cart"), rpc("CartService", "GetCart")),
                call(QStringLiteral("inventory"), rpc("InventoryService", "ReserveStock"), 1, 5),
                call(QStringLiteral("payment"), rpc("PaymentService", "Charge")),
                call(QStringLiteral("shipping"), rpc("ShippingService", "GetQuote")),
                db(QStringLiteral("orders-db"), QStringLiteral("INSERT orders"), 2.5),
                db(QStringLiteral("orders-db"), QStringLiteral("INSERT order_items"), 1.5, 1, 5),
                call(QStringLiteral("cart"), rpc("CartService", "EmptyCart")),
                publish(QStringLiteral("notification"), QStringLiteral("orders.created process")) } },
            { rpc("CheckoutService", "GetOrder"), false, 1.0, 0.002, {
                db(QStringLiteral("orders-db"), QStringLiteral("SELECT orders"), 1.8),
                db(QStringLiteral("orders-db"), QStringLiteral("SELECT order_items"), 1.2),
                call(QStringLiteral("users"), rpc("UserService", "GetUser")) } },
        } },
        { QStringLiteral("cart"), QStringLiteral("dotnet"), QStringLiteral("oteldemo.CartService"), {
            { rpc("CartService", "GetCart"), false, 0.6, 0.002, {
                db(QStringLiteral("cart-redis"), QStringLiteral("HGETALL"), 0.3),
                internal(QStringLiteral("price cart"), 0.5) } },
            { rpc("CartService", "AddItem"), false, 0.6, 0.003, {
                db(QStringLiteral("cart-redis"), QStringLiteral("HGETALL"), 0.3),
                call(QStringLiteral("inventory"), rpc("InventoryService", "GetStock")),
                db(QStringLiteral("cart-redis"), QStringLiteral("HSET"), 0.3) } },
            { rpc("CartService", "EmptyCart"), false, 0.4, 0.002, {
                db(QStringLiteral("cart-redis"), QStringLiteral("DEL"), 0.3) } },
        } },
        { QStringLiteral("payment"), QStringLiteral("java"), QStringLiteral("oteldemo.PaymentService"), {
            { rpc("PaymentService", "Charge"), false, 4.0, 0.008, {
                internal(QStringLiteral("validate card"), 1.0),
                call(QStringLiteral("users"), rpc("UserService", "GetPaymentMethods")),
                internal(QStringLiteral("fraud check"), 25.0),
                db(QStringLiteral("payments-db"), QStringLiteral("INSERT charges"), 3.0),
                external(QStringLiteral("POST /v1/charges"), 180.0) } },
        } },
        { QStringLiteral("inventory"), QStringLiteral("java"), QStringLiteral("oteldemo.InventoryService"), {
            { rpc("InventoryService", "GetStock"), false, 0.8, 0.002, {
                db(QStringLiteral("inventory-db"), QStringLiteral("SELECT stock"), 1.2) } },
            { rpc("InventoryService", "ReserveStock"), false, 1.0, 0.004, {
                db(QStringLiteral("inventory-db"), QStringLiteral("SELECT stock FOR UPDATE"), 2.0),
                db(QStringLiteral("inventory-db"), QStringLiteral("UPDATE stock"), 1.5) } },
            { QStringLiteral("sync-stock"), false, 5.0, 0.01, {
                internal(QStringLiteral("load supplier feed"), 40.0),
                db(QStringLiteral("inventory-db"), QStringLiteral("UPDATE stock"), 1.5, 4, 12) } },
        } },
        { QStringLiteral("users"), QStringLiteral("python"), QStringLiteral("oteldemo.UserService"), {
            { rpc("UserService", "GetUser"), false, 0.8, 0.002, {
                db(QStringLiteral("sessions"), QStringLiteral("get user"), 0.4),
                db(QStringLiteral("users-db"), QStringLiteral("SELECT users"), 1.5, 1, 1, 0.3) } },
            { rpc("UserService", "GetAddress"), false, 0.8, 0.002, {
                db(QStringLiteral("users-db"), QStringLiteral("SELECT addresses"), 1.5) } },
            { rpc("UserService", "GetPaymentMethods"), false, 0.8, 0.002, {
                db(QStringLiteral("users-db"), QStringLiteral("SELECT payment_methods"), 1.5) } },
        } },
        { QStringLiteral("search"), QStringLiteral("python"), QStringLiteral("oteldemo.SearchService"), {
            { rpc("SearchService", "Query"), false, 2.0, 0.003, {
                internal(QStringLiteral("parse query"), 0.5),
                db(QStringLiteral("search-es"), QStringLiteral("search products"), 12.0, 1, 2),
                call(QStringLiteral("recommendation"), rpc("RecommendationService", "RankResults"), 1, 1, 0.5) } },
        } },
        { QStringLiteral("recommendation"), QStringLiteral("python"), QStringLiteral("oteldemo.RecommendationService"), {
            { rpc("RecommendationService", "ListRecommendations"), false, 1.5, 0.002, {
                db(QStringLiteral("reco-redis"), QStringLiteral("GET"), 0.3),
                call(QStringLiteral("inventory"), rpc("InventoryService", "GetStock"), 1, 4),
                internal(QStringLiteral("score products"), 4.0) } },
            { rpc("RecommendationService", "RankResults"), false, 1.0, 0.002, {
                internal(QStringLiteral("rank"), 3.0) } },
        } },
        { QStringLiteral("shipping"), QStringLiteral("go"), QStringLiteral("oteldemo.ShippingService"), {
            { rpc("ShippingService", "GetQuote"), false, 1.0, 0.003, {
                call(QStringLiteral("users"), rpc("UserService", "GetAddress")),
                internal(QStringLiteral("compute quote"), 2.0) } },
        } },
        { QStringLiteral("notification"), QStringLiteral("java"), QStringLiteral("oteldemo.NotificationService"), {
            { QStringLiteral("orders.created process"), false, 1.0, 0.005, {
                call(QStringLiteral("users"), rpc("UserService", "GetUser")),
                internal(QStringLiteral("render email"), 3.0),
                external(QStringLiteral("POST /v3/mail/send"), 60.0) } },
        } },
    };
    // clang-format on
    shop.entries = {
        { QStringLiteral("frontend"), QStringLiteral("GET /"), 30 },
        { QStringLiteral("frontend"), QStringLiteral("GET /product/{id}"), 25 },
        { QStringLiteral("frontend"), QStringLiteral("GET /search"), 15 },
        { QStringLiteral("frontend"), QStringLiteral("POST /cart/items"), 12 },
        { QStringLiteral("frontend"), QStringLiteral("GET /cart"), 9 },
        { QStringLiteral("frontend"), QStringLiteral("POST /checkout"), 7 },
        { QStringLiteral("inventory"), QStringLiteral("sync-stock"), 1 },
        { QStringLiteral("checkout"), rpc("CheckoutService", "GetOrder"), 1 },
    };
    for (const Entry &e : shop.entries)
        shop.entryWeights += e.weight;
    for (int i = 0; i < shop.services.size(); ++i) {
        Service &s = shop.services[i];
        shop.serviceIndex.insert(s.name, i);
        for (int pod = 0; pod < 3; ++pod) {
            const QString podName = QStringLiteral("%1-7c9f%2d-x%3q").arg(s.name).arg(pod * 37 + 11).arg(pod);
            s.resources.append(QJsonObject {
                { QStringLiteral("service.name"), s.name },
                { QStringLiteral("service.namespace"), QStringLiteral("shop") },
                { QStringLiteral("service.version"), QStringLiteral("1.%1.3").arg(i + 4) },
                { QStringLiteral("deployment.environment"), QStringLiteral("production") },
                { QStringLiteral("host.name"), podName },
                { QStringLiteral("k8s.pod.name"), podName },
                { QStringLiteral("k8s.namespace.name"), QStringLiteral("shop") },
                { QStringLiteral("telemetry.sdk.name"), QStringLiteral("opentelemetry") },
                { QStringLiteral("telemetry.sdk.language"), s.language },
                { QStringLiteral("telemetry.sdk.version"), QStringLiteral("1.26.0") },
            });
        }
    }
    return shop;
}

struct Failure
{
    QString type;
    QString message;
};

// What a failing leaf says, by backend system; numbers vary so that fingerprints must mask them.
Failure leafFailure(Rng &rng, const QString &system)
{
    if (system == QLatin1String("postgresql"))
        return rng.chance(0.5)
            ? Failure { QStringLiteral("org.postgresql.util.PSQLException"),
                  QStringLiteral("ERROR: canceling statement due to statement timeout after %1 ms")
                      .arg(rng.between(5000, 5100)) }
            : Failure { QStringLiteral("org.postgresql.util.PSQLException"),
                  QStringLiteral("ERROR: deadlock detected, process %1 waits for ShareLock on transaction %2")
                      .arg(rng.between(1000, 99999))
                      .arg(rng.between(100000, 9999999)) };
    if (system == QLatin1String("mysql"))
        return { QStringLiteral("pymysql.err.OperationalError"),
            QStringLiteral("(2013, 'Lost connection to MySQL server during query after %1 bytes')")
                .arg(rng.between(0, 4096)) };
    if (system == QLatin1String("redis"))
        return { QStringLiteral("StackExchange.Redis.RedisTimeoutException"),
            QStringLiteral("Timeout performing HGETALL (5000ms), inst: %1, qu: 0").arg(rng.between(1, 40)) };
    if (system == QLatin1String("elasticsearch"))
        return { QStringLiteral("elasticsearch.exceptions.ConnectionTimeout"),
            QStringLiteral("ConnectionTimeout caused by ReadTimeoutError(read timeout=%1)")
                .arg(rng.between(10, 30)) };
    return { QStringLiteral("MemcacheError"), QStringLiteral("server memcached.shop.svc:11211 marked dead") };
}

QString stackTrace(Rng &rng, const Service &s, const QString &type)
{
    QString out = type + QStringLiteral(": failed\n");
    const int frames = rng.between(4, 12);
    for (int i = 0; i < frames; ++i)
        out += QStringLiteral("    at %1.handlers.Handler%2.invoke(%3.java:%4)\n")
                   .arg(s.name)
                   .arg(i)
                   .arg(s.rpcService)
                   .arg(rng.between(20, 900));
    return out;
}

SpanEvent exceptionEvent(Rng &rng, const Service &s, const Failure &f, qint64 atNs)
{
    SpanEvent e;
    e.timeUnixNano = atNs;
    e.name = QStringLiteral("exception");
    e.attributes
        = { { QStringLiteral("exception.type"), f.type }, { QStringLiteral("exception.message"), f.message },
              { QStringLiteral("exception.stacktrace"), stackTrace(rng, s, f.type) },
              { QStringLiteral("exception.escaped"), false } };
    return e;
}

const int kGrpcFailureCodes[] = { 2, 4, 13, 14 }; // UNKNOWN, DEADLINE_EXCEEDED, INTERNAL, UNAVAILABLE

struct Counters
{
    qint64 spans = 0;
    qint64 errors = 0;
    qint64 traces = 0;
    qint64 exceptionEvents = 0;
    int smallestTrace = 1 << 30;
    int largestTrace = 0;
};

// Builds one trace at a time into `spans`, in the order the spans end (children first).
class TraceBuilder
{
public:
    TraceBuilder(const Shop &shop, Rng &rng, Counters &counters)
        : m_shop(shop)
        , m_rng(rng)
        , m_counters(counters)
    { }

    QList<Span> build(qint64 startNs)
    {
        m_spans.clear();
        m_budget = 60;
        m_traceId = m_rng.bytes(16);
        int pick = m_rng.between(1, m_shop.entryWeights);
        const Entry *entry = &m_shop.entries.constFirst();
        for (const Entry &e : m_shop.entries) {
            if ((pick -= e.weight) <= 0) {
                entry = &e;
                break;
            }
        }
        const Service &s = m_shop.service(entry->service);
        const Operation &op = m_shop.operation(s, entry->operation);
        const bool job = !op.http && !op.name.contains(u'/');
        hop(s, op, QByteArray(), startNs, job ? SpanKind::Internal : SpanKind::Server);
        ++m_counters.traces;
        m_counters.smallestTrace = std::min(m_counters.smallestTrace, int(m_spans.size()));
        m_counters.largestTrace = std::max(m_counters.largestTrace, int(m_spans.size()));
        m_counters.spans += m_spans.size();
        return std::move(m_spans);
    }

private:
    struct Outcome
    {
        qint64 endNs = 0;
        bool failed = false;
        int grpcCode = 0;
        bool timeout = false;
    };

    Span base(
        const Service &s, const QByteArray &parent, const QString &name, SpanKind kind, const char *scope)
    {
        Span span;
        span.traceId = m_traceId;
        span.spanId = m_rng.bytes(8);
        span.parentSpanId = parent;
        span.flags = 1;
        span.name = name;
        span.kind = kind;
        span.serviceName = s.name;
        span.resourceAttributes = m_rng.pick(s.resources);
        span.scopeName = QLatin1String(scope);
        span.scopeVersion = QStringLiteral("0.46.0");
        --m_budget;
        return span;
    }

    void fail(Span &span, const Service &s, const Failure &f, bool withEvent)
    {
        span.statusCode = StatusCode::Error;
        span.statusMessage = f.message;
        if (withEvent) {
            span.events.append(exceptionEvent(m_rng, s, f, span.endTimeUnixNano - 1000));
            ++m_counters.exceptionEvents;
        }
    }

    void finish(Span &&span)
    {
        if (span.statusCode == StatusCode::Error)
            ++m_counters.errors;
        m_spans.append(std::move(span));
    }

    void rpcMessages(Span &span)
    {
        if (!m_rng.chance(0.2))
            return;
        for (int i = 0; i < 2; ++i) {
            SpanEvent e;
            e.timeUnixNano = i == 0 ? span.startTimeUnixNano + 20000 : span.endTimeUnixNano - 20000;
            e.name = QStringLiteral("message");
            e.attributes = { { QStringLiteral("message.type"),
                                 i == 0 ? QStringLiteral("SENT") : QStringLiteral("RECEIVED") },
                { QStringLiteral("message.id"), 1 },
                { QStringLiteral("message.uncompressed_size"), m_rng.between(40, 4000) } };
            span.events.append(e);
        }
    }

    // A CLIENT leaf to a database or cache. Returns its end.
    Outcome leaf(const Service &s, const QByteArray &parent, const Step &step, qint64 startNs)
    {
        const Backend &b = m_shop.backends[step.target];
        Span span = base(s, parent, step.name, SpanKind::Client, "opentelemetry.instrumentation.db");
        span.startTimeUnixNano = startNs;
        span.endTimeUnixNano = startNs + m_rng.durationNs(step.medianMs);
        const QString table = step.name.section(u' ', -1);
        QString statement;
        if (b.system == QLatin1String("redis"))
            statement = QStringLiteral("%1 %2:%3").arg(step.name, s.name).arg(m_rng.next() % 100000);
        else if (b.system == QLatin1String("postgresql") || b.system == QLatin1String("mysql"))
            statement = step.name.startsWith(QLatin1String("SELECT"))
                ? QStringLiteral("SELECT * FROM %1 WHERE id = $1 LIMIT %2")
                      .arg(table)
                      .arg(m_rng.between(1, 50))
                : QStringLiteral("%1 INTO %2 (id, owner, amount, created_at) VALUES ($1, $2, $3, now())")
                      .arg(step.name.section(u' ', 0, 0), table);
        else
            statement
                = QStringLiteral("{\"query\":{\"match\":{\"title\":\"item %1\"}}}").arg(m_rng.next() % 5000);
        span.attributes = { { QStringLiteral("db.system"), b.system },
            { QStringLiteral("db.name"), b.dbName }, { QStringLiteral("db.statement"), statement },
            { QStringLiteral("db.operation"), step.name.section(u' ', 0, 0) },
            { QStringLiteral("server.address"), b.host }, { QStringLiteral("server.port"), b.port },
            { QStringLiteral("network.peer.address"),
                QStringLiteral("10.4.%1.%2").arg(m_rng.between(0, 9)).arg(m_rng.between(2, 250)) } };
        if (b.system != QLatin1String("redis") && b.system != QLatin1String("memcached")) {
            span.attributes.insert(QStringLiteral("db.sql.table"), table);
            span.attributes.insert(QStringLiteral("db.user"), QString(s.name + QStringLiteral("_app")));
        }
        if (!b.peerService.isEmpty() && m_rng.chance(0.6))
            span.attributes.insert(QStringLiteral("peer.service"), b.peerService);
        if (span.durationNano() > 50 * kMsNs)
            span.attributes.insert(QStringLiteral("db.slow"), true);
        Outcome out { span.endTimeUnixNano, false, 0, false };
        if (m_rng.chance(0.025)) {
            fail(span, s, leafFailure(m_rng, b.system), m_rng.chance(0.7));
            out.failed = true;
        }
        finish(std::move(span));
        return out;
    }

    // A CLIENT leaf to a third-party HTTP API (server.address, no db.system).
    Outcome externalCall(const Service &s, const QByteArray &parent, const Step &step, qint64 startNs)
    {
        Span span = base(s, parent, step.name, SpanKind::Client, "opentelemetry.instrumentation.http");
        span.startTimeUnixNano = startNs;
        span.endTimeUnixNano = startNs + m_rng.durationNs(step.medianMs, 0.6);
        const bool payments = step.name.contains(QLatin1String("charges"));
        const QString host
            = payments ? QStringLiteral("api.payments.example") : QStringLiteral("api.mail.example");
        int status = 200;
        if (m_rng.chance(0.03))
            status = m_rng.chance(0.5) ? 503 : 429;
        span.attributes = { { QStringLiteral("http.request.method"), QStringLiteral("POST") },
            { QStringLiteral("url.full"),
                QString(QStringLiteral("https://") + host + step.name.section(u' ', 1)) },
            { QStringLiteral("server.address"), host }, { QStringLiteral("server.port"), 443 },
            { QStringLiteral("http.response.status_code"), status },
            { QStringLiteral("network.protocol.version"), QStringLiteral("1.1") } };
        Outcome out { span.endTimeUnixNano, false, 0, false };
        if (status >= 500 || status == 429) {
            span.statusCode = StatusCode::Error;
            span.statusMessage = QStringLiteral("HTTP %1 from %2").arg(status).arg(host);
            out.failed = true;
        }
        finish(std::move(span));
        return out;
    }

    // One service hop: the entry span (SERVER, CONSUMER, or a job's INTERNAL root) and everything
    // the operation does. Returns when it ended and whether it failed.
    Outcome hop(
        const Service &s, const Operation &op, const QByteArray &parent, qint64 startNs, SpanKind kind)
    {
        const char *scope = op.http      ? "opentelemetry.instrumentation.http"
            : kind == SpanKind::Consumer ? "opentelemetry.instrumentation.kafka"
                                         : "opentelemetry.instrumentation.grpc";
        Span entry = base(s, parent, op.name, kind, scope);
        entry.startTimeUnixNano = startNs;
        qint64 cursor = startNs + m_rng.durationNs(op.selfMs * 0.4);
        bool childFailed = false;
        int childCode = 0;
        bool childTimeout = false;
        for (const Step &step : op.steps) {
            if (!m_rng.chance(step.probability))
                continue;
            const int repeats = m_rng.between(step.minRepeat, step.maxRepeat);
            for (int i = 0; i < repeats && m_budget > 0; ++i) {
                Outcome o;
                switch (step.type) {
                case StepType::Internal: {
                    Span span = base(s, entry.spanId, step.name, SpanKind::Internal, "manual");
                    span.startTimeUnixNano = cursor;
                    span.endTimeUnixNano = cursor + m_rng.durationNs(step.medianMs);
                    span.attributes = { { QStringLiteral("code.function"), step.name.section(u' ', 0, 0) },
                        { QStringLiteral("code.namespace"), s.rpcService },
                        { QStringLiteral("code.filepath"),
                            QStringLiteral("src/%1/handlers.%2").arg(s.name, s.language) },
                        { QStringLiteral("code.lineno"), m_rng.between(10, 800) },
                        { QStringLiteral("thread.id"), m_rng.between(1, 64) },
                        { QStringLiteral("app.items.count"), m_rng.between(0, 40) } };
                    o.endNs = span.endTimeUnixNano;
                    finish(std::move(span));
                    break;
                }
                case StepType::Db:
                    o = leaf(s, entry.spanId, step, cursor);
                    break;
                case StepType::External:
                    o = externalCall(s, entry.spanId, step, cursor);
                    break;
                case StepType::Call:
                    if (m_budget < 3) {
                        o.endNs = cursor;
                        break;
                    }
                    o = rpcCall(s, entry.spanId, step, cursor);
                    break;
                case StepType::Publish:
                    if (m_budget < 3) {
                        o.endNs = cursor;
                        break;
                    }
                    o = publishTo(s, entry.spanId, step, cursor);
                    break;
                }
                if (o.failed && !childFailed) {
                    childFailed = true;
                    childCode = o.grpcCode;
                    childTimeout = o.timeout;
                }
                cursor = o.endNs + m_rng.between(20, 300) * 1000;
            }
        }
        entry.endTimeUnixNano = cursor + m_rng.durationNs(op.selfMs * 0.6);

        Outcome out { entry.endTimeUnixNano, false, 0, false };
        const bool own = m_rng.chance(op.failRate);
        if (own || (childFailed && m_rng.chance(0.7))) {
            out.failed = true;
            out.timeout = !own && childTimeout;
            out.grpcCode = own ? kGrpcFailureCodes[m_rng.next() % 4] : (childCode ? childCode : 13);
            if (own) {
                const Failure f { s.language == QLatin1String("java")
                        ? QStringLiteral("java.lang.IllegalStateException")
                        : QStringLiteral("InternalError"),
                    QStringLiteral("%1 failed for request %2 after %3 attempts")
                        .arg(op.name)
                        .arg(m_rng.next() % 1000000)
                        .arg(m_rng.between(1, 3)) };
                fail(entry, s, f, true);
            } else {
                entry.statusCode = StatusCode::Error;
                entry.statusMessage = childTimeout ? QStringLiteral("upstream request timed out")
                                                   : QStringLiteral("dependency failed");
            }
        }
        if (op.http) {
            const int status = !out.failed ? (m_rng.chance(0.03) ? 404 : 200)
                : out.timeout              ? 504
                                           : (m_rng.chance(0.7) ? 500 : 502);
            entry.attributes = { { QStringLiteral("http.request.method"), op.name.section(u' ', 0, 0) },
                { QStringLiteral("http.route"), op.name.section(u' ', 1) },
                { QStringLiteral("url.path"),
                    op.name.section(u' ', 1).replace(
                        QLatin1String("{id}"), QString::number(m_rng.next() % 20000)) },
                { QStringLiteral("url.scheme"), QStringLiteral("https") },
                { QStringLiteral("http.response.status_code"), status },
                { QStringLiteral("server.address"), QStringLiteral("shop.example.com") },
                { QStringLiteral("server.port"), 443 },
                { QStringLiteral("client.address"),
                    QStringLiteral("%1.%2.%3.%4")
                        .arg(m_rng.between(1, 223))
                        .arg(m_rng.between(0, 255))
                        .arg(m_rng.between(0, 255))
                        .arg(m_rng.between(1, 254)) },
                { QStringLiteral("user_agent.original"),
                    QStringLiteral("Mozilla/5.0 (X11; Linux x86_64) Firefox/12%1.0")
                        .arg(m_rng.between(0, 9)) },
                { QStringLiteral("network.protocol.version"), QStringLiteral("2") },
                { QStringLiteral("app.session.id"), QString::number(m_rng.next(), 16) } };
            if (m_rng.chance(0.5))
                entry.attributes.insert(
                    QStringLiteral("enduser.id"), QStringLiteral("u%1").arg(m_rng.next() % 200000));
        } else if (kind == SpanKind::Consumer) {
            entry.attributes = { { QStringLiteral("messaging.system"), QStringLiteral("kafka") },
                { QStringLiteral("messaging.operation"), QStringLiteral("process") },
                { QStringLiteral("messaging.destination.name"), QStringLiteral("orders.created") },
                { QStringLiteral("messaging.kafka.consumer.group"), s.name },
                { QStringLiteral("messaging.kafka.destination.partition"), m_rng.between(0, 11) },
                { QStringLiteral("messaging.kafka.message.offset"), qint64(m_rng.next() % 100000000) } };
        } else if (kind == SpanKind::Internal) { // a job
            entry.attributes = { { QStringLiteral("job.name"), op.name },
                { QStringLiteral("job.run_id"), QString::number(m_rng.next(), 16) },
                { QStringLiteral("code.namespace"), s.rpcService }, { QStringLiteral("thread.id"), 1 },
                { QStringLiteral("app.items.count"), m_rng.between(100, 5000) } };
        } else {
            entry.attributes = { { QStringLiteral("rpc.system"), QStringLiteral("grpc") },
                { QStringLiteral("rpc.service"), op.name.section(u'/', 0, 0) },
                { QStringLiteral("rpc.method"), op.name.section(u'/', 1) },
                { QStringLiteral("rpc.grpc.status_code"), out.failed ? out.grpcCode : 0 },
                { QStringLiteral("server.address"), QString(s.name + QStringLiteral(".shop.svc")) },
                { QStringLiteral("server.port"), 8080 },
                { QStringLiteral("network.peer.address"),
                    QStringLiteral("10.4.%1.%2").arg(m_rng.between(0, 9)).arg(m_rng.between(2, 250)) },
                { QStringLiteral("network.transport"), QStringLiteral("tcp") } };
            rpcMessages(entry);
        }
        finish(std::move(entry));
        return out;
    }

    // A gRPC CLIENT span and, as its child, the callee's SERVER span with its own work.
    Outcome rpcCall(const Service &s, const QByteArray &parent, const Step &step, qint64 startNs)
    {
        const Service &callee = m_shop.service(step.target);
        const Operation &op = m_shop.operation(callee, step.name);
        Span span = base(s, parent, step.name, SpanKind::Client, "opentelemetry.instrumentation.grpc");
        span.startTimeUnixNano = startNs;
        const qint64 net = m_rng.between(150, 900) * 1000;
        Outcome callee_ = hop(callee, op, span.spanId, startNs + net, SpanKind::Server);
        Outcome out { callee_.endNs + m_rng.between(150, 900) * 1000, callee_.failed, callee_.grpcCode,
            callee_.timeout };
        if (!out.failed && m_rng.chance(0.002)) { // the network failed; the callee never answered in time
            out = { out.endNs + 3 * 1000 * kMsNs, true, 4, true };
        }
        span.endTimeUnixNano = out.endNs;
        span.attributes = { { QStringLiteral("rpc.system"), QStringLiteral("grpc") },
            { QStringLiteral("rpc.service"), step.name.section(u'/', 0, 0) },
            { QStringLiteral("rpc.method"), step.name.section(u'/', 1) },
            { QStringLiteral("rpc.grpc.status_code"), out.failed ? out.grpcCode : 0 },
            { QStringLiteral("server.address"), QString(callee.name + QStringLiteral(".shop.svc")) },
            { QStringLiteral("server.port"), 8080 },
            { QStringLiteral("network.transport"), QStringLiteral("tcp") } };
        if (m_rng.chance(0.6))
            span.attributes.insert(QStringLiteral("peer.service"), callee.name);
        if (out.failed) {
            span.statusCode = StatusCode::Error;
            span.statusMessage = out.timeout ? QStringLiteral("context deadline exceeded")
                                             : QStringLiteral("rpc error: code = %1").arg(out.grpcCode);
        }
        rpcMessages(span);
        finish(std::move(span));
        return out;
    }

    // A Kafka PRODUCER span; the consumer's CONSUMER span (its child) runs later, off the
    // caller's critical path.
    Outcome publishTo(const Service &s, const QByteArray &parent, const Step &step, qint64 startNs)
    {
        const Service &callee = m_shop.service(step.target);
        const Operation &op = m_shop.operation(callee, step.name);
        Span span = base(s, parent, QStringLiteral("orders.created publish"), SpanKind::Producer,
            "opentelemetry.instrumentation.kafka");
        span.startTimeUnixNano = startNs;
        span.endTimeUnixNano = startNs + m_rng.durationNs(0.8);
        span.attributes = { { QStringLiteral("messaging.system"), QStringLiteral("kafka") },
            { QStringLiteral("messaging.operation"), QStringLiteral("publish") },
            { QStringLiteral("messaging.destination.name"), QStringLiteral("orders.created") },
            { QStringLiteral("messaging.kafka.destination.partition"), m_rng.between(0, 11) },
            { QStringLiteral("server.address"), QStringLiteral("kafka.shop.svc") },
            { QStringLiteral("peer.service"), QStringLiteral("kafka") } };
        const Outcome out { span.endTimeUnixNano, false, 0, false };
        const QByteArray producerId = span.spanId;
        const qint64 delivered = span.endTimeUnixNano + m_rng.durationNs(15.0, 1.0);
        finish(std::move(span));
        hop(callee, op, producerId, delivered, SpanKind::Consumer);
        return out;
    }

    const Shop &m_shop;
    Rng &m_rng;
    Counters &m_counters;
    QList<Span> m_spans;
    QByteArray m_traceId;
    int m_budget = 60;
};

struct PopulateResult
{
    bool ok = false;
    Counters counters;
    double seconds = 0;
    double generatorSeconds = 0;
    qint64 batches = 0;
};

// Writes `target` spans whose start times run over the 7 days ending at `endNs`, in time order:
// traces in chunks, each chunk's spans grouped per service into batches of at most `batchSize`.
PopulateResult populate(
    const QString &path, qint64 target, quint64 seed, int batchSize, int inFlight, qint64 endNs)
{
    PopulateResult result;
    QString error;
    auto store = Store::open(QStringLiteral("sqlite://") + path, &error, 64);
    if (!store) {
        std::fprintf(stderr, "store: %s\n", qPrintable(error));
        return result;
    }
    const Shop shop = makeShop();
    Rng rng(seed);
    TraceBuilder builder(shop, rng, result.counters);
    const qint64 fromNs = endNs - kSevenDaysNs;
    const int tracesPerChunk = 300;
    std::deque<QFuture<WriteResult>> pending;
    qint64 written = 0;
    qint64 failedWrites = 0;
    QElapsedTimer timer, gen;
    timer.start();
    qint64 genNs = 0;
    qint64 lastReport = 0;
    auto settle = [&](size_t keep) {
        while (pending.size() > keep) {
            const WriteResult r = pending.front().result();
            pending.pop_front();
            if (!r.ok()) {
                ++failedWrites;
                if (failedWrites <= 3)
                    std::fprintf(stderr, "write failed: %s\n", qPrintable(r.error));
            }
            written += r.spansWritten;
        }
    };
    while (result.counters.spans < target) {
        gen.start();
        QList<QList<Span>> perService(shop.services.size());
        for (int t = 0; t < tracesPerChunk && result.counters.spans < target; ++t) {
            // Start times follow the span count, so spans spread evenly over the 7 days; the last
            // trace starts about a minute before endNs, so its spans (a few seconds) end before it.
            const double at = double(result.counters.spans) / double(target);
            const qint64 start = fromNs + qint64(at * double(kSevenDaysNs - 60 * 1000 * kMsNs))
                + qint64(rng.uniform() * 2e9);
            for (Span &s : builder.build(start))
                perService[shop.serviceIndex.value(s.serviceName)].append(std::move(s));
        }
        QList<QList<Span>> batches;
        for (QList<Span> &spans : perService) {
            for (qsizetype from = 0; from < spans.size(); from += batchSize)
                batches.append(spans.mid(from, batchSize));
        }
        genNs += gen.nsecsElapsed();
        for (QList<Span> &b : batches) {
            settle(size_t(std::max(0, inFlight - 1)));
            // The queue is bounded (64 here, more than in flight): QueueFull would be a bench bug.
            pending.push_back(store->write(std::move(b)));
            ++result.batches;
        }
        if (result.counters.spans - lastReport >= 1000000) {
            lastReport = result.counters.spans;
            std::printf(
                "  ... %lld spans, %.0f s\n", qlonglong(lastReport), double(timer.nsecsElapsed()) / 1e9);
            std::fflush(stdout);
        }
    }
    settle(0);
    store->close();
    result.seconds = double(timer.nsecsElapsed()) / 1e9;
    result.generatorSeconds = double(genNs) / 1e9;
    result.ok = failedWrites == 0 && written == result.counters.spans;
    if (written != result.counters.spans)
        std::fprintf(
            stderr, "store wrote %lld of %lld spans\n", qlonglong(written), qlonglong(result.counters.spans));
    return result;
}

// ---- the database as it stands ----

struct DbFacts
{
    qint64 traces = 0;
    qint64 spans = 0;
    qint64 newestStartNs = 0;
    QList<QPair<QString, qint64>> tables;
};

DbFacts dbFacts(const QString &path)
{
    DbFacts f;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bench.facts"));
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(
                    QStringLiteral("SELECT COUNT(*), COALESCE(SUM(span_count), 0), COALESCE(MAX(start_ns), 0)"
                                   " FROM trace_summaries"))
                && q.next()) {
                f.traces = q.value(0).toLongLong();
                f.spans = q.value(1).toLongLong();
                f.newestStartNs = q.value(2).toLongLong();
            }
            // Tables a database does not have yet (an older schema) are left out.
            for (const char *table : { "trace_operations", "span_rollups", "rollup_buckets",
                     "span_rollups_hourly", "rollup_buckets_hourly", "dependency_rollups",
                     "dependency_rollups_hourly", "errors", "error_groups_hourly" }) {
                if (q.exec(QStringLiteral("SELECT COUNT(*) FROM ") + QLatin1String(table)) && q.next())
                    f.tables.append({ QLatin1String(table), q.value(0).toLongLong() });
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bench.facts"));
    return f;
}

qint64 fileSize(const QString &path)
{
    qint64 total = 0;
    for (const QString &f : { path, QString(path + QStringLiteral("-wal")) })
        if (QFileInfo info(f); info.exists())
            total += info.size();
    return total;
}

QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    return QString::fromLatin1(f.readAll()).section(u' ', 0, 2);
}

qint64 statusKb(qint64 pid, const char *field)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(field))
            return line.mid(qsizetype(qstrlen(field))).trimmed().split(' ').first().toLongLong();
    return -1;
}

// ---- a blocking HTTP/1.1 keep-alive client (no event loop; every wait has a deadline) ----

struct Reply
{
    int status = 0;
    QByteArray body;
    double ms = 0;
    QString error;
};

class HttpClient
{
public:
    HttpClient(quint16 port, QByteArray token)
        : m_port(port)
        , m_token(std::move(token))
    { }

    Reply get(const QByteArray &target, int timeoutMs = 60000)
    {
        Reply r;
        if (m_socket.state() != QAbstractSocket::ConnectedState) {
            m_socket.abort();
            m_socket.connectToHost(QHostAddress::LocalHost, m_port);
            if (!m_socket.waitForConnected(5000)) {
                r.error = QStringLiteral("connect: ") + m_socket.errorString();
                return r;
            }
            m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
        }
        const QByteArray request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
            + m_token + "\r\nAccept: */*\r\n\r\n";
        QElapsedTimer timer;
        timer.start();
        m_socket.write(request);
        QByteArray in;
        qsizetype headEnd = -1;
        qint64 length = -1;
        while (timer.elapsed() < timeoutMs) {
            if (m_socket.bytesAvailable() == 0
                && !m_socket.waitForReadyRead(int(timeoutMs - timer.elapsed()))) {
                if (m_socket.state() != QAbstractSocket::ConnectedState)
                    break;
                continue;
            }
            in += m_socket.readAll();
            if (headEnd < 0) {
                headEnd = in.indexOf("\r\n\r\n");
                if (headEnd < 0)
                    continue;
                const QByteArray head = in.left(headEnd).toLower();
                const qsizetype cl = head.indexOf("\r\ncontent-length:");
                if (cl < 0) {
                    r.error = QStringLiteral("no Content-Length");
                    m_socket.abort();
                    return r;
                }
                length = head.mid(cl + 17, head.indexOf("\r\n", cl + 2) - cl - 17).trimmed().toLongLong();
                r.status = in.mid(9, 3).toInt();
            }
            if (in.size() >= headEnd + 4 + length) {
                r.ms = double(timer.nsecsElapsed()) / 1e6;
                r.body = in.mid(headEnd + 4, length);
                if (in.size() > headEnd + 4 + length)
                    m_socket.abort(); // we never pipeline: extra bytes mean a confused connection
                return r;
            }
        }
        r.error = QStringLiteral("no complete answer within %1 ms").arg(timeoutMs);
        m_socket.abort();
        return r;
    }

private:
    quint16 m_port;
    QByteArray m_token;
    QTcpSocket m_socket;
};

struct Measured
{
    QByteArray target;
    QString label;
    int status = 0;
    qsizetype bytes = 0;
    double median = 0, p95 = 0, max = 0;
    int calls = 0;
    bool missing = false; // the route is not on this build
    QString error;
};

Measured measure(HttpClient &client, const QByteArray &target, const QString &label, int calls)
{
    Measured m;
    m.target = target;
    m.label = label;
    const Reply warm = client.get(target);
    if (!warm.error.isEmpty()) {
        m.error = warm.error;
        return m;
    }
    m.status = warm.status;
    m.bytes = warm.body.size();
    if (warm.status == 404 && warm.body.contains("no such endpoint")) {
        m.missing = true;
        return m;
    }
    // Keep a run bounded when an endpoint is very slow: five calls say enough past 2 s each.
    if (warm.ms > 2000)
        calls = std::min(calls, 5);
    QList<double> ms;
    for (int i = 0; i < calls; ++i) {
        const Reply r = client.get(target);
        if (!r.error.isEmpty()) {
            m.error = r.error;
            return m;
        }
        m.status = r.status;
        m.bytes = r.body.size();
        ms.append(r.ms);
    }
    std::sort(ms.begin(), ms.end());
    const auto rank = [&](double q) {
        return ms.at(
            std::clamp(qsizetype(std::ceil(q * double(ms.size()))) - 1, qsizetype(0), ms.size() - 1));
    };
    m.calls = int(ms.size());
    m.median = ms.size() % 2 ? ms.at(ms.size() / 2) : (ms.at(ms.size() / 2 - 1) + ms.at(ms.size() / 2)) / 2;
    m.p95 = rank(0.95);
    m.max = ms.constLast();
    return m;
}

void printMeasured(const Measured &m)
{
    const QByteArray label = (m.label.isEmpty() ? QString::fromUtf8(m.target) : m.label).toUtf8();
    if (!m.error.isEmpty()) {
        std::printf("%-72s  FAILED: %s\n", label.constData(), qPrintable(m.error));
    } else if (m.missing) {
        std::printf("%-72s  n/a (not on this build)\n", label.constData());
    } else {
        const char *flag = m.median > kSlowMs ? "  << OVER 100 ms"
            : m.p95 > kSlowMs                 ? "  << p95 over 100 ms"
                                              : "";
        std::printf("%-72s %4d %9lld %9.1f %8.1f %8.1f%s\n", label.constData(), m.status, qlonglong(m.bytes),
            m.median, m.p95, m.max, flag);
    }
    std::fflush(stdout);
}

QByteArray enc(const QString &s)
{
    return QUrl::toPercentEncoding(s);
}

bool startServer(QProcess &server, const QString &binary, const QString &dbPath, const QTemporaryDir &dir,
    quint16 *apiPort)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SERVICE_HOST"), QStringLiteral("127.0.0.1"));
    env.insert(QStringLiteral("BIND_ADDR"), QStringLiteral("127.0.0.1"));
    env.insert(QStringLiteral("SERVICE_PORT"), QStringLiteral("0"));
    env.insert(QStringLiteral("OTLP_HTTP_PORT"), QStringLiteral("0"));
    env.insert(QStringLiteral("OTLP_GRPC_PORT"), QStringLiteral("0"));
    env.insert(QStringLiteral("ZIPKIN_PORT"), QStringLiteral("0"));
    env.insert(QStringLiteral("JAEGER_HTTP_PORT"), QStringLiteral("0"));
    env.insert(QStringLiteral("API_TOKEN"), QStringLiteral("bench-queries"));
    env.insert(QStringLiteral("DATABASE_URL"), QStringLiteral("sqlite://") + dbPath);
    env.insert(QStringLiteral("SPANLIGHT_CONFIG"), dir.filePath(QStringLiteral("spanlight.conf")));
    server.setProcessEnvironment(env);
    server.setProcessChannelMode(QProcess::MergedChannels);
    // To a file: nobody reads a pipe while the bench waits on its socket, and a full pipe would
    // stall the server's logging.
    const QString logPath = dir.filePath(QStringLiteral("spanlightd.log"));
    server.setStandardOutputFile(logPath);
    server.start(binary, {});
    if (!server.waitForStarted(10000)) {
        std::fprintf(stderr, "cannot start %s: %s\n", qPrintable(binary), qPrintable(server.errorString()));
        return false;
    }
    static const QRegularExpression re(QStringLiteral("REST API on http://[^:]+:(\\d+)"));
    QString log;
    QElapsedTimer started;
    started.start();
    // Up to 10 min: the first start on an older database runs its migrations (a backfill).
    for (int i = 0; i < 6000; ++i) {
        QFile f(logPath);
        if (f.open(QIODevice::ReadOnly))
            log = QString::fromLocal8Bit(f.readAll());
        if (const auto m = re.match(log); m.hasMatch()) {
            *apiPort = quint16(m.captured(1).toUInt());
            std::printf("spanlightd answered after %.1f s (migrations included)\n", started.elapsed() / 1000.0);
            return true;
        }
        if (server.state() == QProcess::NotRunning)
            break;
        QThread::msleep(100);
    }
    std::fprintf(stderr, "spanlightd did not start: %s\n", qPrintable(log));
    return false;
}

void stopServer(QProcess &server)
{
    if (server.state() == QProcess::NotRunning)
        return;
    server.terminate(); // SIGTERM to its own pid
    if (!server.waitForFinished(15000)) {
        server.kill();
        server.waitForFinished(5000);
    }
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Analysis endpoint latency over a populated SQLite store"));
    p.addHelpOption();
    p.addOption({ QStringLiteral("spanlightd"), QStringLiteral("spanlightd binary to start"),
        QStringLiteral("path") });
    p.addOption({ QStringLiteral("spans"), QStringLiteral("spans to populate (default 1000000)"),
        QStringLiteral("n"), QStringLiteral("1000000") });
    p.addOption({ QStringLiteral("db"),
        QStringLiteral(
            "absolute path of the SQLite file: reused when it holds spans, else populated and kept"),
        QStringLiteral("path") });
    p.addOption({ QStringLiteral("calls"), QStringLiteral("timed calls per endpoint (default 20)"),
        QStringLiteral("k"), QStringLiteral("20") });
    p.addOption({ QStringLiteral("service"),
        QStringLiteral("service for the per-service endpoints (default checkout)"), QStringLiteral("name"),
        QStringLiteral("checkout") });
    p.addOption({ QStringLiteral("seed"), QStringLiteral("PRNG seed (default 1)"), QStringLiteral("n"),
        QStringLiteral("1") });
    p.addOption({ QStringLiteral("batch"), QStringLiteral("spans per write at most (default 500)"),
        QStringLiteral("n"), QStringLiteral("500") });
    p.addOption({ QStringLiteral("in-flight"), QStringLiteral("writes in flight (default 8)"),
        QStringLiteral("n"), QStringLiteral("8") });
    p.process(app);

    const qint64 spans = p.value(QStringLiteral("spans")).toLongLong();
    const int calls = std::clamp(p.value(QStringLiteral("calls")).toInt(), 1, 1000);
    const QString serviceName = p.value(QStringLiteral("service"));
    QTemporaryDir dir;
    if (!dir.isValid()) {
        std::fprintf(stderr, "no temporary folder\n");
        return 1;
    }
    QString dbPath = p.value(QStringLiteral("db"));
    if (dbPath.isEmpty())
        dbPath = dir.filePath(QStringLiteral("queries.db"));
    if (!QDir::isAbsolutePath(dbPath)) {
        std::fprintf(stderr, "--db must be an absolute path\n");
        return 1;
    }
    std::printf("bench_queries  %s  load average %s\n",
        qPrintable(QDateTime::currentDateTimeUtc().toString(Qt::ISODate)), qPrintable(loadAverage()));

    DbFacts facts = QFileInfo::exists(dbPath) ? dbFacts(dbPath) : DbFacts {};
    if (facts.spans > 0) {
        std::printf("reusing %s: %lld spans in %lld traces\n", qPrintable(dbPath), qlonglong(facts.spans),
            qlonglong(facts.traces));
    } else {
        const qint64 now = QDateTime::currentMSecsSinceEpoch() * kMsNs;
        std::printf("populating %s with %lld spans (seed %s, batches of at most %s spans, %s in flight)\n",
            qPrintable(dbPath), qlonglong(spans), qPrintable(p.value(QStringLiteral("seed"))),
            qPrintable(p.value(QStringLiteral("batch"))), qPrintable(p.value(QStringLiteral("in-flight"))));
        std::fflush(stdout);
        const PopulateResult r = populate(dbPath, spans, p.value(QStringLiteral("seed")).toULongLong(),
            std::max(1, p.value(QStringLiteral("batch")).toInt()),
            std::max(1, p.value(QStringLiteral("in-flight")).toInt()), now);
        if (!r.ok)
            return 1;
        const Counters &c = r.counters;
        std::printf(
            "populated: %lld spans, %lld traces (%.1f spans/trace, %d-%d), %lld writes, %.2f%% error spans,"
            " %lld exception events\n",
            qlonglong(c.spans), qlonglong(c.traces), double(c.spans) / double(std::max<qint64>(1, c.traces)),
            c.smallestTrace, c.largestTrace, qlonglong(r.batches),
            100.0 * double(c.errors) / double(std::max<qint64>(1, c.spans)), qlonglong(c.exceptionEvents));
        std::printf("populate: %.1f s, %.0f spans/s (generator %.1f s of it, on the same thread)\n",
            r.seconds, double(c.spans) / r.seconds, r.generatorSeconds);
        facts = dbFacts(dbPath);
    }
    const qint64 ageMin
        = (QDateTime::currentMSecsSinceEpoch() * kMsNs - facts.newestStartNs) / (60 * 1000 * kMsNs);
    // A reused database ages: the time_range=1h figures then cover fewer spans.
    const QString window = ageMin >= 60 ? QStringLiteral(" (the 1h window is empty)")
        : ageMin > 5 ? QStringLiteral(" (the 1h window holds %1 of its 60 minutes)").arg(60 - ageMin)
                     : QString();
    std::printf("database: %.1f MB (with WAL); newest trace started %lld min ago%s\n",
        double(fileSize(dbPath)) / 1e6, qlonglong(ageMin), qPrintable(window));
    for (const auto &[table, rows] : std::as_const(facts.tables))
        std::printf("  %-26s %12lld rows\n", qPrintable(table), qlonglong(rows));
    std::fflush(stdout);

    if (!p.isSet(QStringLiteral("spanlightd")))
        return 0;
    QProcess server;
    quint16 port = 0;
    if (!startServer(server, p.value(QStringLiteral("spanlightd")), dbPath, dir, &port)) {
        stopServer(server);
        return 1;
    }
    std::printf("spanlightd pid %lld, API on 127.0.0.1:%u, RSS at start %lld MB\n",
        qlonglong(server.processId()), port, qlonglong(statusKb(server.processId(), "VmRSS:") / 1024));

    HttpClient client(port, "bench-queries");
    // Real names and ids for the parameterised endpoints.
    const QByteArray s = enc(serviceName);
    QString operation;
    double durationMin = 0;
    {
        const Reply ops = client.get("/services/" + s + "/operations");
        const QJsonArray list
            = QJsonDocument::fromJson(ops.body).object().value(QStringLiteral("operations")).toArray();
        if (ops.status != 200 || list.isEmpty()) {
            std::fprintf(stderr, "service %s: HTTP %d %s\n", qPrintable(serviceName), ops.status,
                ops.body.left(200).constData());
            stopServer(server);
            return 1;
        }
        // The service's busiest entry operation (a SERVER one, as a user would search for).
        QJsonObject chosen = list.first().toObject();
        for (const QJsonValue &v : list) {
            if (v.toObject()
                    .value(QStringLiteral("span_kinds"))
                    .toArray()
                    .contains(QStringLiteral("server"))) {
                chosen = v.toObject();
                break;
            }
        }
        operation = chosen.value(QStringLiteral("name")).toString();
        durationMin = chosen.value(QStringLiteral("p95_duration_ms")).toDouble();
    }
    QByteArray errorId, traceId;
    errorId = QJsonDocument::fromJson(client.get("/errors?limit=1").body)
                  .object()
                  .value(QStringLiteral("errors"))
                  .toArray()
                  .first()
                  .toObject()
                  .value(QStringLiteral("error_id"))
                  .toString()
                  .toLatin1();
    // A trace that went through the service, so that /traces/{id} shows a real multi-service tree.
    traceId = QJsonDocument::fromJson(client.get("/traces?limit=1&service=" + s).body)
                  .object()
                  .value(QStringLiteral("traces"))
                  .toArray()
                  .first()
                  .toObject()
                  .value(QStringLiteral("trace_id"))
                  .toString()
                  .toLatin1();
    const QByteArray o = enc(operation);
    const QByteArray dmin = QByteArray::number(durationMin, 'f', 1);

    const QList<QPair<QByteArray, QString>> endpoints = {
        { "/services", {} },
        { "/services/" + s + "/operations", {} },
        { "/services/" + s + "/performance?time_range=1h", {} },
        { "/services/" + s + "/performance?time_range=24h", {} },
        { "/services/" + s + "/performance?time_range=7d", {} },
        { "/errors?limit=100", {} },
        { "/errors?service=" + s, {} },
        { "/errors/" + errorId, QStringLiteral("/errors/{id}") },
        { "/performance/slowest?time_range=24h", {} },
        { "/performance/trends?time_range=24h&granularity=5m", {} },
        { "/performance/trends?time_range=7d&granularity=1h", {} },
        { "/traces?limit=20", {} },
        { "/traces?service=" + s + "&limit=20", {} },
        { "/traces?service=frontend&limit=20", {} },
        { "/traces?service=" + s + "&operation=" + o + "&duration_min=" + dmin + "&limit=20",
            QStringLiteral("/traces?service=%1&operation=o&duration_min=p95(o)&limit=20").arg(serviceName) },
        { "/traces/" + traceId, QStringLiteral("/traces/{id}") },
        { "/health", {} },
        { "/metrics", {} },
        { "/dependencies?time_range=24h", {} },
        { "/dependencies/" + s + "/impact", {} },
    };
    std::printf("o = %s, p95(o) = %s ms (from /services/%s/operations)\n", qPrintable(operation),
        dmin.constData(), qPrintable(serviceName));
    std::printf("\n%d timed calls per endpoint after one warm-up, one keep-alive connection, ms\n", calls);
    std::printf("%-72s %4s %9s %9s %8s %8s\n", "endpoint", "code", "bytes", "median", "p95", "max");
    QList<Measured> results;
    for (const auto &[target, label] : endpoints) {
        results.append(measure(client, target, label, calls));
        printMeasured(results.constLast());
    }
    const int slow = int(std::count_if(
        results.cbegin(), results.cend(), [](const Measured &m) { return m.median > kSlowMs; }));
    std::printf("\n%d of %lld endpoints have a median over 100 ms\n", slow, qlonglong(results.size()));
    std::printf("spanlightd RSS %lld MB now, peak %lld MB; load average %s\n",
        qlonglong(statusKb(server.processId(), "VmRSS:") / 1024),
        qlonglong(statusKb(server.processId(), "VmHWM:") / 1024), qPrintable(loadAverage()));
    stopServer(server);
    return 0;
}
