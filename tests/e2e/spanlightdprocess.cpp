#include "spanlightdprocess.h"

#include <QElapsedTimer>
#include <QRegularExpression>

QProcessEnvironment SpanlightdProcess::testEnvironment(const QString &dir, const QString &dbFile, const QString &token)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *port : {"SERVICE_PORT", "OTLP_HTTP_PORT", "OTLP_GRPC_PORT", "ZIPKIN_PORT", "JAEGER_HTTP_PORT"})
        env.insert(QLatin1String(port), QStringLiteral("0"));
    env.insert(QStringLiteral("DATABASE_URL"), QStringLiteral("sqlite://") + dir + u'/' + dbFile);
    env.insert(QStringLiteral("API_TOKEN"), token);
    // Fixtures carry fixed times (2023): a week's retention would delete them.
    if (!env.contains(QStringLiteral("TRACE_RETENTION_DAYS")))
        env.insert(QStringLiteral("TRACE_RETENTION_DAYS"), QStringLiteral("36500"));
    env.insert(QStringLiteral("SPANLIGHT_CONFIG"), dir + QStringLiteral("/spanlight.conf"));
    return env;
}

bool SpanlightdProcess::start(QString *error)
{
    const QString bin = QString::fromLocal8Bit(qgetenv("SPANLIGHTD_BIN"));
    if (bin.isEmpty()) {
        *error = QStringLiteral("SPANLIGHTD_BIN is not set");
        return false;
    }
    m_log.clear();
    m_ports.clear();
    m_process.setProcessEnvironment(m_env);
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start(bin, {});
    if (!m_process.waitForStarted(5000)) {
        *error = m_process.errorString();
        return false;
    }
    static const QStringList listeners = {QStringLiteral("REST API"), QStringLiteral("OTLP/HTTP"), QStringLiteral("OTLP/gRPC"),
                                          QStringLiteral("Zipkin"), QStringLiteral("Jaeger")};
    static const QRegularExpression line(QStringLiteral("(REST API|OTLP/HTTP|OTLP/gRPC|Zipkin|Jaeger) on (?:https?://)?\\S+:(\\d+)"));
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 15000 && m_ports.size() < listeners.size()) {
        if (m_process.state() != QProcess::Running) {
            *error = QStringLiteral("spanlightd exited: ") + m_log;
            return false;
        }
        m_process.waitForReadyRead(100);
        m_log += QString::fromLocal8Bit(m_process.readAll());
        for (auto it = line.globalMatch(m_log); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            m_ports.insert(m.captured(1), quint16(m.captured(2).toUInt()));
        }
    }
    if (m_ports.size() < listeners.size()) {
        *error = QStringLiteral("spanlightd did not report all its ports: ") + m_log;
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
