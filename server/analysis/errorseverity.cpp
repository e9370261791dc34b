#include "errorseverity.h"

#include <QCryptographicHash>
#include <QRegularExpression>

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

QString errorFingerprint(const QString &service, const QString &operation, const QString &type,
                         const QString &message)
{
    static const QRegularExpression quoted(QStringLiteral(R"('[^']*'|"[^"]*")"));
    static const QRegularExpression hexRun(QStringLiteral(R"(\b(?:0x)?[0-9a-fA-F]{8,}\b)"));
    static const QRegularExpression number(QStringLiteral(R"(\d+(?:\.\d+)?)"));
    QString masked = message;
    masked.replace(quoted, QStringLiteral("'?'"));
    masked.replace(hexRun, QStringLiteral("#"));
    masked.replace(number, QStringLiteral("#"));
    const QString key = service + u'\x1f' + operation + u'\x1f' + type + u'\x1f' + masked;
    return QString::fromLatin1(QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha256).toHex().left(16));
}

} // namespace spanlight
