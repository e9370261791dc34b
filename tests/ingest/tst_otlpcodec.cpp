#include "ingest/otlpcodec.h"

#include "core/ids.h"

#include "opentelemetry/proto/collector/trace/v1/trace_service.pb.h"
#include "spanlight/rpc_error_details.pb.h"
#include "spanlight/rpc_status.pb.h"

#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

#include "protowire.h"

#include <algorithm>
#include <limits>

using namespace spanlight;

Q_DECLARE_METATYPE(QList<spanlight::Span>)

namespace {

QString dataPath(const QString &name)
{
    return QString::fromLocal8Bit(qgetenv("SPANLIGHT_TEST_DATA")) + QStringLiteral("/data/") + name;
}

QByteArray readData(const QString &name)
{
    QFile file(dataPath(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open test data %s (is SPANLIGHT_TEST_DATA set?)", qPrintable(file.fileName()));
    return file.readAll();
}

QString describe(const Span &span)
{
    return QString::fromUtf8(encodeOtlpJson({span}));
}

bool jsonIsInteger(const QJsonValue &value)
{
    return value.toVariant().typeId() == QMetaType::LongLong;
}

using testsupport::fixed64;
using testsupport::lengthDelimited;
using testsupport::tag;
using testsupport::varint;
using testsupport::varintField;


// Wraps span bytes into ExportTraceServiceRequest{resource_spans{scope_spans{spans}}}.
QByteArray requestWithSpan(const QByteArray &spanBytes)
{
    return lengthDelimited(1, lengthDelimited(2, lengthDelimited(2, spanBytes)));
}

const QByteArray kTraceId = QByteArray::fromHex("0102030405060708090a0b0c0d0e0f10");
const QByteArray kSpanId = QByteArray::fromHex("a1a2a3a4a5a6a7a8");

QByteArray validSpanFields()
{
    return lengthDelimited(1, kTraceId) + lengthDelimited(2, kSpanId) + lengthDelimited(5, "op")
        + fixed64(7, 1000) + fixed64(8, 2000);
}

// ---- spans for round trips ----------------------------------------------------------------

Span baseSpan()
{
    Span span;
    span.traceId = kTraceId;
    span.spanId = kSpanId;
    span.name = QStringLiteral("op");
    span.startTimeUnixNano = 1'700'000'000'000'000'000;
    span.endTimeUnixNano = 1'700'000'000'000'500'000;
    span.serviceName = QStringLiteral("svc");
    span.resourceAttributes = {{QStringLiteral("service.name"), QStringLiteral("svc")}};
    return span;
}

QJsonValue randomValue(QRandomGenerator &rng, int depth)
{
    switch (rng.bounded(depth > 2 ? 5 : 7)) {
    case 0:
        return QString::number(rng.generate64(), 36);
    case 1:
        return rng.bounded(2) == 1;
    case 2:
        return QJsonValue(qint64(rng.generate64()));
    case 3:
        return double(rng.generate()) / 7.0;
    case 4:
        return QJsonValue(QJsonValue::Null);
    case 5: {
        QJsonArray array;
        for (int i = int(rng.bounded(4)); i > 0; --i)
            array.append(randomValue(rng, depth + 1));
        return array;
    }
    default: {
        QJsonObject object;
        for (int i = int(rng.bounded(4)); i > 0; --i)
            object.insert(QStringLiteral("k%1").arg(i), randomValue(rng, depth + 1));
        return object;
    }
    }
}

QJsonObject randomAttributes(QRandomGenerator &rng)
{
    QJsonObject attributes;
    for (int i = int(rng.bounded(6)); i > 0; --i)
        attributes.insert(QStringLiteral("attr.%1").arg(rng.bounded(100)), randomValue(rng, 0));
    return attributes;
}

QByteArray randomId(QRandomGenerator &rng, int bytes)
{
    QByteArray id(bytes, '\0');
    for (char &c : id)
        c = char(rng.bounded(256));
    id[0] = char(id[0] | 1); // never all zero
    return id;
}

QList<Span> randomSpans(quint32 seed, int count)
{
    QRandomGenerator rng(seed);
    const QJsonObject resources[] = {
        {{QStringLiteral("service.name"), QStringLiteral("a")}},
        {{QStringLiteral("service.name"), QStringLiteral("b")}, {QStringLiteral("host"), QStringLiteral("h1")}},
        {}, // no service.name
    };
    QList<Span> spans;
    for (int i = 0; i < count; ++i) {
        Span span;
        span.traceId = randomId(rng, 16);
        span.spanId = randomId(rng, 8);
        if (rng.bounded(3) != 0)
            span.parentSpanId = randomId(rng, 8);
        if (rng.bounded(4) == 0)
            span.traceState = QStringLiteral("k=v%1").arg(i);
        span.flags = rng.generate();
        span.name = QStringLiteral("span-%1 \u00e9").arg(i);
        span.kind = SpanKind(rng.bounded(6));
        span.startTimeUnixNano = qint64(rng.bounded(1'000'000'000)) + 1'600'000'000'000'000'000;
        span.endTimeUnixNano = span.startTimeUnixNano + rng.bounded(5'000'000);
        span.attributes = randomAttributes(rng);
        span.droppedAttributesCount = rng.bounded(3);
        for (int e = int(rng.bounded(3)); e > 0; --e)
            span.events.append({span.startTimeUnixNano + e, QStringLiteral("ev%1").arg(e), randomAttributes(rng),
                                quint32(rng.bounded(2))});
        span.droppedEventsCount = rng.bounded(2);
        for (int l = int(rng.bounded(3)); l > 0; --l)
            span.links.append({randomId(rng, 16), randomId(rng, 8), l == 1 ? QStringLiteral("x=y") : QString(),
                               randomAttributes(rng), quint32(rng.bounded(2)), rng.generate()});
        span.droppedLinksCount = rng.bounded(2);
        span.statusCode = StatusCode(rng.bounded(3));
        if (span.statusCode == StatusCode::Error)
            span.statusMessage = QStringLiteral("failed %1").arg(i);
        // Spans come in runs per resource and scope, so that grouping keeps their order.
        const int group = (i * 3) / count;
        span.resourceAttributes = resources[group];
        span.serviceName = span.resourceAttributes.value(QLatin1String("service.name")).toString(QStringLiteral("unknown_service"));
        span.scopeName = group == 2 ? QString() : QStringLiteral("scope-%1").arg(i % 2 == 0 && group == 0 ? 0 : group);
        span.scopeVersion = group == 1 ? QStringLiteral("1.0") : QString();
        spans.append(span);
    }
    return spans;
}

void compareSpanLists(const QList<Span> &actual, const QList<Span> &expected)
{
    QCOMPARE(actual.size(), expected.size());
    for (qsizetype i = 0; i < actual.size(); ++i) {
        if (actual.at(i) == expected.at(i))
            continue;
        // Show a readable difference before failing.
        QCOMPARE(describe(actual.at(i)), describe(expected.at(i)));
        QCOMPARE(actual.at(i).serviceName, expected.at(i).serviceName);
        QCOMPARE(actual.at(i).scopeName, expected.at(i).scopeName);
        QCOMPARE(actual.at(i).scopeVersion, expected.at(i).scopeVersion);
        QVERIFY2(false, qPrintable(QStringLiteral("span %1 differs").arg(i)));
    }
}

QJsonObject jsonSpanTemplate()
{
    return QJsonObject{{QStringLiteral("traceId"), QStringLiteral("0102030405060708090a0b0c0d0e0f10")},
                       {QStringLiteral("spanId"), QStringLiteral("a1a2a3a4a5a6a7a8")},
                       {QStringLiteral("name"), QStringLiteral("op")},
                       {QStringLiteral("startTimeUnixNano"), QStringLiteral("1000")},
                       {QStringLiteral("endTimeUnixNano"), QStringLiteral("2000")}};
}

QByteArray jsonRequestWithSpans(const QJsonArray &spans)
{
    const QJsonObject request{
        {QStringLiteral("resourceSpans"),
         QJsonArray{QJsonObject{{QStringLiteral("scopeSpans"), QJsonArray{QJsonObject{{QStringLiteral("spans"), spans}}}}}}}};
    return QJsonDocument(request).toJson(QJsonDocument::Compact);
}

} // namespace

class TestOtlpCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void specExampleJson();
    void fullTraceProtobufFields();
    void goldensAgree_data();
    void goldensAgree();
    void badIdsGolden();

    void malformedProtobuf_data();
    void malformedProtobuf();
    void corruptedProtobufNeverCrashes();
    void streamDecoderAgrees_data();
    void streamDecoderAgrees();

    void malformedJson_data();
    void malformedJson();
    void jsonSpanRejections_data();
    void jsonSpanRejections();
    void corruptedJsonNeverCrashes();

    void gunzipGolden();
    void gunzipLimitIsExact();
    void gunzipBomb();
    void gunzipCorrupt_data();
    void gunzipCorrupt();
    void gunzipConcatenatedMembersAndZlib();

    void roundTrip_data();
    void roundTrip();
    void roundTripKeepsIntegerAndDoubleApart();
    void encoderAddsServiceName();
    void encodedProtobufReadsWithGeneratedApi();

    void responses_data();
    void responses();
    void rpcStatus();
};

void TestOtlpCodec::specExampleJson()
{
    const DecodeResult result = decodeOtlpJson(readData(QStringLiteral("spec_example.json")));
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.batch.rejectedSpans, 0);
    QCOMPARE(result.batch.spans.size(), 1);
    const Span &span = result.batch.spans.first();
    QCOMPARE(idToHex(span.traceId), QStringLiteral("5b8efff798038103d269b633813fc60c"));
    QCOMPARE(idToHex(span.spanId), QStringLiteral("eee19b7ec3c1b174"));
    QCOMPARE(idToHex(span.parentSpanId), QStringLiteral("eee19b7ec3c1b173"));
    QCOMPARE(span.name, QStringLiteral("I'm a server span"));
    QCOMPARE(span.kind, SpanKind::Server);
    QCOMPARE(span.startTimeUnixNano, 1544712660000000000);
    QCOMPARE(span.endTimeUnixNano, 1544712661000000000);
    QCOMPARE(span.durationNano(), 1'000'000'000);
    QCOMPARE(span.attributes, (QJsonObject{{QStringLiteral("my.span.attr"), QStringLiteral("some value")}}));
    QCOMPARE(span.serviceName, QStringLiteral("my.service"));
    QCOMPARE(span.scopeName, QStringLiteral("my.library"));
    QCOMPARE(span.scopeVersion, QStringLiteral("1.0.0"));
    QCOMPARE(span.scopeAttributes,
             (QJsonObject{{QStringLiteral("my.scope.attribute"), QStringLiteral("some scope attribute")}}));
    QCOMPARE(span.statusCode, StatusCode::Unset);
    QVERIFY(span.events.isEmpty());
    QVERIFY(span.links.isEmpty());
}

void TestOtlpCodec::fullTraceProtobufFields()
{
    const DecodeResult result = decodeOtlpProtobuf(readData(QStringLiteral("trace_full.pb")));
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.batch.rejectedSpans, 0);
    QVERIFY(result.batch.rejectReasons.isEmpty());
    const QList<Span> &spans = result.batch.spans;
    QCOMPARE(spans.size(), 4);

    const Span &s1 = spans.at(0);
    QCOMPARE(s1.traceId, QByteArray::fromHex("5B8EFFF798038103D269B633813FC60C"));
    QCOMPARE(s1.spanId, QByteArray::fromHex("EEE19B7EC3C1B174"));
    QCOMPARE(s1.parentSpanId, QByteArray::fromHex("EEE19B7EC3C1B173"));
    QCOMPARE(s1.traceState, QStringLiteral("congo=t61rcWkgMzE"));
    QCOMPARE(s1.flags, 0x301u);
    QCOMPARE(s1.kind, SpanKind::Server);
    QCOMPARE(s1.serviceName, QStringLiteral("my.service"));
    QCOMPARE(s1.resourceAttributes.size(), 4);
    QCOMPARE(s1.resourceAttributes.value(QLatin1String("service.version")), QJsonValue(QStringLiteral("1.4.2")));
    QVERIFY(jsonIsInteger(s1.resourceAttributes.value(QLatin1String("host.cores"))));
    QCOMPARE(s1.resourceAttributes.value(QLatin1String("host.cores")).toInteger(), 8);
    QCOMPARE(s1.resourceAttributes.value(QLatin1String("deployment.canary")), QJsonValue(false));
    QCOMPARE(s1.scopeName, QStringLiteral("my.library"));
    QCOMPARE(s1.scopeVersion, QStringLiteral("1.0.0"));

    const Span &s2 = spans.at(1);
    QCOMPARE(s2.name, QStringLiteral("SELECT orders"));
    QCOMPARE(s2.kind, SpanKind::Client);
    QCOMPARE(s2.startTimeUnixNano, 1544712660100000000);
    QCOMPARE(s2.endTimeUnixNano, 1544712660350000000);
    const QJsonObject &a = s2.attributes;
    QCOMPARE(a.size(), 9);
    QCOMPARE(a.value(QLatin1String("attr.string")).toString(), QStringLiteral("h\u00e9llo \u2713"));
    QCOMPARE(a.value(QLatin1String("attr.bool")), QJsonValue(true));
    QVERIFY(jsonIsInteger(a.value(QLatin1String("attr.int"))));
    QCOMPARE(a.value(QLatin1String("attr.int")).toInteger(), -42);
    QCOMPARE(a.value(QLatin1String("attr.int.big")).toInteger(), 9007199254740993); // exact, not via double
    QVERIFY(!jsonIsInteger(a.value(QLatin1String("attr.double"))));
    QCOMPARE(a.value(QLatin1String("attr.double")).toDouble(), 3.25);
    QCOMPARE(a.value(QLatin1String("attr.bytes")).toString(), QStringLiteral("AAH+/w=="));
    QCOMPARE(a.value(QLatin1String("attr.array")).toArray(),
             (QJsonArray{QStringLiteral("a"), 1, true, 2.5}));
    const QJsonObject kvlist = a.value(QLatin1String("attr.kvlist")).toObject();
    QCOMPARE(kvlist, (QJsonObject{{QStringLiteral("inner"), QStringLiteral("x")},
                                  {QStringLiteral("n"), 7},
                                  {QStringLiteral("nested"), QJsonArray{1, 2}}}));
    QVERIFY(a.contains(QLatin1String("attr.empty")));
    QVERIFY(a.value(QLatin1String("attr.empty")).isNull());
    QCOMPARE(s2.droppedAttributesCount, 3u);

    QCOMPARE(s2.events.size(), 2);
    QCOMPARE(s2.events.at(0).timeUnixNano, 1544712660200000000);
    QCOMPARE(s2.events.at(0).name, QStringLiteral("exception"));
    QCOMPARE(s2.events.at(0).attributes.value(QLatin1String("exception.type")).toString(), QStringLiteral("TimeoutError"));
    QCOMPARE(s2.events.at(0).droppedAttributesCount, 1u);
    QCOMPARE(s2.events.at(1).name, QStringLiteral("retry"));
    QVERIFY(s2.events.at(1).attributes.isEmpty());
    QCOMPARE(s2.droppedEventsCount, 2u);

    QCOMPARE(s2.links.size(), 1);
    const SpanLink &link = s2.links.first();
    QCOMPARE(link.traceId, QByteArray::fromHex("0AF7651916CD43DD8448EB211C80319C"));
    QCOMPARE(link.spanId, QByteArray::fromHex("B7AD6B7169203331"));
    QCOMPARE(link.traceState, QStringLiteral("rojo=00f067aa0ba902b7"));
    QCOMPARE(link.attributes, (QJsonObject{{QStringLiteral("link.kind"), QStringLiteral("follows_from")}}));
    QCOMPARE(link.droppedAttributesCount, 1u);
    QCOMPARE(link.flags, 1u);
    QCOMPARE(s2.droppedLinksCount, 4u);
    QCOMPARE(s2.statusCode, StatusCode::Error);
    QCOMPARE(s2.statusMessage, QStringLiteral("connection reset"));
    QVERIFY(isErrorSpan(s2));
    QVERIFY(isTimeoutError(s2));

    const Span &s3 = spans.at(2);
    QCOMPARE(s3.scopeName, QStringLiteral("db.client"));
    QCOMPARE(s3.scopeVersion, QString());
    QVERIFY(s3.scopeAttributes.isEmpty());
    QCOMPARE(s3.kind, SpanKind::Internal);
    QCOMPARE(s3.statusCode, StatusCode::Ok);
    QCOMPARE(s3.serviceName, QStringLiteral("my.service"));

    const Span &s4 = spans.at(3);
    QCOMPARE(s4.serviceName, QStringLiteral("unknown_service"));
    QCOMPARE(s4.resourceAttributes, (QJsonObject{{QStringLiteral("telemetry.sdk.language"), QStringLiteral("go")}}));
    QVERIFY(s4.scopeName.isEmpty());
    QVERIFY(s4.isRoot());
    QCOMPARE(s4.kind, SpanKind::Producer);
    QCOMPARE(s4.durationNano(), 1000);
}

void TestOtlpCodec::goldensAgree_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("format");
    QTest::newRow("OTLP/JSON, lowerCamelCase") << QStringLiteral("trace_full.json") << QStringLiteral("json");
    QTest::newRow("OTLP/JSON, snake_case + enum names") << QStringLiteral("trace_full_snake.json")
                                                        << QStringLiteral("json");
    QTest::newRow("protobuf, gzip") << QStringLiteral("trace_full.pb.gz") << QStringLiteral("pb.gz");
}

void TestOtlpCodec::goldensAgree()
{
    QFETCH(QString, file);
    QFETCH(QString, format);
    const DecodeResult reference = decodeOtlpProtobuf(readData(QStringLiteral("trace_full.pb")));
    QVERIFY(reference.ok());

    const QByteArray body = readData(file);
    DecodeResult result;
    if (format == u"json") {
        result = decodeOtlpJson(body);
    } else {
        QString error;
        const auto inflated = gunzip(body, 1 << 20, &error);
        QVERIFY2(inflated, qPrintable(error));
        result = decodeOtlpProtobuf(*inflated);
    }
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.batch.rejectedSpans, 0);
    compareSpanLists(result.batch.spans, reference.batch.spans);
}

