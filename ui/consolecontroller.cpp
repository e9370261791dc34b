#include "consolecontroller.h"

#include "core/ids.h"
#include "deeplink.h"
#include "displaytext.h"
#include "traceexport.h"

#include <QClipboard>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QKeySequence>
#include <QLocale>
#include <QStandardPaths>
#include <QUrl>

#include <utility>

namespace spanlight {

// Lives on the controller's thread and only runs queries; it keeps no state, so results
// are complete value snapshots that the GUI thread owns once delivered.
class QueryWorker : public QObject
{
    Q_OBJECT
public:
    void listTraces(const std::shared_ptr<const TraceSource> &source, const TraceFilter &filter)
    {
        Q_EMIT listReady(source->listTraces(filter));
    }
    void loadTrace(const std::shared_ptr<const TraceSource> &source, const QByteArray &traceId, int spanBudget)
    {
        // A big trace opens as the top of its tree; "more" rows load the rest (loadSubtree()).
        Q_EMIT traceReady(traceId, source->traceTop(traceId, spanBudget));
    }

Q_SIGNALS:
    void listReady(const spanlight::TraceList &list);
    void traceReady(const QByteArray &traceId, const std::optional<spanlight::TraceDetails> &details);
};

ConsoleController::ConsoleController(QObject *parent)
    : QObject(parent),
      m_traces(new TraceListModel(this)),
      m_waterfall(new WaterfallModel(this)),
      m_spanDetails(new SpanDetailsModel(this)),
      m_comparison(new TraceCompare(this)),
      m_pages(new PageListModel(this)),
      m_settings(new ConsoleSettings(this)),
      m_dashboardPage(new DashboardPage(this)),
      m_tracesPage(new TracesPage(this)),
      m_servicesPage(new ServicesPage(this)),
      m_errorsPage(new ErrorsPage(this)),
      m_dependenciesPage(new DependenciesPage(this)),
      m_performancePage(new PerformancePage(this)),
      m_settingsPage(new SettingsPage(this)),
      m_insightsPage(new InsightsPage(this)),
      m_alertsPage(new AlertsPage(this)),
      m_connection(new RemoteConnection(this))
{
    qRegisterMetaType<TraceList>();
    qRegisterMetaType<std::optional<TraceDetails>>();

    m_filter.limit = 200;
    m_thread.setObjectName(QStringLiteral("console queries"));
    m_worker = new QueryWorker; // deleted in shutdown(), after its thread ended
    m_worker->moveToThread(&m_thread);
    connect(m_worker, &QueryWorker::listReady, this, &ConsoleController::onListReady);
    connect(m_worker, &QueryWorker::traceReady, this, &ConsoleController::onTraceReady);
    m_thread.start();

    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(500);
    connect(&m_refreshTimer, &QTimer::timeout, this, &ConsoleController::requestList);

    connect(m_connection, &RemoteConnection::stateChanged, this, &ConsoleController::statusChanged);

    m_rateTimer.setInterval(1000);
    connect(&m_rateTimer, &QTimer::timeout, this, &ConsoleController::onRateTick);

    // Collapsing can hide the selected span: the selection moves to the ancestor showing it.
    connect(m_waterfall, &QAbstractItemModel::rowsInserted, this, [this] { followSelectedSpan(false); });
    connect(m_waterfall, &QAbstractItemModel::rowsRemoved, this, [this] { followSelectedSpan(false); });
    connect(m_waterfall, &QAbstractItemModel::modelReset, this, [this] { followSelectedSpan(true); });
    connect(m_waterfall, &WaterfallModel::loadRequested, this, &ConsoleController::loadSubtree);

    setPageEntries();
    connect(m_settings, &ConsoleSettings::languageChanged, this, &ConsoleController::retranslate);
    // The times C++ formats follow the zone the same way as the texts follow the language.
    m_shownTimeZone = displayTimeZone();
    connect(m_settings, &ConsoleSettings::timeZoneChanged, this, [this] {
        m_tracesPage->reexpressCustomRange(m_shownTimeZone);
        m_shownTimeZone = displayTimeZone();
        retranslate();
    });
    updateActivePages(); // the start page is an analysis page
}

void ConsoleController::setPageEntries()
{
    const auto shortcut = [](Qt::Key key) { return QKeySequence(Qt::CTRL | key).toString(QKeySequence::NativeText); };
    // Side bar order is Page order, except that Insights and Alerts follow Performance.
    m_pages->setEntries(QList<PageEntry>{
        {Dashboard, tr("Dashboard"), QStringLiteral("\u25A6"), shortcut(Qt::Key_1), true, {}},
        {Traces, tr("Traces"), QStringLiteral("\u2261"), shortcut(Qt::Key_2), true, {}},
        {Trace, tr("Trace"), QStringLiteral("\u21F6"), shortcut(Qt::Key_3), true, {}},
        {Services, tr("Services"), QStringLiteral("\u25A4"), shortcut(Qt::Key_4), true, {}},
        {Errors, tr("Errors"), QStringLiteral("\u26A0"), shortcut(Qt::Key_5), true, {}},
        {Dependencies, tr("Dependencies"), QStringLiteral("\u2387"), shortcut(Qt::Key_6), true, {}},
        {Performance, tr("Performance"), QStringLiteral("\u25F7"), shortcut(Qt::Key_7), true, {}},
        {Insights, tr("Insights"), QStringLiteral("\u2726"), shortcut(Qt::Key_9), true, {}},
        {Alerts, tr("Alerts"), QStringLiteral("\u2691"), shortcut(Qt::Key_0), true, {}},
        {Settings, tr("Settings"), QStringLiteral("\u2699"), shortcut(Qt::Key_8), true, {}},
    });
}

void ConsoleController::retranslate()
{
    // QML's qsTr() bindings follow QQmlEngine::retranslate(); the texts made here follow now
    // or with the next result of each query.
    setPageEntries();
    Q_EMIT backPageChanged();
    Q_EMIT statusChanged();
    Q_EMIT statsChanged();
    for (ConsolePage *page : analysisPages())
        page->retranslate();
    m_settingsPage->retranslate();
    m_comparison->retranslate();
    refresh();
    if (m_waterfall->hasTrace())
        requestTrace();
}

ConsoleController::~ConsoleController()
{
    shutdown();
}

void ConsoleController::shutdown()
{
    m_refreshTimer.stop();
    m_rateTimer.stop();
    if (m_demoThread)
        m_demoThread->wait(); // its writes must be done before the store closes
    m_importQueue.clear();
    if (m_importThread)
        m_importThread->wait(); // the same for an import
    if (!m_worker)
        return;
    m_thread.quit();
    m_thread.wait();
    delete m_worker; // its thread is gone, so deleting it here is safe; queued calls are dropped
    m_worker = nullptr;
    m_listInFlight = m_traceInFlight = false;
}

bool ConsoleController::post(std::function<void(const TraceSource &)> job)
{
    if (!m_source || !m_worker)
        return false;
    ++m_pageQueries;
    QMetaObject::invokeMethod(
        m_worker, [source = m_source, job = std::move(job)] { job(*source); }, Qt::QueuedConnection);
    return true;
}

void ConsoleController::deliver(std::function<void()> apply)
{
    // The worker runs only while the controller exists (shutdown() waits for it), so `this` is
    // alive here; the queued call dies with the controller if it is never delivered.
    QMetaObject::invokeMethod(this, std::move(apply), Qt::QueuedConnection);
}

qint64 ConsoleController::nowNs() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch() * 1000000;
}

