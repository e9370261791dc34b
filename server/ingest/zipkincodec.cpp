// Zipkin v2 JSON and protobuf -> spanlight::Span. The mapping rules are in zipkincodec.h and
// docs/ingest.md. Both readers fill a RawSpan (Zipkin's own model, ids already bytes), and
// appendSpan() alone turns it into a Span, so the two wire formats cannot drift apart.

#include "zipkincodec.h"

#include "core/ids.h"
#include "otlpshared.h"
#include "protobufwire.h"

#include "zipkin/zipkin.pb.h"

#include <google/protobuf/arena.h>

#include <QCryptographicHash>
#include <QHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QLocale>
#include <QMetaType>
#include <QVariant>
#include <QtEndian>

#include <algorithm>
#include <climits>
#include <cmath>
#include <limits>
#include <optional>

namespace spanlight {

namespace pb = google::protobuf;

namespace {

constexpr qint64 kMaxMicros = std::numeric_limits<qint64>::max() / 1000; // still fits in ns

struct RawEndpoint
{
    QString serviceName;
    QString ipv4; // canonical text, empty when absent or unparseable
    QString ipv6;
    int port = 0; // 0: absent

    QString address() const { return ipv4.isEmpty() ? ipv6 : ipv4; }
};

struct RawAnnotation
{
    qint64 timestampUs = 0;
    QString value;
};

// One Zipkin span as the wire holds it, before the mapping.
struct RawSpan
{
    QByteArray traceId; // 16 bytes (64-bit ids already padded)
    QByteArray id;
    QByteArray parentId; // empty: root
    SpanKind kind = SpanKind::Internal;
    QString name;
    qint64 timestampUs = 0; // 0: absent
    qint64 durationUs = 0;
    RawEndpoint local;
    RawEndpoint remote;
    QList<RawAnnotation> annotations;
    QList<QPair<QString, QString>> tags;
    bool debug = false;
    bool shared = false;
    QString reject; // the first reason this span cannot be kept
    void rejectWith(const QString &reason)
    {
        if (reject.isEmpty())
            reject = reason;
    }
};

bool allZero(const QByteArray &bytes)
{
    return std::all_of(bytes.cbegin(), bytes.cend(), [](char c) { return c == 0; });
}

QString portReason(qint64 port)
{
    return QStringLiteral("endpoint port %1 is out of range").arg(port);
}

// Tags that become status, scope or counts; see the table in zipkincodec.h.
struct ConsumedTags
{
    std::optional<QString> error;
    std::optional<QString> otelStatusCode;
    std::optional<QString> otelStatusDescription;
    QString scopeName, scopeVersion, libraryName, libraryVersion;
};

std::optional<quint32> droppedCount(const QString &text)
{
    bool ok = false;
    const uint n = text.toUInt(&ok);
    return ok ? std::optional<quint32>(n) : std::nullopt;
}

// Resource objects by service name, so the spans of one service share one implicitly shared copy.
class ResourceCache
{
public:
    QJsonObject of(const QString &serviceName)
    {
        auto it = m_resources.constFind(serviceName);
        if (it == m_resources.cend())
            it = m_resources.insert(
                serviceName, QJsonObject { { QStringLiteral("service.name"), serviceName } });
        return *it;
    }

private:
    QHash<QString, QJsonObject> m_resources;
};

void appendSpan(SpanBatch &batch, RawSpan &&raw, ResourceCache &resources)
{
    if (raw.reject.isEmpty() && raw.timestampUs == 0)
        raw.rejectWith(QStringLiteral("span has no timestamp"));
    if (raw.reject.isEmpty() && (raw.timestampUs < 0 || raw.timestampUs > kMaxMicros))
        raw.rejectWith(QStringLiteral("timestamp is out of range"));
    if (raw.reject.isEmpty()
        && raw.durationUs > (std::numeric_limits<qint64>::max() - raw.timestampUs * 1000) / 1000)
        raw.rejectWith(QStringLiteral("duration is out of range"));
    for (const RawAnnotation &a : std::as_const(raw.annotations)) {
        if (a.timestampUs == 0)
            raw.rejectWith(QStringLiteral("annotation has no timestamp"));
        else if (a.timestampUs < 0 || a.timestampUs > kMaxMicros)
            raw.rejectWith(QStringLiteral("annotation timestamp is out of range"));
    }
    if (!raw.reject.isEmpty()) {
        otlp::rejectSpan(batch, raw.reject);
        return;
    }

    Span span;
    span.traceId = std::move(raw.traceId);
    span.spanId = std::move(raw.id);
    // Zipkin's own server drops a parent id equal to the span id ("circular dependency").
    if (!raw.parentId.isEmpty() && raw.parentId != span.spanId)
        span.parentSpanId = std::move(raw.parentId);
    span.name = std::move(raw.name);
    span.kind = raw.kind;
    span.startTimeUnixNano = raw.timestampUs * 1000;
    span.endTimeUnixNano = span.startTimeUnixNano + raw.durationUs * 1000;

    ConsumedTags consumed;
    QJsonObject &attributes = span.attributes;
    for (auto &[key, value] : raw.tags) {
        if (key == u"error")
            consumed.error = value;
        else if (key == u"otel.status_code")
            consumed.otelStatusCode = value;
        else if (key == u"otel.status_description")
            consumed.otelStatusDescription = value;
        else if (key == u"otel.scope.name")
            consumed.scopeName = value;
        else if (key == u"otel.scope.version")
            consumed.scopeVersion = value;
        else if (key == u"otel.library.name")
            consumed.libraryName = value;
        else if (key == u"otel.library.version")
            consumed.libraryVersion = value;
        else if (key == u"otel.dropped_attributes_count" && droppedCount(value))
            span.droppedAttributesCount = *droppedCount(value);
        else if (key == u"otel.dropped_events_count" && droppedCount(value))
            span.droppedEventsCount = *droppedCount(value);
        else if (key == u"otel.dropped_links_count" && droppedCount(value))
            span.droppedLinksCount = *droppedCount(value);
        else
            attributes.insert(key, value);
    }

    const QString code = consumed.otelStatusCode.value_or(QString()).toUpper();
    const bool codeKnown = code == u"ERROR" || code == u"OK" || code == u"UNSET";
    if (consumed.otelStatusCode && !codeKnown)
        attributes.insert(QStringLiteral("otel.status_code"), *consumed.otelStatusCode);
    if (consumed.error || code == u"ERROR") {
        span.statusCode = StatusCode::Error;
        if (consumed.otelStatusDescription && !consumed.otelStatusDescription->isEmpty())
            span.statusMessage = *consumed.otelStatusDescription;
        else
            span.statusMessage = consumed.error.value_or(QString());
    } else {
        if (code == u"OK")
            span.statusCode = StatusCode::Ok;
        if (consumed.otelStatusDescription)
            attributes.insert(QStringLiteral("otel.status_description"), *consumed.otelStatusDescription);
    }
    if (!consumed.scopeName.isEmpty()) {
        span.scopeName = consumed.scopeName;
        span.scopeVersion = consumed.scopeVersion;
    } else {
        span.scopeName = consumed.libraryName;
        span.scopeVersion = consumed.libraryVersion;
    }

    // Endpoint-derived attributes never override a tag of the same name.
    auto derive = [&attributes](const char *key, const QJsonValue &value) {
        const QLatin1String name(key);
        if (!attributes.contains(name))
            attributes.insert(name, value);
    };
    if (const QString address = raw.local.address(); !address.isEmpty())
        derive("network.local.address", address);
    if (raw.local.port > 0)
        derive("network.local.port", raw.local.port);
    if (!raw.remote.serviceName.isEmpty())
        derive("peer.service", raw.remote.serviceName);
    if (const QString address = raw.remote.address(); !address.isEmpty())
        derive("network.peer.address", address);
    if (raw.remote.port > 0)
        derive("network.peer.port", raw.remote.port);
    if (raw.debug)
        attributes.insert(QStringLiteral("zipkin.debug"), true);
    if (raw.shared) {
        attributes.insert(QStringLiteral("zipkin.shared_span_id"), idToHex(span.spanId));
        span.parentSpanId = span.spanId;
        span.spanId = zipkinSharedSpanId(span.traceId, span.spanId);
    }

    span.events.reserve(raw.annotations.size());
    for (RawAnnotation &a : raw.annotations) {
        SpanEvent event;
        event.timeUnixNano = a.timestampUs * 1000;
        event.name = std::move(a.value);
        span.events.append(std::move(event));
    }

    if (raw.local.serviceName.isEmpty()) {
        span.serviceName = otlp::serviceNameOf({});
    } else {
        span.serviceName = raw.local.serviceName;
        span.resourceAttributes = resources.of(span.serviceName);
    }
    otlp::appendDecodedSpan(batch, std::move(span));
}

// ---- JSON --------------------------------------------------------------------------------

// Ids in JSON are hex. Zipkin's server left-pads short ones (to 16, or to 32 digits for a trace
// id longer than 16); so does this. Returns empty when the text is not such an id.
QByteArray hexId(const QString &text, int bytes)
{
    if (text.isEmpty() || text.size() > 2 * bytes)
        return {};
    const qsizetype width = (bytes == 16 && text.size() <= 16) ? 16 : 2 * bytes;
    if (text.size() == width)
        return idFromHex(text, bytes);
    const QString padded = QString(width - text.size(), u'0') + text;
    return idFromHex(padded, bytes);
}

QString ipText(const QString &text, QAbstractSocket::NetworkLayerProtocol protocol)
{
    // Zipkin ignores an address it cannot parse; so does this. QHostAddress also takes the
    // inet_aton shorthands ("10.1.2"), which are not dotted quads: those are ignored too.
    QHostAddress address;
    if (text.isEmpty() || !address.setAddress(text) || address.protocol() != protocol
        || (protocol == QAbstractSocket::IPv4Protocol && text.count(u'.') != 3))
        return {};
    return address.toString();
}

QString jsonNumberText(const QJsonValue &value)
{
    const QVariant variant = value.toVariant();
    if (variant.typeId() == QMetaType::LongLong)
        return QString::number(variant.toLongLong());
    return QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
}

class JsonReader
{
public:
    QString m_error;

