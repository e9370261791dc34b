#include "store.h"
#include <QUrl>
#include <QFileInfo>

#include "core/logging.h"
#include "dialect.h"
#include "migrations.h"
#include "rowcodec.h"
#include "spanwriter.h"
#include "walcheckpointer.h"

#include <QMap>
#include <QMutex>
#include <QPromise>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QVariant>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>

namespace spanlight {

using namespace storage;

namespace {

// Group commit cap: one transaction takes every queued batch up to this many spans (a single
// larger batch still goes in whole).
const qint64 kMaxSpansPerTransaction = 50000;

std::atomic<quint64> g_nextStoreSerial { 1 };
std::atomic<quint64> g_nextThreadSerial { 1 };

quint64 threadSerial()
{
    // Unique for the life of the process, unlike thread ids or QThread addresses, which are reused.
    thread_local const quint64 serial = g_nextThreadSerial.fetch_add(1);
    return serial;
}

QFuture<WriteResult> finished(WriteResult::Status status, const QString &error, qint64 spans = 0)
{
    WriteResult r;
    r.status = status;
    r.error = error;
    r.spansWritten = spans;
    return QtFuture::makeReadyFuture(std::move(r));
}

const char *const kSummaryColumns
    = "t.trace_id, t.root_span_id, t.service_name, t.operation_name, t.root_attributes,"
      " t.has_root, t.start_ns, t.end_ns, t.span_count, t.error_count, t.status,"
      " t.error_message";

TraceSummary readSummary(const QSqlQuery &q)
{
    TraceSummary s;
    s.traceId = q.value(0).toByteArray();
    s.rootSpanId = q.value(1).toByteArray();
    s.serviceName = q.value(2).toString();
    s.operationName = q.value(3).toString();
    s.rootAttributes = attributesFromJson(q.value(4).toString());
    s.hasRoot = q.value(5).toInt() != 0;
    s.startNs = q.value(6).toLongLong();
    s.endNs = q.value(7).toLongLong();
    s.spanCount = q.value(8).toLongLong();
    s.errorCount = q.value(9).toLongLong();
    s.status = TraceStatus(q.value(10).toInt());
    s.errorMessage = q.value(11).toString();
    return s;
}

struct Pending
{
    QList<Span> spans;
    QPromise<WriteResult> promise;
};

} // namespace

struct Store::Private
{
    Store *q = nullptr;
    QString url;
    DatabaseTarget target;
    quint64 serial = g_nextStoreSerial.fetch_add(1);
    QString writerConnection;

    std::mutex mutex; // guards queue and closing
    std::condition_variable wake;
    std::deque<Pending> queue;
    bool closing = false;
    size_t capacity = 256;
    std::unique_ptr<QThread> writer;
    std::unique_ptr<WalCheckpointer> checkpointer; // SQLite only; owned by the writer thread

    mutable QMutex readerMutex;
    mutable QStringList readerConnections;

    void writerMain(std::promise<QString> &started);
    void commitGroup(SpanWriter &writer, std::vector<Pending> &group);
    bool writerAlive();

