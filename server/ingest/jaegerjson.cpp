// The JSON the Jaeger UI exports ("Download JSON", also the body of its /api/traces answers).
// Read into the same model as the Thrift decoder, so jaegermapping.cpp maps both.

#include "jaegercodec.h"

#include "jaegermapping.h"
#include "otlpshared.h"

#include <QHash>
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

using namespace jaeger;

// The path of the value being read, kept as frames on the stack and turned into text
// ("data[0].spans[3].tags[1].value") only for an error.
struct Path
{
    const Path *parent = nullptr;
    const char *name = nullptr;
    qsizetype index = -1;

    Path child(const char *childName) const { return Path { this, childName, -1 }; }
    Path at(qsizetype childIndex) const { return Path { this, nullptr, childIndex }; }
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

// Parses 1 to 16 hex digits (fewer mean leading zeros, which Jaeger drops) into a
// 64-bit value; false for anything else.
bool parseHex64(QStringView text, qint64 *out)
{
    if (text.isEmpty() || text.size() > 16)
        return false;
    bool ok = false;
    const quint64 value = text.toULongLong(&ok, 16);
    if (!ok || text.startsWith(u'-') || text.startsWith(u'+'))
        return false;
    *out = qint64(value);
    return true;
}

// A trace id of up to 32 hex digits into high and low halves.
bool parseTraceId(QStringView text, qint64 *high, qint64 *low)
{
    if (text.isEmpty() || text.size() > 32)
        return false;
    const qsizetype split = std::max<qsizetype>(0, text.size() - 16);
    *high = 0;
    if (split > 0 && !parseHex64(text.first(split), high))
        return false;
    return parseHex64(text.sliced(split), low);
}

class JsonReader
{
public:
    QString m_error;

    bool readDocument(const QJsonObject &root, SpanBatch *batch)
    {
        m_batch = batch;
        const Path data { nullptr, "data" };
        const QJsonValue traces = root.value(QLatin1String("data"));
        if (!traces.isArray())
            return fail(data,
                traces.isUndefined() ? QStringLiteral("missing (a Jaeger export has a data array of traces)")
                                     : QStringLiteral("not an array"));
        const QJsonArray list = traces.toArray();
        for (qsizetype i = 0; i < list.size(); ++i)
            if (!readTrace(list.at(i), data.at(i), batch))
                return false;
        return true;
    }

private:
    SpanBatch *m_batch = nullptr;

    bool fail(const Path &path, const QString &what)
    {
        if (m_error.isEmpty())
            m_error = path.toString() + QStringLiteral(": ") + what;
        return false;
    }

    bool object(const QJsonValue &value, const Path &path, QJsonObject *out)
    {
        if (!value.isObject())
            return fail(
                path, value.isUndefined() ? QStringLiteral("missing") : QStringLiteral("not an object"));
        *out = value.toObject();
        return true;
    }
    // An absent or null array reads as empty (Jaeger writes "warnings": null).
    bool array(const QJsonValue &value, const Path &path, QJsonArray *out)
    {
        if (value.isUndefined() || value.isNull()) {
            *out = {};
            return true;
        }
        if (!value.isArray())
            return fail(path, QStringLiteral("not an array"));
        *out = value.toArray();
        return true;
    }
    bool string(const QJsonValue &value, const Path &path, QString *out, bool required = true)
    {
        if (!required && (value.isUndefined() || value.isNull())) {
            out->clear();
            return true;
        }
        if (!value.isString())
            return fail(
                path, value.isUndefined() ? QStringLiteral("missing") : QStringLiteral("not a string"));
        *out = value.toString();
        return true;
    }
    // A whole number, as JSON writes it or as a string of digits (int64 values past 2^53).
    bool integer(const QJsonValue &value, const Path &path, qint64 *out, bool required = true)
    {
        if (!required && (value.isUndefined() || value.isNull())) {
            *out = 0;
            return true;
        }
        if (value.isString()) {
            bool ok = false;
            *out = value.toString().toLongLong(&ok);
            return ok || fail(path, QStringLiteral("not an integer"));
        }
        if (!value.isDouble())
            return fail(
                path, value.isUndefined() ? QStringLiteral("missing") : QStringLiteral("not an integer"));
        if (const QVariant v = value.toVariant(); v.typeId() == QMetaType::LongLong) {
            *out = v.toLongLong();
            return true;
        }
        const double d = value.toDouble();
        if (!std::isfinite(d) || d != std::trunc(d) || std::abs(d) >= 9.2e18)
            return fail(path, QStringLiteral("not an integer"));
        *out = qint64(d);
        return true;
    }

