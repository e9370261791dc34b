#pragma once

#include "storage/alertrules.h"

#include <QHash>
#include <QObject>
#include <QTimer>

namespace spanlight {

class ConsoleController;

// A desktop notification of one alert.
struct AlertNotice
{
    qint64 eventId = 0;
    bool firing = false; // false: resolved
    QString title; // "Alert firing: checkout errors"
    QString text; // "error rate of checkout: 12 % (high)"
};

// Which alerts are new since the last look: fed the history (newest first) at every poll, it
// returns a notice per alert that started firing or resolved since the previous call. The first
// call only learns what is there (a console that starts does not announce old alerts); an
// alert that fired and resolved between two calls is announced once, resolved. Pure: no
// timers, no source, so it is tested alone.
class AlertNoticeTracker
{
public:
    QList<AlertNotice> update(const QList<AlertEvent> &events);
    void reset(); // the next update() only learns again (another server)
    bool isPrimed() const { return m_primed; }

private:
    QHash<qint64, bool> m_firing; // event id -> firing when last seen
    bool m_primed = false;
};

// Polls the console's source for the alert history every intervalMs while enabled and the
// console has a source (embedded or attached), through the controller's worker, and emits
// notice() for what AlertNoticeTracker finds new. Switching servers starts over.
class AlertNotifier : public QObject
{
    Q_OBJECT
public:
    static constexpr int kPollLimit = 100;

    explicit AlertNotifier(ConsoleController *controller, QObject *parent = nullptr);

    void setEnabled(bool enabled);
    bool isEnabled() const { return m_enabled; }
    void setIntervalMs(int ms);
    void poll(); // now, unless a poll is under way

Q_SIGNALS:
    void notice(const spanlight::AlertNotice &notice);
    void polled(); // after each poll's result was looked at (tests)

private:
    ConsoleController *m_controller;
    AlertNoticeTracker m_tracker;
    QTimer m_timer;
    bool m_enabled = false;
    bool m_inFlight = false;
    QString m_server; // the remote server read, empty: the embedded one
};

} // namespace spanlight
