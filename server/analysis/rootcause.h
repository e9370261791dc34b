#pragma once

#include "serviceanalysis.h"
#include "traceanalysis.h"

#include <QList>
#include <QString>

#include <optional>

namespace spanlight {

// One span on the way from an error to its origin.
struct RootCauseStep
{
    QByteArray spanId;
    QString service;
    QString operation;
    SpanKind kind = SpanKind::Unspecified;
    bool failed = false;
    QString errorType; // failed spans: spanError()
    QString errorMessage;
    qint64 durationNs = 0;
};

// The origin rule on one trace in tree order (TraceAnalysis::buildTree()): from span `start`, go
// down to a failed child while there is one; among several, the one whose chain of failed
// descendants is longest (the earliest on a tie). Returns the indices from `start` to the origin:
// the deepest failing span whose children all succeeded. Empty when `start` is out of range.
QList<qsizetype> originChain(const QList<SpanView> &spans, qsizetype start);

struct RootCause
{
    ErrorRecord error; // the error asked about
    QList<RootCauseStep> chain; // from its span down to the origin (last), never empty
    const RootCauseStep &origin() const { return chain.constLast(); }
};

// Errors in one group of origins (service, operation, type), with who saw them.
struct AffectedService
{
    QString service;
    qint64 errors = 0; // errors of this service that start at the origin
    double share = 0; // of all analysed errors of this service
};

struct ErrorOrigin
{
    QString service;
    QString operation;
    QString type;
    qint64 errors = 0; // analysed errors whose origin this is
    double share = 0; // of all analysed errors
    QStringList exampleErrorIds; // the origin spans' error ids, newest first, at most 5
    QList<AffectedService> affected; // most errors first
};

struct ErrorOrigins
{
    QList<ErrorOrigin> origins; // most errors first
    qint64 totalErrors = 0; // every error in the window
    qint64 analysedErrors = 0; // the newest, at most kMaxErrors in at most kMaxTraces traces
};

// Root-cause hints for errors: one error's way down its trace to where it started, and the
// window's errors grouped by where they started. Reads the errors table and whole traces by id
// (bounded: the newest kMaxErrors errors of at most kMaxTraces traces).
class RootCauseAnalysis
{
public:
    static constexpr int kMaxErrors = 2000;
    static constexpr int kMaxTraces = 300;

    explicit RootCauseAnalysis(const Store &store)
        : m_store(store)
    { }

    std::optional<RootCause> rootCause(const QByteArray &traceId, const QByteArray &spanId) const; // null: no such error
    ErrorOrigins origins(const TimeWindow &window) const;

private:
    const Store &m_store;
};

} // namespace spanlight
