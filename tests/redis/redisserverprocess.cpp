#include "redisserverprocess.h"

#include <QDeadlineTimer>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <csignal>

QString RedisServerProcess::binary()
{
    const QString configured = qEnvironmentVariable("SPANLIGHT_TEST_REDIS_SERVER");
    if (!configured.isEmpty())
        return configured;
    return QStandardPaths::findExecutable(QStringLiteral("redis-server"));
}

QString RedisServerProcess::unavailableReason(bool *mustFail)
{
    *mustFail = qEnvironmentVariable("CI") == u"true";
    const QString bin = binary();
    if (!bin.isEmpty() && QFileInfo(bin).isExecutable())
        return {};
    if (!bin.isEmpty())
        return QStringLiteral("SPANLIGHT_TEST_REDIS_SERVER=%1 is not an executable").arg(bin);
    return *mustFail
        ? QStringLiteral("redis-server is not installed, and CI=true needs the Redis tests "
                         "(scripts/deps.sh --test installs the redis-server package)")
        : QStringLiteral("redis-server is not installed (apt-get install redis-server, or "
                         "SPANLIGHT_TEST_REDIS_SERVER=/path/to/redis-server): Redis tests skipped");
}

QString RedisServerProcess::url(const QString &password, int database) const
{
    const QString credentials = password.isEmpty() ? QString() : u':' + password + u'@';
    return QStringLiteral("redis://") + credentials
        + QStringLiteral("127.0.0.1:%1/%2").arg(m_port).arg(database);
}

bool RedisServerProcess::start(QString *error, const QStringList &extraArguments)
{
    if (!m_dir.isValid()) {
        *error = QStringLiteral("no temporary directory");
        return false;
    }
    m_extra = extraArguments;
    // A free port: bound and released again, so another program could take it in between;
    // a failed start is retried on another port.
    for (int attempt = 0; attempt < 5; ++attempt) {
        if (m_port == 0 || attempt > 0) {
            QTcpServer probe;
            if (!probe.listen(QHostAddress::LocalHost, 0)) {
                *error = probe.errorString();
                return false;
            }
            m_port = probe.serverPort();
        }
        QStringList args { QStringLiteral("--port"), QString::number(m_port), QStringLiteral("--bind"),
            QStringLiteral("127.0.0.1"), QStringLiteral("--save"), QString(), QStringLiteral("--appendonly"),
            QStringLiteral("no"), QStringLiteral("--dir"), m_dir.path(), QStringLiteral("--logfile"),
            m_dir.filePath(QStringLiteral("redis.log")) };
        args += m_extra;
        m_process.setProgram(binary());
        m_process.setArguments(args);
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start();
        if (!m_process.waitForStarted(5000)) {
            *error = QStringLiteral("redis-server did not start: ") + m_process.errorString();
            return false;
        }
        if (waitUntilReady(10000))
            return true;
        kill();
    }
    *error = QStringLiteral("redis-server did not answer on loopback after 5 attempts");
    return false;
}

bool RedisServerProcess::waitUntilReady(int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (m_process.state() == QProcess::NotRunning)
            return false; // e.g. the port was taken after all
        const QByteArray reply = command("PING");
        if (reply.startsWith("+PONG") || reply.startsWith("-NOAUTH"))
            return true;
        QThread::msleep(20);
    }
    return false;
}

QByteArray RedisServerProcess::command(const QByteArray &inlineCommand, const QString &password) const
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_port);
    if (!socket.waitForConnected(1000))
        return {};
    QByteArray out;
    auto send = [&](const QByteArray &line) {
        socket.write(line + "\r\n");
        socket.waitForBytesWritten(1000);
        out.clear();
        const QDeadlineTimer deadline(2000);
        while (!out.contains("\r\n") && !deadline.hasExpired()
            && socket.waitForReadyRead(int(deadline.remainingTime())))
            out += socket.readAll();
        while (socket.waitForReadyRead(50)) // the rest of a multi-line reply (KEYS *)
            out += socket.readAll();
        return out;
    };
    if (!password.isEmpty() && !send("AUTH " + password.toUtf8()).startsWith("+OK"))
        return out;
    return send(inlineCommand);
}

void RedisServerProcess::pause()
{
    if (m_process.state() == QProcess::Running)
        ::kill(pid_t(m_process.processId()), SIGSTOP);
}

void RedisServerProcess::resume()
{
    if (m_process.state() == QProcess::Running)
        ::kill(pid_t(m_process.processId()), SIGCONT);
}

void RedisServerProcess::kill()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    // By its own pid only (QProcess::kill sends SIGKILL to this child; a stopped one dies too).
    m_process.kill();
    m_process.waitForFinished(5000);
}