void TestOtlpCodec::badIdsGolden()
{
    const DecodeResult result = decodeOtlpProtobuf(readData(QStringLiteral("bad_ids.pb")));
    QVERIFY2(result.ok(), qPrintable(result.error)); // bad spans are rejections, not a 400
    QCOMPARE(result.batch.spans.size(), 1);
    QCOMPARE(result.batch.spans.first().name, QStringLiteral("valid"));
    QCOMPARE(result.batch.spans.first().serviceName, QStringLiteral("buggy"));
    QCOMPARE(result.batch.rejectedSpans, 4);
    QCOMPARE(result.batch.rejectReasons,
             (QStringList{QStringLiteral("trace_id must be 16 bytes and not all zero"),
                          QStringLiteral("span_id must be 8 bytes and not all zero"),
                          QStringLiteral("start_time_unix_nano must be set")}));
}

void TestOtlpCodec::malformedProtobuf_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("error"); // substring of the expected error; empty: decodes
    QTest::addColumn<int>("spans");
    QTest::addColumn<int>("rejected");

    const QByteArray golden = readData(QStringLiteral("trace_full.pb"));
    const QByteArray span = validSpanFields();
    QTest::newRow("valid crafted span") << requestWithSpan(span) << QString() << 1 << 0;
    QTest::newRow("empty body: an empty request") << QByteArray() << QString() << 0 << 0;
    QTest::newRow("truncated in the middle")
        << golden.left(golden.size() / 2) << QStringLiteral("invalid protobuf: resource_spans[0]") << 0 << 0;
    QTest::newRow("last byte missing") << golden.chopped(1) << QStringLiteral("invalid protobuf:") << 0 << 0;
    QTest::newRow("unterminated varint") << QByteArray("\xff\xff\xff\xff", 4)
                                         << QStringLiteral("invalid protobuf: truncated field tag at byte 0") << 0 << 0;
    QTest::newRow("wire type 7") << QByteArray("\x0f\x00", 2)
                                 << QStringLiteral("invalid protobuf: resource_spans[0]: invalid wire type 7 at byte 0")
                                 << 0 << 0;
    QTest::newRow("field number 0") << QByteArray("\x00\x01", 2) << QStringLiteral("invalid field number 0") << 0 << 0;
    QTest::newRow("length past the end") << QByteArray("\x0a\x10xy", 4)
                                         << QStringLiteral("resource_spans[0]: length 16 runs past the end") << 0 << 0;
    QTest::newRow("invalid UTF-8 in span name")
        << requestWithSpan(span + lengthDelimited(5, "\xc3\x28"))
        << QStringLiteral("resource_spans[0].scope_spans[0].spans[0].name: string is not valid UTF-8") << 0 << 0;
    QTest::newRow("unterminated group") << (tag(15, 3) + varintField(1, 1))
                                        << QStringLiteral("group is not terminated") << 0 << 0;
    QTest::newRow("stray end-group") << tag(15, 4) << QStringLiteral("unexpected end-group tag") << 0 << 0;

    QByteArray deep = varintField(3, 1); // AnyValue{int_value: 1}
    for (int i = 0; i < 150; ++i)
        deep = lengthDelimited(5, lengthDelimited(1, deep)); // AnyValue{array_value{values: deep}}
    QTest::newRow("nesting past protobuf's recursion limit")
        << requestWithSpan(span + lengthDelimited(9, lengthDelimited(1, "k") + lengthDelimited(2, deep)))
        << QStringLiteral("nesting deeper than 100 levels") << 0 << 0;

    // Wrong wire types on known fields are unknown fields to protobuf: the request parses and
    // the span, now missing that field, is left to validation.
    QTest::newRow("trace_id as a varint")
        << requestWithSpan(varintField(1, 5) + lengthDelimited(2, kSpanId) + fixed64(7, 1000) + fixed64(8, 2000))
        << QString() << 0 << 1;
    QTest::newRow("resource_spans as a varint") << varintField(1, 1) << QString() << 0 << 0;
    QTest::newRow("start time as a varint")
        << requestWithSpan(lengthDelimited(1, kTraceId) + lengthDelimited(2, kSpanId) + varintField(7, 1000)
                           + fixed64(8, 2000))
        << QString() << 0 << 1;
    QTest::newRow("unknown fields and groups are skipped")
        << requestWithSpan(span + varintField(99, 1) + tag(98, 3) + varintField(1, 2) + tag(98, 4)
                           + lengthDelimited(97, "zz"))
        << QString() << 1 << 0;
    QTest::newRow("kind out of range") << requestWithSpan(span + varintField(6, 9)) << QString() << 0 << 1;
    QTest::newRow("status code out of range")
        << requestWithSpan(span + lengthDelimited(15, varintField(3, 7))) << QString() << 0 << 1;
    QTest::newRow("end before start")
        << requestWithSpan(lengthDelimited(1, kTraceId) + lengthDelimited(2, kSpanId) + fixed64(7, 2000)
                           + fixed64(8, 1000))
        << QString() << 0 << 1;
    QTest::newRow("start time past INT64_MAX")
        << requestWithSpan(lengthDelimited(1, kTraceId) + lengthDelimited(2, kSpanId)
                           + fixed64(7, 0x8000000000000000ULL) + fixed64(8, 0x8000000000000001ULL))
        << QString() << 0 << 1;
    QTest::newRow("parent id 3 bytes") << requestWithSpan(span + lengthDelimited(4, "abc")) << QString() << 0 << 1;
}

