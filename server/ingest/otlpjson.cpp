// OTLP/JSON, hand-written over QJsonDocument. protobuf's JsonStringToMessage is not used on
// purpose: proto3 JSON reads bytes as base64, OTLP/JSON writes ids as hex, and a 32-digit hex
// trace id is also valid base64, so the generic parser silently produces wrong ids.

#include "otlpcodec.h"

#include "core/ids.h"
#include "otlpshared.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QMetaType>
#include <QVariant>

#include <cmath>
#include <limits>

namespace spanlight {

namespace {

// Where in the document a value sits, as a chain of stack frames; turned into text such as
// "resourceSpans[0].scopeSpans[1].spans[3].startTimeUnixNano" only when something is wrong.
struct JsonPath
{
    const JsonPath *parent = nullptr;
    const char *name = nullptr;
    qsizetype index = -1;

    JsonPath child(const char *childName, qsizetype childIndex = -1) const
    {
        return JsonPath{this, childName, childIndex};
    }

    QString toString() const
    {
        QString text = parent ? parent->toString() : QString();
        if (name) {
            if (!text.isEmpty())
                text += u'.';
            text += QLatin1String(name);
        }
        if (index >= 0)
            text += u'[' + QString::number(index) + u']';
        return text;
    }
};

// A JSON member under its lowerCamelCase name or, as the spec also allows, its proto
// (snake_case) name. null counts as absent, as in proto3 JSON.
QJsonValue member(const QJsonObject &object, const char *camel, const char *snake = nullptr)
{
    auto it = object.constFind(QLatin1String(camel));
    if (it != object.constEnd() && !it->isNull())
        return *it;
    if (snake) {
        it = object.constFind(QLatin1String(snake));
        if (it != object.constEnd() && !it->isNull())
            return *it;
    }
    return QJsonValue(QJsonValue::Undefined);
}

struct EnumName
{
    const char *name; // without prefix
    int value;
};

constexpr EnumName kSpanKindNames[] = {{"UNSPECIFIED", 0}, {"INTERNAL", 1}, {"SERVER", 2},
                                       {"CLIENT", 3},      {"PRODUCER", 4}, {"CONSUMER", 5}};
constexpr EnumName kStatusCodeNames[] = {{"UNSET", 0}, {"OK", 1}, {"ERROR", 2}};

class JsonDecoder
{
public:
    QString m_error;

    bool fail(const JsonPath &path, const QString &what)
    {
        if (m_error.isEmpty())
            m_error = path.toString() + QLatin1String(": ") + what;
        return false;
    }

    bool readObject(const QJsonValue &value, const JsonPath &path, QJsonObject *out)
    {
        if (value.isUndefined()) {
            *out = {};
            return true;
        }
        if (!value.isObject())
            return fail(path, QStringLiteral("not an object"));
        *out = value.toObject();
        return true;
    }

    bool readArray(const QJsonValue &value, const JsonPath &path, QJsonArray *out)
    {
        if (value.isUndefined()) {
            *out = {};
            return true;
        }
        if (!value.isArray())
            return fail(path, QStringLiteral("not an array"));
        *out = value.toArray();
        return true;
    }

    bool readString(const QJsonValue &value, const JsonPath &path, QString *out)
    {
        if (value.isUndefined()) {
            out->clear();
            return true;
        }
        if (!value.isString())
            return fail(path, QStringLiteral("not a string"));
        *out = value.toString();
        return true;
    }

