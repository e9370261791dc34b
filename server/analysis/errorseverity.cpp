#include "errorseverity.h"


namespace spanlight {

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::Critical:
        return QStringLiteral("critical");
    case Severity::High:
        return QStringLiteral("high");
    case Severity::Medium:
        return QStringLiteral("medium");
    case Severity::Low:
        break;
    }
    return QStringLiteral("low");
}

std::optional<Severity> severityFromName(const QString &name)
{
    for (Severity s : {Severity::Low, Severity::Medium, Severity::High, Severity::Critical})
        if (name.compare(severityName(s), Qt::CaseInsensitive) == 0)
            return s;
    return std::nullopt;
}

Severity errorSeverity(const ErrorSite &site)
{
    Severity base = Severity::Low;
    if (site.isTraceRoot)
        base = Severity::Critical;
    else if (site.kind == SpanKind::Server || site.kind == SpanKind::Consumer)
        base = Severity::High;
    else if (site.kind == SpanKind::Client || site.kind == SpanKind::Producer)
        base = Severity::Medium;
    if (site.repeats >= kSeverityRepeatThreshold && base != Severity::Critical)
        base = Severity(int(base) + 1);
    return base;
}

} // namespace spanlight