    bool readBody(const QJsonArray &spans, SpanBatch *batch)
    {
        ResourceCache resources;
        batch->spans.reserve(spans.size());
        for (qsizetype i = 0; i < spans.size(); ++i) {
            m_span = i;
            m_prefix.clear();
            RawSpan raw;
            if (!readSpan(spans.at(i), &raw))
                return false;
            appendSpan(*batch, std::move(raw), resources);
        }
        return true;
    }

private:
    bool fail(QLatin1String field, const QString &what)
    {
        QString where = QStringLiteral("spans[%1]").arg(m_span);
        if (!m_prefix.isEmpty())
            where += u'.' + m_prefix;
        if (field.size())
            where += u'.' + field;
        m_error = where + QStringLiteral(": ") + what;
        return false;
    }

    static QJsonValue member(const QJsonObject &object, QLatin1String name)
    {
        const auto it = object.constFind(name);
        // null counts as absent: several clients write "parentId": null.
        return it == object.constEnd() || it->isNull() ? QJsonValue(QJsonValue::Undefined) : *it;
    }

    bool readString(const QJsonObject &object, QLatin1String field, QString *out)
    {
        const QJsonValue value = member(object, field);
        if (value.isUndefined())
            return true;
        if (!value.isString())
            return fail(field, QStringLiteral("not a string"));
        *out = value.toString();
        return true;
    }

