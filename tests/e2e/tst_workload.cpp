#include "opentelemetry/proto/collector/trace/v1/trace_service.pb.h"

#include "httptestclient.h"
#include "spanlightdprocess.h"

#include <QDateTime>
#include <QDir>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QNetworkAccessManager>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <random>
#include <variant>
#include <vector>

// Issue #4's end-to-end check: a known multi-service workload (a seeded model in plain structs)
// goes to the real spanlightd over OTLP/HTTP protobuf, one request per service as SDKs send it,
// callees before callers for half of it; /services, /services/{s}/operations, /performance,
// /errors, /traces and /dependencies must then show the figures the test computes itself from
// the model. Nothing here calls Spanlight's analysis or storage code: the expected numbers are
// a few lines of arithmetic over the model, written from the documented definitions.
//
// Two servers take the same bytes: one once, one twice (a retrying exporter). Every check runs
// against both (the data rows), so duplicates must be counted once.

namespace collector = opentelemetry::proto::collector::trace::v1;
namespace otlp = opentelemetry::proto::trace::v1;
namespace common = opentelemetry::proto::common::v1;

namespace {

// OTLP span kind numbers.
enum Kind : int { Internal = 1, Server = 2, Client = 3, Producer = 4, Consumer = 5 };

struct Attribute
{
    QString key;
    std::variant<QString, qint64> value;
};

struct ModelSpan
{
    int trace = 0;
    QByteArray traceId;
    QByteArray spanId;
    QByteArray parentId; // empty for the root
    QString service;
    QString name;
    int kind = Internal;
    qint64 startNs = 0;
    qint64 endNs = 0;
    QList<Attribute> attributes;
    bool error = false; // status ERROR
    QString statusMessage;
    // An `exception` event when exceptionType is set.
    QString exceptionType;
    QString exceptionMessage;
    QString exceptionStack;
    // The error message with its numbers written as '#': errors of one service, operation, type
    // and template are "the same error" (the repeats of the severity rule).
    QString messageTemplate;

    qint64 durationNs() const { return endNs - startNs; }
    bool isRoot() const { return parentId.isEmpty(); }
    bool isEntry() const { return kind == Server || kind == Consumer || isRoot(); }
    std::optional<QString> text(const char *key) const
    {
        for (const Attribute &a : attributes)
            if (a.key == QLatin1String(key) && std::holds_alternative<QString>(a.value))
                return std::get<QString>(a.value);
        return std::nullopt;
    }
    std::optional<qint64> integer(const char *key) const
    {
        for (const Attribute &a : attributes)
            if (a.key == QLatin1String(key) && std::holds_alternative<qint64>(a.value))
                return std::get<qint64>(a.value);
        return std::nullopt;
    }
};

struct Workload
{
    QList<ModelSpan> spans;
    int traces = 0;
    QStringList services; // sorted
};

qint64 ms(double millis)
{
    return qint64(std::llround(millis * 1e6));
}

// A span before layout: its own time before, between and after its children (a leaf lasts leafNs).
struct Node
{
    ModelSpan span;
    qint64 leafNs = 0;
    qint64 beforeNs = 0;
    qint64 gapNs = 0;
    qint64 afterNs = 0;
    std::vector<Node> children;
};

// The seeded workload: frontend -> checkout -> {inventory -> postgresql:orders, payment ->
// stripe-api, postgresql:orders}, frontend -> users -> {cache.internal, postgresql},
// frontend -> recommendations (uninstrumented), and a nightly `reports` job -> users.
class WorkloadModel
{
public:
    explicit WorkloadModel(quint64 seed)
        : m_rng(seed)
    { }

    Workload build(int traces, qint64 nowNs)
    {
        Workload w;
        w.traces = traces;
        for (int t = 0; t < traces; ++t) {
            const double pick = uniform();
            Node root = pick < 0.55 ? checkoutTrace() : pick < 0.88 ? profileTrace() : reportTrace();
            // Spread over the 5 minutes before now; the longest trace is under 2 s.
            const qint64 start = nowNs - ms(295000) + qint64(t) * ms(2000) + between(0, ms(1500));
            layout(root, start);
            int seq = 0;
            flatten(root, t, {}, &seq, &w.spans);
        }
        QSet<QString> services;
        for (const ModelSpan &s : std::as_const(w.spans))
            services.insert(s.service);
        w.services = services.values();
        std::sort(w.services.begin(), w.services.end());
        return w;
    }

private:
    double uniform() { return double(m_rng() >> 11) * 0x1.0p-53; }
    bool chance(double p) { return uniform() < p; }
    qint64 between(qint64 lo, qint64 hi) { return lo + qint64(uniform() * double(hi - lo)); }
    qint64 number(qint64 lo, qint64 hi) { return std::min(hi, lo + qint64(uniform() * double(hi - lo + 1))); }

    static Node span(const QString &service, const QString &name, int kind, QList<Attribute> attributes = {})
    {
        Node n;
        n.span.service = service;
        n.span.name = name;
        n.span.kind = kind;
        n.span.attributes = std::move(attributes);
        return n;
    }
    Node leaf(const QString &service, const QString &name, int kind, qint64 durationNs,
        QList<Attribute> attributes = {})
    {
        Node n = span(service, name, kind, std::move(attributes));
        n.leafNs = durationNs;
        return n;
    }
    // A span with children: some work of its own around them.
    Node parent(const QString &service, const QString &name, int kind, QList<Attribute> attributes = {})
    {
        Node n = span(service, name, kind, std::move(attributes));
        n.beforeNs = between(ms(0.05), ms(0.6));
        n.gapNs = between(ms(0.02), ms(0.2));
        n.afterNs = between(ms(0.05), ms(0.4));
        n.leafNs = between(ms(0.3), ms(2)); // if it ends up without children
        return n;
    }
    // A CLIENT span around the callee's SERVER span: network time on both sides.
    Node call(const QString &service, const QString &name, Node callee, QList<Attribute> attributes = {})
    {
        Node n = span(service, name, Client, std::move(attributes));
        n.beforeNs = between(ms(0.1), ms(0.8));
        n.afterNs = between(ms(0.1), ms(0.8));
        n.children.push_back(std::move(callee));
        return n;
    }
    // The message from a template, each '#' replaced by the next number.
    static QString fill(const QString &tmpl, std::initializer_list<qint64> numbers)
    {
        QString out;
        auto it = numbers.begin();
        for (QChar c : tmpl) {
            if (c == u'#' && it != numbers.end())
                out += QString::number(*it++);
            else
                out += c;
        }
        return out;
    }
    static void fail(Node &n, const QString &statusMessage = {}, const QString &tmpl = {})
    {
        n.span.error = true;
        n.span.statusMessage = statusMessage;
        n.span.messageTemplate = tmpl;
    }
    static void throwException(
        Node &n, const QString &type, const QString &message, const QString &tmpl, const QString &stack)
    {
        n.span.error = true;
        n.span.exceptionType = type;
        n.span.exceptionMessage = message;
        n.span.exceptionStack = stack;
        n.span.messageTemplate = tmpl;
    }

