#pragma once

#include "core/span.h"
#include "dialect.h"
#include "spanpartitions.h"

#include <QList>
#include <QString>

// Private to the storage library: one group-commit transaction on the writer connection.
namespace spanlight::storage {

class SpanWriter
{
public:
    SpanWriter(QString connectionName, Dialect dialect);

    struct Outcome
    {
        bool ok = false;
        QString error;
        QList<qint64> inserted; // per batch: spans that were new (duplicates are not counted)
        qint64 spans = 0; // new spans in all batches
        qint64 traces = 0; // traces whose summary changed
    };

    // Writes all batches, their trace summaries and trace operations in one transaction.
    // Must run on the thread that opened the connection. Rolls back on any error.
    Outcome write(const QList<const QList<Span> *> &batches);

private:
    bool writeInTransaction(QSqlDatabase &db, const QList<const QList<Span> *> &batches, Outcome &out);

    QString m_connectionName;
    Dialect m_dialect;
    SpanPartitions m_partitions; // PostgreSQL: a partition for every day written
    qint64 m_partitionFailures = 0; // logged once per 100
    qint64 m_lastExpiryMs = 0; // when waiting dependency edges were last expired
};

} // namespace spanlight::storage
