#include "consolepage.h"

#include "consolecontroller.h"
#include "displaytext.h"

namespace spanlight {

ConsolePage::ConsolePage(ConsoleController *controller)
    : QObject(controller)
    , m_controller(controller)
    , m_query([this] { return start(); })
    , m_timeRange(QStringLiteral("1h"))
{
    m_commitTimer.setSingleShot(true);
    connect(&m_commitTimer, &QTimer::timeout, this, [this] {
        if (m_active)
            refresh();
    });
    connect(controller, &ConsoleController::storeCommitted, this, &ConsolePage::onStoreCommitted);
    connect(&m_liveTimer, &QTimer::timeout, this, [this] {
        if (m_active)
            refresh();
    });
    // The start page is live from the beginning; a new interval must not wait for the old one.
    connect(controller, &ConsoleController::pageRefreshIntervalMsChanged, this, [this] {
        if (m_liveTimer.isActive())
            m_liveTimer.start(std::max(1, m_controller->pageRefreshIntervalMs()));
    });
}

void ConsolePage::setLive(bool live)
{
    m_live = live;
    if (!m_live)
        m_liveTimer.stop();
    else if (m_active)
        m_liveTimer.start(std::max(1, m_controller->pageRefreshIntervalMs()));
}

QStringList ConsolePage::timeRanges()
{
    // 30d is left out: a month of per-minute rollups is a slow read for a view that refreshes.
    QStringList out;
    const QStringList wanted { QStringLiteral("15m"), QStringLiteral("1h"), QStringLiteral("6h"),
        QStringLiteral("24h"), QStringLiteral("7d") };
    for (const QString &name : timeRangeNames())
        if (wanted.contains(name))
            out.append(name);
    return out;
}

QStringList ConsolePage::timeRangeLabels()
{
    QStringList out;
    for (const QString &name : timeRanges()) {
        if (name == u"15m")
            out.append(tr("15 min"));
        else if (name == u"1h")
            out.append(tr("1 h"));
        else if (name == u"6h")
            out.append(tr("6 h"));
        else if (name == u"24h")
            out.append(tr("24 h"));
        else if (name == u"7d")
            out.append(tr("7 days"));
        else
            out.append(name);
    }
    return out;
}

void ConsolePage::setActive(bool active)
{
    if (active == m_active)
        return;
    m_active = active;
    Q_EMIT activeChanged();
    if (m_active) {
        refresh();
        if (m_live)
            m_liveTimer.start(std::max(1, m_controller->pageRefreshIntervalMs()));
    } else {
        m_commitTimer.stop();
        m_liveTimer.stop();
    }
}

void ConsolePage::retranslate()
{
    Q_EMIT labelsChanged();
    if (m_active)
        refresh(); // hidden pages refresh when shown
}

void ConsolePage::setTimeRange(const QString &name)
{
    if (name == m_timeRange || !timeRanges().contains(name))
        return;
    m_timeRange = name;
    Q_EMIT timeRangeChanged();
    parametersChanged();
}

void ConsolePage::refresh()
{
    const bool wasLoading = isLoading();
    m_query.request();
    if (isLoading() != wasLoading)
        Q_EMIT loadingChanged();
}

void ConsolePage::parametersChanged()
{
    ++m_generation;
    if (m_active)
        refresh();
}

bool ConsolePage::start()
{
    const std::optional<qint64> range = timeRangeNs(m_timeRange);
    const std::optional<TimeWindow> fixed = fixedWindow();
    m_window = fixed
        ? *fixed
        : windowEndingAt(m_controller->nowNs(), range.value_or(qint64(3600) * 1000000000), windowStepNs());
    return startQuery(m_window);
}

bool ConsolePage::takeResult(int generation)
{
    const TimeWindow answered = m_window; // the follow-up started below replaces m_window
    m_query.finished(); // may start the follow-up at once; its result comes later
    Q_EMIT loadingChanged();
    if (generation != m_generation)
        return false;
    const QString text = windowRangeText(answered.fromNs, answered.toNs);
    if (text != m_windowText) {
        m_windowText = text;
        Q_EMIT windowTextChanged();
    }
    if (!m_loaded) {
        m_loaded = true;
        Q_EMIT loadedChanged();
    }
    return true;
}

void ConsolePage::onStoreCommitted()
{
    // The first commit while shown starts the timer; later ones ride along. A live page's own
    // timer covers commits.
    if (m_active && !m_live && !m_commitTimer.isActive()) {
        m_commitTimer.setInterval(m_controller->pageRefreshIntervalMs());
        m_commitTimer.start();
    }
}

} // namespace spanlight
