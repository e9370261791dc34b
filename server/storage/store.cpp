#include "store.h"
#include <QUrl>
#include <QDateTime>
#include <QFileInfo>

#include "core/logging.h"
#include "alerttables.h"
#include "dialect.h"
#include "migrations.h"
#include "rowcodec.h"
#include "spanpartitions.h"
#include "spanwriter.h"
#include "tracedeleter.h"
#include "walcheckpointer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QMap>
#include <QMutex>
#include <QPromise>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QVariant>

#include <atomic>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <limits>
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

// A write for the writer thread: spans, or (when `task` is set) other work on the writer's
// connection, run alone between span groups (a deletion chunk).
struct Pending
{
    QList<Span> spans;
    QPromise<WriteResult> promise;
    std::function<void(QSqlDatabase &)> task;
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
    // This thread's own connection of one kind ("reader": read-only; "audit": writable).
    QSqlDatabase threadDb(const char *kind, bool readOnly, QString *error) const;
    void readFailed(QSqlDatabase &db, const QSqlQuery &query, const char *what) const;
    // Runs `task` with the writer's connection on the writer thread, between span writes, and
    // waits for it. False (not run) once the store is closing.
    bool onWriter(const std::function<void(QSqlDatabase &)> &task);
    // `change` in one write transaction on the writer thread (setTraceNote, deleteTraceNote).
    NoteChange noteChange(QString *error, const std::function<NoteChange(QSqlQuery &)> &change);
    // The same without waiting: the task's completion, or nothing once the store is closing.
    std::optional<std::future<void>> submitToWriter(std::function<void(QSqlDatabase &)> task);
    // Up to `count` tasks on the writer, two queued at a time: while one runs, the next waits
    // behind the span writes that arrive meanwhile, so the work keeps its turn without holding the
    // writer for longer than a task (one at a time, each waited for the whole ingest backlog).
    // `task(i)` makes the i-th; `finish(i)` is called in order once it ran, and false from it
    // queues no more (those queued already run and finish). `closed()` is called, before the
    // queued ones finish, when the store closes first.
    void twoQueued(int count, const std::function<std::function<void(QSqlDatabase &)>(int)> &task,
        const std::function<bool(int)> &finish, const std::function<void()> &closed);
    DeleteResult deleteTraces(const QList<QByteArray> &traceIds, bool subtractRollups);
    // The alert tables on this thread's own writable connection ("alerts").
    storage::AlertTables alertTables(QString *error) const;
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
        std::function<void(QSqlDatabase &)> task;
        {
            std::unique_lock lock(mutex);
            wake.wait(lock, [this] { return closing || !queue.empty(); });
            if (queue.empty())
                break; // closing and drained
            if (queue.front().task) {
                task = std::move(queue.front().task);
                queue.pop_front();
            }
            qint64 spans = 0;
            while (!task && !queue.empty() && !queue.front().task) {
                const qint64 next = queue.front().spans.size();
                if (!group.empty() && spans + next > kMaxSpansPerTransaction)
                    break;
                spans += next;
                group.push_back(std::move(queue.front()));
                queue.pop_front();
            }
        }
        if (task) {
            QSqlDatabase db = QSqlDatabase::database(writerConnection, false);
            task(db);
        } else {
            commitGroup(spanWriter, group);
        }
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
    return threadDb("reader", true, error);
}