    // int64 / uint64 / fixed64 fields: proto3 JSON writes them as strings, many encoders as
    // numbers; both are accepted. Unsigned values past INT64_MAX wrap like the protobuf path does,
    // so both decoders hand validation the same span.
    bool readInt64(const QJsonValue &value, const JsonPath &path, bool isUnsigned, qint64 *out)
    {
        *out = 0;
        if (value.isUndefined())
            return true;
        if (value.isString()) {
            const QString text = value.toString();
            bool ok = false;
            if (isUnsigned) {
                const quint64 n = text.toULongLong(&ok);
                if (ok && !text.trimmed().startsWith(u'-')) {
                    *out = qint64(n);
                    return true;
                }
                bool isSigned = false;
                text.toLongLong(&isSigned);
                return fail(path, isSigned ? QStringLiteral("negative value for an unsigned field")
                                           : QStringLiteral("not an integer"));
            }
            const qint64 n = text.toLongLong(&ok);
            if (!ok)
                return fail(path, QStringLiteral("not an integer"));
            *out = n;
            return true;
        }
        if (!value.isDouble())
            return fail(path, QStringLiteral("not an integer"));
        // Qt's parser keeps integral numbers that fit in 64 bits exact (as qlonglong);
        // anything else arrives as a double.
        const QVariant variant = value.toVariant();
        if (variant.typeId() == QMetaType::LongLong) {
            const qint64 n = variant.toLongLong();
            if (isUnsigned && n < 0)
                return fail(path, QStringLiteral("negative value for an unsigned field"));
            *out = n;
            return true;
        }
        const double d = value.toDouble();
        if (!std::isfinite(d) || std::floor(d) != d)
            return fail(path, QStringLiteral("not an integer"));
        if (isUnsigned) {
            if (d < 0 || d >= 18446744073709551616.0)
                return fail(path, QStringLiteral("out of range for uint64"));
            *out = qint64(quint64(d));
            return true;
        }
        if (d < -9223372036854775808.0 || d >= 9223372036854775808.0)
            return fail(path, QStringLiteral("out of range for int64"));
        *out = qint64(d);
        return true;
    }

    bool readUInt32(const QJsonValue &value, const JsonPath &path, quint32 *out)
    {
        qint64 n = 0;
        if (!readInt64(value, path, false, &n))
            return false;
        if (n < 0 || n > qint64(std::numeric_limits<quint32>::max()))
            return fail(path, QStringLiteral("out of range for uint32"));
        *out = quint32(n);
        return true;
    }

    // The spec says integers; enum names ("SPAN_KIND_SERVER", "STATUS_CODE_ERROR") are
    // accepted too, with or without the prefix and in any case, because some encoders send them.
    template<size_t N>
    bool readEnum(const QJsonValue &value, const JsonPath &path, const EnumName (&names)[N],
                  QLatin1String prefix, int *out)
    {
        *out = 0;
        if (value.isUndefined())
            return true;
        if (value.isString()) {
            const QString text = value.toString().trimmed();
            QStringView name(text);
            if (name.startsWith(prefix, Qt::CaseInsensitive))
                name = name.mid(prefix.size());
            for (const EnumName &candidate : names) {
                if (name.compare(QLatin1String(candidate.name), Qt::CaseInsensitive) == 0) {
                    *out = candidate.value;
                    return true;
                }
            }
            bool ok = false;
            const int number = text.toInt(&ok);
            if (ok) {
                *out = number;
                return true;
            }
            return fail(path, QStringLiteral("unknown enum value \"%1\"").arg(text));
        }
        qint64 n = 0;
        if (!readInt64(value, path, false, &n))
            return false;
        if (n < std::numeric_limits<int>::min() || n > std::numeric_limits<int>::max())
            return fail(path, QStringLiteral("out of range for an enum"));
        *out = int(n);
        return true;
    }

    // Ids are hex in OTLP/JSON. A bad id is the span's problem, not the request's: it is
    // reported through `reason` so the span is rejected and counted rather than failing the body.
    static QByteArray readHexId(const QJsonValue &value, int bytes, const char *fieldName, QString *reason)
    {
        if (value.isUndefined())
            return {};
        const QString text = value.isString() ? value.toString() : QString();
        if (value.isString() && text.isEmpty())
            return {};
        QByteArray id;
        if (text.size() == 2 * bytes)
            id = idFromHex(text, bytes); // size checked first: idFromHex also pads 64-bit trace ids
        if (id.isEmpty() && reason->isEmpty())
            *reason = QLatin1String(fieldName) + QStringLiteral(" is not %1 hex digits").arg(2 * bytes);
        return id;
    }