void TestOtlpCodec::malformedProtobuf()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, error);
    QFETCH(int, spans);
    QFETCH(int, rejected);
    const DecodeResult result = decodeOtlpProtobuf(body);
    if (error.isEmpty()) {
        QVERIFY2(result.ok(), qPrintable(result.error));
    } else {
        QVERIFY2(result.error.contains(error), qPrintable(result.error));
        QVERIFY(result.error.startsWith(QLatin1String("invalid protobuf: ")));
    }
    QCOMPARE(result.batch.spans.size(), spans);
    QCOMPARE(result.batch.rejectedSpans, rejected);
    QCOMPARE(result.batch.rejectReasons.isEmpty(), rejected == 0);
}

void TestOtlpCodec::streamDecoderAgrees_data()
{
    QTest::addColumn<QByteArray>("body");
    const QByteArray golden = readData(QStringLiteral("trace_full.pb"));
    QTest::newRow("full trace") << golden;
    QTest::newRow("bad ids") << readData(QStringLiteral("bad_ids.pb"));
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("truncated") << golden.left(golden.size() / 2);
    QTest::newRow("invalid UTF-8") << requestWithSpan(validSpanFields() + lengthDelimited(5, "\xc3\x28"));
}

void TestOtlpCodec::streamDecoderAgrees()
{
    // gRPC hands over the body in slices; 7-byte blocks split every field somewhere.
    QFETCH(QByteArray, body);
    const DecodeResult whole = decodeOtlpProtobuf(body);
    google::protobuf::io::ArrayInputStream pieces(body.constData(), int(body.size()), 7);
    int asked = 0;
    const DecodeResult streamed = decodeOtlpProtobufStream(&pieces, [&] {
        ++asked;
        return body;
    });
    QCOMPARE(streamed.error, whole.error);
    QCOMPARE(asked, whole.ok() ? 0 : 1); // the bytes in one piece only to name the error
    compareSpanLists(streamed.batch.spans, whole.batch.spans);
    QCOMPARE(streamed.batch.rejectedSpans, whole.batch.rejectedSpans);
    QCOMPARE(streamed.batch.rejectReasons, whole.batch.rejectReasons);
}

