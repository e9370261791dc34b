#include "logging.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>

#include <cstdio>
#include <cstdlib>

namespace spanlight {

Q_LOGGING_CATEGORY(lcServer, "spanlight.server")
Q_LOGGING_CATEGORY(lcIngest, "spanlight.ingest")
Q_LOGGING_CATEGORY(lcStorage, "spanlight.storage")
Q_LOGGING_CATEGORY(lcApi, "spanlight.api")
Q_LOGGING_CATEGORY(lcRedis, "spanlight.redis")

void applyLogLevel(const QString &level)
{
    QString rules = QStringLiteral("spanlight.*.debug=%1\nspanlight.*.info=%2\nspanlight.*.warning=%3\n")
                        .arg(level == u"DEBUG" ? QStringLiteral("true") : QStringLiteral("false"),
                             level == u"DEBUG" || level == u"INFO" ? QStringLiteral("true") : QStringLiteral("false"),
                             level == u"ERROR" || level == u"CRITICAL" ? QStringLiteral("false") : QStringLiteral("true"));
    QLoggingCategory::setFilterRules(rules);
}

namespace {

const char *levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "DEBUG";
    case QtInfoMsg:
        return "INFO";
    case QtWarningMsg:
        return "WARNING";
    case QtCriticalMsg:
        return "ERROR";
    case QtFatalMsg:
        return "FATAL";
    }
    return "INFO";
}

void jsonHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    static QMutex mutex; // whole lines, also from many threads
    const QByteArray line = jsonLogLine(type, context.category, message, QDateTime::currentDateTimeUtc()) + '\n';
    {
        const QMutexLocker lock(&mutex);
        std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
        std::fflush(stderr);
    }
    if (type == QtFatalMsg)
        std::abort();
}

} // namespace

QByteArray jsonLogLine(QtMsgType type, const char *category, const QString &message, const QDateTime &time)
{
    const QJsonObject o{
        {QStringLiteral("time"), time.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("level"), QLatin1String(levelName(type))},
        {QStringLiteral("category"), QLatin1String(category ? category : "default")},
        {QStringLiteral("message"), message},
    };
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

void installLogFormat(const QString &format)
{
    if (format == u"json") {
        qInstallMessageHandler(jsonHandler);
        return;
    }
    qSetMessagePattern(QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} "
                                      "%{if-debug}DEBUG%{endif}%{if-info}INFO%{endif}%{if-warning}WARNING%{endif}"
                                      "%{if-critical}ERROR%{endif}%{if-fatal}FATAL%{endif} %{category}: %{message}"));
}

} // namespace spanlight