    bool readAnyValue(const QJsonValue &value, const JsonPath &path, QJsonValue *out)
    {
        *out = QJsonValue(QJsonValue::Null);
        if (value.isUndefined())
            return true;
        if (!value.isObject())
            return fail(path, QStringLiteral("not an AnyValue object"));
        const QJsonObject object = value.toObject();
        QJsonValue v;
        if (!(v = member(object, "stringValue", "string_value")).isUndefined()) {
            QString s;
            if (!readString(v, path.child("stringValue"), &s))
                return false;
            *out = s;
        } else if (!(v = member(object, "boolValue", "bool_value")).isUndefined()) {
            if (!v.isBool())
                return fail(path.child("boolValue"), QStringLiteral("not a boolean"));
            *out = v.toBool();
        } else if (!(v = member(object, "intValue", "int_value")).isUndefined()) {
            qint64 n = 0;
            if (!readInt64(v, path.child("intValue"), false, &n))
                return false;
            *out = QJsonValue(n);
        } else if (!(v = member(object, "doubleValue", "double_value")).isUndefined()) {
            double d = 0;
            if (!readDouble(v, path.child("doubleValue"), &d))
                return false;
            *out = d;
        } else if (!(v = member(object, "arrayValue", "array_value")).isUndefined()) {
            const JsonPath arrayPath = path.child("arrayValue");
            QJsonObject arrayObject;
            QJsonArray values;
            if (!readObject(v, arrayPath, &arrayObject)
                || !readArray(member(arrayObject, "values"), arrayPath.child("values"), &values))
                return false;
            QJsonArray array;
            for (qsizetype i = 0; i < values.size(); ++i) {
                QJsonValue element;
                if (!readAnyValue(values.at(i), arrayPath.child("values", i), &element))
                    return false;
                array.append(element);
            }
            *out = array;
        } else if (!(v = member(object, "kvlistValue", "kvlist_value")).isUndefined()) {
            const JsonPath listPath = path.child("kvlistValue");
            QJsonObject listObject;
            QJsonObject attributes;
            if (!readObject(v, listPath, &listObject)
                || !readAttributes(member(listObject, "values"), listPath.child("values"), &attributes))
                return false;
            *out = attributes;
        } else if (!(v = member(object, "bytesValue", "bytes_value")).isUndefined()) {
            if (!v.isString())
                return fail(path.child("bytesValue"), QStringLiteral("not a base64 string"));
            // proto3 JSON accepts standard and URL-safe base64; the model holds standard base64.
            const QByteArray text = v.toString().toLatin1();
            auto decoded = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded)
                decoded = QByteArray::fromBase64Encoding(
                    text, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded)
                return fail(path.child("bytesValue"), QStringLiteral("not valid base64"));
            *out = QString::fromLatin1(decoded.decoded.toBase64());
        }
        return true;
    }

    bool readDouble(const QJsonValue &value, const JsonPath &path, double *out)
    {
        if (value.isDouble()) {
            *out = value.toDouble();
            return true;
        }
        if (value.isString()) {
            const QString text = value.toString();
            if (text == u"NaN") {
                *out = std::numeric_limits<double>::quiet_NaN();
                return true;
            }
            if (text == u"Infinity" || text == u"-Infinity") {
                *out = text.startsWith(u'-') ? -std::numeric_limits<double>::infinity()
                                             : std::numeric_limits<double>::infinity();
                return true;
            }
            bool ok = false;
            *out = text.toDouble(&ok);
            if (ok)
                return true;
        }
        return fail(path, QStringLiteral("not a number"));
    }

    // KeyValue lists become one JSON object; on duplicate keys the last one wins.
    bool readAttributes(const QJsonValue &value, const JsonPath &path, QJsonObject *out)
    {
        *out = {};
        QJsonArray list;
        if (!readArray(value, path, &list))
            return false;
        for (qsizetype i = 0; i < list.size(); ++i) {
            const JsonPath itemPath = path.child(nullptr, i);
            const QJsonValue item = list.at(i);
            if (!item.isObject())
                return fail(itemPath, QStringLiteral("not a KeyValue object"));
            const QJsonObject kv = item.toObject();
            QString key;
            QJsonValue v;
            if (!readString(member(kv, "key"), itemPath.child("key"), &key)
                || !readAnyValue(member(kv, "value"), itemPath.child("value"), &v))
                return false;
            out->insert(key, v);
        }
        return true;
    }