    bool readBool(const QJsonObject &object, QLatin1String field, bool *out)
    {
        const QJsonValue value = member(object, field);
        if (value.isUndefined())
            return true;
        if (!value.isBool())
            return fail(field, QStringLiteral("not a boolean"));
        *out = value.toBool();
        return true;
    }

    // Microsecond counts and ports. Qt keeps integers that fit in 64 bits exact; other numbers
    // arrive as doubles (the OpenTelemetry JS exporter writes fractional microseconds) and are
    // truncated. A value that cannot be an int64 rejects the span, it does not fail the body.
    bool readInteger(
        const QJsonObject &object, QLatin1String field, RawSpan *raw, qint64 *out, const char *what = nullptr)
    {
        const QJsonValue value = member(object, field);
        if (value.isUndefined())
            return true;
        if (!value.isDouble())
            return fail(field, QStringLiteral("not a number"));
        const QVariant variant = value.toVariant();
        if (variant.typeId() == QMetaType::LongLong) {
            *out = variant.toLongLong();
            return true;
        }
        const double d = std::trunc(value.toDouble());
        if (!std::isfinite(d) || d < -9223372036854775808.0 || d >= 9223372036854775808.0)
            raw->rejectWith((what ? QLatin1String(what) : field) + QStringLiteral(" is out of range"));
        else
            *out = qint64(d);
        return true;
    }