void ConsoleController::setCurrentPage(int page)
{
    if (page < 0 || page >= PageCount || page == m_currentPage)
        return;
    m_currentPage = page;
    Q_EMIT currentPageChanged();
    updateActivePages();
}

QList<ConsolePage *> ConsoleController::analysisPages() const
{
    return { m_dashboardPage, m_tracesPage, m_servicesPage, m_errorsPage, m_dependenciesPage, m_performancePage,
        m_insightsPage, m_alertsPage };
}

void ConsoleController::updateActivePages()
{
    m_dashboardPage->setActive(m_currentPage == Dashboard);
    m_tracesPage->setActive(m_currentPage == Traces);
    m_servicesPage->setActive(m_currentPage == Services);
    m_errorsPage->setActive(m_currentPage == Errors);
    m_dependenciesPage->setActive(m_currentPage == Dependencies);
    m_performancePage->setActive(m_currentPage == Performance);
    m_insightsPage->setActive(m_currentPage == Insights);
    m_alertsPage->setActive(m_currentPage == Alerts);
    m_settingsPage->setActive(m_currentPage == Settings && m_source);
}

int ConsoleController::pageForShortcut(int number)
{
    switch (number) {
    case 1:
        return Dashboard;
    case 2:
        return Traces;
    case 3:
        return Trace;
    case 4:
        return Services;
    case 5:
        return Errors;
    case 6:
        return Dependencies;
    case 7:
        return Performance;
    case 8:
        return Settings;
    case 9:
        return Insights;
    case 0:
        return Alerts;
    default:
        return -1;
    }
}

