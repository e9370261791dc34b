#pragma once

#include "analysis/anomalyanalysis.h"
#include "analysis/recommendations.h"
#include "analysis/rootcause.h"
#include "keyedrowsmodel.h"

#include <QColor>
#include <QHash>
#include <QtQml/qqmlregistration.h>

namespace spanlight {

// An anomaly metric for people, translated ("p95 latency", "error rate", ...).
QString anomalyMetricText(AnomalyMetric metric);
// A value of `metric` in its unit: "412 ms", "12.5 %", "3.2/s".
QString anomalyValueText(AnomalyMetric metric, double value);

// One anomaly of the Insights page, display-ready.
struct AnomalyRow
{
    QString key; // the anomaly's id
    QString metricText;
    QString service;
    QString operation;
    QColor serviceColor;
    QString observedText; // "observed 412 ms"
    QString expectedText; // "expected 180 ms"
    QString scoreText; // "score 9.4"
    int severityLevel = 0; // 0 low .. 3 critical
    QString severityText;
    QString whenText; // "14:03 – 14:09", "since 14:03"
    QString attributionText; // latency: where the extra time went, else empty
    QString traceIdHex; // an example trace of the anomaly's window (empty: none found)
    bool operator==(const AnomalyRow &) const = default;
};

// The anomalies of the page, newest first (AnomalyReport's order). `exampleTraces` maps an
// anomaly id to the hex id of a trace that shows it.
class AnomalyModel : public KeyedRowsModel<AnomalyRow>
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("AnomalyModel is owned by InsightsPage")
public:
    enum Role {
        MetricTextRole = Qt::UserRole + 1, // QString, translated metric
        ServiceRole, // QString
        OperationRole, // QString
        ServiceColorRole, // QColor, stable per service
        ObservedTextRole, // QString, "observed 412 ms"
        ExpectedTextRole, // QString, "expected 180 ms"
        ScoreTextRole, // QString, "score 9.4"
        SeverityLevelRole, // int, 0 low .. 3 critical
        SeverityTextRole, // QString, translated
        WhenTextRole, // QString, the anomaly's time span
        AttributionTextRole, // QString, latency anomalies: "+118 ms in inventory-db UPDATE stock", else empty
        TraceIdRole, // QString, hex, an example trace; empty: none
    };
    Q_ENUM(Role)

    explicit AnomalyModel(QObject *parent = nullptr);
    static QList<AnomalyRow> rowsOf(const QList<Anomaly> &anomalies, const QHash<QString, QString> &exampleTraces,
        qint64 nowNs);
    void setAnomalies(const QList<Anomaly> &anomalies, const QHash<QString, QString> &exampleTraces, qint64 nowNs);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
};

struct RegressionRow
{
    QString key; // service, operation, metric and detection time
    QString metricText;
    QString service;
    QString operation;
    QColor serviceColor;
    QString versionsText; // "1.4.0 → 1.5.0", or "level shift" without versions
    QString beforeText; // "180 ms"
    QString afterText;
    QString changeText; // "+66.7 %"
    bool worse = false; // the change is for the worse (more latency or errors, less throughput)
    QString whenText; // when it was detected
    QString traceIdHex; // an example trace after the change
    bool operator==(const RegressionRow &) const = default;
};

// The regressions of the page, newest first. `exampleTraces` is keyed by RegressionModel::keyOf().
class RegressionModel : public KeyedRowsModel<RegressionRow>
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("RegressionModel is owned by InsightsPage")
public:
    enum Role {
        MetricTextRole = Qt::UserRole + 1, // QString
        ServiceRole, // QString
        OperationRole, // QString
        ServiceColorRole, // QColor
        VersionsTextRole, // QString, "1.4.0 → 1.5.0" or "level shift"
        BeforeTextRole, // QString
        AfterTextRole, // QString
        ChangeTextRole, // QString, "+66.7 %"
        WorseRole, // bool
        WhenTextRole, // QString
        TraceIdRole, // QString, hex; empty: none
    };
    Q_ENUM(Role)

    explicit RegressionModel(QObject *parent = nullptr);
    static QString keyOf(const Regression &regression);
    static QList<RegressionRow> rowsOf(const QList<Regression> &regressions,
        const QHash<QString, QString> &exampleTraces, qint64 nowNs);
    void setRegressions(const QList<Regression> &regressions, const QHash<QString, QString> &exampleTraces,
        qint64 nowNs);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
};