QSqlDatabase Store::Private::threadDb(const char *kind, bool readOnly, QString *error) const
{
    const QString name
        = QStringLiteral("spanlight.store%1.%2%3").arg(serial).arg(QLatin1String(kind)).arg(threadSerial());
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (!db.isOpen() && !db.open()) {
            if (error)
                *error = target.describe() + QStringLiteral(": ") + sqlErrorText(db.lastError());
        }
        return db;
    }
    QString problem;
    if (!openConnection(target, name, readOnly, &problem)) {
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
    Pending pending { std::move(spans), QPromise<WriteResult>(), {} };
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

namespace {

// An attribute value as a filter spells it (a tag "retry=3", DELETE's "user.id:42") matches a
// stored string equal to it, or the number or boolean it spells, if it spells one: this.
std::optional<QJsonValue> spelledScalar(const QString &value)
{
    bool isNumber = false;
    const double number = value.toDouble(&isNumber);
    if (isNumber && std::isfinite(number))
        return number;
    if (value == u"true" || value == u"false")
        return value == u"true";
    return std::nullopt;
}

// `"key":value` as compact JSON writes a member of an attribute map (attributesToJson()).
QString jsonMember(const QString &key, const QJsonValue &value)
{
    const QByteArray object = QJsonDocument(QJsonObject { { key, value } }).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(object.mid(1, object.size() - 2)); // without { and }
}

// What finds `key` with `value` in a compact JSON object's text, case-sensitively: the member
// as a string, and as the number or boolean the text spells (followed by the next member or the
// object's end, so 50 does not find 500).
QStringList attributeNeedles(const QString &key, const QString &value)
{
    QStringList out { jsonMember(key, value) };
    if (const std::optional<QJsonValue> other = spelledScalar(value)) {
        out.append(jsonMember(key, *other) + u',');
        out.append(jsonMember(key, *other) + u'}');
    }
    return out;
}

// The attribute map's (JSON text) value of `key` matches `value` as attributeNeedles() finds it.
bool attributeMatches(const QString &json, const QString &key, const QString &value)
{
    if (json.isEmpty())
        return false;
    const QJsonValue v = attributesFromJson(json).value(key);
    if (v.isString())
        return v.toString() == value;
    const std::optional<QJsonValue> spelled = spelledScalar(value);
    if (!spelled)
        return false;
    if (v.isDouble())
        return spelled->isDouble() && spelled->toDouble() == v.toDouble();
    return v.isBool() && spelled->isBool() && spelled->toBool() == v.toBool();
}

// ORDER BY of a trace search: the sort key, then newest first and the id, so pages are stable.
QString traceOrderSql(TraceSort sort, bool descending)
{
    const char *key = "t.start_ns";
    switch (sort) {
    case TraceSort::StartTime:
        break;
    case TraceSort::Duration:
        key = "t.end_ns - t.start_ns";
        break;
    case TraceSort::SpanCount:
        key = "t.span_count";
        break;
    case TraceSort::ErrorCount:
        key = "t.error_count";
        break;
    }
    QString out = QStringLiteral(" ORDER BY ") + QLatin1String(key) + QLatin1String(descending ? " DESC" : " ASC");
    if (sort != TraceSort::StartTime)
        out += QStringLiteral(", t.start_ns DESC");
    return out + QStringLiteral(", t.trace_id");
}

QString likeEscaped(const QString &text)
{
    QString out;
    for (QChar c : text) {
        if (c == u'%' || c == u'_' || c == u'\\')
            out += u'\\';
        out += c;
    }
    return out;
}

} // namespace

TraceSearchResult Store::searchTraces(const TraceFilter &filter) const
{
    TraceSearchResult result;
    QSqlDatabase db = d->readerDb(nullptr);
    if (!db.isOpen())
        return result;

    QStringList where;
    QVariantList binds;
    const bool byServiceOnly = !filter.service.isEmpty() && filter.operation.isEmpty();
    bool byCandidates = false; // the matches are looked up by id: through trace_summaries_times
    const bool otherFilters = filter.startFromNs || filter.startToNs || filter.minDurationNs
        || filter.maxDurationNs || filter.status || !filter.rootAttributes.isEmpty() || filter.minSpans
        || filter.maxSpans || filter.minErrors || filter.maxErrors || filter.hasNote;
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
        else {
            where.append(QStringLiteral("t.trace_id IN (SELECT s.trace_id FROM trace_services s WHERE s.service_name = ?)"));
            byCandidates = true;
        }
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
        byCandidates = true;
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
    bound(filter.minSpans, "t.span_count >= ?");
    bound(filter.maxSpans, "t.span_count <= ?");
    bound(filter.minErrors, "t.error_count >= ?");
    bound(filter.maxErrors, "t.error_count <= ?");
    if (filter.hasNote) // a probe of trace_notes' primary key per summary
        where.append(QLatin1String(*filter.hasNote ? "" : "NOT ")
            + QStringLiteral("EXISTS (SELECT 1 FROM trace_notes n WHERE n.trace_id = t.trace_id)"));
    if (filter.status) { // trace_summaries.status: 0 success, 1 error, 2 timeout
        where.append(*filter.status == TraceStatus::Error ? QStringLiteral("t.status >= ?")
                                                          : QStringLiteral("t.status = ?"));
        binds.append(int(*filter.status));
    }
    // instr()/strpos(): substrings, case-sensitive in both dialects (SQLite's LIKE is not).
    const QString contains = d->target.dialect == Dialect::Sqlite
        ? QStringLiteral("instr(t.root_attributes, ?) > 0")
        : QStringLiteral("strpos(t.root_attributes, ?) > 0");
    for (const auto &[key, value] : filter.rootAttributes) {
        QStringList any;
        for (const QString &needle : attributeNeedles(key, value)) {
            any.append(contains);
            binds.append(needle);
        }
        where.append(u'(' + any.join(QStringLiteral(" OR ")) + u')');
    }
    const QString whereSql
        = where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    // The candidates' times from the covering index alone (PostgreSQL's planner finds it itself).
    const QString matches = QStringLiteral(" FROM trace_summaries t")
        + (byCandidates && d->target.dialect == Dialect::Sqlite ? QStringLiteral(" INDEXED BY trace_summaries_times")
                                                                : QString())
        + whereSql;
    const QString order = traceOrderSql(filter.sort, filter.descending);

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
    const int limit = std::max(0, filter.limit);
    const int offset = std::max(0, filter.offset);
    bool counted = false;
    if (countFromTotals) { // kept by the writer in the spans' transactions; read in this snapshot
        QSqlQuery count(db);
        count.setForwardOnly(true);
        count.prepare(QStringLiteral("SELECT trace_count FROM service_totals WHERE service_name = ?"));
        count.bindValue(0, filter.service);
        if (count.exec())
            result.totalCount = count.next() ? count.value(0).toLongLong() : 0;
        else
            d->readFailed(db, count, "service trace count");
        counted = true;
    }
    auto readPage = [&](QSqlQuery &page) {
        if (!page.exec()) {
            d->readFailed(db, page, "trace search");
            return;
        }
        while (page.next())
            result.traces.append(readSummary(page));
    };
    if (byCandidates && limit > 0) {
        // One pass over the candidates' index entries gives the page's ids and the count (the
        // window function sees every match before LIMIT); only the page's rows are read whole.
        QSqlQuery ids(db);
        QList<QByteArray> pageIds;
        if (prepare(ids, QStringLiteral("SELECT t.trace_id, COUNT(*) OVER ()") + matches + order
                    + QStringLiteral(" LIMIT ? OFFSET ?"))) {
            ids.bindValue(binds.size(), limit);
            ids.bindValue(binds.size() + 1, offset);
        }
        if (ids.exec()) {
            while (ids.next()) {
                pageIds.append(ids.value(0).toByteArray());
                result.totalCount = ids.value(1).toLongLong();
                counted = true;
            }
        } else {
            d->readFailed(db, ids, "trace search");
        }
        if (!pageIds.isEmpty()) {
            QSqlQuery page(db);
            page.setForwardOnly(true);
            QStringList marks(pageIds.size(), QStringLiteral("?"));
            if (page.prepare(QStringLiteral("SELECT ") + QLatin1String(kSummaryColumns)
                    + QStringLiteral(" FROM trace_summaries t WHERE t.trace_id IN (") + marks.join(u',') + u')'
                    + order)) {
                for (qsizetype i = 0; i < pageIds.size(); ++i)
                    page.bindValue(int(i), pageIds.at(i));
            }
            readPage(page);
        }
    }
    if (!counted) { // also a page past the last match
        QSqlQuery count(db);
        if (prepare(count, QStringLiteral("SELECT COUNT(*)") + matches) && count.exec() && count.next())
            result.totalCount = count.value(0).toLongLong();
        else
            d->readFailed(db, count, "trace count");
    }
    if (!byCandidates && limit > 0 && result.totalCount > 0) {
        QSqlQuery page(db);
        if (prepare(page, QStringLiteral("SELECT ") + QLatin1String(kSummaryColumns) + matches + order
                + QStringLiteral(" LIMIT ? OFFSET ?"))) {
            page.bindValue(binds.size(), limit);
            page.bindValue(binds.size() + 1, offset);
        }
        readPage(page);
    }
    if (!result.traces.isEmpty()) { // the page's notes, in the same snapshot
        QHash<QByteArray, qsizetype> rowOf;
        for (qsizetype i = 0; i < result.traces.size(); ++i)
            rowOf.insert(result.traces.at(i).traceId, i);
        QSqlQuery notes(db);
        notes.setForwardOnly(true);
        const QStringList marks(result.traces.size(), QStringLiteral("?"));
        notes.prepare(QStringLiteral("SELECT trace_id, note_text FROM trace_notes WHERE trace_id IN (")
            + marks.join(u',') + u')');
        for (qsizetype i = 0; i < result.traces.size(); ++i)
            notes.bindValue(int(i), result.traces.at(i).traceId);
        if (notes.exec()) {
            while (notes.next())
                result.traces[rowOf.value(notes.value(0).toByteArray())].note = notes.value(1).toString();
        } else {
            d->readFailed(db, notes, "trace notes");
        }
    }
    if (inTransaction)
        QSqlQuery(db).exec(QStringLiteral("COMMIT"));
    return result;
}

std::optional<TraceNote> Store::traceNote(const QByteArray &traceId) const
{
    QSqlDatabase db = d->readerDb(nullptr);
    if (!db.isOpen())
        return std::nullopt;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT note_text, author, created_ns, updated_ns FROM trace_notes WHERE trace_id = ?"));
    q.bindValue(0, traceId);
    if (!q.exec()) {
        d->readFailed(db, q, "trace note");
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    return TraceNote { traceId, q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong(),
        q.value(3).toLongLong() };
}

NoteChange Store::setTraceNote(
    const QByteArray &traceId, const QString &text, const QString &author, QString *error) const
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch() * 1000000;
    return d->noteChange(error, [&](QSqlQuery &q) {
        q.prepare(QStringLiteral("SELECT 1 FROM trace_summaries WHERE trace_id = ?"));
        q.bindValue(0, traceId);
        if (!q.exec())
            return NoteChange::Failed;
        if (!q.next())
            return NoteChange::NoTrace;
        q.finish();
        // The trace's summary row is read in this write transaction: a deletion cannot slip in
        // between (SQLite has one writer; on PostgreSQL the deletion's own delete of the note
        // follows the summary's and waits for this row).
        q.prepare(QStringLiteral("INSERT INTO trace_notes (trace_id, note_text, author, created_ns, updated_ns)"
                                 " VALUES (?, ?, ?, ?, ?) ON CONFLICT (trace_id) DO UPDATE SET"
                                 " note_text = excluded.note_text, author = excluded.author,"
                                 " updated_ns = excluded.updated_ns"));
        q.bindValue(0, traceId);
        q.bindValue(1, nonNull(text));
        q.bindValue(2, nonNull(author));
        q.bindValue(3, now);
        q.bindValue(4, now);
        return q.exec() ? NoteChange::Done : NoteChange::Failed;
    });
}

NoteChange Store::deleteTraceNote(const QByteArray &traceId, QString *error) const
{
    return d->noteChange(error, [&](QSqlQuery &q) {
        q.prepare(QStringLiteral("DELETE FROM trace_notes WHERE trace_id = ?"));
        q.bindValue(0, traceId);
        if (!q.exec())
            return NoteChange::Failed;
        return q.numRowsAffected() > 0 ? NoteChange::Done : NoteChange::NoNote;
    });
}

NoteChange Store::Private::noteChange(QString *error, const std::function<NoteChange(QSqlQuery &)> &change)
{
    NoteChange outcome = NoteChange::Failed;
    QString failure;
    const bool ran = onWriter([&](QSqlDatabase &db) {
        QSqlQuery q(db);
        if (!q.exec(beginWriteSql(target.dialect))) {
            failure = sqlErrorText(q.lastError());
            return;
        }
        outcome = change(q);
        if (outcome == NoteChange::Failed)
            failure = sqlErrorText(q.lastError());
        else if (!q.exec(QStringLiteral("COMMIT"))) {
            failure = sqlErrorText(q.lastError());
            outcome = NoteChange::Failed;
        }
        if (outcome == NoteChange::Failed)
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
    });
    if (!ran)
        failure = QStringLiteral("the store is closed");
    if (outcome == NoteChange::Failed && error)
        *error = QStringLiteral("trace note: ") + failure;
    return outcome;
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

QList<Span> Store::traceSkeleton(const QByteArray &traceId) const
{
    QList<Span> spans;
    QSqlDatabase db = d->readerDb(nullptr);
    if (!db.isOpen())
        return spans;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT span_id, parent_span_id, name, service_name, start_ns, end_ns, status_code"
                             " FROM spans WHERE trace_id = ? ORDER BY start_ns, span_id"));
    q.bindValue(0, traceId);
    if (!q.exec()) {
        d->readFailed(db, q, "trace skeleton");
        return spans;
    }
    while (q.next()) {
        Span s;
        s.traceId = traceId;
        s.spanId = q.value(0).toByteArray();
        s.parentSpanId = q.value(1).toByteArray();
        s.name = q.value(2).toString();
        s.serviceName = q.value(3).toString();
        s.startTimeUnixNano = q.value(4).toLongLong();
        s.endTimeUnixNano = q.value(5).toLongLong();
        s.statusCode = StatusCode(q.value(6).toInt());
        spans.append(std::move(s));
    }
    return spans;
}