QString ConsoleController::backPageTitle() const
{
    return m_backPage >= 0 ? m_pages->titleOf(m_backPage) : QString();
}

void ConsoleController::showTracePage()
{
    if (m_currentPage != Trace && m_backPage != m_currentPage) {
        m_backPage = m_currentPage;
        Q_EMIT backPageChanged();
    }
    setCurrentPage(Trace);
}

void ConsoleController::goBack()
{
    if (m_backPage >= 0)
        setCurrentPage(m_backPage);
}

void ConsoleController::setTraceMessage(const QString &message)
{
    if (message == m_traceMessage)
        return;
    m_traceMessage = message;
    Q_EMIT traceMessageChanged();
}

void ConsoleController::showShortcutPage(int number)
{
    setCurrentPage(pageForShortcut(number));
}

void ConsoleController::setPageRefreshIntervalMs(int ms)
{
    ms = std::max(0, ms);
    if (ms == m_pageRefreshIntervalMs)
        return;
    m_pageRefreshIntervalMs = ms;
    Q_EMIT pageRefreshIntervalMsChanged();
}

void ConsoleController::setSource(std::shared_ptr<const TraceSource> source)
{
    m_source = std::move(source);
    m_rateClock.start();
    m_spansSinceTick = 0;
    if (m_source)
        m_rateTimer.start();
    else
        m_rateTimer.stop();
    Q_EMIT statusChanged();
    refresh();
    for (ConsolePage *page : analysisPages())
        if (page->isActive())
            page->refresh();
    updateActivePages(); // the Settings page reads the storage only with a source
}

void ConsoleController::setEndpoints(const ConsoleEndpoints &endpoints)
{
    m_endpoints = endpoints;
    Q_EMIT endpointsChanged();
}

void ConsoleController::setApiToken(const QString &token)
{
    if (token == m_endpoints.apiToken)
        return;
    m_endpoints.apiToken = token;
    Q_EMIT endpointsChanged();
}

QString ConsoleController::statusText() const
{
    if (!m_source)
        return tr("Not connected to a server");
    if (m_connection->isRemote() && !m_connection->error().isEmpty())
        return m_connection->error();
    if (!m_statusMessage.isEmpty())
        return m_statusMessage;
    return m_connection->isRemote() ? tr("Live from %1").arg(m_connection->target()) : tr("Live");
}

QString ConsoleController::spansPerSecondText() const
{
    return tr("%1 spans/s").arg(QLocale().toString(m_spansPerSecond, 'f', m_spansPerSecond < 10 ? 1 : 0));
}

QString ConsoleController::selectedTraceId() const
{
    return idToHex(m_selectedTraceId);
}