    QSqlDatabase readerDb(QString *error) const;
    void readFailed(QSqlDatabase &db, const QSqlQuery &query, const char *what) const;
};

void Store::Private::writerMain(std::promise<QString> &started)
{
    QString error;
    if (!openConnection(target, writerConnection, false, &error)) {
        started.set_value(error);
        return;
    }
    {
        QSqlDatabase db = QSqlDatabase::database(writerConnection, false);
        if (!runMigrations(db, target.dialect, &error)) {
            db.close();
        }
    }
    if (!error.isEmpty()) {
        QSqlDatabase::removeDatabase(writerConnection);
        started.set_value(error);
        return;
    }
    started.set_value(QString()); // `started` lives in open(), which returns now: not touched again

    if (target.dialect == Dialect::Sqlite) {
        checkpointer = WalCheckpointer::start(target.sqlitePath, &error);
        if (checkpointer)
            checkpointer->attach(QSqlDatabase::database(writerConnection, false));
        else // still correct: the writer checkpoints in its commits, as SQLite does by default
            qCWarning(lcStorage).noquote() << "no background WAL checkpoints:" << error;
    }
    SpanWriter spanWriter(writerConnection, target.dialect);
    for (;;) {
        std::vector<Pending> group;
        {
            std::unique_lock lock(mutex);
            wake.wait(lock, [this] { return closing || !queue.empty(); });
            if (queue.empty())
                break; // closing and drained
            qint64 spans = 0;
            while (!queue.empty()) {
                const qint64 next = queue.front().spans.size();
                if (!group.empty() && spans + next > kMaxSpansPerTransaction)
                    break;
                spans += next;
                group.push_back(std::move(queue.front()));
                queue.pop_front();
            }
        }
        commitGroup(spanWriter, group);
    }
    if (checkpointer) {
        checkpointer->detach(QSqlDatabase::database(writerConnection, false));
        checkpointer.reset();
    }
    QSqlDatabase::database(writerConnection, false).close();
    QSqlDatabase::removeDatabase(writerConnection);
}

void Store::Private::commitGroup(SpanWriter &spanWriter, std::vector<Pending> &group)
{
    QList<const QList<Span> *> batches;
    batches.reserve(qsizetype(group.size()));
    for (const Pending &p : group)
        batches.append(&p.spans);

    SpanWriter::Outcome outcome = spanWriter.write(batches);
    if (outcome.ok) {
        for (size_t i = 0; i < group.size(); ++i) {
            WriteResult r;
            r.status = WriteResult::Status::Committed;
            r.spansWritten = outcome.inserted.value(qsizetype(i));
            group[i].promise.addResult(std::move(r));
            group[i].promise.finish();
        }
        Q_EMIT q->committed(outcome.spans, outcome.traces);
        return;
    }

    qCWarning(lcStorage).noquote() << "write of" << group.size() << "batches failed:" << outcome.error;
    const bool alive = writerAlive();
    if (alive && group.size() > 1) {
        // One bad batch must not fail the requests it happened to share a transaction with.
        for (Pending &p : group) {
            std::vector<Pending> single;
            single.push_back(std::move(p));
            commitGroup(spanWriter, single);
        }
        return;
    }
    for (Pending &p : group) {
        WriteResult r;
        r.status = WriteResult::Status::Failed;
        r.error = outcome.error;
        p.promise.addResult(std::move(r));
        p.promise.finish();
    }
}

bool Store::Private::writerAlive()
{
    QSqlDatabase db = QSqlDatabase::database(writerConnection, false);
    if (QSqlQuery(db).exec(QStringLiteral("SELECT 1")))
        return true;
    // QPSQL does not reconnect by itself (e.g. after a server restart); try once per failure.
    if (checkpointer)
        checkpointer->detach(db);
    db.close();
    if (db.open() && QSqlQuery(db).exec(QStringLiteral("SELECT 1"))) {
        if (checkpointer)
            checkpointer->attach(db);
        return true;
    }
    qCWarning(lcStorage).noquote() << "database connection lost:" << sqlErrorText(db.lastError());
    return false;
}

QSqlDatabase Store::Private::readerDb(QString *error) const
{
    const QString name = QStringLiteral("spanlight.store%1.reader%2").arg(serial).arg(threadSerial());
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (!db.isOpen() && !db.open()) {
            if (error)
                *error = target.describe() + QStringLiteral(": ") + sqlErrorText(db.lastError());
        }
        return db;
    }
    QString problem;
    if (!openConnection(target, name, true, &problem)) {
        qCWarning(lcStorage).noquote() << problem;
        if (error)
            *error = problem;
        return {};
    }
    {
        QMutexLocker locker(&readerMutex);
        readerConnections.append(name);
    }
    return QSqlDatabase::database(name, false);
}

void Store::Private::readFailed(QSqlDatabase &db, const QSqlQuery &query, const char *what) const
{
    qCWarning(lcStorage).noquote() << what << "failed:" << sqlErrorText(query.lastError());
    // A broken PostgreSQL connection stays broken; closing it makes the next read reconnect.
    if (target.dialect == Dialect::Postgres && !QSqlQuery(db).exec(QStringLiteral("SELECT 1")))
        db.close();
}

