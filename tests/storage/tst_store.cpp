#include "core/spanerror.h"
#include "storage/backup.h"
#include "storage/migrations.h"
#include "storage/retention.h"
#include "storage/store.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUrl>

#include <atomic>
#include <limits>
#include <random>

using namespace spanlight;

Q_DECLARE_METATYPE(spanlight::TraceFilter)

namespace {

QByteArray traceId(int n)
{
    QByteArray id(16, '\x11');
    id[14] = char(n >> 8);
    id[15] = char(n);
    return id;
}

QByteArray spanId(int n)
{
    QByteArray id(8, '\x22');
    id[6] = char(n >> 8);
    id[7] = char(n);
    return id;
}

const qint64 kSecond = 1000000000;
const qint64 kMs = 1000000;
const qint64 kBase = 1700000000 * kSecond;

Span makeSpan(int trace, int span, int parent, qint64 start, qint64 duration, const QString &service,
    const QString &name)
{
    Span s;
    s.traceId = traceId(trace);
    s.spanId = spanId(span);
    if (parent)
        s.parentSpanId = spanId(parent);
    s.startTimeUnixNano = start;
    s.endTimeUnixNano = start + duration;
    s.serviceName = service;
    s.name = name;
    s.kind = SpanKind::Server;
    return s;
}

Span errorSpan(Span s, const QString &message)
{
    s.statusCode = StatusCode::Error;
    s.statusMessage = message;
    return s;
}

QString differences(const Span &a, const Span &b)
{
    QStringList d;
#define SPANLIGHT_CMP(f)                                                                                     \
    if (!(a.f == b.f))                                                                                       \
        d.append(QStringLiteral(#f));
    SPANLIGHT_CMP(traceId)
    SPANLIGHT_CMP(spanId) SPANLIGHT_CMP(parentSpanId) SPANLIGHT_CMP(traceState) SPANLIGHT_CMP(flags)
        SPANLIGHT_CMP(name) SPANLIGHT_CMP(kind) SPANLIGHT_CMP(startTimeUnixNano)
            SPANLIGHT_CMP(endTimeUnixNano) SPANLIGHT_CMP(attributes) SPANLIGHT_CMP(droppedAttributesCount)
                SPANLIGHT_CMP(events) SPANLIGHT_CMP(droppedEventsCount) SPANLIGHT_CMP(links)
                    SPANLIGHT_CMP(droppedLinksCount) SPANLIGHT_CMP(statusCode) SPANLIGHT_CMP(statusMessage)
                        SPANLIGHT_CMP(serviceName) SPANLIGHT_CMP(resourceAttributes) SPANLIGHT_CMP(scopeName)
                            SPANLIGHT_CMP(scopeVersion) SPANLIGHT_CMP(scopeAttributes)
#undef SPANLIGHT_CMP
                                return d.join(QStringLiteral(", "));
}

WriteResult commit(Store &store, QList<Span> spans)
{
    QFuture<WriteResult> f = store.write(std::move(spans));
    f.waitForFinished();
    return f.result();
}


// ---- Hourly rollups: a workload over several hours and the figures computed from its spans ----

const qint64 kMinute = 60 * kSecond;
const qint64 kHour = 60 * kMinute;

qint64 floorTo(qint64 x, qint64 step)
{
    return x - ((x % step) + step) % step;
}

bool isEntry(const Span &s)
{
    return s.kind == SpanKind::Server || s.kind == SpanKind::Consumer || s.isRoot();
}

// Traces over about six hours from 50 minutes before `hour0`, at odd offsets (not on minutes or
// seconds), as several writes: frontend first; then half of the payment spans before their parent
// (they wait in pending_edges); then checkout (its CLIENT calls to payment without a known child
// count as external calls); then the other payment spans (those calls are taken back, in the
// minute and the hour of the parent); then duplicates, which add nothing.
struct HourlyWorkload
{
    qint64 hour0 = 0;
    QList<QList<Span>> writes;
    QList<Span> spans; // each stored span once
};

HourlyWorkload hourlyWorkload()
{
    HourlyWorkload w;
    w.hour0 = floorTo(kBase, kHour);
    std::mt19937_64 rng(20261201);
    auto uniform = [&rng](qint64 lo, qint64 hi) { return std::uniform_int_distribution<qint64>(lo, hi)(rng); };
    QList<Span> frontend, checkout, paymentEarly, paymentLate;
    auto make = [&](int trace, int span, int parent, qint64 start, qint64 duration, const char *service,
                    const char *name, SpanKind kind, int failOneIn) {
        Span s = makeSpan(trace, span, parent, start, duration, QLatin1String(service), QLatin1String(name));
        s.kind = kind;
        if (failOneIn > 0 && uniform(1, failOneIn) == 1)
            s = errorSpan(s, QStringLiteral("failed"));
        return s;
    };
    for (int t = 1; t <= 160; ++t) {
        const qint64 start = w.hour0 - 50 * kMinute + uniform(0, 6 * kHour) + uniform(1, kSecond - 1);
        frontend.append(make(t, 1, 0, start, uniform(kMs, 800 * kMs), "frontend", t % 3 ? "GET /" : "GET /cart",
            SpanKind::Server, 20));
        frontend.append(make(t, 2, 1, start + kMs, uniform(kMs, 20 * kMs), "frontend", "render", SpanKind::Internal, 0));
        // Some calls start minutes after their trace: caller and callee in different minutes and hours.
        const qint64 callStart = start + 3 * kMs + (t % 4 == 0 ? uniform(0, 3 * kMinute) : 0);
        Span call = make(t, 3, 1, callStart, uniform(10 * kMs, 900 * kMs), "frontend", "POST checkout",
            SpanKind::Client, 0);
        call.attributes.insert(QStringLiteral("peer.service"), QStringLiteral("checkout"));
        frontend.append(call);
        const qint64 serverStart = callStart + uniform(0, 100 * kSecond);
        checkout.append(make(t, 4, 3, serverStart, uniform(5 * kMs, 700 * kMs), "checkout", "POST /checkout",
            SpanKind::Server, 8));
        Span db = make(t, 5, 4, serverStart + kMs, uniform(kMs, 50 * kMs), "checkout", "INSERT orders",
            SpanKind::Client, 30);
        db.attributes.insert(QStringLiteral("db.system"), QStringLiteral("postgresql"));
        db.attributes.insert(QStringLiteral("db.name"), QStringLiteral("orders"));
        checkout.append(db);
        if (t % 3 == 0) {
            Span pay = make(t, 6, 4, serverStart + 2 * kMs, uniform(kMs, 300 * kMs), "checkout", "charge",
                SpanKind::Client, 0);
            pay.attributes.insert(QStringLiteral("peer.service"), QStringLiteral("payment"));
            checkout.append(pay);
            const Span charge = make(t, 7, 6, serverStart + uniform(0, 70 * kSecond), uniform(kMs, 250 * kMs),
                "payment", "POST /charge", SpanKind::Server, 4);
            (t % 2 ? paymentEarly : paymentLate).append(charge);
        }
        if (t % 5 == 0) // a job: an INTERNAL root is an entry span too
            frontend.append(make(1000 + t, 1, 0, start + 7 * kSecond, uniform(kMs, 2000 * kMs), "jobs", "nightly",
                SpanKind::Internal, 10));
    }
    auto batches = [&w](const QList<Span> &spans, qsizetype size) {
        for (qsizetype i = 0; i < spans.size(); i += size)
            w.writes.append(spans.mid(i, size));
    };
    batches(frontend, 70);
    batches(paymentEarly, 100);
    batches(checkout, 90);
    batches(paymentLate, 100);
    w.writes.append(frontend.mid(20, 50) + checkout.mid(0, 40));
    w.spans = frontend + paymentEarly + checkout + paymentLate;
    return w;
}

bool inWindow(qint64 minute, const RollupQuery &q)
{
    return (!q.fromNs || minute >= *q.fromNs) && (!q.toNs || minute < *q.toNs);
}

bool matches(const Span &s, const RollupQuery &q)
{
    return inWindow(floorTo(s.startTimeUnixNano, kMinute), q) && (q.service.isEmpty() || s.serviceName == q.service)
        && (q.operation.isEmpty() || s.name == q.operation) && (!q.entryOnly || isEntry(s));
}

qint64 slotOf(const Span &s, const RollupQuery &q)
{
    return q.slotNs > 0 ? (floorTo(s.startTimeUnixNano, kMinute) - q.fromNs.value_or(0)) / q.slotNs : 0;
}

QString rollupText(const RollupRow &r)
{
    return QStringLiteral("%1|%2|%3|slot %4|%5 spans|%6 errors|sum %7|max %8|last %9")
        .arg(r.service, r.operation)
        .arg(int(r.kind))
        .arg(r.slot)
        .arg(r.spans)
        .arg(r.errors)
        .arg(r.durationSumNs)
        .arg(r.durationMaxNs)
        .arg(r.lastStartNs);
}

QString histogramText(const HistogramRow &h)
{
    return QStringLiteral("%1|%2|slot %3|%4|%5")
        .arg(h.service, h.operation)
        .arg(h.slot)
        .arg(h.histogram.count())
        .arg(QString::fromLatin1(h.histogram.serialize()));
}

QStringList sorted(QStringList rows)
{
    rows.sort();
    return rows;
}

// What rollups() must answer: the spans' own sums, grouped as asked.
QStringList expectedRollups(const QList<Span> &spans, const RollupQuery &q)
{
    QMap<std::tuple<QString, QString, int, qint64>, RollupRow> rows;
    for (const Span &s : spans) {
        if (!matches(s, q))
            continue;
        RollupRow key;
        key.service = q.byService ? s.serviceName : QString();
        key.operation = q.byOperation ? s.name : QString();
        key.kind = q.byKind ? s.kind : SpanKind::Unspecified;
        key.slot = slotOf(s, q);
        RollupRow &r = rows[std::make_tuple(key.service, key.operation, int(key.kind), key.slot)];
        if (r.spans == 0) {
            r = key;
            r.lastStartNs = s.startTimeUnixNano;
        }
        const qint64 duration = std::max<qint64>(0, s.durationNano());
        ++r.spans;
        r.errors += isErrorSpan(s) ? 1 : 0;
        r.durationSumNs += duration;
        r.durationMaxNs = std::max(r.durationMaxNs, duration);
        r.lastStartNs = std::max(r.lastStartNs, s.startTimeUnixNano);
    }
    QStringList out;
    for (const RollupRow &r : std::as_const(rows))
        out.append(rollupText(r));
    return sorted(out);
}

QStringList expectedHistograms(const QList<Span> &spans, const RollupQuery &q)
{
    QMap<std::tuple<QString, QString, qint64>, HistogramRow> rows;
    for (const Span &s : spans) {
        if (!matches(s, q))
            continue;
        const QString service = q.byService ? s.serviceName : QString();
        const QString operation = q.byOperation ? s.name : QString();
        HistogramRow &h = rows[std::make_tuple(service, operation, slotOf(s, q))];
        h.service = service;
        h.operation = operation;
        h.slot = slotOf(s, q);
        h.histogram.record(std::max<qint64>(0, s.durationNano()));
    }
    QStringList out;
    for (const HistogramRow &h : std::as_const(rows))
        out.append(histogramText(h));
    return sorted(out);
}

QString dependencyText(const DependencyRow &r)
{
    return QStringLiteral("%1 -> %2%3|%4 calls|%5 errors|sum %6")
        .arg(r.source, r.target, r.external ? QStringLiteral(" (external)") : QString())
        .arg(r.calls)
        .arg(r.errors)
        .arg(r.durationSumNs);
}

// The edges of the stored spans once every parent is there: a call to another service at the
// child's minute; an external call at the minute of a CLIENT span that has no child. In store order.
QStringList expectedDependencies(const QList<Span> &spans, std::optional<qint64> fromNs, std::optional<qint64> toNs)
{
    RollupQuery window;
    window.fromNs = fromNs;
    window.toNs = toNs;
    QHash<std::pair<QByteArray, QByteArray>, const Span *> byId;
    QSet<std::pair<QByteArray, QByteArray>> hasChild;
    for (const Span &s : spans) {
        byId.insert({ s.traceId, s.spanId }, &s);
        if (!s.isRoot())
            hasChild.insert({ s.traceId, s.parentSpanId });
    }
    QMap<std::tuple<QString, QString, int>, DependencyRow> rows;
    auto add = [&](const QString &source, const QString &target, bool external, const Span &s) {
        if (!inWindow(floorTo(s.startTimeUnixNano, kMinute), window))
            return;
        DependencyRow &r = rows[std::make_tuple(source, target, external ? 1 : 0)];
        r.source = source;
        r.target = target;
        r.external = external;
        ++r.calls;
        r.errors += isErrorSpan(s) ? 1 : 0;
        r.durationSumNs += std::max<qint64>(0, s.durationNano());
    };
    for (const Span &s : spans) {
        if (const Span *parent = s.isRoot() ? nullptr : byId.value({ s.traceId, s.parentSpanId }))
            if (parent->serviceName != s.serviceName)
                add(parent->serviceName, s.serviceName, false, s);
        if (!hasChild.contains({ s.traceId, s.spanId }) && !externalTarget(s).isEmpty())
            add(s.serviceName, externalTarget(s), true, s);
    }
    QStringList out;
    for (const DependencyRow &r : std::as_const(rows))
        out.append(dependencyText(r));
    return out;
}

// Windows at and off hour and minute boundaries: open-ended, inside one hour, across many,
// empty, reversed, before 1970, and at the ends of int64. `slotted`: fine for slots too.
struct TestWindow
{
    std::optional<qint64> from;
    std::optional<qint64> to;
    bool slotted = true;
};

QList<TestWindow> testWindows(qint64 h0)
{
    const qint64 min = std::numeric_limits<qint64>::min();
    const qint64 max = std::numeric_limits<qint64>::max();
    return {
        { {}, {}, false },
        { h0 + kHour, {} },
        { h0 + 17 * kMinute + 3 * kSecond, {} },
        { {}, h0 + 2 * kHour, false },
        { {}, h0 + 2 * kHour + 13 * kMinute + 1, false },
        { h0, h0 + 3 * kHour },
        { h0 + kHour, h0 + 2 * kHour },
        { h0, h0 + 4 * kHour + 23 * kMinute },
        { h0 + 7 * kMinute, h0 + 4 * kHour + 23 * kMinute },
        { h0 + 7 * kMinute + 1, h0 + 4 * kHour + 23 * kMinute + 999 },
        // Slot boundaries just after an hour: the hour is not whole in the slot after it.
        { h0 + 30 * kSecond, h0 + 5 * kHour + 30 * kSecond },
        { h0 + 2 * kHour + 5 * kMinute, h0 + 2 * kHour + 50 * kMinute },
        { h0 + 30 * kMinute, h0 + kHour + 30 * kMinute },
        { h0 - 2 * kHour, h0 + 8 * kHour },
        { h0 + 59 * kMinute + 59 * kSecond, h0 + 2 * kHour + 1 },
        { h0 + 5 * kHour + kMinute - 24 * kHour, h0 + 5 * kHour + kMinute }, // like a 24h window
        { h0 + kHour, h0 + kHour },
        { h0 + 3 * kHour, h0 + kHour },
        { -5 * kHour - 7 * kMinute, h0 + 2 * kHour + 30 * kMinute },
        { min, max, false },
        { min, h0 + kHour + 1, false },
        { max - 10, {}, false },
        { {}, min + 1, false },
    };
}

QString describe(const RollupQuery &q)
{
    auto bound = [](const std::optional<qint64> &ns) { return ns ? QString::number(*ns) : QStringLiteral("-"); };
    return QStringLiteral("[%1, %2) slot %3 service '%4' operation '%5' entry %6 by %7%8%9")
        .arg(bound(q.fromNs), bound(q.toNs))
        .arg(q.slotNs)
        .arg(q.service, q.operation)
        .arg(q.entryOnly)
        .arg(q.byService ? QStringLiteral("service ") : QString(),
            q.byOperation ? QStringLiteral("operation ") : QString(), q.byKind ? QStringLiteral("kind") : QString());
}

// rollups() and latencyHistograms() against the spans' own figures, for every window, slot size
// and query shape; false (with a message) at the first difference.
bool readsMatch(const Store &store, const QList<Span> &spans, qint64 h0, int *checked)
{
    QList<RollupQuery> shapes;
    {
        RollupQuery q;
        q.byService = q.byOperation = q.byKind = true;
        shapes.append(q);
        q = {};
        q.service = QStringLiteral("checkout");
        q.byOperation = true;
        shapes.append(q);
        q = {};
        q.entryOnly = true;
        shapes.append(q);
        q = {};
        q.service = QStringLiteral("frontend");
        q.operation = QStringLiteral("GET /");
        q.entryOnly = true;
        shapes.append(q);
        q = {};
        q.byService = true;
        q.entryOnly = true;
        shapes.append(q);
    }
    for (const TestWindow &w : testWindows(h0)) {
        QList<qint64> slots { 0 };
        if (w.slotted && w.from) {
            slots += { kMinute, 5 * kMinute, kHour, 2 * kHour, 90 * kMinute };
            if (w.to && *w.to > *w.from)
                slots.append(std::max<qint64>(1, (*w.to - *w.from) / 2)); // a window's halves
        }
        if (!w.from && w.to && *w.to > 0)
            slots.append(kHour); // slots counted from 0
        for (qint64 slot : std::as_const(slots)) {
            for (RollupQuery q : std::as_const(shapes)) {
                q.fromNs = w.from;
                q.toNs = w.to;
                q.slotNs = slot;
                QStringList got;
                for (const RollupRow &r : store.rollups(q))
                    got.append(rollupText(r));
                const QStringList want = expectedRollups(spans, q);
                if (sorted(got) != want) {
                    qWarning().noquote() << "rollups" << describe(q) << "\n got:" << sorted(got).join(u'\n')
                                         << "\n want:" << want.join(u'\n');
                    return false;
                }
                got.clear();
                for (const HistogramRow &h : store.latencyHistograms(q))
                    got.append(histogramText(h));
                const QStringList wantHistograms = expectedHistograms(spans, q);
                if (sorted(got) != wantHistograms) {
                    qWarning().noquote() << "latency histograms" << describe(q) << "\n got:" << sorted(got).join(u'\n')
                                         << "\n want:" << wantHistograms.join(u'\n');
                    return false;
                }
                *checked += 2;
            }
        }
        {
            QStringList got;
            for (const DependencyRow &r : store.dependencies(w.from, w.to))
                got.append(dependencyText(r));
            const QStringList want = expectedDependencies(spans, w.from, w.to);
            if (got != want) {
                RollupQuery q;
                q.fromNs = w.from;
                q.toNs = w.to;
                qWarning().noquote() << "dependencies" << describe(q) << "\n got:" << got.join(u'\n')
                                     << "\n want:" << want.join(u'\n');
                return false;
            }
            ++*checked;
        }
    }
    return true;
}

// Every row of `table`, as text, ordered by all columns.
QStringList tableRows(QSqlDatabase &db, const QString &table, const QString &columns)
{
    QStringList rows;
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT ") + columns + QStringLiteral(" FROM ") + table + QStringLiteral(" ORDER BY ")
            + columns)) {
        rows.append(QStringLiteral("error: ") + q.lastError().text());
        return rows;
    }
    const int n = q.record().count();
    while (q.next()) {
        QStringList cols;
        for (int i = 0; i < n; ++i)
            cols.append(q.value(i).toString());
        rows.append(cols.join(u'|'));
    }
    return rows;
}

// The rows of request_rollups or request_rollups_hourly, their histogram text normalised (the
// migration's backfill joins the pairs in no particular order), from `condition`.
QStringList requestRows(QSqlDatabase &db, const QString &table, const QString &condition = QStringLiteral("1 = 1"))
{
    QStringList rows;
    QSqlQuery q(db);
    const QString time = table.endsWith(QLatin1String("_hourly")) ? QStringLiteral("hour_ns") : QStringLiteral("minute_ns");
    if (!q.exec(QStringLiteral("SELECT %1, span_count, error_count, duration_sum_ns, duration_max_ns, last_start_ns,"
                               " histogram FROM %2 WHERE %3 ORDER BY %1")
                    .arg(time, table, condition))) {
        rows.append(QStringLiteral("error: ") + q.lastError().text());
        return rows;
    }
    while (q.next()) {
        QStringList cols;
        for (int i = 0; i < 6; ++i)
            cols.append(q.value(i).toString());
        cols.append(QString::fromLatin1(LatencyHistogram::deserialize(q.value(6).toByteArray()).serialize()));
        rows.append(cols.join(u'|'));
    }
    return rows;
}

// Copies `columns` of every row of `table` from one database to the other; the rows copied, or -1.
int copyRows(QSqlDatabase &from, QSqlDatabase &to, const QString &table, const QString &columns)
{
    QSqlQuery read(from);
    if (!read.exec(QStringLiteral("SELECT ") + columns + QStringLiteral(" FROM ") + table)) {
        qWarning().noquote() << "copy from" << table << "failed:" << read.lastError().text();
        return -1;
    }
    const int n = read.record().count();
    QSqlQuery insert(to);
    QStringList marks;
    for (int i = 0; i < n; ++i)
        marks.append(QStringLiteral("?"));
    if (!insert.prepare(QStringLiteral("INSERT INTO ") + table + QStringLiteral(" (") + columns
            + QStringLiteral(") VALUES (") + marks.join(u',') + u')'))
        return -1;
    int copied = 0;
    while (read.next()) {
        for (int i = 0; i < n; ++i)
            insert.bindValue(i, read.value(i));
        if (!insert.exec()) {
            qWarning().noquote() << "copy into" << table << "failed:" << insert.lastError().text();
            return -1;
        }
        ++copied;
    }
    return copied;
}

const char *const kRollupColumns = "service_name, %1, operation_name, kind, is_entry, span_count, error_count,"
                                   " duration_sum_ns, duration_max_ns, last_start_ns";
const char *const kBucketColumns = "service_name, %1, operation_name, is_entry, bucket, bucket_count";
const char *const kDependencyColumns
    = "%1, source_service, target, target_type, call_count, error_count, duration_sum_ns";

// ---- Store totals and hourly error groups (migration 6) ----

// Spans over about seven hours around `hour0` of three services, two in three failed: with and
// without exception types, messages whose numbers the fingerprint masks, roots and children of
// every kind, a third of them starting exactly on, 1 ns before or 1 ns after an hour. Written in
// several writes; then late spans of known traces, then duplicates.
struct ErrorWorkload
{
    qint64 hour0 = 0;
    QList<QList<Span>> writes;
    QList<Span> spans; // each stored span once
};

ErrorWorkload errorWorkload()
{
    ErrorWorkload w;
    w.hour0 = floorTo(kBase, kHour);
    std::mt19937_64 rng(20261202);
    auto uniform
        = [&rng](qint64 lo, qint64 hi) { return std::uniform_int_distribution<qint64>(lo, hi)(rng); };
    const QStringList services
        = { QStringLiteral("frontend"), QStringLiteral("checkout"), QStringLiteral("payment") };
    const QStringList operations
        = { QStringLiteral("GET /"), QStringLiteral("charge"), QStringLiteral("INSERT orders") };
    const QStringList types
        = { QString(), QStringLiteral("IOError"), QStringLiteral("TimeoutError") }; // none: "Error"
    const SpanKind kinds[]
        = { SpanKind::Server, SpanKind::Client, SpanKind::Internal, SpanKind::Consumer, SpanKind::Producer };
    auto start = [&]() -> qint64 {
        const qint64 hour = w.hour0 + uniform(-1, 5) * kHour;
        switch (uniform(0, 5)) {
        case 0:
            return hour;
        case 1:
            return hour - 1;
        case 2:
            return hour + 1;
        default:
            return hour + uniform(0, kHour - 1);
        }
    };
    auto make = [&](int trace, int span, int parent) {
        Span s = makeSpan(trace, span, parent, start(), uniform(kMs, 500 * kMs), services[uniform(0, 2)],
            operations[uniform(0, 2)]);
        s.kind = kinds[uniform(0, 4)];
        if (uniform(0, 2) == 0)
            return s;
        s = errorSpan(s,
            uniform(0, 1) ? QStringLiteral("timeout after %1 ms").arg(uniform(1, 99999))
                          : QStringLiteral("card declined"));
        if (const QString type = types[uniform(0, 2)]; !type.isEmpty()) {
            SpanEvent exception;
            exception.name = QStringLiteral("exception");
            exception.timeUnixNano = s.startTimeUnixNano;
            exception.attributes.insert(QStringLiteral("exception.type"), type);
            s.events.append(exception);
        }
        return s;
    };
    QList<Span> first, late;
    for (int t = 1; t <= 300; ++t) {
        first.append(make(t, 1, 0));
        first.append(make(t, 2, 1));
        if (t % 4 == 0)
            late.append(make(t, 3, 1));
    }
    for (qsizetype i = 0; i < first.size(); i += 70)
        w.writes.append(first.mid(i, 70));
    w.writes.append(late);
    w.writes.append(first.mid(100, 60) + late.mid(0, 20));
    w.spans = first + late;
    return w;
}

QString errorGroupText(const ErrorGroup &g)
{
    return QStringLiteral("%1|%2|%3|root %4|kind %5|%6 errors|last %7")
        .arg(g.fingerprint, g.service, g.type)
        .arg(int(g.isRoot))
        .arg(int(g.kind))
        .arg(g.count)
        .arg(g.lastNs);
}

// What errorGroups() must answer, from the spans and the rules the writer applies.
QStringList expectedErrorGroups(const QList<Span> &spans, const ErrorFilter &f)
{
    QMap<std::tuple<QString, QString, QString, int, int>, ErrorGroup> groups;
    for (const Span &s : spans) {
        if (!isErrorSpan(s))
            continue;
        const SpanError e = spanError(s);
        const QString fingerprint = errorFingerprint(s.serviceName, s.name, e.type, e.message);
        const qint64 t = s.startTimeUnixNano;
        if ((f.fromNs && t < *f.fromNs) || (f.toNs && t > *f.toNs)
            || (!f.service.isEmpty() && s.serviceName != f.service) || (!f.type.isEmpty() && e.type != f.type)
            || (f.fingerprints && !f.fingerprints->contains(fingerprint)))
            continue;
        ErrorGroup &g
            = groups[std::make_tuple(fingerprint, s.serviceName, e.type, int(s.isRoot()), int(s.kind))];
        if (g.count == 0) {
            g.fingerprint = fingerprint;
            g.service = s.serviceName;
            g.type = e.type;
            g.isRoot = s.isRoot();
            g.kind = s.kind;
            g.lastNs = t;
        }
        ++g.count;
        g.lastNs = std::max(g.lastNs, t);
    }
    QStringList out;
    for (const ErrorGroup &g : std::as_const(groups))
        out.append(errorGroupText(g));
    return sorted(out);
}

// The query errorGroups() ran before migration 6: a scan of every row of errors.
QStringList plainErrorGroups(QSqlDatabase &db, const ErrorFilter &f)
{
    QStringList where;
    QVariantList binds;
    auto condition = [&](const QString &sql, const QVariant &value) {
        where.append(sql);
        binds.append(value);
    };
    if (!f.service.isEmpty())
        condition(QStringLiteral("service_name = ?"), f.service);
    if (!f.type.isEmpty())
        condition(QStringLiteral("error_type = ?"), f.type);
    if (f.fromNs)
        condition(QStringLiteral("time_ns >= ?"), *f.fromNs);
    if (f.toNs)
        condition(QStringLiteral("time_ns <= ?"), *f.toNs);
    if (f.fingerprints) {
        QStringList marks;
        for (const QString &fp : *f.fingerprints) {
            marks.append(QStringLiteral("?"));
            binds.append(fp);
        }
        where.append(marks.isEmpty() ? QStringLiteral("1 = 0")
                                     : QStringLiteral("fingerprint IN (") + marks.join(u',') + u')');
    }
    QSqlQuery q(db);
    q.prepare(
        QStringLiteral("SELECT fingerprint, service_name, error_type, is_root, kind, COUNT(*), MAX(time_ns)"
                       " FROM errors")
        + (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND ")))
        + QStringLiteral(" GROUP BY 1, 2, 3, 4, 5"));
    for (int i = 0; i < binds.size(); ++i)
        q.bindValue(i, binds.at(i));
    QStringList out;
    if (!q.exec()) {
        out.append(QStringLiteral("error: ") + q.lastError().text());
        return out;
    }
    while (q.next()) {
        ErrorGroup g;
        g.fingerprint = q.value(0).toString();
        g.service = q.value(1).toString();
        g.type = q.value(2).toString();
        g.isRoot = q.value(3).toInt() != 0;
        g.kind = SpanKind(q.value(4).toInt());
        g.count = q.value(5).toLongLong();
        g.lastNs = q.value(6).toLongLong();
        out.append(errorGroupText(g));
    }
    return sorted(out);
}

QString describe(const ErrorFilter &f)
{
    auto bound
        = [](const std::optional<qint64> &ns) { return ns ? QString::number(*ns) : QStringLiteral("-"); };
    return QStringLiteral("[%1, %2] service '%3' type '%4' fingerprints %5")
        .arg(bound(f.fromNs), bound(f.toNs), f.service, f.type,
            f.fingerprints ? f.fingerprints->join(u',') : QStringLiteral("any"));
}

// Windows on, next to and between hour boundaries, open-ended, empty, reversed and at the ends of
// int64, then random ones; with and without service, type and fingerprint filters.
QList<ErrorFilter> errorFilters(qint64 h0, const QStringList &fingerprints)
{
    const qint64 min = std::numeric_limits<qint64>::min();
    const qint64 max = std::numeric_limits<qint64>::max();
    struct Bounds
    {
        std::optional<qint64> from;
        std::optional<qint64> to;
    };
    QList<Bounds> windows = {
        { {}, {} },
        { h0, h0 + kHour - 1 }, // exactly one hour
        { h0, h0 + kHour }, // and the first nanosecond of the next
        { h0 - 1, h0 + 3 * kHour - 1 },
        { h0 + 1, h0 + 2 * kHour - 1 },
        { h0 + 1, h0 + 2 * kHour - 2 },
        { h0 + 17 * kMinute, h0 + 3 * kHour + 5 * kSecond },
        { h0 + 7 * kMinute, h0 + 20 * kMinute }, // inside one hour
        { h0, {} },
        { h0 + 1, {} },
        { {}, h0 + 2 * kHour - 1 },
        { {}, h0 + 2 * kHour },
        { h0 + 3 * kHour, h0 + 3 * kHour }, // one nanosecond, on an hour
        { h0 + 3 * kHour - 1, h0 + 3 * kHour - 1 },
        { h0 + 2 * kHour, h0 + kHour }, // reversed
        { min, max },
        { min, h0 + kHour },
        { h0 + kHour, max },
        { max, max },
        { min, min },
        { {}, max },
        { min, {} },
    };
    std::mt19937_64 rng(6);
    auto uniform
        = [&rng](qint64 lo, qint64 hi) { return std::uniform_int_distribution<qint64>(lo, hi)(rng); };
    auto randomBound = [&]() -> std::optional<qint64> {
        if (uniform(0, 6) == 0)
            return std::nullopt;
        const qint64 hour = h0 + uniform(-2, 7) * kHour;
        switch (uniform(0, 4)) {
        case 0:
            return hour;
        case 1:
            return hour - 1;
        case 2:
            return hour + 1;
        default:
            return hour + uniform(0, kHour - 1);
        }
    };
    for (int i = 0; i < 150; ++i) {
        Bounds b { randomBound(), randomBound() };
        if (b.from && b.to && *b.from > *b.to && uniform(0, 5) > 0)
            std::swap(b.from, b.to); // mostly windows that hold something
        windows.append(b);
    }
    const QStringList services
        = { QStringLiteral("frontend"), QStringLiteral("checkout"), QStringLiteral("payment") };
    const QStringList types
        = { QStringLiteral("Error"), QStringLiteral("IOError"), QStringLiteral("TimeoutError") };
    QList<ErrorFilter> filters;
    for (const Bounds &b : std::as_const(windows)) {
        for (int shape = 0; shape < 3; ++shape) {
            ErrorFilter f;
            f.fromNs = b.from;
            f.toNs = b.to;
            if (shape > 0) {
                if (uniform(0, 2) == 0)
                    f.service = services[uniform(0, 2)];
                if (uniform(0, 3) == 0)
                    f.type = types[uniform(0, 2)];
                if (uniform(0, 3) == 0) {
                    QStringList some;
                    for (qint64 n = uniform(0, 3); n > 0; --n)
                        some.append(fingerprints[uniform(0, fingerprints.size() - 1)]);
                    f.fingerprints = some;
                }
            }
            filters.append(f);
        }
    }
    return filters;
}

const char *const kSummaryCopyColumns
    = "trace_id, root_span_id, root_start_ns, service_name, operation_name, root_attributes, has_root, "
      "start_ns,"
      " end_ns, span_count, error_count, status, error_span_id, error_start_ns, error_message";
const char *const kErrorCopyColumns
    = "trace_id, span_id, time_ns, service_name, operation_name, kind, is_root,"
      " error_type, error_message, stack_trace, fingerprint";
const char *const kErrorGroupColumns
    = "fingerprint, service_name, error_type, is_root, kind, hour_ns, error_count, last_ns";

} // namespace

class TestStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void badUrls_data();
    void badUrls();
    void sqliteOpenErrors();
    void roundTrip();
    void traceSkeletonAndSpansByIds();
    void summaryLateAndOutOfOrder_data();
    void summaryLateAndOutOfOrder();
    void summaryWithoutRoot();
    void duplicates();
    void rollupsAndErrors();
    void dependencyEdges();
    void searchByService();
    void hourlyReadsMatchSpans();
    void hourlyBackfill();
    void totalsMatchRows();
    void totalsWithConcurrentWriters();
    void errorGroupsMatchErrors();
    void totalsBackfill();
    void status_data();
    void status();
    void filters_data();
    void filters();
    void queueFull();
    void closeRefusesWrites();
    void concurrentReadersAndWriters();
    void reopenPersists();
    void newerSchemaRefused();
    void pingStatsAndRecent();
    void crashChild();
    void survivesSigkill();
    void databaseLock();
    void auditRoundTrip();
    void deleteTraces_data();
    void deleteTraces();
    void traceNotes();
    void deleteAfterExpiredEdge();
    void tracesWithAttribute();
    void oldestTracesAndUsedBytes();
    void retentionByAge();
    void retentionBySize();
    void dayPartitions();
    void defaultPartition();
    void partitionLockHeld();
    void partitionedMigration();

private:
    // Every row of the tables derived from spans (and the spans), as text, sorted: equal dumps of
    // two databases mean equal stored data. Leaves out what a deletion cannot recompute (the
    // latest start and longest duration a rollup row saw, spans.id, when a child began waiting)
    // and dependency rows that count nothing (an external call that was taken back).
    QMap<QString, QStringList> dump(const QString &url);
    std::unique_ptr<Store> openStore(int capacity = 256);
    QSqlDatabase directConnection(const QString &name, const QString &url = {});
    bool isPostgres() const { return m_url.startsWith(QLatin1String("postgres")); }
    // A second empty database of the test's dialect (dropped in cleanup()).
    QString anotherDatabaseUrl();
    bool pgAdmin(const QString &sql, const QUrl &url);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_url;
    QString m_pgDatabase;
    QStringList m_extraPgDatabases;
    int m_counter = 0;
};

