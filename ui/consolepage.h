#pragma once

#include "analysis/serviceanalysis.h"
#include "coalescedquery.h"
#include "tracesource.h"

#include <QObject>
#include <QStringList>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

namespace spanlight {

class ConsoleController;

// What every analysis page of the console shares: a time range, being shown or not, and when
// it asks the server. A page refreshes when it is shown, when its parameters change, and on
// store commits at most once per ConsoleController::pageRefreshIntervalMs while it is shown.
// Its queries run on the controller's worker thread through ConsoleController::run(), one in
// flight at a time (CoalescedQuery); a result computed for parameters that have changed since
// is dropped, and the follow-up asks for the new ones.
class ConsolePage : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Pages are owned by ConsoleController")
    Q_PROPERTY(bool active READ isActive NOTIFY activeChanged)
    Q_PROPERTY(bool loading READ isLoading NOTIFY loadingChanged)
    Q_PROPERTY(bool loaded READ isLoaded NOTIFY loadedChanged)
    Q_PROPERTY(QString timeRange READ timeRange WRITE setTimeRange NOTIFY timeRangeChanged)
    Q_PROPERTY(QStringList timeRanges READ timeRanges CONSTANT)
    Q_PROPERTY(QStringList timeRangeLabels READ timeRangeLabels NOTIFY labelsChanged)
    Q_PROPERTY(QString windowText READ windowText NOTIFY windowTextChanged)
public:
    explicit ConsolePage(ConsoleController *controller);

    bool isActive() const { return m_active; }
    // The controller calls this when its current page changes.
    void setActive(bool active);
    bool isLoading() const { return m_query.inFlight(); }
    bool isLoaded() const { return m_loaded; }
    QString timeRange() const { return m_timeRange; }
    void setTimeRange(const QString &name); // one of timeRanges(); others are ignored
    // The ranges the console offers (a subset of timeRangeNames()) and their button labels.
    static QStringList timeRanges();
    static QStringList timeRangeLabels();
    QString windowText() const { return m_windowText; }

    int queriesStarted() const { return m_query.started(); }

    Q_INVOKABLE void refresh();
    // The language changed: labels again, and the shown page's texts with its next result.
    void retranslate();

Q_SIGNALS:
    void labelsChanged(); // the translated label lists (time ranges, options)
    void activeChanged();
    void loadingChanged();
    void loadedChanged();
    void timeRangeChanged();
    void windowTextChanged();
    void resultApplied(); // after each result a page took (for tests and the status line)

protected:
    // Issues the page's query through controller()->run() for `window` (the page's time range
    // ending now) and returns what run() returned. Its apply must call takeResult() first.
    virtual bool startQuery(const TimeWindow &window) = 0;

    // Ends the query in flight (starting the follow-up when one is pending) and says whether
    // a result made under `generation` is still wanted. When it is, the page is loaded.
    bool takeResult(int generation);
    // What a query captures, to hand to takeResult() with its result.
    int generation() const { return m_generation; }
    // The page's parameters changed: results of older queries are stale; a shown page asks again.
    void parametersChanged();
    // A live page refreshes every ConsoleController::pageRefreshIntervalMs while shown, commits or
    // not: its window ends now, so its figures move as minutes leave the window even when nothing
    // arrives. Commits then add no refreshes of their own.
    void setLive(bool live);
    // Windows end with the step that holds now, in whole steps: a minute, or a coarser trend
    // granularity, so that a series' first and last slots are whole ones.
    virtual qint64 windowStepNs() const { return qint64(60) * 1000000000; }
    // A window given by the page itself (the Traces page's custom from/to) instead of the time
    // range ending now.
    virtual std::optional<TimeWindow> fixedWindow() const { return std::nullopt; }

    ConsoleController *controller() const { return m_controller; }
    const TimeWindow &window() const { return m_window; } // of the latest query started

private:
    bool start();
    void onStoreCommitted();

    ConsoleController *m_controller;
    CoalescedQuery m_query;
    QTimer m_commitTimer;
    QTimer m_liveTimer;
    QString m_timeRange;
    QString m_windowText;
    TimeWindow m_window;
    int m_generation = 0;
    bool m_active = false;
    bool m_loaded = false;
    bool m_live = false;
};

} // namespace spanlight