Store::Store()
    : d(std::make_unique<Private>())
{
    d->q = this;
}

Store::~Store()
{
    close();
    QMutexLocker locker(&d->readerMutex);
    // Reader connections belong to their threads; removing them here closes them. Nothing may
    // read from a store that is being destroyed.
    for (const QString &name : std::as_const(d->readerConnections))
        QSqlDatabase::removeDatabase(name);
    d->readerConnections.clear();
}

std::unique_ptr<Store> Store::open(const QString &databaseUrl, QString *error, int queueCapacity)
{
    std::optional<DatabaseTarget> target = parseDatabaseUrl(databaseUrl, error);
    if (!target)
        return nullptr;
    std::unique_ptr<Store> store(new Store);
    Private *d = store->d.get();
    d->url = databaseUrl;
    d->target = *target;
    d->capacity = size_t(std::max(1, queueCapacity));
    d->writerConnection = QStringLiteral("spanlight.store%1.writer").arg(d->serial);

    std::promise<QString> started;
    std::future<QString> startedResult = started.get_future();
    d->writer.reset(QThread::create([d, &started] { d->writerMain(started); }));
    d->writer->setObjectName(QStringLiteral("spanlight-writer"));
    d->writer->start();
    const QString startError = startedResult.get();
    if (!startError.isEmpty()) {
        d->writer->wait();
        d->writer.reset();
        if (error)
            *error = startError;
        return nullptr;
    }
    return store;
}

QString Store::databaseUrl() const
{
    return d->url;
}

bool Store::isPostgres() const
{
    return d->target.dialect == Dialect::Postgres;
}

qsizetype Store::queuedBatches() const
{
    std::lock_guard lock(d->mutex);
    return qsizetype(d->queue.size());
}