void ConsoleController::setRefreshIntervalMs(int ms)
{
    ms = std::max(0, ms);
    if (ms == m_refreshTimer.interval())
        return;
    m_refreshTimer.setInterval(ms);
    Q_EMIT refreshIntervalMsChanged();
}

void ConsoleController::setTraceLimit(int limit)
{
    limit = std::clamp(limit, 1, 10000);
    if (limit == m_filter.limit)
        return;
    m_filter.limit = limit;
    Q_EMIT traceLimitChanged();
    refresh();
}

void ConsoleController::refresh()
{
    requestList();
}

void ConsoleController::notifyCommitted(qint64 spans, qint64 traces)
{
    Q_UNUSED(traces)
    m_spansSinceTick += spans;
    Q_EMIT storeCommitted();
    // The first commit after a quiet period starts the timer; later ones ride along, so the
    // list refreshes at most once per interval however fast commits come.
    if (!m_refreshTimer.isActive())
        m_refreshTimer.start();
}

void ConsoleController::requestList()
{
    if (!m_source || !m_worker)
        return;
    if (m_listInFlight) {
        m_listPending = true;
        return;
    }
    m_listInFlight = true;
    ++m_listQueries;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, source = m_source, filter = m_filter] { worker->listTraces(source, filter); },
        Qt::QueuedConnection);
}

void ConsoleController::requestTrace()
{
    if (!m_source || !m_worker || m_selectedTraceId.isEmpty())
        return;
    if (m_traceInFlight) {
        m_tracePending = true; // the follow-up asks for whatever is selected by then
        return;
    }
    m_traceInFlight = true;
    ++m_traceQueries;
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, source = m_source, id = m_selectedTraceId, budget = m_spanBudget] {
            worker->loadTrace(source, id, budget);
        },
        Qt::QueuedConnection);
}

void ConsoleController::onListReady(const TraceList &list)
{
    m_listInFlight = false;
    m_traces->setTraces(list.result.traces);
    if (m_traceCount != list.result.totalCount) {
        m_traceCount = list.result.totalCount;
        Q_EMIT statsChanged();
    }
    // Late spans of the open trace: reload it. Not a partial one: a reload would drop the
    // subtrees loaded since, and a trace that big is rarely still growing.
    if (!m_selectedTraceId.isEmpty() && m_waterfall->hasTrace() && !m_waterfall->isPartial()) {
        const TraceSummary *now = m_traces->summaryAt(m_traces->rowOf(m_selectedTraceId));
        if (now
            && (now->spanCount != m_loadedSummary.spanCount || now->endNs != m_loadedSummary.endNs
                || now->startNs != m_loadedSummary.startNs || now->status != m_loadedSummary.status))
            requestTrace();
    }
    Q_EMIT traceListApplied();
    if (m_listPending) {
        m_listPending = false;
        requestList();
    }
}

void ConsoleController::onTraceReady(const QByteArray &traceId, const std::optional<TraceDetails> &details)
{
    m_traceInFlight = false;
    if (traceId == m_selectedTraceId) { // else the user moved on; the pending request covers it
        if (details) {
            const bool sameTrace = m_waterfall->hasTrace() && m_waterfall->traceId() == traceId;
            if (!sameTrace)
                m_subtreesInFlight.clear();
            const QByteArray requested = std::exchange(m_requestedSpanId, {});
            if (!requested.isEmpty())
                m_selectedSpanId = requested;
            else if (!sameTrace)
                m_selectedSpanId = details->spans.isEmpty() ? QByteArray() : details->spans.first().span.spanId;
            m_loadedSummary = details->summary;
            m_loadedNote = details->note;
            Q_EMIT traceNoteChanged();
            // A span asked for by id opens the groups and ancestors that hide it; modelReset
            // re-selects m_selectedSpanId.
            m_waterfall->setTrace(*details, requested);
            setStatusMessage({});
            setTraceMessage({});
        } else {
            m_loadedSummary = {};
            m_loadedNote.reset();
            Q_EMIT traceNoteChanged();
            m_waterfall->clear();
            const QString missing = tr("Trace %1 is not (or no longer) stored").arg(idToHex(traceId));
            setStatusMessage(missing);
            setTraceMessage(missing);
        }
        Q_EMIT traceApplied();
    }
    if (m_tracePending) {
        m_tracePending = false;
        requestTrace();
    }
}

