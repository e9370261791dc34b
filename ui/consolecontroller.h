#pragma once

#include "alertspage.h"
#include "consolesettings.h"
#include "dashboardpage.h"
#include "dependenciespage.h"
#include "displaytext.h"
#include "errorspage.h"
#include "insightspage.h"
#include "pagelistmodel.h"
#include "performancepage.h"
#include "remoteconnection.h"
#include "servicespage.h"
#include "settingspage.h"
#include "spandetailsmodel.h"
#include "tracelistmodel.h"
#include "tracecompare.h"
#include "tracesource.h"
#include "tracespage.h"
#include "waterfallmodel.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QPointer>
#include <QThread>
#include <QTimer>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

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

// What loading demo data into the store gave (ConsoleController::setDemoLoader()).
struct DemoLoadOutcome
{
    bool ok = false;
    QString error;
    qint64 spans = 0;
    qint64 traces = 0;
    double seconds = 0;
};

// What importing one trace file gave (ConsoleController::setImporter()).
struct ImportOutcome
{
    QString fileName; // as shown: the file's name without its folder
    QString error; // empty: imported
    qint64 spans = 0; // committed
    qint64 traces = 0;
    qint64 rejectedSpans = 0;
    QString rejectMessage;
    QByteArray firstTraceId; // the trace to open afterwards
    bool ok() const { return error.isEmpty(); }
};

// The console's view-model: owns the models QML shows and feeds them from a TraceSource.
// Every query runs on the controller's own worker thread; results come back by value through
// queued signals and are applied on the GUI thread, which therefore never waits for the
// database. Store commits (notifyCommitted) refresh the trace list at most once per
// refreshIntervalMs; at most one list and one trace query are in flight, later requests are
// coalesced into one follow-up. Without a source the console is empty but fully usable.
//
// The console has pages (Page); the analysis pages (dashboard, traces search, services, errors,
// dependencies, performance, insights) are ConsolePage objects owned here that run their queries through run() on the
// same worker.
class ConsoleController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(spanlight::TraceListModel *traces READ traces CONSTANT)
    Q_PROPERTY(spanlight::WaterfallModel *waterfall READ waterfall CONSTANT)
    Q_PROPERTY(spanlight::SpanDetailsModel *spanDetails READ spanDetails CONSTANT)
    Q_PROPERTY(spanlight::TraceCompare *comparison READ comparison CONSTANT)
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
    Q_PROPERTY(int currentPage READ currentPage WRITE setCurrentPage NOTIFY currentPageChanged)
    Q_PROPERTY(int backPage READ backPage NOTIFY backPageChanged)
    Q_PROPERTY(QString backPageTitle READ backPageTitle NOTIFY backPageChanged)
    Q_PROPERTY(QString traceMessage READ traceMessage NOTIFY traceMessageChanged)
    Q_PROPERTY(QString traceNote READ traceNote NOTIFY traceNoteChanged)
    Q_PROPERTY(QString traceNoteInfo READ traceNoteInfo NOTIFY traceNoteChanged)
    Q_PROPERTY(QString noteMessage READ noteMessage NOTIFY traceNoteChanged)
    Q_PROPERTY(bool noteSaving READ isNoteSaving NOTIFY traceNoteChanged)
    Q_PROPERTY(spanlight::PageListModel *pages READ pages CONSTANT)
    Q_PROPERTY(spanlight::ConsoleSettings *settings READ settings CONSTANT)
    Q_PROPERTY(spanlight::DashboardPage *dashboardPage READ dashboardPage CONSTANT)
    Q_PROPERTY(spanlight::TracesPage *tracesPage READ tracesPage CONSTANT)
    Q_PROPERTY(spanlight::ServicesPage *servicesPage READ servicesPage CONSTANT)
    Q_PROPERTY(spanlight::ErrorsPage *errorsPage READ errorsPage CONSTANT)
    Q_PROPERTY(spanlight::DependenciesPage *dependenciesPage READ dependenciesPage CONSTANT)
    Q_PROPERTY(spanlight::PerformancePage *performancePage READ performancePage CONSTANT)
    Q_PROPERTY(spanlight::SettingsPage *settingsPage READ settingsPage CONSTANT)
    Q_PROPERTY(spanlight::InsightsPage *insightsPage READ insightsPage CONSTANT)
    Q_PROPERTY(spanlight::AlertsPage *alertsPage READ alertsPage CONSTANT)
    Q_PROPERTY(spanlight::RemoteConnection *connection READ connection CONSTANT)
    Q_PROPERTY(bool demoAvailable READ isDemoAvailable NOTIFY demoChanged)
    Q_PROPERTY(bool demoLoading READ isDemoLoading NOTIFY demoChanged)
    Q_PROPERTY(bool importAvailable READ isImportAvailable NOTIFY importChanged)
    Q_PROPERTY(bool importing READ isImporting NOTIFY importChanged)
    Q_PROPERTY(QString importMessage READ importMessage NOTIFY importChanged)
    Q_PROPERTY(bool importFailed READ importFailed NOTIFY importChanged)
    Q_PROPERTY(int pageRefreshIntervalMs READ pageRefreshIntervalMs WRITE setPageRefreshIntervalMs NOTIFY
                   pageRefreshIntervalMsChanged)
