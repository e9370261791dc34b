#include "jaegercodec.h"

#include "jaegermapping.h"
#include "otlpshared.h"
#include "thriftbinary.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QVarLengthArray>
#include <QVariant>
#include <QtEndian>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <optional>

namespace spanlight {

namespace {

using thrift::Type;

using namespace jaeger;

// ---- jaeger.thrift, as it travels ----------------------------------------------------------

struct JBatch
{
    JProcess process;
    QList<JSpan> spans;
};

// One field a struct reader knows: what the IDL says about it.
struct FieldSpec
{
    qint16 id;
    Type type;
    const char *name;
    bool required;
};

// Reads a JBatch, keeping the path to the value being read so an error can name it.
class BatchReader
{
public:
    explicit BatchReader(QByteArrayView body)
        : m_in(body)
    { }

    bool readBatch(JBatch *batch);
    QString error() const { return m_where + QStringLiteral(": ") + m_in.error(); }

private:
    struct PathPart
    {
        const char *field;
        qsizetype index; // -1: not a list element
    };

    // Pushes a path part for the lifetime of a scope.
    class At
    {
    public:
        At(BatchReader &r, const char *field, qsizetype index = -1)
            : m_r(r)
        {
            m_r.m_path.append({ field, index });
        }
        ~At() { m_r.m_path.removeLast(); }
        At(const At &) = delete;
        At &operator=(const At &) = delete;

    private:
        BatchReader &m_r;
    };

    // Captures the path of the first failure; always false.
    bool failed()
    {
        if (m_where.isNull()) {
            m_where = QStringLiteral("Batch");
            for (const PathPart &p : m_path) {
                if (p.index >= 0)
                    m_where += u'[' + QString::number(p.index) + u']';
                else
                    m_where += u'.' + QLatin1String(p.field);
            }
        }
        return false;
    }
    bool fail(const QString &why)
    {
        m_in.fail(why);
        return failed();
    }
    bool check() { return m_in.ok() || failed(); }

    template<typename Fn> bool readStruct(std::initializer_list<FieldSpec> fields, Fn readField);
    template<typename T, typename Fn> bool readList(Type elementType, QList<T> *out, Fn readElement);

    bool readTag(JTag *tag);
    bool readTags(QList<JTag> *tags)
    {
        return readList(Type::Struct, tags, [this](JTag *t) { return readTag(t); });
    }
    bool readLog(JLog *log);
    bool readRef(JSpanRef *ref);
    bool readSpan(JSpan *span);
    bool readProcess(JProcess *process);