    bool readId(const QJsonObject &object, QLatin1String field, int bytes, RawSpan *raw, QByteArray *out)
    {
        QString text;
        if (!readString(object, field, &text))
            return false;
        if (text.isEmpty())
            return true;
        *out = hexId(text, bytes);
        if (out->isEmpty())
            raw->rejectWith(
                QStringLiteral("%1 is not a hex id of at most %2 digits").arg(field).arg(2 * bytes));
        return true;
    }

    bool readEndpoint(const QJsonObject &span, QLatin1String field, RawSpan *raw, RawEndpoint *out)
    {
        const QJsonValue value = member(span, field);
        if (value.isUndefined())
            return true;
        if (!value.isObject())
            return fail(field, QStringLiteral("not an object"));
        const QJsonObject endpoint = value.toObject();
        m_prefix = field;
        QString ipv4, ipv6;
        qint64 port = 0;
        if (!readString(endpoint, QLatin1String("serviceName"), &out->serviceName)
            || !readString(endpoint, QLatin1String("ipv4"), &ipv4)
            || !readString(endpoint, QLatin1String("ipv6"), &ipv6)
            || !readInteger(endpoint, QLatin1String("port"), raw, &port, "endpoint port"))
            return false;
        m_prefix.clear();
        out->ipv4 = ipText(ipv4, QAbstractSocket::IPv4Protocol);
        out->ipv6 = ipText(ipv6, QAbstractSocket::IPv6Protocol);
        if (port < 0 || port > 65535)
            raw->rejectWith(portReason(port));
        else
            out->port = int(port);
        return true;
    }

    bool readAnnotations(const QJsonObject &span, RawSpan *raw)
    {
        const QLatin1String field("annotations");
        const QJsonValue value = member(span, field);
        if (value.isUndefined())
            return true;
        if (!value.isArray())
            return fail(field, QStringLiteral("not an array"));
        const QJsonArray list = value.toArray();
        raw->annotations.reserve(list.size());
        for (qsizetype i = 0; i < list.size(); ++i) {
            m_prefix = QStringLiteral("annotations[%1]").arg(i);
            if (!list.at(i).isObject())
                return fail(QLatin1String(), QStringLiteral("not an object"));
            const QJsonObject object = list.at(i).toObject();
            RawAnnotation a;
            if (!readInteger(object, QLatin1String("timestamp"), raw, &a.timestampUs, "annotation timestamp")
                || !readString(object, QLatin1String("value"), &a.value))
                return false;
            raw->annotations.append(std::move(a));
        }
        m_prefix.clear();
        return true;
    }

    bool readTags(const QJsonObject &span, RawSpan *raw)
    {
        const QLatin1String field("tags");
        const QJsonValue value = member(span, field);
        if (value.isUndefined())
            return true;
        if (!value.isObject())
            return fail(field, QStringLiteral("not an object"));
        const QJsonObject tags = value.toObject();
        raw->tags.reserve(tags.size());
        for (auto it = tags.begin(); it != tags.end(); ++it) {
            const QJsonValue v = it.value();
            if (v.isString()) {
                raw->tags.append({ it.key(), v.toString() });
            } else if (v.isDouble()) {
                raw->tags.append({ it.key(), jsonNumberText(v) });
            } else if (v.isBool()) {
                raw->tags.append({ it.key(), v.toBool() ? QStringLiteral("true") : QStringLiteral("false") });
            } else if (!v.isNull()) {
                m_prefix = QStringLiteral("tags.") + it.key();
                return fail(QLatin1String(), QStringLiteral("not a string"));
            }
        }
        return true;
    }

