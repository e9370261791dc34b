#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

// A real redis-server for a test: loopback only, an ephemeral port, no persistence, started
// and stopped (SIGKILL) by its own process id, every wait bounded.
class RedisServerProcess
{
public:
    RedisServerProcess() = default;
    ~RedisServerProcess() { kill(); }

    // SPANLIGHT_TEST_REDIS_SERVER, else redis-server on PATH, else empty (not installed).
    static QString binary();
    // Empty when Redis tests may run; else why not. Under CI=true a missing redis-server is a
    // failure (`mustFail`), elsewhere a skip, as the suite treats PostgreSQL and npm.
    static QString unavailableReason(bool *mustFail);

    // Starts and waits (up to 10 s) until it answers PING; `extraArguments` e.g. --requirepass pw.
    bool start(QString *error, const QStringList &extraArguments = {});
    void kill();
    // SIGSTOP / SIGCONT to its own pid: a Redis that keeps its connections but answers nothing.
    void pause();
    void resume();
    bool running() const { return m_process.state() != QProcess::NotRunning; }
    quint16 port() const { return m_port; }
    // redis://[:password@]127.0.0.1:port[/db]
    QString url(const QString &password = {}, int database = 0) const;

    // Sends one command over a plain socket (inline protocol) and returns the raw first reply line.
    QByteArray command(const QByteArray &inlineCommand, const QString &password = {}) const;

private:
    bool waitUntilReady(int timeoutMs);

    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
    QStringList m_extra;
};

// In a test function: skips (or, under CI=true, fails) when redis-server is not installed.
#define REQUIRE_REDIS_SERVER()                                                                               \
    do {                                                                                                     \
        bool mustFail_ = false;                                                                              \
        const QString why_ = RedisServerProcess::unavailableReason(&mustFail_);                              \
        if (!why_.isEmpty()) {                                                                               \
            if (mustFail_)                                                                                   \
                QFAIL(qPrintable(why_));                                                                     \
            QSKIP(qPrintable(why_));                                                                         \
        }                                                                                                    \
    } while (false)