    Node checkoutTrace()
    {
        const bool inventoryDown = chance(0.08);
        const bool declined = !inventoryDown && chance(0.2);
        const bool cardNetworkDown = !inventoryDown && !declined && chance(0.05);

        Node root = parent(QStringLiteral("frontend"), QStringLiteral("GET /checkout"), Server,
            { { QStringLiteral("http.request.method"), QStringLiteral("GET") },
                { QStringLiteral("http.route"), QStringLiteral("/checkout") },
                { QStringLiteral("http.response.status_code"), qint64(declined ? 402 : 200) } });
        if (declined)
            fail(root);
        if (chance(0.5))
            root.children.push_back(leaf(QStringLiteral("frontend"), QStringLiteral("render cart"), Internal,
                between(ms(0.3), ms(2))));

        Node checkout = parent(QStringLiteral("checkout"), QStringLiteral("POST /checkout"), Server,
            { { QStringLiteral("http.request.method"), QStringLiteral("POST") },
                { QStringLiteral("http.response.status_code"),
                    qint64(declined         ? 402
                            : inventoryDown ? 503
                                            : 200) } });
        if (declined)
            fail(checkout, QStringLiteral("payment declined"), QStringLiteral("payment declined"));
        if (inventoryDown)
            fail(checkout, QStringLiteral("inventory unavailable"), QStringLiteral("inventory unavailable"));

        Node validate = leaf(
            QStringLiteral("checkout"), QStringLiteral("validate cart"), Internal, between(ms(0.2), ms(1.5)));
        if (chance(0.07)) {
            const qint64 cart = number(1000, 99999), stale = number(1, 9);
            const QString tmpl = QStringLiteral("cart # has # stale items");
            throwException(validate, QStringLiteral("ValidationError"), fill(tmpl, { cart, stale }), tmpl,
                QStringLiteral("ValidationError: stale items\n    at validate (checkout/cart.py:88)\n"
                               "    at handle (checkout/app.py:31)"));
        }
        checkout.children.push_back(std::move(validate));

        Node inventory = parent(QStringLiteral("inventory"), QStringLiteral("inventory.Reserve"), Server,
            { { QStringLiteral("rpc.system"), QStringLiteral("grpc") } });
        QList<Attribute> reserveAttributes = { { QStringLiteral("rpc.system"), QStringLiteral("grpc") },
            { QStringLiteral("rpc.service"), QStringLiteral("inventory.Inventory") } };
        if (inventoryDown) {
            // The callee answers 503 without an exception; the caller sees UNAVAILABLE.
            inventory.span.attributes.append({ QStringLiteral("http.response.status_code"), qint64(503) });
            inventory.leafNs = between(ms(0.4), ms(2));
            fail(inventory);
            reserveAttributes.append({ QStringLiteral("rpc.grpc.status_code"), qint64(14) });
        } else {
            const bool slow = chance(0.05);
            inventory.children.push_back(leaf(QStringLiteral("inventory"), QStringLiteral("SELECT stock"),
                Client, slow ? between(ms(40), ms(120)) : between(ms(1), ms(6)),
                { { QStringLiteral("db.system"), QStringLiteral("postgresql") },
                    { QStringLiteral("db.name"), QStringLiteral("orders") },
                    { QStringLiteral("db.statement"),
                        QStringLiteral("SELECT qty FROM stock WHERE sku = $1") } }));
            reserveAttributes.append({ QStringLiteral("rpc.grpc.status_code"), qint64(0) });
        }
        Node reserve = call(QStringLiteral("checkout"), QStringLiteral("inventory.Reserve"),
            std::move(inventory), reserveAttributes);
        if (inventoryDown) {
            const QString tmpl = QStringLiteral("upstream connect error after # ms");
            fail(reserve, fill(tmpl, { number(1, 30) }), tmpl);
        }
        checkout.children.push_back(std::move(reserve));

        if (!inventoryDown) {
            Node payment = parent(QStringLiteral("payment"), QStringLiteral("payment.Charge"), Server,
                { { QStringLiteral("rpc.system"), QStringLiteral("grpc") } });
            if (chance(0.7))
                payment.children.push_back(leaf(QStringLiteral("payment"), QStringLiteral("fraud check"),
                    Internal, between(ms(1), ms(4))));
            QList<Attribute> chargeAttributes = { { QStringLiteral("rpc.system"), QStringLiteral("grpc") },
                { QStringLiteral("rpc.service"), QStringLiteral("payment.Payments") } };
            if (declined) {
                const QString tmpl = QStringLiteral("insufficient funds: balance # below amount #");
                throwException(payment, QStringLiteral("InsufficientFunds"),
                    fill(tmpl, { number(0, 40), number(41, 900) }), tmpl,
                    QStringLiteral(
                        "InsufficientFunds: insufficient funds\n    at charge (payment/charge.go:42)\n"
                        "    at serve (payment/server.go:17)"));
                chargeAttributes.append({ QStringLiteral("rpc.grpc.status_code"), qint64(9) });
            } else {
                const bool slow = chance(0.06);
                Node stripe = leaf(QStringLiteral("payment"), QStringLiteral("POST /v1/charges"), Client,
                    slow ? between(ms(600), ms(1500)) : between(ms(40), ms(150)),
                    { { QStringLiteral("peer.service"), QStringLiteral("stripe-api") },
                        { QStringLiteral("http.request.method"), QStringLiteral("POST") } });
                if (cardNetworkDown)
                    fail(stripe, QStringLiteral("card network unreachable"),
                        QStringLiteral("card network unreachable"));
                payment.children.push_back(std::move(stripe));
                chargeAttributes.append({ QStringLiteral("rpc.grpc.status_code"), qint64(0) });
            }
            Node charge = call(QStringLiteral("checkout"), QStringLiteral("payment.Charge"),
                std::move(payment), chargeAttributes);
            if (declined)
                fail(charge);
            checkout.children.push_back(std::move(charge));
            if (!declined)
                checkout.children.push_back(leaf(QStringLiteral("checkout"), QStringLiteral("INSERT orders"),
                    Client, between(ms(1), ms(5)),
                    { { QStringLiteral("db.system"), QStringLiteral("postgresql") },
                        { QStringLiteral("db.name"), QStringLiteral("orders") } }));
        }

        // peer.service on a call that has a child: the child makes the edge, not the attribute.
        QList<Attribute> postAttributes = { { QStringLiteral("http.request.method"), QStringLiteral("POST") },
            { QStringLiteral("http.response.status_code"),
                qint64(declined         ? 402
                        : inventoryDown ? 503
                                        : 200) } };
        if (chance(0.5))
            postAttributes.append({ QStringLiteral("peer.service"), QStringLiteral("checkout") });
        Node post = call(QStringLiteral("frontend"), QStringLiteral("POST /checkout"), std::move(checkout),
            postAttributes);
        if (declined || inventoryDown)
            fail(post);
        root.children.push_back(std::move(post));
        return root;
    }

    Node usersCall(const QString &caller, bool down)
    {
        Node users = parent(QStringLiteral("users"), QStringLiteral("GET /users/{id}"), Server,
            { { QStringLiteral("http.request.method"), QStringLiteral("GET") },
                { QStringLiteral("http.route"), QStringLiteral("/users/{id}") } });
        if (down) {
            // The older semantic convention's attribute, no exception, no message.
            users.span.attributes.append({ QStringLiteral("http.status_code"), qint64(503) });
            users.leafNs = between(ms(0.3), ms(1.5));
            fail(users);
        } else {
            users.children.push_back(
                leaf(QStringLiteral("users"), QStringLiteral("GET session"), Client, between(ms(0.2), ms(1)),
                    { { QStringLiteral("server.address"), QStringLiteral("cache.internal") },
                        { QStringLiteral("server.port"), qint64(6379) } }));
            if (chance(0.7))
                users.children.push_back(leaf(QStringLiteral("users"), QStringLiteral("SELECT users"), Client,
                    chance(0.08) ? between(ms(30), ms(90)) : between(ms(1), ms(5)),
                    { { QStringLiteral("db.system"), QStringLiteral("postgresql") } }));
        }
        Node get = call(caller, QStringLiteral("GET /users/{id}"), std::move(users),
            { { QStringLiteral("http.request.method"), QStringLiteral("GET") },
                { QStringLiteral("http.response.status_code"), qint64(down ? 503 : 200) } });
        if (down)
            fail(get);
        return get;
    }