struct RecommendationRow
{
    QString key; // the recommendation's id
    QString ruleText; // translated rule name, "N+1 queries"
    QString title; // the server's title
    QString description;
    QString service;
    QString operation;
    QColor serviceColor;
    QString impactText; // "saves ~132 ms per trace"
    QString occurrencesText; // "in 37 traces"
    QString traceIdHex; // the newest example trace
    bool operator==(const RecommendationRow &) const = default;
};

// The recommendations, largest total impact first (Recommendations' order).
class RecommendationModel : public KeyedRowsModel<RecommendationRow>
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("RecommendationModel is owned by InsightsPage")
public:
    enum Role {
        RuleTextRole = Qt::UserRole + 1, // QString, translated rule
        TitleRole, // QString
        DescriptionRole, // QString
        ServiceRole, // QString
        OperationRole, // QString
        ServiceColorRole, // QColor
        ImpactTextRole, // QString
        OccurrencesTextRole, // QString
        TraceIdRole, // QString, hex; empty: none
    };
    Q_ENUM(Role)

    explicit RecommendationModel(QObject *parent = nullptr);
    static QString ruleText(const QString &rule);
    static QList<RecommendationRow> rowsOf(const QList<Recommendation> &recommendations);
    void setRecommendations(const QList<Recommendation> &recommendations);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
};

struct ErrorOriginRow
{
    QString key; // service, operation and type of the origin
    QString summaryText; // "87 % of checkout errors start in inventory-db: DeadlockDetected"
    QString service; // of the origin
    QString operation;
    QString type;
    QColor serviceColor;
    QString countText; // "412 errors"
    QString traceIdHex; // of the newest example error
    QString spanIdHex; // its origin span
    bool operator==(const ErrorOriginRow &) const = default;
};

// Where the window's errors start, most errors first. With a service, only origins that errors
// of that service start at, described by that service's share.
class ErrorOriginModel : public KeyedRowsModel<ErrorOriginRow>
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ErrorOriginModel is owned by InsightsPage")
public:
    enum Role {
        SummaryTextRole = Qt::UserRole + 1, // QString
        ServiceRole, // QString, of the origin
        OperationRole, // QString
        TypeRole, // QString
        ServiceColorRole, // QColor
        CountTextRole, // QString
        TraceIdRole, // QString, hex; empty: none
        SpanIdRole, // QString, hex, the origin span of that error
    };
    Q_ENUM(Role)

    explicit ErrorOriginModel(QObject *parent = nullptr);
    static QList<ErrorOriginRow> rowsOf(const QList<ErrorOrigin> &origins, const QString &service);
    void setOrigins(const QList<ErrorOrigin> &origins, const QString &service);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
};

// The anomaly bands of one trend chart: the anomalies of its metrics as fractions of the chart's
// time axis [from, to), clipped to it, so QML only multiplies by the plot width.
struct AnomalyMarkerRow
{
    QString key; // the anomaly's id
    double startFraction = 0; // 0 .. 1 of the axis
    double endFraction = 0;
    int severityLevel = 0;
    QString text; // "p95 latency anomaly in checkout POST /checkout: observed 412 ms, expected 180 ms"
    bool operator==(const AnomalyMarkerRow &) const = default;
};

class AnomalyMarkerModel : public KeyedRowsModel<AnomalyMarkerRow>
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("AnomalyMarkerModel is owned by its page")
public:
    enum Role {
        StartFractionRole = Qt::UserRole + 1, // double, 0 .. 1 of the time axis
        EndFractionRole, // double, > StartFraction
        SeverityLevelRole, // int, 0 low .. 3 critical
        TextRole, // QString, tooltip and accessible name
    };
    Q_ENUM(Role)

    explicit AnomalyMarkerModel(QObject *parent = nullptr);
    // The anomalies of `metrics` that overlap [axisFromNs, axisToNs); one without an end lasts to
    // the axis' end, and every band is at least `minWidthNs` wide so a one-bucket anomaly shows.
    static QList<AnomalyMarkerRow> markersOf(const QList<Anomaly> &anomalies, const QList<AnomalyMetric> &metrics,
        qint64 axisFromNs, qint64 axisToNs, qint64 minWidthNs);
    void setMarkers(const QList<AnomalyMarkerRow> &markers);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
};

} // namespace spanlight
