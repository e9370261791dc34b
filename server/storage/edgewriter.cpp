#include "edgewriter.h"

#include "rowcodec.h"
#include "statement.h"

#include <QDateTime>

#include <algorithm>

namespace spanlight::storage {

EdgeWriter::EdgeWriter(QSqlDatabase &db, Dialect dialect)
    : m_db(db)
    , m_dialect(dialect)
{ }

EdgeWriter::~EdgeWriter() = default;

bool EdgeWriter::statement(std::unique_ptr<Statement> &slot, const QString &sql, QString *error)
{
    if (!slot)
        slot = Statement::prepare(m_db, m_dialect, sql, error);
    return slot != nullptr;
}

bool EdgeWriter::prepare(const QList<const QList<Span> *> &batches, QString *error)
{
    QSet<QByteArray> traces;
    for (const QList<Span> *batch : batches) {
        for (const Span &s : *batch) {
            traces.insert(s.traceId);
            if (!s.isRoot())
                m_hasChild.insert({ s.traceId, s.parentSpanId });
        }
    }
    // One probe per trace, not per span: the table is small (children wait only until their
    // parent arrives), and most traces have nothing in it.
    std::unique_ptr<Statement> probe = Statement::prepare(m_db, m_dialect,
        QStringLiteral("SELECT parent_span_id, span_id, service_name, minute_ns, duration_ns, is_error"
                       " FROM pending_edges WHERE trace_id = ?"),
        error);
    if (!probe)
        return false;
    QList<QByteArray> sorted(traces.cbegin(), traces.cend());
    std::sort(sorted.begin(), sorted.end());
    for (const QByteArray &trace : std::as_const(sorted)) {
        probe->bindBlob(0, trace);
        if (!probe->query()) {
            *error = probe->errorText();
            return false;
        }
        while (probe->next()) {
            const SpanKey parent { trace, probe->blobValue(0) };
            m_pending[parent].append({ probe->blobValue(1), probe->textValue(2), probe->intValue(3),
                probe->intValue(4), probe->intValue(5) != 0 });
            m_hasChild.insert(parent);
        }
        if (!probe->ok()) {
            *error = probe->errorText();
            return false;
        }
    }
    return true;
}

QString EdgeWriter::externalTargetOf(const Span &span) const
{
    if (span.kind != SpanKind::Client && span.kind != SpanKind::Producer)
        return {};
    if (m_hasChild.contains({ span.traceId, span.spanId }))
        return {};
    return externalTarget(span);
}

void EdgeWriter::add(const EdgeKey &key, qint64 sign, qint64 durationNs, bool error)
{
    EdgeDelta &d = m_edges[key];
    d.calls += sign;
    d.errors += error ? sign : 0;
    d.durationSumNs += sign * durationNs;
}

void EdgeWriter::addInserted(const Span &span, const QString &externalTarget)
{
    m_inserted.insert({ span.traceId, span.spanId }, &span);
    m_insertedOrder.append(&span);
    if (!externalTarget.isEmpty()) {
        add({ minuteOf(span.startTimeUnixNano), nonNull(span.serviceName), externalTarget, 1 }, 1,
            rollupDurationNs(span), isErrorSpan(span));
    }
}

bool EdgeWriter::write(QString *error)
{
    const qint64 nowNs = QDateTime::currentMSecsSinceEpoch() * 1000000;
    for (const Span *child : std::as_const(m_insertedOrder)) {
        if (child->isRoot())
            continue;
        const QString childService = nonNull(child->serviceName);
        QString parentService;
        if (const Span *parent = m_inserted.value({ child->traceId, child->parentSpanId })) {
            parentService = nonNull(parent->serviceName);
        } else {
            if (!statement(m_parentLookup,
                    QStringLiteral("SELECT service_name, external_target, start_ns, end_ns, status_code"
                                   " FROM spans WHERE trace_id = ? AND span_id = ?"),
                    error))
                return false;
            m_parentLookup->bindBlob(0, child->traceId);
            m_parentLookup->bindBlob(1, child->parentSpanId);
            if (!m_parentLookup->query()) {
                *error = m_parentLookup->errorText();
                return false;
            }
            bool found = false;
            QString external;
            qint64 startNs = 0, endNs = 0;
            bool failed = false;
            while (m_parentLookup->next()) {
                found = true;
                parentService = nonNull(m_parentLookup->textValue(0));
                external = m_parentLookup->textValue(1);
                startNs = m_parentLookup->intValue(2);
                endNs = m_parentLookup->intValue(3);
                failed = m_parentLookup->intValue(4) == int(StatusCode::Error);
            }
            if (!m_parentLookup->ok()) {
                *error = m_parentLookup->errorText();
                return false;
            }
            if (!found) { // the parent has not arrived yet: wait for it
                if (!statement(m_pendingInsert,
                        QStringLiteral("INSERT INTO pending_edges (trace_id, parent_span_id, span_id, service_name,"
                                       " minute_ns, duration_ns, is_error, created_ns) VALUES (?,?,?,?,?,?,?,?)"
                                       " ON CONFLICT DO NOTHING"),
                        error))
                    return false;
                m_pendingInsert->bindBlob(0, child->traceId);
                m_pendingInsert->bindBlob(1, child->parentSpanId);
                m_pendingInsert->bindBlob(2, child->spanId);
                m_pendingInsert->bindText(3, childService);
                m_pendingInsert->bindInt(4, minuteOf(child->startTimeUnixNano));
                m_pendingInsert->bindInt(5, rollupDurationNs(*child));
                m_pendingInsert->bindInt(6, isErrorSpan(*child) ? 1 : 0);
                m_pendingInsert->bindInt(7, nowNs);
                if (!m_pendingInsert->exec()) {
                    *error = m_pendingInsert->errorText();
                    return false;
                }
                continue;
            }
            if (!external.isNull()) { // it was counted as calling an external system: take that back
                if (!statement(m_clearExternal,
                        QStringLiteral("UPDATE spans SET external_target = NULL WHERE trace_id = ? AND span_id = ?"
                                       " AND external_target IS NOT NULL"),
                        error))
                    return false;
                m_clearExternal->bindBlob(0, child->traceId);
                m_clearExternal->bindBlob(1, child->parentSpanId);
                if (!m_clearExternal->exec()) {
                    *error = m_clearExternal->errorText();
                    return false;
                }
                // Only what this statement took back (a deletion of the trace may have come first).
                if (m_clearExternal->changes() > 0)
                    add({ minuteOf(startNs), parentService, external, 1 }, -1, std::max<qint64>(0, endNs - startNs),
                        failed);
            }
        }
        if (parentService != childService)
            add({ minuteOf(child->startTimeUnixNano), parentService, childService, 0 }, 1, rollupDurationNs(*child),
                isErrorSpan(*child));
    }

    // Children that were waiting for a parent of this group.
    QList<SpanKey> parents = m_pending.keys();
    std::sort(parents.begin(), parents.end());
    for (const SpanKey &key : std::as_const(parents)) {
        const Span *parent = m_inserted.value(key);
        if (!parent)
            continue; // still missing (or only a duplicate arrived: it resolved them before)
        const QString parentService = nonNull(parent->serviceName);
        if (!statement(m_pendingDelete,
                QStringLiteral("DELETE FROM pending_edges WHERE trace_id = ? AND parent_span_id = ? AND span_id = ?"),
                error))
            return false;
        for (const PendingChild &c : m_pending.value(key)) {
            if (c.service != parentService)
                add({ c.minuteNs, parentService, c.service, 0 }, 1, c.durationNs, c.error);
            m_pendingDelete->bindBlob(0, key.first);
            m_pendingDelete->bindBlob(1, key.second);
            m_pendingDelete->bindBlob(2, c.spanId);
            if (!m_pendingDelete->exec()) {
                *error = m_pendingDelete->errorText();
                return false;
            }
        }
    }

    if (m_edges.empty())
        return true;
    // The same deltas summed per hour (a taken-back external call subtracts there too).
    std::map<EdgeKey, EdgeDelta> hourly;
    for (const auto &[key, delta] : m_edges) {
        EdgeKey hour = key;
        hour.minuteNs = hourOf(key.minuteNs);
        EdgeDelta &h = hourly[hour];
        h.calls += delta.calls;
        h.errors += delta.errors;
        h.durationSumNs += delta.durationSumNs;
    }
    return upsertEdges(m_edges, "dependency_rollups", "minute_ns", error)
        && upsertEdges(hourly, "dependency_rollups_hourly", "hour_ns", error);
}

bool EdgeWriter::upsertEdges(
    const std::map<EdgeKey, EdgeDelta> &edges, const char *table, const char *timeColumn, QString *error)
{
    std::unique_ptr<Statement> upsert = Statement::prepare(m_db, m_dialect,
        QStringLiteral("INSERT INTO %1 (%2, source_service, target, target_type, call_count, error_count,"
                       " duration_sum_ns) VALUES (?,?,?,?,?,?,?)"
                       " ON CONFLICT (%2, source_service, target, target_type) DO UPDATE SET"
                       " call_count = %1.call_count + excluded.call_count,"
                       " error_count = %1.error_count + excluded.error_count,"
                       " duration_sum_ns = %1.duration_sum_ns + excluded.duration_sum_ns")
            .arg(QLatin1String(table), QLatin1String(timeColumn)),
        error);
    if (!upsert)
        return false;
    for (const auto &[key, delta] : edges) {
        if (delta.calls == 0 && delta.errors == 0 && delta.durationSumNs == 0)
            continue; // an external call taken back in the group it was counted in
        upsert->bindInt(0, key.minuteNs);
        upsert->bindText(1, key.source);
        upsert->bindText(2, key.target);
        upsert->bindInt(3, key.targetType);
        upsert->bindInt(4, delta.calls);
        upsert->bindInt(5, delta.errors);
        upsert->bindInt(6, delta.durationSumNs);
        if (!upsert->exec()) {
            *error = upsert->errorText();
            return false;
        }
    }
    return true;
}

bool EdgeWriter::dropExpired(QSqlDatabase &db, Dialect dialect, qint64 nowNs, QString *error)
{
    // Remembered as never counted (their parent may still arrive, and the trace be deleted), then dropped.
    std::unique_ptr<Statement> remember = Statement::prepare(db, dialect,
        QStringLiteral("INSERT INTO uncounted_edges (trace_id, span_id) SELECT trace_id, span_id FROM pending_edges"
                       " WHERE created_ns < ? ON CONFLICT DO NOTHING"),
        error);
    std::unique_ptr<Statement> drop
        = Statement::prepare(db, dialect, QStringLiteral("DELETE FROM pending_edges WHERE created_ns < ?"), error);
    if (!remember || !drop)
        return false;
    for (Statement *s : { remember.get(), drop.get() }) {
        s->bindInt(0, nowNs - kPendingEdgeLifetimeNs);
        if (!s->exec()) {
            *error = s->errorText();
            return false;
        }
    }
    return true;
}

} // namespace spanlight::storage
