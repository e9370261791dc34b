#include "rowcodec.h"

#include <algorithm>
#include <QJsonArray>
#include <QJsonDocument>
#include <QVariant>

namespace spanlight::storage {

namespace {

// Short keys: events and links are stored once per span, and most spans have some.
const QLatin1String kTime("t");
const QLatin1String kName("n");
const QLatin1String kAttributes("a");
const QLatin1String kDropped("d");
const QLatin1String kTraceId("ti");
const QLatin1String kSpanId("si");
const QLatin1String kTraceState("ts");
const QLatin1String kFlags("f");

QString hex(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

QByteArray unhex(const QJsonValue &value)
{
    return QByteArray::fromHex(value.toString().toLatin1());
}

// UTF-8, as SQLite stores it: no detour through QString on the write path.
QByteArray toJsonText(const QJsonDocument &doc)
{
    return doc.toJson(QJsonDocument::Compact);
}

QJsonDocument parse(const QString &json)
{
    return json.isEmpty() ? QJsonDocument() : QJsonDocument::fromJson(json.toUtf8());
}

QByteArray eventsToJson(const QList<SpanEvent> &events)
{
    if (events.isEmpty())
        return {};
    QJsonArray array;
    for (const SpanEvent &e : events) {
        QJsonObject o;
        o.insert(kTime, e.timeUnixNano);
        o.insert(kName, e.name);
        if (!e.attributes.isEmpty())
            o.insert(kAttributes, e.attributes);
        if (e.droppedAttributesCount)
            o.insert(kDropped, qint64(e.droppedAttributesCount));
        array.append(o);
    }
    return toJsonText(QJsonDocument(array));
}

QList<SpanEvent> eventsFromJson(const QString &json)
{
    QList<SpanEvent> events;
    const QJsonArray array = parse(json).array();
    events.reserve(array.size());
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        SpanEvent e;
        e.timeUnixNano = o.value(kTime).toInteger();
        e.name = o.value(kName).toString();
        e.attributes = o.value(kAttributes).toObject();
        e.droppedAttributesCount = quint32(o.value(kDropped).toInteger());
        events.append(std::move(e));
    }
    return events;
}

QByteArray linksToJson(const QList<SpanLink> &links)
{
    if (links.isEmpty())
        return {};
    QJsonArray array;
    for (const SpanLink &l : links) {
        QJsonObject o;
        o.insert(kTraceId, hex(l.traceId));
        o.insert(kSpanId, hex(l.spanId));
        if (!l.traceState.isEmpty())
            o.insert(kTraceState, l.traceState);
        if (!l.attributes.isEmpty())
            o.insert(kAttributes, l.attributes);
        if (l.droppedAttributesCount)
            o.insert(kDropped, qint64(l.droppedAttributesCount));
        if (l.flags)
            o.insert(kFlags, qint64(l.flags));
        array.append(o);
    }
    return toJsonText(QJsonDocument(array));
}

QList<SpanLink> linksFromJson(const QString &json)
{
    QList<SpanLink> links;
    const QJsonArray array = parse(json).array();
    links.reserve(array.size());
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        SpanLink l;
        l.traceId = unhex(o.value(kTraceId));
        l.spanId = unhex(o.value(kSpanId));
        l.traceState = o.value(kTraceState).toString();
        l.attributes = o.value(kAttributes).toObject();
        l.droppedAttributesCount = quint32(o.value(kDropped).toInteger());
        l.flags = quint32(o.value(kFlags).toInteger());
        links.append(std::move(l));
    }
    return links;
}

} // namespace

QString spanColumns()
{
    return QStringLiteral(
        "trace_id, span_id, parent_span_id, trace_state, flags, name, kind, start_ns, end_ns,"
        " status_code, status_message, service_name, attributes, dropped_attributes_count,"
        " events, dropped_events_count, links, dropped_links_count, resource_attributes,"
        " scope_name, scope_version, scope_attributes");
}

int spanColumnCount()
{
    return 22;
}

QByteArray attributesToJson(const QJsonObject &attributes)
{
    if (attributes.isEmpty())
        return {};
    return toJsonText(QJsonDocument(attributes));
}