QList<Span> Store::traceSpansByIds(const QByteArray &traceId, const QList<QByteArray> &spanIds) const
{
    QList<Span> spans;
    QSqlDatabase db = d->readerDb(nullptr);
    if (!db.isOpen() || spanIds.isEmpty())
        return spans;
    spans.reserve(spanIds.size());
    // Chunks keep each statement under SQLite's bound-parameter limit; every lookup is one probe
    // of the (trace_id, span_id) index.
    constexpr qsizetype kChunk = 500;
    for (qsizetype from = 0; from < spanIds.size(); from += kChunk) {
        const qsizetype n = std::min(kChunk, spanIds.size() - from);
        QString sql = QStringLiteral("SELECT ") + spanColumns()
            + QStringLiteral(" FROM spans WHERE trace_id = ? AND span_id IN (?");
        for (qsizetype i = 1; i < n; ++i)
            sql += QStringLiteral(", ?");
        sql += u')';
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(sql);
        q.bindValue(0, traceId);
        for (qsizetype i = 0; i < n; ++i)
            q.bindValue(int(i + 1), spanIds[from + i]);
        if (!q.exec()) {
            d->readFailed(db, q, "trace spans by id");
            return {};
        }
        while (q.next())
            spans.append(readSpan(q));
    }
    return spans;
}

std::optional<std::future<void>> Store::Private::submitToWriter(std::function<void(QSqlDatabase &)> task)
{
    // Queued behind the span writes waiting now and run alone: ingest waits for one task at most,
    // and nothing polls for SQLite's write lock (a second writing connection made commits wait
    // 0.4 s at 20k spans/s in bench_retention).
    auto done = std::make_shared<std::promise<void>>();
    std::future<void> finished = done->get_future();
    Pending pending;
    pending.task = [task = std::move(task), done](QSqlDatabase &db) {
        task(db);
        done->set_value();
    };
    {
        std::lock_guard lock(mutex);
        if (closing)
            return std::nullopt;
        queue.push_back(std::move(pending));
    }
    wake.notify_one();
    return finished;
}

bool Store::Private::onWriter(const std::function<void(QSqlDatabase &)> &task)
{
    std::optional<std::future<void>> done = submitToWriter(task);
    if (!done)
        return false;
    done->get();
    return true;
}

void Store::Private::twoQueued(int count, const std::function<std::function<void(QSqlDatabase &)>(int)> &task,
    const std::function<bool(int)> &finish, const std::function<void()> &closed)
{
    std::deque<std::pair<int, std::future<void>>> inFlight;
    bool more = true;
    const auto finishFront = [&] {
        inFlight.front().second.get();
        more = finish(inFlight.front().first) && more;
        inFlight.pop_front();
    };
    for (int i = 0; i < count && more; ++i) {
        std::optional<std::future<void>> done = submitToWriter(task(i));
        if (!done) {
            closed();
            break;
        }
        inFlight.emplace_back(i, std::move(*done));
        if (inFlight.size() >= 2)
            finishFront();
    }
    while (!inFlight.empty()) // queued already: they run, finish them
        finishFront();
}