void TestStore::initTestCase_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

// Every test function (and data row) gets a fresh, empty database.
void TestStore::init()
{
    QFETCH_GLOBAL(QString, dialect);
    m_url.clear();
    m_pgDatabase.clear();
    if (dialect == u"sqlite") {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_url = QStringLiteral("sqlite://") + m_dir->path() + QStringLiteral("/not/yet/there/spans.db");
        return;
    }
    const QString base = qEnvironmentVariable("SPANLIGHT_TEST_PG_URL");
    if (base.isEmpty())
        QSKIP("SPANLIGHT_TEST_PG_URL is not set (e.g. postgresql://postgres@127.0.0.1:55432/spanlight_test): "
              "PostgreSQL rows skipped");
    QUrl url(base);
    m_pgDatabase
        = QStringLiteral("spanlight_t%1_%2").arg(QCoreApplication::applicationPid()).arg(++m_counter);
    QVERIFY(pgAdmin(QStringLiteral("CREATE DATABASE ") + m_pgDatabase, url));
    url.setPath(u'/' + m_pgDatabase);
    m_url = url.toString();
}

// Runs `sql` on the server's postgres database (CREATE/DROP DATABASE).
bool TestStore::pgAdmin(const QString &sql, const QUrl &url)
{
    bool ok = false;
    {
        QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("admin"));
        admin.setHostName(url.host());
        admin.setPort(url.port(5432));
        admin.setUserName(url.userName());
        admin.setPassword(url.password());
        admin.setDatabaseName(QStringLiteral("postgres"));
        if (!admin.open()) {
            qWarning().noquote() << "admin connection failed:" << admin.lastError().text();
        } else {
            QSqlQuery q(admin);
            ok = q.exec(sql);
            if (!ok)
                qWarning().noquote() << sql << "failed:" << q.lastError().text();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("admin"));
    return ok;
}

QString TestStore::anotherDatabaseUrl()
{
    if (!isPostgres())
        return QStringLiteral("sqlite://") + m_dir->path() + QStringLiteral("/another%1.db").arg(++m_counter);
    QUrl url(m_url);
    const QString name = m_pgDatabase + QStringLiteral("_%1").arg(++m_counter);
    if (!pgAdmin(QStringLiteral("CREATE DATABASE ") + name, url))
        return {};
    m_extraPgDatabases.append(name);
    url.setPath(u'/' + name);
    return url.toString();
}

void TestStore::cleanup()
{
    if (!m_pgDatabase.isEmpty()) {
        const QUrl url(m_url);
        for (const QString &name : std::as_const(m_extraPgDatabases) + QStringList { m_pgDatabase })
            pgAdmin(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(name), url);
        m_extraPgDatabases.clear();
        m_pgDatabase.clear();
    }
    m_dir.reset();
}

std::unique_ptr<Store> TestStore::openStore(int capacity)
{
    QString error;
    auto store = Store::open(m_url, &error, capacity);
    if (!store)
        qWarning().noquote() << "open failed:" << error;
    return store;
}

QSqlDatabase TestStore::directConnection(const QString &name, const QString &urlText)
{
    const QUrl url(urlText.isEmpty() ? m_url : urlText);
    QSqlDatabase db;
    if (isPostgres()) {
        db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName());
        db.setPassword(url.password());
        db.setDatabaseName(url.path().mid(1));
    } else {
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(url.path());
    }
    if (!db.open())
        qWarning() << "direct connection failed:" << db.lastError().text();
    return db;
}

void TestStore::badUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty") << QString() << QStringLiteral("invalid database URL");
    QTest::newRow("scheme") << QStringLiteral("mysql://h/db")
                            << QStringLiteral("unsupported database URL scheme \"mysql\"");
    QTest::newRow("relative sqlite") << QStringLiteral("sqlite://data/spans.db")
                                     << QStringLiteral("absolute path");
    QTest::newRow("memory") << QStringLiteral("sqlite://:memory:")
                            << QStringLiteral("in-memory SQLite databases are not supported");
    QTest::newRow("folder") << QStringLiteral("sqlite:///tmp/") << QStringLiteral("names a folder");
    QTest::newRow("pg no host") << QStringLiteral("postgresql:///db") << QStringLiteral("needs a host");
    QTest::newRow("pg no database") << QStringLiteral("postgres://u:pw@127.0.0.1:5432")
                                    << QStringLiteral("needs a database name");
    QTest::newRow("pg refused") << QStringLiteral("postgresql://u:secret@127.0.0.1:1/db")
                                << QStringLiteral("cannot connect to PostgreSQL at 127.0.0.1:1: ");
}

void TestStore::badUrls()
{
    QFETCH(QString, url);
    QFETCH(QString, expected);
    QString error;
    auto store = Store::open(url, &error);
    QVERIFY(!store);
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1String("secret")), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1String(":pw@")), qPrintable(error));
}

void TestStore::sqliteOpenErrors()
{
    if (isPostgres())
        QSKIP("SQLite only");
    QString error;
    // A folder where the file should be.
    QVERIFY(!Store::open(QStringLiteral("sqlite://") + m_dir->path(), &error));
    QVERIFY2(error.startsWith(
                 QStringLiteral("cannot open SQLite database ") + m_dir->path() + QStringLiteral(": ")),
        qPrintable(error));
    // A file that is not a database.
    const QString junk = m_dir->path() + QStringLiteral("/junk.db");
    {
        QFile f(junk);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, 'x'));
    }
    QVERIFY(!Store::open(QStringLiteral("sqlite://") + junk, &error));
    QVERIFY2(error.startsWith(QStringLiteral("cannot open SQLite database ") + junk + QStringLiteral(": ")),
        qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("not a database")), qPrintable(error));
    // A parent "folder" that is a file.
    QVERIFY(!Store::open(QStringLiteral("sqlite://") + junk + QStringLiteral("/x.db"), &error));
    QVERIFY2(error.startsWith(QStringLiteral("cannot open SQLite database ")), qPrintable(error));
}

void TestStore::traceSkeletonAndSpansByIds()
{
    auto store = openStore();
    QVERIFY(store);
    // 1,201 spans: more ids than one IN (...) chunk of 500 holds, attributes to leave out.
    QList<Span> spans;
    spans.append(makeSpan(9, 1, 0, kBase, 100 * kSecond, QStringLiteral("api"), QStringLiteral("root")));
    for (int i = 2; i <= 1201; ++i) {
        Span s = makeSpan(9, i, 1 + (i - 2) / 40, kBase + (1201 - i) * 1000, 500, QStringLiteral("db"),
            QStringLiteral("q%1").arg(i % 7));
        s.attributes = QJsonObject{{QStringLiteral("db.statement"), QStringLiteral("SELECT %1").arg(i)}};
        s.statusMessage = QStringLiteral("m");
        if (i % 100 == 0)
            s.statusCode = StatusCode::Error;
        spans.append(s);
    }
    spans.append(makeSpan(10, 5000, 0, kBase, 10, QStringLiteral("other"), QStringLiteral("elsewhere")));
    QVERIFY(commit(*store, spans).ok());

    const QList<Span> full = store->traceSpans(traceId(9));
    const QList<Span> skeleton = store->traceSkeleton(traceId(9));
    QCOMPARE(skeleton.size(), 1201);
    for (qsizetype i = 0; i < skeleton.size(); ++i) {
        const Span &k = skeleton[i];
        const Span &f = full[i]; // the same order: start time, then span id
        QCOMPARE(k.spanId, f.spanId);
        QCOMPARE(k.traceId, f.traceId);
        QCOMPARE(k.parentSpanId, f.parentSpanId);
        QCOMPARE(k.name, f.name);
        QCOMPARE(k.serviceName, f.serviceName);
        QCOMPARE(k.startTimeUnixNano, f.startTimeUnixNano);
        QCOMPARE(k.endTimeUnixNano, f.endTimeUnixNano);
        QCOMPARE(k.statusCode, f.statusCode);
        QVERIFY(k.attributes.isEmpty()); // no payload
        QVERIFY(k.statusMessage.isEmpty());
    }
    QVERIFY(store->traceSkeleton(traceId(77)).isEmpty());

    QList<QByteArray> ids;
    for (int i = 1; i <= 1201; i += 1)
        if (i % 3 != 0)
            ids.append(spanId(i));
    ids.append(spanId(5000)); // of another trace
    ids.append(spanId(999999)); // not stored
    QList<Span> byId = store->traceSpansByIds(traceId(9), ids);
    QCOMPARE(byId.size(), ids.size() - 2);
    std::sort(byId.begin(), byId.end(), [](const Span &a, const Span &b) { return a.spanId < b.spanId; });
    QList<Span> expected;
    for (const Span &f : full)
        if (ids.contains(f.spanId))
            expected.append(f);
    std::sort(expected.begin(), expected.end(), [](const Span &a, const Span &b) { return a.spanId < b.spanId; });
    for (qsizetype i = 0; i < expected.size(); ++i)
        QVERIFY2(differences(byId[i], expected[i]).isEmpty(), qPrintable(differences(byId[i], expected[i])));
    QVERIFY(store->traceSpansByIds(traceId(9), {}).isEmpty());
}

