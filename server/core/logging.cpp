#include "logging.h"

namespace spanlight {

Q_LOGGING_CATEGORY(lcServer, "spanlight.server")
Q_LOGGING_CATEGORY(lcIngest, "spanlight.ingest")
Q_LOGGING_CATEGORY(lcStorage, "spanlight.storage")
Q_LOGGING_CATEGORY(lcApi, "spanlight.api")

void applyLogLevel(const QString &level)
{
    QString rules = QStringLiteral("spanlight.*.debug=%1\nspanlight.*.info=%2\nspanlight.*.warning=%3\n")
                        .arg(level == u"DEBUG" ? QStringLiteral("true") : QStringLiteral("false"),
                             level == u"DEBUG" || level == u"INFO" ? QStringLiteral("true") : QStringLiteral("false"),
                             level == u"ERROR" || level == u"CRITICAL" ? QStringLiteral("false") : QStringLiteral("true"));
    QLoggingCategory::setFilterRules(rules);
}

void installLogFormat()
{
    qSetMessagePattern(QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} "
                                      "%{if-debug}DEBUG%{endif}%{if-info}INFO%{endif}%{if-warning}WARNING%{endif}"
                                      "%{if-critical}ERROR%{endif}%{if-fatal}FATAL%{endif} %{category}: %{message}"));
}

} // namespace spanlight