qint64 Store::databaseSizeBytes() const
{
    if (!isPostgres()) {
        const QString path = QUrl(d->url).path();
        qint64 total = 0;
        for (const QString &file : {path, QString(path + QStringLiteral("-wal"))})
            if (QFileInfo info(file); info.exists())
                total += info.size();
        return total;
    }
    QString error;
    QSqlDatabase db = d->readerDb(&error);
    if (!db.isOpen())
        return -1;
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT pg_database_size(current_database())")) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

QFuture<WriteResult> Store::write(QList<Span> spans)
{
    std::unique_lock lock(d->mutex);
    if (d->closing)
        return finished(WriteResult::Status::Closed, QStringLiteral("the store is closed"));
    if (spans.isEmpty())
        return finished(WriteResult::Status::Committed, QString());
    if (d->queue.size() >= d->capacity)
        return finished(WriteResult::Status::QueueFull, QStringLiteral("the storage queue is full"));
    Pending pending { std::move(spans), QPromise<WriteResult>() };
    pending.promise.start();
    QFuture<WriteResult> future = pending.promise.future();
    d->queue.push_back(std::move(pending));
    lock.unlock();
    d->wake.notify_one();
    return future;
}

void Store::close()
{
    {
        std::lock_guard lock(d->mutex);
        d->closing = true;
    }
    d->wake.notify_all();
    // From a slot connected directly to committed() the writer cannot wait for itself; it
    // stops on its own once the queue is drained.
    if (d->writer && QThread::currentThread() != d->writer.get()) {
        d->writer->wait();
        d->writer.reset();
    }
}

TraceSearchResult Store::searchTraces(const TraceFilter &filter) const
{
    TraceSearchResult result;
    QSqlDatabase db = d->readerDb(nullptr);
    if (!db.isOpen())
        return result;

    QStringList where;
    QVariantList binds;
    const bool byServiceOnly = !filter.service.isEmpty() && filter.operation.isEmpty();
    const bool otherFilters = filter.startFromNs || filter.startToNs || filter.minDurationNs || filter.maxDurationNs;
    bool countFromTotals = false; // the service's trace count is the whole answer's size
    if (byServiceOnly) {
        // A service with a large share of the traces: walk the summaries newest first and check
        // each (a few index probes per row returned). A rare one: start from its traces, which
        // a walk would have to pass over almost the whole table to find.
        const QHash<QString, qint64> perService = tracesPerService();
        qint64 most = 0;
        for (const qint64 n : perService)
            most = std::max(most, n);
        const qint64 mine = perService.value(filter.service);
        countFromTotals = !otherFilters;
        if (most > 0 && mine * 20 >= most)
            where.append(QStringLiteral("EXISTS (SELECT 1 FROM trace_services s WHERE s.service_name = ?"
                                        " AND s.trace_id = t.trace_id)"));
        else
            where.append(QStringLiteral("t.trace_id IN (SELECT s.trace_id FROM trace_services s WHERE s.service_name = ?)"));
        binds.append(filter.service);
    } else if (!filter.service.isEmpty() || !filter.operation.isEmpty()) {
        QStringList sub;
        if (!filter.service.isEmpty()) {
            sub.append(QStringLiteral("o.service_name = ?"));
            binds.append(filter.service);
        }
        if (!filter.operation.isEmpty()) {
            sub.append(QStringLiteral("o.operation_name = ?"));
            binds.append(filter.operation);
        }
        where.append(QStringLiteral("t.trace_id IN (SELECT o.trace_id FROM trace_operations o WHERE ")
            + sub.join(QStringLiteral(" AND ")) + u')');
    }
    auto bound = [&](const std::optional<qint64> &value, const char *condition) {
        if (value) {
            where.append(QLatin1String(condition));
            binds.append(*value);
        }
    };
    bound(filter.startFromNs, "t.start_ns >= ?");
    bound(filter.startToNs, "t.start_ns <= ?");
    bound(filter.minDurationNs, "t.end_ns - t.start_ns >= ?");
    bound(filter.maxDurationNs, "t.end_ns - t.start_ns <= ?");
    const QString whereSql
        = where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));

    auto prepare = [&](QSqlQuery &q, const QString &sql) {
        q.setForwardOnly(true);
        if (!q.prepare(sql))
            return false;
        for (int i = 0; i < binds.size(); ++i)
            q.bindValue(i, binds.at(i));
        return true;
    };

    // Count and page from one snapshot, so the total matches the rows.
    QSqlQuery tx(db);
    const bool inTransaction = tx.exec(beginReadSql(d->target.dialect));
    if (countFromTotals) { // kept by the writer in the spans' transactions; read in this snapshot
        QSqlQuery count(db);
        count.setForwardOnly(true);
        count.prepare(QStringLiteral("SELECT trace_count FROM service_totals WHERE service_name = ?"));
        count.bindValue(0, filter.service);
        if (count.exec())
            result.totalCount = count.next() ? count.value(0).toLongLong() : 0;
        else
            d->readFailed(db, count, "service trace count");
    } else {
        QSqlQuery count(db);
        if (prepare(count, QStringLiteral("SELECT COUNT(*) FROM trace_summaries t") + whereSql)
            && count.exec() && count.next())
            result.totalCount = count.value(0).toLongLong();
        else
            d->readFailed(db, count, "trace count");
    }
    const int limit = std::max(0, filter.limit);
    if (limit > 0 && result.totalCount > 0) {
        QSqlQuery page(db);
        const QString sql = QStringLiteral("SELECT ") + QLatin1String(kSummaryColumns)
            + QStringLiteral(" FROM trace_summaries t") + whereSql
            + (filter.slowestFirst ? QStringLiteral(" ORDER BY t.end_ns - t.start_ns DESC, t.trace_id")
                                   : QStringLiteral(" ORDER BY t.start_ns DESC, t.trace_id"))
            + QStringLiteral(" LIMIT ? OFFSET ?");
        if (prepare(page, sql)) {
            page.bindValue(binds.size(), limit);
            page.bindValue(binds.size() + 1, std::max(0, filter.offset));
        }
        if (page.exec()) {
            while (page.next())
                result.traces.append(readSummary(page));
        } else {
            d->readFailed(db, page, "trace search");
        }
    }
    if (inTransaction)
        QSqlQuery(db).exec(QStringLiteral("COMMIT"));
    return result;
}