void TestStore::roundTrip()
{
    auto store = openStore();
    QVERIFY(store);

    QJsonObject resource { { QStringLiteral("service.name"), QStringLiteral("checkout") },
        { QStringLiteral("host.name"), QStringLiteral("büro-42") } };
    Span rich = makeSpan(1, 1, 0, kBase + 123456789, 987654321, QStringLiteral("checkout"),
        QStringLiteral("GET /cart — 日本 🚀"));
    rich.traceState = QStringLiteral("vendor=a,other=b");
    rich.flags = 0xffffffffu;
    rich.kind = SpanKind::Consumer;
    rich.attributes = QJsonObject {
        { QStringLiteral("big"), QJsonValue(qint64(9007199254740993LL)) }, // 2^53 + 1
        { QStringLiteral("max"), QJsonValue(std::numeric_limits<qint64>::max()) },
        { QStringLiteral("min"), QJsonValue(std::numeric_limits<qint64>::min()) },
        { QStringLiteral("neg"), QJsonValue(qint64(-42)) },
        { QStringLiteral("pi"), 3.141592653589793 },
        { QStringLiteral("whole double"), 5.0 },
        { QStringLiteral("tiny"), 1e-300 },
        { QStringLiteral("flag"), true },
        { QStringLiteral("empty"), QString() },
        { QStringLiteral("quote\"and\\slash"), QStringLiteral("line\nbreak\ttab 'single' \u00e9") },
        { QStringLiteral("list"),
            QJsonArray { 1, QStringLiteral("two"), QJsonArray { 3, 4 },
                QJsonObject { { QStringLiteral("k"), false } } } },
        { QStringLiteral("nested"),
            QJsonObject {
                { QStringLiteral("inner"), QJsonObject { { QStringLiteral("deep"), QJsonArray {} } } } } },
        { QStringLiteral("bytes"), QStringLiteral("AAEC/w==") },
    };
    rich.droppedAttributesCount = 7;
    SpanEvent event;
    event.timeUnixNano = kBase + 200000001;
    event.name = QStringLiteral("exception");
    event.attributes
        = QJsonObject { { QStringLiteral("exception.type"), QStringLiteral("java.io.IOException") },
              { QStringLiteral("exception.stacktrace"), QStringLiteral("at a\n\tat b") },
              { QStringLiteral("count"), QJsonValue(qint64(1) << 60) } };
    event.droppedAttributesCount = 2;
    rich.events = { event, SpanEvent { kBase + 300000000, QStringLiteral("plain"), {}, 0 } };
    rich.droppedEventsCount = 3;
    SpanLink link;
    link.traceId = traceId(99);
    link.spanId = spanId(98);
    link.traceState = QStringLiteral("k=v");
    link.attributes = QJsonObject { { QStringLiteral("link.kind"), QStringLiteral("follows") } };
    link.droppedAttributesCount = 1;
    link.flags = 1;
    rich.links = { link, SpanLink { traceId(97), spanId(96), {}, {}, 0, 0 } };
    rich.droppedLinksCount = 4;
    rich.statusCode = StatusCode::Error;
    rich.statusMessage = QStringLiteral("kaputt ✗");
    rich.resourceAttributes = resource;
    rich.scopeName = QStringLiteral("io.opentelemetry.okhttp");
    rich.scopeVersion = QStringLiteral("1.2.3");
    rich.scopeAttributes = QJsonObject { { QStringLiteral("scope.attr"), 1 } };

    Span child
        = makeSpan(1, 2, 1, kBase + 200000000, 5000, QStringLiteral("checkout"), QStringLiteral("child"));
    child.resourceAttributes = resource; // shared with `rich`, as a decoder would produce
    Span sameStart = makeSpan(1, 3, 1, kBase + 200000000, 1, QStringLiteral("db"), QString());
    sameStart.kind = SpanKind::Unspecified;

    const WriteResult r = commit(*store, { sameStart, child, rich });
    QCOMPARE(int(r.status), int(WriteResult::Status::Committed));
    QVERIFY(r.ok());
    QCOMPARE(r.spansWritten, 3);

    const QList<Span> got = store->traceSpans(traceId(1));
    const QList<Span> want = { rich, child, sameStart }; // by start, then span id
    QCOMPARE(got.size(), want.size());
    for (int i = 0; i < got.size(); ++i)
        QVERIFY2(got.at(i) == want.at(i),
            qPrintable(
                QStringLiteral("span %1 differs in: %2").arg(i).arg(differences(got.at(i), want.at(i)))));
    QCOMPARE(got.at(0).attributes.value(QLatin1String("big")).toInteger(), 9007199254740993LL);
    QCOMPARE(
        got.at(0).attributes.value(QLatin1String("max")).toInteger(), std::numeric_limits<qint64>::max());
    QVERIFY(got.at(0).parentSpanId.isEmpty());
    QVERIFY(store->traceSpans(traceId(2)).isEmpty());
}

// Spans of trace 1: root r (frontend, start 100), a (start 50! clock skew, child), b, c (late).
// Every split into batches and order of arrival must give the same summary.
void TestStore::summaryLateAndOutOfOrder_data()
{
    QTest::addColumn<QList<QList<int>>>("batches"); // indexes into spans()
    QTest::newRow("one batch") << QList<QList<int>> { { 0, 1, 2, 3 } };
    QTest::newRow("in order") << QList<QList<int>> { { 0 }, { 1 }, { 2 }, { 3 } };
    QTest::newRow("reverse") << QList<QList<int>> { { 3 }, { 2 }, { 1 }, { 0 } };
    QTest::newRow("root last") << QList<QList<int>> { { 1, 2 }, { 3 }, { 0 } };
    QTest::newRow("earliest last") << QList<QList<int>> { { 0, 2, 3 }, { 1 } };
    QTest::newRow("with duplicates") << QList<QList<int>> { { 2, 2 }, { 0, 2 }, { 1, 3, 0 }, { 3 } };
}

void TestStore::summaryLateAndOutOfOrder()
{
    QFETCH(QList<QList<int>>, batches);
    auto store = openStore();
    QVERIFY(store);
    const QList<Span> spans = {
        makeSpan(1, 10, 0, kBase + 100, 1000, QStringLiteral("frontend"), QStringLiteral("GET /")),
        makeSpan(1, 11, 10, kBase + 50, 100, QStringLiteral("auth"), QStringLiteral("check")),
        errorSpan(makeSpan(1, 12, 10, kBase + 300, 2000, QStringLiteral("db"), QStringLiteral("SELECT")),
            QStringLiteral("later error")),
        errorSpan(makeSpan(1, 13, 12, kBase + 200, 10, QStringLiteral("db"), QStringLiteral("connect")),
            QStringLiteral("first error")),
    };
    for (const QList<int> &batch : batches) {
        QList<Span> b;
        for (int i : batch)
            b.append(spans.at(i));
        QVERIFY(commit(*store, b).ok());
    }
    const auto s = store->traceSummary(traceId(1));
    QVERIFY(s);
    QCOMPARE(s->traceId, traceId(1));
    QVERIFY(s->hasRoot);
    QCOMPARE(s->rootSpanId, spanId(10));
    QCOMPARE(s->serviceName, QStringLiteral("frontend"));
    QCOMPARE(s->operationName, QStringLiteral("GET /"));
    QCOMPARE(s->startNs, kBase + 50);
    QCOMPARE(s->endNs, kBase + 2300);
    QCOMPARE(s->durationNs(), 2250);
    QCOMPARE(s->spanCount, 4);
    QCOMPARE(s->errorCount, 2);
    QCOMPARE(int(s->status), int(TraceStatus::Error));
    QCOMPARE(s->errorMessage, QStringLiteral("first error"));
    QCOMPARE(store->traceSpans(traceId(1)).size(), 4);
    QCOMPARE(store->stats().spans, 4);
}

void TestStore::summaryWithoutRoot()
{
    auto store = openStore();
    QVERIFY(store);
    Span late = makeSpan(2, 21, 20, kBase + 500, 100, QStringLiteral("worker"), QStringLiteral("process"));
    late.attributes = QJsonObject { { QStringLiteral("job"), 7 } };
    QVERIFY(commit(*store, { late }).ok());
    auto s = store->traceSummary(traceId(2));
    QVERIFY(s);
    QVERIFY(!s->hasRoot);
    QCOMPARE(s->rootSpanId, spanId(21));
    QCOMPARE(s->serviceName, QStringLiteral("worker"));
    QCOMPARE(s->rootAttributes, late.attributes);

    // An earlier span (still no root) becomes the representative.
    QVERIFY(commit(
        *store, { makeSpan(2, 22, 20, kBase + 400, 50, QStringLiteral("queue"), QStringLiteral("receive")) })
                .ok());
    s = store->traceSummary(traceId(2));
    QVERIFY(!s->hasRoot);
    QCOMPARE(s->rootSpanId, spanId(22));
    QCOMPARE(s->operationName, QStringLiteral("receive"));
    QVERIFY(s->rootAttributes.isEmpty());
    QCOMPARE(s->startNs, kBase + 400);
    QCOMPARE(s->endNs, kBase + 600);

    // A root that starts later than both still wins.
    QVERIFY(commit(
        *store, { makeSpan(2, 20, 0, kBase + 450, 10, QStringLiteral("api"), QStringLiteral("POST /jobs")) })
                .ok());
    s = store->traceSummary(traceId(2));
    QVERIFY(s->hasRoot);
    QCOMPARE(s->rootSpanId, spanId(20));
    QCOMPARE(s->serviceName, QStringLiteral("api"));
    QCOMPARE(s->startNs, kBase + 400);
    QCOMPARE(s->spanCount, 3);
    QCOMPARE(int(s->status), int(TraceStatus::Success));
    QVERIFY(s->errorMessage.isEmpty());
    QVERIFY(!store->traceSummary(traceId(3)));
}

void TestStore::duplicates()
{
    auto store = openStore();
    QVERIFY(store);
    const QList<Span> batch = { makeSpan(1, 1, 0, kBase, 100, QStringLiteral("a"), QStringLiteral("x")),
        errorSpan(makeSpan(1, 2, 1, kBase + 10, 10, QStringLiteral("b"), QStringLiteral("y")),
            QStringLiteral("e")) };
    WriteResult r = commit(*store, batch);
    QVERIFY(r.ok());
    QCOMPARE(r.spansWritten, 2);
    // The same spans again (an exporter retry): accepted, nothing counted twice.
    r = commit(*store, batch);
    QVERIFY(r.ok());
    QCOMPARE(r.spansWritten, 0);
    // A duplicate with different content is ignored too: the first write wins.
    Span changed = batch.at(1);
    changed.name = QStringLiteral("renamed");
    r = commit(*store,
        { changed, changed, makeSpan(1, 3, 1, kBase + 20, 10, QStringLiteral("c"), QStringLiteral("z")) });
    QVERIFY(r.ok());
    QCOMPARE(r.spansWritten, 1);

    const auto s = store->traceSummary(traceId(1));
    QCOMPARE(s->spanCount, 3);
    QCOMPARE(s->errorCount, 1);
    const QList<Span> spans = store->traceSpans(traceId(1));
    QCOMPARE(spans.size(), 3);
    QCOMPARE(spans.at(1).name, QStringLiteral("y"));
    QCOMPARE(store->stats().spans, 3);
    TraceFilter f;
    f.operation = QStringLiteral("renamed");
    QCOMPARE(store->searchTraces(f).totalCount, 0);
}

// Migration 2: rollups, latency buckets and error rows are written with the spans; late spans
// add to their own minute and duplicates count once.
// One frontend -> checkout -> postgres call chain per trace, its spans written as real SDKs export
// them: each service in its own request, in either order.
void TestStore::dependencyEdges()
{
    auto store = openStore();
    QVERIFY(store);
    const qint64 ms = 1000000;
    const qint64 base = kBase - kBase % (60 * kSecond); // a minute boundary
    struct Chain
    {
        QList<Span> frontend;
        QList<Span> checkout;
    };
    // Span ids: 10t+1 frontend root, 10t+2 its CLIENT call, 10t+3 a frontend INTERNAL span,
    // 10t+4 checkout's SERVER span, 10t+5 checkout's database call.
    auto chain = [&](int t, qint64 start, qint64 serverMs, bool serverFails) {
        Chain c;
        Span root = makeSpan(t, 10 * t + 1, 0, start, 100 * ms, QStringLiteral("frontend"), QStringLiteral("GET /"));
        Span call = makeSpan(t, 10 * t + 2, 10 * t + 1, start + ms, 90 * ms, QStringLiteral("frontend"),
            QStringLiteral("POST checkout"));
        call.kind = SpanKind::Client;
        call.attributes.insert(QStringLiteral("peer.service"), QStringLiteral("checkout"));
        Span internal = makeSpan(t, 10 * t + 3, 10 * t + 1, start + 2 * ms, 5 * ms, QStringLiteral("frontend"),
            QStringLiteral("render"));
        internal.kind = SpanKind::Internal;
        Span server = makeSpan(t, 10 * t + 4, 10 * t + 2, start + 2 * ms, serverMs * ms, QStringLiteral("checkout"),
            QStringLiteral("POST /checkout"));
        if (serverFails)
            server = errorSpan(server, QStringLiteral("boom"));
        Span db = makeSpan(t, 10 * t + 5, 10 * t + 4, start + 3 * ms, 7 * ms, QStringLiteral("checkout"),
            QStringLiteral("INSERT orders"));
        db.kind = SpanKind::Client;
        db.attributes.insert(QStringLiteral("db.system"), QStringLiteral("postgresql"));
        db.attributes.insert(QStringLiteral("db.name"), QStringLiteral("orders"));
        c.frontend = { root, call, internal };
        c.checkout = { server, db };
        return c;
    };
    const Chain one = chain(1, base, 50, false); // both services in one request
    const Chain two = chain(2, base + 10 * kSecond, 60, true); // the caller's request first
    const Chain three = chain(3, base + 20 * kSecond, 70, false); // the callee's request first
    QVERIFY(commit(*store, one.frontend + one.checkout).ok());
    QVERIFY(commit(*store, two.frontend).ok());
    // Until checkout's spans arrive, frontend's CLIENT call can only be an external "checkout".
    QList<DependencyRow> rows = store->dependencies({}, {});
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows[2].source, QStringLiteral("frontend"));
    QCOMPARE(rows[2].target, QStringLiteral("checkout"));
    QVERIFY(rows[2].external);
    QCOMPARE(rows[2].calls, 1);
    QVERIFY(commit(*store, two.checkout).ok());
    QVERIFY(commit(*store, three.checkout).ok());
    QVERIFY(commit(*store, three.frontend).ok());

    auto check = [&](const char *when) {
        const QList<DependencyRow> edges = store->dependencies({}, {});
        QVERIFY2(edges.size() == 2, when);
        // Ordered by source, target, type.
        const DependencyRow &db = edges[0];
        QCOMPARE(db.source, QStringLiteral("checkout"));
        QCOMPARE(db.target, QStringLiteral("postgresql:orders"));
        QVERIFY(db.external);
        QCOMPARE(db.calls, 3);
        QCOMPARE(db.errors, 0);
        QCOMPARE(db.durationSumNs, 21 * ms);
        const DependencyRow &call = edges[1];
        QCOMPARE(call.source, QStringLiteral("frontend"));
        QCOMPARE(call.target, QStringLiteral("checkout"));
        QVERIFY(!call.external); // the external guess was taken back when checkout's span came
        QCOMPARE(call.calls, 3);
        QCOMPARE(call.errors, 1);
        QCOMPARE(call.durationSumNs, (50 + 60 + 70) * ms);
    };
    check("after the first delivery");
    // A retrying exporter sends everything again: nothing is counted twice.
    QVERIFY(commit(*store, three.frontend).ok());
    QVERIFY(commit(*store, one.checkout + two.frontend + two.checkout).ok());
    QVERIFY(commit(*store, three.checkout + one.frontend).ok());
    check("after duplicates");

    // Keyed by the child's start minute: all three chains started in the minute from `base`.
    QVERIFY(store->dependencies(base + 60 * kSecond, {}).isEmpty());
    QVERIFY(store->dependencies({}, base).isEmpty());
    QCOMPARE(store->dependencies(base, base + 60 * kSecond).size(), 2);

    // A parent that never arrives leaves its child waiting, and no edge.
    Span orphan = makeSpan(9, 91, 99, base, 5 * ms, QStringLiteral("payment"), QStringLiteral("charge"));
    QVERIFY(commit(*store, { orphan }).ok());
    QCOMPARE(store->dependencies({}, {}).size(), 2);
    // ... until it does.
    Span late = makeSpan(9, 99, 0, base, 9 * ms, QStringLiteral("checkout"), QStringLiteral("pay"));
    late.kind = SpanKind::Client;
    late.attributes.insert(QStringLiteral("server.address"), QStringLiteral("payment.internal"));
    QVERIFY(commit(*store, { late }).ok());
    rows = store->dependencies({}, {});
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows[0].source, QStringLiteral("checkout"));
    QCOMPARE(rows[0].target, QStringLiteral("payment")); // not the external payment.internal: it has a child
    QVERIFY(!rows[0].external);
    QCOMPARE(rows[0].calls, 1);
    QCOMPARE(rows[0].durationSumNs, 5 * ms);

    // A child waits an hour at most: a store opening finds an older one and drops it.
    QVERIFY(commit(*store, { makeSpan(8, 81, 89, base, 5 * ms, QStringLiteral("payment"), QStringLiteral("charge")) })
                .ok());
    store.reset();
    {
        QSqlDatabase db = directConnection(QStringLiteral("direct"));
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM pending_edges")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QVERIFY(q.exec(QStringLiteral("UPDATE pending_edges SET created_ns = created_ns - 3601000000000")));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("direct"));
    store = openStore();
    QVERIFY(store);
    Span parent = makeSpan(8, 89, 0, base, 9 * ms, QStringLiteral("checkout"), QStringLiteral("pay"));
    QVERIFY(commit(*store, { parent }).ok());
    QCOMPARE(store->dependencies({}, {}).size(), 3); // no checkout -> payment call from trace 8
    QCOMPARE(store->dependencies({}, {})[0].calls, 1);
}

// A search by service alone walks the summaries for a common service and starts from the
// service's own traces for a rare one; both give the same rows and counts as the definition.
void TestStore::searchByService()
{
    auto store = openStore();
    QVERIFY(store);
    QList<Span> spans;
    for (int t = 1; t <= 60; ++t) {
        spans.append(makeSpan(t, 100 + t, 0, kBase + t * kSecond, 10, QStringLiteral("common"), QStringLiteral("get")));
        if (t % 30 == 0) // 2 of 60 traces: rare
            spans.append(makeSpan(t, 200 + t, 100 + t, kBase + t * kSecond, 5, QStringLiteral("rare"), QStringLiteral("q")));
        if (t % 2 == 0) // half of them: common enough to walk
            spans.append(makeSpan(t, 300 + t, 100 + t, kBase + t * kSecond, 5, QStringLiteral("half"), QStringLiteral("q")));
    }
    QVERIFY(commit(*store, spans).ok());
    QVERIFY(commit(*store, spans.mid(0, 40)).ok()); // duplicates count once
    QCOMPARE(store->tracesPerService().value(QStringLiteral("common")), 60);
    QCOMPARE(store->tracesPerService().value(QStringLiteral("rare")), 2);
    QCOMPARE(store->tracesPerService().value(QStringLiteral("half")), 30);

    struct Case
    {
        const char *service;
        QList<int> traces; // newest first
    };
    for (const Case &c : { Case { "rare", { 60, 30 } }, Case { "half", { 60, 58, 56, 54, 52 } } }) {
        TraceFilter f;
        f.service = QString::fromLatin1(c.service);
        f.limit = 5;
        const TraceSearchResult r = store->searchTraces(f);
        QCOMPARE(r.totalCount, c.service == QByteArrayView("rare") ? 2 : 30);
        QCOMPARE(r.traces.size(), c.traces.size());
        for (int i = 0; i < c.traces.size(); ++i)
            QCOMPARE(r.traces[i].traceId, traceId(c.traces[i]));
        // With a time filter, the count is counted, not taken from the totals.
        f.startFromNs = kBase + 55 * kSecond;
        QCOMPARE(store->searchTraces(f).totalCount, c.service == QByteArrayView("rare") ? 1 : 3);
    }
    TraceFilter none;
    none.service = QStringLiteral("nobody");
    QCOMPARE(store->searchTraces(none).totalCount, 0);
    QVERIFY(store->searchTraces(none).traces.isEmpty());
}

void TestStore::hourlyReadsMatchSpans()
{
    auto store = openStore();
    QVERIFY(store);
    const HourlyWorkload w = hourlyWorkload();
    for (const QList<Span> &write : w.writes)
        QVERIFY(commit(*store, write).ok());
    QCOMPARE(store->stats().spans, qint64(w.spans.size()));

    int checked = 0;
    QVERIFY(readsMatch(*store, w.spans, w.hour0, &checked));
    QVERIFY(checked > 1000);

    {
        // The hourly tables hold the minute tables' sums per hour, whatever the writes were.
        QSqlDatabase db = directConnection(QStringLiteral("direct"));
        const QString hourOf = QStringLiteral("(minute_ns - ((minute_ns % 3600000000000) + 3600000000000) % 3600000000000)");
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*), SUM(span_count) FROM span_rollups_hourly")) && q.next());
        QCOMPARE(q.value(1).toLongLong(), qint64(w.spans.size()));
        const qint64 hourRows = q.value(0).toLongLong();
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM (SELECT DISTINCT service_name, ") + hourOf
                    + QStringLiteral(", operation_name, kind, is_entry FROM span_rollups) AS t"))
            && q.next());
        QCOMPARE(hourRows, q.value(0).toLongLong());
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM span_rollups")) && q.next());
        QVERIFY(q.value(0).toLongLong() > 2 * hourRows); // else the hours would not be worth reading

        // The request tables hold every service's entry rows summed per minute and per hour.
        for (const QString &tier : { QStringLiteral("minute_ns"), QStringLiteral("hour_ns") }) {
            const QString suffix = tier == u"hour_ns" ? QStringLiteral("_hourly") : QString();
            QStringList want;
            QSqlQuery sums(db);
            QVERIFY(sums.exec(QStringLiteral("SELECT %1, SUM(span_count), SUM(error_count), SUM(duration_sum_ns),"
                                             " MAX(duration_max_ns), MAX(last_start_ns) FROM span_rollups%2"
                                             " WHERE is_entry = 1 GROUP BY %1 ORDER BY %1")
                                  .arg(tier, suffix)));
            while (sums.next()) {
                LatencyHistogram h;
                QSqlQuery buckets(db);
                QVERIFY(buckets.exec(QStringLiteral("SELECT bucket, SUM(bucket_count) FROM rollup_buckets%1"
                                                    " WHERE is_entry = 1 AND %2 = %3 GROUP BY bucket")
                                         .arg(suffix, tier)
                                         .arg(sums.value(0).toLongLong())));
                while (buckets.next())
                    h.addToBucket(buckets.value(0).toInt(), buckets.value(1).toLongLong());
                QStringList cols;
                for (int i = 0; i < 6; ++i)
                    cols.append(sums.value(i).toString());
                cols.append(QString::fromLatin1(h.serialize()));
                want.append(cols.join(u'|'));
            }
            QVERIFY(want.size() > 5);
            QCOMPARE(requestRows(db, QStringLiteral("request_rollups") + suffix), want);
        }

        // Reads take whole hours from the hourly tables: with the minutes of one hour deleted,
        // that hour still answers, its minutes do not.
        const qint64 h1 = w.hour0 + kHour;
        QVERIFY(q.exec(QStringLiteral("DELETE FROM span_rollups WHERE minute_ns >= %1 AND minute_ns < %2")
                           .arg(h1)
                           .arg(h1 + kHour)));
        QVERIFY(q.exec(QStringLiteral("DELETE FROM rollup_buckets WHERE minute_ns >= %1 AND minute_ns < %2")
                           .arg(h1)
                           .arg(h1 + kHour)));
        QVERIFY(q.exec(QStringLiteral("DELETE FROM dependency_rollups WHERE minute_ns >= %1 AND minute_ns < %2")
                           .arg(h1)
                           .arg(h1 + kHour)));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("direct"));
    RollupQuery hour;
    hour.fromNs = w.hour0 + kHour;
    hour.toNs = w.hour0 + 2 * kHour;
    QCOMPARE(QStringList { rollupText(store->rollups(hour).value(0)) }, expectedRollups(w.spans, hour));
    QCOMPARE(store->latencyHistograms(hour).value(0).histogram.count(), store->rollups(hour).value(0).spans);
    QCOMPARE(store->dependencies(hour.fromNs, hour.toNs).size(),
        expectedDependencies(w.spans, hour.fromNs, hour.toNs).size());
    hour.fromNs = *hour.fromNs + kMinute;
    QVERIFY(store->rollups(hour).isEmpty());
    QVERIFY(store->latencyHistograms(hour).isEmpty());
    QVERIFY(store->dependencies(hour.fromNs, hour.toNs).isEmpty());
    hour.fromNs = {};
    hour.toNs = {};
    QCOMPARE(store->rollups(hour).value(0).spans, qint64(w.spans.size())); // all time: hours only
}

