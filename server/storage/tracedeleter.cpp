#include "tracedeleter.h"

#include "edgewriter.h"
#include "rollupsums.h"
#include "rowcodec.h"
#include "statement.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <limits>
#include <optional>
#include <map>
#include <set>
#include <variant>

namespace spanlight::storage {

namespace {

using KeyValue = std::variant<qint64, QString>;

// Takes amounts away from the rows of one derived table, found by their key columns, and deletes
// a row once its first amount column (the number of spans, calls or traces it counts) is down
// to zero. A key with no row is skipped: nothing was counted there.
class Subtractor
{
public:
    static std::unique_ptr<Subtractor> prepare(QSqlDatabase &db, Dialect dialect, const QString &table,
        const QStringList &keyColumns, const QStringList &amountColumns, QString *error)
    {
        QStringList set, where;
        for (const QString &c : amountColumns)
            set.append(c + QStringLiteral(" = ") + c + QStringLiteral(" - ?"));
        for (const QString &k : keyColumns)
            where.append(k + QStringLiteral(" = ?"));
        const QString match = where.join(QStringLiteral(" AND "));
        std::unique_ptr<Subtractor> s(new Subtractor);
        s->m_update = Statement::prepare(db, dialect,
            QStringLiteral("UPDATE ") + table + QStringLiteral(" SET ") + set.join(QStringLiteral(", "))
                + QStringLiteral(" WHERE ") + match,
            error);
        if (!s->m_update)
            return nullptr;
        s->m_delete = Statement::prepare(db, dialect,
            QStringLiteral("DELETE FROM ") + table + QStringLiteral(" WHERE ") + match + QStringLiteral(" AND ")
                + amountColumns.first() + QStringLiteral(" <= 0"),
            error);
        if (!s->m_delete)
            return nullptr;
        return s;
    }

    // `key` (the strings bound by reference) stays alive until this returns.
    bool apply(const QList<KeyValue> &key, const QList<qint64> &amounts, QString *error)
    {
        int i = 0;
        for (qint64 a : amounts)
            m_update->bindInt(i++, a);
        bind(*m_update, i, key);
        if (!m_update->exec()) {
            *error = m_update->errorText();
            return false;
        }
        if (m_update->changes() <= 0)
            return true;
        bind(*m_delete, 0, key);
        if (!m_delete->exec()) {
            *error = m_delete->errorText();
            return false;
        }
        return true;
    }

private:
    Subtractor() = default;

    static void bind(Statement &statement, int first, const QList<KeyValue> &key)
    {
        for (const KeyValue &v : key) {
            if (const qint64 *n = std::get_if<qint64>(&v))
                statement.bindInt(first++, *n);
            else
                statement.bindText(first++, std::get<QString>(v));
        }
    }

