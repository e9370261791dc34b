#include "spanlightdprocess.h"

#include <QElapsedTimer>
#include <QRegularExpression>

bool SpanlightdProcess::start(QString *error)
{
    const QString bin = QString::fromLocal8Bit(qgetenv("SPANLIGHTD_BIN"));
    if (bin.isEmpty()) {
        *error = QStringLiteral("SPANLIGHTD_BIN is not set");
        return false;
    }
    m_log.clear();
    m_apiPort = m_otlpHttpPort = m_otlpGrpcPort = 0;
    m_process.setProcessEnvironment(m_env);
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start(bin, {});
    if (!m_process.waitForStarted(5000)) {
        *error = m_process.errorString();
        return false;
    }
    static const QRegularExpression api(QStringLiteral("REST API on http://[^:]+:(\\d+)"));
    static const QRegularExpression otlp(QStringLiteral("OTLP/HTTP on http://[^:]+:(\\d+)"));
    static const QRegularExpression grpc(QStringLiteral("OTLP/gRPC on \\S+:(\\d+)"));
    QElapsedTimer timer;
    timer.start();
    const auto allKnown = [this] { return m_apiPort != 0 && m_otlpHttpPort != 0 && m_otlpGrpcPort != 0; };
    while (timer.elapsed() < 15000 && !allKnown()) {
        if (m_process.state() != QProcess::Running) {
            *error = QStringLiteral("spanlightd exited: ") + m_log;
            return false;
        }
        m_process.waitForReadyRead(100);
        m_log += QString::fromLocal8Bit(m_process.readAll());
        if (const auto m = api.match(m_log); m.hasMatch())
            m_apiPort = quint16(m.captured(1).toUInt());
        if (const auto m = otlp.match(m_log); m.hasMatch())
            m_otlpHttpPort = quint16(m.captured(1).toUInt());
        if (const auto m = grpc.match(m_log); m.hasMatch())
            m_otlpGrpcPort = quint16(m.captured(1).toUInt());
    }
    if (!allKnown()) {
        *error = QStringLiteral("spanlightd did not report its ports: ") + m_log;
        return false;
    }
    return true;
}

void SpanlightdProcess::kill()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.kill();
    m_process.waitForFinished(5000);
    m_log += QString::fromLocal8Bit(m_process.readAll());
}

bool SpanlightdProcess::terminate()
{
    if (m_process.state() == QProcess::NotRunning)
        return false;
    m_process.terminate();
    const bool ok = m_process.waitForFinished(10000);
    m_log += QString::fromLocal8Bit(m_process.readAll());
    return ok && m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0;
}
