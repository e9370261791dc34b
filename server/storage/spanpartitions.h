#pragma once

#include "core/span.h"
#include "dialect.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <utility>

// Private to the storage library: the day partitions of `spans` on PostgreSQL (migration 9).
// A partition holds the spans that start in one UTC day; the first one, the table as it was
// before migration 9, every start before a boundary. Partitions are listed in span_partitions.
//
// Retention drops whole days instead of deleting rows: a day wholly before the cutoff is
// detached (a late span of that day then goes into the DEFAULT partition, spans_default), the
// other rows of its traces are deleted in chunks (TraceDeleter reading the detached table's spans),
// and the table is dropped. See docs/storage.md, "Day partitions".
namespace spanlight::storage {

constexpr qint64 kDayNs = qint64(86400) * 1000000000;

// The UTC day's start of a time, also before 1970.
qint64 dayOf(qint64 ns);

struct SpanPartition
{
    QString name;
    qint64 fromNs = 0; // the first partition: the smallest qint64 (PostgreSQL's MINVALUE)
    qint64 toNs = 0; // exclusive; the largest qint64 means MAXVALUE
    bool retired = false; // detached, its traces being deleted
};

class SpanPartitions
{
public:
    explicit SpanPartitions(Dialect dialect);

    bool enabled() const { return m_dialect == Dialect::Postgres; }

    // Makes sure a partition exists for the start of every span in `batches` and for tomorrow
    // (made ahead, so that midnight takes no lock under load), in its own short transaction,
    // before the spans' one. Cheap when all are known. Several servers on one database take
    // turns (an advisory lock) and see each other's partitions in span_partitions. Starts after
    // tomorrow, and the oldest days of a write with more than a few new ones, go into the DEFAULT
    // partition (spans_default); a partition made later for such a day takes its rows over.
    // After a failure it makes none for a minute (the spans go into spans_default meanwhile).
    bool ensureFor(QSqlDatabase &db, const QList<const QList<Span> *> &batches, qint64 nowNs, QString *error);
    // A day this writer knows may have been detached since (by retention, here or in another
    // server): its late spans then go into spans_default, where retention deletes them too.

    // Detaches the partitions whose days end at or before `cutoffNs`. Returns how many, or -1.
    static int retireBefore(QSqlDatabase &db, qint64 cutoffNs, QString *error);

    // One step of deleting a detached partition's traces: up to `maxTraces` traces (every row of
    // them, their spans in attached partitions too) in one transaction, or, when none is left,
    // the table itself. `traces`/`spans`: what was deleted; `dropped`: a table went; `done`: no
    // detached partition is left. False with `error` on failure (nothing of the step is kept).
    struct Step
    {
        bool ok = false;
        QString error;
        bool done = false;
        bool dropped = false;
        qint64 traces = 0;
        qint64 spans = 0;
    };
    static Step purgeRetired(QSqlDatabase &db, int maxTraces);

    static QList<SpanPartition> list(QSqlDatabase &db, QString *error);

private:
    bool known(qint64 day) const;
    bool reload(QSqlDatabase &db, QString *error);

    Dialect m_dialect;
    QList<std::pair<qint64, qint64>> m_known; // [from, to) of the attached partitions
    qint64 m_nextAttemptNs = 0; // after a failure: no new partitions before then
};

} // namespace spanlight::storage