public:
    // The pages, in Ctrl+1..9, 0 order; pages added later are appended, so the numbers stay.
    // The side bar lists Insights and Alerts after Performance (setPageEntries()). Dashboard is
    // the start page.
    enum Page { Dashboard, Traces, Trace, Services, Errors, Dependencies, Performance, Settings, Insights, Alerts,
        PageCount };
    Q_ENUM(Page)

    explicit ConsoleController(QObject *parent = nullptr);
    ~ConsoleController() override;

    // The source is shared with the worker thread, which may still be using it until
    // shutdown() returns. Setting one starts a refresh.
    void setSource(std::shared_ptr<const TraceSource> source);
    void setEndpoints(const ConsoleEndpoints &endpoints);
    void setApiToken(const QString &token); // after the server replaced it

    TraceListModel *traces() const { return m_traces; }
    WaterfallModel *waterfall() const { return m_waterfall; }
    SpanDetailsModel *spanDetails() const { return m_spanDetails; }
    TraceCompare *comparison() const { return m_comparison; }
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
    int pageQueriesStarted() const { return m_pageQueries; }

    int currentPage() const { return m_currentPage; }
    void setCurrentPage(int page); // a Page; others are ignored
    PageListModel *pages() const { return m_pages; }
    ConsoleSettings *settings() const { return m_settings; }
    // Where the open trace was opened from (-1: nowhere to go back to); goBack() returns there.
    int backPage() const { return m_backPage; }
    QString backPageTitle() const;
    // Why the Trace page shows no trace although one was asked for (not stored), else empty.
    QString traceMessage() const { return m_traceMessage; }

    // The note on the trace the waterfall shows (empty: none), who wrote it and when, and why
    // the last change failed. saveTraceNote() (an empty text deletes the note) and
    // deleteTraceNote() write through the source on the worker thread, as "console", then
    // reload the trace and the lists; noteChanged(ok) follows.
    QString traceNote() const { return m_loadedNote ? m_loadedNote->text : QString(); }
    QString traceNoteInfo() const;
    QString noteMessage() const { return m_noteMessage; }
    bool isNoteSaving() const { return m_noteSaving; }
    Q_INVOKABLE void saveTraceNote(const QString &text);
    Q_INVOKABLE void deleteTraceNote();
    DashboardPage *dashboardPage() const { return m_dashboardPage; }
    TracesPage *tracesPage() const { return m_tracesPage; }
    ServicesPage *servicesPage() const { return m_servicesPage; }
    ErrorsPage *errorsPage() const { return m_errorsPage; }
    DependenciesPage *dependenciesPage() const { return m_dependenciesPage; }
    PerformancePage *performancePage() const { return m_performancePage; }
    SettingsPage *settingsPage() const { return m_settingsPage; }
    InsightsPage *insightsPage() const { return m_insightsPage; }
    AlertsPage *alertsPage() const { return m_alertsPage; }
    // Which server the console reads: the embedded one or a remote spanlightd.
    RemoteConnection *connection() const { return m_connection; }
    // Shown analysis pages refresh on store commits at most this often.
    int pageRefreshIntervalMs() const { return m_pageRefreshIntervalMs; }
    void setPageRefreshIntervalMs(int ms);

    // "Now" for the pages' time windows: the wall clock, or what a test sets.
    qint64 nowNs() const;
    void setClock(std::function<qint64()> nowNs) { m_clock = std::move(nowNs); }

    // Runs `query(const TraceSource &)` on the worker thread, after the queries queued before it,
    // and hands its result by value to `apply(Result)` on the GUI thread, unless `context` was
    // destroyed meanwhile: then the result is dropped. Returns false, running nothing, without a
    // source or after shutdown(). Callers coalesce (ConsolePage does, with CoalescedQuery).
    template<typename Query, typename Apply>
    bool run(QObject *context, Query query, Apply apply)
    {
        using Result = std::decay_t<std::invoke_result_t<Query &, const TraceSource &>>;
        // The result hops back through the controller, which outlives its worker; the context is
        // looked at only there, on its own thread, so deleting it never races with the worker.
        QPointer<QObject> guard(context);
        return post([this, guard, query = std::move(query), apply = std::move(apply)](const TraceSource &source) {
            auto result = std::make_shared<Result>(query(source));
            deliver([guard, apply, result] {
                if (guard)
                    apply(std::move(*result));
            });
        });
    }

    // "Load demo data": `load` fills the store and runs on a thread of its own (seconds of
    // writes); the console refreshes when it is done. Without a loader the button is hidden.
    void setDemoLoader(std::function<DemoLoadOutcome()> load);
    bool isDemoAvailable() const { return bool(m_demoLoader); }
    bool isDemoLoading() const { return m_demoThread != nullptr; }
    Q_INVOKABLE void loadDemoData();

    // Importing trace files (drop, File > Open, `spanlight FILE`): `import` decodes one file and
    // waits for its spans' commit; it runs on a thread of its own, the files one after another.
    // Afterwards importMessage says what each file gave and the first imported trace opens on
    // the Trace page. Files asked for while an import runs are imported after it.
    void setImporter(std::function<ImportOutcome(const QString &path)> import);
    bool isImportAvailable() const { return bool(m_importer); }
    bool isImporting() const { return m_importThread != nullptr; }
    QString importMessage() const { return m_importMessage; }
    bool importFailed() const { return m_importFailed; }
    Q_INVOKABLE void importFiles(const QList<QUrl> &urls); // local file URLs (a drop, a FileDialog)
    void importPaths(const QStringList &paths);
    Q_INVOKABLE void dismissImportMessage();

    Q_INVOKABLE void refresh();
    // Each opens the trace on the Trace page, remembering the page it was opened from.
    Q_INVOKABLE void openTrace(int row); // a row of `traces`
    // False, opening nothing, unless `traceIdHex` is a trace id: 32 hex digits (or 16, as some
    // tracers send), surrounding blanks allowed.
    Q_INVOKABLE bool openTraceId(const QString &traceIdHex);
    // With that span selected (from the errors page). An empty span id selects the root, as
    // opening the trace from the list does.
    Q_INVOKABLE void openTraceSpan(const QString &traceIdHex, const QString &spanIdHex);
    // "Compare with…": the open trace (A, the baseline) against `otherTraceIdHex` (B), shown on
    // the Trace page. False, comparing nothing, for a malformed id or without an open trace
    // (the status bar then says so). Opening another trace closes the comparison.
    Q_INVOKABLE bool compareWithTraceId(const QString &otherTraceIdHex);
    // A spanlight://trace/<id>?span=<id> link (DeepLink): opens its trace with that span
    // selected. False for a malformed link, which the status bar then explains.
    Q_INVOKABLE bool openLink(const QString &link);
    // Back to backPage() (Alt+Left on the Trace page); nothing without one.
    Q_INVOKABLE void goBack();
    // Ctrl+<number>: 1 Dashboard, 2 Traces, 3 Trace, 4 Services, 5 Errors, 6 Dependencies,
    // 7 Performance, 8 Settings, 9 Insights, 0 Alerts.
    Q_INVOKABLE void showShortcutPage(int number);
    static int pageForShortcut(int number); // -1 for numbers without a page
    Q_INVOKABLE void selectSpan(int row); // a row of `waterfall`
    // A trace of more spans opens as the top of its tree, and each "more" row loads at most this
    // many more (TraceAnalysis::kLazySpanBudget; tests set a small one).
    void setSpanBudget(int spans) { m_spanBudget = std::max(1, spans); }
    int spanBudget() const { return m_spanBudget; }
    Q_INVOKABLE void moveSpanSelection(int delta);
    Q_INVOKABLE void collapseOrParent(); // Left on the selected span
    Q_INVOKABLE void expandOrChild(); // Right on the selected span
    Q_INVOKABLE void copyToClipboard(const QString &text) const;
    Q_INVOKABLE void copySelectedTraceId() const;
    // The selected span's deep link (Ctrl+Shift+C on the Trace page); nothing without a span.
    Q_INVOKABLE void copySelectedSpanLink() const;
    // Writes the open trace, as the waterfall holds it, as an OTLP/JSON ExportTraceServiceRequest
    // to `file` (a local file URL); encoding and writing run on the worker thread, and
    // traceExported() reports the outcome, also on the status line. False, doing nothing,
    // without an open trace, a local file or a source.
    Q_INVOKABLE bool exportTrace(const QUrl &file);
    // Where the export dialog starts: trace-<id>.json in the documents (or home) folder.
    Q_INVOKABLE QUrl suggestedExportFile() const;

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
    void currentPageChanged();
    void backPageChanged();
    void traceMessageChanged();
    void pageRefreshIntervalMsChanged();
    void storeCommitted(); // every notifyCommitted(), for the pages' own throttles
    void traceListApplied(); // after each list result reached the model
    void traceApplied(); // after each trace result reached the waterfall
    void subtreeApplied(bool ok); // after a subtree asked for by a "more" row was spliced in (or not)
    void traceNoteChanged();
    void noteChanged(bool ok); // after saveTraceNote()/deleteTraceNote() finished
    void demoChanged();
    void demoLoaded(bool ok); // after loadDemoData()'s load finished
    void importChanged();
    void importFinished(bool ok); // after a set of files was imported; ok: every one of them
    void traceExported(bool ok, const QString &message); // after exportTrace()'s write

