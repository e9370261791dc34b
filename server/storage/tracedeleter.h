#pragma once

#include "dialect.h"

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>
#include <QString>

// Private to the storage library: deletes whole traces with every row derived from their spans
// (see docs/storage.md, "Deleting traces"). Retention and DELETE /traces share it.
namespace spanlight::storage {

class TraceDeleter
{
public:
    TraceDeleter(QSqlDatabase &db, Dialect dialect);

    struct Outcome
    {
        bool ok = false;
        QString error;
        qint64 traces = 0; // trace summaries deleted
        qint64 spans = 0; // spans deleted
    };

    // What happens to the per-minute and per-hour rollups of the deleted spans.
    enum class Rollups {
        Subtract, // taken out by the very sums the writer added (DELETE /traces)
        Keep, // left for dropRollupsBefore() (retention: whole old hours go, cheaper by far)
    };

    // Deletes the traces in one write transaction: their spans, notes, errors and waiting dependency
    // edges, summaries, per-service and per-operation rows, hourly error groups, service_totals
    // and store_totals, and with Rollups::Subtract their share of span_rollups, rollup_buckets,
    // request_rollups and dependency_rollups (each also hourly). A derived row left counting
    // nothing is deleted. Unknown ids are skipped. The tables are written in the writer's order
    // where it can be (the writer clears a parent's external target after its error groups, and
    // expires waiting edges before its spans): on one PostgreSQL with another server's writer, a
    // deadlock is rare, and PostgreSQL fails one side of it, which is retried.
    Outcome deleteTraces(QList<QByteArray> traceIds, Rollups rollups);

    // The same within the caller's transaction (ids sorted, unique, not empty). The traces' spans
    // in `detachedTable` (a partition of spans detached by retention, SpanPartitions) are read, not
    // deleted: the table is dropped whole once every trace in it is done.
    bool deleteWithin(const QList<QByteArray> &traceIds, Rollups rollups, const QString &detachedTable,
        Outcome &out);

    // Deletes the rows of every time-keyed derived table (rollups, buckets, request rollups,
    // dependency edges, each per minute and per hour, hourly error groups) before `hourNs` (an
    // hour's start, so that a window's whole hours and edge minutes still agree), at most one
    // hour's rows per call: `upTo` is the time it deleted up to (`hourNs` when nothing is left
    // before it). False with `error` set on failure.
    bool dropRollupsBefore(qint64 hourNs, qint64 *upTo, QString *error);

private:
    QSqlDatabase &m_db;
    Dialect m_dialect;
};

} // namespace spanlight::storage