    Node profileTrace()
    {
        const bool usersDown = chance(0.12);
        Node root = parent(QStringLiteral("frontend"), QStringLiteral("GET /profile"), Server,
            { { QStringLiteral("http.request.method"), QStringLiteral("GET") },
                { QStringLiteral("http.route"), QStringLiteral("/profile") } });
        root.children.push_back(usersCall(QStringLiteral("frontend"), usersDown));
        if (usersDown) {
            // The status message is the error's message; the exception still gives type and stack.
            // (so the message that groups these errors is the status message, which has no numbers).
            throwException(root, QStringLiteral("UpstreamError"),
                fill(QStringLiteral("users returned #"), { 503 }), QStringLiteral("profile unavailable"),
                QStringLiteral("UpstreamError: users returned 503\n    at profile (frontend/profile.ts:12)"));
            root.span.statusMessage = QStringLiteral("profile unavailable");
        }
        if (chance(0.4)) {
            // An uninstrumented service: no child span ever comes.
            Node recommendations = leaf(QStringLiteral("frontend"), QStringLiteral("recommendations.List"),
                Client, between(ms(5), ms(30)),
                { { QStringLiteral("peer.service"), QStringLiteral("recommendations") },
                    { QStringLiteral("rpc.system"), QStringLiteral("grpc") } });
            if (chance(0.35)) {
                const QString tmpl = QStringLiteral("upstream connect error after # ms");
                recommendations.span.attributes.append(
                    { QStringLiteral("rpc.grpc.status_code"), qint64(14) });
                fail(recommendations, fill(tmpl, { number(1, 30) }), tmpl);
            } else {
                recommendations.span.attributes.append({ QStringLiteral("rpc.grpc.status_code"), qint64(0) });
            }
            root.children.push_back(std::move(recommendations));
        }
        return root;
    }

    Node reportTrace()
    {
        // A root INTERNAL span: an entry span because it is a root.
        Node root = parent(QStringLiteral("reports"), QStringLiteral("nightly report"), Internal);
        const qint64 calls = number(2, 4);
        for (qint64 i = 0; i < calls; ++i)
            root.children.push_back(usersCall(QStringLiteral("reports"), false));
        return root;
    }

    static void layout(Node &n, qint64 start)
    {
        n.span.startNs = start;
        if (n.children.empty()) {
            n.span.endNs = start + n.leafNs;
            return;
        }
        qint64 t = start + n.beforeNs;
        for (size_t i = 0; i < n.children.size(); ++i) {
            if (i > 0)
                t += n.gapNs;
            layout(n.children[i], t);
            t = n.children[i].span.endNs;
        }
        n.span.endNs = t + n.afterNs;
    }

    static void flatten(const Node &n, int trace, const QByteArray &parentId, int *seq, QList<ModelSpan> *out)
    {
        ModelSpan s = n.span;
        s.trace = trace;
        s.traceId = QByteArray::fromHex(
            QByteArray::number(0x5ea1c0de00000000ULL + quint64(trace), 16).rightJustified(32, '0'));
        s.spanId = QByteArray::fromHex(
            QByteArray::number((quint64(trace + 1) << 20) | quint64(++*seq), 16).rightJustified(16, '0'));
        s.parentId = parentId;
        out->append(s);
        for (const Node &child : n.children)
            flatten(child, trace, s.spanId, seq, out);
    }

    std::mt19937_64 m_rng;
};

// ---- The expected figures, from the documented definitions -------------------------------

struct Figures
{
    qint64 count = 0;
    qint64 errors = 0;
    qint64 sumNs = 0;
    QList<qint64> durations;
    qint64 lastStartNs = 0;

    void add(const ModelSpan &s)
    {
        ++count;
        errors += s.error ? 1 : 0;
        sumNs += s.durationNs();
        durations.append(s.durationNs());
        lastStartNs = std::max(lastStartNs, s.startNs);
    }
    double avgMs() const { return count ? double(sumNs) / 1e6 / double(count) : 0.0; }
    double errorRate() const { return count ? double(errors) / double(count) : 0.0; }
    // Nearest rank: the ceil(pct/100 * n)-th smallest, in integers.
    double percentileMs(int pct) const
    {
        QList<qint64> sorted = durations;
        std::sort(sorted.begin(), sorted.end());
        const qint64 rank = std::max<qint64>(1, (qint64(pct) * sorted.size() + 99) / 100);
        return double(sorted[rank - 1]) / 1e6;
    }
};

QString kindName(int kind)
{
    switch (kind) {
    case Internal:
        return QStringLiteral("internal");
    case Server:
        return QStringLiteral("server");
    case Client:
        return QStringLiteral("client");
    case Producer:
        return QStringLiteral("producer");
    case Consumer:
        return QStringLiteral("consumer");
    }
    return QStringLiteral("unspecified");
}

// spanerror.h: the exception's type, else the gRPC status name (codes above 0), else
// "HTTP <code>" (http.response.status_code, else http.status_code), else "Error".
QString expectedErrorType(const ModelSpan &s)
{
    if (!s.exceptionType.isEmpty())
        return s.exceptionType;
    static const QHash<qint64, QString> grpcNames
        = { { 9, QStringLiteral("FAILED_PRECONDITION") }, { 14, QStringLiteral("UNAVAILABLE") } };
    if (const auto grpc = s.integer("rpc.grpc.status_code"); grpc && *grpc > 0)
        return grpcNames.value(*grpc, QStringLiteral("(a gRPC code the model does not name)"));
    std::optional<qint64> http = s.integer("http.response.status_code");
    if (!http)
        http = s.integer("http.status_code");
    if (http && *http >= 100)
        return QStringLiteral("HTTP %1").arg(*http);
    return QStringLiteral("Error");
}

// The status message, else the exception's message.
QString expectedErrorMessage(const ModelSpan &s)
{
    return !s.statusMessage.isEmpty() ? s.statusMessage : s.exceptionMessage;
}

QString sameErrorKey(const ModelSpan &s)
{
    return s.service + u'\x1f' + s.name + u'\x1f' + expectedErrorType(s) + u'\x1f' + s.messageTemplate;
}

// errorseverity.h: critical for the trace's root, high for SERVER/CONSUMER, medium for
// CLIENT/PRODUCER, low otherwise; one level more (at most critical) at 10 or more repeats.
int expectedSeverity(const ModelSpan &s, qint64 repeats)
{
    int level = s.isRoot()                         ? 3
        : (s.kind == Server || s.kind == Consumer) ? 2
        : (s.kind == Client || s.kind == Producer) ? 1
                                                   : 0;
    if (repeats >= 10 && level < 3)
        ++level;
    return level;
}

QString severityName(int level)
{
    static const char *const names[] = { "low", "medium", "high", "critical" };
    return QLatin1String(names[level]);
}

// The API's times: ISO 8601 UTC with microseconds.
QString isoUtc(qint64 ns)
{
    return QDateTime::fromMSecsSinceEpoch(ns / 1000000, QTimeZone::utc())
               .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"))
        + QStringLiteral(".%1Z").arg((ns % 1000000000) / 1000, 6, 10, QLatin1Char('0'));
}

// The dependency rule's external name of a CLIENT/PRODUCER span without children.
QString externalName(const ModelSpan &s)
{
    if (const auto peer = s.text("peer.service"))
        return *peer;
    if (const auto db = s.text("db.system")) {
        const auto name = s.text("db.name");
        return name ? *db + u':' + *name : *db;
    }
    if (const auto messaging = s.text("messaging.system")) {
        const auto destination = s.text("messaging.destination.name");
        return destination ? *messaging + u':' + *destination : *messaging;
    }
    if (const auto address = s.text("server.address"))
        return *address;
    return {};
}

struct Dependencies
{
    QMap<std::pair<QString, QString>, Figures> edges; // (source id, target id)
    QMap<QString, QString> nodeTypes; // id -> "service" / "external"
    QMap<QString, QString> nodeNames; // id -> name
};

Dependencies dependenciesOf(const Workload &w)
{
    Dependencies d;
    QHash<QByteArray, const ModelSpan *> byId;
    QSet<QByteArray> hasChild;
    for (const ModelSpan &s : w.spans) {
        byId.insert(s.traceId + s.spanId, &s);
        if (!s.isRoot())
            hasChild.insert(s.traceId + s.parentId);
    }
    for (const QString &service : w.services) {
        d.nodeTypes.insert(service, QStringLiteral("service"));
        d.nodeNames.insert(service, service);
    }
    for (const ModelSpan &s : w.spans) {
        if (!s.isRoot()) {
            const ModelSpan *p = byId.value(s.traceId + s.parentId);
            if (p && p->service != s.service)
                d.edges[{ p->service, s.service }].add(s);
        }
        if ((s.kind == Client || s.kind == Producer) && !hasChild.contains(s.traceId + s.spanId)) {
            const QString name = externalName(s);
            if (name.isEmpty())
                continue;
            const QString id = QStringLiteral("external:") + name;
            d.nodeTypes.insert(id, QStringLiteral("external"));
            d.nodeNames.insert(id, name);
            d.edges[{ s.service, id }].add(s);
        }
    }
    return d;
}

bool near(double got, double want, double tolerance)
{
    return std::abs(got - want) <= tolerance;
}

QString describe(const QString &what, double got, double want)
{
    return QStringLiteral("%1: got %2, expected %3").arg(what).arg(got, 0, 'g', 17).arg(want, 0, 'g', 17);
}

// apijson.cpp writes the analysis' doubles unrounded (QJsonDocument keeps every digit), so
// averages agree to float arithmetic; 1 ns covers a different summation order.
constexpr double kExactMs = 1e-6;
constexpr double kExactRate = 1e-12;
// The stored histograms promise 2% relative; the margin is for the float arithmetic at a bucket edge.
bool withinPercentileAccuracy(double got, double want)
{
    return std::abs(got - want) <= want * 0.02 * (1 + 1e-9);
}

#define CHECK_NEAR(got, want, tolerance, what)                                                               \
    do {                                                                                                     \
        const double got_ = (got), want_ = (want);                                                           \
        QVERIFY2(near(got_, want_, (tolerance)), qPrintable(describe((what), got_, want_)));                 \
    } while (false)

#define CHECK_PERCENTILE(got, want, what)                                                                    \
    do {                                                                                                     \
        const double got_ = (got), want_ = (want);                                                           \
        QVERIFY2(withinPercentileAccuracy(got_, want_),                                                      \
            qPrintable(describe((what), got_, want_) + QStringLiteral(" (2%)")));                            \
    } while (false)

QStringList strings(const QJsonValue &array)
{
    QStringList out;
    for (const QJsonValue &v : array.toArray())
        out.append(v.toString());
    return out;
}

QJsonObject byKey(const QJsonArray &array, const QString &key, const QString &value)
{
    for (const QJsonValue &v : array)
        if (v.toObject().value(key).toString() == value)
            return v.toObject();
    return {};
}

const QString kToken = QStringLiteral("workload");

} // namespace