std::optional<TraceSummary> Store::traceSummary(const QByteArray &traceId) const
{
    QSqlDatabase db = d->readerDb(nullptr);
    if (!db.isOpen())
        return std::nullopt;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + QLatin1String(kSummaryColumns)
        + QStringLiteral(" FROM trace_summaries t WHERE t.trace_id = ?"));
    q.bindValue(0, traceId);
    if (!q.exec()) {
        d->readFailed(db, q, "trace summary");
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    return readSummary(q);
}

QList<Span> Store::traceSpans(const QByteArray &traceId) const
{
    QList<Span> spans;
    QSqlDatabase db = d->readerDb(nullptr);
    if (!db.isOpen())
        return spans;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + spanColumns()
        + QStringLiteral(" FROM spans WHERE trace_id = ? ORDER BY start_ns, span_id"));
    q.bindValue(0, traceId);
    if (!q.exec()) {
        d->readFailed(db, q, "trace spans");
        return spans;
    }
    while (q.next())
        spans.append(readSpan(q));
    return spans;
}

StoreStats Store::stats() const
{
    StoreStats stats;
    QSqlDatabase db = d->readerDb(nullptr);
    if (!db.isOpen())
        return stats;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    // Summaries count each stored span exactly once, and are far fewer rows than spans.
    if (q.exec(QStringLiteral("SELECT COUNT(*), COALESCE(SUM(span_count), 0) FROM trace_summaries"))
        && q.next()) {
        stats.traces = q.value(0).toLongLong();
        stats.spans = q.value(1).toLongLong();
    } else {
        d->readFailed(db, q, "stats");
    }
    return stats;
}

qint64 Store::tracesEndingAfter(qint64 unixNanos) const
{
    QSqlDatabase db = d->readerDb(nullptr);
    if (!db.isOpen())
        return 0;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM trace_summaries WHERE end_ns > ?"));
    q.bindValue(0, unixNanos);
    if (q.exec() && q.next())
        return q.value(0).toLongLong();
    d->readFailed(db, q, "traces ending after");
    return 0;
}

bool Store::ping(QString *error) const
{
    QString problem;
    QSqlDatabase db = d->readerDb(&problem);
    if (db.isOpen()) {
        QSqlQuery q(db);
        if (q.exec(QStringLiteral("SELECT 1")) && q.next() && q.value(0).toInt() == 1)
            return true;
        problem = d->target.describe() + QStringLiteral(": ") + sqlErrorText(q.lastError());
        d->readFailed(db, q, "ping");
    }
    if (error)
        *error = problem.isEmpty() ? d->target.describe() + QStringLiteral(" is not reachable") : problem;
    return false;
}

std::optional<Span> Store::span(const QByteArray &traceId, const QByteArray &spanId) const
{
    QSqlDatabase db = d->readerDb(nullptr);
    if (!db.isOpen())
        return std::nullopt;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + spanColumns()
        + QStringLiteral(" FROM spans WHERE trace_id = ? AND span_id = ?"));
    q.bindValue(0, traceId);
    q.bindValue(1, spanId);
    if (!q.exec()) {
        d->readFailed(db, q, "span");
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    return readSpan(q);
}

namespace {

// WHERE and GROUP BY of a rollup read; numbers are written inline (they are ours, not text).
struct RollupSql
{
    QStringList select;
    QStringList where;
    QVariantList binds;
    int groups = 0;
    bool everyServiceInWindow = false;

