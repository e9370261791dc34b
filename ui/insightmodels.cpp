#include "insightmodels.h"

#include "displaytext.h"
#include "errormodels.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <climits>

namespace spanlight {

namespace {

QString spanText(qint64 fromNs, std::optional<qint64> toNs, qint64 nowNs)
{
    if (!toNs)
        return QCoreApplication::translate("spanlight::InsightModels", "since %1").arg(timestampText(fromNs, nowNs));
    return QStringLiteral("%1 – %2").arg(timestampText(fromNs, nowNs), timestampText(*toNs, nowNs));
}

bool isLatency(AnomalyMetric metric)
{
    return metric == AnomalyMetric::LatencyP95 || metric == AnomalyMetric::LatencyP50;
}

} // namespace

QString anomalyMetricText(AnomalyMetric metric)
{
    switch (metric) {
    case AnomalyMetric::LatencyP95:
        return QCoreApplication::translate("spanlight::InsightModels", "p95 latency");
    case AnomalyMetric::LatencyP50:
        return QCoreApplication::translate("spanlight::InsightModels", "p50 latency");
    case AnomalyMetric::ErrorRate:
        return QCoreApplication::translate("spanlight::InsightModels", "error rate");
    case AnomalyMetric::Throughput:
        break;
    }
    return QCoreApplication::translate("spanlight::InsightModels", "throughput");
}

QString anomalyValueText(AnomalyMetric metric, double value)
{
    switch (metric) {
    case AnomalyMetric::LatencyP95:
    case AnomalyMetric::LatencyP50:
        return millisText(value);
    case AnomalyMetric::ErrorRate:
        return percentText(value);
    case AnomalyMetric::Throughput:
        break;
    }
    return ratePerSecondText(value);
}

AnomalyModel::AnomalyModel(QObject *parent)
    : KeyedRowsModel<AnomalyRow>(parent)
{ }

QList<AnomalyRow> AnomalyModel::rowsOf(const QList<Anomaly> &anomalies, const QHash<QString, QString> &exampleTraces,
    qint64 nowNs)
{
    QList<AnomalyRow> rows;
    rows.reserve(anomalies.size());
    for (const Anomaly &a : anomalies) {
        AnomalyRow r;
        r.key = a.id;
        r.metricText = anomalyMetricText(a.metric);
        r.service = a.service;
        r.operation = a.operation;
        r.serviceColor = serviceColor(a.service);
        r.observedText = tr("observed %1").arg(anomalyValueText(a.metric, a.observed));
        r.expectedText = tr("expected %1").arg(anomalyValueText(a.metric, a.expected));
        r.scoreText = tr("score %1").arg(QLocale().toString(a.score, 'f', 1));
        r.severityLevel = int(a.severity);
        r.severityText = severityText(a.severity);
        r.whenText = spanText(a.startedNs, a.endedNs, nowNs);
        if (isLatency(a.metric)) {
            QStringList parts;
            for (const TimeAttribution &t : a.attribution.mid(0, 3))
                parts.append(tr("+%1 in %2 %3").arg(millisText(t.extraMs()), t.service, t.operation));
            r.attributionText = parts.isEmpty() ? QString() : tr("Self time grew: %1").arg(parts.join(QStringLiteral(", ")));
        }
        r.traceIdHex = exampleTraces.value(a.id);
        rows.append(r);
    }
    return rows;
}

void AnomalyModel::setAnomalies(const QList<Anomaly> &anomalies, const QHash<QString, QString> &exampleTraces,
    qint64 nowNs)
{
    setRows(rowsOf(anomalies, exampleTraces, nowNs));
}

QVariant AnomalyModel::data(const QModelIndex &index, int role) const
{
    const AnomalyRow *r = rowAt(index.row());
    if (!r || index.parent().isValid())
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case MetricTextRole:
        return r->metricText;
    case ServiceRole:
        return r->service;
    case OperationRole:
        return r->operation;
    case ServiceColorRole:
        return r->serviceColor;
    case ObservedTextRole:
        return r->observedText;
    case ExpectedTextRole:
        return r->expectedText;
    case ScoreTextRole:
        return r->scoreText;
    case SeverityLevelRole:
        return r->severityLevel;
    case SeverityTextRole:
        return r->severityText;
    case WhenTextRole:
        return r->whenText;
    case AttributionTextRole:
        return r->attributionText;
    case TraceIdRole:
        return r->traceIdHex;
    default:
        return {};
    }
}