void TestStore::hourlyBackfill()
{
    // The same spans written by this Spanlight (hourly rows upserted with every write)...
    const HourlyWorkload w = hourlyWorkload();
    {
        auto store = openStore();
        QVERIFY(store);
        for (const QList<Span> &write : w.writes)
            QVERIFY(commit(*store, write).ok());
    }
    // ... and a database as Spanlight left it at schema 3, with the same minute rows.
    const QString oldUrl = anotherDatabaseUrl();
    QVERIFY(!oldUrl.isEmpty());
    const QStringList minuteTables = { QStringLiteral("span_rollups"), QStringLiteral("rollup_buckets"),
        QStringLiteral("dependency_rollups") };
    const QStringList columns = { QLatin1String(kRollupColumns), QLatin1String(kBucketColumns),
        QLatin1String(kDependencyColumns) };
    QStringList hourlyWritten; // the writer's hourly rows
    QStringList requestsWritten; // and its request rollups
    {
        QSqlDatabase current = directConnection(QStringLiteral("current"));
        QSqlDatabase old = directConnection(QStringLiteral("old"), oldUrl);
        QString error;
        QVERIFY2(storage::runMigrations(old, isPostgres() ? storage::Dialect::Postgres : storage::Dialect::Sqlite,
                     &error, 3),
            qPrintable(error));
        QSqlQuery q(old);
        QVERIFY(q.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")) && q.next());
        QCOMPARE(q.value(0).toInt(), 3);
        QVERIFY(!old.tables().contains(QStringLiteral("span_rollups_hourly")));
        QVERIFY(old.transaction());
        for (int t = 0; t < minuteTables.size(); ++t) {
            QVERIFY(copyRows(current, old, minuteTables[t], columns[t].arg(QStringLiteral("minute_ns"))) > 0);
            hourlyWritten += tableRows(current, minuteTables[t] + QStringLiteral("_hourly"),
                columns[t].arg(QStringLiteral("hour_ns")));
        }
        requestsWritten = requestRows(current, QStringLiteral("request_rollups"))
            + requestRows(current, QStringLiteral("request_rollups_hourly"));
        // Minutes before 1970 floor to the hour before them (validated spans start after 1970,
        // but the SQL must floor like hourOf()).
        for (const qint64 minute : { -kMinute, -kHour, -kHour - kMinute, -3 * kHour - kMinute }) {
            QVERIFY(q.exec(QStringLiteral("INSERT INTO span_rollups VALUES ('old', %1, 'op', 1, 1, 1, 0, 10, 10, %2)")
                               .arg(minute)
                               .arg(minute + 5)));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO rollup_buckets VALUES ('old', %1, 'op', 1, 7, 2)").arg(minute)));
            QVERIFY(q.exec(
                QStringLiteral("INSERT INTO dependency_rollups VALUES (%1, 'old', 'db', 1, 3, 1, 30)").arg(minute)));
        }
        QVERIFY(old.commit());
    }
    QSqlDatabase::removeDatabase(QStringLiteral("current"));
    QSqlDatabase::removeDatabase(QStringLiteral("old"));

    // Opening it runs migration 4, which backfills the hourly tables from the minute tables, and
    // migration 5, which backfills the request rollups from both.
    QString error;
    auto store = Store::open(oldUrl, &error);
    QVERIFY2(store, qPrintable(error));
    {
        QSqlDatabase old = directConnection(QStringLiteral("old"), oldUrl);
        QSqlQuery q(old);
        QVERIFY(q.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")) && q.next());
        QCOMPARE(q.value(0).toInt(), storage::latestSchemaVersion());
        QStringList backfilled;
        for (int t = 0; t < minuteTables.size(); ++t) {
            const QString table = minuteTables[t] + QStringLiteral("_hourly");
            const QString cols = columns[t].arg(QStringLiteral("hour_ns"));
            backfilled += tableRows(old, QStringLiteral("(SELECT * FROM %1 WHERE %2 <> 'old') AS t")
                                             .arg(table, t == 2 ? QStringLiteral("source_service")
                                                                : QStringLiteral("service_name")),
                cols);
        }
        // Row for row what the writer upserted.
        QCOMPARE(backfilled, hourlyWritten);
        QCOMPARE(requestRows(old, QStringLiteral("request_rollups"), QStringLiteral("minute_ns >= 0"))
                + requestRows(old, QStringLiteral("request_rollups_hourly"), QStringLiteral("hour_ns >= 0")),
            requestsWritten);
        QCOMPARE(requestRows(old, QStringLiteral("request_rollups_hourly"), QStringLiteral("hour_ns < 0")),
            QStringList({ QStringLiteral("%1|1|0|10|10|%2|7:2").arg(-4 * kHour).arg(-3 * kHour - kMinute + 5),
                QStringLiteral("%1|1|0|10|10|%2|7:2").arg(-2 * kHour).arg(-kHour - kMinute + 5),
                QStringLiteral("%1|2|0|20|10|%2|7:4").arg(-kHour).arg(-kMinute + 5) }));
        QCOMPARE(requestRows(old, QStringLiteral("request_rollups"), QStringLiteral("minute_ns < 0")).size(), 4);
        const qint64 h = kHour;
        QCOMPARE(tableRows(old, QStringLiteral("(SELECT * FROM span_rollups_hourly WHERE service_name = 'old') AS t"),
                     QString::fromLatin1(kRollupColumns).arg(QStringLiteral("hour_ns"))),
            QStringList({ QStringLiteral("old|%1|op|1|1|1|0|10|10|%2").arg(-4 * h).arg(-3 * h - kMinute + 5),
                QStringLiteral("old|%1|op|1|1|1|0|10|10|%2").arg(-2 * h).arg(-h - kMinute + 5),
                QStringLiteral("old|%1|op|1|1|2|0|20|10|%2").arg(-h).arg(-kMinute + 5) }));
        QCOMPARE(tableRows(old, QStringLiteral("(SELECT * FROM rollup_buckets_hourly WHERE service_name = 'old') AS t"),
                     QString::fromLatin1(kBucketColumns).arg(QStringLiteral("hour_ns"))),
            QStringList({ QStringLiteral("old|%1|op|1|7|2").arg(-4 * h), QStringLiteral("old|%1|op|1|7|2").arg(-2 * h),
                QStringLiteral("old|%1|op|1|7|4").arg(-h) }));
        QCOMPARE(
            tableRows(old, QStringLiteral("(SELECT * FROM dependency_rollups_hourly WHERE source_service = 'old') AS t"),
                QString::fromLatin1(kDependencyColumns).arg(QStringLiteral("hour_ns"))),
            QStringList({ QStringLiteral("%1|old|db|1|3|1|30").arg(-4 * h), QStringLiteral("%1|old|db|1|3|1|30").arg(-2 * h),
                QStringLiteral("%1|old|db|1|6|2|60").arg(-h) }));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("old"));

    // Reads over the backfilled hours, before 1970 too.
    RollupQuery old;
    old.service = QStringLiteral("old");
    old.fromNs = -2 * kHour;
    old.toNs = 0;
    QCOMPARE(store->rollups(old).value(0).spans, 3); // two whole hours
    old.fromNs = -kHour - kMinute;
    QCOMPARE(store->rollups(old).value(0).spans, 3); // a minute, then an hour
    old.fromNs = -kHour + kMinute;
    QCOMPARE(store->rollups(old).value(0).spans, 1); // minutes only
    QCOMPARE(store->latencyHistograms(old).value(0).histogram.count(), 2);
    {
        QSqlDatabase db = directConnection(QStringLiteral("old"), oldUrl);
        QSqlQuery q(db);
        for (const QString &table : minuteTables) {
            const QString column = table == u"dependency_rollups" ? QStringLiteral("source_service")
                                                                  : QStringLiteral("service_name");
            QVERIFY(q.exec(QStringLiteral("DELETE FROM %1 WHERE %2 = 'old'").arg(table, column)));
            QVERIFY(q.exec(QStringLiteral("DELETE FROM %1_hourly WHERE %2 = 'old'").arg(table, column)));
        }
        QVERIFY(q.exec(QStringLiteral("DELETE FROM request_rollups WHERE minute_ns < 0")));
        QVERIFY(q.exec(QStringLiteral("DELETE FROM request_rollups_hourly WHERE hour_ns < 0")));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("old"));

    // Every read over the backfilled tables answers what the spans say.
    int checked = 0;
    QVERIFY(readsMatch(*store, w.spans, w.hour0, &checked));
    // New writes add to the backfilled hours.
    QVERIFY(commit(*store, w.writes.constFirst()).ok()); // stored in the other database only
    QCOMPARE(store->rollups({}).value(0).spans, qint64(w.writes.constFirst().size() + w.spans.size()));
}

// Migration 6: the totals the writer keeps are the counts of the rows, through duplicates, late
// spans of stored traces and many writes; active traces are counted through the end_ns index.
void TestStore::totalsMatchRows()
{
    auto store = openStore();
    QVERIFY(store);
    const ErrorWorkload w = errorWorkload();
    auto rowCount = [this](const char *table) {
        qint64 n = -1;
        {
            QSqlDatabase db = directConnection(QStringLiteral("direct"));
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("SELECT COUNT(*) FROM ") + QLatin1String(table)) && q.next())
                n = q.value(0).toLongLong();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("direct"));
        return n;
    };
    for (const QList<Span> &write : w.writes) {
        QVERIFY(commit(*store, write).ok());
        const StoreStats stats = store->stats();
        QCOMPARE(stats.spans, rowCount("spans"));
        QCOMPARE(stats.traces, rowCount("trace_summaries"));
    }
    QCOMPARE(store->stats().spans, qint64(w.spans.size()));
    QCOMPARE(store->stats().traces, 300);
    // A write of nothing but duplicates changes nothing.
    QCOMPARE(commit(*store, w.writes.constFirst()).spansWritten, 0);
    QCOMPARE(store->stats().spans, qint64(w.spans.size()));
    QCOMPARE(store->stats().traces, 300);

    QHash<QByteArray, qint64> traceEnds;
    for (const Span &s : w.spans)
        traceEnds[s.traceId]
            = std::max(traceEnds.value(s.traceId, std::numeric_limits<qint64>::min()), s.endTimeUnixNano);
    QList<qint64> thresholds = { 0, w.hour0, w.hour0 + 3 * kHour, w.hour0 + 7 * kHour };
    for (qsizetype i = 0; i < w.spans.size(); i += 37) // exactly on trace ends, and 1 ns before
        thresholds += { traceEnds.value(w.spans[i].traceId), traceEnds.value(w.spans[i].traceId) - 1 };
    for (const qint64 t : std::as_const(thresholds)) {
        qint64 want = 0;
        for (const qint64 end : std::as_const(traceEnds))
            want += end > t ? 1 : 0;
        QCOMPARE(store->tracesEndingAfter(t), want);
    }
    if (!isPostgres()) {
        QSqlDatabase db = directConnection(QStringLiteral("direct"));
        QSqlQuery q(db);
        QVERIFY(q.exec(
            QStringLiteral("EXPLAIN QUERY PLAN SELECT COUNT(*) FROM trace_summaries WHERE end_ns > 5")));
        QString plan;
        while (q.next())
            plan += q.value(3).toString();
        QVERIFY2(plan.contains(QLatin1String("trace_summaries_end")), qPrintable(plan));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("direct"));
}

// Two servers on one database (several spanlightd on one PostgreSQL) write spans of the same
// traces at the same time: each trace is counted once, by whichever created its summary.
void TestStore::totalsWithConcurrentWriters()
{
    auto a = openStore();
    auto b = openStore();
    QVERIFY(a && b);
    const int kTraces = 600;
    const int kPerWrite = 30;
    for (int first = 1; first <= kTraces; first += kPerWrite) {
        QList<Span> fromA, fromB;
        for (int t = first; t < first + kPerWrite; ++t) {
            fromA.append(errorSpan(
                makeSpan(t, 1, 0, kBase + t * kSecond, 10, QStringLiteral("a"), QStringLiteral("x")),
                QStringLiteral("boom")));
            fromB.append(errorSpan(
                makeSpan(t, 2, 0, kBase + t * kSecond + 5, 10, QStringLiteral("b"), QStringLiteral("y")),
                QStringLiteral("boom")));
        }
        QFuture<WriteResult> fa = a->write(fromA);
        QFuture<WriteResult> fb = b->write(fromB);
        fa.waitForFinished();
        fb.waitForFinished();
        QVERIFY2(fa.result().ok(), qPrintable(fa.result().error));
        QVERIFY2(fb.result().ok(), qPrintable(fb.result().error));
    }
    // Then traces of their own at the same times: the writers no longer meet on a summary row
    // (which made them take turns above), only on the request rollups of each minute and hour.
    const int kOwn = 10000;
    for (int first = 1; first <= kTraces; first += kPerWrite) {
        QList<Span> fromA, fromB;
        for (int t = first; t < first + kPerWrite; ++t) {
            fromA.append(makeSpan(kOwn + t, 1, 0, kBase + t * kSecond + 1, 1000 + t, QStringLiteral("a"), QStringLiteral("x")));
            fromB.append(makeSpan(2 * kOwn + t, 1, 0, kBase + t * kSecond + 2, 5000 + t, QStringLiteral("b"), QStringLiteral("y")));
        }
        QFuture<WriteResult> fa = a->write(fromA);
        QFuture<WriteResult> fb = b->write(fromB);
        fa.waitForFinished();
        fb.waitForFinished();
        QVERIFY2(fa.result().ok(), qPrintable(fa.result().error));
        QVERIFY2(fb.result().ok(), qPrintable(fb.result().error));
    }
    const int kAllTraces = 3 * kTraces;
    const int kAllSpans = 4 * kTraces;
    for (Store *store : { a.get(), b.get() }) {
        QCOMPARE(store->stats().traces, kAllTraces);
        QCOMPARE(store->stats().spans, kAllSpans);
        qint64 errors = 0;
        for (const ErrorGroup &g : store->errorGroups({}))
            errors += g.count;
        QCOMPARE(errors, 2 * kTraces);
    }
    {
        QSqlDatabase db = directConnection(QStringLiteral("direct"));
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral(
                    "SELECT (SELECT COUNT(*) FROM trace_summaries), (SELECT SUM(span_count) FROM"
                    " trace_summaries), (SELECT SUM(error_count) FROM error_groups_hourly)"))
            && q.next());
        QCOMPARE(q.value(0).toLongLong(), kAllTraces);
        QCOMPARE(q.value(1).toLongLong(), kAllSpans);
        QCOMPARE(q.value(2).toLongLong(), 2 * kTraces);
        // Both writers merged into the same request-rollup rows (read, merge, write back; on
        // PostgreSQL under FOR UPDATE): per minute and per hour, the counts and the histogram
        // texts hold every request of both, as the per-service rows do.
        for (const QString &tier : { QStringLiteral("minute_ns"), QStringLiteral("hour_ns") }) {
            const QString suffix = tier == u"hour_ns" ? QStringLiteral("_hourly") : QString();
            QSqlQuery perService(db);
            QVERIFY(perService.exec(QStringLiteral("SELECT %1, SUM(span_count) FROM span_rollups%2 WHERE is_entry = 1"
                                                   " GROUP BY %1 ORDER BY %1")
                                        .arg(tier, suffix)));
            QSqlQuery requests(db);
            QVERIFY(requests.exec(QStringLiteral("SELECT %1, span_count, histogram FROM request_rollups%2 ORDER BY %1")
                                      .arg(tier, suffix)));
            qint64 total = 0;
            int slots = 0;
            while (perService.next()) {
                QVERIFY(requests.next());
                QCOMPARE(requests.value(0).toLongLong(), perService.value(0).toLongLong());
                QCOMPARE(requests.value(1).toLongLong(), perService.value(1).toLongLong());
                QCOMPARE(LatencyHistogram::deserialize(requests.value(2).toByteArray()).count(),
                         requests.value(1).toLongLong());
                total += requests.value(1).toLongLong();
                ++slots;
            }
            QVERIFY(!requests.next());
            QCOMPARE(total, kAllSpans);
            QVERIFY(slots > (tier == u"hour_ns" ? 0 : 5)); // 600 s of traces: ten minutes, one or two hours
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("direct"));
    RollupQuery requests;
    requests.entryOnly = true;
    requests.fromNs = kBase - kMinute; // minutes at the edges, hours between
    requests.toNs = kBase + (kTraces + 120) * kSecond;
    QCOMPARE(a->rollups(requests).value(0).spans, kAllSpans);
    QCOMPARE(a->latencyHistograms(requests).value(0).histogram.count(), kAllSpans);
}

// errorGroups() reads whole hours from error_groups_hourly and the edge hours from errors: the
// same groups as the plain scan of errors and as the spans say, for every window and filter.
void TestStore::errorGroupsMatchErrors()
{
    auto store = openStore();
    QVERIFY(store);
    const ErrorWorkload w = errorWorkload();
    for (const QList<Span> &write : w.writes)
        QVERIFY(commit(*store, write).ok());
    QStringList fingerprints;
    for (const QString &row : expectedErrorGroups(w.spans, {}))
        if (const QString fp = row.section(u'|', 0, 0); !fingerprints.contains(fp))
            fingerprints.append(fp);
    QVERIFY(fingerprints.size() > 20);
    const QList<ErrorFilter> filters = errorFilters(w.hour0, fingerprints);
    int nonEmpty = 0;
    {
        QSqlDatabase db = directConnection(QStringLiteral("direct"));
        for (const ErrorFilter &f : filters) {
            QStringList got;
            for (const ErrorGroup &g : store->errorGroups(f))
                got.append(errorGroupText(g));
            got = sorted(got);
            const QStringList want = expectedErrorGroups(w.spans, f);
            const QStringList plain = plainErrorGroups(db, f);
            if (got != want || plain != want) {
                qWarning().noquote() << describe(f) << "\n got:" << got.join(u'\n')
                                     << "\n plain scan:" << plain.join(u'\n')
                                     << "\n want:" << want.join(u'\n');
                QFAIL("error groups differ");
            }
            nonEmpty += want.isEmpty() ? 0 : 1;
        }
        QVERIFY(nonEmpty > filters.size() / 2);

        // Every error row is in exactly one hourly group row.
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT (SELECT COUNT(*) FROM errors), (SELECT SUM(error_count) FROM"
                                      " error_groups_hourly), (SELECT COUNT(*) FROM error_groups_hourly)"))
            && q.next());
        QCOMPARE(q.value(1).toLongLong(), q.value(0).toLongLong());
        QVERIFY(q.value(2).toLongLong() < q.value(0).toLongLong());
        // Whole hours come from the hourly table: with one hour's rows gone from errors, that hour
        // still answers, a window one nanosecond shorter does not.
        QVERIFY(q.exec(QStringLiteral("DELETE FROM errors WHERE time_ns >= %1 AND time_ns < %2")
                           .arg(w.hour0 + kHour)
                           .arg(w.hour0 + 2 * kHour)));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("direct"));
    ErrorFilter hour;
    hour.fromNs = w.hour0 + kHour;
    hour.toNs = w.hour0 + 2 * kHour - 1;
    QStringList got;
    for (const ErrorGroup &g : store->errorGroups(hour))
        got.append(errorGroupText(g));
    QVERIFY(!got.isEmpty());
    QCOMPARE(sorted(got), expectedErrorGroups(w.spans, hour));
    hour.fromNs = *hour.fromNs + 1;
    QVERIFY(store->errorGroups(hour).isEmpty());
    hour.fromNs = *hour.fromNs - 1;
    hour.toNs = *hour.toNs - 1;
    QVERIFY(store->errorGroups(hour).isEmpty());
}

