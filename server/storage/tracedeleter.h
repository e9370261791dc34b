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

    // Deletes the traces in one write transaction: their spans, errors and waiting dependency
    // edges, summaries, per-service and per-operation rows, and takes their spans back out of
    // every rollup (span_rollups, rollup_buckets, request_rollups, dependency_rollups, each also
    // hourly, error_groups_hourly, service_totals, store_totals) by the very sums the writer
    // added. A rollup row left without spans is deleted. Unknown ids are skipped. The tables are
    // written in the writer's order, so that a concurrent writer on one PostgreSQL waits rather
    // than deadlocks.
    Outcome deleteTraces(QList<QByteArray> traceIds);

private:
    bool deleteInTransaction(const QList<QByteArray> &traceIds, Outcome &out);

    QSqlDatabase &m_db;
    Dialect m_dialect;
};

} // namespace spanlight::storage
