#include "shop.h"

namespace spanlight::demo {

namespace {

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

} // namespace

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
            // Not an entry: the demo's deep trace (TraceShape), about 5,500 spans.
            { QStringLiteral("rebuild-search-index"), false, 5.0, 0.0, {
                internal(QStringLiteral("load catalog"), 60.0),
                call(QStringLiteral("search"), rpc("SearchService", "IndexShard"), 50, 50) } },
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
            { rpc("SearchService", "IndexShard"), false, 3.0, 0.0, {
                internal(QStringLiteral("build documents"), 4.0),
                call(QStringLiteral("inventory"), rpc("InventoryService", "GetStock"), 25, 25),
                db(QStringLiteral("search-es"), QStringLiteral("bulk index"), 15.0, 30, 30),
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

} // namespace spanlight::demo