    bool readEvent(const QJsonValue &value, const JsonPath &path, SpanEvent *event)
    {
        QJsonObject object;
        if (!value.isObject())
            return fail(path, QStringLiteral("not an object"));
        object = value.toObject();
        return readInt64(member(object, "timeUnixNano", "time_unix_nano"), path.child("timeUnixNano"), true,
                         &event->timeUnixNano)
            && readString(member(object, "name"), path.child("name"), &event->name)
            && readAttributes(member(object, "attributes"), path.child("attributes"), &event->attributes)
            && readUInt32(member(object, "droppedAttributesCount", "dropped_attributes_count"),
                          path.child("droppedAttributesCount"), &event->droppedAttributesCount);
    }

    bool readLink(const QJsonValue &value, const JsonPath &path, qsizetype index, SpanLink *link,
                  QString *rejectReason)
    {
        if (!value.isObject())
            return fail(path, QStringLiteral("not an object"));
        const QJsonObject object = value.toObject();
        QString reason;
        link->traceId = readHexId(member(object, "traceId", "trace_id"), 16, "traceId", &reason);
        link->spanId = readHexId(member(object, "spanId", "span_id"), 8, "spanId", &reason);
        if (!reason.isEmpty() && rejectReason->isEmpty())
            *rejectReason = QStringLiteral("links[%1].").arg(index) + reason;
        return readString(member(object, "traceState", "trace_state"), path.child("traceState"), &link->traceState)
            && readAttributes(member(object, "attributes"), path.child("attributes"), &link->attributes)
            && readUInt32(member(object, "droppedAttributesCount", "dropped_attributes_count"),
                          path.child("droppedAttributesCount"), &link->droppedAttributesCount)
            && readUInt32(member(object, "flags"), path.child("flags"), &link->flags);
    }

    // False on a structural error (the request is bad); a non-empty rejectReason means only
    // this span is bad.
    bool readSpan(const QJsonValue &value, const JsonPath &path, Span *span, QString *rejectReason)
    {
        if (!value.isObject())
            return fail(path, QStringLiteral("not an object"));
        const QJsonObject object = value.toObject();

        span->traceId = readHexId(member(object, "traceId", "trace_id"), 16, "traceId", rejectReason);
        span->spanId = readHexId(member(object, "spanId", "span_id"), 8, "spanId", rejectReason);
        span->parentSpanId =
            readHexId(member(object, "parentSpanId", "parent_span_id"), 8, "parentSpanId", rejectReason);

        int kind = 0;
        QJsonArray events;
        QJsonArray links;
        QJsonObject status;
        if (!readString(member(object, "traceState", "trace_state"), path.child("traceState"), &span->traceState)
            || !readUInt32(member(object, "flags"), path.child("flags"), &span->flags)
            || !readString(member(object, "name"), path.child("name"), &span->name)
            || !readEnum(member(object, "kind"), path.child("kind"), kSpanKindNames, QLatin1String("SPAN_KIND_"),
                         &kind)
            || !readInt64(member(object, "startTimeUnixNano", "start_time_unix_nano"),
                          path.child("startTimeUnixNano"), true, &span->startTimeUnixNano)
            || !readInt64(member(object, "endTimeUnixNano", "end_time_unix_nano"), path.child("endTimeUnixNano"),
                          true, &span->endTimeUnixNano)
            || !readAttributes(member(object, "attributes"), path.child("attributes"), &span->attributes)
            || !readUInt32(member(object, "droppedAttributesCount", "dropped_attributes_count"),
                           path.child("droppedAttributesCount"), &span->droppedAttributesCount)
            || !readArray(member(object, "events"), path.child("events"), &events)
            || !readUInt32(member(object, "droppedEventsCount", "dropped_events_count"),
                           path.child("droppedEventsCount"), &span->droppedEventsCount)
            || !readArray(member(object, "links"), path.child("links"), &links)
            || !readUInt32(member(object, "droppedLinksCount", "dropped_links_count"),
                           path.child("droppedLinksCount"), &span->droppedLinksCount)
            || !readObject(member(object, "status"), path.child("status"), &status))
            return false;
        span->kind = SpanKind(kind);

        span->events.reserve(events.size());
        for (qsizetype i = 0; i < events.size(); ++i) {
            SpanEvent event;
            if (!readEvent(events.at(i), path.child("events", i), &event))
                return false;
            span->events.append(std::move(event));
        }
        span->links.reserve(links.size());
        for (qsizetype i = 0; i < links.size(); ++i) {
            SpanLink link;
            if (!readLink(links.at(i), path.child("links", i), i, &link, rejectReason))
                return false;
            span->links.append(std::move(link));
        }

        const JsonPath statusPath = path.child("status");
        int code = 0;
        if (!readEnum(member(status, "code"), statusPath.child("code"), kStatusCodeNames,
                      QLatin1String("STATUS_CODE_"), &code)
            || !readString(member(status, "message"), statusPath.child("message"), &span->statusMessage))
            return false;
        span->statusCode = StatusCode(code);
        return true;
    }

