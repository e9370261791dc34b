#pragma once

#include <QObject>
#include <QPointer>

#include <memory>

class QMenu;
class QSystemTrayIcon;
class QWindow;

namespace spanlight {

class AlertNotifier;
class ConsoleController;
struct AlertNotice;

// The console's system tray icon: a menu (Show, Alerts, Quit) and a desktop notification per
// alert that starts firing or resolves (AlertNotifier). Clicking a notification shows the
// window on the Alerts page. It exists only while the "Desktop notifications" setting is on
// and the desktop has a tray (QSystemTrayIcon::isSystemTrayAvailable()); otherwise nothing
// shows and nothing polls.
class AlertTray : public QObject
{
    Q_OBJECT
public:
    AlertTray(ConsoleController *controller, QWindow *window, QObject *parent = nullptr);
    ~AlertTray() override;

    bool isShown() const { return m_icon != nullptr; }

private:
    void update(); // after the setting changed
    void show(const AlertNotice &notice);
    void showWindow(bool alerts);

    ConsoleController *m_controller;
    QPointer<QWindow> m_window;
    AlertNotifier *m_notifier;
    std::unique_ptr<QMenu> m_menu;
    std::unique_ptr<QSystemTrayIcon> m_icon;
};

} // namespace spanlight
