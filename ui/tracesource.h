#pragma once

#include "analysis/alertrulebook.h"
#include "analysis/anomalyanalysis.h"
#include "analysis/recommendations.h"
#include "analysis/rootcause.h"
#include "analysis/serviceanalysis.h"
#include "analysis/traceanalysis.h"
#include "core/ingestsenders.h"

#include <optional>

namespace spanlight {

struct StorageStatus
{
    qint64 bytes = -1;
    qint64 spans = 0;
    qint64 traces = 0;
};

// What the console asks of the server. Called on the console's worker thread, never on the
// GUI thread, so an implementation may block on the database; it must be safe to call from
// a thread other than the one that created it. The store-backed one is in serverbinding.h;
// tests plug in their own.
//
// The analysis reads have empty defaults, so a source that only serves traces (the tests'
// fakes of the trace list) stays valid; the pages then show "nothing yet".
class TraceSource
{
public:
    virtual ~TraceSource() = default;
    virtual TraceList listTraces(const TraceFilter &filter) const = 0;
    virtual std::optional<TraceDetails> trace(const QByteArray &traceId) const = 0;
    // What the waterfall opens: a trace of more than `spanBudget` spans as the top of its tree
    // (TraceAnalysis::trace(id, budget)), and the descendants of a loaded span on demand
    // (TraceAnalysis::subtree()). A source that cannot load lazily gives the whole trace and no subtree.
    virtual std::optional<TraceDetails> traceTop(const QByteArray &traceId, int spanBudget) const
    {
        Q_UNUSED(spanBudget)
        return trace(traceId);
    }
    virtual std::optional<TraceSubtree> traceSubtree(const QByteArray &traceId, const QByteArray &spanId,
        int spanBudget) const
    {
        Q_UNUSED(traceId)
        Q_UNUSED(spanId)
        Q_UNUSED(spanBudget)
        return std::nullopt;
    }

    // Every stored service with its operations (ServiceAnalysis::services()).
    virtual ServicesOverview servicesOverview() const { return {}; }
    // A service's requests over the window, every operation (ServiceAnalysis::performance()).
    virtual ServicePerformance servicePerformance(const QString &service, const TimeWindow &window) const
    {
        ServicePerformance p;
        p.service = service;
        p.window = window;
        return p;
    }
    virtual ErrorList errors(const ErrorQuery &query) const
    {
        Q_UNUSED(query)
        return {};
    }
    virtual DependencyGraph dependencies(const TimeWindow &window) const
    {
        Q_UNUSED(window)
        return {};
    }
    // Null for a name that is neither a stored service nor a node of the window's graph.
    virtual std::optional<DependencyImpact> impact(const QString &name, const TimeWindow &window) const
    {
        Q_UNUSED(name)
        Q_UNUSED(window)
        return std::nullopt;
    }
    // Requests (or, with an operation, its spans) per slot (ServiceAnalysis::trends()); an empty
    // service means every service.
    virtual TrendSeries trends(const QString &service, const QString &operation, const TimeWindow &window,
        qint64 granularityNs) const
    {
        Q_UNUSED(service)
        Q_UNUSED(operation)
        return emptyTrend(window, granularityNs);
    }
    // Every span per slot (ServiceAnalysis::spanTrends()).
    virtual TrendSeries spanTrends(const TimeWindow &window, qint64 granularityNs) const
    {
        return emptyTrend(window, granularityNs);
    }
    // Traces started per slot (ServiceAnalysis::traceStarts()).
    virtual QList<qint64> traceStarts(const TimeWindow &window, qint64 granularityNs) const
    {
        Q_UNUSED(window)
        Q_UNUSED(granularityNs)
        return {};
    }
    virtual Slowest slowest(const SlowestQuery &query) const
    {
        Q_UNUSED(query)
        return {};
    }
    // The insight reads (docs/analysis.md): anomalies and regressions of the window's operations
    // (AnomalyAnalysis::analyse() with the window's bucket, anomalyBucketNs()), an empty service
    // or operation meaning all; rule-based recommendations from a sample of the window's traces;
    // the window's errors grouped by origin; one error's way down to its origin (null: no such
    // error).
    virtual AnomalyReport anomalies(const QString &service, const QString &operation, const TimeWindow &window) const
    {
        Q_UNUSED(service)
        Q_UNUSED(operation)
        Q_UNUSED(window)
        return {};
    }
    virtual Recommendations recommendations(const QString &service, const TimeWindow &window) const
    {
        Q_UNUSED(service)
        Q_UNUSED(window)
        return {};
    }
    virtual ErrorOrigins errorOrigins(const TimeWindow &window) const
    {
        Q_UNUSED(window)
        return {};
    }
    virtual std::optional<RootCause> rootCause(const QByteArray &traceId, const QByteArray &spanId) const
    {
        Q_UNUSED(traceId)
        Q_UNUSED(spanId)
        return std::nullopt;
    }

    // What the store holds and its size on disk (-1: unknown), for the Settings page.
    virtual StorageStatus storageStatus() const { return {}; }
    // The ingest-health table of the server (IngestSenders::snapshot()), the sender seen last first.
    virtual QList<SenderStats> ingestSenders() const { return {}; }

    // Writes or deletes the note on a trace (TraceAnalysis::setNote()/deleteNote()); a source
    // that cannot store notes refuses with Failed and says so.
    virtual NoteChange setNote(const QByteArray &traceId, const QString &text, const QString &author,
        QString *error) const
    {
        Q_UNUSED(traceId)
        Q_UNUSED(text)
        Q_UNUSED(author)
        *error = QStringLiteral("this source does not store notes");
        return NoteChange::Failed;
    }
    virtual NoteChange deleteNote(const QByteArray &traceId, QString *error) const
    {
        Q_UNUSED(traceId)
        *error = QStringLiteral("this source does not store notes");
        return NoteChange::Failed;
    }

    // Alert rules with their states (AlertRuleBook::rules()); null, with `error` saying why, when
    // the source cannot read them.
    virtual std::optional<QList<AlertRuleView>> alertRules(QString *error) const
    {
        *error = QStringLiteral("this source does not keep alert rules");
        return std::nullopt;
    }
    // Adds the rule (id 0) or replaces rule.id, keeping its stored webhooks (the console does not
    // edit them); the outcome carries the server's refusal (AlertChange::message()).
    virtual AlertChange saveAlertRule(const AlertRule &rule) const
    {
        return unsupportedAlertChange(rule.id);
    }
    virtual AlertChange deleteAlertRule(qint64 id) const { return unsupportedAlertChange(id); }
    // The alert history, newest first (AlertRuleBook::history()); null when it cannot be read.
    virtual std::optional<QList<AlertEvent>> alertHistory(const AlertEventFilter &filter, QString *error) const
    {
        Q_UNUSED(filter)
        *error = QStringLiteral("this source does not keep alert rules");
        return std::nullopt;
    }

protected:
    static AlertChange unsupportedAlertChange(qint64 id)
    {
        AlertChange c;
        c.id = id;
        c.error = QStringLiteral("this source does not keep alert rules");
        return c;
    }
    static TrendSeries emptyTrend(const TimeWindow &window, qint64 granularityNs)
    {
        TrendSeries t;
        t.window = window;
        t.granularityNs = granularityNs;
        return t;
    }
};

} // namespace spanlight
