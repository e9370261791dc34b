#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>

// Runs the real spanlightd binary for end-to-end tests: ephemeral loopback ports read back
// from its log, stopped (or killed) by its own process id.
class SpanlightdProcess
{
public:
    explicit SpanlightdProcess(QProcessEnvironment env) : m_env(std::move(env)) { }
    ~SpanlightdProcess() { kill(); }

    bool start(QString *error); // waits until the API, OTLP/HTTP and OTLP/gRPC listen
    void kill(); // SIGKILL, then wait
    bool terminate(); // SIGTERM, wait for a clean exit
    quint16 apiPort() const { return m_apiPort; }
    quint16 otlpHttpPort() const { return m_otlpHttpPort; }
    quint16 otlpGrpcPort() const { return m_otlpGrpcPort; }
    QString log() const { return m_log; }

private:
    QProcessEnvironment m_env;
    QProcess m_process;
    QString m_log;
    quint16 m_apiPort = 0;
    quint16 m_otlpHttpPort = 0;
    quint16 m_otlpGrpcPort = 0;
};