    bool readSpan(const QJsonValue &value, RawSpan *raw)
    {
        if (!value.isObject())
            return fail(QLatin1String(), QStringLiteral("not an object"));
        const QJsonObject span = value.toObject();
        QString kind;
        if (!readId(span, QLatin1String("traceId"), 16, raw, &raw->traceId)
            || !readId(span, QLatin1String("id"), 8, raw, &raw->id)
            || !readId(span, QLatin1String("parentId"), 8, raw, &raw->parentId)
            || !readString(span, QLatin1String("kind"), &kind)
            || !readString(span, QLatin1String("name"), &raw->name)
            || !readInteger(span, QLatin1String("timestamp"), raw, &raw->timestampUs)
            || !readInteger(span, QLatin1String("duration"), raw, &raw->durationUs)
            || !readEndpoint(span, QLatin1String("localEndpoint"), raw, &raw->local)
            || !readEndpoint(span, QLatin1String("remoteEndpoint"), raw, &raw->remote)
            || !readAnnotations(span, raw) || !readTags(span, raw)
            || !readBool(span, QLatin1String("debug"), &raw->debug)
            || !readBool(span, QLatin1String("shared"), &raw->shared))
            return false;
        if (raw->traceId.isEmpty())
            raw->rejectWith(QStringLiteral("traceId is missing"));
        if (raw->id.isEmpty())
            raw->rejectWith(QStringLiteral("id is missing"));
        if (allZero(raw->parentId))
            raw->parentId.clear();
        if (raw->durationUs < 0)
            raw->rejectWith(QStringLiteral("duration is negative"));
        static const struct
        {
            const char *name;
            SpanKind kind;
        } kinds[] = { { "CLIENT", SpanKind::Client }, { "SERVER", SpanKind::Server },
            { "PRODUCER", SpanKind::Producer }, { "CONSUMER", SpanKind::Consumer } };
        if (!kind.isEmpty()) {
            const auto it = std::find_if(std::begin(kinds), std::end(kinds), [&kind](const auto &k) {
                return kind.compare(QLatin1String(k.name), Qt::CaseInsensitive) == 0;
            });
            if (it == std::end(kinds))
                raw->rejectWith(QStringLiteral("unknown kind \"%1\"").arg(kind.left(40)));
            else
                raw->kind = it->kind;
        }
        return true;
    }