DeleteResult Store::Private::deleteTraces(const QList<QByteArray> &traceIds, bool subtractRollups)
{
    // Two chunks in the queue at a time (twoQueued()): one at a time, 5-7k spans/s were deleted
    // beside 20k spans/s of ingest in bench_retention.
    struct Chunk
    {
        QList<QByteArray> ids;
        TraceDeleter::Outcome outcome;
    };
    const auto task = [this, subtractRollups](Chunk &c) {
        return [this, subtractRollups, &c](QSqlDatabase &db) {
            TraceDeleter deleter(db, target.dialect);
            c.outcome = deleter.deleteTraces(
                c.ids, subtractRollups ? TraceDeleter::Rollups::Subtract : TraceDeleter::Rollups::Keep);
            if (!c.outcome.ok)
                writerAlive(); // reconnects a lost PostgreSQL connection for the next write
        };
    };
    DeleteResult result;
    bool failed = false;
    std::vector<Chunk> chunks(size_t((traceIds.size() + kDeleteChunk - 1) / kDeleteChunk));
    // A deadlock with another server's writer on one PostgreSQL fails one side, so that chunk is
    // tried again (twice at most).
    const auto finish = [&](int i) {
        Chunk &c = chunks[size_t(i)];
        for (int attempt = 1; !c.outcome.ok && attempt < 3
             && c.outcome.error.contains(QLatin1String("deadlock"), Qt::CaseInsensitive);
             ++attempt) {
            if (!onWriter(task(c)))
                break;
        }
        if (!c.outcome.ok) {
            if (!failed)
                result.error = c.outcome.error;
            failed = true;
            qCWarning(lcStorage).noquote() << "deleting traces failed:" << c.outcome.error;
            return false;
        }
        result.traces += c.outcome.traces;
        result.spans += c.outcome.spans;
        return !failed;
    };
    twoQueued(
        int(chunks.size()),
        [&](int i) {
            chunks[size_t(i)].ids = traceIds.mid(qsizetype(i) * kDeleteChunk, kDeleteChunk);
            return std::function<void(QSqlDatabase &)>(task(chunks[size_t(i)]));
        },
        finish,
        [&] {
            result.error = QStringLiteral("the store is closed");
            failed = true;
        });
    result.ok = !failed;
    return result;
}

DeleteResult Store::deleteTraces(const QList<QByteArray> &traceIds) const
{
    return d->deleteTraces(traceIds, true);
}

DeleteResult Store::purgeTraces(const QList<QByteArray> &traceIds) const
{
    return d->deleteTraces(traceIds, false);
}

std::optional<qint64> Store::dropRollupsBefore(qint64 hourNs, QString *error) const
{
    qint64 upTo = hourNs;
    bool ok = false;
    QString problem = QStringLiteral("the store is closed");
    d->onWriter([&](QSqlDatabase &db) {
        TraceDeleter deleter(db, d->target.dialect);
        ok = deleter.dropRollupsBefore(hourNs, &upTo, &problem);
    });
    if (!ok) {
        if (error)
            *error = problem;
        return std::nullopt;
    }
    return upTo;
}

bool Store::partitionsSpans() const
{
    return d->target.dialect == storage::Dialect::Postgres;
}

QList<SpanPartitionInfo> Store::spanPartitions(QString *error) const
{
    QList<SpanPartitionInfo> out;
    QString problem;
    QSqlDatabase db = d->readerDb(&problem);
    if (db.isOpen()) {
        for (const SpanPartition &p : SpanPartitions::list(db, &problem))
            out.append({ p.name, p.fromNs, p.toNs, p.retired });
    }
    if (error)
        *error = problem;
    return out;
}

std::optional<int> Store::detachSpanPartitionsBefore(qint64 beforeNs, QString *error) const
{
    if (!partitionsSpans())
        return 0;
    int detached = -1;
    QString problem = QStringLiteral("the store is closed");
    d->onWriter([&](QSqlDatabase &db) {
        detached = SpanPartitions::retireBefore(db, beforeNs, &problem);
        if (detached < 0)
            d->writerAlive();
    });
    if (detached < 0) {
        if (error)
            *error = problem;
        return std::nullopt;
    }
    return detached;
}

PartitionStep Store::purgeDetachedPartitions(int maxTraces, int maxSteps) const
{
    PartitionStep out;
    if (!partitionsSpans()) {
        out.ok = out.done = true;
        return out;
    }
    // Two steps queued at a time, like deleteTraces(). A step reads the cursor the one before it
    // committed, so they never overlap.
    std::vector<SpanPartitions::Step> steps(size_t(std::max(1, maxSteps)));
    out.ok = true;
    d->twoQueued(
        int(steps.size()),
        [&](int i) {
            return std::function<void(QSqlDatabase &)>([this, maxTraces, &step = steps[size_t(i)]](QSqlDatabase &db) {
                step = SpanPartitions::purgeRetired(db, std::max(1, maxTraces));
                if (!step.ok)
                    d->writerAlive();
            });
        },
        [&](int i) {
            const SpanPartitions::Step &step = steps[size_t(i)];
            if (!step.ok) {
                if (out.ok)
                    out.error = step.error;
                out.ok = false;
                return false;
            }
            out.traces += step.traces;
            out.spans += step.spans;
            out.dropped += step.dropped ? 1 : 0;
            out.done = out.done || step.done;
            return !out.done && out.ok;
        },
        [&] {
            if (out.ok)
                out.error = QStringLiteral("the store is closed");
            out.ok = false;
        });
    return out;
}

QList<TraceAge> Store::oldestTraces(std::optional<qint64> beforeNs, int limit) const
{
    QList<TraceAge> out;
    QSqlDatabase db = d->readerDb(nullptr);
    if (!db.isOpen() || limit <= 0)
        return out;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT trace_id, start_ns, span_count FROM trace_summaries")
        + (beforeNs ? QStringLiteral(" WHERE start_ns < ?") : QString())
        + QStringLiteral(" ORDER BY start_ns LIMIT ?"));
    int i = 0;
    if (beforeNs)
        q.bindValue(i++, *beforeNs);
    q.bindValue(i, limit);
    if (!q.exec()) {
        d->readFailed(db, q, "oldest traces");
        return out;
    }
    while (q.next())
        out.append({ q.value(0).toByteArray(), q.value(1).toLongLong(), q.value(2).toLongLong() });
    return out;
}

