#pragma once

#include "consolepage.h"
#include "insightmodels.h"

#include <QHash>

namespace spanlight {

// What the Insights page asks for in one query: the four analyses over the window and, for the
// first anomalies and regressions, a trace that shows each (recommendations and error origins
// carry their own examples).
struct InsightsSnapshot
{
    QStringList serviceNames; // every stored service, for the filter
    AnomalyReport report;
    Recommendations recommendations;
    ErrorOrigins origins;
    QHash<QString, QString> anomalyTraces; // anomaly id -> hex trace id
    QHash<QString, QString> regressionTraces; // RegressionModel::keyOf() -> hex trace id
};

// The Insights page: what the analyses noticed in a time range, for every service or one:
// anomalies (with the self-time attribution of latency anomalies), regressions after version
// changes or level shifts, rule-based recommendations and where errors start. Every row opens
// an example trace on the Trace page. The window ends with the bucket that holds now, in whole
// anomaly buckets (anomalyBucketNs()), as GET /anomalies reads it.
class InsightsPage : public ConsolePage
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("InsightsPage is owned by ConsoleController")
    Q_PROPERTY(spanlight::AnomalyModel *anomalies READ anomalies CONSTANT)
    Q_PROPERTY(spanlight::RegressionModel *regressions READ regressions CONSTANT)
    Q_PROPERTY(spanlight::RecommendationModel *recommendations READ recommendations CONSTANT)
    Q_PROPERTY(spanlight::ErrorOriginModel *origins READ origins CONSTANT)
    Q_PROPERTY(QStringList serviceOptions READ serviceOptions NOTIFY serviceOptionsChanged)
    Q_PROPERTY(int serviceIndex READ serviceIndex WRITE setServiceIndex NOTIFY filterChanged)
    Q_PROPERTY(QString summaryText READ summaryText NOTIFY resultApplied)
    Q_PROPERTY(QString emptyText READ emptyText NOTIFY resultApplied)
    Q_PROPERTY(QString originsCaption READ originsCaption NOTIFY resultApplied)
    Q_PROPERTY(QString recommendationsCaption READ recommendationsCaption NOTIFY resultApplied)
public:
    // Example traces are looked up for this many anomalies and as many regressions per query.
    static constexpr int kExampleLookups = 20;

    explicit InsightsPage(ConsoleController *controller);

    AnomalyModel *anomalies() const { return m_anomalies; }
    RegressionModel *regressions() const { return m_regressions; }
    RecommendationModel *recommendations() const { return m_recommendations; }
    ErrorOriginModel *origins() const { return m_origins; }

    // Index 0 means every service.
    QStringList serviceOptions() const;
    int serviceIndex() const;
    void setServiceIndex(int index);
    QString serviceFilter() const { return m_service; }
    void setServiceFilter(const QString &service); // empty: every service

    QString summaryText() const; // "3 anomalies · 1 regression · 2 recommendations · 2 error origins"
    // Why the page is empty, teaching what it looks for; empty when it shows something.
    QString emptyText() const;
    QString originsCaption() const; // "412 errors, 300 of them followed to their origin"
    QString recommendationsCaption() const; // "from the newest 200 traces"
    bool hasInsights() const;

    // The worker-thread half (for tests) and the GUI-thread half.
    static InsightsSnapshot query(const TraceSource &source, const QString &service, const TimeWindow &window);
    // A trace that shows `metric` of (service, operation) in `window`: the slowest for latency,
    // the newest failed one for the error rate, else the newest. Empty when none is stored.
    static QString exampleTrace(const TraceSource &source, const QString &service, const QString &operation,
        const TimeWindow &window, AnomalyMetric metric);
    void apply(const InsightsSnapshot &snapshot);

    // Each opens its row's example trace on the Trace page (an origin with its origin span
    // selected); nothing for a row without one.
    Q_INVOKABLE void openAnomaly(int row);
    Q_INVOKABLE void openRegression(int row);
    Q_INVOKABLE void openRecommendation(int row);
    Q_INVOKABLE void openOrigin(int row);

Q_SIGNALS:
    void serviceOptionsChanged();
    void filterChanged();

protected:
    bool startQuery(const TimeWindow &window) override;
    qint64 windowStepNs() const override;

private:
    AnomalyModel *m_anomalies;
    RegressionModel *m_regressions;
    RecommendationModel *m_recommendations;
    ErrorOriginModel *m_origins;
    QStringList m_serviceNames;
    QString m_service;
    qint64 m_totalErrors = 0;
    qint64 m_analysedErrors = 0;
    qint64 m_sampledTraces = 0;
};

} // namespace spanlight
