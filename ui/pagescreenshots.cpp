#include "pagescreenshots.h"

#include "consolecontroller.h"

#include <QDir>
#include <QImage>
#include <QQuickWindow>

namespace spanlight {

namespace {

// After a page has its data: at least this long and this many frames before the grab, so that
// bindings, layouts and ChartView's asynchronous rendering have caught up.
constexpr int kSettleMs = 400;
constexpr int kSettleFrames = 2;
// Offscreen, nothing may ask for a frame once the page is still; the grab renders anyway.
constexpr int kMaxSettleMs = 2000;

} // namespace

PageScreenshots::PageScreenshots(QQuickWindow *window, ConsoleController *controller, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_controller(controller)
{
    m_poll.setInterval(50);
    connect(&m_poll, &QTimer::timeout, this, &PageScreenshots::poll);
    connect(window, &QQuickWindow::frameSwapped, this, [this] {
        if (m_framesSinceReady >= 0)
            ++m_framesSinceReady;
    });
    connect(controller, &ConsoleController::traceApplied, this, [this] { ++m_traceResults; });
}

QList<PageShot> PageScreenshots::everyPage(const QString &traceIdHex, const QString &serviceName)
{
    return {
        { QStringLiteral("dashboard"), ConsoleController::Dashboard, {}, {} },
        { QStringLiteral("traces"), ConsoleController::Traces, {}, {} },
        { QStringLiteral("trace"), ConsoleController::Trace, traceIdHex, {} },
        { QStringLiteral("services"), ConsoleController::Services, {}, serviceName },
        { QStringLiteral("errors"), ConsoleController::Errors, {}, {} },
        { QStringLiteral("dependencies"), ConsoleController::Dependencies, {}, {} },
        { QStringLiteral("performance"), ConsoleController::Performance, {}, {} },
        { QStringLiteral("insights"), ConsoleController::Insights, {}, {} },
        { QStringLiteral("alerts"), ConsoleController::Alerts, {}, {} },
        { QStringLiteral("settings"), ConsoleController::Settings, {}, {} },
    };
}

bool PageScreenshots::save(QQuickWindow *window, const QString &path, QString *error)
{
    const QImage shot = window->grabWindow();
    if (shot.isNull()) {
        *error = QStringLiteral("the window could not be grabbed");
        return false;
    }
    if (!shot.save(path, "PNG")) {
        *error = QStringLiteral("cannot write %1").arg(path);
        return false;
    }
    return true;
}

void PageScreenshots::start(const QList<PageShot> &shots, const QString &dir)
{
    m_shots = shots;
    m_dir = dir;
    m_next = 0;
    m_written.clear();
    m_error.clear();
    if (!QDir().mkpath(dir)) {
        // Reported from the event loop, like every other outcome.
        QMetaObject::invokeMethod(
            this, [this] { fail(QStringLiteral("cannot create %1").arg(m_dir)); }, Qt::QueuedConnection);
        return;
    }
    QMetaObject::invokeMethod(this, &PageScreenshots::begin, Qt::QueuedConnection);
}

void PageScreenshots::begin()
{
    if (!m_window) {
        fail(QStringLiteral("the window is gone"));
        return;
    }
    if (m_next >= m_shots.size()) {
        m_poll.stop();
        Q_EMIT finished(true);
        return;
    }
    const PageShot &shot = m_shots.at(m_next);
    m_framesSinceReady = -1;
    m_traceResults = 0;
    // Opening a trace shows the Trace page; the shot's own page comes after it.
    if (!shot.traceIdHex.isEmpty())
        m_controller->openTraceId(shot.traceIdHex);
    m_controller->setCurrentPage(shot.page);
    if (!shot.serviceName.isEmpty())
        m_controller->servicesPage()->selectService(shot.serviceName);
    m_clock.start();
    m_poll.start();
}

bool PageScreenshots::ready(const PageShot &shot) const
{
    switch (shot.page) {
    case ConsoleController::Dashboard:
        return m_controller->dashboardPage()->isLoaded() && !m_controller->dashboardPage()->isLoading();
    case ConsoleController::Traces:
        return m_controller->tracesPage()->isLoaded() && !m_controller->tracesPage()->isLoading()
            && m_controller->tracesPage()->results()->rowCount() > 0;
    case ConsoleController::Trace:
        return shot.traceIdHex.isEmpty()
            || (m_traceResults > 0 && m_controller->selectedTraceId() == shot.traceIdHex
                && m_controller->waterfall()->rowCount() > 0);
    case ConsoleController::Services:
        return m_controller->servicesPage()->isLoaded() && !m_controller->servicesPage()->isLoading();
    case ConsoleController::Errors:
        return m_controller->errorsPage()->isLoaded() && !m_controller->errorsPage()->isLoading();
    case ConsoleController::Dependencies:
        return m_controller->dependenciesPage()->isLoaded() && !m_controller->dependenciesPage()->isLoading();
    case ConsoleController::Performance:
        return m_controller->performancePage()->isLoaded() && !m_controller->performancePage()->isLoading();
    case ConsoleController::Insights:
        return m_controller->insightsPage()->isLoaded() && !m_controller->insightsPage()->isLoading();
    case ConsoleController::Alerts:
        return m_controller->alertsPage()->isLoaded() && !m_controller->alertsPage()->isLoading();
    default:
        return true;
    }
}

void PageScreenshots::poll()
{
    const PageShot &shot = m_shots.at(m_next);
    if (m_framesSinceReady < 0) {
        if (!ready(shot)) {
            if (m_clock.elapsed() > m_timeoutMs)
                fail(QStringLiteral("the %1 page showed no data within %2 s")
                         .arg(shot.name)
                         .arg(m_timeoutMs / 1000));
            return;
        }
        m_framesSinceReady = 0;
        m_readyClock.start();
        m_window->requestUpdate();
        return;
    }
    const qint64 settled = m_readyClock.elapsed();
    if (settled < kSettleMs || (m_framesSinceReady < kSettleFrames && settled < kMaxSettleMs))
        return;
    QString error;
    const QString path = QDir(m_dir).filePath(shot.name + QStringLiteral(".png"));
    if (!save(m_window, path, &error)) {
        fail(error);
        return;
    }
    m_written.append(path);
    ++m_next;
    m_poll.stop();
    begin();
}

void PageScreenshots::fail(const QString &error)
{
    m_poll.stop();
    m_error = error;
    Q_EMIT finished(false);
}

} // namespace spanlight