    qsizetype m_span = -1;
    QString m_prefix; // the sub-object being read, e.g. "localEndpoint", "annotations[2]"
};

// ---- protobuf ----------------------------------------------------------------------------

QString fromUtf8(const std::string &s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

QByteArray fromBytes(const std::string &s)
{
    return QByteArray(s.data(), qsizetype(s.size()));
}

RawEndpoint toRawEndpoint(const zipkin::proto3::Endpoint &in, RawSpan *raw)
{
    RawEndpoint out;
    out.serviceName = fromUtf8(in.service_name());
    // Wrong-sized addresses are ignored, like unparseable text ones in JSON.
    if (in.ipv4().size() == 4)
        out.ipv4 = QHostAddress(qFromBigEndian<quint32>(in.ipv4().data())).toString();
    if (in.ipv6().size() == 16)
        out.ipv6 = QHostAddress(reinterpret_cast<const quint8 *>(in.ipv6().data())).toString();
    if (in.port() < 0 || in.port() > 65535)
        raw->rejectWith(portReason(in.port()));
    else
        out.port = in.port();
    return out;
}

RawSpan toRawSpan(const zipkin::proto3::Span &in)
{
    RawSpan raw;
    const QByteArray traceId = fromBytes(in.trace_id());
    if (traceId.size() == 8)
        raw.traceId = QByteArray(8, '\0') + traceId;
    else if (traceId.size() == 16)
        raw.traceId = traceId;
    else
        raw.rejectWith(QStringLiteral("trace_id must be 8 or 16 bytes"));
    raw.id = fromBytes(in.id());
    if (raw.id.size() != 8)
        raw.rejectWith(QStringLiteral("id must be 8 bytes"));
    raw.parentId = fromBytes(in.parent_id());
    if (!raw.parentId.isEmpty() && raw.parentId.size() != 8)
        raw.rejectWith(QStringLiteral("parent_id must be empty or 8 bytes"));
    if (allZero(raw.parentId))
        raw.parentId.clear();
    switch (in.kind()) {
    case zipkin::proto3::Span::SPAN_KIND_UNSPECIFIED:
        raw.kind = SpanKind::Internal;
        break;
    case zipkin::proto3::Span::CLIENT:
        raw.kind = SpanKind::Client;
        break;
    case zipkin::proto3::Span::SERVER:
        raw.kind = SpanKind::Server;
        break;
    case zipkin::proto3::Span::PRODUCER:
        raw.kind = SpanKind::Producer;
        break;
    case zipkin::proto3::Span::CONSUMER:
        raw.kind = SpanKind::Consumer;
        break;
    default: // proto3 enums are open: any number can arrive
        raw.rejectWith(QStringLiteral("unknown kind %1").arg(int(in.kind())));
        break;
    }
    raw.name = fromUtf8(in.name());
    // fixed64/uint64 on the wire; past INT64_MAX they turn negative here.
    raw.timestampUs = qint64(in.timestamp());
    if (raw.timestampUs < 0)
        raw.rejectWith(QStringLiteral("timestamp is out of range"));
    raw.durationUs = qint64(in.duration());
    if (raw.durationUs < 0)
        raw.rejectWith(QStringLiteral("duration is out of range"));
    raw.local = toRawEndpoint(in.local_endpoint(), &raw);
    raw.remote = toRawEndpoint(in.remote_endpoint(), &raw);
    raw.annotations.reserve(in.annotations_size());
    for (const zipkin::proto3::Annotation &a : in.annotations())
        raw.annotations.append({ qint64(a.timestamp()), fromUtf8(a.value()) }); // negative: out of range
    // protobuf maps iterate in no fixed order; attributes are a sorted object anyway.
    raw.tags.reserve(in.tags_size());
    for (const auto &[key, value] : in.tags())
        raw.tags.append({ fromUtf8(key), fromUtf8(value) });
    raw.debug = in.debug();
    raw.shared = in.shared();
    return raw;
}

} // namespace

QByteArray zipkinSharedSpanId(const QByteArray &traceId, const QByteArray &spanId)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(traceId);
    hash.addData(spanId);
    hash.addData(QByteArrayView("shared"));
    QByteArray id = hash.result().left(8);
    if (allZero(id))
        id[7] = 1;
    return id;
}

DecodeResult decodeZipkinJson(QByteArrayView body)
{
    DecodeResult result;
    QJsonParseError parseError;
    const QJsonDocument document
        = QJsonDocument::fromJson(QByteArray::fromRawData(body.data(), body.size()), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.error = QStringLiteral("invalid JSON at offset %1: %2")
                           .arg(parseError.offset)
                           .arg(parseError.errorString());
        return result;
    }
    return decodeZipkinJsonDocument(document);
}

DecodeResult decodeZipkinJsonDocument(const QJsonDocument &document)
{
    DecodeResult result;
    if (!document.isArray()) {
        result.error = QStringLiteral("invalid Zipkin v2 JSON: the request is not a JSON array of spans");
        return result;
    }
    JsonReader reader;
    if (!reader.readBody(document.array(), &result.batch)) {
        result.error = QStringLiteral("invalid Zipkin v2 JSON: ") + reader.m_error;
        result.batch = {};
        return result;
    }
    validateBatch(result.batch);
    return result;
}

DecodeResult decodeZipkinProtobuf(QByteArrayView body)
{
    DecodeResult result;
    if (body.size() > INT_MAX) {
        result.error = QStringLiteral("invalid protobuf: body of %1 bytes exceeds the 2 GiB protobuf limit")
                           .arg(body.size());
        return result;
    }
    installProtobufLogFilter();
    pb::Arena arena;
    auto *list = pb::Arena::CreateMessage<zipkin::proto3::ListOfSpans>(&arena);
    if (!list->ParseFromArray(body.data(), int(body.size()))) {
        QString why = diagnoseProtobuf(body, zipkin::proto3::ListOfSpans::descriptor());
        if (why.isEmpty())
            why = QStringLiteral("not a zipkin.proto3.ListOfSpans (%1 bytes)").arg(body.size());
        result.error = QStringLiteral("invalid protobuf: ") + why;
        return result;
    }
    ResourceCache resources;
    result.batch.spans.reserve(list->spans_size());
    for (const zipkin::proto3::Span &in : list->spans())
        appendSpan(result.batch, toRawSpan(in), resources);
    validateBatch(result.batch);
    return result;
}

} // namespace spanlight