// Migration 6 fills store_totals and error_groups_hourly from the rows a schema-4 database has:
// the same rows this writer keeps.
void TestStore::totalsBackfill()
{
    const ErrorWorkload w = errorWorkload();
    {
        auto store = openStore();
        QVERIFY(store);
        for (const QList<Span> &write : w.writes)
            QVERIFY(commit(*store, write).ok());
    }
    const QString oldUrl = anotherDatabaseUrl();
    QVERIFY(!oldUrl.isEmpty());
    const QString totalsColumns = QStringLiteral("id, span_count, trace_count");
    QStringList totalsWritten, groupsWritten;
    {
        QSqlDatabase current = directConnection(QStringLiteral("current"));
        QSqlDatabase old = directConnection(QStringLiteral("old"), oldUrl);
        QString error;
        QVERIFY2(storage::runMigrations(
                     old, isPostgres() ? storage::Dialect::Postgres : storage::Dialect::Sqlite, &error, 4),
            qPrintable(error));
        QVERIFY(!old.tables().contains(QStringLiteral("store_totals")));
        QVERIFY(!old.tables().contains(QStringLiteral("error_groups_hourly")));
        QVERIFY(old.transaction());
        QCOMPARE(
            copyRows(current, old, QStringLiteral("trace_summaries"), QLatin1String(kSummaryCopyColumns)),
            300);
        QVERIFY(copyRows(current, old, QStringLiteral("errors"), QLatin1String(kErrorCopyColumns)) > 100);
        // Errors before 1970 floor to the hour before them, as hourOf() does.
        QSqlQuery insert(old);
        QVERIFY(insert.prepare(QStringLiteral("INSERT INTO errors (") + QLatin1String(kErrorCopyColumns)
            + QStringLiteral(") VALUES (?, ?, ?, 'old', 'op', 2, 1, 'Error', 'm', NULL, 'fp-old')")));
        int n = 0;
        for (const qint64 t : { -1LL, -kHour, -kHour - 1, -3 * kHour + 5 }) {
            insert.bindValue(0, traceId(9000));
            insert.bindValue(1, spanId(++n));
            insert.bindValue(2, t);
            QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));
        }
        QVERIFY(old.commit());
        totalsWritten = tableRows(current, QStringLiteral("store_totals"), totalsColumns);
        groupsWritten
            = tableRows(current, QStringLiteral("error_groups_hourly"), QLatin1String(kErrorGroupColumns));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("current"));
    QSqlDatabase::removeDatabase(QStringLiteral("old"));
    QCOMPARE(totalsWritten, QStringList { QStringLiteral("1|%1|300").arg(w.spans.size()) });

    QString error;
    auto store = Store::open(oldUrl, &error);
    QVERIFY2(store, qPrintable(error));
    {
        QSqlDatabase old = directConnection(QStringLiteral("old"), oldUrl);
        QSqlQuery q(old);
        QVERIFY(q.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")) && q.next());
        QCOMPARE(q.value(0).toInt(), storage::latestSchemaVersion());
        QCOMPARE(tableRows(old, QStringLiteral("store_totals"), totalsColumns), totalsWritten);
        QCOMPARE(tableRows(old,
                     QStringLiteral("(SELECT * FROM error_groups_hourly WHERE service_name <> 'old') AS t"),
                     QLatin1String(kErrorGroupColumns)),
            groupsWritten);
        const qint64 h = kHour;
        QCOMPARE(tableRows(old,
                     QStringLiteral("(SELECT * FROM error_groups_hourly WHERE service_name = 'old') AS t"),
                     QLatin1String(kErrorGroupColumns)),
            QStringList({ QStringLiteral("fp-old|old|Error|1|2|%1|1|%2").arg(-3 * h).arg(-3 * h + 5),
                QStringLiteral("fp-old|old|Error|1|2|%1|1|%2").arg(-2 * h).arg(-h - 1),
                QStringLiteral("fp-old|old|Error|1|2|%1|2|-1").arg(-h) }));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("old"));

    QCOMPARE(store->stats().spans, qint64(w.spans.size()));
    QCOMPARE(store->stats().traces, 300);
    // Reads over the backfilled hours, before 1970 too.
    ErrorFilter old;
    old.service = QStringLiteral("old");
    old.fromNs = -2 * kHour;
    old.toNs = -1;
    QCOMPARE(store->errorGroups(old).value(0).count, 3); // two whole hours
    QCOMPARE(store->errorGroups(old).value(0).lastNs, -1);
    old.fromNs = -kHour - 1;
    QCOMPARE(store->errorGroups(old).value(0).count, 3); // a row, then an hour
    old.toNs = -2;
    QCOMPARE(store->errorGroups(old).value(0).count, 2); // rows only
    QCOMPARE(store->errorGroups(old).value(0).lastNs, -kHour);
    old.fromNs = -kHour + 1;
    old.toNs = -1;
    QCOMPARE(store->errorGroups(old).value(0).count, 1);
    old.service.clear();
    old.fromNs = {};
    old.toNs = {};
    QCOMPARE(store->errorGroups(old).size(), expectedErrorGroups(w.spans, {}).size() + 1);
    // New writes add to the backfilled totals.
    QList<Span> more;
    for (int t = 1; t <= 5; ++t)
        more.append(makeSpan(5000 + t, 1, 0, kBase, 10, QStringLiteral("new"), QStringLiteral("op")));
    // Only the summaries were copied, not the spans: this span is new here, its trace is not.
    more.append(w.spans.constFirst());
    QVERIFY(commit(*store, more).ok());
    QCOMPARE(store->stats().spans, qint64(w.spans.size()) + 6);
    QCOMPARE(store->stats().traces, 305);
}

void TestStore::rollupsAndErrors()
{
    auto store = openStore();
    QVERIFY(store);
    const qint64 minute = 60 * kSecond;
    const qint64 m0 = kBase - kBase % minute;
    Span root = makeSpan(1, 1, 0, kBase, 100 * kMs, QStringLiteral("a"), QStringLiteral("GET /x"));
    Span client = errorSpan(makeSpan(1, 2, 1, kBase + 10 * kMs, 40 * kMs, QStringLiteral("b"), QStringLiteral("query")),
        QStringLiteral("boom 42"));
    client.kind = SpanKind::Client;
    QVERIFY(commit(*store, { root, client }).ok());

    Span second = errorSpan(makeSpan(2, 1, 0, kBase + kSecond, 300 * kMs, QStringLiteral("a"), QStringLiteral("GET /x")),
        QStringLiteral("failed"));
    SpanEvent exception;
    exception.name = QStringLiteral("exception");
    exception.timeUnixNano = kBase + kSecond;
    exception.attributes.insert(QStringLiteral("exception.type"), QStringLiteral("IOError"));
    exception.attributes.insert(QStringLiteral("exception.stacktrace"), QStringLiteral("at f()"));
    second.events.append(exception);
    Span late = makeSpan(1, 3, 1, kBase - minute, 5 * kMs, QStringLiteral("a"), QStringLiteral("cache"));
    late.kind = SpanKind::Internal;
    Span renamed = client;
    renamed.name = QStringLiteral("renamed");
    const WriteResult r = commit(*store, { second, late, client, renamed });
    QVERIFY(r.ok());
    QCOMPARE(r.spansWritten, 2);
    QVERIFY(commit(*store, { root, second }).ok()); // a retry changes nothing

    {
        QSqlDatabase db = directConnection(QStringLiteral("direct"));
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral(
            "SELECT service_name, minute_ns, operation_name, kind, is_entry, span_count, error_count,"
            " duration_sum_ns, duration_max_ns, last_start_ns FROM span_rollups"
            " ORDER BY service_name, minute_ns, operation_name")));
        QStringList rows;
        while (q.next()) {
            QStringList cols;
            for (int i = 0; i < 10; ++i)
                cols.append(i == 1 ? QString::number(q.value(i).toLongLong() - m0) : q.value(i).toString());
            rows.append(cols.join(u'|'));
        }
        const QStringList expected = {
            QStringLiteral("a|-60000000000|cache|1|0|1|0|5000000|5000000|%1").arg(kBase - minute),
            QStringLiteral("a|0|GET /x|2|1|2|1|400000000|300000000|%1").arg(kBase + kSecond),
            QStringLiteral("b|0|query|3|0|1|1|40000000|40000000|%1").arg(kBase + 10 * kMs),
        };
        QCOMPARE(rows, expected);

        QVERIFY(q.exec(QStringLiteral("SELECT service_name, operation_name, is_entry, COUNT(*), SUM(bucket_count)"
                                      " FROM rollup_buckets GROUP BY service_name, operation_name, is_entry"
                                      " ORDER BY service_name, operation_name")));
        rows.clear();
        while (q.next())
            rows.append(QStringList { q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                q.value(3).toString(), q.value(4).toString() }
                            .join(u'|'));
        QCOMPARE(rows,
            QStringList({ QStringLiteral("a|GET /x|1|2|2"), QStringLiteral("a|cache|0|1|1"),
                QStringLiteral("b|query|0|1|1") }));

        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM errors")) && q.next());
        QCOMPARE(q.value(0).toInt(), 2);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("direct"));

    // The same through the store's reads.
    RollupQuery q;
    q.byService = true;
    QList<RollupRow> rows = store->rollups(q);
    std::sort(rows.begin(), rows.end(), [](const RollupRow &x, const RollupRow &y) { return x.service < y.service; });
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[0].spans, 3);
    QCOMPARE(rows[0].errors, 1);
    QCOMPARE(rows[0].durationMaxNs, 300 * kMs);
    QCOMPARE(rows[1].spans, 1);
    q = {};
    q.service = QStringLiteral("a");
    q.entryOnly = true;
    q.fromNs = m0;
    q.toNs = m0 + minute;
    rows = store->rollups(q);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].spans, 2);
    QCOMPARE(rows[0].durationSumNs, 400 * kMs);
    q.fromNs = m0 + minute; // nothing there
    QVERIFY(store->rollups(q).isEmpty());
    // Slots of two minutes from the late span's minute, per operation: the same SQL on both dialects.
    RollupQuery slots;
    slots.service = QStringLiteral("a");
    slots.fromNs = m0 - minute;
    slots.slotNs = 2 * minute;
    slots.byOperation = true;
    QList<RollupRow> bySlot = store->rollups(slots);
    std::sort(bySlot.begin(), bySlot.end(),
        [](const RollupRow &x, const RollupRow &y) { return x.operation < y.operation; });
    QCOMPARE(bySlot.size(), 2);
    QCOMPARE(bySlot[0].operation, QStringLiteral("GET /x"));
    QCOMPARE(bySlot[0].slot, 0);
    QCOMPARE(bySlot[0].spans, 2);
    QCOMPARE(bySlot[1].operation, QStringLiteral("cache"));
    QCOMPARE(bySlot[1].slot, 0);
    slots.slotNs = minute;
    slots.byOperation = false;
    bySlot = store->rollups(slots);
    std::sort(bySlot.begin(), bySlot.end(), [](const RollupRow &x, const RollupRow &y) { return x.slot < y.slot; });
    QCOMPARE(bySlot.size(), 2);
    QCOMPARE(bySlot[0].slot, 0);
    QCOMPARE(bySlot[0].spans, 1);
    QCOMPARE(bySlot[1].slot, 1);
    QCOMPARE(bySlot[1].spans, 2);
    const QList<HistogramRow> slotHistograms = store->latencyHistograms(slots);
    QCOMPARE(slotHistograms.size(), 2);
    for (const HistogramRow &h : slotHistograms)
        QCOMPARE(h.histogram.count(), h.slot == 0 ? 1 : 2);
    // A window over every service (read service by service along the primary key): each service
    // once, and only the window's minutes.
    RollupQuery everyService;
    everyService.fromNs = m0;
    everyService.toNs = m0 + 2 * minute;
    everyService.byService = true;
    auto byName = [](const auto &x, const auto &y) { return x.service < y.service; };
    rows = store->rollups(everyService);
    std::sort(rows.begin(), rows.end(), byName);
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[0].service, QStringLiteral("a"));
    QCOMPARE(rows[0].spans, 2); // not the late span of the minute before
    QCOMPARE(rows[1].service, QStringLiteral("b"));
    QCOMPARE(rows[1].spans, 1);
    QList<HistogramRow> perService = store->latencyHistograms(everyService);
    std::sort(perService.begin(), perService.end(), byName);
    QCOMPARE(perService.size(), 2);
    QCOMPARE(perService[0].histogram.count(), 2);
    QCOMPARE(perService[1].histogram.count(), 1);
    everyService.fromNs = m0 - minute;
    everyService.toNs = m0;
    rows = store->rollups(everyService);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].service, QStringLiteral("a"));
    QCOMPARE(rows[0].operation, QString()); // not grouped by operation
    QCOMPARE(rows[0].spans, 1);
    q.fromNs = m0;
    const QList<HistogramRow> histograms = store->latencyHistograms(q);
    QCOMPARE(histograms.size(), 1);
    QCOMPARE(histograms[0].histogram.count(), 2);
    QVERIFY(qAbs(histograms[0].histogram.quantileNs(0.5) - 100e6) <= 2e6);
    QVERIFY(qAbs(histograms[0].histogram.quantileNs(1.0) - 300e6) <= 6e6);
    QVERIFY(store->hasService(QStringLiteral("b")));
    QVERIFY(!store->hasService(QStringLiteral("nope")));
    const QHash<QString, qint64> traces = store->tracesPerService();
    QCOMPARE(traces.value(QStringLiteral("a")), 2);
    QCOMPARE(traces.value(QStringLiteral("b")), 1);

    const QList<ErrorRecord> errors = store->errors({}, 10, 0);
    QCOMPARE(errors.size(), 2);
    QCOMPARE(errors[0].traceId, traceId(2)); // newest first
    QCOMPARE(errors[0].type, QStringLiteral("IOError"));
    QCOMPARE(errors[0].message, QStringLiteral("failed"));
    QCOMPARE(errors[0].stackTrace, QStringLiteral("at f()"));
    QVERIFY(errors[0].isRoot);
    QCOMPARE(errors[0].kind, SpanKind::Server);
    QCOMPARE(errors[1].service, QStringLiteral("b"));
    QCOMPARE(errors[1].operation, QStringLiteral("query")); // the first write wins
    QCOMPARE(errors[1].type, QStringLiteral("Error"));
    QCOMPARE(errors[1].kind, SpanKind::Client);
    QVERIFY(!errors[1].isRoot);
    QCOMPARE(errors[1].fingerprint,
        errorFingerprint(QStringLiteral("b"), QStringLiteral("query"), QStringLiteral("Error"), QStringLiteral("boom 42")));
    ErrorFilter f;
    f.service = QStringLiteral("a");
    QCOMPARE(store->errors(f, 10, 0).size(), 1);
    f = {};
    f.fromNs = kBase + 20 * kMs;
    QCOMPARE(store->errors(f, 10, 0).size(), 1);
    f = {};
    f.fingerprints = QStringList();
    QVERIFY(store->errors(f, 10, 0).isEmpty());
    f.fingerprints = QStringList { errors[1].fingerprint };
    const QList<ErrorGroup> groups = store->errorGroups(f);
    QCOMPARE(groups.size(), 1);
    QCOMPARE(groups[0].count, 1);
    QCOMPARE(groups[0].lastNs, kBase + 10 * kMs);
    const auto one = store->error(traceId(2), spanId(1));
    QVERIFY(one);
    QCOMPARE(one->type, QStringLiteral("IOError"));
    QVERIFY(!store->error(traceId(1), spanId(1))); // not failed
    QCOMPARE(store->span(traceId(2), spanId(1))->events.size(), 1);

    TraceFilter slow;
    slow.sort = TraceSort::Duration;
    const TraceSearchResult slowest = store->searchTraces(slow);
    QCOMPARE(slowest.traces.size(), 2);
    QCOMPARE(slowest.traces[0].traceId, traceId(1)); // the late span made trace 1 a minute long
}

void TestStore::status_data()
{
    QTest::addColumn<QList<QList<Span>>>("batches");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("errors");
    QTest::addColumn<QString>("message");

    const Span root = makeSpan(1, 1, 0, kBase, 1000, QStringLiteral("a"), QStringLiteral("root"));
    const Span c1 = makeSpan(1, 2, 1, kBase + 10, 10, QStringLiteral("b"), QStringLiteral("c1"));
    const Span c2 = makeSpan(1, 3, 1, kBase + 20, 10, QStringLiteral("b"), QStringLiteral("c2"));
    Span ok = c1;
    ok.statusCode = StatusCode::Ok;
    Span http504 = errorSpan(c2, QString());
    http504.attributes.insert(QStringLiteral("http.response.status_code"), 504);
    Span grpcDeadline = errorSpan(c2, QStringLiteral("rpc failed"));
    grpcDeadline.attributes.insert(QStringLiteral("rpc.grpc.status_code"), 4);

    QTest::newRow("success") << QList<QList<Span>> { { root, ok, c2 } } << int(TraceStatus::Success) << 0
                             << QString();
    QTest::newRow("error") << QList<QList<Span>> { { root, errorSpan(c1, QStringLiteral("boom")), c2 } }
                           << int(TraceStatus::Error) << 1 << QStringLiteral("boom");
    QTest::newRow("timeout by message")
        << QList<QList<Span>> { { root, errorSpan(c1, QStringLiteral("boom")) },
               { errorSpan(c2, QStringLiteral("deadline exceeded")) } }
        << int(TraceStatus::Timeout) << 2 << QStringLiteral("boom");
    QTest::newRow("timeout by http 504")
        << QList<QList<Span>> { { http504 }, { root } } << int(TraceStatus::Timeout) << 1 << QString();
    QTest::newRow("timeout then error")
        << QList<QList<Span>> { { grpcDeadline }, { errorSpan(c1, QStringLiteral("earlier")) }, { root } }
        << int(TraceStatus::Timeout) << 2 << QStringLiteral("earlier");
    QTest::newRow("error root") << QList<QList<Span>> { { c1 },
        { errorSpan(root, QStringLiteral("root failed")) } }
                                << int(TraceStatus::Error) << 1 << QStringLiteral("root failed");
}

void TestStore::status()
{
    QFETCH(QList<QList<Span>>, batches);
    QFETCH(int, status);
    QFETCH(int, errors);
    QFETCH(QString, message);
    auto store = openStore();
    QVERIFY(store);
    for (const QList<Span> &b : batches)
        QVERIFY(commit(*store, b).ok());
    const auto s = store->traceSummary(traceId(1));
    QVERIFY(s);
    QCOMPARE(int(s->status), status);
    QCOMPARE(s->errorCount, errors);
    QCOMPARE(s->errorMessage, message);
}

