#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QTimer>

class QQuickWindow;

namespace spanlight {

class ConsoleController;

// One picture of the console: a page, and for the Trace page the trace to open first.
struct PageShot
{
    QString name; // the file is <dir>/<name>.png
    int page = 0; // a ConsoleController::Page
    QString traceIdHex; // Trace page: open this trace before the picture
    QString serviceName; // Services page: select this service before the picture
};

// Renders the console's pages one after another into PNG files: shows a page, waits until it
// has its data (the page's query answered, the open trace in the waterfall) and a few frames
// have been drawn (Qt Charts renders asynchronously), grabs the window and saves it. Used by
// `spanlight --demo --screenshot DIR` and by the Quick tests, which save their pictures with
// save() when SPANLIGHT_SCREENSHOT_DIR is set.
class PageScreenshots : public QObject
{
    Q_OBJECT
public:
    PageScreenshots(QQuickWindow *window, ConsoleController *controller, QObject *parent = nullptr);

    // Every page, in side bar order, with "trace" showing `traceIdHex` and "services" with
    // `serviceName` selected (either may be empty: the page as it is).
    static QList<PageShot> everyPage(const QString &traceIdHex, const QString &serviceName = {});

    // Grabs `window` as it is and saves it as PNG at `path`.
    static bool save(QQuickWindow *window, const QString &path, QString *error);

    // Starts; finished() follows. A page that shows no data within timeoutMs fails the run.
    void start(const QList<PageShot> &shots, const QString &dir);
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    QStringList written() const { return m_written; }
    QString error() const { return m_error; }

Q_SIGNALS:
    void finished(bool ok);

private:
    void begin(); // shows the next shot's page
    void poll();
    bool ready(const PageShot &shot) const;
    void fail(const QString &error);

    QPointer<QQuickWindow> m_window;
    ConsoleController *m_controller;
    QList<PageShot> m_shots;
    QString m_dir;
    int m_next = 0;
    int m_timeoutMs = 60000;
    int m_framesSinceReady = -1; // -1: not ready yet
    int m_traceResults = 0;
    QElapsedTimer m_clock;
    QElapsedTimer m_readyClock;
    QTimer m_poll;
    QStringList m_written;
    QString m_error;
};

} // namespace spanlight
