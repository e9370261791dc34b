#pragma once

#include <QDateTime>
#include <QLoggingCategory>

namespace spanlight {

Q_DECLARE_LOGGING_CATEGORY(lcServer)
Q_DECLARE_LOGGING_CATEGORY(lcIngest)
Q_DECLARE_LOGGING_CATEGORY(lcStorage)
Q_DECLARE_LOGGING_CATEGORY(lcApi)
Q_DECLARE_LOGGING_CATEGORY(lcRedis)

// Applies LOG_LEVEL (DEBUG, INFO, WARNING, ERROR, CRITICAL) to the spanlight.* categories.
void applyLogLevel(const QString &level);

// One line per message on standard error. "text": time, level, category, text. "json": one
// object per line, {"time", "level", "category", "message"}, for log collectors (LOG_FORMAT).
void installLogFormat(const QString &format = QStringLiteral("text"));

// The JSON line (without the newline) installLogFormat("json") writes for one message.
QByteArray jsonLogLine(QtMsgType type, const char *category, const QString &message, const QDateTime &time);

} // namespace spanlight
