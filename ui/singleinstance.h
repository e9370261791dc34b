#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

class QLocalServer;

namespace spanlight {

// One console per settings file: the first start listens on a local socket named after its
// settings file; a later start with the same file hands its links over (or just asks for the
// window to be raised) and exits, instead of failing to bind the same ports. Test runs and
// consoles with settings files of their own never meet.
//
// The wire format is UTF-8 lines: "spanlight-activate 1", one line per link, an empty line;
// the running console answers "ok". Links never contain line breaks (they are parsed first).
class SingleInstance : public QObject
{
    Q_OBJECT
public:
    enum class HandOver {
        Delivered, // a running console took the links
        NoInstance, // none listens: this process should become the console
        Failed, // one listens but did not answer in time
    };

    explicit SingleInstance(QObject *parent = nullptr);
    ~SingleInstance() override;

    // The socket for a settings file: in the user's runtime directory (private to the user),
    // named after a digest of the file's absolute path.
    static QString socketNameFor(const QString &settingsFile);

    // Blocking, for main() before anything else starts: waits at most `timeoutMs` for the
    // running console's answer.
    static HandOver handOver(
        const QString &socketName, const QStringList &links, int timeoutMs = 10000, QString *error = nullptr);

    // Becomes the running console: listens on `socketName` (replacing a stale socket left by a
    // console that crashed). False with `error` when the socket cannot be created.
    bool listen(const QString &socketName, QString *error = nullptr);
    QString socketName() const;

Q_SIGNALS:
    // Another start handed these links over (possibly none: just show the window).
    void activated(const QStringList &links);

private:
    void onNewConnection();

    QLocalServer *m_server = nullptr;
};

} // namespace spanlight
