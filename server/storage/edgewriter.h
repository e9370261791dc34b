#pragma once

#include "core/span.h"
#include "dialect.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QSqlDatabase>
#include <QString>

#include <map>
#include <memory>
#include <tuple>

// Private to the storage library: the service dependency edges of one group of spans, written in
// the writer's transaction (see docs/storage.md, "Dependency edges").
//
// Edge A -> B for every new span of service B whose parent span belongs to service A != B, keyed
// by the child's start minute. The parent may be in the same group, already stored (looked up in
// `spans`), or not there yet: then the child waits in `pending_edges` until its parent arrives.
// A CLIENT/PRODUCER span with no child known when it is stored counts as a call to the external
// system externalTarget() names, remembered in spans.external_target; a child arriving later takes
// that call back (a negative delta) and the edge goes to the child's service instead.
namespace spanlight::storage {

class Statement;

// A child waits this long for its parent; then it is dropped (its edge is never counted). Long
// enough for a parent span that ends (and is exported) long after its children: a long job.
constexpr qint64 kPendingEdgeLifetimeNs = qint64(3600) * 1000000000;

// A row of dependency_rollups(_hourly), ordered like its primary key (one lock order for the
// writers of several servers on one PostgreSQL), and what a group adds to it (TraceDeleter takes
// the same away).
struct EdgeKey
{
    qint64 minuteNs = 0; // or the hour, for dependency_rollups_hourly
    QString source;
    QString target;
    int targetType = 0; // 0 service, 1 external
    auto tie() const { return std::tie(minuteNs, source, target, targetType); }
    bool operator<(const EdgeKey &o) const { return tie() < o.tie(); }
};

struct EdgeDelta
{
    qint64 calls = 0;
    qint64 errors = 0;
    qint64 durationSumNs = 0;
};

class EdgeWriter
{
public:
    EdgeWriter(QSqlDatabase &db, Dialect dialect);
    ~EdgeWriter();

    // Step 1, before the spans are inserted: learns which spans of the group have children, in the
    // group or waiting in pending_edges.
    bool prepare(const QList<const QList<Span> *> &batches, QString *error);
    // The external target to store with `span` (a null string when it has a known child or
    // calls nothing external).
    QString externalTargetOf(const Span &span) const;
    // Step 2, for every span the insert stored (duplicates are left out), with the target stored.
    void addInserted(const Span &span, const QString &externalTarget);
    // Step 3: resolves parents, takes back external calls, writes pending rows and the rollups.
    bool write(QString *error);

    // Deletes waiting children older than kPendingEdgeLifetimeNs (by wall clock).
    static bool dropExpired(QSqlDatabase &db, Dialect dialect, qint64 nowNs, QString *error);

private:
    using SpanKey = std::pair<QByteArray, QByteArray>; // trace id, span id
    struct PendingChild
    {
        QByteArray spanId;
        QString service;
        qint64 minuteNs = 0;
        qint64 durationNs = 0;
        bool error = false;
    };

    void add(const EdgeKey &key, qint64 sign, qint64 durationNs, bool error);
    bool statement(std::unique_ptr<Statement> &slot, const QString &sql, QString *error);
    // Upserts by adding, in key order; all-zero deltas are left out.
    bool upsertEdges(
        const std::map<EdgeKey, EdgeDelta> &edges, const char *table, const char *timeColumn, QString *error);

    QSqlDatabase &m_db;
    Dialect m_dialect;
    QSet<SpanKey> m_hasChild;
    QHash<SpanKey, QList<PendingChild>> m_pending; // waiting children, by their parent
    QHash<SpanKey, const Span *> m_inserted;
    QList<const Span *> m_insertedOrder;
    std::map<EdgeKey, EdgeDelta> m_edges; // ordered like the primary key: one lock order for writers
    std::unique_ptr<Statement> m_parentLookup;
    std::unique_ptr<Statement> m_clearExternal;
    std::unique_ptr<Statement> m_pendingInsert;
    std::unique_ptr<Statement> m_pendingDelete;
};

} // namespace spanlight::storage