    bool readTag(const QJsonValue &value, const Path &path, JTag *tag)
    {
        QJsonObject o;
        if (!object(value, path, &o) || !string(o.value(QLatin1String("key")), path.child("key"), &tag->key))
            return false;
        QString type;
        if (!string(o.value(QLatin1String("type")), path.child("type"), &type, false))
            return false;
        const QJsonValue v = o.value(QLatin1String("value"));
        const Path vp = path.child("value");
        type = type.toLower();
        if (type.isEmpty()) { // not written by Jaeger, but by hand: take the JSON type
            type = v.isBool()  ? QStringLiteral("bool")
                : v.isDouble() ? QStringLiteral("float64")
                               : QStringLiteral("string");
            if (v.isDouble() && v.toVariant().typeId() == QMetaType::LongLong)
                type = QStringLiteral("int64");
        }
        if (type == u"string") {
            tag->vType = qint32(TagType::String);
            if (v.isDouble() || v.isBool()) // some exporters write numbers under "string"
                tag->vStr = attributeText(v);
            else
                return string(v, vp, &tag->vStr);
        } else if (type == u"bool") {
            tag->vType = qint32(TagType::Bool);
            if (v.isBool()) {
                tag->vBool = v.toBool();
            } else if (v.isString() && (v.toString() == u"true" || v.toString() == u"false")) {
                tag->vBool = v.toString() == u"true";
            } else {
                return fail(vp, QStringLiteral("not a boolean"));
            }
        } else if (type == u"int64") {
            tag->vType = qint32(TagType::Long);
            return integer(v, vp, &tag->vLong);
        } else if (type == u"float64") {
            tag->vType = qint32(TagType::Double);
            if (v.isDouble()) {
                tag->vDouble = v.toDouble();
            } else {
                // JSON has no NaN or infinity; Jaeger writes them as strings.
                bool ok = false;
                tag->vDouble = v.isString() ? v.toString().toDouble(&ok) : 0;
                if (!ok)
                    return fail(vp, QStringLiteral("not a number"));
            }
        } else if (type == u"binary") {
            tag->vType = qint32(TagType::Binary);
            QString text;
            if (!string(v, vp, &text))
                return false;
            const auto decoded
                = QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded)
                return fail(vp, QStringLiteral("not base64"));
            tag->vBinary = *decoded;
        } else {
            return fail(path.child("type"),
                QStringLiteral("unknown tag type \"%1\" (expected string, bool, int64, float64 or binary)")
                    .arg(type));
        }
        return true;
    }

    bool readTags(const QJsonValue &value, const Path &path, QList<JTag> *tags)
    {
        QJsonArray list;
        if (!array(value, path, &list))
            return false;
        tags->reserve(list.size());
        for (qsizetype i = 0; i < list.size(); ++i) {
            JTag tag;
            if (!readTag(list.at(i), path.at(i), &tag))
                return false;
            tags->append(std::move(tag));
        }
        return true;
    }

    bool readProcesses(const QJsonValue &value, const Path &path, QHash<QString, JProcess> *out)
    {
        if (value.isUndefined() || value.isNull())
            return true;
        if (!value.isObject())
            return fail(path, QStringLiteral("not an object"));
        const QJsonObject processes = value.toObject();
        for (auto it = processes.begin(); it != processes.end(); ++it) {
            // The key is data, not a field name: keep it alive for the path.
            const QByteArray key = it.key().toUtf8();
            if (!readProcess(it.value(), path.child(key.constData()), &(*out)[it.key()]))
                return false;
        }
        return true;
    }

