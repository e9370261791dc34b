#include "alerttray.h"

#include "alertnotifier.h"
#include "consolecontroller.h"

#include <QCoreApplication>
#include <QMenu>
#include <QPainter>
#include <QSystemTrayIcon>
#include <QWindow>

namespace spanlight {

namespace {

// Drawn here: the SVG icon would need Qt's SVG plugin, which the console does not depend on.
QIcon trayIcon()
{
    QPixmap pixmap(64, 64);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0x3b, 0x82, 0xf6));
    p.drawRoundedRect(QRectF(4, 4, 56, 56), 14, 14);
    p.setBrush(Qt::white);
    for (int i = 0; i < 3; ++i) // three spans of a waterfall
        p.drawRoundedRect(QRectF(14 + i * 8, 16 + i * 12, 36 - i * 8, 8), 3, 3);
    return QIcon(pixmap);
}

} // namespace

AlertTray::AlertTray(ConsoleController *controller, QWindow *window, QObject *parent)
    : QObject(parent)
    , m_controller(controller)
    , m_window(window)
    , m_notifier(new AlertNotifier(controller, this))
{
    connect(m_notifier, &AlertNotifier::notice, this, &AlertTray::show);
    connect(controller->settings(), &ConsoleSettings::desktopNotificationsChanged, this, &AlertTray::update);
    update();
}

AlertTray::~AlertTray() = default;

void AlertTray::update()
{
    const bool wanted = m_controller->settings()->desktopNotifications() && QSystemTrayIcon::isSystemTrayAvailable();
    m_notifier->setEnabled(wanted);
    if (!wanted) {
        m_icon.reset();
        m_menu.reset();
        return;
    }
    if (m_icon)
        return;
    m_menu = std::make_unique<QMenu>();
    m_menu->addAction(tr("Show Spanlight"), this, [this] { showWindow(false); });
    m_menu->addAction(tr("Alerts"), this, [this] { showWindow(true); });
    m_menu->addSeparator();
    m_menu->addAction(tr("Quit"), qApp, &QCoreApplication::quit);
    m_icon = std::make_unique<QSystemTrayIcon>(trayIcon());
    m_icon->setToolTip(QStringLiteral("Spanlight"));
    m_icon->setContextMenu(m_menu.get());
    connect(m_icon.get(), &QSystemTrayIcon::messageClicked, this, [this] { showWindow(true); });
    connect(m_icon.get(), &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger)
            showWindow(false);
    });
    m_icon->show();
}

void AlertTray::show(const AlertNotice &notice)
{
    if (m_icon)
        m_icon->showMessage(notice.title, notice.text,
            notice.firing ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information, 10000);
}

void AlertTray::showWindow(bool alerts)
{
    if (alerts)
        m_controller->setCurrentPage(ConsoleController::Alerts);
    if (!m_window)
        return;
    if (m_window->windowStates() & Qt::WindowMinimized)
        m_window->showNormal();
    m_window->show();
    m_window->raise();
    m_window->requestActivate();
}

} // namespace spanlight