    RollupSql(const RollupQuery &q, bool withKind)
    {
        if (q.byService)
            select.append(QStringLiteral("service_name"));
        if (q.byOperation)
            select.append(QStringLiteral("operation_name"));
        if (withKind && q.byKind)
            select.append(QStringLiteral("kind"));
        if (q.slotNs > 0)
            select.append(QStringLiteral("(minute_ns - %1) / %2").arg(q.fromNs.value_or(0)).arg(q.slotNs));
        groups = int(select.size());
        if (!q.service.isEmpty()) {
            where.append(QStringLiteral("service_name = ?"));
            binds.append(q.service);
        }
        if (!q.operation.isEmpty()) {
            where.append(QStringLiteral("operation_name = ?"));
            binds.append(q.operation);
        }
        if (q.fromNs)
            where.append(QStringLiteral("minute_ns >= %1").arg(*q.fromNs));
        if (q.toNs)
            where.append(QStringLiteral("minute_ns < %1").arg(*q.toNs));
        if (q.entryOnly)
            where.append(QStringLiteral("is_entry = 1"));
        everyServiceInWindow = q.service.isEmpty() && (q.fromNs || q.toNs);
    }
    QString sql(const QString &aggregates, const char *table, const QString &extraGroup = {}) const
    {
        QStringList cols = select;
        QStringList groupBy;
        for (int i = 1; i <= groups; ++i)
            groupBy.append(QString::number(i));
        if (!extraGroup.isEmpty()) {
            cols.append(extraGroup);
            groupBy.append(QString::number(groups + 1));
        }
        cols.append(aggregates);
        QString text = QStringLiteral("SELECT ") + cols.join(QStringLiteral(", ")) + QStringLiteral(" FROM ")
            + QLatin1String(table);
        QStringList conditions = where;
        if (everyServiceInWindow) {
            // A window over every service: without this, SQLite reads the window through the
            // minute_ns index and looks up every row in the primary key (a WITHOUT ROWID table);
            // reading each service's (service_name, minute_ns) range of the key instead took a
            // 7-day trend's buckets from 0.74 s to 0.27 s at 1M spans (bench_queries). The
            // services come from a loose scan of the key: one seek per service.
            const QString t = QLatin1String(table);
            conditions.prepend(
                QStringLiteral("service_name IN (WITH RECURSIVE svc(name) AS (SELECT MIN(service_name) FROM ")
                + t + QStringLiteral(" UNION ALL SELECT (SELECT MIN(service_name) FROM ") + t
                + QStringLiteral(" WHERE service_name > svc.name) FROM svc WHERE svc.name IS NOT NULL)"
                                 " SELECT name FROM svc WHERE name IS NOT NULL)"));
        }
        if (!conditions.isEmpty())
            text += QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
        if (!groupBy.isEmpty())
            text += QStringLiteral(" GROUP BY ") + groupBy.join(QStringLiteral(", "));
        return text;
    }
    bool exec(QSqlQuery &query, const QString &text) const
    {
        query.setForwardOnly(true);
        if (!query.prepare(text))
            return false;
        for (int i = 0; i < binds.size(); ++i)
            query.bindValue(i, binds.at(i));
        return query.exec();
    }
};

const char *const kErrorColumns
    = "e.trace_id, e.span_id, e.time_ns, e.service_name, e.operation_name, e.kind, e.is_root, e.error_type,"
      " e.error_message, e.stack_trace, e.fingerprint, s.attributes";

ErrorRecord readError(const QSqlQuery &q)
{
    ErrorRecord e;
    e.traceId = q.value(0).toByteArray();
    e.spanId = q.value(1).toByteArray();
    e.timeNs = q.value(2).toLongLong();
    e.service = q.value(3).toString();
    e.operation = q.value(4).toString();
    e.kind = SpanKind(q.value(5).toInt());
    e.isRoot = q.value(6).toInt() != 0;
    e.type = q.value(7).toString();
    e.message = q.value(8).toString();
    e.stackTrace = q.value(9).toString();
    e.fingerprint = q.value(10).toString();
    e.attributes = attributesFromJson(q.value(11).toString());
    return e;
}

void errorWhere(const ErrorFilter &f, QStringList &where, QVariantList &binds)
{
    if (!f.service.isEmpty()) {
        where.append(QStringLiteral("e.service_name = ?"));
        binds.append(f.service);
    }
    if (!f.type.isEmpty()) {
        where.append(QStringLiteral("e.error_type = ?"));
        binds.append(f.type);
    }
    if (f.fromNs) {
        where.append(QStringLiteral("e.time_ns >= ?"));
        binds.append(*f.fromNs);
    }
    if (f.toNs) {
        where.append(QStringLiteral("e.time_ns <= ?"));
        binds.append(*f.toNs);
    }
    if (f.fingerprints) {
        QStringList marks;
        for (const QString &fp : *f.fingerprints) {
            marks.append(QStringLiteral("?"));
            binds.append(fp);
        }
        where.append(marks.isEmpty() ? QStringLiteral("1 = 0")
                                     : QStringLiteral("e.fingerprint IN (") + marks.join(u',') + u')');
    }
}

QString whereClause(const QStringList &where)
{
    return where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
}

} // namespace