class TestWorkload : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void services_data() { serverRows(); }
    void services();
    void operations_data() { serverRows(); }
    void operations();
    void performance_data() { serverRows(); }
    void performance();
    void errors_data() { serverRows(); }
    void errors();
    void traces_data() { serverRows(); }
    void traces();
    void dependencies_data() { serverRows(); }
    void dependencies();
    void impact_data() { serverRows(); }
    void impact();
    void resentWorkloadChangesNothing();

private:
    static void serverRows();
    testsupport::Reply get(int server, const QString &path);
    QJsonObject getJson(int server, const QString &path);
    bool post(int server, const QByteArray &body, QString *error);
    QList<const ModelSpan *> spansOf(const QString &service) const;

    QTemporaryDir m_dir;
    QNetworkAccessManager m_nam;
    std::unique_ptr<SpanlightdProcess> m_servers[2];
    Workload m_workload;
    QList<QByteArray> m_requests; // the OTLP bodies in sending order
    int m_calleeFirstRequests = 0;
};

void TestWorkload::serverRows()
{
    QTest::addColumn<int>("server");
    QTest::newRow("sent once") << 0;
    QTest::newRow("sent twice") << 1;
}

testsupport::Reply TestWorkload::get(int server, const QString &path)
{
    return testsupport::request(m_nam, "GET", m_servers[server]->apiPort(), path, {},
        { { "Authorization", "Bearer " + kToken.toUtf8() } });
}

QJsonObject TestWorkload::getJson(int server, const QString &path)
{
    const testsupport::Reply r = get(server, path);
    if (r.status != 200)
        qWarning() << "GET" << path << "answered" << r.status << r.body.left(300);
    return r.status == 200 ? r.json() : QJsonObject();
}

bool TestWorkload::post(int server, const QByteArray &body, QString *error)
{
    const testsupport::Reply r = testsupport::request(m_nam, "POST", m_servers[server]->otlpHttpPort(),
        QStringLiteral("/v1/traces"), body, { { "Content-Type", "application/x-protobuf" } });
    if (r.status != 200) {
        *error = QStringLiteral("POST /v1/traces answered %1: %2")
                     .arg(r.status)
                     .arg(QString::fromUtf8(r.body.left(300)));
        return false;
    }
    collector::ExportTraceServiceResponse response;
    if (!response.ParseFromArray(r.body.constData(), int(r.body.size()))) {
        *error = QStringLiteral("the answer is not an ExportTraceServiceResponse");
        return false;
    }
    if (response.partial_success().rejected_spans() != 0) {
        *error = QStringLiteral("%1 spans rejected: %2")
                     .arg(response.partial_success().rejected_spans())
                     .arg(QString::fromStdString(response.partial_success().error_message()));
        return false;
    }
    return true;
}

QList<const ModelSpan *> TestWorkload::spansOf(const QString &service) const
{
    QList<const ModelSpan *> out;
    for (const ModelSpan &s : m_workload.spans)
        if (s.service == service)
            out.append(&s);
    return out;
}

static void encodeSpan(const ModelSpan &m, otlp::Span *s)
{
    s->set_trace_id(m.traceId.toStdString());
    s->set_span_id(m.spanId.toStdString());
    if (!m.parentId.isEmpty())
        s->set_parent_span_id(m.parentId.toStdString());
    s->set_name(m.name.toStdString());
    s->set_kind(otlp::Span::SpanKind(m.kind));
    s->set_start_time_unix_nano(quint64(m.startNs));
    s->set_end_time_unix_nano(quint64(m.endNs));
    for (const Attribute &a : m.attributes) {
        common::KeyValue *kv = s->add_attributes();
        kv->set_key(a.key.toStdString());
        if (std::holds_alternative<QString>(a.value))
            kv->mutable_value()->set_string_value(std::get<QString>(a.value).toStdString());
        else
            kv->mutable_value()->set_int_value(std::get<qint64>(a.value));
    }
    if (!m.exceptionType.isEmpty()) {
        otlp::Span::Event *e = s->add_events();
        e->set_time_unix_nano(quint64(m.startNs + m.durationNs() / 2));
        e->set_name("exception");
        auto add = [e](const char *key, const QString &value) {
            common::KeyValue *kv = e->add_attributes();
            kv->set_key(key);
            kv->mutable_value()->set_string_value(value.toStdString());
        };
        add("exception.type", m.exceptionType);
        add("exception.message", m.exceptionMessage);
        add("exception.stacktrace", m.exceptionStack);
    }
    if (m.error) {
        s->mutable_status()->set_code(otlp::Status::STATUS_CODE_ERROR);
        s->mutable_status()->set_message(m.statusMessage.toStdString());
    }
}