QString ConsoleController::traceNoteInfo() const
{
    if (!m_loadedNote)
        return {};
    return tr("By %1, %2").arg(m_loadedNote->author, dateTimeText(m_loadedNote->updatedNs));
}

void ConsoleController::saveTraceNote(const QString &text)
{
    if (m_selectedTraceId.isEmpty() || m_noteSaving)
        return;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        deleteTraceNote();
        return;
    }
    if (const QString problem = TraceAnalysis::noteProblem(trimmed); !problem.isEmpty()) {
        m_noteMessage = tr("The note is too long: at most %1 bytes").arg(TraceAnalysis::kMaxNoteBytes);
        Q_EMIT traceNoteChanged();
        Q_EMIT noteChanged(false);
        return;
    }
    changeNote([id = m_selectedTraceId, trimmed](const TraceSource &source, QString *error) {
        return source.setNote(id, trimmed, QStringLiteral("console"), error);
    });
}

void ConsoleController::deleteTraceNote()
{
    if (m_selectedTraceId.isEmpty() || m_noteSaving)
        return;
    if (!m_loadedNote) // nothing to delete
        return;
    changeNote([id = m_selectedTraceId](const TraceSource &source, QString *error) {
        const NoteChange change = source.deleteNote(id, error);
        return change == NoteChange::NoNote ? NoteChange::Done : change; // gone already
    });
}

void ConsoleController::changeNote(std::function<NoteChange(const TraceSource &, QString *)> change)
{
    const bool started = run(
        this,
        [change = std::move(change)](const TraceSource &source) {
            QString error;
            const NoteChange outcome = change(source, &error);
            return std::pair<NoteChange, QString>(outcome, error);
        },
        [this](const std::pair<NoteChange, QString> &result) {
            m_noteSaving = false;
            const bool ok = result.first == NoteChange::Done;
            m_noteMessage = ok ? QString()
                : result.first == NoteChange::NoTrace ? tr("The trace is no longer stored")
                                                      : tr("The note was not saved: %1").arg(result.second);
            Q_EMIT traceNoteChanged();
            if (ok) { // the waterfall's trace and every list show the note
                requestTrace();
                requestList();
                for (ConsolePage *page : analysisPages())
                    if (page->isActive()) // the others refresh when shown
                        page->refresh();
            }
            Q_EMIT noteChanged(ok);
        });
    if (!started)
        return;
    m_noteSaving = true;
    m_noteMessage.clear();
    Q_EMIT traceNoteChanged();
}

void ConsoleController::openTrace(int row)
{
    const TraceSummary *summary = m_traces->summaryAt(row);
    if (!summary)
        return;
    m_requestedSpanId.clear();
    showTracePage();
    selectTrace(summary->traceId);
}

bool ConsoleController::openTraceId(const QString &traceIdHex)
{
    const QByteArray id = idFromHex(traceIdHex.trimmed(), 16);
    if (id.isEmpty())
        return false;
    m_requestedSpanId.clear();
    showTracePage();
    selectTrace(id);
    return true;
}

void ConsoleController::openTraceSpan(const QString &traceIdHex, const QString &spanIdHex)
{
    const QByteArray traceId = idFromHex(traceIdHex, 16);
    const QByteArray spanId = idFromHex(spanIdHex, 8);
    if (traceId.isEmpty())
        return;
    showTracePage();
    m_requestedSpanId = spanId;
    // The trace may be open already: select the span now; the reload below keeps it.
    if (!spanId.isEmpty() && m_waterfall->hasTrace() && m_waterfall->traceId() == traceId) {
        const int row = m_waterfall->revealSpan(spanId);
        if (row >= 0)
            showSpan(row, false);
    }
    selectTrace(traceId);
}

