#pragma once

#include "spandetailsmodel.h"
#include "tracelistmodel.h"
#include "tracesource.h"
#include "waterfallmodel.h"

#include <QElapsedTimer>
#include <QObject>
#include <QThread>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace spanlight {

class QueryWorker;

// Where the embedded server listens, for the status bar.
struct ConsoleEndpoints
{
    QString apiUrl; // "http://127.0.0.1:8007"
    QString otlpHttpUrl; // "http://127.0.0.1:4318/v1/traces"
    QString otlpGrpcUrl; // "http://127.0.0.1:4317"
    QString zipkinUrl; // "http://127.0.0.1:9411/api/v2/spans"
    QString jaegerUrl; // "http://127.0.0.1:14268/api/traces"
    QString apiToken;
    QString storageUrl; // without password
};

// The console's view-model: owns the models QML shows and feeds them from a TraceSource.
// Every query runs on the controller's own worker thread; results come back by value through
// queued signals and are applied on the GUI thread, which therefore never waits for the
// database. Store commits (notifyCommitted) refresh the trace list at most once per
// refreshIntervalMs; at most one list and one trace query are in flight, later requests are
// coalesced into one follow-up. Without a source the console is empty but fully usable.
class ConsoleController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(spanlight::TraceListModel *traces READ traces CONSTANT)
    Q_PROPERTY(spanlight::WaterfallModel *waterfall READ waterfall CONSTANT)
    Q_PROPERTY(spanlight::SpanDetailsModel *spanDetails READ spanDetails CONSTANT)
    Q_PROPERTY(QString apiUrl READ apiUrl NOTIFY endpointsChanged)
    Q_PROPERTY(QString otlpHttpUrl READ otlpHttpUrl NOTIFY endpointsChanged)
    Q_PROPERTY(QString otlpGrpcUrl READ otlpGrpcUrl NOTIFY endpointsChanged)
    Q_PROPERTY(QString zipkinUrl READ zipkinUrl NOTIFY endpointsChanged)
    Q_PROPERTY(QString jaegerUrl READ jaegerUrl NOTIFY endpointsChanged)
    Q_PROPERTY(QString apiToken READ apiToken NOTIFY endpointsChanged)
    Q_PROPERTY(QString storageUrl READ storageUrl NOTIFY endpointsChanged)
    Q_PROPERTY(bool connected READ isConnected NOTIFY statusChanged)
    Q_PROPERTY(QString statusText READ statusText NOTIFY statusChanged)
    Q_PROPERTY(qint64 traceCount READ traceCount NOTIFY statsChanged)
    Q_PROPERTY(double spansPerSecond READ spansPerSecond NOTIFY statsChanged)
    Q_PROPERTY(QString spansPerSecondText READ spansPerSecondText NOTIFY statsChanged)
    Q_PROPERTY(QString selectedTraceId READ selectedTraceId NOTIFY selectedTraceChanged)
    Q_PROPERTY(int selectedSpanRow READ selectedSpanRow NOTIFY selectedSpanRowChanged)
    Q_PROPERTY(int refreshIntervalMs READ refreshIntervalMs WRITE setRefreshIntervalMs NOTIFY refreshIntervalMsChanged)
    Q_PROPERTY(int traceLimit READ traceLimit WRITE setTraceLimit NOTIFY traceLimitChanged)