namespace spanlight {

namespace {

const char *zipkinKindName(SpanKind kind)
{
    switch (kind) {
    case SpanKind::Server: return "SERVER";
    case SpanKind::Client: return "CLIENT";
    case SpanKind::Producer: return "PRODUCER";
    case SpanKind::Consumer: return "CONSUMER";
    default: return nullptr; // a local span: Zipkin leaves the kind out
    }
}

} // namespace

QByteArray encodeZipkinJson(const QList<Span> &spans)
{
    QHash<QByteArray, QByteArray> parentOf; // span id -> parent id, for shared halves
    for (const Span &s : spans)
        parentOf.insert(s.traceId + s.spanId, s.parentSpanId);
    QJsonArray out;
    for (const Span &s : spans) {
        QJsonObject z;
        QByteArray id = s.spanId;
        QByteArray parent = s.parentSpanId;
        const QString shared = s.attributes.value(QLatin1String("zipkin.shared_span_id")).toString();
        if (!shared.isEmpty()) {
            id = QByteArray::fromHex(shared.toLatin1());
            parent = parentOf.value(s.traceId + id);
            z.insert(QStringLiteral("shared"), true);
        }
        z.insert(QStringLiteral("traceId"), QString::fromLatin1(s.traceId.toHex()));
        z.insert(QStringLiteral("id"), QString::fromLatin1(id.toHex()));
        if (!parent.isEmpty())
            z.insert(QStringLiteral("parentId"), QString::fromLatin1(parent.toHex()));
        z.insert(QStringLiteral("name"), s.name);
        if (const char *kind = zipkinKindName(s.kind))
            z.insert(QStringLiteral("kind"), QLatin1String(kind));
        z.insert(QStringLiteral("timestamp"), s.startTimeUnixNano / 1000);
        z.insert(QStringLiteral("duration"), std::max<qint64>(0, s.durationNano() / 1000));
        z.insert(QStringLiteral("localEndpoint"), QJsonObject{{QStringLiteral("serviceName"), s.serviceName}});
        QJsonObject tags;
        for (auto it = s.attributes.constBegin(); it != s.attributes.constEnd(); ++it) {
            if (it.key() == u"zipkin.shared_span_id" || it.key() == u"zipkin.debug")
                continue;
            tags.insert(it.key(), attributeText(it.value()));
        }
        if (s.statusCode == StatusCode::Error)
            tags.insert(QStringLiteral("error"), s.statusMessage);
        if (!s.scopeName.isEmpty())
            tags.insert(QStringLiteral("otel.scope.name"), s.scopeName);
        if (!tags.isEmpty())
            z.insert(QStringLiteral("tags"), tags);
        if (s.attributes.value(QLatin1String("zipkin.debug")).toBool())
            z.insert(QStringLiteral("debug"), true);
        QJsonArray annotations;
        for (const SpanEvent &e : s.events)
            annotations.append(QJsonObject{{QStringLiteral("timestamp"), e.timeUnixNano / 1000},
                                           {QStringLiteral("value"), e.name}});
        if (!annotations.isEmpty())
            z.insert(QStringLiteral("annotations"), annotations);
        out.append(z);
    }
    return QJsonDocument(out).toJson(QJsonDocument::Compact);
}

} // namespace spanlight