// Traces (index: start, duration, spans):
//   1: 1000 s, 50 ms, frontend "GET /" <- db "SELECT"
//   2: 2000 s, 500 ms, frontend "POST /x" <- cache "GET"
//   3: 3000 s, 5 ms, billing "charge" <- db "INSERT"
//   5: 3000 s, 20 ms, billing "refund" (same start as 3: trace id breaks the tie)
//   4: 4000 s, 1 ms, db "SELECT" only, no root
void TestStore::filters_data()
{
    QTest::addColumn<TraceFilter>("filter");
    QTest::addColumn<QList<int>>("expected");
    QTest::addColumn<int>("total");
    auto f = [](auto change) {
        TraceFilter filter;
        change(filter);
        return filter;
    };
    QTest::newRow("all") << TraceFilter() << QList<int> { 4, 3, 5, 2, 1 } << 5;
    QTest::newRow("service of child spans")
        << f([](TraceFilter &x) { x.service = QStringLiteral("db"); }) << QList<int> { 4, 3, 1 } << 3;
    QTest::newRow("service of root") << f([](TraceFilter &x) { x.service = QStringLiteral("frontend"); })
                                     << QList<int> { 2, 1 } << 2;
    QTest::newRow("service and operation") << f([](TraceFilter &x) {
        x.service = QStringLiteral("db");
        x.operation = QStringLiteral("SELECT");
    }) << QList<int> { 4, 1 } << 2;
    QTest::newRow("operation of another service") << f([](TraceFilter &x) {
        x.service = QStringLiteral("frontend");
        x.operation = QStringLiteral("SELECT");
    }) << QList<int> {} << 0;
    QTest::newRow("operation only") << f([](TraceFilter &x) { x.operation = QStringLiteral("GET"); })
                                    << QList<int> { 2 } << 1;
    QTest::newRow("unknown service") << f([](TraceFilter &x) { x.service = QStringLiteral("nope"); })
                                     << QList<int> {} << 0;
    QTest::newRow("start from (inclusive)")
        << f([](TraceFilter &x) { x.startFromNs = kBase + 2000 * kSecond; }) << QList<int> { 4, 3, 5, 2 }
        << 4;
    QTest::newRow("start to (inclusive)")
        << f([](TraceFilter &x) { x.startToNs = kBase + 2000 * kSecond; }) << QList<int> { 2, 1 } << 2;
    QTest::newRow("start window") << f([](TraceFilter &x) {
        x.startFromNs = kBase + 1500 * kSecond;
        x.startToNs = kBase + 3000 * kSecond;
    }) << QList<int> { 3, 5, 2 } << 3;
    QTest::newRow("min duration") << f([](TraceFilter &x) { x.minDurationNs = 20 * kMs; })
                                  << QList<int> { 5, 2, 1 } << 3;
    QTest::newRow("max duration") << f([](TraceFilter &x) { x.maxDurationNs = 20 * kMs; })
                                  << QList<int> { 4, 3, 5 } << 3;
    QTest::newRow("duration window and service") << f([](TraceFilter &x) {
        x.minDurationNs = 2 * kMs;
        x.maxDurationNs = 100 * kMs;
        x.service = QStringLiteral("db");
    }) << QList<int> { 3, 1 } << 2;
    QTest::newRow("limit") << f([](TraceFilter &x) { x.limit = 2; }) << QList<int> { 4, 3 } << 5;
    QTest::newRow("limit offset") << f([](TraceFilter &x) {
        x.limit = 2;
        x.offset = 2;
    }) << QList<int> { 5, 2 } << 5;
    QTest::newRow("last page") << f([](TraceFilter &x) {
        x.limit = 2;
        x.offset = 4;
    }) << QList<int> { 1 } << 5;
    QTest::newRow("beyond the end") << f([](TraceFilter &x) { x.offset = 10; }) << QList<int> {} << 5;
    QTest::newRow("limit zero") << f([](TraceFilter &x) { x.limit = 0; }) << QList<int> {} << 5;
    QTest::newRow("filtered page") << f([](TraceFilter &x) {
        x.service = QStringLiteral("db");
        x.limit = 1;
        x.offset = 1;
    }) << QList<int> { 3 } << 3;
    // Searches by operation look up their candidates by id: count and page come from one pass.
    QTest::newRow("operation, second page") << f([](TraceFilter &x) {
        x.service = QStringLiteral("db");
        x.operation = QStringLiteral("SELECT");
        x.limit = 1;
        x.offset = 1;
    }) << QList<int> { 1 } << 2;
    QTest::newRow("operation, past the end") << f([](TraceFilter &x) {
        x.operation = QStringLiteral("SELECT");
        x.offset = 2;
    }) << QList<int> {} << 2;
    QTest::newRow("operation, limit zero") << f([](TraceFilter &x) {
        x.operation = QStringLiteral("SELECT");
        x.limit = 0;
    }) << QList<int> {} << 2;
    QTest::newRow("operation, slowest first") << f([](TraceFilter &x) {
        x.operation = QStringLiteral("SELECT");
        x.sort = TraceSort::Duration;
    }) << QList<int> { 1, 4 } << 2;
    // Span counts: 1, 2, 3 have two spans, 4 and 5 one; error spans: 3 and 5 one each.
    QTest::newRow("min spans") << f([](TraceFilter &x) { x.minSpans = 2; }) << QList<int> { 3, 2, 1 } << 3;
    QTest::newRow("max spans") << f([](TraceFilter &x) { x.maxSpans = 1; }) << QList<int> { 4, 5 } << 2;
    QTest::newRow("span range") << f([](TraceFilter &x) {
        x.minSpans = 2;
        x.maxSpans = 2;
    }) << QList<int> { 3, 2, 1 } << 3;
    QTest::newRow("span range, none") << f([](TraceFilter &x) { x.minSpans = 3; }) << QList<int> {} << 0;
    QTest::newRow("min errors") << f([](TraceFilter &x) { x.minErrors = 1; }) << QList<int> { 3, 5 } << 2;
    QTest::newRow("max errors") << f([](TraceFilter &x) { x.maxErrors = 0; }) << QList<int> { 4, 2, 1 } << 3;
    QTest::newRow("errors and spans") << f([](TraceFilter &x) {
        x.minErrors = 1;
        x.minSpans = 2;
    }) << QList<int> { 3 } << 1;
    QTest::newRow("spans and service") << f([](TraceFilter &x) {
        x.service = QStringLiteral("db");
        x.maxSpans = 1;
    }) << QList<int> { 4 } << 1;
    QTest::newRow("errors and operation") << f([](TraceFilter &x) {
        x.operation = QStringLiteral("SELECT");
        x.minErrors = 1;
    }) << QList<int> {} << 0;
    // Sorts: the key, then newest first, then the trace id.
    const auto sorted = [&](TraceSort sort, bool descending) {
        return f([&](TraceFilter &x) {
            x.sort = sort;
            x.descending = descending;
        });
    };
    QTest::newRow("oldest first") << sorted(TraceSort::StartTime, false) << QList<int> { 1, 2, 3, 5, 4 } << 5;
    QTest::newRow("slowest first") << sorted(TraceSort::Duration, true) << QList<int> { 2, 1, 5, 3, 4 } << 5;
    QTest::newRow("fastest first") << sorted(TraceSort::Duration, false) << QList<int> { 4, 3, 5, 1, 2 } << 5;
    QTest::newRow("most spans") << sorted(TraceSort::SpanCount, true) << QList<int> { 3, 2, 1, 4, 5 } << 5;
    QTest::newRow("fewest spans") << sorted(TraceSort::SpanCount, false) << QList<int> { 4, 5, 3, 2, 1 } << 5;
    QTest::newRow("most errors") << sorted(TraceSort::ErrorCount, true) << QList<int> { 3, 5, 4, 2, 1 } << 5;
    QTest::newRow("fewest errors") << sorted(TraceSort::ErrorCount, false) << QList<int> { 4, 2, 1, 3, 5 } << 5;
    QTest::newRow("most errors, a page") << f([](TraceFilter &x) {
        x.sort = TraceSort::ErrorCount;
        x.limit = 2;
        x.offset = 1;
    }) << QList<int> { 5, 4 } << 5;
    QTest::newRow("operation, most spans") << f([](TraceFilter &x) {
        x.operation = QStringLiteral("SELECT");
        x.sort = TraceSort::SpanCount;
    }) << QList<int> { 1, 4 } << 2;
    QTest::newRow("service, fewest spans") << f([](TraceFilter &x) {
        x.service = QStringLiteral("db");
        x.sort = TraceSort::SpanCount;
        x.descending = false;
    }) << QList<int> { 4, 3, 1 } << 3;
    // Trace 2 has a note.
    QTest::newRow("has note") << f([](TraceFilter &x) { x.hasNote = true; }) << QList<int> { 2 } << 1;
    QTest::newRow("without note") << f([](TraceFilter &x) { x.hasNote = false; }) << QList<int> { 4, 3, 5, 1 } << 4;
    QTest::newRow("note and service") << f([](TraceFilter &x) {
        x.hasNote = true;
        x.service = QStringLiteral("db");
    }) << QList<int> {} << 0;
    QTest::newRow("operation and duration") << f([](TraceFilter &x) {
        x.operation = QStringLiteral("SELECT");
        x.minDurationNs = 2 * kMs;
    }) << QList<int> { 1 } << 1;
    // Trace 3 has an error span, trace 5 a timed-out one: both failed.
    QTest::newRow("status error (timeouts too)")
        << f([](TraceFilter &x) { x.status = TraceStatus::Error; }) << QList<int> { 3, 5 } << 2;
    QTest::newRow("status timeout") << f([](TraceFilter &x) { x.status = TraceStatus::Timeout; })
                                    << QList<int> { 5 } << 1;
    QTest::newRow("status success") << f([](TraceFilter &x) { x.status = TraceStatus::Success; })
                                    << QList<int> { 4, 2, 1 } << 3;
    QTest::newRow("status error and service") << f([](TraceFilter &x) {
        x.status = TraceStatus::Error;
        x.service = QStringLiteral("db");
    }) << QList<int> { 3 } << 1;
    QTest::newRow("status error and operation") << f([](TraceFilter &x) {
        x.status = TraceStatus::Error;
        x.operation = QStringLiteral("refund");
    }) << QList<int> { 5 } << 1;
    // Tags are the root span's attributes: strings exactly (case counts), numbers and booleans
    // as written (200 is not 2000; the string "200" is found too), several at once.
    const auto tags = [&](QList<std::pair<QString, QString>> t) {
        return f([&](TraceFilter &x) { x.rootAttributes = t; });
    };
    QTest::newRow("tag string") << tags({ { u"http.method"_qs, u"POST"_qs } }) << QList<int> { 2 } << 1;
    QTest::newRow("tag string, other case") << tags({ { u"http.method"_qs, u"post"_qs } }) << QList<int> {} << 0;
    QTest::newRow("tag number") << tags({ { u"http.status_code"_qs, u"200"_qs } }) << QList<int> { 1 } << 1;
    QTest::newRow("tag number or string") << tags({ { u"note"_qs, u"200"_qs } }) << QList<int> { 2 } << 1;
    QTest::newRow("tag boolean") << tags({ { u"cached"_qs, u"true"_qs } }) << QList<int> { 1 } << 1;
    QTest::newRow("unknown tag") << tags({ { u"db.system"_qs, u"sqlite"_qs } }) << QList<int> {} << 0;
    QTest::newRow("two tags") << tags({ { u"http.method"_qs, u"GET"_qs }, { u"http.status_code"_qs, u"200"_qs } })
                              << QList<int> { 1 } << 1;
    QTest::newRow("two tags, one wrong")
        << tags({ { u"http.method"_qs, u"GET"_qs }, { u"http.status_code"_qs, u"2000"_qs } }) << QList<int> {} << 0;
    QTest::newRow("tag and service") << f([](TraceFilter &x) {
        x.service = QStringLiteral("db");
        x.rootAttributes = { { u"http.method"_qs, u"GET"_qs } };
    }) << QList<int> { 1 } << 1;
}

void TestStore::filters()
{
    QFETCH(TraceFilter, filter);
    QFETCH(QList<int>, expected);
    QFETCH(int, total);
    auto store = openStore();
    QVERIFY(store);
    const qint64 s = kSecond;
    Span get = makeSpan(1, 1, 0, kBase + 1000 * s, 50 * kMs, QStringLiteral("frontend"), QStringLiteral("GET /"));
    get.attributes = QJsonObject { { QStringLiteral("http.method"), QStringLiteral("GET") },
        { QStringLiteral("http.status_code"), 200 }, { QStringLiteral("cached"), true } };
    Span post = makeSpan(2, 1, 0, kBase + 2000 * s, 500 * kMs, QStringLiteral("frontend"), QStringLiteral("POST /x"));
    post.attributes = QJsonObject { { QStringLiteral("http.method"), QStringLiteral("POST") },
        { QStringLiteral("http.status_code"), 2000 }, { QStringLiteral("note"), QStringLiteral("200") } };
    QVERIFY(commit(*store,
        { get,
            makeSpan(1, 2, 1, kBase + 1000 * s + kMs, kMs, QStringLiteral("db"), QStringLiteral("SELECT")),
            post })
                .ok());
    QVERIFY(commit(*store,
        { makeSpan(2, 2, 1, kBase + 2000 * s, kMs, QStringLiteral("cache"), QStringLiteral("GET")),
            makeSpan(3, 1, 0, kBase + 3000 * s, 5 * kMs, QStringLiteral("billing"), QStringLiteral("charge")),
            errorSpan(makeSpan(3, 2, 1, kBase + 3000 * s, kMs, QStringLiteral("db"), QStringLiteral("INSERT")),
                QStringLiteral("duplicate key")) })
                .ok());
    QVERIFY(commit(*store,
        { errorSpan(makeSpan(5, 1, 0, kBase + 3000 * s, 20 * kMs, QStringLiteral("billing"), QStringLiteral("refund")),
              QStringLiteral("gateway timeout")),
            makeSpan(4, 2, 1, kBase + 4000 * s, kMs, QStringLiteral("db"), QStringLiteral("SELECT")) })
                .ok());

    QString error;
    QCOMPARE(store->setTraceNote(traceId(2), QStringLiteral("slow checkout"), QStringLiteral("alice"), &error),
        NoteChange::Done);

    const TraceSearchResult result = store->searchTraces(filter);
    QList<int> got;
    for (const TraceSummary &t : result.traces) {
        got.append(int(uchar(t.traceId.at(15))));
        QCOMPARE(t.note, got.last() == 2 ? QStringLiteral("slow checkout") : QString());
    }
    QCOMPARE(got, expected);
    QCOMPARE(result.totalCount, total);
    if (!result.traces.isEmpty() && got.first() == 2) {
        const TraceSummary &t = result.traces.first();
        QCOMPARE(t.serviceName, QStringLiteral("frontend"));
        QCOMPARE(t.operationName, QStringLiteral("POST /x"));
        QCOMPARE(t.spanCount, 2);
        QCOMPARE(t.durationNs(), 500 * kMs);
    }
}

// Holds the database's write lock from a second connection so the writer stalls inside its
// transaction, then fills the one-batch queue.
void TestStore::queueFull()
{
    auto store = openStore(1);
    QVERIFY(store);
    std::atomic<qint64> committedSpans { 0 };
    connect(
        store.get(), &Store::committed, store.get(), [&](qint64 spans, qint64) { committedSpans += spans; },
        Qt::DirectConnection);

    QList<QFuture<WriteResult>> accepted;
    bool sawFull = false;
    {
        QSqlDatabase holder = directConnection(QStringLiteral("holder"));
        QVERIFY(holder.isOpen());
        QSqlQuery q(holder);
        QVERIFY2(q.exec(isPostgres() ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE")),
            qPrintable(q.lastError().text()));
        if (isPostgres())
            QVERIFY2(q.exec(QStringLiteral("LOCK TABLE spans IN EXCLUSIVE MODE")),
                qPrintable(q.lastError().text()));

        for (int i = 1; i <= 50 && !sawFull; ++i) {
            QFuture<WriteResult> f = store->write(
                { makeSpan(i, 1, 0, kBase + i, 10, QStringLiteral("s"), QStringLiteral("op")) });
            if (f.isFinished() && f.result().status == WriteResult::Status::QueueFull) {
                QVERIFY(!f.result().error.isEmpty());
                sawFull = true;
            } else {
                accepted.append(f);
            }
        }
        QVERIFY(sawFull);
        QVERIFY(accepted.size() >= 1);
        QVERIFY(accepted.size() <= 3); // one in the writer, one queued, and one the writer took in between
        for (const auto &f : std::as_const(accepted))
            QVERIFY(!f.isFinished()); // nothing is acknowledged before its commit
        QVERIFY(q.exec(QStringLiteral("ROLLBACK")));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("holder"));

    for (auto &f : accepted) {
        f.waitForFinished();
        QCOMPARE(int(f.result().status), int(WriteResult::Status::Committed));
    }
    QCOMPARE(store->stats().traces, accepted.size());
    // Futures finish first, committed() follows from the writer thread.
    QTRY_COMPARE(committedSpans.load(), accepted.size());
    // The queue drains: writing works again.
    QVERIFY(
        commit(*store, { makeSpan(100, 1, 0, kBase, 10, QStringLiteral("s"), QStringLiteral("op")) }).ok());
}

void TestStore::closeRefusesWrites()
{
    auto store = openStore();
    QVERIFY(store);
    QList<QFuture<WriteResult>> pending;
    for (int i = 1; i <= 20; ++i)
        pending.append(
            store->write({ makeSpan(i, 1, 0, kBase + i, 10, QStringLiteral("s"), QStringLiteral("op")) }));
    store->close();
    // close() drained the queue: everything accepted before is committed.
    for (auto &f : pending) {
        QVERIFY(f.isFinished());
        QCOMPARE(int(f.result().status), int(WriteResult::Status::Committed));
    }
    QFuture<WriteResult> late
        = store->write({ makeSpan(99, 1, 0, kBase, 10, QStringLiteral("s"), QStringLiteral("op")) });
    QVERIFY(late.isFinished());
    QCOMPARE(int(late.result().status), int(WriteResult::Status::Closed));
    store->close(); // idempotent
    QCOMPARE(store->stats().traces, 20); // reads still work
}

void TestStore::concurrentReadersAndWriters()
{
    auto store = openStore(1000);
    QVERIFY(store);
    const int kWriters = 3;
    const int kTracesPerWriter = 15;
    const int kSpansPerTrace = 5;
    std::atomic<bool> stop { false };
    std::atomic<int> violations { 0 };
    std::atomic<int> reads { 0 };

    // Each trace is committed atomically, so a reader sees all of its spans or none.
    auto reader = [&] {
        while (!stop) {
            const StoreStats stats = store->stats();
            if (stats.spans != stats.traces * kSpansPerTrace)
                ++violations;
            TraceFilter all;
            all.limit = 1000;
            const TraceSearchResult found = store->searchTraces(all);
            if (found.traces.size() != found.totalCount)
                ++violations;
            for (const TraceSummary &t : found.traces) {
                if (t.spanCount != kSpansPerTrace || store->traceSpans(t.traceId).size() != kSpansPerTrace)
                    ++violations;
            }
            ++reads;
        }
    };
    auto writer = [&](int w) {
        QList<QFuture<WriteResult>> futures;
        for (int t = 0; t < kTracesPerWriter; ++t) {
            const int trace = w * 100 + t + 1;
            QList<Span> spans;
            for (int s = 1; s <= kSpansPerTrace; ++s)
                spans.append(makeSpan(trace, s, s == 1 ? 0 : 1, kBase + trace * kMs + s, 100,
                    QStringLiteral("svc%1").arg(s), QStringLiteral("op")));
            futures.append(store->write(spans));
        }
        for (auto &f : futures) {
            f.waitForFinished();
            if (!f.result().ok())
                ++violations;
        }
    };
    std::vector<std::unique_ptr<QThread>> threads;
    for (int i = 0; i < 2; ++i)
        threads.emplace_back(QThread::create(reader));
    for (int w = 0; w < kWriters; ++w)
        threads.emplace_back(QThread::create(writer, w));
    for (auto &t : threads)
        t->start();
    for (size_t i = 2; i < threads.size(); ++i)
        QVERIFY(threads[i]->wait(60000));
    QTRY_VERIFY(reads.load() >= 4);
    stop = true;
    for (auto &t : threads)
        QVERIFY(t->wait(60000));
    QCOMPARE(violations.load(), 0);
    const StoreStats stats = store->stats();
    QCOMPARE(stats.traces, kWriters * kTracesPerWriter);
    QCOMPARE(stats.spans, kWriters * kTracesPerWriter * kSpansPerTrace);
}

void TestStore::reopenPersists()
{
    const QList<Span> spans = { makeSpan(7, 1, 0, kBase, 1000, QStringLiteral("a"), QStringLiteral("root")),
        errorSpan(makeSpan(7, 2, 1, kBase + 1, 10, QStringLiteral("b"), QStringLiteral("child")),
            QStringLiteral("x")) };
    {
        auto store = openStore();
        QVERIFY(store);
        QVERIFY(!store->isPostgres() == !isPostgres());
        QCOMPARE(store->databaseUrl(), m_url);
        QVERIFY(commit(*store, spans).ok());
    }
    auto store = openStore();
    QVERIFY(store);
    QCOMPARE(store->traceSpans(traceId(7)), spans);
    const auto s = store->traceSummary(traceId(7));
    QVERIFY(s);
    QCOMPARE(s->spanCount, 2);
    QCOMPARE(int(s->status), int(TraceStatus::Error));
    // Writing into the reopened store continues the same summary.
    QVERIFY(
        commit(*store, { makeSpan(7, 3, 1, kBase + 5, 2000, QStringLiteral("c"), QStringLiteral("late")) })
            .ok());
    QCOMPARE(store->traceSummary(traceId(7))->spanCount, 3);
    QCOMPARE(store->traceSummary(traceId(7))->endNs, kBase + 2005);
}

void TestStore::newerSchemaRefused()
{
    {
        auto store = openStore();
        QVERIFY(store);
        QVERIFY(
            commit(*store, { makeSpan(1, 1, 0, kBase, 10, QStringLiteral("a"), QStringLiteral("b")) }).ok());
    }
    {
        QSqlDatabase db = directConnection(QStringLiteral("direct"));
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")) && q.next());
        QCOMPARE(q.value(0).toInt(), storage::latestSchemaVersion());
        QCOMPARE(q.value(0).toInt(), 11); // alert rules, history and webhook deliveries
        QVERIFY2(q.exec(QStringLiteral("INSERT INTO schema_version (version, description, applied_at_ns) "
                                       "VALUES (999, 'from the future', 0)")),
            qPrintable(q.lastError().text()));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("direct"));
    QString error;
    QVERIFY(!Store::open(m_url, &error));
    QVERIFY2(error.contains(QLatin1String("schema version 999 is newer")), qPrintable(error));
}

void TestStore::pingStatsAndRecent()
{
    auto store = openStore();
    QVERIFY(store);
    QString error;
    QVERIFY2(store->ping(&error), qPrintable(error));
    QCOMPARE(store->stats().traces, 0);
    QCOMPARE(store->stats().spans, 0);
    QCOMPARE(store->tracesEndingAfter(0), 0);
    QVERIFY(commit(*store,
        { makeSpan(1, 1, 0, kBase, 100, QStringLiteral("a"), QStringLiteral("b")),
            makeSpan(2, 1, 0, kBase + 1000, 100, QStringLiteral("a"), QStringLiteral("b")),
            makeSpan(2, 2, 1, kBase + 1000, 500, QStringLiteral("a"), QStringLiteral("c")) })
                .ok());
    QCOMPARE(store->stats().traces, 2);
    QCOMPARE(store->stats().spans, 3);
    QCOMPARE(store->tracesEndingAfter(kBase + 99), 2);
    QCOMPARE(store->tracesEndingAfter(kBase + 100), 1);
    QCOMPARE(store->tracesEndingAfter(kBase + 1499), 1);
    QCOMPARE(store->tracesEndingAfter(kBase + 1500), 0);
    // Reads from another thread use their own connection.
    bool pinged = false;
    std::unique_ptr<QThread> t(QThread::create([&] { pinged = store->ping(); }));
    t->start();
    QVERIFY(t->wait(10000));
    QVERIFY(pinged);
}

// Not a test: the body of the child process survivesSigkill() starts and kills.
void TestStore::crashChild()
{
    const QString url = qEnvironmentVariable("SPANLIGHT_STORE_CRASH_URL");
    if (url.isEmpty())
        QSKIP("helper process of survivesSigkill()");
    QString error;
    auto store = Store::open(url, &error);
    QVERIFY2(store, qPrintable(error));
    const int kBatches = 10;
    const int kSpans = 100;
    int trace = 0;
    auto batch = [&] {
        ++trace;
        QList<Span> spans;
        for (int s = 1; s <= kSpans; ++s)
            spans.append(makeSpan(
                trace, s, s == 1 ? 0 : 1, kBase + trace, 10, QStringLiteral("svc"), QStringLiteral("op")));
        return spans;
    };
    QList<QFuture<WriteResult>> futures;
    for (int b = 0; b < kBatches; ++b)
        futures.append(store->write(batch()));
    for (auto &f : futures) {
        f.waitForFinished();
        QVERIFY(f.result().ok());
    }
    // The parent kills us as soon as it reads this; keep the writer busy so the kill also lands
    // in the middle of later transactions.
    fprintf(stdout, "SPANLIGHT-COMMITTED %d\n", kBatches * kSpans);
    fflush(stdout);
    for (;;) {
        QFuture<WriteResult> f = store->write(batch());
        if (f.isFinished() && f.result().status == WriteResult::Status::QueueFull)
            QThread::msleep(1);
    }
}

// The durability promise: what a write's future reported as committed survives SIGKILL.
void TestStore::survivesSigkill()
{
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SPANLIGHT_STORE_CRASH_URL"), m_url);
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(), { QStringLiteral("crashChild") });
    QVERIFY(child.waitForStarted());
    QByteArray out;
    qint64 acknowledged = -1;
    while (acknowledged < 0 && child.state() == QProcess::Running) {
        child.waitForReadyRead(100);
        out += child.readAllStandardOutput();
        const qsizetype at = out.indexOf("SPANLIGHT-COMMITTED ");
        const qsizetype end = at < 0 ? -1 : out.indexOf('\n', at);
        if (end > 0)
            acknowledged = out.mid(at + 20, end - at - 20).toLongLong();
    }
    QVERIFY2(acknowledged > 0, out.constData());
    QThread::msleep(50); // let it get into later transactions
    child.kill(); // SIGKILL: no destructors, no close()
    QVERIFY(child.waitForFinished());

    auto store = openStore();
    QVERIFY(store);
    const StoreStats stats = store->stats();
    QVERIFY2(stats.spans >= acknowledged, qPrintable(QString::number(stats.spans)));
    // Whole transactions or nothing: every stored trace has all its spans, counted once.
    QCOMPARE(stats.spans, stats.traces * 100);
    TraceFilter all;
    all.limit = 3;
    for (const TraceSummary &t : store->searchTraces(all).traces) {
        QCOMPARE(t.spanCount, 100);
        QCOMPARE(store->traceSpans(t.traceId).size(), 100);
    }
}