std::optional<QList<QByteArray>> Store::tracesWithAttribute(
    const QString &key, const QString &value, QString *error) const
{
    QSqlDatabase db = d->readerDb(error);
    if (!db.isOpen())
        return std::nullopt;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT MIN(id), MAX(id) FROM spans")) || !q.next()) {
        if (error)
            *error = sqlErrorText(q.lastError());
        d->readFailed(db, q, "span id range");
        return std::nullopt;
    }
    const qint64 firstId = q.value(0).toLongLong(); // retention deletes from the low end
    const qint64 lastId = q.value(1).toLongLong();
    // A cheap LIKE on the JSON text first; the parsed map decides. In slices of ids, each its own
    // short read, so that a scan of millions of spans does not hold one snapshot (and the WAL) open.
    const QString keyPrefix = jsonMember(key, 0).chopped(1); // "key": without the 0
    const QString pattern = u'%' + likeEscaped(keyPrefix) + u'%';
    q.prepare(QStringLiteral("SELECT trace_id, attributes, resource_attributes FROM spans WHERE id > ? AND id <= ?"
                             " AND (attributes LIKE ? ESCAPE '\\' OR resource_attributes LIKE ? ESCAPE '\\')"));
    constexpr qint64 kSlice = 50000;
    QSet<QByteArray> seen;
    QList<QByteArray> out;
    for (qint64 from = firstId - 1; from < lastId; from += kSlice) {
        q.bindValue(0, from);
        q.bindValue(1, from + kSlice);
        q.bindValue(2, pattern);
        q.bindValue(3, pattern);
        if (!q.exec()) {
            if (error)
                *error = sqlErrorText(q.lastError());
            d->readFailed(db, q, "attribute search");
            return std::nullopt;
        }
        while (q.next()) {
            const QByteArray trace = q.value(0).toByteArray();
            if (seen.contains(trace))
                continue;
            if (attributeMatches(q.value(1).toString(), key, value)
                || attributeMatches(q.value(2).toString(), key, value)) {
                seen.insert(trace);
                out.append(trace);
            }
        }
    }
    return out;
}

qint64 Store::usedBytes() const
{
    if (isPostgres())
        return -1;
    QSqlDatabase db = d->readerDb(nullptr);
    if (!db.isOpen())
        return -1;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    qint64 values[3] = {};
    const char *pragmas[3] = { "PRAGMA page_count", "PRAGMA freelist_count", "PRAGMA page_size" };
    for (int i = 0; i < 3; ++i) {
        if (!q.exec(QLatin1String(pragmas[i])) || !q.next())
            return -1;
        values[i] = q.value(0).toLongLong();
        q.finish();
    }
    return (values[0] - values[1]) * values[2];
}

qint64 Store::deleteAuditBefore(qint64 beforeNs) const
{
    qint64 deleted = -1;
    d->onWriter([&](QSqlDatabase &db) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("DELETE FROM audit WHERE time_ns < ?")); // through audit_time
        q.bindValue(0, beforeNs);
        if (q.exec())
            deleted = q.numRowsAffected();
        else
            qCWarning(lcStorage).noquote() << "audit retention failed:" << sqlErrorText(q.lastError());
    });
    return deleted;
}

