#include "faultworkload.h"

#include "rng.h"

namespace spanlight::demo {

namespace {

const qint64 kMs = 1000000;

class Builder
{
public:
    Builder(Rng &rng, QList<Span> &out)
        : m_rng(rng),
          m_out(out)
    { }

    // A span of `service` starting at `start`; its end is set by the caller.
    Span &open(const Span *parent, const char *service, const char *version, const char *name, SpanKind kind,
        qint64 start)
    {
        Span s;
        s.traceId = parent ? parent->traceId : m_rng.bytes(16);
        s.spanId = m_rng.bytes(8);
        if (parent)
            s.parentSpanId = parent->spanId;
        s.serviceName = QLatin1String(service);
        s.resourceAttributes.insert(QStringLiteral("service.name"), s.serviceName);
        s.resourceAttributes.insert(QStringLiteral("service.version"), QLatin1String(version));
        s.name = QLatin1String(name);
        s.kind = kind;
        s.startTimeUnixNano = start;
        s.endTimeUnixNano = start;
        m_out.append(s);
        return m_out.last();
    }
    qint64 jitter(double ms) { return qint64(ms * (0.9 + 0.2 * m_rng.uniform()) * double(kMs)); }
    bool chance(double p) { return m_rng.chance(p); }

private:
    Rng &m_rng;
    QList<Span> &m_out;
};

void fail(Span &s, const QString &type, const QString &message)
{
    s.statusCode = StatusCode::Error;
    s.statusMessage = message;
    if (type.isEmpty())
        return;
    SpanEvent e;
    e.name = QStringLiteral("exception");
    e.timeUnixNano = s.endTimeUnixNano;
    e.attributes.insert(QStringLiteral("exception.type"), type);
    e.attributes.insert(QStringLiteral("exception.message"), message);
    s.events.append(e);
}

} // namespace

QList<QList<Span>> FaultWorkload::traces() const
{
    QList<QList<Span>> out;
    Rng rng(seed);
    const qint64 step = qint64(60) * 1000 * kMs / std::max(1, tracesPerMinute);
    int n = 0;
    for (qint64 t = fromNs; t < toNs; t += step, ++n) {
        QList<Span> spans;
        spans.reserve(20);
        Builder b(rng, spans);
        // Indices, not references: appending may move the list.
        if (n % 2 == 0) {
            const bool newVersion = versionChangeNs && t >= *versionChangeNs;
            const bool burst = errorBurst && t >= errorBurst->first && t < errorBurst->second;
            b.open(nullptr, "frontend", "2.0.0", "GET /checkout", SpanKind::Server, t);
            b.open(&spans[0], "checkout", newVersion ? "1.5.0" : "1.4.0", "POST /checkout", SpanKind::Server,
                t + b.jitter(1));
            qint64 at = spans[1].startTimeUnixNano + b.jitter(newVersion ? 10 + kVersionStepMs : 10);
            b.open(&spans[1], "inventory", "3.1.0", "reserve", SpanKind::Server, at);
            b.open(&spans[2], "inventory-db", "15", "UPDATE stock", SpanKind::Client, at + b.jitter(1));
            spans[3].attributes.insert(QStringLiteral("db.system"), QStringLiteral("postgresql"));
            spans[3].attributes.insert(
                QStringLiteral("db.statement"), QStringLiteral("UPDATE stock SET held = held + 1 WHERE sku = ?"));
            spans[3].endTimeUnixNano = spans[3].startTimeUnixNano + b.jitter(5);
            const bool deadlock = burst && b.chance(0.6);
            if (deadlock)
                fail(spans[3], QStringLiteral("DeadlockDetected"), QStringLiteral("deadlock detected on stock"));
            spans[2].endTimeUnixNano = spans[3].endTimeUnixNano + b.jitter(1);
            if (deadlock)
                fail(spans[2], {}, QStringLiteral("reservation failed"));
            at = spans[2].endTimeUnixNano + b.jitter(1);
            if (!deadlock) {
                b.open(&spans[1], "payment", "0.9.2", "charge", SpanKind::Server, at);
                spans[4].endTimeUnixNano = at + b.jitter(15);
                at = spans[4].endTimeUnixNano;
            }
            spans[1].endTimeUnixNano = at + b.jitter(10);
            spans[0].endTimeUnixNano = spans[1].endTimeUnixNano + b.jitter(1);
            if (deadlock) {
                fail(spans[1], QStringLiteral("ReservationError"), QStringLiteral("could not reserve stock"));
                fail(spans[0], {}, QStringLiteral("checkout failed"));
            }
        } else {
            b.open(nullptr, "frontend", "2.0.0", "GET /cart", SpanKind::Server, t);
            b.open(&spans[0], "cart", "1.0.0", "GET /cart/items", SpanKind::Server, t + b.jitter(1));
            qint64 at = spans[1].startTimeUnixNano + b.jitter(2);
            const int calls = nPlusOne ? kNPlusOneCalls : 1;
            for (int i = 0; i < calls; ++i) {
                const qsizetype parent = 1;
                Span &q = b.open(&spans[parent], "cart-db", "7", nPlusOne ? "SELECT item" : "SELECT items",
                    SpanKind::Client, at);
                q.attributes.insert(QStringLiteral("db.system"), QStringLiteral("redis"));
                q.attributes.insert(QStringLiteral("db.statement"),
                    nPlusOne ? QStringLiteral("GET item:?") : QStringLiteral("MGET items:?"));
                q.endTimeUnixNano = at + b.jitter(3);
                at = q.endTimeUnixNano + b.jitter(0.2);
            }
            spans[1].endTimeUnixNano = at + b.jitter(2);
            spans[0].endTimeUnixNano = spans[1].endTimeUnixNano + b.jitter(1);
        }
        out.append(spans);
    }
    return out;
}

bool FaultWorkload::writeTo(Store &store, QString *error) const
{
    QList<Span> batch;
    auto flush = [&] {
        if (batch.isEmpty())
            return true;
        QFuture<WriteResult> f = store.write(std::move(batch));
        batch.clear();
        f.waitForFinished();
        if (!f.result().ok()) {
            if (error)
                *error = f.result().error;
            return false;
        }
        return true;
    };
    for (QList<Span> &trace : traces()) {
        batch += std::move(trace);
        if (batch.size() >= 2000 && !flush())
            return false;
    }
    return flush();
}

} // namespace spanlight::demo