private:
    bool post(std::function<void(const TraceSource &)> job);
    void deliver(std::function<void()> apply); // from the worker thread
    void selectTrace(const QByteArray &traceId);
    void showTracePage(); // the page switch of every way of opening a trace
    void setPageEntries();
    void retranslate(); // after the language changed
    void setTraceMessage(const QString &message);
    void updateActivePages();
    QList<ConsolePage *> analysisPages() const;
    void requestList();
    void requestTrace();
    void onListReady(const spanlight::TraceList &list);
    void onTraceReady(const QByteArray &traceId, const std::optional<spanlight::TraceDetails> &details);
    void onRateTick();
    void followSelectedSpan(bool reloaded);
    void loadSubtree(const QByteArray &spanId); // a "more" row of the waterfall, on the worker
    void showSpan(int row, bool rebuildDetails);
    void setStatusMessage(const QString &message);
    // Runs a note change on the worker thread and applies its outcome (saveTraceNote()).
    void changeNote(std::function<NoteChange(const TraceSource &, QString *)> change);
    void startImport();
    void finishImport(const QList<spanlight::ImportOutcome> &outcomes);

    TraceListModel *m_traces;
    WaterfallModel *m_waterfall;
    SpanDetailsModel *m_spanDetails;
    TraceCompare *m_comparison;
    std::shared_ptr<const TraceSource> m_source;
    ConsoleEndpoints m_endpoints;
    TraceFilter m_filter;

    QThread m_thread;
    QueryWorker *m_worker = nullptr;
    bool m_listInFlight = false;
    bool m_listPending = false;
    bool m_traceInFlight = false;
    QSet<QByteArray> m_subtreesInFlight; // span ids of the open trace whose subtrees are being read
    int m_spanBudget = TraceAnalysis::kLazySpanBudget;
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
    std::optional<TraceNote> m_loadedNote; // of that trace
    QString m_noteMessage;
    bool m_noteSaving = false;
    QByteArray m_selectedSpanId;
    int m_selectedSpanRow = -1;
    QString m_statusMessage;
    QByteArray m_requestedSpanId; // openTraceSpan(): select this span once the trace is loaded

    int m_currentPage = Dashboard;
    int m_backPage = -1;
    QString m_traceMessage;
    PageListModel *m_pages;
    ConsoleSettings *m_settings;
    DashboardPage *m_dashboardPage;
    TracesPage *m_tracesPage;
    ServicesPage *m_servicesPage;
    ErrorsPage *m_errorsPage;
    DependenciesPage *m_dependenciesPage;
    PerformancePage *m_performancePage;
    SettingsPage *m_settingsPage;
    InsightsPage *m_insightsPage;
    AlertsPage *m_alertsPage;
    RemoteConnection *m_connection;
    int m_pageRefreshIntervalMs = 5000;
    int m_pageQueries = 0;
    std::function<qint64()> m_clock;
    DisplayTimeZone m_shownTimeZone = DisplayTimeZone::Local; // of the texts the pages show
    std::function<DemoLoadOutcome()> m_demoLoader;
    std::unique_ptr<QThread> m_demoThread;
    std::function<ImportOutcome(const QString &)> m_importer;
    std::unique_ptr<QThread> m_importThread;
    QStringList m_importQueue; // asked for while an import runs
    QString m_importMessage;
    bool m_importFailed = false;
};

} // namespace spanlight