QHash<int, QByteArray> AnomalyModel::roleNames() const
{
    return {
        { MetricTextRole, "metricText" },
        { ServiceRole, "service" },
        { OperationRole, "operation" },
        { ServiceColorRole, "serviceColor" },
        { ObservedTextRole, "observedText" },
        { ExpectedTextRole, "expectedText" },
        { ScoreTextRole, "scoreText" },
        { SeverityLevelRole, "severityLevel" },
        { SeverityTextRole, "severityText" },
        { WhenTextRole, "whenText" },
        { AttributionTextRole, "attributionText" },
        { TraceIdRole, "traceId" },
    };
}

RegressionModel::RegressionModel(QObject *parent)
    : KeyedRowsModel<RegressionRow>(parent)
{ }

QString RegressionModel::keyOf(const Regression &regression)
{
    return regression.service + u'\x1f' + regression.operation + u'\x1f' + anomalyMetricName(regression.metric)
        + u'\x1f' + QString::number(regression.detectedNs);
}

QList<RegressionRow> RegressionModel::rowsOf(const QList<Regression> &regressions,
    const QHash<QString, QString> &exampleTraces, qint64 nowNs)
{
    QList<RegressionRow> rows;
    rows.reserve(regressions.size());
    for (const Regression &g : regressions) {
        RegressionRow r;
        r.key = keyOf(g);
        r.metricText = anomalyMetricText(g.metric);
        r.service = g.service;
        r.operation = g.operation;
        r.serviceColor = serviceColor(g.service);
        if (g.beforeVersion.isEmpty() && g.afterVersion.isEmpty())
            r.versionsText = tr("level shift");
        else
            r.versionsText = QStringLiteral("%1 → %2").arg(g.beforeVersion.isEmpty() ? tr("no version") : g.beforeVersion,
                g.afterVersion.isEmpty() ? tr("no version") : g.afterVersion);
        r.beforeText = anomalyValueText(g.metric, g.before);
        r.afterText = anomalyValueText(g.metric, g.after);
        r.changeText = (g.changePercent > 0 ? QStringLiteral("+") : QString()) + QLocale().toString(g.changePercent, 'f', 1)
            + QStringLiteral(" %");
        r.worse = g.metric == AnomalyMetric::Throughput ? g.after < g.before : g.after > g.before;
        r.whenText = tr("since %1").arg(timestampText(g.detectedNs, nowNs));
        r.traceIdHex = exampleTraces.value(r.key);
        rows.append(r);
    }
    return rows;
}

void RegressionModel::setRegressions(const QList<Regression> &regressions, const QHash<QString, QString> &exampleTraces,
    qint64 nowNs)
{
    setRows(rowsOf(regressions, exampleTraces, nowNs));
}

QVariant RegressionModel::data(const QModelIndex &index, int role) const
{
    const RegressionRow *r = rowAt(index.row());
    if (!r || index.parent().isValid())
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case MetricTextRole:
        return r->metricText;
    case ServiceRole:
        return r->service;
    case OperationRole:
        return r->operation;
    case ServiceColorRole:
        return r->serviceColor;
    case VersionsTextRole:
        return r->versionsText;
    case BeforeTextRole:
        return r->beforeText;
    case AfterTextRole:
        return r->afterText;
    case ChangeTextRole:
        return r->changeText;
    case WorseRole:
        return r->worse;
    case WhenTextRole:
        return r->whenText;
    case TraceIdRole:
        return r->traceIdHex;
    default:
        return {};
    }
}

QHash<int, QByteArray> RegressionModel::roleNames() const
{
    return {
        { MetricTextRole, "metricText" },
        { ServiceRole, "service" },
        { OperationRole, "operation" },
        { ServiceColorRole, "serviceColor" },
        { VersionsTextRole, "versionsText" },
        { BeforeTextRole, "beforeText" },
        { AfterTextRole, "afterText" },
        { ChangeTextRole, "changeText" },
        { WorseRole, "worse" },
        { WhenTextRole, "whenText" },
        { TraceIdRole, "traceId" },
    };
}

