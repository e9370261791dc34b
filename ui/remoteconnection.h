#pragma once

#include "remotetracesource.h"

#include <QObject>
#include <QStringList>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <memory>

class QThread;

namespace spanlight {

class ConsoleController;

// Which server the console reads: the embedded one ("local") or a remote spanlightd through its
// REST API. connectTo() probes the remote's /health off the GUI thread; on success the remote
// source replaces the local one, pages poll every pageRefreshIntervalMs (a remote sends no
// commit signal), demo loading and file import are off (they write to the local store), and the
// Settings page shows the remote's health. useLocal() goes back. Every read's failure shows in
// `error` (and the status line) until a read succeeds again.
//
// Recent URLs (at most kMaxRecent, newest first) are kept in the console's settings file; a
// token only when asked to remember it (see docs/security.md).
class RemoteConnection : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("RemoteConnection is owned by ConsoleController")
    Q_PROPERTY(bool remote READ isRemote NOTIFY stateChanged)
    Q_PROPERTY(bool connecting READ isConnecting NOTIFY stateChanged)
    Q_PROPERTY(bool localAvailable READ isLocalAvailable NOTIFY stateChanged)
    Q_PROPERTY(QString target READ target NOTIFY stateChanged)
    Q_PROPERTY(QString error READ error NOTIFY stateChanged)
    Q_PROPERTY(QString connectError READ connectError NOTIFY stateChanged)
    Q_PROPERTY(QString note READ note NOTIFY stateChanged)
    Q_PROPERTY(QStringList recentUrls READ recentUrls NOTIFY recentChanged)

public:
    static constexpr int kMaxRecent = 8;

    explicit RemoteConnection(ConsoleController *controller);
    ~RemoteConnection() override; // waits for a running probe (bounded by its timeout)

    // How to go back to the embedded server, and how to leave it (unhook its commit signal);
    // without them useLocal() only detaches.
    void setLocalBinding(std::function<void()> attach, std::function<void()> detach);

    bool isRemote() const { return m_source != nullptr; }
    bool isConnecting() const { return m_probe != nullptr; }
    bool isLocalAvailable() const { return bool(m_attachLocal); }
    QString target() const; // "local", or the remote's host[:port]
    QString error() const { return m_error; } // the last read's failure while attached
    QString connectError() const { return m_connectError; } // why the last connectTo() failed
    QString note() const;
    QStringList recentUrls() const;
    const RemoteTraceSource *source() const { return m_source.get(); }

    // Probes url's /health with the token; attaches on success (connectFinished(true)), else
    // sets connectError (connectFinished(false)). `caFile`: a PEM file of one more trusted CA.
    Q_INVOKABLE void connectTo(const QString &url, const QString &token, bool rememberToken, const QString &caFile = {});
    // `spanlight --connect URL`: connectTo() with `envToken` (SPANLIGHT_CONNECT_TOKEN) when it is
    // set, else the token remembered for `url`; it remembers no token of its own. A failed
    // attempt also emits startConnectFailed(url), so the console can offer the dialog.
    void connectAtStart(const QString &url, const QString &envToken);
    // The REST API address `url` names (http or https), or an invalid QUrl.
    static QUrl serverUrl(const QString &url);
    Q_INVOKABLE void cancelConnect();
    Q_INVOKABLE void useLocal();
    // The remembered token of a recent URL (empty when not remembered).
    Q_INVOKABLE QString rememberedToken(const QString &url) const;
    Q_INVOKABLE void forgetRecent();

Q_SIGNALS:
    void stateChanged();
    void recentChanged();
    void connectFinished(bool ok);
    void startConnectFailed(const QString &url);

private:
    void attach(const RemoteTarget &target, const QJsonObject &health);
    void onProbed(int generation, const RemoteTarget &target, bool remember, const RemoteReply &reply);
    void onReport(int generation, const QString &error);
    void poll();
    void showHealth(const QJsonObject &health);
    void remember(const QString &url, const QString &token, bool rememberToken);

    ConsoleController *m_controller;
    std::shared_ptr<const RemoteTraceSource> m_source;
    std::function<void()> m_attachLocal;
    std::function<void()> m_detachLocal;
    QThread *m_probe = nullptr; // the current probe
    QList<QThread *> m_probes; // every probe thread still running, cancelled ones too
    int m_generation = 0; // of the current source/probe: reports of older ones are dropped
    QString m_error;
    QString m_connectError;
    QTimer m_poll;
    bool m_healthInFlight = false;
};

} // namespace spanlight