    std::unique_ptr<Statement> m_update;
    std::unique_ptr<Statement> m_delete;
};

struct StoredSpan
{
    Span span;
    QString externalTarget; // spans.external_target: null unless counted as an external call
};

// The edges EdgeWriter counted for the stored spans of one trace: a child of another service's
// stored parent, and each call still counted as external. A child whose parent never arrived was
// never counted; neither was one whose parent came after its wait expired (`uncounted`).
void addEdges(const QList<StoredSpan> &spans, const QSet<std::pair<QByteArray, QByteArray>> &uncounted,
    std::map<EdgeKey, EdgeDelta> &edges)
{
    QHash<QByteArray, const Span *> byId;
    for (const StoredSpan &s : spans)
        byId.insert(s.span.spanId, &s.span);
    auto add = [&edges](EdgeKey key, const Span &span) {
        EdgeDelta &e = edges[key];
        ++e.calls;
        e.errors += isErrorSpan(span) ? 1 : 0;
        e.durationSumNs += rollupDurationNs(span);
    };
    for (const StoredSpan &s : spans) {
        const Span &child = s.span;
        if (!s.externalTarget.isNull())
            add({ minuteOf(child.startTimeUnixNano), nonNull(child.serviceName), s.externalTarget, 1 }, child);
        if (child.isRoot())
            continue;
        const Span *parent = byId.value(child.parentSpanId);
        if (parent && nonNull(parent->serviceName) != nonNull(child.serviceName)
            && !uncounted.contains({ child.traceId, child.spanId }))
            add({ minuteOf(child.startTimeUnixNano), nonNull(parent->serviceName), nonNull(child.serviceName), 0 },
                child);
    }
}

bool subtractRollups(QSqlDatabase &db, Dialect dialect, const QHash<RollupKey, RollupCounts> &rollups,
    const char *table, const char *timeColumn, QString *error)
{
    const std::unique_ptr<Subtractor> s = Subtractor::prepare(db, dialect, QLatin1String(table),
        { QStringLiteral("service_name"), QLatin1String(timeColumn), QStringLiteral("operation_name"),
            QStringLiteral("kind"), QStringLiteral("is_entry") },
        { QStringLiteral("span_count"), QStringLiteral("error_count"), QStringLiteral("duration_sum_ns") }, error);
    if (!s)
        return false;
    QList<RollupKey> keys = rollups.keys();
    std::sort(keys.begin(), keys.end());
    for (const RollupKey &k : std::as_const(keys)) {
        const RollupCounts &c = *rollups.constFind(k);
        if (!s->apply({ k.service, k.minuteNs, k.operation, qint64(k.kind), qint64(k.entry) },
                { c.spans, c.errors, c.durationSumNs }, error))
            return false;
    }
    return true;
}

bool subtractBuckets(QSqlDatabase &db, Dialect dialect, const QHash<RollupKey, LatencyHistogram> &histograms,
    const char *table, const char *timeColumn, QString *error)
{
    const std::unique_ptr<Subtractor> s = Subtractor::prepare(db, dialect, QLatin1String(table),
        { QStringLiteral("service_name"), QLatin1String(timeColumn), QStringLiteral("operation_name"),
            QStringLiteral("is_entry"), QStringLiteral("bucket") },
        { QStringLiteral("bucket_count") }, error);
    if (!s)
        return false;
    QList<RollupKey> keys = histograms.keys();
    std::sort(keys.begin(), keys.end());
    for (const RollupKey &k : std::as_const(keys)) {
        const QMap<int, qint64> &buckets = histograms.constFind(k)->buckets();
        for (auto it = buckets.cbegin(); it != buckets.cend(); ++it)
            if (!s->apply({ k.service, k.minuteNs, k.operation, qint64(k.entry), qint64(it.key()) }, { it.value() },
                    error))
                return false;
    }
    return true;
}

// request_rollups(_hourly): the histogram is text, so each slot is read (locked on PostgreSQL),
// reduced and written back, or deleted once it counts no request.
bool subtractRequestRollups(QSqlDatabase &db, Dialect dialect, const QMap<qint64, RequestSums> &sums,
    const char *table, const char *timeColumn, QString *error)
{
    const QString t = QLatin1String(table);
    const QString time = QLatin1String(timeColumn);
    const std::unique_ptr<Statement> select = Statement::prepare(db, dialect,
        QStringLiteral("SELECT span_count, histogram FROM %1 WHERE %2 = ?").arg(t, time) + forUpdateSql(dialect),
        error);
    const std::unique_ptr<Statement> update = Statement::prepare(db, dialect,
        QStringLiteral("UPDATE %1 SET span_count = span_count - ?, error_count = error_count - ?,"
                       " duration_sum_ns = duration_sum_ns - ?, histogram = ? WHERE %2 = ?")
            .arg(t, time),
        error);
    const std::unique_ptr<Statement> remove
        = Statement::prepare(db, dialect, QStringLiteral("DELETE FROM %1 WHERE %2 = ?").arg(t, time), error);
    if (!select || !update || !remove)
        return false;
    for (auto it = sums.cbegin(); it != sums.cend(); ++it) {
        select->bindInt(0, it.key());
        if (!select->query()) {
            *error = select->errorText();
            return false;
        }
        bool found = false;
        qint64 spans = 0;
        LatencyHistogram histogram;
        while (select->next()) {
            found = true;
            spans = select->intValue(0);
            histogram = LatencyHistogram::deserialize(select->textValue(1).toUtf8());
        }
        if (!select->ok()) {
            *error = select->errorText();
            return false;
        }
        if (!found)
            continue;
        const RollupCounts &c = it->counts;
        if (spans - c.spans <= 0) {
            remove->bindInt(0, it.key());
            if (!remove->exec()) {
                *error = remove->errorText();
                return false;
            }
            continue;
        }
        histogram.subtract(it->histogram);
        const QByteArray text = histogram.serialize(); // bound by reference: alive until exec()
        update->bindInt(0, c.spans);
        update->bindInt(1, c.errors);
        update->bindInt(2, c.durationSumNs);
        update->bindUtf8Text(3, text);
        update->bindInt(4, it.key());
        if (!update->exec()) {
            *error = update->errorText();
            return false;
        }
    }
    return true;
}

bool subtractEdges(QSqlDatabase &db, Dialect dialect, const std::map<EdgeKey, EdgeDelta> &edges, const char *table,
    const char *timeColumn, QString *error)
{
    const std::unique_ptr<Subtractor> s = Subtractor::prepare(db, dialect, QLatin1String(table),
        { QLatin1String(timeColumn), QStringLiteral("source_service"), QStringLiteral("target"),
            QStringLiteral("target_type") },
        { QStringLiteral("call_count"), QStringLiteral("error_count"), QStringLiteral("duration_sum_ns") }, error);
    if (!s)
        return false;
    for (const auto &[k, e] : edges)
        if (!s->apply({ k.minuteNs, k.source, k.target, qint64(k.targetType) }, { e.calls, e.errors, e.durationSumNs },
                error))
            return false;
    return true;
}

// Runs `sql` once per trace id with the id bound first; adds up the rows it changed.
bool execPerTrace(QSqlDatabase &db, Dialect dialect, const QString &sql, const QList<QByteArray> &ids,
    qint64 *changed, QString *error)
{
    const std::unique_ptr<Statement> s = Statement::prepare(db, dialect, sql, error);
    if (!s)
        return false;
    for (const QByteArray &id : ids) {
        s->bindBlob(0, id);
        if (!s->exec()) {
            *error = s->errorText();
            return false;
        }
        if (changed)
            *changed += std::max<qint64>(0, s->changes());
    }
    return true;
}

} // namespace

TraceDeleter::TraceDeleter(QSqlDatabase &db, Dialect dialect)
    : m_db(db)
    , m_dialect(dialect)
{ }

TraceDeleter::Outcome TraceDeleter::deleteTraces(QList<QByteArray> traceIds, Rollups rollups)
{
    Outcome out;
    std::sort(traceIds.begin(), traceIds.end()); // the writer's lock order
    traceIds.erase(std::unique(traceIds.begin(), traceIds.end()), traceIds.end());
    traceIds.removeAll(QByteArray());
    if (traceIds.isEmpty()) {
        out.ok = true;
        return out;
    }
    QSqlQuery begin(m_db);
    if (!begin.exec(beginWriteSql(m_dialect))) {
        out.error = QStringLiteral("cannot begin a write transaction: ") + sqlErrorText(begin.lastError());
        return out;
    }
    if (deleteWithin(traceIds, rollups, QString(), out)) {
        QSqlQuery commit(m_db);
        if (commit.exec(QStringLiteral("COMMIT"))) {
            out.ok = true;
            return out;
        }
        out.error = QStringLiteral("commit failed: ") + sqlErrorText(commit.lastError());
    }
    QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
    out.traces = out.spans = 0;
    return out;
}

bool TraceDeleter::deleteWithin(
    const QList<QByteArray> &traceIds, Rollups rollups, const QString &detachedTable, Outcome &out)
{
    auto fail = [&out](const QString &what, const QString &error) {
        out.error = what + QStringLiteral(": ") + error;
        return false;
    };
    QString error;

    // 1. The spans, deleted, with what the rollups and edges were counted from (not the attribute,
    // event and link JSON, which nothing derived depends on). The sums below come from the rows
    // this statement deleted: on PostgreSQL (read committed) a span another server commits
    // meanwhile is either deleted and counted here, or left whole.
    QList<StoredSpan> spans;
    QSet<std::pair<QByteArray, QByteArray>> uncounted; // children whose edge was never counted
    {
        const std::unique_ptr<Statement> remove = Statement::prepare(m_db, m_dialect,
            QStringLiteral("DELETE FROM spans WHERE trace_id = ? RETURNING span_id, parent_span_id, name, kind,"
                           " start_ns, end_ns, status_code, service_name, external_target"),
            &error);
        std::unique_ptr<Statement> detached;
        if (!detachedTable.isEmpty())
            detached = Statement::prepare(m_db, m_dialect,
                QStringLiteral("SELECT span_id, parent_span_id, name, kind, start_ns, end_ns, status_code,"
                               " service_name, external_target FROM %1 WHERE trace_id = ?")
                    .arg(detachedTable),
                &error);
        const std::unique_ptr<Statement> notCounted = Statement::prepare(m_db, m_dialect,
            QStringLiteral("DELETE FROM uncounted_edges WHERE trace_id = ? RETURNING span_id"), &error);
        if (!remove || !notCounted || (!detachedTable.isEmpty() && !detached))
            return fail(QStringLiteral("cannot prepare the span delete"), error);
        const auto readSpans = [&spans](Statement &s, const QByteArray &id) {
            while (s.next()) {
                StoredSpan stored;
                stored.span.traceId = id;
                stored.span.spanId = s.blobValue(0);
                stored.span.parentSpanId = s.blobValue(1);
                stored.span.name = s.textValue(2);
                stored.span.kind = SpanKind(s.intValue(3));
                stored.span.startTimeUnixNano = s.intValue(4);
                stored.span.endTimeUnixNano = s.intValue(5);
                stored.span.statusCode = StatusCode(s.intValue(6));
                stored.span.serviceName = s.textValue(7);
                stored.externalTarget = s.textValue(8);
                spans.append(std::move(stored));
            }
            return s.ok();
        };
        for (const QByteArray &id : traceIds) {
            remove->bindBlob(0, id);
            if (!remove->query() || !readSpans(*remove, id))
                return fail(QStringLiteral("cannot delete spans"), remove->errorText());
            if (detached) {
                detached->bindBlob(0, id);
                if (!detached->query() || !readSpans(*detached, id))
                    return fail(QStringLiteral("cannot read the spans of a detached partition"),
                        detached->errorText());
            }
            notCounted->bindBlob(0, id);
            if (!notCounted->query())
                return fail(QStringLiteral("cannot delete uncounted edges"), notCounted->errorText());
            while (notCounted->next())
                uncounted.insert({ id, notCounted->blobValue(0) });
            if (!notCounted->ok())
                return fail(QStringLiteral("cannot delete uncounted edges"), notCounted->errorText());
        }
        out.spans = spans.size();
    }

    // 2. What they added, by the writer's own sums.
    const bool subtract = rollups == Rollups::Subtract;
    SpanSums sums;
    QList<const Span *> failed;
    std::map<EdgeKey, EdgeDelta> edges;
    QMap<QString, QSet<QByteArray>> tracesOfService; // sorted: service_totals' lock order
    std::set<std::tuple<QString, QString, QByteArray>> operations;
    if (subtract) {
        qsizetype first = 0;
        for (qsizetype i = 0; i <= spans.size(); ++i) {
            if (i < spans.size() && spans[i].span.traceId == spans[first].span.traceId)
                continue;
            addEdges(spans.mid(first, i - first), uncounted, edges); // one trace's spans
            first = i;
        }
    }
    for (const StoredSpan &s : std::as_const(spans)) {
        const Span &span = s.span;
        if (subtract)
            sums.addSpan(span);
        if (isErrorSpan(span))
            failed.append(&span);
        tracesOfService[nonNull(span.serviceName)].insert(span.traceId);
        operations.insert({ nonNull(span.serviceName), nonNull(span.name), span.traceId });
    }

    // 3. Deleted and taken back in the writer's order of tables (spans came first, as in the writer).
    if (!failed.isEmpty()) {
        // The errors rows say which hourly group each was counted in (the writer derived the type
        // and fingerprint from the span's events and attributes, which are not read here).
        const std::unique_ptr<Statement> e = Statement::prepare(m_db, m_dialect,
            QStringLiteral("DELETE FROM errors WHERE time_ns = ? AND trace_id = ? AND span_id = ?"
                           " RETURNING fingerprint, service_name, error_type, is_root, kind"),
            &error);
        if (!e)
            return fail(QStringLiteral("cannot prepare the error delete"), error);
        for (const Span *span : std::as_const(failed)) {
            e->bindInt(0, span->startTimeUnixNano);
            e->bindBlob(1, span->traceId);
            e->bindBlob(2, span->spanId);
            if (!e->query())
                return fail(QStringLiteral("cannot delete an error"), e->errorText());
            while (e->next()) {
                ErrorGroupCounts &group = sums.errorGroups[{ e->textValue(0), e->textValue(1), e->textValue(2),
                    int(e->intValue(3)), int(e->intValue(4)), hourOf(span->startTimeUnixNano) }];
                ++group.count;
            }
            if (!e->ok())
                return fail(QStringLiteral("cannot delete an error"), e->errorText());
        }
        const std::unique_ptr<Subtractor> groups = Subtractor::prepare(m_db, m_dialect,
            QStringLiteral("error_groups_hourly"),
            { QStringLiteral("fingerprint"), QStringLiteral("service_name"), QStringLiteral("error_type"),
                QStringLiteral("is_root"), QStringLiteral("kind"), QStringLiteral("hour_ns") },
            { QStringLiteral("error_count") }, &error);
        if (!groups)
            return fail(QStringLiteral("cannot prepare the error group update"), error);
        QList<ErrorGroupKey> keys = sums.errorGroups.keys();
        std::sort(keys.begin(), keys.end());
        for (const ErrorGroupKey &k : std::as_const(keys))
            if (!groups->apply({ k.fingerprint, k.service, k.type, qint64(k.root), qint64(k.kind), k.hourNs },
                    { sums.errorGroups.value(k).count }, &error))
                return fail(QStringLiteral("cannot update an hourly error group"), error);
    }

    if (!execPerTrace(m_db, m_dialect, QStringLiteral("DELETE FROM pending_edges WHERE trace_id = ?"), traceIds,
            nullptr, &error))
        return fail(QStringLiteral("cannot delete waiting dependency edges"), error);
    if (!edges.empty()) {
        std::map<EdgeKey, EdgeDelta> hourly;
        for (const auto &[k, e] : edges) {
            EdgeDelta &h = hourly[{ hourOf(k.minuteNs), k.source, k.target, k.targetType }];
            h.calls += e.calls;
            h.errors += e.errors;
            h.durationSumNs += e.durationSumNs;
        }
        if (!subtractEdges(m_db, m_dialect, edges, "dependency_rollups", "minute_ns", &error)
            || !subtractEdges(m_db, m_dialect, hourly, "dependency_rollups_hourly", "hour_ns", &error))
            return fail(QStringLiteral("cannot update a dependency edge"), error);
    }

    if (!execPerTrace(m_db, m_dialect, QStringLiteral("DELETE FROM trace_summaries WHERE trace_id = ?"), traceIds,
            &out.traces, &error))
        return fail(QStringLiteral("cannot delete trace summaries"), error);
    if (!execPerTrace(m_db, m_dialect, QStringLiteral("DELETE FROM trace_notes WHERE trace_id = ?"), traceIds,
            nullptr, &error))
        return fail(QStringLiteral("cannot delete trace notes"), error);

    if (!tracesOfService.isEmpty()) {
        const std::unique_ptr<Statement> pair = Statement::prepare(m_db, m_dialect,
            QStringLiteral("DELETE FROM trace_services WHERE service_name = ? AND trace_id = ?"), &error);
        const std::unique_ptr<Subtractor> totals = Subtractor::prepare(m_db, m_dialect,
            QStringLiteral("service_totals"), { QStringLiteral("service_name") }, { QStringLiteral("trace_count") },
            &error);
        if (!pair || !totals)
            return fail(QStringLiteral("cannot prepare the trace service delete"), error);
        for (auto it = tracesOfService.cbegin(); it != tracesOfService.cend(); ++it) {
            qint64 removed = 0;
            for (const QByteArray &trace : it.value()) {
                pair->bindText(0, it.key());
                pair->bindBlob(1, trace);
                if (!pair->exec())
                    return fail(QStringLiteral("cannot delete a trace service"), pair->errorText());
                removed += std::max<qint64>(0, pair->changes());
            }
            if (removed > 0 && !totals->apply({ it.key() }, { removed }, &error))
                return fail(QStringLiteral("cannot update a service total"), error);
        }
        const std::unique_ptr<Statement> op = Statement::prepare(m_db, m_dialect,
            QStringLiteral(
                "DELETE FROM trace_operations WHERE service_name = ? AND operation_name = ? AND trace_id = ?"),
            &error);
        if (!op)
            return fail(QStringLiteral("cannot prepare the trace operation delete"), error);
        for (const auto &[service, operation, trace] : std::as_const(operations)) {
            op->bindText(0, service);
            op->bindText(1, operation);
            op->bindBlob(2, trace);
            if (!op->exec())
                return fail(QStringLiteral("cannot delete a trace operation"), op->errorText());
        }
    }

    if (!sums.rollups.isEmpty()) {
        const auto hourlyRollups
            = perHour(sums.rollups, [](RollupCounts &sum, const RollupCounts &c) { sum.add(c); });
        const auto hourlyHistograms
            = perHour(sums.histograms, [](LatencyHistogram &sum, const LatencyHistogram &h) { sum.merge(h); });
        if (!subtractRollups(m_db, m_dialect, sums.rollups, "span_rollups", "minute_ns", &error)
            || !subtractBuckets(m_db, m_dialect, sums.histograms, "rollup_buckets", "minute_ns", &error)
            || !subtractRollups(m_db, m_dialect, hourlyRollups, "span_rollups_hourly", "hour_ns", &error)
            || !subtractBuckets(m_db, m_dialect, hourlyHistograms, "rollup_buckets_hourly", "hour_ns", &error))
            return fail(QStringLiteral("cannot update a rollup"), error);
        if (!subtractRequestRollups(m_db, m_dialect, requestSums(sums.rollups, sums.histograms, sameMinute),
                "request_rollups", "minute_ns", &error)
            || !subtractRequestRollups(m_db, m_dialect, requestSums(sums.rollups, sums.histograms, hourOf),
                "request_rollups_hourly", "hour_ns", &error))
            return fail(QStringLiteral("cannot update a request rollup"), error);
    }

    if (out.spans > 0 || out.traces > 0) {
        const std::unique_ptr<Statement> totals = Statement::prepare(m_db, m_dialect,
            QStringLiteral("UPDATE store_totals SET span_count = span_count - ?, trace_count = trace_count - ?"
                           " WHERE id = 1"),
            &error);
        if (!totals)
            return fail(QStringLiteral("cannot prepare the store totals update"), error);
        totals->bindInt(0, out.spans);
        totals->bindInt(1, out.traces);
        if (!totals->exec())
            return fail(QStringLiteral("cannot update the store totals"), totals->errorText());
    }
    return true;
}

namespace {

// Every time-keyed derived table with its time column (an index or the primary key leads with it).
// In the writer's order of tables (fewer lock waits against another server's writer).
const std::pair<const char *, const char *> kTimedTables[] = {
    { "error_groups_hourly", "hour_ns" },
    { "dependency_rollups", "minute_ns" },
    { "dependency_rollups_hourly", "hour_ns" },
    { "span_rollups", "minute_ns" },
    { "rollup_buckets", "minute_ns" },
    { "span_rollups_hourly", "hour_ns" },
    { "rollup_buckets_hourly", "hour_ns" },
    { "request_rollups", "minute_ns" },
    { "request_rollups_hourly", "hour_ns" },
};

} // namespace

bool TraceDeleter::dropRollupsBefore(qint64 hourNs, qint64 *upTo, QString *error)
{
    // The oldest row of any of them: one hour from there per call bounds the transaction.
    std::optional<qint64> oldest;
    for (const auto &[table, column] : kTimedTables) {
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("SELECT MIN(%1) FROM %2").arg(QLatin1String(column), QLatin1String(table)))
            || !q.next()) {
            *error = QStringLiteral("cannot read %1: ").arg(QLatin1String(table)) + sqlErrorText(q.lastError());
            return false;
        }
        if (!q.value(0).isNull())
            oldest = std::min(oldest.value_or(std::numeric_limits<qint64>::max()), q.value(0).toLongLong());
    }
    if (!oldest || *oldest >= hourNs) {
        *upTo = hourNs;
        return true;
    }
    *upTo = std::min(hourNs, hourOf(*oldest) + qint64(3600) * 1000000000);
    QSqlQuery q(m_db);
    if (!q.exec(beginWriteSql(m_dialect))) {
        *error = QStringLiteral("cannot begin a write transaction: ") + sqlErrorText(q.lastError());
        return false;
    }
    for (const auto &[table, column] : kTimedTables) {
        q.prepare(QStringLiteral("DELETE FROM %1 WHERE %2 < ?").arg(QLatin1String(table), QLatin1String(column)));
        q.bindValue(0, *upTo);
        if (!q.exec()) {
            *error = QStringLiteral("cannot delete from %1: ").arg(QLatin1String(table)) + sqlErrorText(q.lastError());
            QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
            return false;
        }
    }
    if (!q.exec(QStringLiteral("COMMIT"))) {
        *error = QStringLiteral("commit failed: ") + sqlErrorText(q.lastError());
        QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
        return false;
    }
    return true;
}

} // namespace spanlight::storage
