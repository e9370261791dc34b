#pragma once

#include "serviceanalysis.h"
#include "traceanalysis.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace spanlight {

// The rule set of docs/analysis.md, "Recommendations", with its thresholds.
namespace recommendation {
constexpr int kNPlusOneCalls = 5; // siblings with the same service, operation and statement
constexpr int kRetryCalls = 3; // sequential same-operation siblings of which ...
constexpr int kRetryFailures = 2; // ... at least this many failed
constexpr int kSequentialCalls = 3; // non-overlapping sibling calls to distinct operations
constexpr int kFanOutChildren = 50;
constexpr double kSlowStatementMs = 100;
constexpr double kSelfTimeMs = 100; // and at least half of the span's duration
constexpr int kSampleTraces = 200; // the newest traces of the window (of the service) read per request
} // namespace recommendation

// One rule matching once in one trace.
struct Finding
{
    QString rule; // n_plus_one, sequential_calls, slow_statement, retry_storm, fan_out, self_time
    QString service; // where the fix goes: the parent of the calls, or the span itself
    QString operation;
    QString detail; // what matched, for the description ("cart-db SELECT item x12")
    double savedMs = 0; // the time the fix would save in this trace (estimate)
};

// Every finding of one trace in tree order (TraceAnalysis::buildTree()).
QList<Finding> traceFindings(const QList<SpanView> &spans);

struct Recommendation
{
    QString id; // 16 hex digits of rule, service and operation
    QString rule;
    QString title;
    QString description;
    QString service;
    QString operation;
    double impactMs = 0; // mean estimated time saved per affected trace
    qint64 occurrences = 0; // sampled traces in which the rule matched
    QStringList exampleTraceIds; // at most 5, newest first
};

struct Recommendations
{
    QList<Recommendation> recommendations; // largest total impact (impact x occurrences) first
    qint64 sampledTraces = 0;
};

// Rule-based recommendations from a bounded sample: the newest kSampleTraces traces of the window
// (with a span of `service` when given), each read whole.
class RecommendationAnalysis
{
public:
    explicit RecommendationAnalysis(const Store &store)
        : m_store(store)
    { }

    Recommendations recommendations(const QString &service, const TimeWindow &window) const;

private:
    const Store &m_store;
};

} // namespace spanlight