    bool readProcess(const QJsonValue &value, const Path &path, JProcess *process)
    {
        QJsonObject o;
        return object(value, path, &o)
            && string(o.value(QLatin1String("serviceName")), path.child("serviceName"), &process->serviceName)
            && readTags(o.value(QLatin1String("tags")), path.child("tags"), &process->tags);
    }

    void reject(const QString &reason) { otlp::rejectSpan(*m_batch, reason); }

    // Reads one span; `*usable` is false when its ids are not hex (the span is rejected,
    // counted, not an error, as the other decoders do).
    bool readSpan(const QJsonObject &o, const Path &path, JSpan *span, bool *usable)
    {
        QString traceId;
        QString spanId;
        if (!string(o.value(QLatin1String("traceID")), path.child("traceID"), &traceId)
            || !string(o.value(QLatin1String("spanID")), path.child("spanID"), &spanId)
            || !string(o.value(QLatin1String("operationName")), path.child("operationName"),
                &span->operationName, false)
            || !integer(o.value(QLatin1String("startTime")), path.child("startTime"), &span->startTime)
            || !integer(o.value(QLatin1String("duration")), path.child("duration"), &span->duration, false)
            || !readTags(o.value(QLatin1String("tags")), path.child("tags"), &span->tags))
            return false;
        qint64 flags = 0;
        if (!integer(o.value(QLatin1String("flags")), path.child("flags"), &flags, false))
            return false;
        span->flags = qint32(flags);
        *usable = true;
        if (!parseTraceId(traceId, &span->traceIdHigh, &span->traceIdLow)) {
            reject(QStringLiteral("traceID must be up to 32 hex digits"));
            *usable = false;
        } else if (!parseHex64(spanId, &span->spanId)) {
            reject(QStringLiteral("spanID must be up to 16 hex digits"));
            *usable = false;
        }

        QJsonArray refs;
        const Path refsPath = path.child("references");
        if (!array(o.value(QLatin1String("references")), refsPath, &refs))
            return false;
        for (qsizetype i = 0; i < refs.size(); ++i) {
            const Path rp = refsPath.at(i);
            QJsonObject r;
            QString type;
            QString refTrace;
            QString refSpan;
            if (!object(refs.at(i), rp, &r)
                || !string(r.value(QLatin1String("refType")), rp.child("refType"), &type)
                || !string(r.value(QLatin1String("traceID")), rp.child("traceID"), &refTrace)
                || !string(r.value(QLatin1String("spanID")), rp.child("spanID"), &refSpan))
                return false;
            JSpanRef ref;
            if (type == u"CHILD_OF")
                ref.refType = qint32(SpanRefType::ChildOf);
            else if (type == u"FOLLOWS_FROM")
                ref.refType = qint32(SpanRefType::FollowsFrom);
            else
                return fail(rp.child("refType"),
                    QStringLiteral("unknown reference type \"%1\" (expected CHILD_OF or FOLLOWS_FROM)")
                        .arg(type));
            if (!parseTraceId(refTrace, &ref.traceIdHigh, &ref.traceIdLow)
                || !parseHex64(refSpan, &ref.spanId)) {
                if (*usable)
                    reject(QStringLiteral("a reference's traceID/spanID is not hex"));
                *usable = false;
            }
            span->references.append(ref);
        }

        QJsonArray logs;
        const Path logsPath = path.child("logs");
        if (!array(o.value(QLatin1String("logs")), logsPath, &logs))
            return false;
        for (qsizetype i = 0; i < logs.size(); ++i) {
            const Path lp = logsPath.at(i);
            QJsonObject l;
            JLog log;
            if (!object(logs.at(i), lp, &l)
                || !integer(l.value(QLatin1String("timestamp")), lp.child("timestamp"), &log.timestamp)
                || !readTags(l.value(QLatin1String("fields")), lp.child("fields"), &log.fields))
                return false;
            span->logs.append(std::move(log));
        }

        // Jaeger's own complaints about the span (clock skew, invalid parent) stay readable.
        QJsonArray warnings;
        if (!array(o.value(QLatin1String("warnings")), path.child("warnings"), &warnings))
            return false;
        QStringList texts;
        for (qsizetype i = 0; i < warnings.size(); ++i) {
            QString text;
            if (!string(warnings.at(i), path.child("warnings").at(i), &text))
                return false;
            texts.append(text);
        }
        if (!texts.isEmpty())
            span->tags.append(JTag { QStringLiteral("jaeger.warnings"), qint32(TagType::String),
                texts.join(u"; "), 0, false, 0, {} });
        return true;
    }