    bool readRequest(const QJsonObject &root, SpanBatch *batch)
    {
        const JsonPath rootPath;
        QJsonArray resourceSpansList;
        if (!readArray(member(root, "resourceSpans", "resource_spans"), rootPath.child("resourceSpans"),
                       &resourceSpansList))
            return false;
        for (qsizetype r = 0; r < resourceSpansList.size(); ++r) {
            const JsonPath rsPath = rootPath.child("resourceSpans", r);
            const QJsonValue rsValue = resourceSpansList.at(r);
            if (!rsValue.isObject())
                return fail(rsPath, QStringLiteral("not an object"));
            const QJsonObject rs = rsValue.toObject();
            QJsonObject resource;
            QJsonObject resourceAttributes;
            QJsonArray scopeSpansList;
            if (!readObject(member(rs, "resource"), rsPath.child("resource"), &resource)
                || !readAttributes(member(resource, "attributes"), rsPath.child("resource").child("attributes"),
                                   &resourceAttributes)
                || !readArray(member(rs, "scopeSpans", "scope_spans"), rsPath.child("scopeSpans"), &scopeSpansList))
                return false;
            const QString serviceName = otlp::serviceNameOf(resourceAttributes);

            for (qsizetype s = 0; s < scopeSpansList.size(); ++s) {
                const JsonPath ssPath = rsPath.child("scopeSpans", s);
                const QJsonValue ssValue = scopeSpansList.at(s);
                if (!ssValue.isObject())
                    return fail(ssPath, QStringLiteral("not an object"));
                const QJsonObject ss = ssValue.toObject();
                const JsonPath scopePath = ssPath.child("scope");
                QJsonObject scope;
                QString scopeName;
                QString scopeVersion;
                QJsonObject scopeAttributes;
                QJsonArray spans;
                if (!readObject(member(ss, "scope"), scopePath, &scope)
                    || !readString(member(scope, "name"), scopePath.child("name"), &scopeName)
                    || !readString(member(scope, "version"), scopePath.child("version"), &scopeVersion)
                    || !readAttributes(member(scope, "attributes"), scopePath.child("attributes"), &scopeAttributes)
                    || !readArray(member(ss, "spans"), ssPath.child("spans"), &spans))
                    return false;

                batch->spans.reserve(batch->spans.size() + spans.size());
                for (qsizetype i = 0; i < spans.size(); ++i) {
                    Span span;
                    QString rejectReason;
                    if (!readSpan(spans.at(i), ssPath.child("spans", i), &span, &rejectReason))
                        return false;
                    if (!rejectReason.isEmpty()) {
                        otlp::rejectSpan(*batch, rejectReason);
                        continue;
                    }
                    span.serviceName = serviceName;
                    span.resourceAttributes = resourceAttributes;
                    span.scopeName = scopeName;
                    span.scopeVersion = scopeVersion;
                    span.scopeAttributes = scopeAttributes;
                    otlp::appendDecodedSpan(*batch, std::move(span));
                }
            }
        }
        return true;
    }
};

// ---- model -> OTLP/JSON -----------------------------------------------------------------

QJsonArray attributesJson(const QJsonObject &attributes);

QJsonObject anyValueJson(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return {{QLatin1String("boolValue"), value.toBool()}};
    case QJsonValue::Double: {
        if (value.toVariant().typeId() == QMetaType::LongLong)
            return {{QLatin1String("intValue"), QString::number(value.toInteger())}};
        const double d = value.toDouble();
        // JSON numbers cannot hold these; proto3 JSON spells them as strings.
        if (std::isnan(d))
            return {{QLatin1String("doubleValue"), QStringLiteral("NaN")}};
        if (std::isinf(d))
            return {{QLatin1String("doubleValue"), d > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity")}};
        return {{QLatin1String("doubleValue"), d}};
    }
    case QJsonValue::String:
        return {{QLatin1String("stringValue"), value.toString()}};
    case QJsonValue::Array: {
        QJsonArray values;
        for (const QJsonValue &element : value.toArray())
            values.append(anyValueJson(element));
        return {{QLatin1String("arrayValue"), QJsonObject{{QLatin1String("values"), values}}}};
    }
    case QJsonValue::Object:
        return {{QLatin1String("kvlistValue"), QJsonObject{{QLatin1String("values"), attributesJson(value.toObject())}}}};
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

QJsonArray attributesJson(const QJsonObject &attributes)
{
    QJsonArray list;
    for (auto it = attributes.begin(); it != attributes.end(); ++it)
        list.append(QJsonObject{{QLatin1String("key"), it.key()}, {QLatin1String("value"), anyValueJson(it.value())}});
    return list;
}

QString hex(const QByteArray &id)
{
    return QString::fromLatin1(id.toHex());
}

QString uint64String(qint64 value)
{
    return QString::number(quint64(value));
}

QJsonObject spanJson(const Span &span)
{
    QJsonObject out;
    out.insert(QLatin1String("traceId"), hex(span.traceId));
    out.insert(QLatin1String("spanId"), hex(span.spanId));
    if (!span.parentSpanId.isEmpty())
        out.insert(QLatin1String("parentSpanId"), hex(span.parentSpanId));
    if (!span.traceState.isEmpty())
        out.insert(QLatin1String("traceState"), span.traceState);
    if (span.flags != 0)
        out.insert(QLatin1String("flags"), qint64(span.flags));
    out.insert(QLatin1String("name"), span.name);
    out.insert(QLatin1String("kind"), int(span.kind));
    out.insert(QLatin1String("startTimeUnixNano"), uint64String(span.startTimeUnixNano));
    out.insert(QLatin1String("endTimeUnixNano"), uint64String(span.endTimeUnixNano));
    if (!span.attributes.isEmpty())
        out.insert(QLatin1String("attributes"), attributesJson(span.attributes));
    if (span.droppedAttributesCount != 0)
        out.insert(QLatin1String("droppedAttributesCount"), qint64(span.droppedAttributesCount));
    if (!span.events.isEmpty()) {
        QJsonArray events;
        for (const SpanEvent &event : span.events) {
            QJsonObject e{{QLatin1String("timeUnixNano"), uint64String(event.timeUnixNano)},
                          {QLatin1String("name"), event.name}};
            if (!event.attributes.isEmpty())
                e.insert(QLatin1String("attributes"), attributesJson(event.attributes));
            if (event.droppedAttributesCount != 0)
                e.insert(QLatin1String("droppedAttributesCount"), qint64(event.droppedAttributesCount));
            events.append(e);
        }
        out.insert(QLatin1String("events"), events);
    }
    if (span.droppedEventsCount != 0)
        out.insert(QLatin1String("droppedEventsCount"), qint64(span.droppedEventsCount));
    if (!span.links.isEmpty()) {
        QJsonArray links;
        for (const SpanLink &link : span.links) {
            QJsonObject l{{QLatin1String("traceId"), hex(link.traceId)}, {QLatin1String("spanId"), hex(link.spanId)}};
            if (!link.traceState.isEmpty())
                l.insert(QLatin1String("traceState"), link.traceState);
            if (!link.attributes.isEmpty())
                l.insert(QLatin1String("attributes"), attributesJson(link.attributes));
            if (link.droppedAttributesCount != 0)
                l.insert(QLatin1String("droppedAttributesCount"), qint64(link.droppedAttributesCount));
            if (link.flags != 0)
                l.insert(QLatin1String("flags"), qint64(link.flags));
            links.append(l);
        }
        out.insert(QLatin1String("links"), links);
    }
    if (span.droppedLinksCount != 0)
        out.insert(QLatin1String("droppedLinksCount"), qint64(span.droppedLinksCount));
    if (span.statusCode != StatusCode::Unset || !span.statusMessage.isEmpty()) {
        QJsonObject status;
        if (span.statusCode != StatusCode::Unset)
            status.insert(QLatin1String("code"), int(span.statusCode));
        if (!span.statusMessage.isEmpty())
            status.insert(QLatin1String("message"), span.statusMessage);
        out.insert(QLatin1String("status"), status);
    }
    return out;
}

} // namespace

DecodeResult decodeOtlpJson(QByteArrayView body)
{
    DecodeResult result;
    QJsonParseError parseError;
    // fromRawData: the parser only reads the bytes during this call, so no copy is needed.
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray::fromRawData(body.data(), body.size()), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.error = QStringLiteral("invalid JSON at offset %1: %2").arg(parseError.offset).arg(parseError.errorString());
        return result;
    }
    return decodeOtlpJsonDocument(document);
}

DecodeResult decodeOtlpJsonDocument(const QJsonDocument &document)
{
    DecodeResult result;
    if (!document.isObject()) {
        result.error = QStringLiteral("invalid OTLP/JSON: the request is not a JSON object");
        return result;
    }
    JsonDecoder decoder;
    if (!decoder.readRequest(document.object(), &result.batch)) {
        result.error = QStringLiteral("invalid OTLP/JSON: ") + decoder.m_error;
        result.batch = {};
        return result;
    }
    validateBatch(result.batch);
    return result;
}

QByteArray encodeOtlpJson(const QList<Span> &spans)
{
    QJsonArray resourceSpansList;
    for (const otlp::ResourceGroup &group : otlp::groupSpans(spans)) {
        QJsonArray scopeSpansList;
        for (const otlp::ScopeGroup &scope : group.scopes) {
            const Span &first = spans.at(scope.spans.first());
            QJsonObject scopeJson;
            if (!first.scopeName.isEmpty())
                scopeJson.insert(QLatin1String("name"), first.scopeName);
            if (!first.scopeVersion.isEmpty())
                scopeJson.insert(QLatin1String("version"), first.scopeVersion);
            if (!first.scopeAttributes.isEmpty())
                scopeJson.insert(QLatin1String("attributes"), attributesJson(first.scopeAttributes));
            QJsonArray spanList;
            for (qsizetype index : scope.spans)
                spanList.append(spanJson(spans.at(index)));
            scopeSpansList.append(QJsonObject{{QLatin1String("scope"), scopeJson}, {QLatin1String("spans"), spanList}});
        }
        const QJsonObject resource{{QLatin1String("attributes"), attributesJson(group.resourceAttributes)}};
        resourceSpansList.append(
            QJsonObject{{QLatin1String("resource"), resource}, {QLatin1String("scopeSpans"), scopeSpansList}});
    }
    return QJsonDocument(QJsonObject{{QLatin1String("resourceSpans"), resourceSpansList}}).toJson(QJsonDocument::Compact);
}

QByteArray encodeOtlpResponseJson(qint64 rejectedSpans, const QString &errorMessage)
{
    QJsonObject response;
    if (rejectedSpans > 0 || !errorMessage.isEmpty()) {
        // proto3 JSON: int64 as a string, default values left out.
        QJsonObject partial;
        if (rejectedSpans != 0)
            partial.insert(QLatin1String("rejectedSpans"), QString::number(rejectedSpans));
        if (!errorMessage.isEmpty())
            partial.insert(QLatin1String("errorMessage"), errorMessage);
        response.insert(QLatin1String("partialSuccess"), partial);
    }
    return QJsonDocument(response).toJson(QJsonDocument::Compact);
}

QByteArray encodeRpcStatusJson(int code, const QString &message)
{
    QJsonObject status{{QLatin1String("code"), code}};
    if (!message.isEmpty())
        status.insert(QLatin1String("message"), message);
    return QJsonDocument(status).toJson(QJsonDocument::Compact);
}

} // namespace spanlight