    thrift::BinaryReader m_in;
    QVarLengthArray<PathPart, 12> m_path;
    QString m_where;
};

template<typename Fn> bool BatchReader::readStruct(std::initializer_list<FieldSpec> fields, Fn readField)
{
    if (!m_in.enterStruct())
        return failed();
    quint32 seen = 0;
    for (;;) {
        thrift::FieldHeader header;
        if (!m_in.readFieldBegin(&header))
            return failed();
        if (header.type == Type::Stop)
            break;
        int index = 0;
        const FieldSpec *spec = nullptr;
        for (const FieldSpec &f : fields) {
            if (f.id == header.id) {
                spec = &f;
                break;
            }
            ++index;
        }
        if (!spec) { // a field from a newer IDL: skip it, whatever it holds
            if (!m_in.skip(header.type))
                return failed();
            continue;
        }
        At at(*this, spec->name);
        if (header.type != spec->type)
            return fail(QStringLiteral("expected %1, got %2")
                            .arg(thrift::typeName(spec->type), thrift::typeName(header.type)));
        if (!readField(header.id))
            return false;
        seen |= 1u << index;
    }
    m_in.leaveStruct();
    int index = 0;
    for (const FieldSpec &f : fields) {
        if (f.required && !(seen & (1u << index)))
            return fail(QStringLiteral("missing required field %1").arg(QLatin1String(f.name)));
        ++index;
    }
    return true;
}

template<typename T, typename Fn> bool BatchReader::readList(Type elementType, QList<T> *out, Fn readElement)
{
    thrift::ContainerHeader header;
    if (!m_in.readListBegin(&header))
        return failed();
    if (header.size > 0 && header.elementType != elementType)
        return fail(QStringLiteral("expected list<%1>, got list<%2>")
                        .arg(thrift::typeName(elementType), thrift::typeName(header.elementType)));
    // The size is known to fit the bytes left, but one byte per element may still be
    // millions of elements; reserve modestly and let the list grow with what really arrives.
    out->reserve(std::min<qsizetype>(header.size, 256));
    for (qint32 i = 0; i < header.size; ++i) {
        At at(*this, nullptr, i);
        T value;
        if (!readElement(&value))
            return false;
        out->append(std::move(value));
    }
    return true;
}

bool BatchReader::readTag(JTag *tag)
{
    const bool ok = readStruct({ { 1, Type::String, "key", true }, { 2, Type::I32, "vType", true },
                                   { 3, Type::String, "vStr", false }, { 4, Type::Double, "vDouble", false },
                                   { 5, Type::Bool, "vBool", false }, { 6, Type::I64, "vLong", false },
                                   { 7, Type::String, "vBinary", false } },
        [&](qint16 id) {
            switch (id) {
            case 1:
                m_in.readString(&tag->key);
                break;
            case 2:
                m_in.readI32(&tag->vType);
                break;
            case 3:
                m_in.readString(&tag->vStr);
                break;
            case 4:
                m_in.readDouble(&tag->vDouble);
                break;
            case 5:
                m_in.readBool(&tag->vBool);
                break;
            case 6:
                m_in.readI64(&tag->vLong);
                break;
            case 7:
                m_in.readBinary(&tag->vBinary);
                break;
            }
            return check();
        });
    if (!ok)
        return false;
    if (tag->vType < qint32(TagType::String) || tag->vType > qint32(TagType::Binary)) {
        At at(*this, "vType");
        return fail(QStringLiteral("unknown TagType %1").arg(tag->vType));
    }
    return true;
}

bool BatchReader::readLog(JLog *log)
{
    return readStruct(
        { { 1, Type::I64, "timestamp", true }, { 2, Type::List, "fields", true } }, [&](qint16 id) {
            if (id == 1) {
                m_in.readI64(&log->timestamp);
                return check();
            }
            return readTags(&log->fields);
        });
}

bool BatchReader::readRef(JSpanRef *ref)
{
    return readStruct({ { 1, Type::I32, "refType", true }, { 2, Type::I64, "traceIdLow", true },
                          { 3, Type::I64, "traceIdHigh", true }, { 4, Type::I64, "spanId", true } },
        [&](qint16 id) {
            switch (id) {
            case 1:
                m_in.readI32(&ref->refType);
                break;
            case 2:
                m_in.readI64(&ref->traceIdLow);
                break;
            case 3:
                m_in.readI64(&ref->traceIdHigh);
                break;
            case 4:
                m_in.readI64(&ref->spanId);
                break;
            }
            return check();
        });
}

bool BatchReader::readSpan(JSpan *span)
{
    return readStruct({ { 1, Type::I64, "traceIdLow", true }, { 2, Type::I64, "traceIdHigh", true },
                          { 3, Type::I64, "spanId", true }, { 4, Type::I64, "parentSpanId", true },
                          { 5, Type::String, "operationName", true }, { 6, Type::List, "references", false },
                          { 7, Type::I32, "flags", true }, { 8, Type::I64, "startTime", true },
                          { 9, Type::I64, "duration", true }, { 10, Type::List, "tags", false },
                          { 11, Type::List, "logs", false } },
        [&](qint16 id) {
            switch (id) {
            case 1:
                m_in.readI64(&span->traceIdLow);
                break;
            case 2:
                m_in.readI64(&span->traceIdHigh);
                break;
            case 3:
                m_in.readI64(&span->spanId);
                break;
            case 4:
                m_in.readI64(&span->parentSpanId);
                break;
            case 5:
                m_in.readString(&span->operationName);
                break;
            case 6:
                return readList(Type::Struct, &span->references, [this](JSpanRef *r) { return readRef(r); });
            case 7:
                m_in.readI32(&span->flags);
                break;
            case 8:
                m_in.readI64(&span->startTime);
                break;
            case 9:
                m_in.readI64(&span->duration);
                break;
            case 10:
                return readTags(&span->tags);
            case 11:
                return readList(Type::Struct, &span->logs, [this](JLog *l) { return readLog(l); });
            }
            return check();
        });
}

bool BatchReader::readProcess(JProcess *process)
{
    return readStruct(
        { { 1, Type::String, "serviceName", true }, { 2, Type::List, "tags", false } }, [&](qint16 id) {
            if (id == 1) {
                m_in.readString(&process->serviceName);
                return check();
            }
            return readTags(&process->tags);
        });
}

bool BatchReader::readBatch(JBatch *batch)
{
    // seqNo (3) and stats (4, ClientStats) are client bookkeeping: skipped like unknown fields.
    if (!readStruct(
            { { 1, Type::Struct, "process", true }, { 2, Type::List, "spans", true } }, [&](qint16 id) {
                if (id == 1)
                    return readProcess(&batch->process);
                return readList(Type::Struct, &batch->spans, [this](JSpan *s) { return readSpan(s); });
            }))
        return false;
    if (!m_in.atEnd())
        return fail(QStringLiteral("%1 bytes after the Batch").arg(m_in.remaining()));
    return true;
}

// ---- spanlight::Span -> jaeger.thrift ------------------------------------------------------

qint64 readBigEndian(const QByteArray &bytes, qsizetype offset)
{
    if (bytes.size() < offset + 8)
        return 0;
    return qFromBigEndian<qint64>(bytes.constData() + offset);
}

class BatchWriter
{
public:
    void writeTag(const QString &key, const QJsonValue &value);
    void writeTags(const QList<QPair<QString, QJsonValue>> &tags);
    void writeSpan(const Span &span);
    void writeBatch(const QJsonObject &resource, const QList<Span> &spans, const QList<qsizetype> &indexes);
    QByteArray take() { return m_out.take(); }

private:
    thrift::BinaryWriter m_out;
};

void BatchWriter::writeTag(const QString &key, const QJsonValue &value)
{
    m_out.writeFieldBegin(Type::String, 1);
    m_out.writeString(key);
    auto type = [this](TagType t) {
        m_out.writeFieldBegin(Type::I32, 2);
        m_out.writeI32(qint32(t));
    };
    switch (value.type()) {
    case QJsonValue::Bool:
        type(TagType::Bool);
        m_out.writeFieldBegin(Type::Bool, 5);
        m_out.writeBool(value.toBool());
        break;
    case QJsonValue::Double:
        if (const QVariant v = value.toVariant(); v.typeId() == QMetaType::LongLong) {
            type(TagType::Long);
            m_out.writeFieldBegin(Type::I64, 6);
            m_out.writeI64(v.toLongLong());
        } else {
            type(TagType::Double);
            m_out.writeFieldBegin(Type::Double, 4);
            m_out.writeDouble(value.toDouble());
        }
        break;
    case QJsonValue::Array:
    case QJsonValue::Object: {
        type(TagType::String);
        m_out.writeFieldBegin(Type::String, 3);
        const QJsonDocument doc
            = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
        m_out.writeBinary(doc.toJson(QJsonDocument::Compact));
        break;
    }
    default:
        type(TagType::String);
        m_out.writeFieldBegin(Type::String, 3);
        m_out.writeString(value.toString());
        break;
    }
    m_out.writeFieldStop();
}

void BatchWriter::writeTags(const QList<QPair<QString, QJsonValue>> &tags)
{
    m_out.writeListBegin(Type::Struct, qint32(tags.size()));
    for (const auto &t : tags)
        writeTag(t.first, t.second);
}

QList<QPair<QString, QJsonValue>> tagsOf(const QJsonObject &object, const char *skip = nullptr)
{
    QList<QPair<QString, QJsonValue>> tags;
    for (auto it = object.begin(); it != object.end(); ++it)
        if (!skip || it.key() != QLatin1String(skip))
            tags.append({ it.key(), it.value() });
    return tags;
}

void BatchWriter::writeSpan(const Span &s)
{
    const qint64 start = s.startTimeUnixNano / 1000;
    auto i64 = [this](qint16 id, qint64 v) {
        m_out.writeFieldBegin(Type::I64, id);
        m_out.writeI64(v);
    };
    i64(1, readBigEndian(s.traceId, 8));
    i64(2, readBigEndian(s.traceId, 0));
    i64(3, readBigEndian(s.spanId, 0));
    i64(4, readBigEndian(s.parentSpanId, 0));
    m_out.writeFieldBegin(Type::String, 5);
    m_out.writeString(s.name);
    if (!s.links.isEmpty()) {
        m_out.writeFieldBegin(Type::List, 6);
        m_out.writeListBegin(Type::Struct, qint32(s.links.size()));
        for (const SpanLink &l : s.links) {
            const bool childOf
                = l.attributes.value(QLatin1String("jaeger.ref_type")).toString() == u"child_of";
            m_out.writeFieldBegin(Type::I32, 1);
            m_out.writeI32(qint32(childOf ? SpanRefType::ChildOf : SpanRefType::FollowsFrom));
            i64(2, readBigEndian(l.traceId, 8));
            i64(3, readBigEndian(l.traceId, 0));
            i64(4, readBigEndian(l.spanId, 0));
            m_out.writeFieldStop();
        }
    }
    const bool debug = s.attributes.value(QLatin1String("jaeger.debug")).toBool();
    m_out.writeFieldBegin(Type::I32, 7);
    m_out.writeI32(qint32((s.flags & 0x01) | (debug ? 0x02 : 0)));
    i64(8, start);
    i64(9, s.endTimeUnixNano / 1000 - start);

    QList<QPair<QString, QJsonValue>> tags = tagsOf(s.attributes, "jaeger.debug");
    if (s.kind != SpanKind::Unspecified)
        tags.append({ QStringLiteral("span.kind"), spanKindName(s.kind) });
    if (s.statusCode == StatusCode::Error) {
        tags.append({ QStringLiteral("error"), true });
        if (!s.statusMessage.isEmpty())
            tags.append({ QStringLiteral("otel.status_description"), s.statusMessage });
    } else if (s.statusCode == StatusCode::Ok) {
        tags.append({ QStringLiteral("otel.status_code"), QStringLiteral("OK") });
    }
    if (!s.scopeName.isEmpty())
        tags.append({ QStringLiteral("otel.scope.name"), s.scopeName });
    if (!s.scopeVersion.isEmpty())
        tags.append({ QStringLiteral("otel.scope.version"), s.scopeVersion });
    m_out.writeFieldBegin(Type::List, 10);
    writeTags(tags);

    if (!s.events.isEmpty()) {
        m_out.writeFieldBegin(Type::List, 11);
        m_out.writeListBegin(Type::Struct, qint32(s.events.size()));
        for (const SpanEvent &e : s.events) {
            i64(1, e.timeUnixNano / 1000);
            QList<QPair<QString, QJsonValue>> fields { { QStringLiteral("event"), e.name } };
            fields += tagsOf(e.attributes);
            m_out.writeFieldBegin(Type::List, 2);
            writeTags(fields);
            m_out.writeFieldStop();
        }
    }
    m_out.writeFieldStop();
}

void BatchWriter::writeBatch(
    const QJsonObject &resource, const QList<Span> &spans, const QList<qsizetype> &indexes)
{
    m_out.writeFieldBegin(Type::Struct, 1); // process
    m_out.writeFieldBegin(Type::String, 1);
    m_out.writeString(resource.value(QLatin1String("service.name")).toString());
    m_out.writeFieldBegin(Type::List, 2);
    writeTags(tagsOf(resource, "service.name"));
    m_out.writeFieldStop();
    m_out.writeFieldBegin(Type::List, 2); // spans
    m_out.writeListBegin(Type::Struct, qint32(indexes.size()));
    for (qsizetype i : indexes)
        writeSpan(spans.at(i));
    m_out.writeFieldStop();
}

} // namespace

DecodeResult decodeJaegerThrift(QByteArrayView body)
{
    DecodeResult result;
    JBatch batch;
    BatchReader reader(body);
    if (!reader.readBatch(&batch)) {
        result.error = reader.error();
        return result;
    }
    jaeger::appendProcessSpans(batch.process, batch.spans, &result.batch);
    validateBatch(result.batch);
    return result;
}

QList<QByteArray> encodeJaegerThrift(const QList<Span> &spans)
{
    QList<QByteArray> batches;
    for (const otlp::ResourceGroup &group : otlp::groupSpans(spans)) {
        QList<qsizetype> indexes;
        for (const otlp::ScopeGroup &scope : group.scopes)
            indexes += scope.spans;
        BatchWriter writer;
        writer.writeBatch(group.resourceAttributes, spans, indexes);
        batches.append(writer.take());
    }
    return batches;
}

} // namespace spanlight