bool ConsoleController::compareWithTraceId(const QString &otherTraceIdHex)
{
    const QByteArray other = idFromHex(otherTraceIdHex.trimmed(), 16);
    if (other.isEmpty())
        return false;
    if (m_selectedTraceId.isEmpty()) {
        setStatusMessage(tr("Open a trace first, then compare another trace with it"));
        return false;
    }
    showTracePage();
    m_comparison->start(m_selectedTraceId, other);
    return true;
}

bool ConsoleController::openLink(const QString &link)
{
    QString error;
    const std::optional<DeepLink> parsed = DeepLink::parse(link, &error);
    if (!parsed) {
        setStatusMessage(error);
        return false;
    }
    openTraceSpan(idToHex(parsed->traceId), idToHex(parsed->spanId));
    return true;
}

void ConsoleController::selectTrace(const QByteArray &traceId)
{
    if (m_selectedTraceId != traceId) {
        m_comparison->close(); // it compared the trace that was open
        m_selectedTraceId = traceId;
        Q_EMIT selectedTraceChanged();
        setTraceMessage({});
    }
    requestTrace();
}

void ConsoleController::selectSpan(int row)
{
    showSpan(row, false);
}

void ConsoleController::showSpan(int row, bool rebuildDetails)
{
    const SpanView *view = m_waterfall->spanAt(row);
    if (!view) {
        if (m_waterfall->rowCount() > 0)
            return; // an out-of-range request keeps the selection
        row = -1;
        m_selectedSpanId.clear();
        if (m_spanDetails->hasSpan())
            m_spanDetails->clear();
    } else if (rebuildDetails || view->span.spanId != m_selectedSpanId || !m_spanDetails->hasSpan()) {
        m_selectedSpanId = view->span.spanId;
        m_spanDetails->setSpan(*view, m_waterfall->timeScale().startNs());
    }
    // A group row and its first member show the same span; only the group says what it stands for.
    m_spanDetails->setGroupText(view ? m_waterfall->groupSummary(row) : QString());
    if (row != m_selectedSpanRow) {
        m_selectedSpanRow = row;
        Q_EMIT selectedSpanRowChanged();
    }
}

void ConsoleController::moveSpanSelection(int delta)
{
    const int last = m_waterfall->rowCount() - 1;
    if (last >= 0)
        selectSpan(std::clamp(m_selectedSpanRow + delta, 0, last));
}

void ConsoleController::collapseOrParent()
{
    selectSpan(m_waterfall->collapseOrParent(m_selectedSpanRow));
}

void ConsoleController::expandOrChild()
{
    selectSpan(m_waterfall->expandOrChild(m_selectedSpanRow));
}

void ConsoleController::followSelectedSpan(bool reloaded)
{
    // The span keeps the selection through collapsing (then its visible ancestor takes it)
    // and reloads; a trace without it starts at the root.
    const int row = m_waterfall->rowShowing(m_selectedSpanId);
    showSpan(row >= 0 ? row : 0, reloaded);
}

void ConsoleController::loadSubtree(const QByteArray &spanId)
{
    if (!m_waterfall->hasTrace() || m_subtreesInFlight.contains(spanId))
        return;
    const QByteArray traceId = m_waterfall->traceId();
    m_subtreesInFlight.insert(spanId);
    const bool posted = run(
        this,
        [traceId, spanId, budget = m_spanBudget](const TraceSource &source) {
            return source.traceSubtree(traceId, spanId, budget);
        },
        [this, traceId, spanId](std::optional<TraceSubtree> subtree) {
            if (!m_subtreesInFlight.remove(spanId) || !m_waterfall->hasTrace() || m_waterfall->traceId() != traceId)
                return; // another trace is open by now
            const bool ok = subtree && m_waterfall->splice(*subtree);
            if (!ok)
                setStatusMessage(tr("The spans below could not be loaded"));
            Q_EMIT subtreeApplied(ok);
        });
    if (!posted)
        m_subtreesInFlight.remove(spanId);
}