public:
    explicit ConsoleController(QObject *parent = nullptr);
    ~ConsoleController() override;

    // The source is shared with the worker thread, which may still be using it until
    // shutdown() returns. Setting one starts a refresh.
    void setSource(std::shared_ptr<const TraceSource> source);
    void setEndpoints(const ConsoleEndpoints &endpoints);

    TraceListModel *traces() const { return m_traces; }
    WaterfallModel *waterfall() const { return m_waterfall; }
    SpanDetailsModel *spanDetails() const { return m_spanDetails; }
    QString apiUrl() const { return m_endpoints.apiUrl; }
    QString otlpHttpUrl() const { return m_endpoints.otlpHttpUrl; }
    QString otlpGrpcUrl() const { return m_endpoints.otlpGrpcUrl; }
    QString zipkinUrl() const { return m_endpoints.zipkinUrl; }
    QString jaegerUrl() const { return m_endpoints.jaegerUrl; }
    QString apiToken() const { return m_endpoints.apiToken; }
    QString storageUrl() const { return m_endpoints.storageUrl; }
    bool isConnected() const { return m_source != nullptr; }
    QString statusText() const;
    qint64 traceCount() const { return m_traceCount; }
    double spansPerSecond() const { return m_spansPerSecond; }
    QString spansPerSecondText() const;
    QString selectedTraceId() const;
    int selectedSpanRow() const { return m_selectedSpanRow; }
    int refreshIntervalMs() const { return m_refreshTimer.interval(); }
    void setRefreshIntervalMs(int ms);
    int traceLimit() const { return m_filter.limit; }
    void setTraceLimit(int limit);

    // Queries counted since construction, for tests of the throttling.
    int listQueriesStarted() const { return m_listQueries; }
    int traceQueriesStarted() const { return m_traceQueries; }

    Q_INVOKABLE void refresh();
    Q_INVOKABLE void openTrace(int row); // a row of `traces`
    Q_INVOKABLE void openTraceId(const QString &traceIdHex);
    Q_INVOKABLE void selectSpan(int row); // a row of `waterfall`
    Q_INVOKABLE void moveSpanSelection(int delta);
    Q_INVOKABLE void collapseOrParent(); // Left on the selected span
    Q_INVOKABLE void expandOrChild(); // Right on the selected span
    Q_INVOKABLE void copyToClipboard(const QString &text) const;
    Q_INVOKABLE void copySelectedTraceId() const;

public Q_SLOTS:
    // Connect Store::committed here (it is emitted on the writer thread; the connection queues).
    void notifyCommitted(qint64 spans, qint64 traces);
    // Stops the worker thread after its current query. Call before the source's store closes.
    void shutdown();

Q_SIGNALS:
    void endpointsChanged();
    void statusChanged();
    void statsChanged();
    void selectedTraceChanged();
    void selectedSpanRowChanged();
    void refreshIntervalMsChanged();
    void traceLimitChanged();
    void traceListApplied(); // after each list result reached the model
    void traceApplied(); // after each trace result reached the waterfall

private:
    void requestList();
    void requestTrace();
    void onListReady(const spanlight::TraceList &list);
    void onTraceReady(const QByteArray &traceId, const std::optional<spanlight::TraceDetails> &details);
    void onRateTick();
    void followSelectedSpan(bool reloaded);
    void showSpan(int row, bool rebuildDetails);
    void setStatusMessage(const QString &message);

    TraceListModel *m_traces;
    WaterfallModel *m_waterfall;
    SpanDetailsModel *m_spanDetails;
    std::shared_ptr<const TraceSource> m_source;
    ConsoleEndpoints m_endpoints;
    TraceFilter m_filter;

    QThread m_thread;
    QueryWorker *m_worker = nullptr;
    bool m_listInFlight = false;
    bool m_listPending = false;
    bool m_traceInFlight = false;
    bool m_tracePending = false;
    int m_listQueries = 0;
    int m_traceQueries = 0;

    QTimer m_refreshTimer;
    QTimer m_rateTimer;
    QElapsedTimer m_rateClock;
    qint64 m_spansSinceTick = 0;
    double m_spansPerSecond = 0;
    qint64 m_traceCount = 0;

    QByteArray m_selectedTraceId;
    TraceSummary m_loadedSummary; // what the waterfall shows, to notice late spans
    QByteArray m_selectedSpanId;
    int m_selectedSpanRow = -1;
    QString m_statusMessage;
};

} // namespace spanlight