void TestWorkload::initTestCase()
{
    QVERIFY(m_dir.isValid());
    if (qEnvironmentVariableIsEmpty("SPANLIGHTD_BIN"))
        QSKIP("SPANLIGHTD_BIN is not set (run through ctest)");

    const qint64 nowNs = QDateTime::currentMSecsSinceEpoch() * 1000000;
    m_workload = WorkloadModel(20240604).build(130, nowNs);
    QCOMPARE(m_workload.services,
        QStringList({ QStringLiteral("checkout"), QStringLiteral("frontend"), QStringLiteral("inventory"),
            QStringLiteral("payment"), QStringLiteral("reports"), QStringLiteral("users") }));
    // The model is what the figures are checked against: make sure it says what it should.
    QHash<QByteArray, const ModelSpan *> byId;
    for (const ModelSpan &s : std::as_const(m_workload.spans))
        byId.insert(s.traceId + s.spanId, &s);
    QHash<QString, qint64> repeats;
    for (const ModelSpan &s : std::as_const(m_workload.spans)) {
        QVERIFY(s.endNs > s.startNs);
        QVERIFY(s.startNs > nowNs - ms(300000) && s.endNs < nowNs);
        if (!s.isRoot()) {
            const ModelSpan *p = byId.value(s.traceId + s.parentId);
            QVERIFY(p);
            QVERIFY2(p->startNs <= s.startNs && s.endNs <= p->endNs, "a child outside its parent");
            if (p->service != s.service)
                QVERIFY2(p->kind == Client && s.kind == Server, "a call that is not CLIENT -> SERVER");
        }
        if (s.error)
            ++repeats[sameErrorKey(s)];
    }
    bool repeatedEnough = false, rare = false;
    for (const ModelSpan &s : std::as_const(m_workload.spans)) {
        if (!s.error)
            continue;
        QVERIFY(!expectedErrorType(s).startsWith(u'('));
        repeatedEnough |= !s.isRoot() && repeats.value(sameErrorKey(s)) >= 10;
        rare |= repeats.value(sameErrorKey(s)) < 10;
    }
    QVERIFY2(repeatedEnough && rare, "the seed must give errors on both sides of the repeat threshold");

    // One request per service per chunk of traces, as each service's SDK would send them; for
    // every other chunk callees go first, so their parents arrive later.
    const QStringList callerFirst
        = { QStringLiteral("frontend"), QStringLiteral("reports"), QStringLiteral("checkout"),
              QStringLiteral("users"), QStringLiteral("inventory"), QStringLiteral("payment") };
    QStringList calleeFirst = callerFirst;
    std::reverse(calleeFirst.begin(), calleeFirst.end());
    constexpr int kTracesPerChunk = 13;
    for (int chunk = 0; chunk * kTracesPerChunk < m_workload.traces; ++chunk) {
        const QStringList &order = chunk % 2 == 0 ? calleeFirst : callerFirst;
        for (const QString &service : order) {
            collector::ExportTraceServiceRequest request;
            otlp::ResourceSpans *rs = request.add_resource_spans();
            common::KeyValue *name = rs->mutable_resource()->add_attributes();
            name->set_key("service.name");
            name->mutable_value()->set_string_value(service.toStdString());
            common::KeyValue *version = rs->mutable_resource()->add_attributes();
            version->set_key("service.version");
            version->mutable_value()->set_string_value("1.0.0");
            otlp::ScopeSpans *ss = rs->add_scope_spans();
            ss->mutable_scope()->set_name("spanlight.workload");
            for (const ModelSpan &s : std::as_const(m_workload.spans))
                if (s.service == service && s.trace / kTracesPerChunk == chunk)
                    encodeSpan(s, ss->add_spans());
            if (ss->spans_size() == 0)
                continue;
            const std::string bytes = request.SerializeAsString();
            m_requests.append(QByteArray(bytes.data(), qsizetype(bytes.size())));
            m_calleeFirstRequests += chunk % 2 == 0 ? 1 : 0;
        }
    }
    QVERIFY(m_calleeFirstRequests > 0 && m_calleeFirstRequests < m_requests.size());

    for (int i = 0; i < 2; ++i) {
        // Each its own folder: its own store and settings file.
        const QString dir = m_dir.filePath(QStringLiteral("server-%1").arg(i));
        QVERIFY(QDir().mkpath(dir));
        QProcessEnvironment env
            = SpanlightdProcess::testEnvironment(dir, QStringLiteral("workload.db"), kToken);
        env.insert(QStringLiteral("TRACE_SAMPLING_RATE"), QStringLiteral("1"));
        env.insert(QStringLiteral("MAX_TRACES_PER_SECOND"), QStringLiteral("0"));
        m_servers[i] = std::make_unique<SpanlightdProcess>(env);
        QString error;
        QVERIFY2(m_servers[i]->start(&error), qPrintable(error));
    }
    // A 200 means committed: the figures can be read right after the last answer.
    QString error;
    for (const QByteArray &body : std::as_const(m_requests))
        QVERIFY2(post(0, body, &error), qPrintable(error));
    for (int round = 0; round < 2; ++round)
        for (const QByteArray &body : std::as_const(m_requests))
            QVERIFY2(post(1, body, &error), qPrintable(error));
    const qsizetype failedSpans = std::count_if(
        m_workload.spans.cbegin(), m_workload.spans.cend(), [](const ModelSpan &s) { return s.error; });
    qInfo("%d traces, %lld spans (%lld failed), %lld requests (%d callee-first) per round", m_workload.traces,
        qlonglong(m_workload.spans.size()), qlonglong(failedSpans), qlonglong(m_requests.size()),
        m_calleeFirstRequests);
}

void TestWorkload::cleanupTestCase()
{
    for (auto &server : m_servers)
        if (server)
            QVERIFY2(server->terminate(), qPrintable(server->log()));
}

void TestWorkload::services()
{
    QFETCH(int, server);
    const QJsonObject got = getJson(server, QStringLiteral("/services"));
    const QJsonArray list = got.value(QStringLiteral("services")).toArray();

    QSet<QByteArray> traces;
    for (const ModelSpan &s : std::as_const(m_workload.spans))
        traces.insert(s.traceId);
    QCOMPARE(got.value(QStringLiteral("total_services")).toInteger(), qint64(m_workload.services.size()));
    QCOMPARE(got.value(QStringLiteral("total_spans")).toInteger(), qint64(m_workload.spans.size()));
    QCOMPARE(got.value(QStringLiteral("total_traces")).toInteger(), qint64(traces.size()));
    QStringList names;
    for (const QJsonValue &v : list)
        names.append(v.toObject().value(QStringLiteral("name")).toString());
    QCOMPARE(names.join(u','), m_workload.services.join(u',')); // by name

    for (const QString &service : std::as_const(m_workload.services)) {
        Figures all;
        QSet<QByteArray> serviceTraces;
        QMap<QString, Figures> operations;
        for (const ModelSpan *s : spansOf(service)) {
            all.add(*s);
            serviceTraces.insert(s->traceId);
            operations[s->name].add(*s);
        }
        const QJsonObject g = byKey(list, QStringLiteral("name"), service);
        const QString at = QStringLiteral("/services ") + service;
        QCOMPARE(g.value(QStringLiteral("spans_count")).toInteger(), all.count);
        QCOMPARE(g.value(QStringLiteral("traces_count")).toInteger(), qint64(serviceTraces.size()));
        CHECK_NEAR(g.value(QStringLiteral("error_rate")).toDouble(), all.errorRate(), kExactRate,
            at + QStringLiteral(" error_rate"));
        CHECK_NEAR(g.value(QStringLiteral("avg_duration_ms")).toDouble(), all.avgMs(), kExactMs,
            at + QStringLiteral(" avg_duration_ms"));
        QCOMPARE(g.value(QStringLiteral("last_trace")).toString(), isoUtc(all.lastStartNs));

        // Most spans first, then by name.
        QStringList expectedOrder = operations.keys();
        std::stable_sort(expectedOrder.begin(), expectedOrder.end(),
            [&](const QString &a, const QString &b) { return operations[a].count > operations[b].count; });
        const QJsonArray ops = g.value(QStringLiteral("operations")).toArray();
        QStringList order;
        for (const QJsonValue &v : ops)
            order.append(v.toObject().value(QStringLiteral("name")).toString());
        QCOMPARE(order.join(u','), expectedOrder.join(u','));
        for (auto it = operations.cbegin(); it != operations.cend(); ++it) {
            const QJsonObject o = byKey(ops, QStringLiteral("name"), it.key());
            const QString opAt = at + QStringLiteral(" operation ") + it.key();
            QCOMPARE(o.value(QStringLiteral("count")).toInteger(), it->count);
            CHECK_NEAR(o.value(QStringLiteral("error_rate")).toDouble(), it->errorRate(), kExactRate,
                opAt + QStringLiteral(" error_rate"));
            CHECK_NEAR(o.value(QStringLiteral("avg_duration_ms")).toDouble(), it->avgMs(), kExactMs,
                opAt + QStringLiteral(" avg_duration_ms"));
        }
    }
}