StoreStats Store::stats() const
{
    StoreStats stats;
    QSqlDatabase db = d->readerDb(nullptr);
    if (!db.isOpen())
        return stats;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    // Kept by the writer in the spans' transactions: a sum over the summaries grows with them
    // (~0.2 s at 10M spans).
    if (q.exec(QStringLiteral("SELECT trace_count, span_count FROM store_totals WHERE id = 1"))) {
        if (q.next()) {
            stats.traces = q.value(0).toLongLong();
            stats.spans = q.value(1).toLongLong();
        }
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
    // A range of trace_summaries_end: the recent end of it.
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

const qint64 kMinuteNs = qint64(60) * 1000000000;
const qint64 kHourNs = 60 * kMinuteNs;

// Rows of a minute or an hour table with [from, to) on its time column; nullopt: unbounded.
struct TimeRange
{
    std::optional<qint64> from;
    std::optional<qint64> to;
};

// A read window split into what the hourly tables can answer (whole hours) and what only the
// finer tables can (the minutes, or the error rows, before the first and after the last whole
// hour). Every finer row is also summed into its hour's row, so the parts hold each one exactly once.
struct WindowParts
{
    QList<TimeRange> fine;
    QList<TimeRange> hours;
    qsizetype count() const { return fine.size() + hours.size(); }
};

// At most this many slot boundaries that do not fall on an hour are worked around (each costs a
// read of its hour's minutes and splits the hours into one more read); beyond it, minutes only.
const int kMaxUnalignedSlotCuts = 4;

// The bounds are computed in 128 bits, so that windows near the ends of int64 (or open ones,
// ±kUnbounded) need no overflow cases.
using Wide = __int128;
const Wide kUnbounded = Wide(1) << 100;

Wide floorTo(Wide x, qint64 step)
{
    if (x <= -kUnbounded || x >= kUnbounded)
        return x;
    Wide r = x % step;
    if (r < 0)
        r += step;
    return x - r;
}

Wide ceilTo(Wide x, qint64 step)
{
    const Wide f = floorTo(x, step);
    return f == x ? x : f + step;
}

// A query's minutes are those with fromNs <= minute < toNs; with slotNs > 0, minute m is in slot
// (m - fromNs) / slotNs. An hour row can stand for its 60 minutes only when all of them are in the
// window and in one slot. `unitNs` is the finer table's step: a minute for the minute tables, 1 for
// rows keyed by their own time (errors), whose "minutes" are then every nanosecond.
WindowParts splitWindow(
    std::optional<qint64> fromNs, std::optional<qint64> toNs, qint64 slotNs, qint64 unitNs = kMinuteNs)
{
    WindowParts parts;
    // The first unit in the window and the first one after it.
    const Wide lo = fromNs ? ceilTo(*fromNs, unitNs) : -kUnbounded;
    const Wide hi = toNs ? ceilTo(*toNs, unitNs) : kUnbounded;
    if (lo >= hi)
        return parts;
    auto add = [](QList<TimeRange> &to, Wide a, Wide b) {
        if (a >= b || a > std::numeric_limits<qint64>::max() || b <= std::numeric_limits<qint64>::min())
            return;
        TimeRange r;
        if (a > std::numeric_limits<qint64>::min())
            r.from = qint64(a);
        if (b <= std::numeric_limits<qint64>::max())
            r.to = qint64(b);
        if (!to.isEmpty() && to.constLast().to && r.from && *to.constLast().to == *r.from)
            to.last().to = r.to; // adjacent: one read
        else
            to.append(r);
    };

    // The window's minutes in runs that lie in one slot each: the whole window unless slot
    // boundaries fall inside hours.
    QList<Wide> cuts; // the first minute of each slot after the first, inside (lo, hi)
    bool hoursUsable = true;
    if (slotNs > 0) {
        if (!fromNs)
            hoursUsable = false; // slots counted from 0 (integer division truncates below it)
        else if (slotNs % kHourNs == 0 && floorTo(*fromNs, kHourNs) == *fromNs)
            ; // every boundary is on an hour
        else if (slotNs < kHourNs || !toNs)
            hoursUsable = false;
        else {
            for (Wide b = Wide(*fromNs) + slotNs; hoursUsable; b += slotNs) {
                const Wide first = ceilTo(b, unitNs);
                if (first >= hi)
                    break;
                cuts.append(first);
                hoursUsable = cuts.size() <= kMaxUnalignedSlotCuts;
            }
        }
    }
    if (!hoursUsable) {
        add(parts.fine, lo, hi);
        return parts;
    }
    cuts.prepend(lo);
    cuts.append(hi);
    for (qsizetype i = 0; i + 1 < cuts.size(); ++i) {
        const Wide a = cuts[i];
        const Wide b = cuts[i + 1];
        const Wide firstHour = ceilTo(a, kHourNs);
        const Wide endHour = floorTo(b, kHourNs);
        if (firstHour >= endHour) {
            add(parts.fine, a, b);
            continue;
        }
        add(parts.fine, a, firstHour);
        add(parts.hours, firstHour, endHour);
        add(parts.fine, endHour, b);
    }
    return parts;
}

// WHERE and GROUP BY of a rollup read over one time range of one table; numbers are written
// inline (they are ours, not text).
struct RollupSql
{
    const RollupQuery &q;
    bool withKind;
    int groups = 0;
    QVariantList binds;

    RollupSql(const RollupQuery &query, bool kind)
        : q(query)
        , withKind(kind)
    {
        groups = (q.byService ? 1 : 0) + (q.byOperation ? 1 : 0) + (withKind && q.byKind ? 1 : 0)
            + (q.slotNs > 0 ? 1 : 0);
        if (!q.service.isEmpty())
            binds.append(q.service);
        if (!q.operation.isEmpty())
            binds.append(q.operation);
    }
    QString sql(const QString &aggregates, const char *table, const char *timeColumn, const TimeRange &range,
        const QString &extraGroup = {}) const
    {
        const QString time = QLatin1String(timeColumn);
        QStringList cols;
        if (q.byService)
            cols.append(QStringLiteral("service_name"));
        if (q.byOperation)
            cols.append(QStringLiteral("operation_name"));
        if (withKind && q.byKind)
            cols.append(QStringLiteral("kind"));
        if (q.slotNs > 0) // within a range of hours, every minute of an hour is in the hour's slot
            cols.append(QStringLiteral("(%1 - %2) / %3").arg(time).arg(q.fromNs.value_or(0)).arg(q.slotNs));
        QStringList groupBy;
        for (int i = 1; i <= groups; ++i)
            groupBy.append(QString::number(i));
        if (!extraGroup.isEmpty()) {
            cols.append(extraGroup);
            groupBy.append(QString::number(groups + 1));
        }
        cols.append(aggregates);
        const QString t = QLatin1String(table);
        QString text = QStringLiteral("SELECT ") + cols.join(QStringLiteral(", ")) + QStringLiteral(" FROM ") + t;
        QStringList conditions;
        if (q.service.isEmpty() && (range.from || range.to)) {
            // A window over every service: without this, SQLite reads the window through the
            // minute_ns index and looks up every row in the primary key (a WITHOUT ROWID table);
            // reading each service's (service_name, minute_ns) range of the key instead took a
            // 7-day trend's buckets from 0.74 s to 0.27 s at 1M spans (bench_queries). The
            // services come from a loose scan of the key: one seek per service. The hourly
            // tables have no time index at all.
            conditions.append(
                QStringLiteral("service_name IN (WITH RECURSIVE svc(name) AS (SELECT MIN(service_name) FROM ")
                + t + QStringLiteral(" UNION ALL SELECT (SELECT MIN(service_name) FROM ") + t
                + QStringLiteral(" WHERE service_name > svc.name) FROM svc WHERE svc.name IS NOT NULL)"
                                 " SELECT name FROM svc WHERE name IS NOT NULL)"));
        }
        if (!q.service.isEmpty())
            conditions.append(QStringLiteral("service_name = ?"));
        if (!q.operation.isEmpty())
            conditions.append(QStringLiteral("operation_name = ?"));
        if (range.from)
            conditions.append(QStringLiteral("%1 >= %2").arg(time).arg(*range.from));
        if (range.to)
            conditions.append(QStringLiteral("%1 < %2").arg(time).arg(*range.to));
        if (q.entryOnly)
            conditions.append(QStringLiteral("is_entry = 1"));
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

// Every service's requests, not broken down by service, operation or kind: the one query that
// request_rollups(_hourly) answer, with one row per minute or hour (a trend over every service).
bool readsRequestsOfAll(const RollupQuery &q)
{
    return q.service.isEmpty() && q.operation.isEmpty() && q.entryOnly && !q.byService && !q.byOperation
        && !q.byKind;
}

// A read of request_rollups(_hourly) over one time range: `columns` per row, or summed per slot
// when `aggregate`; the slot (when the query has slots) comes first.
QString requestRollupSql(
    const RollupQuery &q, const QString &columns, bool aggregate, const char *table, const TimeRange &range)
{
    const bool hourly = qstrcmp(table, "request_rollups_hourly") == 0;
    const QString time = hourly ? QStringLiteral("hour_ns") : QStringLiteral("minute_ns");
    QString text = QStringLiteral("SELECT ");
    if (q.slotNs > 0)
        text += QStringLiteral("(%1 - %2) / %3, ").arg(time).arg(q.fromNs.value_or(0)).arg(q.slotNs);
    text += columns + QStringLiteral(" FROM ") + QLatin1String(table);
    QStringList conditions;
    if (range.from)
        conditions.append(QStringLiteral("%1 >= %2").arg(time).arg(*range.from));
    if (range.to)
        conditions.append(QStringLiteral("%1 < %2").arg(time).arg(*range.to));
    if (!conditions.isEmpty())
        text += QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    if (aggregate && q.slotNs > 0)
        text += QStringLiteral(" GROUP BY 1");
    return text;
}

// The reads of a split window see one snapshot, as a single statement would: a commit between
// the hourly and the minute reads would otherwise be counted in one part only.
class ReadSnapshot
{
public:
    ReadSnapshot(QSqlDatabase &db, Dialect dialect, bool needed)
        : m_db(db)
    {
        m_open = needed && QSqlQuery(db).exec(beginReadSql(dialect));
    }
    ~ReadSnapshot()
    {
        if (m_open && m_db.isOpen())
            QSqlQuery(m_db).exec(QStringLiteral("COMMIT"));
    }
    ReadSnapshot(const ReadSnapshot &) = delete;
    ReadSnapshot &operator=(const ReadSnapshot &) = delete;

private:
    QSqlDatabase &m_db;
    bool m_open = false;
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

bool Store::appendAudit(const QList<AuditEntry> &entries, QString *error) const
{
    QSqlDatabase db = d->threadDb("audit", false, error);
    if (!db.isOpen())
        return false;
    auto failed = [&](const QSqlQuery &q) {
        *error = QStringLiteral("audit log: ") + sqlErrorText(q.lastError());
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        return false;
    };
    QSqlQuery q(db);
    if (!q.exec(beginWriteSql(d->target.dialect)))
        return failed(q);
    q.prepare(QStringLiteral("INSERT INTO audit (time_ns, last_ns, actor, role, action, outcome, remote, event_count)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const AuditEntry &e : entries) {
        q.bindValue(0, e.timeNs);
        q.bindValue(1, e.lastNs);
        q.bindValue(2, nonNull(e.actor)); // a null QString would bind NULL
        q.bindValue(3, nonNull(e.role));
        q.bindValue(4, nonNull(e.action));
        q.bindValue(5, nonNull(e.outcome));
        q.bindValue(6, nonNull(e.remote));
        q.bindValue(7, e.count);
        if (!q.exec())
            return failed(q);
    }
    if (!q.exec(QStringLiteral("COMMIT")))
        return failed(q);
    return true;
}

QList<AuditEntry> Store::auditEntries(std::optional<qint64> fromNs, std::optional<qint64> toNs, int limit) const
{
    QList<AuditEntry> out;
    QSqlDatabase db = d->readerDb(nullptr);
    if (!db.isOpen() || limit <= 0)
        return out;
    QStringList where;
    if (fromNs)
        where.append(QStringLiteral("last_ns >= ?"));
    if (toNs)
        where.append(QStringLiteral("time_ns <= ?"));
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT time_ns, last_ns, actor, role, action, outcome, remote, event_count FROM audit")
        + whereClause(where) + QStringLiteral(" ORDER BY time_ns DESC, id DESC LIMIT ?"));
    int i = 0;
    if (fromNs)
        q.bindValue(i++, *fromNs);
    if (toNs)
        q.bindValue(i++, *toNs);
    q.bindValue(i, limit);
    if (!q.exec()) {
        d->readFailed(db, q, "audit log");
        return out;
    }
    while (q.next())
        out.append({ q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toString(),
            q.value(4).toString(), q.value(5).toString(), q.value(6).toString(), q.value(7).toLongLong() });
    return out;
}

storage::AlertTables Store::Private::alertTables(QString *error) const
{
    return AlertTables(threadDb("alerts", false, error), target.dialect);
}

std::optional<QList<AlertRule>> Store::alertRules(QString *error) const
{
    return d->alertTables(error).rules(std::nullopt, error);
}

std::optional<AlertRule> Store::alertRule(qint64 id, QString *error) const
{
    const std::optional<QList<AlertRule>> rules = d->alertTables(error).rules(id, error);
    if (!rules || rules->isEmpty())
        return std::nullopt;
    return rules->constFirst();
}

std::optional<qint64> Store::addAlertRule(const AlertRule &rule, QString *error) const
{
    return d->alertTables(error).insertRule(rule, error);
}

std::optional<bool> Store::updateAlertRule(const AlertRule &rule, QString *error) const
{
    return d->alertTables(error).updateRule(rule, error);
}

std::optional<bool> Store::deleteAlertRule(qint64 id, QString *error) const
{
    return d->alertTables(error).deleteRule(id, error);
}

bool Store::claimAlertRule(qint64 id, qint64 nowNs, qint64 staleBeforeNs, QString *error) const
{
    return d->alertTables(error).claim(id, nowNs, staleBeforeNs, error);
}

bool Store::setAlertPending(qint64 id, std::optional<qint64> sinceNs, QString *error) const
{
    return d->alertTables(error).setPending(id, sinceNs, error);
}

std::optional<qint64> Store::fireAlert(qint64 ruleId, qint64 startedNs, double observed, QString *error) const
{
    return d->alertTables(error).fire(ruleId, startedNs, observed, error);
}

bool Store::resolveAlert(qint64 eventId, qint64 resolvedNs, std::optional<double> value, QString *error) const
{
    return d->alertTables(error).resolve(eventId, resolvedNs, value, error);
}

bool Store::addAlertDelivery(qint64 eventId, const AlertDelivery &delivery, QString *error) const
{
    return d->alertTables(error).addDelivery(eventId, delivery, error);
}

std::optional<QList<AlertEvent>> Store::alertEvents(const AlertEventFilter &filter, QString *error) const
{
    return d->alertTables(error).events(filter, error);
}

qint64 Store::firingAlerts() const
{
    return d->alertTables(nullptr).firingCount(nullptr);
}

QList<RollupRow> Store::rollups(const RollupQuery &query) const
{
    QSqlDatabase db = d->readerDb(nullptr);
    if (!db.isOpen())
        return {};
    const WindowParts parts = splitWindow(query.fromNs, query.toNs, query.slotNs);
    const RollupSql sql(query, true);
    const QString aggregates = QStringLiteral(
        "SUM(span_count), SUM(error_count), SUM(duration_sum_ns), MAX(duration_max_ns), MAX(last_start_ns)");
    // Whole hours and edge minutes are summed here, per group, as the database sums minutes.
    QMap<std::tuple<QString, QString, int, qint64>, RollupRow> sums;
    ReadSnapshot snapshot(db, d->target.dialect, parts.count() > 1);
    auto read = [&](const char *table, const char *timeColumn, const TimeRange &range) {
        QSqlQuery q(db);
        const QString text = readsRequestsOfAll(query) ? requestRollupSql(query, aggregates, true, table, range)
                                                        : sql.sql(aggregates, table, timeColumn, range);
        if (!sql.exec(q, text)) {
            d->readFailed(db, q, "rollups");
            return false;
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
            if (r.spans <= 0) // an aggregate without GROUP BY answers one row even when nothing matched
                continue;
            const auto key = std::make_tuple(r.service, r.operation, int(r.kind), r.slot);
            auto it = sums.find(key);
            if (it == sums.end()) {
                sums.insert(key, r);
                continue;
            }
            it->spans += r.spans;
            it->errors += r.errors;
            it->durationSumNs += r.durationSumNs;
            it->durationMaxNs = std::max(it->durationMaxNs, r.durationMaxNs);
            it->lastStartNs = std::max(it->lastStartNs, r.lastStartNs);
        }
        return true;
    };
    const bool requests = readsRequestsOfAll(query);
    for (const TimeRange &range : parts.hours)
        if (!read(requests ? "request_rollups_hourly" : "span_rollups_hourly", "hour_ns", range))
            return {};
    for (const TimeRange &range : parts.fine)
        if (!read(requests ? "request_rollups" : "span_rollups", "minute_ns", range))
            return {};
    return sums.values();
}

QList<HistogramRow> Store::latencyHistograms(const RollupQuery &query) const
{
    QSqlDatabase db = d->readerDb(nullptr);
    if (!db.isOpen())
        return {};
    const WindowParts parts = splitWindow(query.fromNs, query.toNs, query.slotNs);
    const RollupSql sql(query, false);
    QMap<std::tuple<QString, QString, qint64>, HistogramRow> sums;
    ReadSnapshot snapshot(db, d->target.dialect, parts.count() > 1);
    auto read = [&](const char *table, const char *timeColumn, const TimeRange &range) {
        QSqlQuery q(db);
        if (!sql.exec(q,
                sql.sql(QStringLiteral("SUM(bucket_count)"), table, timeColumn, range, QStringLiteral("bucket")))) {
            d->readFailed(db, q, "latency buckets");
            return false;
        }
        while (q.next()) {
            int c = 0;
            const QString service = query.byService ? q.value(c++).toString() : QString();
            const QString operation = query.byOperation ? q.value(c++).toString() : QString();
            const qint64 slot = query.slotNs > 0 ? q.value(c++).toLongLong() : 0;
            const int bucket = q.value(c++).toInt();
            const qint64 count = q.value(c++).toLongLong();
            const auto key = std::make_tuple(service, operation, slot);
            auto it = sums.find(key);
            if (it == sums.end())
                it = sums.insert(key, HistogramRow { service, operation, slot, {} });
            it->histogram.addToBucket(bucket, count);
        }
        return true;
    };
    if (readsRequestsOfAll(query)) {
        // One histogram text per minute or hour, merged here per slot.
        auto readRequests = [&](const char *table, const TimeRange &range) {
            QSqlQuery q(db);
            if (!sql.exec(q, requestRollupSql(query, QStringLiteral("histogram"), false, table, range))) {
                d->readFailed(db, q, "request latency buckets");
                return false;
            }
            while (q.next()) {
                const qint64 slot = query.slotNs > 0 ? q.value(0).toLongLong() : 0;
                const auto key = std::make_tuple(QString(), QString(), slot);
                auto it = sums.find(key);
                if (it == sums.end())
                    it = sums.insert(key, HistogramRow { {}, {}, slot, {} });
                it->histogram.mergeSerialized(q.value(query.slotNs > 0 ? 1 : 0).toByteArray());
            }
            return true;
        };
        for (const TimeRange &range : parts.hours)
            if (!readRequests("request_rollups_hourly", range))
                return {};
        for (const TimeRange &range : parts.fine)
            if (!readRequests("request_rollups", range))
                return {};
        sums.removeIf([](const auto &it) { return it.value().histogram.isEmpty(); });
        return sums.values();
    }
    for (const TimeRange &range : parts.hours)
        if (!read("rollup_buckets_hourly", "hour_ns", range))
            return {};
    for (const TimeRange &range : parts.fine)
        if (!read("rollup_buckets", "minute_ns", range))
            return {};
    return sums.values();
}

QList<DependencyRow> Store::dependencies(std::optional<qint64> fromNs, std::optional<qint64> toNs) const
{
    QSqlDatabase db = d->readerDb(nullptr);
    if (!db.isOpen())
        return {};
    const WindowParts parts = splitWindow(fromNs, toNs, 0);
    QMap<std::tuple<QString, QString, int>, DependencyRow> sums; // ordered by source, target, type
    ReadSnapshot snapshot(db, d->target.dialect, parts.count() > 1);
    auto read = [&](const char *table, const char *timeColumn, const TimeRange &range) {
        const QString time = QLatin1String(timeColumn);
        QStringList where;
        if (range.from)
            where.append(time + QStringLiteral(" >= ?"));
        if (range.to)
            where.append(time + QStringLiteral(" < ?"));
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT source_service, target, target_type, SUM(call_count), SUM(error_count),"
                                 " SUM(duration_sum_ns) FROM ")
            + QLatin1String(table)
            + (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND ")))
            + QStringLiteral(" GROUP BY source_service, target, target_type"));
        int i = 0;
        if (range.from)
            q.bindValue(i++, *range.from);
        if (range.to)
            q.bindValue(i++, *range.to);
        if (!q.exec()) {
            d->readFailed(db, q, "dependencies");
            return false;
        }
        while (q.next()) {
            const int type = q.value(2).toInt();
            DependencyRow &r = sums[std::make_tuple(q.value(0).toString(), q.value(1).toString(), type)];
            r.source = q.value(0).toString();
            r.target = q.value(1).toString();
            r.external = type == 1;
            r.calls += q.value(3).toLongLong();
            r.errors += q.value(4).toLongLong();
            r.durationSumNs += q.value(5).toLongLong();
        }
        return true;
    };
    for (const TimeRange &range : parts.hours)
        if (!read("dependency_rollups_hourly", "hour_ns", range))
            return {};
    for (const TimeRange &range : parts.fine)
        if (!read("dependency_rollups", "minute_ns", range))
            return {};
    QList<DependencyRow> rows;
    for (const DependencyRow &r : std::as_const(sums))
        if (r.calls > 0) // every call taken back (a CLIENT span whose child came later)
            rows.append(r);
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
    QSqlDatabase db = d->readerDb(nullptr);
    if (!db.isOpen())
        return {};
    // The filter's bounds are inclusive, the parts' ends exclusive; errors are keyed by their own
    // time, so the finer unit is one nanosecond.
    std::optional<qint64> endNs;
    if (filter.toNs && *filter.toNs < std::numeric_limits<qint64>::max())
        endNs = *filter.toNs + 1;
    const WindowParts parts = splitWindow(filter.fromNs, endNs, 0, 1);
    ErrorFilter others = filter; // service, type and fingerprints; the time is per part
    others.fromNs.reset();
    others.toNs.reset();
    QMap<std::tuple<QString, QString, QString, int, int>, ErrorGroup> sums;
    ReadSnapshot snapshot(db, d->target.dialect, parts.count() > 1);
    auto read = [&](const char *table, const char *timeColumn, const char *aggregates,
                    const TimeRange &range) {
        QStringList where;
        QVariantList binds;
        errorWhere(others, where, binds);
        const QString time = QStringLiteral("e.") + QLatin1String(timeColumn);
        if (range.from) {
            where.append(time + QStringLiteral(" >= ?"));
            binds.append(*range.from);
        }
        if (range.to) {
            where.append(time + QStringLiteral(" < ?"));
            binds.append(*range.to);
        }
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT e.fingerprint, e.service_name, e.error_type, e.is_root, e.kind, ")
            + QLatin1String(aggregates) + QStringLiteral(" FROM ") + QLatin1String(table)
            + QStringLiteral(" e") + whereClause(where) + QStringLiteral(" GROUP BY 1, 2, 3, 4, 5"));
        for (int i = 0; i < binds.size(); ++i)
            q.bindValue(i, binds.at(i));
        if (!q.exec()) {
            d->readFailed(db, q, "error groups");
            return false;
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
            const auto key = std::make_tuple(g.fingerprint, g.service, g.type, int(g.isRoot), int(g.kind));
            auto it = sums.find(key);
            if (it == sums.end()) {
                sums.insert(key, g);
                continue;
            }
            it->count += g.count;
            it->lastNs = std::max(it->lastNs, g.lastNs);
        }
        return true;
    };
    for (const TimeRange &range : parts.hours)
        if (!read("error_groups_hourly", "hour_ns", "SUM(e.error_count), MAX(e.last_ns)", range))
            return {};
    // The edge hours' rows, through errors_time.
    for (const TimeRange &range : parts.fine)
        if (!read("errors", "time_ns", "COUNT(*), MAX(e.time_ns)", range))
            return {};
    return sums.values();
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
