#pragma once

#include <QHash>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>

// Runs the real spanlightd binary for end-to-end tests: ephemeral loopback ports read back
// from its log, stopped (or killed) by its own process id.
class SpanlightdProcess
{
public:
    explicit SpanlightdProcess(QProcessEnvironment env) : m_env(std::move(env)) { }

    // This process's environment plus what a test server needs: every listener on an ephemeral
    // port (the defaults may be taken by a parallel suite), a SQLite store `dbFile` and a
    // settings file in `dir`, and the token.
    static QProcessEnvironment testEnvironment(const QString &dir, const QString &dbFile, const QString &token);
    ~SpanlightdProcess() { kill(); }

    bool start(QString *error); // waits until every listener has logged its port
    void kill(); // SIGKILL, then wait
    bool terminate(); // SIGTERM, wait for a clean exit
    // By the name the server logs ("REST API on ...", "OTLP/HTTP on ...").
    quint16 port(const QString &listener) const { return m_ports.value(listener); }
    quint16 apiPort() const { return port(QStringLiteral("REST API")); }
    quint16 otlpHttpPort() const { return port(QStringLiteral("OTLP/HTTP")); }
    quint16 otlpGrpcPort() const { return port(QStringLiteral("OTLP/gRPC")); }
    quint16 zipkinPort() const { return port(QStringLiteral("Zipkin")); }
    quint16 jaegerHttpPort() const { return port(QStringLiteral("Jaeger")); }
    QString log() const { return m_log; }

private:
    QProcessEnvironment m_env;
    QProcess m_process;
    QString m_log;
    QHash<QString, quint16> m_ports;
};