QList<RollupRow> Store::rollups(const RollupQuery &query) const
{
    QList<RollupRow> rows;
    QSqlDatabase db = d->readerDb(nullptr);
    if (!db.isOpen())
        return rows;
    const RollupSql sql(query, true);
    QSqlQuery q(db);
    if (!sql.exec(q,
            sql.sql(QStringLiteral(
                        "SUM(span_count), SUM(error_count), SUM(duration_sum_ns), MAX(duration_max_ns),"
                        " MAX(last_start_ns)"),
                "span_rollups"))) {
        d->readFailed(db, q, "rollups");
        return rows;
    }
    while (q.next()) {
        RollupRow r;
        int c = 0;
        if (query.byService)
            r.service = q.value(c++).toString();
        if (query.byOperation)
            r.operation = q.value(c++).toString();
        if (query.byKind)
            r.kind = SpanKind(q.value(c++).toInt());
        if (query.slotNs > 0)
            r.slot = q.value(c++).toLongLong();
        r.spans = q.value(c++).toLongLong();
        r.errors = q.value(c++).toLongLong();
        r.durationSumNs = q.value(c++).toLongLong();
        r.durationMaxNs = q.value(c++).toLongLong();
        r.lastStartNs = q.value(c++).toLongLong();
        if (r.spans > 0) // an aggregate without GROUP BY answers one row even when nothing matched
            rows.append(r);
    }
    return rows;
}

QList<HistogramRow> Store::latencyHistograms(const RollupQuery &query) const
{
    QList<HistogramRow> rows;
    QSqlDatabase db = d->readerDb(nullptr);
    if (!db.isOpen())
        return rows;
    const RollupSql sql(query, false);
    QSqlQuery q(db);
    if (!sql.exec(
            q, sql.sql(QStringLiteral("SUM(bucket_count)"), "rollup_buckets", QStringLiteral("bucket")))) {
        d->readFailed(db, q, "latency buckets");
        return rows;
    }
    // Rows come grouped by key but not necessarily sorted: collect per key.
    QMap<std::tuple<QString, QString, qint64>, qsizetype> index;
    while (q.next()) {
        int c = 0;
        const QString service = query.byService ? q.value(c++).toString() : QString();
        const QString operation = query.byOperation ? q.value(c++).toString() : QString();
        const qint64 slot = query.slotNs > 0 ? q.value(c++).toLongLong() : 0;
        const int bucket = q.value(c++).toInt();
        const qint64 count = q.value(c++).toLongLong();
        const auto key = std::make_tuple(service, operation, slot);
        auto it = index.constFind(key);
        if (it == index.constEnd()) {
            it = index.insert(key, rows.size());
            rows.append(HistogramRow { service, operation, slot, {} });
        }
        rows[*it].histogram.addToBucket(bucket, count);
    }
    return rows;
}

QList<DependencyRow> Store::dependencies(std::optional<qint64> fromNs, std::optional<qint64> toNs) const
{
    QList<DependencyRow> rows;
    QSqlDatabase db = d->readerDb(nullptr);
    if (!db.isOpen())
        return rows;
    QStringList where;
    if (fromNs)
        where.append(QStringLiteral("minute_ns >= ?"));
    if (toNs)
        where.append(QStringLiteral("minute_ns < ?"));
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT source_service, target, target_type, SUM(call_count), SUM(error_count),"
                             " SUM(duration_sum_ns) FROM dependency_rollups")
        + (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND ")))
        + QStringLiteral(" GROUP BY source_service, target, target_type"
                         " ORDER BY source_service, target, target_type"));
    int i = 0;
    if (fromNs)
        q.bindValue(i++, *fromNs);
    if (toNs)
        q.bindValue(i++, *toNs);
    if (!q.exec()) {
        d->readFailed(db, q, "dependencies");
        return rows;
    }
    while (q.next()) {
        DependencyRow r { q.value(0).toString(), q.value(1).toString(), q.value(2).toInt() == 1,
            q.value(3).toLongLong(), q.value(4).toLongLong(), q.value(5).toLongLong() };
        if (r.calls > 0) // every call taken back (a CLIENT span whose child came later)
            rows.append(r);
    }
    return rows;
}

