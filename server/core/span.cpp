#include "span.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QVariant>

namespace spanlight {

QString spanKindName(SpanKind kind)
{
    switch (kind) {
    case SpanKind::Internal:
        return QStringLiteral("internal");
    case SpanKind::Server:
        return QStringLiteral("server");
    case SpanKind::Client:
        return QStringLiteral("client");
    case SpanKind::Producer:
        return QStringLiteral("producer");
    case SpanKind::Consumer:
        return QStringLiteral("consumer");
    case SpanKind::Unspecified:
        break;
    }
    return QStringLiteral("unspecified");
}

QString statusCodeName(StatusCode code)
{
    switch (code) {
    case StatusCode::Ok:
        return QStringLiteral("ok");
    case StatusCode::Error:
        return QStringLiteral("error");
    case StatusCode::Unset:
        break;
    }
    return QStringLiteral("unset");
}

static bool allZero(const QByteArray &bytes)
{
    return std::all_of(bytes.cbegin(), bytes.cend(), [](char c) { return c == 0; });
}

QString validateSpan(const Span &span)
{
    if (span.traceId.size() != 16 || allZero(span.traceId))
        return QStringLiteral("trace_id must be 16 bytes and not all zero");
    if (span.spanId.size() != 8 || allZero(span.spanId))
        return QStringLiteral("span_id must be 8 bytes and not all zero");
    if (!span.parentSpanId.isEmpty() && span.parentSpanId.size() != 8)
        return QStringLiteral("parent_span_id must be empty or 8 bytes");
    if (span.startTimeUnixNano <= 0)
        return QStringLiteral("start_time_unix_nano must be set");
    if (span.endTimeUnixNano < span.startTimeUnixNano)
        return QStringLiteral("end_time_unix_nano is before start_time_unix_nano");
    if (int(span.kind) < 0 || int(span.kind) > 5)
        return QStringLiteral("kind out of range");
    return {};
}

void validateBatch(SpanBatch &batch)
{
    QList<Span> kept;
    kept.reserve(batch.spans.size());
    for (Span &span : batch.spans) {
        const QString reason = validateSpan(span);
        if (reason.isEmpty()) {
            kept.append(std::move(span));
            continue;
        }
        ++batch.rejectedSpans;
        if (!batch.rejectReasons.contains(reason))
            batch.rejectReasons.append(reason);
    }
    batch.spans = std::move(kept);
}

} // namespace spanlight

namespace spanlight {

const char *ingestProtocolLabel(IngestProtocolId id)
{
    switch (id) {
    case IngestProtocolId::OtlpHttp: return "otlp_http";
    case IngestProtocolId::OtlpGrpc: return "otlp_grpc";
    case IngestProtocolId::Zipkin: return "zipkin";
    case IngestProtocolId::Jaeger: return "jaeger";
    case IngestProtocolId::Other: break;
    }
    return "other";
}

bool isErrorSpan(const Span &span)
{
    return span.statusCode == StatusCode::Error;
}

bool isExceptionEvent(const SpanEvent &event)
{
    return event.name == u"exception" || event.attributes.contains(QLatin1String("exception.type"))
        || event.attributes.contains(QLatin1String("exception.message"))
        || event.attributes.contains(QLatin1String("exception.stacktrace"));
}

bool isTimeoutError(const Span &span)
{
    if (!isErrorSpan(span))
        return false;
    auto namesTimeout = [](const QString &text) {
        return text.contains(QLatin1String("timeout"), Qt::CaseInsensitive)
            || text.contains(QLatin1String("timed out"), Qt::CaseInsensitive)
            || text.contains(QLatin1String("deadline exceeded"), Qt::CaseInsensitive)
            || text.contains(QLatin1String("deadline_exceeded"), Qt::CaseInsensitive);
    };
    const QJsonValue grpc = span.attributes.value(QLatin1String("rpc.grpc.status_code"));
    if (!grpc.isUndefined() && grpc.toInteger(-1) == 4) // DEADLINE_EXCEEDED
        return true;
    for (const char *key : {"http.response.status_code", "http.status_code"}) {
        const QJsonValue v = span.attributes.value(QLatin1String(key));
        const qint64 code = v.isString() ? v.toString().toLongLong() : v.toInteger(0);
        if (code == 504 || code == 408)
            return true;
    }
    if (namesTimeout(span.statusMessage))
        return true;
    for (const SpanEvent &e : span.events) {
        if (!isExceptionEvent(e))
            continue;
        if (namesTimeout(e.attributes.value(QLatin1String("exception.type")).toString()))
            return true;
    }
    return false;
}

QString attributeText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const QVariant v = value.toVariant(); // Qt 6 keeps integers as qint64
        if (v.typeId() == QMetaType::LongLong)
            return QString::number(v.toLongLong());
        return QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
    }
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

QString externalTarget(const Span &span)
{
    if (span.kind != SpanKind::Client && span.kind != SpanKind::Producer)
        return {};
    const auto text = [&span](const char *key) {
        return attributeText(span.attributes.value(QLatin1String(key))).trimmed();
    };
    const auto qualified = [&text](const char *system, std::initializer_list<const char *> names) -> QString {
        const QString s = text(system);
        if (s.isEmpty())
            return s;
        for (const char *name : names) {
            const QString n = text(name);
            if (!n.isEmpty())
                return s + u':' + n;
        }
        return s;
    };
    QString target = text("peer.service");
    if (target.isEmpty())
        target = qualified("db.system", { "db.name", "db.namespace" });
    if (target.isEmpty())
        target = qualified("messaging.system", { "messaging.destination.name", "messaging.destination" });
    if (target.isEmpty())
        target = text("server.address");
    if (target.isEmpty())
        target = text("net.peer.name");
    return target;
}

} // namespace spanlight