    bool readTrace(const QJsonValue &value, const Path &path, SpanBatch *batch)
    {
        // Spans grouped by process, so each process's resource is built once.
        QList<std::pair<JProcess, QList<JSpan>>> groups;
        QHash<QString, qsizetype> groupOf;
        QJsonObject trace;
        if (!object(value, path, &trace))
            return false;
        QHash<QString, JProcess> processes;
        if (!readProcesses(trace.value(QLatin1String("processes")), path.child("processes"), &processes))
            return false;
        QJsonArray spans;
        const Path spansPath = path.child("spans");
        if (!trace.contains(QLatin1String("spans")))
            return fail(spansPath, QStringLiteral("missing"));
        if (!array(trace.value(QLatin1String("spans")), spansPath, &spans))
            return false;
        for (qsizetype i = 0; i < spans.size(); ++i) {
            const Path sp = spansPath.at(i);
            QJsonObject o;
            JSpan span;
            bool usable = false;
            if (!object(spans.at(i), sp, &o) || !readSpan(o, sp, &span, &usable))
                return false;
            // The process: by processID from the trace's processes, or inline as older
            // exports and the query service's span lists have it.
            const QJsonValue inlineProcess = o.value(QLatin1String("process"));
            if (inlineProcess.isObject()) {
                JProcess process;
                if (!readProcess(inlineProcess, sp.child("process"), &process))
                    return false;
                if (usable)
                    groups.append({ process, { span } });
            } else {
                QString processId;
                if (!string(o.value(QLatin1String("processID")), sp.child("processID"), &processId))
                    return false;
                const auto it = processes.constFind(processId);
                if (it == processes.constEnd())
                    return fail(sp.child("processID"),
                        QStringLiteral("\"%1\" is not in %2.processes").arg(processId, path.toString()));
                if (!usable)
                    continue;
                auto group = groupOf.constFind(processId);
                if (group == groupOf.constEnd()) {
                    group = groupOf.insert(processId, groups.size());
                    groups.append({ *it, {} });
                }
                groups[*group].second.append(std::move(span));
            }
        }
        for (const auto &[process, processSpans] : std::as_const(groups))
            appendProcessSpans(process, processSpans, batch);
        return true;
    }
};

} // namespace

DecodeResult decodeJaegerJsonDocument(const QJsonDocument &document)
{
    DecodeResult result;
    if (!document.isObject()) {
        result.error = QStringLiteral("invalid Jaeger JSON: not a JSON object with a data array of traces");
        return result;
    }
    JsonReader reader;
    if (!reader.readDocument(document.object(), &result.batch)) {
        result.error = QStringLiteral("invalid Jaeger JSON: ") + reader.m_error;
        result.batch = {};
        return result;
    }
    validateBatch(result.batch);
    return result;
}

DecodeResult decodeJaegerJson(QByteArrayView body)
{
    QJsonParseError parseError;
    const QJsonDocument document
        = QJsonDocument::fromJson(QByteArray::fromRawData(body.data(), body.size()), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        DecodeResult result;
        result.error = QStringLiteral("invalid JSON at offset %1: %2")
                           .arg(parseError.offset)
                           .arg(parseError.errorString());
        return result;
    }
    return decodeJaegerJsonDocument(document);
}

} // namespace spanlight