QJsonObject attributesFromJson(const QString &json)
{
    return parse(json).object();
}

const QByteArray &SpanBinder::cached(const QJsonObject &object, QJsonObject &lastObject, QByteArray &lastJson)
{
    // QJsonObject::operator== is O(1) when both share one copy, the common case here.
    if (object != lastObject) {
        lastObject = object;
        lastJson = attributesToJson(object);
    }
    return lastJson;
}

void SpanBinder::bind(Statement &q, const Span &s)
{
    m_attributes = attributesToJson(s.attributes);
    m_events = eventsToJson(s.events);
    m_links = linksToJson(s.links);
    q.bindBlob(0, s.traceId);
    q.bindBlob(1, s.spanId);
    q.bindBlob(2, s.parentSpanId);
    q.bindText(3, s.traceState);
    q.bindInt(4, s.flags);
    q.bindText(5, s.name);
    q.bindInt(6, int(s.kind));
    q.bindInt(7, s.startTimeUnixNano);
    q.bindInt(8, s.endTimeUnixNano);
    q.bindInt(9, int(s.statusCode));
    q.bindText(10, s.statusMessage);
    q.bindText(11, s.serviceName);
    q.bindUtf8Text(12, m_attributes);
    q.bindInt(13, s.droppedAttributesCount);
    q.bindUtf8Text(14, m_events);
    q.bindInt(15, s.droppedEventsCount);
    q.bindUtf8Text(16, m_links);
    q.bindInt(17, s.droppedLinksCount);
    q.bindUtf8Text(18, cached(s.resourceAttributes, m_lastResource, m_lastResourceJson));
    q.bindText(19, s.scopeName);
    q.bindText(20, s.scopeVersion);
    q.bindUtf8Text(21, cached(s.scopeAttributes, m_lastScope, m_lastScopeJson));
}

Span readSpan(const QSqlQuery &q, int c)
{
    Span s;
    s.traceId = q.value(c + 0).toByteArray();
    s.spanId = q.value(c + 1).toByteArray();
    s.parentSpanId = q.value(c + 2).toByteArray();
    s.traceState = q.value(c + 3).toString();
    s.flags = quint32(q.value(c + 4).toLongLong());
    s.name = q.value(c + 5).toString();
    s.kind = SpanKind(q.value(c + 6).toInt());
    s.startTimeUnixNano = q.value(c + 7).toLongLong();
    s.endTimeUnixNano = q.value(c + 8).toLongLong();
    s.statusCode = StatusCode(q.value(c + 9).toInt());
    s.statusMessage = q.value(c + 10).toString();
    s.serviceName = q.value(c + 11).toString();
    s.attributes = attributesFromJson(q.value(c + 12).toString());
    s.droppedAttributesCount = quint32(q.value(c + 13).toLongLong());
    s.events = eventsFromJson(q.value(c + 14).toString());
    s.droppedEventsCount = quint32(q.value(c + 15).toLongLong());
    s.links = linksFromJson(q.value(c + 16).toString());
    s.droppedLinksCount = quint32(q.value(c + 17).toLongLong());
    s.resourceAttributes = attributesFromJson(q.value(c + 18).toString());
    s.scopeName = q.value(c + 19).toString();
    s.scopeVersion = q.value(c + 20).toString();
    s.scopeAttributes = attributesFromJson(q.value(c + 21).toString());
    return s;
}

namespace {
const qint64 kMinuteNs = qint64(60) * 1000000000;
const qint64 kHourNs = 60 * kMinuteNs;
} // namespace

qint64 minuteOf(qint64 ns)
{
    return ns - ((ns % kMinuteNs) + kMinuteNs) % kMinuteNs;
}

qint64 hourOf(qint64 ns)
{
    return ns - ((ns % kHourNs) + kHourNs) % kHourNs;
}

qint64 rollupDurationNs(const Span &span)
{
    return std::max<qint64>(0, span.durationNano());
}

const QString &nonNull(const QString &text)
{
    static const QString empty = QStringLiteral("");
    return text.isNull() ? empty : text;
}

} // namespace spanlight::storage