void TestWorkload::operations()
{
    QFETCH(int, server);
    for (const QString &service : std::as_const(m_workload.services)) {
        QMap<QString, Figures> operations;
        QMap<QString, QSet<QString>> kinds;
        for (const ModelSpan *s : spansOf(service)) {
            operations[s->name].add(*s);
            kinds[s->name].insert(kindName(s->kind));
        }
        const QJsonObject got = getJson(server, QStringLiteral("/services/%1/operations").arg(service));
        QCOMPARE(got.value(QStringLiteral("service_name")).toString(), service);
        const QJsonArray ops = got.value(QStringLiteral("operations")).toArray();
        QCOMPARE(ops.size(), operations.size());
        for (auto it = operations.cbegin(); it != operations.cend(); ++it) {
            const QJsonObject o = byKey(ops, QStringLiteral("name"), it.key());
            const QString at = QStringLiteral("/services/%1/operations %2").arg(service, it.key());
            QCOMPARE(o.value(QStringLiteral("count")).toInteger(), it->count);
            CHECK_NEAR(o.value(QStringLiteral("error_rate")).toDouble(), it->errorRate(), kExactRate,
                at + QStringLiteral(" error_rate"));
            CHECK_NEAR(o.value(QStringLiteral("avg_duration_ms")).toDouble(), it->avgMs(), kExactMs,
                at + QStringLiteral(" avg_duration_ms"));
            CHECK_PERCENTILE(o.value(QStringLiteral("p95_duration_ms")).toDouble(), it->percentileMs(95),
                at + QStringLiteral(" p95_duration_ms"));
            QStringList expectedKinds = kinds.value(it.key()).values();
            std::sort(expectedKinds.begin(), expectedKinds.end());
            QCOMPARE(strings(o.value(QStringLiteral("span_kinds"))).join(u','), expectedKinds.join(u','));
        }
    }
}

void TestWorkload::performance()
{
    QFETCH(int, server);
    for (const QString &service : std::as_const(m_workload.services)) {
        Figures requests;
        QMap<QString, Figures> operations;
        for (const ModelSpan *s : spansOf(service)) {
            if (!s->isEntry())
                continue;
            requests.add(*s);
            operations[s->name].add(*s);
        }
        QVERIFY(requests.count > 0);
        const QJsonObject got
            = getJson(server, QStringLiteral("/services/%1/performance?time_range=1h").arg(service));
        const QString at = QStringLiteral("/services/%1/performance").arg(service);
        QCOMPARE(got.value(QStringLiteral("service_name")).toString(), service);
        QCOMPARE(got.value(QStringLiteral("time_range")).toString(), QStringLiteral("1h"));
        QCOMPARE(got.value(QStringLiteral("total_requests")).toInteger(), requests.count);
        QCOMPARE(got.value(QStringLiteral("failed_requests")).toInteger(), requests.errors);
        QCOMPARE(
            got.value(QStringLiteral("successful_requests")).toInteger(), requests.count - requests.errors);
        CHECK_NEAR(got.value(QStringLiteral("error_rate")).toDouble(), requests.errorRate(), kExactRate,
            at + QStringLiteral(" error_rate"));
        CHECK_NEAR(got.value(QStringLiteral("avg_response_time_ms")).toDouble(), requests.avgMs(), kExactMs,
            at + QStringLiteral(" avg_response_time_ms"));
        CHECK_PERCENTILE(got.value(QStringLiteral("p50_response_time_ms")).toDouble(),
            requests.percentileMs(50), at + QStringLiteral(" p50"));
        CHECK_PERCENTILE(got.value(QStringLiteral("p95_response_time_ms")).toDouble(),
            requests.percentileMs(95), at + QStringLiteral(" p95"));
        CHECK_PERCENTILE(got.value(QStringLiteral("p99_response_time_ms")).toDouble(),
            requests.percentileMs(99), at + QStringLiteral(" p99"));
        // Requests per second of the whole hour.
        CHECK_NEAR(got.value(QStringLiteral("throughput_per_second")).toDouble(),
            double(requests.count) / 3600.0, 1e-12, at + QStringLiteral(" throughput_per_second"));
        const QJsonArray ops = got.value(QStringLiteral("operations")).toArray();
        QCOMPARE(ops.size(), operations.size());
        for (auto it = operations.cbegin(); it != operations.cend(); ++it) {
            const QJsonObject o = byKey(ops, QStringLiteral("name"), it.key());
            QCOMPARE(o.value(QStringLiteral("count")).toInteger(), it->count);
            CHECK_NEAR(o.value(QStringLiteral("error_rate")).toDouble(), it->errorRate(), kExactRate,
                at + u' ' + it.key());
            CHECK_NEAR(o.value(QStringLiteral("avg_duration_ms")).toDouble(), it->avgMs(), kExactMs,
                at + u' ' + it.key());
        }
    }
}

void TestWorkload::errors()
{
    QFETCH(int, server);
    QHash<QString, qint64> repeats;
    QList<const ModelSpan *> failed;
    for (const ModelSpan &s : std::as_const(m_workload.spans)) {
        if (!s.error)
            continue;
        failed.append(&s);
        ++repeats[sameErrorKey(s)];
    }
    QVERIFY(failed.size() <= 1000); // all of them on one page

    const QJsonObject got = getJson(server, QStringLiteral("/errors?limit=1000"));
    QCOMPARE(got.value(QStringLiteral("total_count")).toInteger(), qint64(failed.size()));
    const QJsonArray errors = got.value(QStringLiteral("errors")).toArray();
    QCOMPARE(errors.size(), failed.size());

    QHash<QString, QJsonObject> byErrorId;
    QString previous;
    for (const QJsonValue &v : errors) {
        const QJsonObject e = v.toObject();
        byErrorId.insert(e.value(QStringLiteral("error_id")).toString(), e);
        // Newest first (the timestamps' fixed-width ISO text sorts like the time).
        const QString timestamp = e.value(QStringLiteral("timestamp")).toString();
        QVERIFY2(previous.isEmpty() || timestamp <= previous, "errors are not newest first");
        previous = timestamp;
    }
    QCOMPARE(byErrorId.size(), failed.size());

    struct TypeCount
    {
        qint64 count = 0;
        int severity = 0;
    };
    QMap<QString, TypeCount> types;
    QMap<QString, Figures> services;
    for (const ModelSpan *s : std::as_const(failed)) {
        const QString id = QString::fromLatin1(s->traceId.toHex() + s->spanId.toHex());
        const QJsonObject e = byErrorId.value(id);
        QVERIFY2(
            !e.isEmpty(), qPrintable(QStringLiteral("no error for %1 %2 (%3)").arg(s->service, s->name, id)));
        const QString type = expectedErrorType(*s);
        const int severity = expectedSeverity(*s, repeats.value(sameErrorKey(*s)));
        const QString at = QStringLiteral("/errors %1 %2 %3").arg(s->service, s->name, id);
        QCOMPARE(e.value(QStringLiteral("trace_id")).toString(), QString::fromLatin1(s->traceId.toHex()));
        QCOMPARE(e.value(QStringLiteral("span_id")).toString(), QString::fromLatin1(s->spanId.toHex()));
        QCOMPARE(e.value(QStringLiteral("service_name")).toString(), s->service);
        QCOMPARE(e.value(QStringLiteral("operation_name")).toString(), s->name);
        QVERIFY2(e.value(QStringLiteral("error_type")).toString() == type,
            qPrintable(at
                + QStringLiteral(": type %1, expected %2")
                      .arg(e.value(QStringLiteral("error_type")).toString(), type)));
        QCOMPARE(e.value(QStringLiteral("error_message")).toString(), expectedErrorMessage(*s));
        QVERIFY2(e.value(QStringLiteral("severity")).toString() == severityName(severity),
            qPrintable(at
                + QStringLiteral(": severity %1, expected %2 (%3 repeats)")
                      .arg(e.value(QStringLiteral("severity")).toString(), severityName(severity))
                      .arg(repeats.value(sameErrorKey(*s)))));
        QCOMPARE(e.value(QStringLiteral("stack_trace")).toString(), s->exceptionStack);
        QCOMPARE(e.contains(QStringLiteral("stack_trace")), !s->exceptionStack.isEmpty());
        QCOMPARE(e.value(QStringLiteral("timestamp")).toString(), isoUtc(s->startNs));
        TypeCount &t = types[type];
        ++t.count;
        t.severity = std::max(t.severity, severity);
        services[s->service].add(*s);
    }

    // Most frequent first, then by name; severity the most severe of the type.
    QList<std::pair<QString, TypeCount>> expectedTypes;
    for (auto it = types.cbegin(); it != types.cend(); ++it)
        expectedTypes.append({ it.key(), it.value() });
    std::stable_sort(expectedTypes.begin(), expectedTypes.end(),
        [](const auto &a, const auto &b) { return a.second.count > b.second.count; });
    const QJsonArray gotTypes = got.value(QStringLiteral("error_types")).toArray();
    QCOMPARE(gotTypes.size(), expectedTypes.size());
    for (qsizetype i = 0; i < gotTypes.size(); ++i) {
        const QJsonObject t = gotTypes[i].toObject();
        QCOMPARE(t.value(QStringLiteral("type")).toString(), expectedTypes[i].first);
        QCOMPARE(t.value(QStringLiteral("count")).toInteger(), expectedTypes[i].second.count);
        QCOMPARE(
            t.value(QStringLiteral("severity")).toString(), severityName(expectedTypes[i].second.severity));
    }

    QStringList expectedServices = services.keys();
    std::stable_sort(expectedServices.begin(), expectedServices.end(),
        [&](const QString &a, const QString &b) { return services[a].count > services[b].count; });
    const QJsonArray gotServices = got.value(QStringLiteral("services_with_errors")).toArray();
    QCOMPARE(gotServices.size(), expectedServices.size());
    for (qsizetype i = 0; i < gotServices.size(); ++i) {
        const QJsonObject s = gotServices[i].toObject();
        QCOMPARE(s.value(QStringLiteral("service_name")).toString(), expectedServices[i]);
        QCOMPARE(s.value(QStringLiteral("error_count")).toInteger(), services[expectedServices[i]].count);
        QCOMPARE(s.value(QStringLiteral("last_error")).toString(),
            isoUtc(services[expectedServices[i]].lastStartNs));
    }
}