void TestOtlpCodec::corruptedProtobufNeverCrashes()
{
    const QByteArray golden = readData(QStringLiteral("trace_full.pb"));
    auto check = [](const QByteArray &body) {
        const DecodeResult result = decodeOtlpProtobuf(body);
        if (!result.ok())
            return result.batch.spans.isEmpty();
        return std::all_of(result.batch.spans.cbegin(), result.batch.spans.cend(),
                           [](const Span &s) { return validateSpan(s).isEmpty(); });
    };
    const QString mishandled = testsupport::firstMishandledBody(golden, check, 20240601, 3000, 500);
    QVERIFY2(mishandled.isEmpty(), qPrintable(mishandled));
}

void TestOtlpCodec::malformedJson_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("error");

    QTest::newRow("not JSON") << QByteArray("hello") << QStringLiteral("invalid JSON at offset 1: illegal value");
    QTest::newRow("empty body") << QByteArray() << QStringLiteral("invalid JSON at offset 0");
    QTest::newRow("truncated") << QByteArray("{\"resourceSpans\":[{\"scopeSpans\":[")
                               << QStringLiteral("invalid JSON at offset ");
    QTest::newRow("array at the top") << QByteArray("[]") << QStringLiteral("the request is not a JSON object");
    QTest::newRow("resourceSpans is an object") << QByteArray("{\"resourceSpans\":{}}")
                                                << QStringLiteral("resourceSpans: not an array");
    QTest::newRow("resourceSpans item is a number") << QByteArray("{\"resourceSpans\":[1]}")
                                                    << QStringLiteral("resourceSpans[0]: not an object");
    QTest::newRow("scopeSpans is a string") << QByteArray("{\"resourceSpans\":[{\"scopeSpans\":\"x\"}]}")
                                            << QStringLiteral("resourceSpans[0].scopeSpans: not an array");
    QTest::newRow("resource attributes not an array")
        << QByteArray("{\"resourceSpans\":[{\"resource\":{\"attributes\":{}}}]}")
        << QStringLiteral("resourceSpans[0].resource.attributes: not an array");
    QTest::newRow("scope name a number")
        << QByteArray("{\"resourceSpans\":[{\"scopeSpans\":[{\"scope\":{\"name\":3}}]}]}")
        << QStringLiteral("resourceSpans[0].scopeSpans[0].scope.name: not a string");

    // The brief's example location: the fourth span of the second scope.
    QJsonArray scopeSpans{QJsonObject{{QStringLiteral("spans"), QJsonArray{jsonSpanTemplate()}}}};
    QJsonObject badSpan = jsonSpanTemplate();
    badSpan.insert(QStringLiteral("startTimeUnixNano"), QStringLiteral("12abc"));
    scopeSpans.append(QJsonObject{{QStringLiteral("spans"),
                                   QJsonArray{jsonSpanTemplate(), jsonSpanTemplate(), jsonSpanTemplate(), badSpan}}});
    QTest::newRow("bad int64 deep inside")
        << QJsonDocument(QJsonObject{{QStringLiteral("resourceSpans"),
                                      QJsonArray{QJsonObject{{QStringLiteral("scopeSpans"), scopeSpans}}}}})
               .toJson()
        << QStringLiteral("invalid OTLP/JSON: resourceSpans[0].scopeSpans[1].spans[3].startTimeUnixNano: not an integer");

    auto spanWith = [](const QString &key, const QJsonValue &value) {
        QJsonObject span = jsonSpanTemplate();
        span.insert(key, value);
        return jsonRequestWithSpans({span});
    };
    const QString at = QStringLiteral("resourceSpans[0].scopeSpans[0].spans[0].");
    auto attr = [](const QJsonObject &anyValue) {
        return QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("k")}, {QStringLiteral("value"), anyValue}}};
    };
    QTest::newRow("time with a fraction") << spanWith(QStringLiteral("endTimeUnixNano"), 1.5)
                                          << at + QStringLiteral("endTimeUnixNano: not an integer");
    QTest::newRow("time as a boolean") << spanWith(QStringLiteral("startTimeUnixNano"), true)
                                       << at + QStringLiteral("startTimeUnixNano: not an integer");
    QTest::newRow("negative time") << spanWith(QStringLiteral("startTimeUnixNano"), QStringLiteral("-5"))
                                   << at + QStringLiteral("startTimeUnixNano: negative value for an unsigned field");
    QTest::newRow("time past uint64") << spanWith(QStringLiteral("startTimeUnixNano"), 1e30)
                                      << at + QStringLiteral("startTimeUnixNano: out of range");
    QTest::newRow("name a number") << spanWith(QStringLiteral("name"), 5) << at + QStringLiteral("name: not a string");
    QTest::newRow("kind unknown name") << spanWith(QStringLiteral("kind"), QStringLiteral("SPAN_KIND_BOGUS"))
                                       << at + QStringLiteral("kind: unknown enum value \"SPAN_KIND_BOGUS\"");
    QTest::newRow("flags negative") << spanWith(QStringLiteral("flags"), -1)
                                    << at + QStringLiteral("flags: out of range for uint32");
    QTest::newRow("dropped count too big") << spanWith(QStringLiteral("droppedAttributesCount"), 5e9)
                                           << at + QStringLiteral("droppedAttributesCount: out of range for uint32");
    QTest::newRow("attributes an object") << spanWith(QStringLiteral("attributes"), QJsonObject())
                                          << at + QStringLiteral("attributes: not an array");
    QTest::newRow("attribute item a string") << spanWith(QStringLiteral("attributes"), QJsonArray{QStringLiteral("k")})
                                             << at + QStringLiteral("attributes[0]: not a KeyValue object");
    QTest::newRow("attribute value a string")
        << spanWith(QStringLiteral("attributes"),
                    QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("k")},
                                           {QStringLiteral("value"), QStringLiteral("v")}}})
        << at + QStringLiteral("attributes[0].value: not an AnyValue object");
    QTest::newRow("intValue not a number")
        << spanWith(QStringLiteral("attributes"), attr({{QStringLiteral("intValue"), QStringLiteral("12x")}}))
        << at + QStringLiteral("attributes[0].value.intValue: not an integer");
    QTest::newRow("boolValue a string")
        << spanWith(QStringLiteral("attributes"), attr({{QStringLiteral("boolValue"), QStringLiteral("true")}}))
        << at + QStringLiteral("attributes[0].value.boolValue: not a boolean");
    QTest::newRow("doubleValue junk")
        << spanWith(QStringLiteral("attributes"), attr({{QStringLiteral("doubleValue"), QStringLiteral("abc")}}))
        << at + QStringLiteral("attributes[0].value.doubleValue: not a number");
    QTest::newRow("bytesValue not base64")
        << spanWith(QStringLiteral("attributes"), attr({{QStringLiteral("bytesValue"), QStringLiteral("!!!")}}))
        << at + QStringLiteral("attributes[0].value.bytesValue: not valid base64");
    QTest::newRow("arrayValue values not an array")
        << spanWith(QStringLiteral("attributes"),
                    attr({{QStringLiteral("arrayValue"), QJsonObject{{QStringLiteral("values"), 1}}}}))
        << at + QStringLiteral("attributes[0].value.arrayValue.values: not an array");
    QTest::newRow("nested kvlist error")
        << spanWith(QStringLiteral("attributes"),
                    attr({{QStringLiteral("kvlistValue"),
                           QJsonObject{{QStringLiteral("values"),
                                        QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("n")},
                                                               {QStringLiteral("value"),
                                                                QJsonObject{{QStringLiteral("intValue"), 0.5}}}}}}}}}))
        << at + QStringLiteral("attributes[0].value.kvlistValue.values[0].value.intValue: not an integer");
    QTest::newRow("event not an object") << spanWith(QStringLiteral("events"), QJsonArray{1})
                                         << at + QStringLiteral("events[0]: not an object");
    QTest::newRow("event time junk")
        << spanWith(QStringLiteral("events"), QJsonArray{QJsonObject{{QStringLiteral("timeUnixNano"), QStringLiteral("x")}}})
        << at + QStringLiteral("events[0].timeUnixNano: not an integer");
    QTest::newRow("links not an array") << spanWith(QStringLiteral("links"), QStringLiteral("x"))
                                        << at + QStringLiteral("links: not an array");
    QTest::newRow("status not an object") << spanWith(QStringLiteral("status"), 2)
                                          << at + QStringLiteral("status: not an object");
    QTest::newRow("status code unknown name")
        << spanWith(QStringLiteral("status"), QJsonObject{{QStringLiteral("code"), QStringLiteral("BROKEN")}})
        << at + QStringLiteral("status.code: unknown enum value");
    QTest::newRow("span not an object") << jsonRequestWithSpans({QStringLiteral("span")})
                                        << QStringLiteral("resourceSpans[0].scopeSpans[0].spans[0]: not an object");
}

