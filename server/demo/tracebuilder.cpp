#include "tracebuilder.h"

#include "rng.h"
#include "shop.h"

namespace spanlight::demo {

namespace {

const qint64 kMsNs = 1000000;

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


} // namespace

class TraceBuilder::Impl
{
public:
    Impl(const Shop &shop, Rng &rng, Counters &counters)
        : m_shop(shop)
        , m_rng(rng)
        , m_counters(counters)
    { }

    QList<Span> build(qint64 startNs, const TraceShape &shape)
    {
        m_spans.clear();
        m_shape = shape;
        m_budget = shape.spanBudget;
        m_traceId = m_rng.bytes(16);
        Entry chosen { shape.service, shape.operation, 1 };
        const Entry *entry = &chosen;
        if (shape.service.isEmpty()) { // draws exactly what the benchmark always drew
            int pick = m_rng.between(1, m_shop.entryWeights);
            entry = &m_shop.entries.constFirst();
            for (const Entry &e : m_shop.entries) {
                if ((pick -= e.weight) <= 0) {
                    entry = &e;
                    break;
                }
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

    // A step's duration; the shape's slow step takes slowFactor times as long. The draw is the
    // same either way, so a shape changes no other span.
    qint64 stepDuration(const Step &step, double sigma = 0.5)
    {
        const qint64 ns = m_rng.durationNs(step.medianMs, sigma);
        return step.name == m_shape.slowStep ? qint64(double(ns) * m_shape.slowFactor) : ns;
    }

    // Draws only for the shape's failing step, so the default shape draws what it always drew.
    bool forcedFailure(const Step &step)
    {
        return !m_shape.failStep.isEmpty() && step.name == m_shape.failStep && m_rng.chance(m_shape.failRate);
    }

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
        span.endTimeUnixNano = startNs + stepDuration(step);
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
        if (m_rng.chance(0.025) || forcedFailure(step)) {
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
        span.endTimeUnixNano = startNs + stepDuration(step, 0.6);
        const bool payments = step.name.contains(QLatin1String("charges"));
        const QString host
            = payments ? QStringLiteral("api.payments.example") : QStringLiteral("api.mail.example");
        int status = 200;
        if (m_rng.chance(0.03))
            status = m_rng.chance(0.5) ? 503 : 429;
        if (forcedFailure(step))
            status = 503;
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
                    span.endTimeUnixNano = cursor + stepDuration(step);
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
    TraceShape m_shape;
    QList<Span> m_spans;
    QByteArray m_traceId;
    int m_budget = 60;
};

TraceBuilder::TraceBuilder(const Shop &shop, Rng &rng, Counters &counters)
    : m_impl(std::make_unique<Impl>(shop, rng, counters))
{ }

TraceBuilder::~TraceBuilder() = default;

QList<Span> TraceBuilder::build(qint64 startNs, const TraceShape &shape)
{
    return m_impl->build(startNs, shape);
}

} // namespace spanlight::demo
