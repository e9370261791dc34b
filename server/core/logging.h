#pragma once

#include <QLoggingCategory>

namespace spanlight {

Q_DECLARE_LOGGING_CATEGORY(lcServer)
Q_DECLARE_LOGGING_CATEGORY(lcIngest)
Q_DECLARE_LOGGING_CATEGORY(lcStorage)
Q_DECLARE_LOGGING_CATEGORY(lcApi)

// Applies LOG_LEVEL (DEBUG, INFO, WARNING, ERROR, CRITICAL) to the spanlight.* categories.
void applyLogLevel(const QString &level);

// One line per message: time, level, category, text.
void installLogFormat();

} // namespace spanlight