void ConsoleController::copyToClipboard(const QString &text) const
{
    if (QClipboard *clipboard = QGuiApplication::clipboard())
        clipboard->setText(text);
}

void ConsoleController::copySelectedTraceId() const
{
    if (!m_selectedTraceId.isEmpty())
        copyToClipboard(idToHex(m_selectedTraceId));
}

void ConsoleController::copySelectedSpanLink() const
{
    if (m_spanDetails->hasSpan())
        copyToClipboard(m_spanDetails->link());
}

bool ConsoleController::exportTrace(const QUrl &file)
{
    if (!m_waterfall->hasTrace() || !file.isLocalFile())
        return false;
    const QString path = file.toLocalFile();
    // A value copy (shared, not deep) of what the waterfall shows; the worker only reads it. A
    // partial trace is exported whole: the worker reads every span.
    const TraceDetails trace = m_waterfall->details();
    return run(
        this,
        [trace, path](const TraceSource &source) {
            if (trace.partial) {
                if (const std::optional<TraceDetails> whole = source.trace(trace.summary.traceId))
                    return writeTraceOtlpJson(*whole, path);
            }
            return writeTraceOtlpJson(trace, path);
        },
        [this, path](const TraceExportOutcome &outcome) {
            const QString message = outcome.ok
                ? tr("Exported %n span(s) to %1", "", int(outcome.spans)).arg(QDir::toNativeSeparators(path))
                : outcome.error;
            setStatusMessage(message);
            Q_EMIT traceExported(outcome.ok, message);
        });
}

QUrl ConsoleController::suggestedExportFile() const
{
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty() || !QFileInfo(folder).isDir())
        folder = QDir::homePath();
    const QString name = QStringLiteral("trace-") + (m_selectedTraceId.isEmpty() ? QStringLiteral("export")
                                                                                  : idToHex(m_selectedTraceId));
    return QUrl::fromLocalFile(folder + u'/' + name + QStringLiteral(".json"));
}

void ConsoleController::onRateTick()
{
    const qint64 elapsed = m_rateClock.restart();
    const double rate = elapsed > 0 ? double(m_spansSinceTick) * 1000.0 / double(elapsed) : 0;
    m_spansSinceTick = 0;
    if (rate != m_spansPerSecond) {
        m_spansPerSecond = rate;
        Q_EMIT statsChanged();
    }
}

void ConsoleController::setDemoLoader(std::function<DemoLoadOutcome()> load)
{
    m_demoLoader = std::move(load);
    Q_EMIT demoChanged();
}

void ConsoleController::loadDemoData()
{
    if (!m_demoLoader || m_demoThread || !m_worker)
        return;
    m_demoThread.reset(QThread::create([this, load = m_demoLoader] {
        const DemoLoadOutcome outcome = load();
        // Delivered only while the controller exists; shutdown() waits for this thread.
        QMetaObject::invokeMethod(
            this,
            [this, outcome] {
                m_demoThread->wait();
                m_demoThread.reset();
                setStatusMessage(outcome.ok ? tr("Demo data loaded: %n span(s)", "", int(outcome.spans))
                                                  + u' ' + tr("in %1 s").arg(outcome.seconds, 0, 'f', 1)
                                            : tr("Loading demo data failed: %1").arg(outcome.error));
                refresh();
                for (ConsolePage *page : analysisPages())
                    if (page->isActive())
                        page->refresh();
                Q_EMIT demoChanged();
                Q_EMIT demoLoaded(outcome.ok);
            },
            Qt::QueuedConnection);
    }));
    m_demoThread->setObjectName(QStringLiteral("demo-load"));
    m_demoThread->start();
    setStatusMessage(tr("Loading demo data…"));
    Q_EMIT demoChanged();
}

