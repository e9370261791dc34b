#include "spanerror.h"

#include <QCryptographicHash>
#include <QRegularExpression>

namespace spanlight {

static QString grpcStatusName(qint64 code)
{
    static const char *const names[]
        = { "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND",
              "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED",
              "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED" };
    if (code < 0 || code >= qint64(std::size(names)))
        return {};
    return QString::fromLatin1(names[code]);
}

static qint64 integerAttribute(const QJsonObject &attributes, const char *key)
{
    const QJsonValue v = attributes.value(QLatin1String(key));
    if (v.isString()) {
        bool ok = false;
        const qint64 n = v.toString().toLongLong(&ok);
        return ok ? n : -1;
    }
    return v.isDouble() ? v.toInteger(-1) : -1;
}

SpanError spanError(const Span &span)
{
    SpanError e;
    for (const SpanEvent &event : span.events) {
        if (!isExceptionEvent(event))
            continue;
        e.type = event.attributes.value(QLatin1String("exception.type")).toString();
        e.message = event.attributes.value(QLatin1String("exception.message")).toString();
        e.stackTrace = event.attributes.value(QLatin1String("exception.stacktrace")).toString();
        break;
    }
    if (e.type.isEmpty()) {
        const qint64 grpc = integerAttribute(span.attributes, "rpc.grpc.status_code");
        if (grpc > 0)
            e.type = grpcStatusName(grpc);
    }
    if (e.type.isEmpty()) {
        qint64 http = integerAttribute(span.attributes, "http.response.status_code");
        if (http < 0)
            http = integerAttribute(span.attributes, "http.status_code");
        if (http >= 100)
            e.type = QStringLiteral("HTTP %1").arg(http);
    }
    if (e.type.isEmpty())
        e.type = QStringLiteral("Error");
    if (!span.statusMessage.isEmpty())
        e.message = span.statusMessage;
    return e;
}

QString errorFingerprint(
    const QString &service, const QString &operation, const QString &type, const QString &message)
{
    static const QRegularExpression quoted(QStringLiteral(R"('[^']*'|"[^"]*")"));
    static const QRegularExpression hexRun(QStringLiteral(R"(\b(?:0x)?[0-9a-fA-F]{8,}\b)"));
    static const QRegularExpression number(QStringLiteral(R"(\d+(?:\.\d+)?)"));
    QString masked = message;
    masked.replace(quoted, QStringLiteral("'?'"));
    masked.replace(hexRun, QStringLiteral("#"));
    masked.replace(number, QStringLiteral("#"));
    const QString key = service + u'\x1f' + operation + u'\x1f' + type + u'\x1f' + masked;
    return QString::fromLatin1(
        QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha256).toHex().left(16));
}

} // namespace spanlight