void TestOtlpCodec::malformedJson()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, error);
    const DecodeResult result = decodeOtlpJson(body);
    QVERIFY(!result.ok());
    QVERIFY2(result.error.contains(error), qPrintable(result.error));
    QVERIFY(result.batch.spans.isEmpty());
    QCOMPARE(result.batch.rejectedSpans, 0);
}

void TestOtlpCodec::jsonSpanRejections_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("value"); // Undefined: remove the key
    QTest::addColumn<int>("spans");
    QTest::addColumn<QString>("reason"); // empty: accepted

    const QJsonValue remove(QJsonValue::Undefined);
    QTest::newRow("template is valid") << QString() << remove << 1 << QString();
    QTest::newRow("traceId not hex") << QStringLiteral("traceId") << QJsonValue(QStringLiteral("zz02030405060708090a0b0c0d0e0f10"))
                                     << 0 << QStringLiteral("traceId is not 32 hex digits");
    // Zipkin-style 64-bit trace ids are not OTLP: no zero padding here.
    QTest::newRow("traceId 16 digits") << QStringLiteral("traceId") << QJsonValue(QStringLiteral("0102030405060708"))
                                       << 0 << QStringLiteral("traceId is not 32 hex digits");
    QTest::newRow("traceId as base64") << QStringLiteral("traceId") << QJsonValue(QStringLiteral("AQIDBAUGBwgJCgsMDQ4PEA=="))
                                       << 0 << QStringLiteral("traceId is not 32 hex digits");
    QTest::newRow("traceId a number") << QStringLiteral("traceId") << QJsonValue(12) << 0
                                      << QStringLiteral("traceId is not 32 hex digits");
    QTest::newRow("traceId all zero") << QStringLiteral("traceId") << QJsonValue(QStringLiteral("00000000000000000000000000000000"))
                                      << 0 << QStringLiteral("trace_id must be 16 bytes and not all zero");
    QTest::newRow("traceId missing") << QStringLiteral("traceId") << remove << 0
                                     << QStringLiteral("trace_id must be 16 bytes and not all zero");
    QTest::newRow("spanId too long") << QStringLiteral("spanId") << QJsonValue(QStringLiteral("a1a2a3a4a5a6a7a8a9"))
                                     << 0 << QStringLiteral("spanId is not 16 hex digits");
    QTest::newRow("spanId odd length") << QStringLiteral("spanId") << QJsonValue(QStringLiteral("a1a2a3a4a5a6a7a"))
                                       << 0 << QStringLiteral("spanId is not 16 hex digits");
    QTest::newRow("parentSpanId bad") << QStringLiteral("parentSpanId") << QJsonValue(QStringLiteral("xyz")) << 0
                                      << QStringLiteral("parentSpanId is not 16 hex digits");
    QTest::newRow("parentSpanId empty = root") << QStringLiteral("parentSpanId") << QJsonValue(QString()) << 1
                                               << QString();
    QTest::newRow("parentSpanId uppercase") << QStringLiteral("parentSpanId") << QJsonValue(QStringLiteral("B7AD6B7169203331"))
                                            << 1 << QString();
    QTest::newRow("start time missing") << QStringLiteral("startTimeUnixNano") << remove << 0
                                        << QStringLiteral("start_time_unix_nano must be set");
    QTest::newRow("end time missing") << QStringLiteral("endTimeUnixNano") << remove << 0
                                      << QStringLiteral("end_time_unix_nano is before start_time_unix_nano");
    QTest::newRow("kind out of range") << QStringLiteral("kind") << QJsonValue(9) << 0
                                       << QStringLiteral("kind out of range");
    QTest::newRow("kind lowercase name") << QStringLiteral("kind") << QJsonValue(QStringLiteral("consumer")) << 1
                                         << QString();
    QTest::newRow("status code out of range")
        << QStringLiteral("status") << QJsonValue(QJsonObject{{QStringLiteral("code"), 7}}) << 0
        << QStringLiteral("status code out of range");
    QTest::newRow("link with a bad trace id")
        << QStringLiteral("links")
        << QJsonValue(QJsonArray{QJsonObject{{QStringLiteral("traceId"), QStringLiteral("nothex")},
                                             {QStringLiteral("spanId"), QStringLiteral("a1a2a3a4a5a6a7a8")}}})
        << 0 << QStringLiteral("links[0].traceId is not 32 hex digits");
    QTest::newRow("null fields are absent") << QStringLiteral("attributes") << QJsonValue(QJsonValue::Null) << 1
                                            << QString();
    QTest::newRow("unknown field ignored") << QStringLiteral("somethingNew") << QJsonValue(QJsonObject()) << 1
                                           << QString();
}