RecommendationModel::RecommendationModel(QObject *parent)
    : KeyedRowsModel<RecommendationRow>(parent)
{ }

QString RecommendationModel::ruleText(const QString &rule)
{
    if (rule == u"n_plus_one")
        return tr("N+1 calls");
    if (rule == u"sequential_calls")
        return tr("Sequential calls");
    if (rule == u"slow_statement")
        return tr("Slow statement");
    if (rule == u"retry_storm")
        return tr("Retry storm");
    if (rule == u"fan_out")
        return tr("Large fan-out");
    if (rule == u"self_time")
        return tr("Uninstrumented time");
    return rule;
}

QList<RecommendationRow> RecommendationModel::rowsOf(const QList<Recommendation> &recommendations)
{
    QList<RecommendationRow> rows;
    rows.reserve(recommendations.size());
    for (const Recommendation &c : recommendations) {
        RecommendationRow r;
        r.key = c.id;
        r.ruleText = ruleText(c.rule);
        r.title = c.title;
        r.description = c.description;
        r.service = c.service;
        r.operation = c.operation;
        r.serviceColor = serviceColor(c.service);
        r.impactText = tr("saves ~%1 per trace").arg(millisText(c.impactMs));
        // (The count is worked out first: lupdate 6.4 never finishes parsing a template call
        // among translate()'s arguments.)
        const int traces = int(std::min<qint64>(c.occurrences, INT_MAX));
        r.occurrencesText = QCoreApplication::translate("spanlight::InsightModels", "in %n trace(s)", nullptr, traces);
        r.traceIdHex = c.exampleTraceIds.value(0);
        rows.append(r);
    }
    return rows;
}

void RecommendationModel::setRecommendations(const QList<Recommendation> &recommendations)
{
    setRows(rowsOf(recommendations));
}

QVariant RecommendationModel::data(const QModelIndex &index, int role) const
{
    const RecommendationRow *r = rowAt(index.row());
    if (!r || index.parent().isValid())
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return r->title;
    case RuleTextRole:
        return r->ruleText;
    case DescriptionRole:
        return r->description;
    case ServiceRole:
        return r->service;
    case OperationRole:
        return r->operation;
    case ServiceColorRole:
        return r->serviceColor;
    case ImpactTextRole:
        return r->impactText;
    case OccurrencesTextRole:
        return r->occurrencesText;
    case TraceIdRole:
        return r->traceIdHex;
    default:
        return {};
    }
}

QHash<int, QByteArray> RecommendationModel::roleNames() const
{
    return {
        { RuleTextRole, "ruleText" },
        { TitleRole, "title" },
        { DescriptionRole, "description" },
        { ServiceRole, "service" },
        { OperationRole, "operation" },
        { ServiceColorRole, "serviceColor" },
        { ImpactTextRole, "impactText" },
        { OccurrencesTextRole, "occurrencesText" },
        { TraceIdRole, "traceId" },
    };
}

ErrorOriginModel::ErrorOriginModel(QObject *parent)
    : KeyedRowsModel<ErrorOriginRow>(parent)
{ }

QList<ErrorOriginRow> ErrorOriginModel::rowsOf(const QList<ErrorOrigin> &origins, const QString &service)
{
    QList<ErrorOriginRow> rows;
    for (const ErrorOrigin &g : origins) {
        // Described by the service most of whose errors start here (or the one filtered on).
        const AffectedService *who = nullptr;
        for (const AffectedService &a : g.affected)
            if (service.isEmpty() ? (!who || a.share > who->share) : a.service == service)
                who = &a;
        if (!service.isEmpty() && !who)
            continue;
        ErrorOriginRow r;
        r.key = g.service + u'\x1f' + g.operation + u'\x1f' + g.type;
        r.service = g.service;
        r.operation = g.operation;
        r.type = g.type;
        r.serviceColor = serviceColor(g.service);
        const qint64 errors = who && !service.isEmpty() ? who->errors : g.errors;
        const int count = int(std::min<qint64>(errors, INT_MAX)); // not in translate()'s arguments: see above
        r.countText = QCoreApplication::translate("spanlight::InsightModels", "%n error(s)", nullptr, count);
        if (who)
            r.summaryText = tr("%1 of %2 errors start in %3: %4").arg(percentText(who->share), who->service, g.service, g.type);
        else
            r.summaryText = tr("%1 of the errors start in %2: %3").arg(percentText(g.share), g.service, g.type);
        // Error ids are the trace id (32 hex digits) and the origin span's id (16).
        const QString id = g.exampleErrorIds.value(0);
        if (id.size() == 48) {
            r.traceIdHex = id.left(32);
            r.spanIdHex = id.mid(32);
        }
        rows.append(r);
    }
    return rows;
}

