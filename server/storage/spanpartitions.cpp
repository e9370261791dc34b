#include "spanpartitions.h"

#include "tracedeleter.h"

#include <QDate>
#include <QDateTime>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QVariant>

#include <functional>
#include <limits>

namespace spanlight::storage {

namespace {

constexpr qint64 kMin = std::numeric_limits<qint64>::min();
constexpr qint64 kMax = std::numeric_limits<qint64>::max();

// Serialises partition changes of several servers on one database (creating, detaching).
const char *const kPartitionLock = "SELECT pg_advisory_xact_lock(1936748143)";
// New day partitions per write at most (see ensureFor()).
constexpr qsizetype kMaxNewPerWrite = 16;
// How long ensureFor() leaves new partitions alone after a failure.
constexpr qint64 kRetryAfterFailureNs = qint64(60) * 1000000000;
// Detaching needs an exclusive lock on spans, and attaching one on spans_default; while either
// waits for it, every insert and read of spans waits behind it: give up soon and try again later.
const char *const kLockTimeout = "SET LOCAL lock_timeout = '1s'";

bool exec(QSqlQuery &q, const QString &sql, QString *error, const QString &what)
{
    if (q.exec(sql))
        return true;
    *error = what + QStringLiteral(": ") + sqlErrorText(q.lastError());
    return false;
}

void rollback(QSqlDatabase &db)
{
    QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
}

// A bound of a partition as PostgreSQL reads it.
QString bound(qint64 ns, const char *infinite)
{
    return ns == kMin || ns == kMax ? QLatin1String(infinite) : QString::number(ns);
}

// spans_20231114_7: the day for people reading \d+, a number so that a day made again (a late
// span after retention dropped it) has a name of its own.
QString partitionName(qint64 day, qint64 number)
{
    const QDate date = QDateTime::fromMSecsSinceEpoch(day / 1000000, QTimeZone::utc()).date();
    const QString shown = date.isValid() && date.year() >= 1 && date.year() <= 9999
        ? date.toString(QStringLiteral("yyyyMMdd"))
        : QStringLiteral("d") + QString::number(day / kDayNs).replace(u'-', u'm');
    return QStringLiteral("spans_%1_%2").arg(shown).arg(number);
}

} // namespace

qint64 dayOf(qint64 ns)
{
    const qint64 r = ns % kDayNs;
    if (r >= 0)
        return ns - r;
    if (ns < kMin + kDayNs) // the day would start before the smallest qint64
        return kMin;
    return ns - r - kDayNs;
}

SpanPartitions::SpanPartitions(Dialect dialect)
    : m_dialect(dialect)
{ }

bool SpanPartitions::known(qint64 day) const
{
    for (const auto &[from, to] : m_known)
        if (from <= day && (day < to || to == kMax))
            return true;
    return false;
}

bool SpanPartitions::reload(QSqlDatabase &db, QString *error)
{
    QSqlQuery q(db);
    if (!exec(q, QStringLiteral("SELECT from_ns, to_ns FROM span_partitions WHERE retired = 0"), error,
            QStringLiteral("cannot read span_partitions")))
        return false;
    m_known.clear();
    while (q.next())
        m_known.append({ q.value(0).toLongLong(), q.value(1).toLongLong() });
    return true;
}

bool SpanPartitions::ensureFor(
    QSqlDatabase &db, const QList<const QList<Span> *> &batches, qint64 nowNs, QString *error)
{
    if (!enabled())
        return true;
    // Days up to tomorrow; a later start (a client's clock far ahead) goes into spans_default
    // until its day is near, so that wrong clocks cannot make a table per day for centuries.
    QSet<qint64> days;
    const qint64 today = dayOf(nowNs);
    const qint64 tomorrow = today < kMax - kDayNs ? today + kDayNs : today;
    days.insert(tomorrow);
    for (const QList<Span> *batch : batches)
        for (const Span &span : *batch)
            if (const qint64 day = dayOf(span.startTimeUnixNano); day <= tomorrow)
                days.insert(day);
    // The newest days first, kMaxNewPerWrite at most: the rest of a write with starts over many
    // old days goes into spans_default, and gets partitions in later writes.
    auto missing = [&] {
        QList<qint64> out;
        for (qint64 day : std::as_const(days))
            if (!known(day))
                out.append(day);
        std::sort(out.begin(), out.end(), std::greater<>());
        if (out.size() > kMaxNewPerWrite)
            out.resize(kMaxNewPerWrite);
        return out;
    };
    if (missing().isEmpty())
        return true;
    // After a failure (a lock held for long: a pg_dump), not again for a while: each attempt
    // can wait for the lock timeout, and the writer would wait with it at every write.
    if (nowNs < m_nextAttemptNs)
        return true;
    const auto failed = [this, nowNs] {
        m_known.clear();
        m_nextAttemptNs = nowNs + kRetryAfterFailureNs;
        return false;
    };
    if (!reload(db, error))
        return failed();
    if (missing().isEmpty())
        return true;

    QSqlQuery q(db);
    const QString what = QStringLiteral("cannot make a partition of spans");
    if (!exec(q, QStringLiteral("BEGIN"), error, what))
        return failed();
    // The lock timeout also bounds the wait for spans_default (every trace read holds it shared):
    // the caller writes anyway, into spans_default, and a later write makes the partition.
    bool ok = exec(q, QLatin1String(kLockTimeout), error, what) && exec(q, QLatin1String(kPartitionLock), error, what)
        && reload(db, error); // another server's, meanwhile
    for (qint64 day : missing()) {
        if (!ok)
            break;
        const qint64 to = day <= kMax - kDayNs ? day + kDayNs : kMax;
        ok = exec(q, QStringLiteral("SELECT nextval('span_partition_numbers')"), error, what) && q.next();
        if (!ok)
            break;
        const QString name = partitionName(day, q.value(0).toLongLong());
        // A plain table attached afterwards: ATTACH takes a lock that lets inserts and reads of
        // spans go on (CREATE TABLE ... PARTITION OF would wait for every reader and block all).
        // It locks spans_default exclusively to check that no row of the day is there, so the
        // day's rows that came before it are moved first (none, unless the day had come in a
        // write over many days, or from a clock ahead).
        const QString range = QStringLiteral("start_ns >= %1%2")
                                  .arg(day)
                                  .arg(to == kMax ? QString() : QStringLiteral(" AND start_ns < %1").arg(to));
        ok = exec(q, QStringLiteral("CREATE TABLE %1 (LIKE spans INCLUDING DEFAULTS)").arg(name), error, what)
            && exec(q, QStringLiteral("LOCK TABLE spans_default IN ACCESS EXCLUSIVE MODE"), error, what)
            && exec(q, QStringLiteral("INSERT INTO %1 SELECT * FROM spans_default WHERE %2").arg(name, range), error, what)
            && exec(q, QStringLiteral("DELETE FROM spans_default WHERE %1").arg(range), error, what)
            && exec(q,
                QStringLiteral("ALTER TABLE spans ATTACH PARTITION %1 FOR VALUES FROM (%2) TO (%3)")
                    .arg(name, bound(day, "MINVALUE"), bound(to, "MAXVALUE")),
                error, what);
        if (!ok)
            break;
        q.prepare(QStringLiteral("INSERT INTO span_partitions (name, from_ns, to_ns) VALUES (?, ?, ?)"));
        q.bindValue(0, name);
        q.bindValue(1, day);
        q.bindValue(2, to);
        ok = q.exec();
        if (!ok)
            *error = what + QStringLiteral(": ") + sqlErrorText(q.lastError());
        else
            m_known.append({ day, to });
    }
    if (ok && exec(q, QStringLiteral("COMMIT"), error, what))
        return true;
    rollback(db);
    return failed();
}

int SpanPartitions::retireBefore(QSqlDatabase &db, qint64 cutoffNs, QString *error)
{
    QSqlQuery q(db);
    const QString what = QStringLiteral("cannot detach an old partition of spans");
    if (!exec(q, QStringLiteral("BEGIN"), error, what))
        return -1;
    QStringList names;
    bool ok = exec(q, QLatin1String(kPartitionLock), error, what)
        && exec(q, QLatin1String(kLockTimeout), error, what);
    if (ok) {
        q.prepare(QStringLiteral(
            "SELECT name FROM span_partitions WHERE retired = 0 AND to_ns <= ? AND to_ns <> ? ORDER BY to_ns"));
        q.bindValue(0, cutoffNs);
        q.bindValue(1, kMax);
        ok = q.exec();
        if (!ok)
            *error = what + QStringLiteral(": ") + sqlErrorText(q.lastError());
        while (ok && q.next())
            names.append(q.value(0).toString());
    }
    for (const QString &name : std::as_const(names)) {
        if (!ok)
            break;
        ok = exec(q, QStringLiteral("ALTER TABLE spans DETACH PARTITION %1").arg(name), error, what);
        if (!ok)
            break;
        q.prepare(QStringLiteral("UPDATE span_partitions SET retired = 1 WHERE name = ?"));
        q.bindValue(0, name);
        ok = q.exec();
        if (!ok)
            *error = what + QStringLiteral(": ") + sqlErrorText(q.lastError());
    }
    if (ok && exec(q, QStringLiteral("COMMIT"), error, what))
        return int(names.size());
    rollback(db);
    return -1;
}

SpanPartitions::Step SpanPartitions::purgeRetired(QSqlDatabase &db, int maxTraces)
{
    Step step;
    QSqlQuery q(db);
    const QString what = QStringLiteral("cannot delete the traces of a detached partition");
    auto fail = [&](const QString &error) {
        rollback(db);
        step.ok = false;
        step.error = error;
        step.traces = step.spans = 0;
        step.dropped = false;
        return step;
    };
    QString error;
    if (!exec(q, QStringLiteral("BEGIN"), &error, what))
        return fail(error);
    // The oldest detached partition that no other server's retention is working on (its row
    // locked): this writer does not wait for another's step, and a partition is never done twice.
    if (!exec(q,
            QStringLiteral(
                "SELECT name, cursor FROM span_partitions WHERE retired = 1 ORDER BY to_ns, name LIMIT 1"
                " FOR UPDATE SKIP LOCKED"),
            &error, what))
        return fail(error);
    if (!q.next()) {
        if (!exec(q, QStringLiteral("COMMIT"), &error, what))
            return fail(error);
        step.ok = step.done = true;
        return step;
    }
    const QString name = q.value(0).toString();
    const QByteArray cursor = q.value(1).toByteArray();
    q.finish();

    QList<QByteArray> ids;
    q.prepare(QStringLiteral("SELECT DISTINCT trace_id FROM %1%2 ORDER BY trace_id LIMIT ?")
                  .arg(name, cursor.isEmpty() ? QString() : QStringLiteral(" WHERE trace_id > ?")));
    int i = 0;
    if (!cursor.isEmpty())
        q.bindValue(i++, cursor);
    q.bindValue(i, maxTraces);
    if (!q.exec())
        return fail(what + QStringLiteral(": ") + sqlErrorText(q.lastError()));
    while (q.next())
        ids.append(q.value(0).toByteArray());
    q.finish();

    if (ids.isEmpty()) {
        if (!exec(q, QStringLiteral("DROP TABLE %1").arg(name), &error, what))
            return fail(error);
        q.prepare(QStringLiteral("DELETE FROM span_partitions WHERE name = ?"));
        q.bindValue(0, name);
        if (!q.exec())
            return fail(what + QStringLiteral(": ") + sqlErrorText(q.lastError()));
        step.dropped = true;
    } else {
        TraceDeleter deleter(db, Dialect::Postgres);
        TraceDeleter::Outcome out;
        if (!deleter.deleteWithin(ids, TraceDeleter::Rollups::Keep, name, out))
            return fail(out.error);
        step.traces = out.traces;
        step.spans = out.spans;
        q.prepare(QStringLiteral("UPDATE span_partitions SET cursor = ? WHERE name = ?"));
        q.bindValue(0, ids.constLast());
        q.bindValue(1, name);
        if (!q.exec())
            return fail(what + QStringLiteral(": ") + sqlErrorText(q.lastError()));
    }
    if (!exec(q, QStringLiteral("COMMIT"), &error, what))
        return fail(error);
    step.ok = true;
    return step;
}

QList<SpanPartition> SpanPartitions::list(QSqlDatabase &db, QString *error)
{
    QList<SpanPartition> out;
    QSqlQuery q(db);
    if (!exec(q, QStringLiteral("SELECT name, from_ns, to_ns, retired FROM span_partitions ORDER BY from_ns, name"),
            error, QStringLiteral("cannot read span_partitions")))
        return out;
    while (q.next())
        out.append({ q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toLongLong(), q.value(3).toInt() != 0 });
    return out;
}

} // namespace spanlight::storage