bool Store::hasService(const QString &service) const
{
    QSqlDatabase db = d->readerDb(nullptr);
    if (!db.isOpen())
        return false;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT 1 FROM span_rollups WHERE service_name = ? LIMIT 1"));
    q.bindValue(0, service);
    if (!q.exec()) {
        d->readFailed(db, q, "service lookup");
        return false;
    }
    return q.next();
}

QHash<QString, qint64> Store::tracesPerService() const
{
    QHash<QString, qint64> counts;
    QSqlDatabase db = d->readerDb(nullptr);
    if (!db.isOpen())
        return counts;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT service_name, trace_count FROM service_totals"))) {
        d->readFailed(db, q, "traces per service");
        return counts;
    }
    while (q.next())
        counts.insert(q.value(0).toString(), q.value(1).toLongLong());
    return counts;
}

QList<ErrorGroup> Store::errorGroups(const ErrorFilter &filter) const
{
    QList<ErrorGroup> groups;
    QSqlDatabase db = d->readerDb(nullptr);
    if (!db.isOpen())
        return groups;
    QStringList where;
    QVariantList binds;
    errorWhere(filter, where, binds);
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT e.fingerprint, e.service_name, e.error_type, e.is_root, e.kind, COUNT(*),"
                       " MAX(e.time_ns) FROM errors e")
        + whereClause(where) + QStringLiteral(" GROUP BY 1, 2, 3, 4, 5"));
    for (int i = 0; i < binds.size(); ++i)
        q.bindValue(i, binds.at(i));
    if (!q.exec()) {
        d->readFailed(db, q, "error groups");
        return groups;
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
        groups.append(g);
    }
    return groups;
}

QList<ErrorRecord> Store::errors(const ErrorFilter &filter, int limit, int offset) const
{
    QList<ErrorRecord> rows;
    QSqlDatabase db = d->readerDb(nullptr);
    if (!db.isOpen() || limit <= 0)
        return rows;
    QStringList where;
    QVariantList binds;
    errorWhere(filter, where, binds);
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + QLatin1String(kErrorColumns)
        + QStringLiteral(
            " FROM errors e LEFT JOIN spans s ON s.trace_id = e.trace_id AND s.span_id = e.span_id")
        + whereClause(where)
        + QStringLiteral(" ORDER BY e.time_ns DESC, e.trace_id, e.span_id LIMIT %1 OFFSET %2")
              .arg(limit)
              .arg(std::max(0, offset)));
    for (int i = 0; i < binds.size(); ++i)
        q.bindValue(i, binds.at(i));
    if (!q.exec()) {
        d->readFailed(db, q, "errors");
        return rows;
    }
    while (q.next())
        rows.append(readError(q));
    return rows;
}

std::optional<ErrorRecord> Store::error(const QByteArray &traceId, const QByteArray &spanId) const
{
    QSqlDatabase db = d->readerDb(nullptr);
    if (!db.isOpen())
        return std::nullopt;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    // errors has no key on the ids: the span's start (through the spans index) leads to errors_time.
    q.prepare(QStringLiteral("SELECT ") + QLatin1String(kErrorColumns)
        + QStringLiteral(" FROM spans s JOIN errors e ON e.time_ns = s.start_ns AND e.trace_id = s.trace_id"
                         " AND e.span_id = s.span_id WHERE s.trace_id = ? AND s.span_id = ?"));
    q.bindValue(0, traceId);
    q.bindValue(1, spanId);
    if (!q.exec()) {
        d->readFailed(db, q, "error");
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    return readError(q);
}

} // namespace spanlight
