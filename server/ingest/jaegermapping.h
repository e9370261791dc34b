#pragma once

// The Jaeger span model both Jaeger decoders read into (the Thrift Batch of /api/traces and the
// JSON of the Jaeger UI's export), and the one mapping from it onto spanlight::Span, so that
// span.kind, error, otel.status_code, references and logs mean the same in both.
// Internal to spanlight_ingest.

#include "core/span.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace spanlight::jaeger {

enum class TagType : qint32 { String = 0, Double = 1, Bool = 2, Long = 3, Binary = 4 };
enum class SpanRefType : qint32 { ChildOf = 0, FollowsFrom = 1 };

struct JTag
{
    QString key;
    qint32 vType = 0;
    QString vStr;
    double vDouble = 0;
    bool vBool = false;
    qint64 vLong = 0;
    QByteArray vBinary;
};

struct JLog
{
    qint64 timestamp = 0; // µs
    QList<JTag> fields;
};

struct JSpanRef
{
    qint32 refType = 0;
    qint64 traceIdLow = 0;
    qint64 traceIdHigh = 0;
    qint64 spanId = 0;
};

struct JSpan
{
    qint64 traceIdLow = 0;
    qint64 traceIdHigh = 0;
    qint64 spanId = 0;
    qint64 parentSpanId = 0;
    QString operationName;
    QList<JSpanRef> references;
    qint32 flags = 0;
    qint64 startTime = 0; // µs
    qint64 duration = 0; // µs
    QList<JTag> tags;
    QList<JLog> logs;
};

struct JProcess
{
    QString serviceName;
    QList<JTag> tags;
};

// A tag's value as a span attribute (binary as base64, non-finite doubles as text).
QJsonValue tagValue(const JTag &tag);

// Maps one Jaeger span; returns a rejection reason when its times cannot be represented.
QString toSpan(const JSpan &j, const QString &serviceName, const QJsonObject &resource, Span *out);

// Maps the spans of one process (its tags and serviceName become the resource) into `batch`,
// counting those toSpan() rejects. Does not validate the batch.
void appendProcessSpans(const JProcess &process, const QList<JSpan> &spans, SpanBatch *batch);

} // namespace spanlight::jaeger
