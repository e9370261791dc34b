#include "singleinstance.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QStandardPaths>

#include <memory>

namespace spanlight {

namespace {

constexpr QByteArrayView kGreeting = "spanlight-activate 1";
constexpr QByteArrayView kAnswer = "ok";
constexpr qint64 kMaxMessageBytes = 64 * 1024; // links are short; anything longer is not ours

} // namespace

SingleInstance::SingleInstance(QObject *parent)
    : QObject(parent)
{ }

SingleInstance::~SingleInstance() = default;

QString SingleInstance::socketNameFor(const QString &settingsFile)
{
    // The runtime directory is the user's own (mode 0700), so no other user can take the name
    // or talk to the socket; Qt falls back to a private /tmp/runtime-<user> without XDG_RUNTIME_DIR.
    QString dir = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (dir.isEmpty())
        dir = QDir::tempPath();
    const QByteArray path = QFileInfo(settingsFile).absoluteFilePath().toUtf8();
    const QByteArray digest = QCryptographicHash::hash(path, QCryptographicHash::Sha256).toHex().left(16);
    return QDir(dir).filePath(
        QStringLiteral("spanlight-") + QString::fromLatin1(digest) + QStringLiteral(".sock"));
}

SingleInstance::HandOver SingleInstance::handOver(
    const QString &socketName, const QStringList &links, int timeoutMs, QString *error)
{
    QLocalSocket socket;
    socket.connectToServer(socketName);
    if (!socket.waitForConnected(std::min(timeoutMs, 2000)))
        return HandOver::NoInstance; // no socket, or a stale one nobody accepts on
    QByteArray message = kGreeting.toByteArray() + '\n';
    for (const QString &link : links)
        message += link.toUtf8() + '\n';
    message += '\n';
    socket.write(message);
    QByteArray answer;
    while (!answer.contains('\n')) {
        if (!socket.waitForReadyRead(timeoutMs)) {
            if (error)
                *error = tr("The running console did not answer: %1").arg(socket.errorString());
            return HandOver::Failed;
        }
        answer += socket.readAll();
    }
    if (answer.left(answer.indexOf('\n')) != kAnswer) {
        if (error)
            *error = tr("The running console gave an unexpected answer.");
        return HandOver::Failed;
    }
    socket.disconnectFromServer();
    return HandOver::Delivered;
}

bool SingleInstance::listen(const QString &socketName, QString *error)
{
    delete m_server;
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::onNewConnection);
    if (m_server->listen(socketName))
        return true;
    // A console that crashed leaves its socket file behind; handOver() found nobody on it.
    QLocalServer::removeServer(socketName);
    if (m_server->listen(socketName))
        return true;
    if (error)
        *error = m_server->errorString();
    delete m_server;
    m_server = nullptr;
    return false;
}

QString SingleInstance::socketName() const
{
    return m_server ? m_server->fullServerName() : QString();
}

void SingleInstance::onNewConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        struct Reading
        {
            QByteArray buffer;
            bool answered = false;
        };
        auto state = std::make_shared<Reading>();
        connect(socket, &QLocalSocket::readyRead, this, [this, socket, state] {
            if (state->answered)
                return;
            // Act once the empty line that ends the message is in.
            state->buffer += socket->readAll();
            if (state->buffer.size() > kMaxMessageBytes) {
                socket->abort();
                return;
            }
            if (!state->buffer.endsWith("\n\n"))
                return;
            const QList<QByteArray> lines = state->buffer.split('\n');
            if (lines.first() != kGreeting) {
                socket->abort();
                return;
            }
            state->answered = true;
            QStringList links;
            for (const QByteArray &line : lines.sliced(1)) {
                if (!line.isEmpty())
                    links.append(QString::fromUtf8(line));
            }
            socket->write(kAnswer.toByteArray() + '\n');
            socket->flush();
            Q_EMIT activated(links);
        });
    }
}

} // namespace spanlight