void TestStore::databaseLock()
{
    // One process per SQLite store: a second lock on the same file is refused with the holder's
    // pid, and the file is free again once the holder lets go. PostgreSQL has nothing to lock.
    QString error;
    std::unique_ptr<DatabaseLock> first = lockDatabase(m_url, &error);
    if (isPostgres()) {
        QVERIFY(!first);
        QVERIFY(error.isEmpty());
        return;
    }
    QVERIFY2(first, qPrintable(error));
    QVERIFY(!lockDatabase(m_url, &error));
    QVERIFY2(error.contains(QStringLiteral("in use by another Spanlight process (pid %1)")
                                .arg(QString::number(QCoreApplication::applicationPid()))),
             qPrintable(error));
    first.reset();
    error.clear();
    QVERIFY2(lockDatabase(m_url, &error), qPrintable(error));
}

void TestStore::auditRoundTrip()
{
    auto store = openStore();
    QVERIFY(store);
    QList<AuditEntry> rows;
    rows.append({ kBase, kBase + 5, QStringLiteral("-"), QString(), QStringLiteral("GET /traces"),
        QStringLiteral("denied: no token"), QStringLiteral("127.0.0.1"), 3 });
    rows.append({ kBase + 10, kBase + 10, QStringLiteral("ops"), QStringLiteral("admin"), QStringLiteral("GET /audit"),
        QStringLiteral("allowed"), QStringLiteral("::1"), 1 });
    QString error;
    QVERIFY2(store->appendAudit(rows, &error), qPrintable(error));
    QVERIFY2(store->appendAudit({ { kBase + 20, kBase + 30, QStringLiteral("grafana"), QStringLiteral("viewer"),
                                      QStringLiteral("ingest OTLP/HTTP"), QStringLiteral("denied: the role may not do this"),
                                      QStringLiteral("10.0.0.7"), 12 } },
                 &error),
        qPrintable(error));
    const QList<AuditEntry> all = store->auditEntries({}, {}, 10);
    QCOMPARE(all.size(), 3);
    QCOMPARE(all[0].actor, QStringLiteral("grafana")); // newest first
    QCOMPARE(all[0].count, 12);
    QCOMPARE(all[0].lastNs, kBase + 30);
    QCOMPARE(all[2].role, QString()); // stored as '' and read back empty
    QCOMPARE(all[2].count, 3);
    QCOMPARE(store->auditEntries({}, {}, 1).size(), 1);
    // A row belongs to a window it overlaps: last_ns >= from and time_ns <= to.
    QCOMPARE(store->auditEntries(kBase + 6, {}, 10).size(), 2);
    QCOMPARE(store->auditEntries(kBase + 5, kBase + 5, 10).size(), 1);
    QCOMPARE(store->auditEntries({}, kBase - 1, 10).size(), 0);
}

QTEST_GUILESS_MAIN(TestStore)
QMap<QString, QStringList> TestStore::dump(const QString &url)
{
    static const QList<std::pair<const char *, const char *>> tables = {
        { "spans",
            "trace_id, span_id, parent_span_id, trace_state, flags, name, kind, start_ns, end_ns, status_code,"
            " status_message, service_name, attributes, dropped_attributes_count, events, dropped_events_count,"
            " links, dropped_links_count, resource_attributes, scope_name, scope_version, scope_attributes,"
            " external_target" },
        { "trace_summaries", kSummaryCopyColumns },
        { "trace_operations", "service_name, operation_name, trace_id" },
        { "trace_services", "service_name, trace_id" },
        { "service_totals", "service_name, trace_count" },
        { "store_totals", "id, span_count, trace_count" },
        { "errors", kErrorCopyColumns },
        { "error_groups_hourly", "fingerprint, service_name, error_type, is_root, kind, hour_ns, error_count" },
        { "span_rollups", "service_name, minute_ns, operation_name, kind, is_entry, span_count, error_count, duration_sum_ns" },
        { "span_rollups_hourly", "service_name, hour_ns, operation_name, kind, is_entry, span_count, error_count, duration_sum_ns" },
        { "rollup_buckets", "service_name, minute_ns, operation_name, is_entry, bucket, bucket_count" },
        { "rollup_buckets_hourly", "service_name, hour_ns, operation_name, is_entry, bucket, bucket_count" },
        { "request_rollups", "minute_ns, span_count, error_count, duration_sum_ns, histogram" },
        { "request_rollups_hourly", "hour_ns, span_count, error_count, duration_sum_ns, histogram" },
        { "dependency_rollups", "minute_ns, source_service, target, target_type, call_count, error_count, duration_sum_ns" },
        { "dependency_rollups_hourly", "hour_ns, source_service, target, target_type, call_count, error_count, duration_sum_ns" },
        { "pending_edges", "trace_id, parent_span_id, span_id, service_name, minute_ns, duration_ns, is_error" },
        { "uncounted_edges", "trace_id, span_id" },
        { "trace_notes", "trace_id, note_text, author" },
    };
    QMap<QString, QStringList> out;
    {
        QSqlDatabase db = directConnection(QStringLiteral("dump"), url);
        for (const auto &[table, columns] : tables) {
            const QString name = QLatin1String(table);
            QString sql = QStringLiteral("SELECT %1 FROM %2").arg(QLatin1String(columns), name);
            if (name.startsWith(QLatin1String("dependency_rollups")))
                sql += QStringLiteral(" WHERE call_count <> 0 OR error_count <> 0 OR duration_sum_ns <> 0");
            QSqlQuery q(db);
            if (!q.exec(sql)) {
                out[name].append(QStringLiteral("query failed: ") + q.lastError().text());
                continue;
            }
            QStringList &rows = out[name];
            while (q.next()) {
                QStringList values;
                for (int i = 0; i < q.record().count(); ++i) {
                    const QVariant v = q.value(i);
                    values.append(v.isNull() ? QStringLiteral("NULL")
                            : v.typeId() == QMetaType::QByteArray && name != u"request_rollups"
                                && name != u"request_rollups_hourly"
                            ? QString::fromLatin1(v.toByteArray().toHex())
                            : v.toString());
                }
                rows.append(values.join(u'|'));
            }
            rows.sort();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("dump"));
    return out;
}

void TestStore::deleteTraces_data()
{
    QTest::addColumn<int>("workload");
    // Late children waiting for their parent, external calls taken back, hourly rows.
    QTest::newRow("edges and hours") << 0;
    // Errors of many types and kinds, split over writes, with duplicates.
    QTest::newRow("errors") << 1;
}

// Deleting traces leaves the database as if they had never been written: every derived row is
// compared with a second database that only ever got the other traces, in the same writes.
void TestStore::deleteTraces()
{
    QFETCH(int, workload);
    const QList<QList<Span>> writes = workload == 0 ? hourlyWorkload().writes : errorWorkload().writes;
    QSet<QByteArray> traceSet;
    for (const QList<Span> &write : writes)
        for (const Span &s : write)
            traceSet.insert(s.traceId);
    QList<QByteArray> traces(traceSet.cbegin(), traceSet.cend());
    std::sort(traces.begin(), traces.end());
    QSet<QByteArray> gone;
    for (qsizetype i = 0; i < traces.size(); i += 3)
        gone.insert(traces[i]);
    QSet<std::pair<QByteArray, QByteArray>> goneSpans;

    auto all = openStore();
    QVERIFY(all);
    const QString keptUrl = anotherDatabaseUrl();
    QVERIFY(!keptUrl.isEmpty());
    QString error;
    auto kept = Store::open(keptUrl, &error);
    QVERIFY2(kept, qPrintable(error));
    for (const QList<Span> &write : writes) {
        QVERIFY(commit(*all, write).ok());
        QList<Span> others;
        for (const Span &s : write) {
            if (gone.contains(s.traceId))
                goneSpans.insert({ s.traceId, s.spanId });
            else
                others.append(s);
        }
        if (!others.isEmpty())
            QVERIFY(commit(*kept, others).ok());
    }
    for (const QByteArray &t : std::as_const(traces)) { // a note on every trace goes with it
        const QString text = QStringLiteral("note on ") + QString::fromLatin1(t.toHex());
        QCOMPARE(all->setTraceNote(t, text, QStringLiteral("ops")), NoteChange::Done);
        if (!gone.contains(t))
            QCOMPARE(kept->setTraceNote(t, text, QStringLiteral("ops")), NoteChange::Done);
    }
    const QMap<QString, QStringList> before = dump(m_url);
    QCOMPARE(before.value(QStringLiteral("trace_summaries")).size(), traces.size());
    QCOMPARE(before.value(QStringLiteral("trace_notes")).size(), traces.size());

    QList<QByteArray> ids(gone.cbegin(), gone.cend());
    ids.append(QByteArray(16, '\x7f')); // no such trace: skipped
    const DeleteResult result = all->deleteTraces(ids);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.traces, qint64(gone.size()));
    QCOMPARE(result.spans, qint64(goneSpans.size()));

    const QMap<QString, QStringList> after = dump(m_url);
    const QMap<QString, QStringList> expected = dump(keptUrl);
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        QVERIFY2(!it->isEmpty() || it.key() == u"pending_edges" || it.key() == u"uncounted_edges"
                || it.key().startsWith(u"error"),
            qPrintable(it.key() + QStringLiteral(" is empty: the workload does not test it")));
        if (after.value(it.key()) != it.value()) {
            const QStringList got = after.value(it.key());
            QStringList extra, missing;
            for (const QString &row : got)
                if (!it->contains(row))
                    extra.append(row);
            for (const QString &row : it.value())
                if (!got.contains(row))
                    missing.append(row);
            QFAIL(qPrintable(QStringLiteral("%1 differs; left over: %2; missing: %3")
                                 .arg(it.key(), extra.mid(0, 3).join(u" / "), missing.mid(0, 3).join(u" / "))));
        }
    }
    QCOMPARE(all->stats().traces, kept->stats().traces);
    QCOMPARE(all->tracesPerService(), kept->tracesPerService());

    // Again: nothing left to delete.
    const DeleteResult again = all->deleteTraces(ids);
    QVERIFY(again.ok);
    QCOMPARE(again.traces, 0);
    QCOMPARE(again.spans, 0);

    // Everything (more than one chunk of ids in the larger workload): every derived table is empty.
    const DeleteResult rest = all->deleteTraces(traces);
    QVERIFY2(rest.ok, qPrintable(rest.error));
    QCOMPARE(rest.traces, qint64(traces.size() - gone.size()));
    const QMap<QString, QStringList> empty = dump(m_url);
    for (auto it = empty.cbegin(); it != empty.cend(); ++it) {
        if (it.key() == u"store_totals")
            QCOMPARE(it.value(), QStringList { QStringLiteral("1|0|0") });
        else
            QVERIFY2(it->isEmpty(), qPrintable(it.key() + QStringLiteral(": ") + it->mid(0, 3).join(u" / ")));
    }
    QCOMPARE(all->stats().spans, 0);
}

// A note belongs to a stored trace: created, replaced (keeping its first time), deleted.
void TestStore::traceNotes()
{
    auto store = openStore();
    QVERIFY(store);
    QVERIFY(commit(*store, { makeSpan(1, 1, 0, kBase, kMs, QStringLiteral("a"), QStringLiteral("root")) }).ok());
    QString error;
    QCOMPARE(store->setTraceNote(traceId(2), QStringLiteral("x"), QStringLiteral("ops"), &error), NoteChange::NoTrace);
    QVERIFY(!store->traceNote(traceId(2)));
    QVERIFY(!store->traceNote(traceId(1)));
    const QString text = QStringLiteral("Zahlung hängt — 支付 \"quoted\"\nline 2");
    QCOMPARE(store->setTraceNote(traceId(1), text, QStringLiteral("alice"), &error), NoteChange::Done);
    const std::optional<TraceNote> first = store->traceNote(traceId(1));
    QVERIFY(first);
    QCOMPARE(first->traceId, traceId(1));
    QCOMPARE(first->text, text);
    QCOMPARE(first->author, QStringLiteral("alice"));
    QVERIFY(first->createdNs > 0);
    QCOMPARE(first->updatedNs, first->createdNs);
    QTest::qWait(2); // a later millisecond for the update
    QCOMPARE(store->setTraceNote(traceId(1), QStringLiteral("second"), QStringLiteral("bob"), &error), NoteChange::Done);
    const std::optional<TraceNote> second = store->traceNote(traceId(1));
    QVERIFY(second);
    QCOMPARE(second->text, QStringLiteral("second"));
    QCOMPARE(second->author, QStringLiteral("bob"));
    QCOMPARE(second->createdNs, first->createdNs);
    QVERIFY(second->updatedNs > first->updatedNs);
    QCOMPARE(store->deleteTraceNote(traceId(1), &error), NoteChange::Done);
    QVERIFY(!store->traceNote(traceId(1)));
    QCOMPARE(store->deleteTraceNote(traceId(1), &error), NoteChange::NoNote);
    QCOMPARE(store->deleteTraceNote(traceId(2), &error), NoteChange::NoNote);
    // Deleting the trace takes its note.
    QCOMPARE(store->setTraceNote(traceId(1), QStringLiteral("third"), QStringLiteral("ops"), &error), NoteChange::Done);
    QVERIFY(store->deleteTraces({ traceId(1) }).ok);
    QVERIFY(!store->traceNote(traceId(1)));
    store->close();
    QCOMPARE(store->setTraceNote(traceId(1), QStringLiteral("late"), QStringLiteral("ops"), &error), NoteChange::Failed);
    QVERIFY2(error.contains(u"closed"), qPrintable(error));
}

// A child whose parent came after its wait expired was never counted as an edge: deleting its
// trace leaves the edge of another trace in the same minute alone.
void TestStore::deleteAfterExpiredEdge()
{
    const qint64 start = kBase + 17 * kSecond;
    {
        auto store = openStore();
        QVERIFY(store);
        QVERIFY(commit(*store, { makeSpan(1, 2, 1, start + kMs, kMs, QStringLiteral("db"), QStringLiteral("SELECT")) }).ok());
    }
    {
        QSqlDatabase db = directConnection(QStringLiteral("age"));
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("UPDATE pending_edges SET created_ns = created_ns - %1").arg(2 * kHour)));
        QCOMPARE(q.numRowsAffected(), 1);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("age"));
    auto store = openStore(); // its first write expires the wait: the parent comes too late
    QVERIFY(store);
    QVERIFY(commit(*store, { makeSpan(1, 1, 0, start, 5 * kMs, QStringLiteral("shop"), QStringLiteral("GET /")) }).ok());
    QVERIFY(store->dependencies(std::nullopt, std::nullopt).isEmpty());
    // Another trace with the same edge in the same minute, counted.
    QVERIFY(commit(*store, { makeSpan(2, 1, 0, start, 5 * kMs, QStringLiteral("shop"), QStringLiteral("GET /")),
                             makeSpan(2, 2, 1, start + kMs, kMs, QStringLiteral("db"), QStringLiteral("SELECT")) })
                .ok());
    QCOMPARE(store->dependencies(std::nullopt, std::nullopt).size(), 1);
    QCOMPARE(store->dependencies(std::nullopt, std::nullopt).first().calls, 1);

    const DeleteResult r = store->deleteTraces({ traceId(1) });
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.spans, 2);
    const QList<DependencyRow> left = store->dependencies(std::nullopt, std::nullopt);
    QCOMPARE(left.size(), 1);
    QCOMPARE(left.first().calls, 1);
    QCOMPARE(left.first().source, QStringLiteral("shop"));
    QCOMPARE(left.first().target, QStringLiteral("db"));
}

void TestStore::tracesWithAttribute()
{
    auto store = openStore();
    QVERIFY(store);
    QList<Span> spans;
    Span a = makeSpan(1, 1, 0, kBase, kMs, QStringLiteral("shop"), QStringLiteral("GET /"));
    Span a2 = makeSpan(1, 2, 1, kBase, kMs, QStringLiteral("shop"), QStringLiteral("SELECT"));
    a2.attributes.insert(QStringLiteral("user.id"), QStringLiteral("u-42"));
    Span b = makeSpan(2, 1, 0, kBase, kMs, QStringLiteral("shop"), QStringLiteral("GET /"));
    b.resourceAttributes.insert(QStringLiteral("user.id"), QStringLiteral("u-42")); // a resource attribute
    Span c = makeSpan(3, 1, 0, kBase, kMs, QStringLiteral("shop"), QStringLiteral("GET /"));
    c.attributes.insert(QStringLiteral("user.id"), QStringLiteral("u-420")); // a longer value
    c.attributes.insert(QStringLiteral("note"), QStringLiteral("\"user.id\":\"u-42\"")); // the text inside a value
    Span d = makeSpan(4, 1, 0, kBase, kMs, QStringLiteral("shop"), QStringLiteral("GET /"));
    d.attributes.insert(QStringLiteral("retry"), 3);
    d.attributes.insert(QStringLiteral("cached"), true);
    d.attributes.insert(QStringLiteral("100%_sure"), QStringLiteral("x")); // LIKE's wildcards in a key
    QVERIFY(commit(*store, { a, a2, b, c, d }).ok());

    auto find = [&store](const char *key, const char *value) {
        QString error;
        const std::optional<QList<QByteArray>> found
            = store->tracesWithAttribute(QLatin1String(key), QLatin1String(value), &error);
        if (!found)
            qWarning().noquote() << error;
        QList<QByteArray> ids = found.value_or(QList<QByteArray> { "failed" });
        std::sort(ids.begin(), ids.end());
        return ids;
    };
    QCOMPARE(find("user.id", "u-42"), (QList<QByteArray> { traceId(1), traceId(2) }));
    QCOMPARE(find("user.id", "u-420"), QList<QByteArray> { traceId(3) });
    QCOMPARE(find("user.id", "u-4"), QList<QByteArray>());
    QCOMPARE(find("retry", "3"), QList<QByteArray> { traceId(4) });
    QCOMPARE(find("cached", "true"), QList<QByteArray> { traceId(4) });
    QCOMPARE(find("100%_sure", "x"), QList<QByteArray> { traceId(4) });
    QCOMPARE(find("100%_surf", "x"), QList<QByteArray>());
    QCOMPARE(find("missing", "u-42"), QList<QByteArray>());
}

void TestStore::oldestTracesAndUsedBytes()
{
    auto store = openStore();
    QVERIFY(store);
    QList<Span> spans;
    for (int t = 1; t <= 50; ++t) {
        Span root = makeSpan(t, 1, 0, kBase + (50 - t) * kSecond, kMs, QStringLiteral("shop"), QStringLiteral("GET /"));
        root.attributes.insert(QStringLiteral("payload"), QString(2000, u'x'));
        spans.append(root);
        spans.append(makeSpan(t, 2, 1, kBase + (50 - t) * kSecond + kMs, kMs, QStringLiteral("db"), QStringLiteral("SELECT")));
    }
    QVERIFY(commit(*store, spans).ok());
    const QList<TraceAge> oldest = store->oldestTraces(std::nullopt, 3);
    QCOMPARE(oldest.size(), 3);
    QCOMPARE(oldest[0].traceId, traceId(50)); // started first
    QCOMPARE(oldest[1].traceId, traceId(49));
    QCOMPARE(oldest[0].spanCount, 2);
    QCOMPARE(oldest[0].startNs, kBase);
    QCOMPARE(store->oldestTraces(kBase + 2 * kSecond, 100).size(), 2); // traces 50 and 49
    QCOMPARE(store->oldestTraces(kBase, 100).size(), 0);

    const qint64 used = store->usedBytes();
    if (isPostgres()) {
        QCOMPARE(used, -1);
        return;
    }
    QVERIFY2(used > 100 * 1000, qPrintable(QString::number(used))); // 50 payloads of 2 kB
    QList<QByteArray> ids;
    for (const TraceAge &t : store->oldestTraces(std::nullopt, 100))
        ids.append(t.traceId);
    QVERIFY(store->deleteTraces(ids).ok);
    const qint64 after = store->usedBytes();
    QVERIFY2(after < used - 90 * 1000, qPrintable(QStringLiteral("%1 -> %2").arg(used).arg(after)));
}