void ErrorOriginModel::setOrigins(const QList<ErrorOrigin> &origins, const QString &service)
{
    setRows(rowsOf(origins, service));
}

QVariant ErrorOriginModel::data(const QModelIndex &index, int role) const
{
    const ErrorOriginRow *r = rowAt(index.row());
    if (!r || index.parent().isValid())
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case SummaryTextRole:
        return r->summaryText;
    case ServiceRole:
        return r->service;
    case OperationRole:
        return r->operation;
    case TypeRole:
        return r->type;
    case ServiceColorRole:
        return r->serviceColor;
    case CountTextRole:
        return r->countText;
    case TraceIdRole:
        return r->traceIdHex;
    case SpanIdRole:
        return r->spanIdHex;
    default:
        return {};
    }
}

QHash<int, QByteArray> ErrorOriginModel::roleNames() const
{
    return {
        { SummaryTextRole, "summaryText" },
        { ServiceRole, "service" },
        { OperationRole, "operation" },
        { TypeRole, "type" },
        { ServiceColorRole, "serviceColor" },
        { CountTextRole, "countText" },
        { TraceIdRole, "traceId" },
        { SpanIdRole, "spanId" },
    };
}

AnomalyMarkerModel::AnomalyMarkerModel(QObject *parent)
    : KeyedRowsModel<AnomalyMarkerRow>(parent)
{ }

QList<AnomalyMarkerRow> AnomalyMarkerModel::markersOf(const QList<Anomaly> &anomalies,
    const QList<AnomalyMetric> &metrics, qint64 axisFromNs, qint64 axisToNs, qint64 minWidthNs)
{
    QList<AnomalyMarkerRow> out;
    const double span = double(axisToNs - axisFromNs);
    if (!(span > 0))
        return out;
    for (const Anomaly &a : anomalies) {
        if (!metrics.contains(a.metric))
            continue;
        const qint64 from = a.startedNs;
        const qint64 to = std::max(a.endedNs.value_or(axisToNs), from + minWidthNs);
        if (to <= axisFromNs || from >= axisToNs)
            continue;
        AnomalyMarkerRow m;
        m.key = a.id;
        m.startFraction = double(std::max(from, axisFromNs) - axisFromNs) / span;
        m.endFraction = double(std::min(to, axisToNs) - axisFromNs) / span;
        m.severityLevel = int(a.severity);
        m.text = tr("%1 anomaly in %2 %3 (%4): observed %5, expected %6")
                     .arg(anomalyMetricText(a.metric), a.service, a.operation, severityText(a.severity),
                         anomalyValueText(a.metric, a.observed), anomalyValueText(a.metric, a.expected));
        out.append(m);
    }
    return out;
}

void AnomalyMarkerModel::setMarkers(const QList<AnomalyMarkerRow> &markers)
{
    setRows(markers);
}

QVariant AnomalyMarkerModel::data(const QModelIndex &index, int role) const
{
    const AnomalyMarkerRow *r = rowAt(index.row());
    if (!r || index.parent().isValid())
        return {};
    switch (role) {
    case StartFractionRole:
        return r->startFraction;
    case EndFractionRole:
        return r->endFraction;
    case SeverityLevelRole:
        return r->severityLevel;
    case Qt::DisplayRole:
    case TextRole:
        return r->text;
    default:
        return {};
    }
}

QHash<int, QByteArray> AnomalyMarkerModel::roleNames() const
{
    return {
        { StartFractionRole, "startFraction" },
        { EndFractionRole, "endFraction" },
        { SeverityLevelRole, "severityLevel" },
        { TextRole, "text" },
    };
}

} // namespace spanlight