void TestOtlpCodec::jsonSpanRejections()
{
    QFETCH(QString, key);
    QFETCH(QJsonValue, value);
    QFETCH(int, spans);
    QFETCH(QString, reason);
    QJsonObject span = jsonSpanTemplate();
    if (!key.isEmpty()) {
        if (value.isUndefined())
            span.remove(key);
        else
            span.insert(key, value);
    }
    // A valid span next to it must go through either way: rejection is per span.
    QJsonObject good = jsonSpanTemplate();
    good.insert(QStringLiteral("spanId"), QStringLiteral("b1b2b3b4b5b6b7b8"));
    const DecodeResult result = decodeOtlpJson(jsonRequestWithSpans({span, good}));
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.batch.spans.size(), spans + 1);
    QCOMPARE(result.batch.rejectedSpans, 1 - spans);
    if (reason.isEmpty())
        QVERIFY(result.batch.rejectReasons.isEmpty());
    else
        QCOMPARE(result.batch.rejectReasons, QStringList{reason});
}

void TestOtlpCodec::corruptedJsonNeverCrashes()
{
    const QByteArray golden = readData(QStringLiteral("trace_full.json"));
    auto check = [](const QByteArray &body) {
        const DecodeResult result = decodeOtlpJson(body);
        return result.ok() || result.batch.spans.isEmpty();
    };
    for (qsizetype n = 0; n < golden.size(); n += 3)
        QVERIFY(check(golden.left(n)));
    QRandomGenerator rng(77);
    const char replacements[] = "{}[]\",:0123456789-.eE xtrufalsn\\";
    for (int round = 0; round < 2000; ++round) {
        QByteArray mutated = golden;
        mutated[rng.bounded(int(mutated.size()))] = replacements[rng.bounded(int(sizeof(replacements) - 1))];
        QVERIFY(check(mutated));
    }
    // Deep nesting: Qt's parser bounds it; whatever it accepts, the decoder must survive.
    QByteArray deep = "{\"intValue\":1}";
    for (int i = 0; i < 300; ++i)
        deep = "{\"arrayValue\":{\"values\":[" + deep + "]}}";
    const QByteArray body = "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"k\",\"value\":" + deep
        + "}]}}]}";
    QVERIFY(check(body));
}

