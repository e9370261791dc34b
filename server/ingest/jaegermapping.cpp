#include "jaegermapping.h"

#include "otlpshared.h"

#include <QtEndian>

#include <cmath>
#include <limits>
#include <optional>

namespace spanlight::jaeger {

namespace {

constexpr qint64 kMaxMicros = std::numeric_limits<qint64>::max() / 1000;

QByteArray bigEndian(qint64 value)
{
    QByteArray bytes(8, Qt::Uninitialized);
    qToBigEndian(value, bytes.data());
    return bytes;
}

QByteArray traceIdOf(qint64 high, qint64 low)
{
    return bigEndian(high) + bigEndian(low);
}

} // namespace

QJsonValue tagValue(const JTag &tag)
{
    switch (TagType(tag.vType)) {
    case TagType::String:
        return tag.vStr;
    case TagType::Double:
        // JSON has no NaN or infinities; keep them readable rather than turning them into null.
        if (!std::isfinite(tag.vDouble))
            return QString::number(tag.vDouble);
        return tag.vDouble;
    case TagType::Bool:
        return tag.vBool;
    case TagType::Long:
        return QJsonValue(tag.vLong);
    case TagType::Binary:
        return QString::fromLatin1(tag.vBinary.toBase64());
    }
    return QJsonValue(QJsonValue::Null); // readTag() refuses other types
}

namespace {

bool isText(const JTag &tag)
{
    return TagType(tag.vType) == TagType::String;
}

std::optional<SpanKind> spanKindFromTag(const QString &value)
{
    static const struct
    {
        const char *name;
        SpanKind kind;
    } kinds[] = { { "client", SpanKind::Client }, { "server", SpanKind::Server },
        { "producer", SpanKind::Producer }, { "consumer", SpanKind::Consumer },
        { "internal", SpanKind::Internal } };
    for (const auto &k : kinds)
        if (value.compare(QLatin1String(k.name), Qt::CaseInsensitive) == 0)
            return k.kind;
    return std::nullopt;
}

// The OpenTracing error-log convention: event=error with error.kind, error.object, message,
// stack. Such logs also get OTel's exception.* attributes so error types and stack traces
// read the same as for OTLP spans.
bool isErrorLog(const SpanEvent &event)
{
    return event.name == u"error" || event.attributes.contains(QLatin1String("error.kind"))
        || event.attributes.contains(QLatin1String("error.object"))
        || event.attributes.contains(QLatin1String("stack"));
}

void addExceptionAttributes(SpanEvent &event)
{
    QJsonObject &a = event.attributes;
    auto setIfAbsent = [&a](const char *key, const QJsonValue &from) {
        const QString text = attributeText(from);
        if (!text.isEmpty() && !a.contains(QLatin1String(key)))
            a.insert(QLatin1String(key), text);
    };
    setIfAbsent("exception.type", a.value(QLatin1String("error.kind")));
    const QJsonValue message = a.value(QLatin1String("message"));
    setIfAbsent(
        "exception.message", message.isUndefined() ? a.value(QLatin1String("error.object")) : message);
    setIfAbsent("exception.stacktrace", a.value(QLatin1String("stack")));
}

SpanEvent toEvent(const JLog &log)
{
    SpanEvent event;
    event.timeUnixNano = log.timestamp * 1000;
    for (const JTag &field : log.fields) {
        if (field.key == u"event" && isText(field) && event.name.isEmpty()) {
            event.name = field.vStr;
            continue;
        }
        event.attributes.insert(field.key, tagValue(field));
    }
    if (event.name.isEmpty())
        event.name = QStringLiteral("log");
    if (isErrorLog(event))
        addExceptionAttributes(event);
    return event;
}

} // namespace

QString toSpan(const JSpan &j, const QString &serviceName, const QJsonObject &resource, Span *out)
{
    if (j.startTime < 0 || j.startTime > kMaxMicros)
        return QStringLiteral("startTime out of range");
    if (j.duration < 0 || j.duration > kMaxMicros - j.startTime)
        return QStringLiteral("duration out of range");
    for (const JLog &log : j.logs)
        if (log.timestamp < 0 || log.timestamp > kMaxMicros)
            return QStringLiteral("log timestamp out of range");

    Span &s = *out;
    s.traceId = traceIdOf(j.traceIdHigh, j.traceIdLow);
    s.spanId = bigEndian(j.spanId);
    s.name = j.operationName;
    s.startTimeUnixNano = j.startTime * 1000;
    s.endTimeUnixNano = (j.startTime + j.duration) * 1000;
    s.serviceName = serviceName;
    s.resourceAttributes = resource;
    // Jaeger's sampled bit is W3C's; debug has no OTLP flag and becomes an attribute.
    s.flags = quint32(j.flags) & 0x01;
    if (j.flags & 0x02)
        s.attributes.insert(QStringLiteral("jaeger.debug"), true);

    // Parent: parentSpanId, else the first CHILD_OF reference within the trace. Every other
    // reference is a link; the one that repeats the parent (clients send both) is not.
    qint64 parent = j.parentSpanId;
    auto sameTrace
        = [&j](const JSpanRef &r) { return r.traceIdHigh == j.traceIdHigh && r.traceIdLow == j.traceIdLow; };
    auto isParentRef = [&](const JSpanRef &r) {
        return r.refType == qint32(SpanRefType::ChildOf) && sameTrace(r) && r.spanId == parent;
    };
    if (parent == 0) {
        for (const JSpanRef &r : j.references) {
            if (r.refType == qint32(SpanRefType::ChildOf) && sameTrace(r) && r.spanId != 0) {
                parent = r.spanId;
                break;
            }
        }
    }
    if (parent != 0)
        s.parentSpanId = bigEndian(parent);
    bool parentRefSeen = false;
    for (const JSpanRef &r : j.references) {
        if (r.spanId == 0)
            continue; // points at nothing
        if (parent != 0 && !parentRefSeen && isParentRef(r)) {
            parentRefSeen = true;
            continue;
        }
        SpanLink link;
        link.traceId = traceIdOf(r.traceIdHigh, r.traceIdLow);
        link.spanId = bigEndian(r.spanId);
        const QString type = r.refType == qint32(SpanRefType::ChildOf) ? QStringLiteral("child_of")
            : r.refType == qint32(SpanRefType::FollowsFrom)            ? QStringLiteral("follows_from")
                                                                       : QString::number(r.refType);
        link.attributes.insert(QStringLiteral("jaeger.ref_type"), type);
        s.links.append(link);
    }

    bool errorTag = false;
    QString otelStatus;
    QString statusDescription;
    for (const JTag &tag : j.tags) {
        const QString &key = tag.key;
        if (key == u"span.kind" && isText(tag)) {
            if (const auto kind = spanKindFromTag(tag.vStr)) {
                s.kind = *kind;
                continue;
            }
        } else if (key == u"error") {
            if (TagType(tag.vType) == TagType::Bool) {
                errorTag = tag.vBool;
                continue;
            }
            if (isText(tag)
                && (tag.vStr.compare(u"true", Qt::CaseInsensitive) == 0
                    || tag.vStr.compare(u"false", Qt::CaseInsensitive) == 0)) {
                errorTag = tag.vStr.compare(u"true", Qt::CaseInsensitive) == 0;
                continue;
            }
        } else if (key == u"otel.status_code" && isText(tag)) {
            otelStatus = tag.vStr.toUpper();
            continue;
        } else if (key == u"otel.status_description" && isText(tag)) {
            statusDescription = tag.vStr;
            continue;
        } else if ((key == u"otel.scope.name" || key == u"otel.library.name") && isText(tag)) {
            s.scopeName = tag.vStr;
            continue;
        } else if ((key == u"otel.scope.version" || key == u"otel.library.version") && isText(tag)) {
            s.scopeVersion = tag.vStr;
            continue;
        }
        s.attributes.insert(key, tagValue(tag));
    }

    s.events.reserve(j.logs.size());
    for (const JLog &log : j.logs)
        s.events.append(toEvent(log));

    if (errorTag || otelStatus == u"ERROR") {
        s.statusCode = StatusCode::Error;
        s.statusMessage = statusDescription;
        if (s.statusMessage.isEmpty())
            s.statusMessage = s.attributes.value(QLatin1String("error.message")).toString();
        for (const SpanEvent &e : std::as_const(s.events)) {
            if (!s.statusMessage.isEmpty())
                break;
            if (isErrorLog(e))
                s.statusMessage = e.attributes.value(QLatin1String("exception.message")).toString();
        }
    } else if (otelStatus == u"OK") {
        s.statusCode = StatusCode::Ok;
    }
    return {};
}
void appendProcessSpans(const JProcess &process, const QList<JSpan> &spans, SpanBatch *batch)
{
    QJsonObject resource;
    for (const JTag &tag : process.tags)
        resource.insert(tag.key, tagValue(tag));
    if (!process.serviceName.isEmpty())
        resource.insert(QStringLiteral("service.name"), process.serviceName);
    const QString serviceName = otlp::serviceNameOf(resource);
    batch->spans.reserve(batch->spans.size() + spans.size());
    for (const JSpan &j : spans) {
        Span span;
        const QString reason = toSpan(j, serviceName, resource, &span);
        if (reason.isEmpty())
            otlp::appendDecodedSpan(*batch, std::move(span));
        else
            otlp::rejectSpan(*batch, reason);
    }
}

} // namespace spanlight::jaeger