// TRACE_RETENTION_DAYS with a clock of the test's: traces that started before the window go with
// everything derived from them, a trace inside it stays whole, old audit rows go too.
void TestStore::retentionByAge()
{
    auto store = openStore();
    QVERIFY(store);
    const qint64 day = 24 * kHour;
    const qint64 now = kBase + 30 * day;
    QList<Span> spans;
    for (int t = 1; t <= 450; ++t) { // more than two deletion chunks of old traces
        const qint64 start = t <= 400 ? now - 8 * day - t * kMinute : now - 6 * day - t * kSecond;
        spans.append(makeSpan(t, 1, 0, start, 20 * kMs, QStringLiteral("frontend"), QStringLiteral("GET /")));
        Span child = makeSpan(t, 2, 1, start + kMs, 5 * kMs, QStringLiteral("db"), QStringLiteral("SELECT"));
        child.kind = SpanKind::Client;
        spans.append(t % 3 ? child : errorSpan(child, QStringLiteral("deadlock")));
    }
    QVERIFY(commit(*store, spans).ok());
    QCOMPARE(store->setTraceNote(traceId(1), QStringLiteral("old"), QStringLiteral("ops")), NoteChange::Done);
    QCOMPARE(store->setTraceNote(traceId(401), QStringLiteral("kept"), QStringLiteral("ops")), NoteChange::Done);
    AuditEntry oldEntry { now - 100 * day, now - 100 * day, QStringLiteral("ops"), QStringLiteral("admin"),
        QStringLiteral("GET /audit"), QStringLiteral("allowed"), QStringLiteral("127.0.0.1"), 1 };
    AuditEntry recentEntry = oldEntry;
    recentEntry.timeNs = recentEntry.lastNs = now - 80 * day;
    QString error;
    QVERIFY2(store->appendAudit({ oldEntry, recentEntry }, &error), qPrintable(error));

    RetentionPolicy policy;
    policy.retentionDays = 7;
    policy.nowNs = [now] { return now; };
    RetentionJob job(*store, policy);
    QVERIFY2(job.runOnce(), qPrintable(job.lastError()));
    QCOMPARE(job.counters().tracesByAge.load(), 400);
    QCOMPARE(job.counters().spansByAge.load(), 800);
    QCOMPARE(job.counters().auditRows.load(), 1);
    QCOMPARE(store->stats().traces, 50);
    QCOMPARE(store->stats().spans, 100);
    QVERIFY(!store->traceSummary(traceId(1)));
    QVERIFY(!store->traceNote(traceId(1))); // went with its trace
    QVERIFY(store->traceSummary(traceId(401)));
    QCOMPARE(store->traceSpans(traceId(401)).size(), 2);
    QCOMPARE(store->traceNote(traceId(401))->text, QStringLiteral("kept"));
    // Nothing derived from the old traces is left: no rollups, errors or edges before the window.
    RollupQuery old;
    old.toNs = now - 7 * day;
    QVERIFY(store->rollups(old).isEmpty());
    QVERIFY(store->latencyHistograms(old).isEmpty());
    QVERIFY(store->dependencies(std::nullopt, now - 7 * day).isEmpty());
    // ... and the window's rollups are whole, also read through the hourly tables.
    RollupQuery window;
    window.fromNs = now - 7 * day;
    window.toNs = now;
    qint64 windowSpans = 0;
    for (const RollupRow &r : store->rollups(window))
        windowSpans += r.spans;
    QCOMPARE(windowSpans, 100);
    qint64 calls = 0;
    for (const DependencyRow &r : store->dependencies(now - 7 * day, now))
        calls += r.calls;
    QCOMPARE(calls, 50); // frontend -> db per trace
    ErrorFilter oldErrors;
    oldErrors.toNs = now - 7 * day;
    QVERIFY(store->errors(oldErrors, 1000, 0).isEmpty());
    int failedKept = 0;
    for (int t = 401; t <= 450; ++t)
        failedKept += t % 3 == 0 ? 1 : 0;
    QCOMPARE(store->errors(ErrorFilter(), 1000, 0).size(), failedKept);
    QCOMPARE(store->tracesPerService().value(QStringLiteral("db")), 50);
    QCOMPARE(store->auditEntries(std::nullopt, std::nullopt, 10).size(), 1);
    // Again: nothing more to do.
    QVERIFY(job.runOnce());
    QCOMPARE(job.counters().tracesByAge.load(), 400);
    QCOMPARE(job.counters().runs.load(), 2);
}

// MAX_DB_SIZE_MB (SQLite): over the cap, the oldest traces go until the pages in use are under it;
// the newest stay.
void TestStore::retentionBySize()
{
    if (isPostgres())
        QSKIP("the size cap is SQLite's (configuration refuses it with PostgreSQL)");
    auto store = openStore();
    QVERIFY(store);
    QList<Span> spans;
    for (int t = 1; t <= 600; ++t) {
        Span root = makeSpan(t, 1, 0, kBase + t * kSecond, kMs, QStringLiteral("shop"), QStringLiteral("GET /"));
        root.attributes.insert(QStringLiteral("payload"), QString(3000, QChar(u'a' + t % 26)));
        spans.append(root);
    }
    QVERIFY(commit(*store, spans).ok());
    const qint64 used = store->usedBytes();
    QVERIFY2(used > 1800 * 1000, qPrintable(QString::number(used)));

    RetentionPolicy policy;
    policy.retentionDays = 36500;
    policy.maxUsedBytes = used / 2;
    policy.nowNs = [] { return kBase + 1000 * kSecond; };
    RetentionJob job(*store, policy);
    for (int run = 0; run < 5 && store->usedBytes() > policy.maxUsedBytes; ++run)
        QVERIFY2(job.runOnce(), qPrintable(job.lastError()));
    QVERIFY2(store->usedBytes() <= policy.maxUsedBytes,
        qPrintable(QStringLiteral("%1 > %2").arg(store->usedBytes()).arg(policy.maxUsedBytes)));
    const qint64 deleted = job.counters().tracesBySize.load();
    QVERIFY2(deleted >= 250 && deleted < 600, qPrintable(QString::number(deleted)));
    QCOMPARE(job.counters().tracesByAge.load(), 0);
    QCOMPARE(store->stats().traces, 600 - deleted);
    // Oldest first: exactly the first `deleted` traces are gone.
    QVERIFY(!store->traceSummary(traceId(int(deleted))));
    QVERIFY(store->traceSummary(traceId(int(deleted) + 1)));
    QVERIFY(store->traceSummary(traceId(600)));
}

namespace {

// The public tables named like partitions of spans (attached or detached), sorted.
QStringList spanTables(QSqlDatabase &db)
{
    QStringList names;
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'spans_%'"
                               " ORDER BY tablename")))
        return { QStringLiteral("error: ") + q.lastError().text() };
    while (q.next())
        names.append(q.value(0).toString());
    return names;
}

// Sorted, then spans_default (which sorts after every spans_<date>_<n>).
QStringList partitionNames(const QList<SpanPartitionInfo> &partitions)
{
    QStringList names;
    for (const SpanPartitionInfo &p : partitions)
        names.append(p.name);
    names.sort();
    return names;
}

int countRows(QSqlDatabase &db, const QString &from)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM ") + from) || !q.next())
        return -1;
    return q.value(0).toInt();
}

const qint64 kDay = 24 * kHour;
// The start of a UTC day after kBase.
const qint64 kDay0 = kBase - kBase % kDay + kDay;

// Two spans per trace, the child failing in every third trace.
QList<Span> twoSpanTrace(int t, qint64 start)
{
    Span root = makeSpan(t, 1, 0, start, 20 * kMs, QStringLiteral("frontend"), QStringLiteral("GET /"));
    Span child = makeSpan(t, 2, 1, start + kMs, 5 * kMs, QStringLiteral("db"), QStringLiteral("SELECT"));
    child.kind = SpanKind::Client;
    return { root, t % 3 ? child : errorSpan(child, QStringLiteral("deadlock")) };
}

} // namespace

// PostgreSQL keeps spans in day partitions; retention detaches the days wholly before its cutoff,
// deletes every other row of their traces, and drops the tables. The database is then the one
// that never got those traces (but for the rollups, which go by whole hours).
void TestStore::dayPartitions()
{
    if (!isPostgres())
        QSKIP("day partitions are PostgreSQL's (on SQLite, retention deletes old traces in chunks)");
    const qint64 day1 = kDay0 + kDay, day2 = kDay0 + 2 * kDay;
    QList<Span> old, recent;
    for (int t = 1; t <= 450; ++t) // more than two purge steps of 200 traces
        old += twoSpanTrace(t, kDay0 + t * 15 * kSecond);
    for (int t = 451; t <= 480; ++t)
        old += twoSpanTrace(t, day1 + t * kMinute);
    // Starts in day 1 and goes on into day 2: it goes with day 1, also its span in day 2's partition.
    old += makeSpan(481, 1, 0, day2 - kMinute, 20 * kMinute, QStringLiteral("frontend"), QStringLiteral("GET /"));
    old += errorSpan(makeSpan(481, 2, 1, day2 + 10 * kMinute, kMinute, QStringLiteral("db"), QStringLiteral("SELECT")),
        QStringLiteral("late"));
    for (int t = 482; t <= 510; ++t)
        recent += twoSpanTrace(t, day2 + (t - 400) * kMinute);

    auto all = openStore();
    QVERIFY(all);
    const QString keptUrl = anotherDatabaseUrl();
    QVERIFY(!keptUrl.isEmpty());
    QString error;
    auto kept = Store::open(keptUrl, &error);
    QVERIFY2(kept, qPrintable(error));
    QVERIFY(commit(*all, old).ok());
    QVERIFY(commit(*all, recent).ok());
    QVERIFY(commit(*kept, recent).ok());
    QCOMPARE(all->stats().spans, 1020);
    for (const int t : { 1, 460, 481, 490 }) { // notes of old traces go with their days
        QCOMPARE(all->setTraceNote(traceId(t), QStringLiteral("n%1").arg(t), QStringLiteral("ops")), NoteChange::Done);
        if (t == 490)
            QCOMPARE(kept->setTraceNote(traceId(t), QStringLiteral("n%1").arg(t), QStringLiteral("ops")),
                NoteChange::Done);
    }

    QVERIFY(all->partitionsSpans());
    const QList<SpanPartitionInfo> before = all->spanPartitions(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    for (const qint64 day : { kDay0, day1, day2 }) {
        const auto it = std::find_if(before.cbegin(), before.cend(),
            [day](const SpanPartitionInfo &p) { return p.fromNs == day && p.toNs == day + kDay && !p.detached; });
        QVERIFY2(it != before.cend(), qPrintable(QStringLiteral("no partition for day %1").arg(day / kDay)));
    }
    {
        QSqlDatabase db = directConnection(QStringLiteral("direct"));
        QCOMPARE(spanTables(db), partitionNames(before) + QStringList { QStringLiteral("spans_default") });
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(before.constFirst().name)) && q.next());
        QCOMPARE(q.value(0).toInt(), 900); // day 0's spans, in day 0's table
    }
    QSqlDatabase::removeDatabase(QStringLiteral("direct"));

    RetentionPolicy policy;
    policy.retentionDays = 7;
    const qint64 now = day2 + 7 * kDay + 2 * kHour; // the cutoff is 2 h into day 2: days 0 and 1 go
    policy.nowNs = [now] { return now; };
    RetentionJob job(*all, policy);
    QVERIFY2(job.runOnce(), qPrintable(job.lastError()));
    QCOMPARE(job.counters().partitionsDropped.load(), 2);
    QCOMPARE(job.counters().tracesByAge.load(), 481);
    QCOMPARE(job.counters().spansByAge.load(), 962);
    QVERIFY(job.metrics().contains("tracing_retention_dropped_partitions_total 2\n"));

    const QList<SpanPartitionInfo> after = all->spanPartitions();
    for (const SpanPartitionInfo &p : after)
        QVERIFY2(p.fromNs >= day2 && !p.detached, qPrintable(p.name));
    {
        QSqlDatabase db = directConnection(QStringLiteral("direct"));
        // The detached tables were dropped.
        QCOMPARE(spanTables(db), partitionNames(after) + QStringList { QStringLiteral("spans_default") });
    }
    QSqlDatabase::removeDatabase(QStringLiteral("direct"));

    const QMap<QString, QStringList> got = dump(m_url);
    const QMap<QString, QStringList> expected = dump(keptUrl);
    for (const char *table : { "spans", "trace_summaries", "trace_operations", "trace_services", "service_totals",
             "store_totals", "errors", "error_groups_hourly", "pending_edges", "uncounted_edges", "trace_notes" })
        QCOMPARE(got.value(QLatin1String(table)), expected.value(QLatin1String(table)));
    QCOMPARE(got.value(QStringLiteral("trace_notes")).size(), 1);
    QCOMPARE(all->stats().traces, 29);
    QCOMPARE(all->stats().spans, 58);
    RollupQuery oldRollups;
    oldRollups.toNs = day2;
    QVERIFY(all->rollups(oldRollups).isEmpty());

    // A late span of a dropped day is stored (in spans_default while the writer still counts the
    // day as known, else in a new partition of that day), and the next run deletes it.
    const WriteResult late = commit(*all, { makeSpan(5, 3, 1, kDay0 + kHour, kMs, QStringLiteral("db"), QStringLiteral("SELECT")) });
    QVERIFY2(late.ok(), qPrintable(late.error));
    QCOMPARE(late.spansWritten, 1);
    QCOMPARE(all->traceSpans(traceId(5)).size(), 1);
    QVERIFY2(job.runOnce(), qPrintable(job.lastError()));
    QCOMPARE(job.counters().tracesByAge.load(), 482);
    QVERIFY(!all->traceSummary(traceId(5)));
    for (const SpanPartitionInfo &p : all->spanPartitions())
        QVERIFY2(p.fromNs >= day2 && !p.detached, qPrintable(p.name));
    QCOMPARE(all->stats().spans, 58);
    QCOMPARE(dump(m_url).value(QStringLiteral("trace_services")), expected.value(QStringLiteral("trace_services")));
}

// A write over many new days makes partitions for the newest few; the other days' spans, and
// starts after tomorrow (a clock far ahead), go into spans_default. A partition made later for
// such a day takes its rows over, and retention deletes old traces left there row by row.
void TestStore::defaultPartition()
{
    if (!isPostgres())
        QSKIP("day partitions are PostgreSQL's");
    auto store = openStore();
    QVERIFY(store);
    QList<Span> spans;
    for (int d = 0; d < 20; ++d)
        spans += twoSpanTrace(d + 1, kDay0 + d * kDay + kHour);
    const qint64 future = (QDateTime::currentMSecsSinceEpoch() * kMs) + 30 * kDay;
    spans += twoSpanTrace(100, future);
    QVERIFY(commit(*store, spans).ok());
    QCOMPARE(store->stats().spans, 42);
    auto dayPartitions = [&store] {
        int n = 0;
        for (const SpanPartitionInfo &p : store->spanPartitions())
            n += p.fromNs >= kDay0 && p.fromNs < kDay0 + 20 * kDay ? 1 : 0;
        return n;
    };
    const int made = dayPartitions();
    QVERIFY2(made >= 8 && made < 20, qPrintable(QString::number(made))); // a few per write, the newest
    {
        QSqlDatabase db = directConnection(QStringLiteral("direct"));
        QCOMPARE(countRows(db, QStringLiteral("spans_default")), 2 * (20 - made) + 2);
        QCOMPARE(countRows(db, QStringLiteral("spans_default WHERE start_ns >= %1").arg(future)), 2);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("direct"));
    for (int t : { 1, 20, 100 })
        QCOMPARE(store->traceSpans(traceId(t)).size(), 2);

    // Day 0 again: its partition is made now and takes day 0's two spans over.
    QVERIFY(commit(*store, twoSpanTrace(21, kDay0 + 2 * kHour)).ok());
    QCOMPARE(dayPartitions(), made + 1);
    {
        QSqlDatabase db = directConnection(QStringLiteral("direct"));
        QCOMPARE(countRows(db, QStringLiteral("spans_default")), 2 * (20 - made - 1) + 2);
        QCOMPARE(countRows(db, QStringLiteral("spans WHERE start_ns < %1").arg(kDay0 + kDay)), 4);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("direct"));
    QCOMPARE(store->traceSpans(traceId(1)).size(), 2);
    QCOMPARE(commit(*store, twoSpanTrace(1, kDay0 + kHour)).spansWritten, 0); // still a duplicate

    // Days 0..9 leave the window: their partitions go, and so do their traces in spans_default.
    RetentionPolicy policy;
    policy.retentionDays = 7;
    const qint64 now = kDay0 + 17 * kDay + kHour;
    policy.nowNs = [now] { return now; };
    RetentionJob job(*store, policy);
    QVERIFY2(job.runOnce(), qPrintable(job.lastError()));
    QCOMPARE(job.counters().tracesByAge.load(), 11);
    QCOMPARE(job.counters().spansByAge.load(), 22);
    for (int t = 1; t <= 21; ++t)
        QCOMPARE(bool(store->traceSummary(traceId(t))), t > 10 && t <= 20);
    QVERIFY(store->traceSummary(traceId(100)));
    QCOMPARE(store->stats().spans, 22);
    {
        QSqlDatabase db = directConnection(QStringLiteral("direct"));
        QCOMPARE(countRows(db, QStringLiteral("spans")), 22);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("direct"));
}

// A partition cannot be made while a reader holds spans_default for long (a pg_dump, a long
// query): the write goes on into spans_default, and the writer does not try again at once (each
// try can wait the lock timeout).
void TestStore::partitionLockHeld()
{
    if (!isPostgres())
        QSKIP("day partitions are PostgreSQL's");
    auto store = openStore();
    QVERIFY(store);
    auto hasDay = [&store](qint64 day) {
        const QList<SpanPartitionInfo> all = store->spanPartitions();
        return std::any_of(all.cbegin(), all.cend(), [day](const SpanPartitionInfo &p) { return p.fromNs == day; });
    };
    {
        QSqlDatabase reader = directConnection(QStringLiteral("reader"));
        QVERIFY(reader.transaction());
        QSqlQuery q(reader);
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM spans_default")) && q.next());
        const WriteResult held = commit(*store, twoSpanTrace(1, kDay0 + kHour));
        QVERIFY2(held.ok(), qPrintable(held.error));
        QCOMPARE(held.spansWritten, 2);
        QVERIFY(!hasDay(kDay0));
        QCOMPARE(countRows(reader, QStringLiteral("spans_default")), 2);
        QVERIFY(reader.commit());
    }
    QSqlDatabase::removeDatabase(QStringLiteral("reader"));
    // The lock is free again, but the writer leaves partitions alone for a while.
    QVERIFY(commit(*store, twoSpanTrace(2, kDay0 + 2 * kHour)).ok());
    QVERIFY(!hasDay(kDay0));
    QCOMPARE(store->traceSpans(traceId(1)).size(), 2);
    QCOMPARE(store->traceSpans(traceId(2)).size(), 2);
    QCOMPARE(store->stats().spans, 4);
}

// Migration 9 turns the spans of a PostgreSQL database into the first partition (every start up
// to the day after its latest span); new days get partitions of their own, ids go on, and
// retention drops the first partition like any other once its days are old.
void TestStore::partitionedMigration()
{
    if (!isPostgres())
        QSKIP("day partitions are PostgreSQL's");
    const qint64 day1 = kDay0 + kDay;
    QList<Span> spans;
    for (int t = 1; t <= 10; ++t)
        spans += twoSpanTrace(t, (t <= 5 ? kDay0 : day1) + t * kMinute);
    {
        auto store = openStore();
        QVERIFY(store);
        QVERIFY(commit(*store, spans).ok());
    }
    const QString oldUrl = anotherDatabaseUrl();
    QVERIFY(!oldUrl.isEmpty());
    const QString spanColumns = QStringLiteral(
        "id, trace_id, span_id, parent_span_id, trace_state, flags, name, kind, start_ns, end_ns, status_code,"
        " status_message, service_name, attributes, dropped_attributes_count, events, dropped_events_count,"
        " links, dropped_links_count, resource_attributes, scope_name, scope_version, scope_attributes, external_target");
    qint64 oldMaxId = 0;
    {
        QSqlDatabase current = directConnection(QStringLiteral("current"));
        QSqlDatabase old = directConnection(QStringLiteral("old"), oldUrl);
        QString error;
        QVERIFY2(storage::runMigrations(old, storage::Dialect::Postgres, &error, 8), qPrintable(error));
        QVERIFY(old.transaction());
        QCOMPARE(copyRows(current, old, QStringLiteral("spans"), spanColumns), 20);
        QVERIFY(copyRows(current, old, QStringLiteral("trace_summaries"), QLatin1String(kSummaryCopyColumns)) == 10);
        QVERIFY(copyRows(current, old, QStringLiteral("trace_operations"), QStringLiteral("service_name, operation_name, trace_id")) > 0);
        QVERIFY(copyRows(current, old, QStringLiteral("trace_services"), QStringLiteral("service_name, trace_id")) > 0);
        QVERIFY(copyRows(current, old, QStringLiteral("service_totals"), QStringLiteral("service_name, trace_count")) > 0);
        QVERIFY(copyRows(current, old, QStringLiteral("errors"), QLatin1String(kErrorCopyColumns)) > 0);
        QSqlQuery q(old);
        QVERIFY(q.exec(QStringLiteral("UPDATE store_totals SET span_count = 20, trace_count = 10")));
        QVERIFY(q.exec(QStringLiteral("SELECT MAX(id) FROM spans")) && q.next());
        oldMaxId = q.value(0).toLongLong();
        QVERIFY(old.commit());
    }
    QSqlDatabase::removeDatabase(QStringLiteral("current"));
    QSqlDatabase::removeDatabase(QStringLiteral("old"));

    QString error;
    auto store = Store::open(oldUrl, &error);
    QVERIFY2(store, qPrintable(error));
    const QList<SpanPartitionInfo> migrated = store->spanPartitions(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(migrated.size(), 1);
    QCOMPARE(migrated.constFirst().name, QStringLiteral("spans_unpartitioned"));
    QCOMPARE(migrated.constFirst().fromNs, std::numeric_limits<qint64>::min());
    QCOMPARE(migrated.constFirst().toNs, day1 + kDay);
    QCOMPARE(dump(oldUrl).value(QStringLiteral("spans")), dump(m_url).value(QStringLiteral("spans")));
    for (int t = 1; t <= 10; ++t)
        QCOMPARE(store->traceSpans(traceId(t)).size(), 2);

    // The same span again is still a duplicate; a span of day 1 goes into the old table, one of
    // day 3 into a new partition, and their ids follow the old ones.
    QCOMPARE(commit(*store, { spans.constFirst() }).spansWritten, 0);
    const WriteResult more = commit(*store,
        twoSpanTrace(11, day1 + 20 * kMinute) + twoSpanTrace(12, kDay0 + 3 * kDay + kMinute));
    QVERIFY2(more.ok(), qPrintable(more.error));
    QCOMPARE(more.spansWritten, 4);
    {
        QSqlDatabase db = directConnection(QStringLiteral("direct"), oldUrl);
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*), MIN(id) FROM spans_unpartitioned WHERE start_ns >= %1").arg(day1 + 20 * kMinute)) && q.next());
        QCOMPARE(q.value(0).toInt(), 2);
        QVERIFY(q.value(1).toLongLong() > oldMaxId);
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM spans WHERE start_ns >= %1").arg(kDay0 + 3 * kDay)) && q.next());
        QCOMPARE(q.value(0).toInt(), 2);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("direct"));
    QCOMPARE(store->stats().spans, 24);

    RetentionPolicy policy;
    policy.retentionDays = 7;
    const qint64 now = day1 + kDay + 7 * kDay + kHour; // the first partition's days are all old
    policy.nowNs = [now] { return now; };
    RetentionJob job(*store, policy);
    QVERIFY2(job.runOnce(), qPrintable(job.lastError()));
    QCOMPARE(job.counters().partitionsDropped.load(), 1);
    QCOMPARE(job.counters().tracesByAge.load(), 11);
    QCOMPARE(store->stats().traces, 1);
    QCOMPARE(store->stats().spans, 2);
    QCOMPARE(store->traceSpans(traceId(12)).size(), 2);
    QCOMPARE(store->errors(ErrorFilter(), 100, 0).size(), 1); // trace 12's
    for (const SpanPartitionInfo &p : store->spanPartitions())
        QVERIFY2(p.name != u"spans_unpartitioned", "the first partition is still there");
}

#include "tst_store.moc"