void TestOtlpCodec::gunzipGolden()
{
    QString error;
    const auto inflated = gunzip(readData(QStringLiteral("trace_full.pb.gz")), 1 << 20, &error);
    QVERIFY2(inflated, qPrintable(error));
    QCOMPARE(*inflated, readData(QStringLiteral("trace_full.pb")));
}

void TestOtlpCodec::gunzipLimitIsExact()
{
    const QByteArray gz = readData(QStringLiteral("trace_full.pb.gz"));
    const qint64 size = readData(QStringLiteral("trace_full.pb")).size();
    QString error;
    QVERIFY(gunzip(gz, size, &error));
    QVERIFY(!gunzip(gz, size - 1, &error));
    QCOMPARE(error, QStringLiteral("decompressed body exceeds %1 bytes").arg(size - 1));
}

void TestOtlpCodec::gunzipBomb()
{
    const QByteArray bomb = readData(QStringLiteral("bomb_64mib_zeros.gz"));
    QVERIFY(bomb.size() < 100 * 1024);
    QString error;
    QVERIFY(!gunzip(bomb, 1 << 20, &error));
    QCOMPARE(error, QStringLiteral("decompressed body exceeds 1048576 bytes"));
    QVERIFY(!gunzip(bomb, (qint64(64) << 20) - 1, nullptr)); // null error pointer is allowed

    const auto full = gunzip(bomb, qint64(64) << 20, &error);
    QVERIFY2(full, qPrintable(error));
    QCOMPARE(full->size(), qsizetype(64) << 20);
    QCOMPARE(full->count('\0'), full->size());
}

void TestOtlpCodec::gunzipCorrupt_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("error");
    const QByteArray gz = readData(QStringLiteral("trace_full.pb.gz"));
    QByteArray flipped = gz;
    flipped[gz.size() / 2] = char(flipped[gz.size() / 2] ^ 0x55);
    QByteArray badCrc = gz;
    badCrc[gz.size() - 6] = char(badCrc[gz.size() - 6] ^ 1);

    QTest::newRow("empty") << QByteArray() << QStringLiteral("gzip body is corrupt: no data");
    QTest::newRow("not compressed") << QByteArray("plain text body") << QStringLiteral("gzip body is corrupt: ");
    QTest::newRow("truncated trailer") << gz.chopped(4) << QStringLiteral("gzip body is corrupt: unexpected end of data");
    QTest::newRow("truncated half") << gz.left(gz.size() / 2) << QStringLiteral("gzip body is corrupt: unexpected end of data");
    QTest::newRow("header only") << gz.left(10) << QStringLiteral("gzip body is corrupt: unexpected end of data");
    QTest::newRow("flipped byte") << flipped << QStringLiteral("gzip body is corrupt: ");
    QTest::newRow("bad CRC") << badCrc << QStringLiteral("gzip body is corrupt: incorrect data check");
    QTest::newRow("trailing garbage") << gz + QByteArray("garbage!") << QStringLiteral("gzip body is corrupt: ");
}

void TestOtlpCodec::gunzipCorrupt()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, error);
    QString actual;
    QVERIFY(!gunzip(data, 1 << 20, &actual));
    QVERIFY2(actual.startsWith(error), qPrintable(actual));
}

void TestOtlpCodec::gunzipConcatenatedMembersAndZlib()
{
    const QByteArray gz = readData(QStringLiteral("trace_full.pb.gz"));
    const QByteArray pb = readData(QStringLiteral("trace_full.pb"));
    QString error;
    const auto twice = gunzip(QByteArray(gz + gz), 1 << 20, &error);
    QVERIFY2(twice, qPrintable(error));
    QCOMPARE(*twice, pb + pb);

    // qCompress writes a 4-byte length and then a zlib stream; the auto-detect reads the latter.
    const auto fromZlib = gunzip(qCompress(pb).mid(4), 1 << 20, &error);
    QVERIFY2(fromZlib, qPrintable(error));
    QCOMPARE(*fromZlib, pb);
}

void TestOtlpCodec::roundTrip_data()
{
    QTest::addColumn<QList<Span>>("spans");

    QTest::newRow("empty") << QList<Span>();
    QTest::newRow("golden trace") << decodeOtlpProtobuf(readData(QStringLiteral("trace_full.pb"))).batch.spans;
    QTest::newRow("minimal root span") << QList<Span>{baseSpan()};

    Span extreme = baseSpan();
    extreme.startTimeUnixNano = 1;
    extreme.endTimeUnixNano = std::numeric_limits<qint64>::max();
    extreme.flags = std::numeric_limits<quint32>::max();
    extreme.droppedAttributesCount = std::numeric_limits<quint32>::max();
    extreme.droppedEventsCount = std::numeric_limits<quint32>::max();
    extreme.droppedLinksCount = 1;
    extreme.kind = SpanKind::Consumer;
    extreme.attributes = {{QStringLiteral("min"), QJsonValue(std::numeric_limits<qint64>::min())},
                          {QStringLiteral("max"), QJsonValue(std::numeric_limits<qint64>::max())},
                          {QStringLiteral("tiny"), 5e-324},
                          {QStringLiteral("huge"), 1.7976931348623157e308},
                          {QStringLiteral("empty string"), QString()},
                          {QString(), QStringLiteral("empty key")},
                          {QStringLiteral("unicode \u65e5\u672c"), QStringLiteral("\U0001F600 \"quoted\" \\ \n")}};
    extreme.statusCode = StatusCode::Error;
    extreme.statusMessage = QStringLiteral("x");
    QTest::newRow("extreme values") << QList<Span>{extreme};

    Span noService = baseSpan();
    noService.serviceName = QStringLiteral("unknown_service");
    noService.resourceAttributes = {};
    noService.scopeName = QStringLiteral("only.scope");
    QTest::newRow("unknown service, scope only") << QList<Span>{noService, baseSpan()};

    QTest::newRow("200 random spans") << randomSpans(42, 200);
}

void TestOtlpCodec::roundTrip()
{
    QFETCH(QList<Span>, spans);
    for (bool json : {false, true}) {
        const QByteArray encoded = json ? encodeOtlpJson(spans) : encodeOtlpProtobuf(spans);
        const DecodeResult result = json ? decodeOtlpJson(encoded) : decodeOtlpProtobuf(encoded);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.batch.rejectedSpans, 0);
        compareSpanLists(result.batch.spans, spans);
    }
}