// Each trace's summary is its root's, however late the root arrived.
void TestWorkload::traces()
{
    QFETCH(int, server);
    struct Trace
    {
        const ModelSpan *root = nullptr;
        qint64 spans = 0;
        qint64 startNs = std::numeric_limits<qint64>::max();
        qint64 endNs = 0;
        bool failed = false;
    };
    QMap<QString, Trace> traces;
    for (const ModelSpan &s : std::as_const(m_workload.spans)) {
        Trace &t = traces[QString::fromLatin1(s.traceId.toHex())];
        if (s.isRoot())
            t.root = &s;
        ++t.spans;
        t.startNs = std::min(t.startNs, s.startNs);
        t.endNs = std::max(t.endNs, s.endNs);
        t.failed |= s.error;
    }
    const QJsonObject got = getJson(server, QStringLiteral("/traces?limit=1000"));
    QCOMPARE(got.value(QStringLiteral("total_count")).toInteger(), qint64(traces.size()));
    const QJsonArray list = got.value(QStringLiteral("traces")).toArray();
    QCOMPARE(list.size(), traces.size());
    for (auto it = traces.cbegin(); it != traces.cend(); ++it) {
        const QJsonObject t = byKey(list, QStringLiteral("trace_id"), it.key());
        QVERIFY2(!t.isEmpty(), qPrintable(it.key()));
        QCOMPARE(t.value(QStringLiteral("service_name")).toString(), it->root->service);
        QCOMPARE(t.value(QStringLiteral("operation_name")).toString(), it->root->name);
        QCOMPARE(t.value(QStringLiteral("spans_count")).toInteger(), it->spans);
        QCOMPARE(t.value(QStringLiteral("start_time")).toString(), isoUtc(it->startNs));
        CHECK_NEAR(t.value(QStringLiteral("duration_ms")).toDouble(), double(it->endNs - it->startNs) / 1e6,
            kExactMs, it.key());
        // No error of the workload names a timeout.
        QCOMPARE(t.value(QStringLiteral("status")).toString(),
            it->failed ? QStringLiteral("error") : QStringLiteral("success"));
    }
}

void TestWorkload::dependencies()
{
    QFETCH(int, server);
    const testsupport::Reply reply = get(server, QStringLiteral("/dependencies?time_range=1h"));
    QCOMPARE(reply.status, 200);
    const QJsonObject got = reply.json();
    const Dependencies want = dependenciesOf(m_workload);

    // Nodes: every service and every external that has an edge.
    const QJsonObject graph = got.value(QStringLiteral("graph")).toObject();
    QMap<QString, QJsonObject> nodes;
    for (const QJsonValue &v : graph.value(QStringLiteral("nodes")).toArray())
        nodes.insert(v.toObject().value(QStringLiteral("id")).toString(), v.toObject());
    QCOMPARE(nodes.keys().join(QStringLiteral(", ")), want.nodeTypes.keys().join(QStringLiteral(", ")));
    for (auto it = nodes.cbegin(); it != nodes.cend(); ++it) {
        QCOMPARE(it->value(QStringLiteral("name")).toString(), want.nodeNames.value(it.key()));
        QCOMPARE(it->value(QStringLiteral("type")).toString(), want.nodeTypes.value(it.key()));
    }

    QMap<std::pair<QString, QString>, QJsonObject> edges;
    for (const QJsonValue &v : graph.value(QStringLiteral("edges")).toArray()) {
        const QJsonObject e = v.toObject();
        const std::pair<QString, QString> key(
            e.value(QStringLiteral("source")).toString(), e.value(QStringLiteral("target")).toString());
        QVERIFY2(!edges.contains(key),
            qPrintable(QStringLiteral("edge %1 -> %2 twice").arg(key.first, key.second)));
        edges.insert(key, e);
    }
    auto edgeNames = [](const auto &map) {
        QStringList out;
        for (auto it = map.cbegin(); it != map.cend(); ++it)
            out.append(it.key().first + QStringLiteral(" -> ") + it.key().second);
        return out.join(QStringLiteral(", "));
    };
    QCOMPARE(edgeNames(edges), edgeNames(want.edges));
    for (auto it = want.edges.cbegin(); it != want.edges.cend(); ++it) {
        const QJsonObject e = edges.value(it.key());
        const QString at = QStringLiteral("edge %1 -> %2").arg(it.key().first, it.key().second);
        QVERIFY2(e.value(QStringLiteral("weight")).toInteger() == it->count,
            qPrintable(at
                + QStringLiteral(": weight %1, expected %2")
                      .arg(e.value(QStringLiteral("weight")).toInteger())
                      .arg(it->count)));
        CHECK_NEAR(e.value(QStringLiteral("avg_latency_ms")).toDouble(), it->avgMs(), 0.01,
            at + QStringLiteral(" avg_latency_ms"));
        CHECK_NEAR(e.value(QStringLiteral("error_rate")).toDouble(), it->errorRate(), kExactRate,
            at + QStringLiteral(" error_rate"));
    }

    // Services (services only): edge targets and sources by name, sorted; their requests.
    const QJsonArray services = got.value(QStringLiteral("services")).toArray();
    QCOMPARE(services.size(), m_workload.services.size());
    for (const QString &service : std::as_const(m_workload.services)) {
        QStringList dependencies, dependents;
        for (auto it = want.edges.cbegin(); it != want.edges.cend(); ++it) {
            if (it.key().first == service)
                dependencies.append(want.nodeNames.value(it.key().second));
            if (it.key().second == service)
                dependents.append(it.key().first);
        }
        std::sort(dependencies.begin(), dependencies.end());
        std::sort(dependents.begin(), dependents.end());
        Figures requests;
        for (const ModelSpan *s : spansOf(service))
            if (s->isEntry())
                requests.add(*s);
        const QJsonObject s = byKey(services, QStringLiteral("name"), service);
        const QString at = QStringLiteral("/dependencies service ") + service;
        QVERIFY2(!s.isEmpty(), qPrintable(at));
        QCOMPARE(strings(s.value(QStringLiteral("dependencies"))).join(u','), dependencies.join(u','));
        QCOMPARE(strings(s.value(QStringLiteral("dependents"))).join(u','), dependents.join(u','));
        QCOMPARE(s.value(QStringLiteral("call_count")).toInteger(), requests.count);
        CHECK_NEAR(s.value(QStringLiteral("avg_latency_ms")).toDouble(), requests.avgMs(), 0.01,
            at + QStringLiteral(" avg_latency_ms"));
        CHECK_NEAR(s.value(QStringLiteral("error_rate")).toDouble(), requests.errorRate(), kExactRate,
            at + QStringLiteral(" error_rate"));
    }

    // Critical paths: only their structure.
    QSet<QString> hasDependents;
    for (auto it = want.edges.cbegin(); it != want.edges.cend(); ++it)
        hasDependents.insert(it.key().second);
    const QJsonArray paths = got.value(QStringLiteral("critical_paths")).toArray();
    QVERIFY(!paths.isEmpty());
    QVERIFY(paths.size() <= 5);
    double previousLatency = std::numeric_limits<double>::infinity();
    for (const QJsonValue &v : paths) {
        const QJsonObject p = v.toObject();
        const QStringList path = strings(p.value(QStringLiteral("path")));
        QVERIFY(!path.isEmpty());
        QCOMPARE(want.nodeTypes.value(path.first()), QStringLiteral("service"));
        QVERIFY2(!hasDependents.contains(path.first()),
            qPrintable(path.first() + QStringLiteral(" has dependents")));
        for (qsizetype i = 1; i < path.size(); ++i)
            QVERIFY2(want.edges.contains({ path[i - 1], path[i] }),
                qPrintable(QStringLiteral("no edge %1 -> %2").arg(path[i - 1], path[i])));
        const QString bottleneck = p.value(QStringLiteral("bottleneck_service")).toString();
        QVERIFY2(path.contains(bottleneck),
            qPrintable(bottleneck + QStringLiteral(" is not on ") + path.join(u',')));
        const double latency = p.value(QStringLiteral("total_latency_ms")).toDouble();
        QVERIFY(latency > 0);
        QVERIFY(latency <= previousLatency);
        previousLatency = latency;
    }
}

