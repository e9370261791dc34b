#include "consolecontroller.h"

#include "core/ids.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QLocale>

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
    void loadTrace(const std::shared_ptr<const TraceSource> &source, const QByteArray &traceId)
    {
        Q_EMIT traceReady(traceId, source->trace(traceId));
    }

Q_SIGNALS:
    void listReady(const spanlight::TraceList &list);
    void traceReady(const QByteArray &traceId, const std::optional<spanlight::TraceDetails> &details);
};

ConsoleController::ConsoleController(QObject *parent)
    : QObject(parent),
      m_traces(new TraceListModel(this)),
      m_waterfall(new WaterfallModel(this)),
      m_spanDetails(new SpanDetailsModel(this))
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

    m_rateTimer.setInterval(1000);
    connect(&m_rateTimer, &QTimer::timeout, this, &ConsoleController::onRateTick);

    // Collapsing can hide the selected span: the selection moves to the ancestor showing it.
    connect(m_waterfall, &QAbstractItemModel::rowsInserted, this, [this] { followSelectedSpan(false); });
    connect(m_waterfall, &QAbstractItemModel::rowsRemoved, this, [this] { followSelectedSpan(false); });
    connect(m_waterfall, &QAbstractItemModel::modelReset, this, [this] { followSelectedSpan(true); });
}

ConsoleController::~ConsoleController()
{
    shutdown();
}

void ConsoleController::shutdown()
{
    m_refreshTimer.stop();
    m_rateTimer.stop();
    if (!m_worker)
        return;
    m_thread.quit();
    m_thread.wait();
    delete m_worker; // its thread is gone, so deleting it here is safe; queued calls are dropped
    m_worker = nullptr;
    m_listInFlight = m_traceInFlight = false;
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
}

void ConsoleController::setEndpoints(const ConsoleEndpoints &endpoints)
{
    m_endpoints = endpoints;
    Q_EMIT endpointsChanged();
}

QString ConsoleController::statusText() const
{
    if (!m_source)
        return tr("Not connected to a server");
    if (!m_statusMessage.isEmpty())
        return m_statusMessage;
    return tr("Live");
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
        m_worker, [worker = m_worker, source = m_source, id = m_selectedTraceId] { worker->loadTrace(source, id); },
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
    // Late spans of the open trace: reload it.
    if (!m_selectedTraceId.isEmpty() && m_waterfall->hasTrace()) {
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
                m_selectedSpanId = details->spans.isEmpty() ? QByteArray() : details->spans.first().span.spanId;
            m_loadedSummary = details->summary;
            m_waterfall->setTrace(*details); // modelReset re-selects m_selectedSpanId
            setStatusMessage({});
        } else {
            m_loadedSummary = {};
            m_waterfall->clear();
            setStatusMessage(tr("Trace %1 is not (or no longer) stored").arg(idToHex(traceId)));
        }
        Q_EMIT traceApplied();
    }
    if (m_tracePending) {
        m_tracePending = false;
        requestTrace();
    }
}

void ConsoleController::openTrace(int row)
{
    const TraceSummary *summary = m_traces->summaryAt(row);
    if (!summary)
        return;
    if (m_selectedTraceId != summary->traceId) {
        m_selectedTraceId = summary->traceId;
        Q_EMIT selectedTraceChanged();
    }
    requestTrace();
}

void ConsoleController::openTraceId(const QString &traceIdHex)
{
    const QByteArray id = idFromHex(traceIdHex, 16);
    if (id.isEmpty())
        return;
    if (m_selectedTraceId != id) {
        m_selectedTraceId = id;
        Q_EMIT selectedTraceChanged();
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

void ConsoleController::setStatusMessage(const QString &message)
{
    if (message == m_statusMessage)
        return;
    m_statusMessage = message;
    Q_EMIT statusChanged();
}

} // namespace spanlight

#include "consolecontroller.moc"