void TestOtlpCodec::roundTripKeepsIntegerAndDoubleApart()
{
    // QJsonValue compares 3 and 3.5 by value across kinds, so Span equality alone would not
    // notice int_value turning into double_value; check the kinds explicitly.
    // Known limit of the model: Qt 6's QJsonValue(double) stores an integral double (3.0) as
    // an integer, so such a double_value comes back as int_value 3. Non-integral ones stay doubles.
    QVERIFY(jsonIsInteger(QJsonValue(3.0)));
    Span span = baseSpan();
    span.attributes = {{QStringLiteral("i"), QJsonValue(qint64(3))},
                       {QStringLiteral("d"), 3.5},
                       {QStringLiteral("a"), QJsonArray{QJsonValue(qint64(1)), 1.25}}};
    for (bool json : {false, true}) {
        const QList<Span> spans{span};
        const DecodeResult result = json ? decodeOtlpJson(encodeOtlpJson(spans)) : decodeOtlpProtobuf(encodeOtlpProtobuf(spans));
        QVERIFY(result.ok());
        const QJsonObject &a = result.batch.spans.first().attributes;
        QVERIFY(jsonIsInteger(a.value(QLatin1String("i"))));
        QVERIFY(!jsonIsInteger(a.value(QLatin1String("d"))));
        QVERIFY(jsonIsInteger(a.value(QLatin1String("a")).toArray().at(0)));
        QVERIFY(!jsonIsInteger(a.value(QLatin1String("a")).toArray().at(1)));
    }
}

void TestOtlpCodec::encoderAddsServiceName()
{
    Span span = baseSpan();
    span.resourceAttributes = {};
    span.serviceName = QStringLiteral("loadgen");
    const DecodeResult result = decodeOtlpProtobuf(encodeOtlpProtobuf({span}));
    QVERIFY(result.ok());
    QCOMPARE(result.batch.spans.first().serviceName, QStringLiteral("loadgen"));
    QCOMPARE(result.batch.spans.first().resourceAttributes,
             (QJsonObject{{QStringLiteral("service.name"), QStringLiteral("loadgen")}}));
}

void TestOtlpCodec::encodedProtobufReadsWithGeneratedApi()
{
    namespace otlp = opentelemetry::proto;
    QList<Span> spans = randomSpans(7, 30);
    const QByteArray encoded = encodeOtlpProtobuf(spans);
    otlp::collector::trace::v1::ExportTraceServiceRequest request;
    QVERIFY(request.ParseFromArray(encoded.constData(), int(encoded.size())));
    QCOMPARE(request.resource_spans_size(), 3); // one per distinct resource
    int total = 0;
    for (const auto &rs : request.resource_spans())
        for (const auto &ss : rs.scope_spans())
            total += ss.spans_size();
    QCOMPARE(total, 30);

    const Span &first = spans.first();
    const auto &pbSpan = request.resource_spans(0).scope_spans(0).spans(0);
    QCOMPARE(QByteArray::fromStdString(pbSpan.trace_id()), first.traceId);
    QCOMPARE(QByteArray::fromStdString(pbSpan.span_id()), first.spanId);
    QCOMPARE(qint64(pbSpan.start_time_unix_nano()), first.startTimeUnixNano);
    QCOMPARE(pbSpan.flags(), first.flags);
    QCOMPARE(int(pbSpan.kind()), int(first.kind));

    Span typed = baseSpan();
    typed.attributes = {{QStringLiteral("i"), QJsonValue(qint64(-7))}, {QStringLiteral("d"), 0.5},
                        {QStringLiteral("n"), QJsonValue(QJsonValue::Null)}};
    otlp::collector::trace::v1::ExportTraceServiceRequest typedRequest;
    const QByteArray typedBytes = encodeOtlpProtobuf({typed});
    QVERIFY(typedRequest.ParseFromArray(typedBytes.constData(), int(typedBytes.size())));
    const auto &attrs = typedRequest.resource_spans(0).scope_spans(0).spans(0).attributes();
    QCOMPARE(attrs.size(), 3);
    for (const auto &kv : attrs) {
        if (kv.key() == "i")
            QCOMPARE(kv.value().int_value(), -7);
        else if (kv.key() == "d")
            QCOMPARE(kv.value().double_value(), 0.5);
        else
            QCOMPARE(int(kv.value().value_case()), int(otlp::common::v1::AnyValue::VALUE_NOT_SET));
    }
}

void TestOtlpCodec::responses_data()
{
    QTest::addColumn<qint64>("rejected");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("full success") << qint64(0) << QString() << QByteArray("{}");
    QTest::newRow("partial") << qint64(3) << QStringLiteral("span_id must be 8 bytes")
                             << QByteArray("{\"partialSuccess\":{\"errorMessage\":\"span_id must be 8 bytes\","
                                           "\"rejectedSpans\":\"3\"}}");
    QTest::newRow("warning only") << qint64(0) << QStringLiteral("slow down")
                                  << QByteArray("{\"partialSuccess\":{\"errorMessage\":\"slow down\"}}");
    QTest::newRow("big count") << qint64(9007199254740993) << QString()
                               << QByteArray("{\"partialSuccess\":{\"rejectedSpans\":\"9007199254740993\"}}");
}

void TestOtlpCodec::responses()
{
    QFETCH(qint64, rejected);
    QFETCH(QString, message);
    QFETCH(QByteArray, json);
    QCOMPARE(encodeOtlpResponseJson(rejected, message), json);

    const QByteArray pb = encodeOtlpResponseProtobuf(rejected, message);
    opentelemetry::proto::collector::trace::v1::ExportTraceServiceResponse response;
    QVERIFY(response.ParseFromArray(pb.constData(), int(pb.size())));
    const bool partial = rejected > 0 || !message.isEmpty();
    QCOMPARE(response.has_partial_success(), partial);
    if (!partial)
        QVERIFY(pb.isEmpty());
    QCOMPARE(qint64(response.partial_success().rejected_spans()), rejected);
    QCOMPARE(QString::fromStdString(response.partial_success().error_message()), message);
}

void TestOtlpCodec::rpcStatus()
{
    const QString message = QStringLiteral("invalid protobuf: truncated field tag at byte 0");
    QCOMPARE(encodeRpcStatusJson(3, message),
             QByteArray("{\"code\":3,\"message\":\"invalid protobuf: truncated field tag at byte 0\"}"));
    const QByteArray pb = encodeRpcStatusProtobuf(3, message);
    google::rpc::Status status;
    QVERIFY(status.ParseFromArray(pb.constData(), int(pb.size())));
    QCOMPARE(status.code(), 3);
    QCOMPARE(QString::fromStdString(status.message()), message);
    QCOMPARE(status.details_size(), 0);

    // Retryable errors carry how long to wait (OTLP/gRPC's grpc-status-details-bin).
    const QByteArray retryable = encodeRpcStatusProtobuf(14, QStringLiteral("queue full"), 5);
    QVERIFY(status.ParseFromArray(retryable.constData(), int(retryable.size())));
    QCOMPARE(status.code(), 14);
    QCOMPARE(status.details_size(), 1);
    QCOMPARE(QString::fromStdString(status.details(0).type_url()), QStringLiteral("type.googleapis.com/google.rpc.RetryInfo"));
    google::rpc::RetryInfo retry;
    QVERIFY(status.details(0).UnpackTo(&retry));
    QCOMPARE(retry.retry_delay().seconds(), 5);
    QCOMPARE(retry.retry_delay().nanos(), 0);
}

QTEST_GUILESS_MAIN(TestOtlpCodec)
#include "tst_otlpcodec.moc"