void TestWorkload::impact()
{
    QFETCH(int, server);
    const testsupport::Reply reply
        = get(server, QStringLiteral("/dependencies/checkout/impact?time_range=1h"));
    QCOMPARE(reply.status, 200);
    const QJsonObject got = reply.json();
    const Dependencies want = dependenciesOf(m_workload);
    const QString service = QStringLiteral("checkout");

    QStringList dependencies, dependents;
    QMultiHash<QString, QString> callers; // target -> source, services only
    QSet<QString> hasDependents;
    for (auto it = want.edges.cbegin(); it != want.edges.cend(); ++it) {
        if (it.key().first == service)
            dependencies.append(want.nodeNames.value(it.key().second));
        if (it.key().second == service)
            dependents.append(it.key().first);
        callers.insert(it.key().second, it.key().first);
        hasDependents.insert(it.key().second);
    }
    std::sort(dependencies.begin(), dependencies.end());
    std::sort(dependents.begin(), dependents.end());
    QSet<QString> transitive;
    QStringList queue = { service };
    while (!queue.isEmpty()) {
        const QString next = queue.takeFirst();
        for (const QString &caller : callers.values(next))
            if (!transitive.contains(caller)) {
                transitive.insert(caller);
                queue.append(caller);
            }
    }
    QStringList transitiveSorted = transitive.values();
    std::sort(transitiveSorted.begin(), transitiveSorted.end());

    QHash<QString, Figures> requests;
    for (const ModelSpan &s : std::as_const(m_workload.spans))
        if (s.isEntry())
            requests[s.service].add(s);
    qint64 reached = 0, all = 0;
    for (const QString &root : std::as_const(m_workload.services)) {
        if (hasDependents.contains(root))
            continue;
        all += requests.value(root).count;
        if (root == service || transitive.contains(root))
            reached += requests.value(root).count;
    }
    QVERIFY(reached > 0 && reached < all); // frontend reaches checkout, reports does not

    QCOMPARE(strings(got.value(QStringLiteral("dependencies"))).join(u','), dependencies.join(u','));
    QCOMPARE(strings(got.value(QStringLiteral("dependents"))).join(u','), dependents.join(u','));
    QCOMPARE(
        strings(got.value(QStringLiteral("transitive_dependents"))).join(u','), transitiveSorted.join(u','));
    QCOMPARE(got.value(QStringLiteral("call_count")).toInteger(), requests.value(service).count);
    CHECK_NEAR(got.value(QStringLiteral("error_rate")).toDouble(), requests.value(service).errorRate(),
        kExactRate, QStringLiteral("impact error_rate"));
    CHECK_NEAR(got.value(QStringLiteral("avg_latency_ms")).toDouble(), requests.value(service).avgMs(), 0.01,
        QStringLiteral("impact avg_latency_ms"));
    CHECK_NEAR(got.value(QStringLiteral("impact_score")).toDouble(), double(reached) / double(all),
        kExactRate, QStringLiteral("impact_score"));
}

// The server that took every request twice shows exactly what the other shows.
void TestWorkload::resentWorkloadChangesNothing()
{
    QStringList paths = { QStringLiteral("/services") };
    for (const QString &service : std::as_const(m_workload.services)) {
        paths.append(QStringLiteral("/services/%1/operations").arg(service));
        paths.append(QStringLiteral("/services/%1/performance?time_range=1h").arg(service));
    }
    for (const QString &path : std::as_const(paths)) {
        const QJsonObject once = getJson(0, path);
        QVERIFY2(!once.isEmpty(), qPrintable(path));
        QVERIFY2(once == getJson(1, path), qPrintable(path));
    }
    // Lists: the same elements (equal timestamps may come in either order).
    auto elements = [this](int server, const QString &path, const QString &list, const QString &id) {
        QMap<QString, QJsonObject> out;
        for (const QJsonValue &v : getJson(server, path).value(list).toArray())
            out.insert(v.toObject().value(id).toString(), v.toObject());
        return out;
    };
    const auto errorsOnce = elements(
        0, QStringLiteral("/errors?limit=1000"), QStringLiteral("errors"), QStringLiteral("error_id"));
    QVERIFY(!errorsOnce.isEmpty());
    QVERIFY(errorsOnce
        == elements(
            1, QStringLiteral("/errors?limit=1000"), QStringLiteral("errors"), QStringLiteral("error_id")));
    const auto tracesOnce = elements(
        0, QStringLiteral("/traces?limit=1000"), QStringLiteral("traces"), QStringLiteral("trace_id"));
    QCOMPARE(tracesOnce.size(), m_workload.traces);
    QVERIFY(tracesOnce
        == elements(
            1, QStringLiteral("/traces?limit=1000"), QStringLiteral("traces"), QStringLiteral("trace_id")));
    QJsonObject errorsOnceSummary = getJson(0, QStringLiteral("/errors?limit=1"));
    QJsonObject errorsTwiceSummary = getJson(1, QStringLiteral("/errors?limit=1"));
    errorsOnceSummary.remove(QStringLiteral("errors"));
    errorsTwiceSummary.remove(QStringLiteral("errors"));
    QCOMPARE(errorsTwiceSummary, errorsOnceSummary);
}

QTEST_GUILESS_MAIN(TestWorkload)
#include "tst_workload.moc"