void ConsoleController::setImporter(std::function<ImportOutcome(const QString &)> import)
{
    m_importer = std::move(import);
    Q_EMIT importChanged();
}

void ConsoleController::importFiles(const QList<QUrl> &urls)
{
    QStringList paths;
    QStringList refused;
    for (const QUrl &url : urls) {
        if (url.isLocalFile())
            paths.append(url.toLocalFile());
        else
            refused.append(url.toDisplayString());
    }
    if (!refused.isEmpty()) {
        m_importMessage = tr("Only local files can be imported: %1").arg(refused.join(QStringLiteral(", ")));
        m_importFailed = true;
        Q_EMIT importChanged();
    }
    importPaths(paths);
}

void ConsoleController::importPaths(const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    if (!m_importer || !m_worker) {
        m_importMessage = tr("Importing needs the embedded server's store.");
        m_importFailed = true;
        Q_EMIT importChanged();
        Q_EMIT importFinished(false);
        return;
    }
    m_importQueue += paths;
    if (!m_importThread)
        startImport();
}

void ConsoleController::startImport()
{
    const QStringList paths = std::exchange(m_importQueue, {});
    m_importThread.reset(QThread::create([this, import = m_importer, paths] {
        QList<ImportOutcome> outcomes;
        for (const QString &path : paths)
            outcomes.append(import(path));
        // Delivered only while the controller exists; shutdown() waits for this thread.
        QMetaObject::invokeMethod(this, [this, outcomes] { finishImport(outcomes); }, Qt::QueuedConnection);
    }));
    m_importThread->setObjectName(QStringLiteral("trace-import"));
    m_importThread->start();
    QStringList names;
    for (const QString &path : paths)
        names.append(QFileInfo(path).fileName());
    setStatusMessage(tr("Importing %1…").arg(names.join(QStringLiteral(", "))));
    Q_EMIT importChanged();
}

void ConsoleController::finishImport(const QList<ImportOutcome> &outcomes)
{
    m_importThread->wait();
    m_importThread.reset();
    QStringList lines;
    bool allOk = true;
    QByteArray openId;
    for (const ImportOutcome &o : outcomes) {
        QString line;
        if (o.ok()) {
            line = tr("Imported %Ln span(s) from %1", "", int(o.spans)).arg(o.fileName) + u' '
                + tr("(%Ln trace(s)).", "", int(o.traces));
            if (openId.isEmpty())
                openId = o.firstTraceId;
        } else {
            allOk = false;
            line = tr("Could not import %1: %2").arg(o.fileName, o.error);
            if (o.spans > 0)
                line += u' ' + tr("%Ln span(s) were stored before that.", "", int(o.spans));
        }
        if (o.rejectedSpans > 0)
            line += u' ' + tr("%Ln span(s) rejected: %1", "", int(o.rejectedSpans)).arg(o.rejectMessage);
        lines.append(line);
    }
    m_importMessage = lines.join(u'\n');
    m_importFailed = !allOk;
    setStatusMessage(allOk ? tr("Import finished") : tr("Import failed"));
    Q_EMIT importChanged();
    if (!openId.isEmpty())
        openTraceId(idToHex(openId));
    refresh();
    for (ConsolePage *page : analysisPages())
        if (page->isActive())
            page->refresh();
    Q_EMIT importFinished(allOk);
    if (!m_importQueue.isEmpty() && m_worker)
        startImport();
}

void ConsoleController::dismissImportMessage()
{
    if (m_importMessage.isEmpty())
        return;
    m_importMessage.clear();
    m_importFailed = false;
    Q_EMIT importChanged();
}

void ConsoleController::setStatusMessage(const QString &message)
{
    if (message == m_statusMessage)
        return;
    m_statusMessage = message;
    Q_EMIT statusChanged();
}

} // namespace spanlight

#include "consolecontroller.moc"
