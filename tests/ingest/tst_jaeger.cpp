#include "ingest/jaegercodec.h"
#include "ingest/thriftbinary.h"

#include "core/ids.h"

#include <QFile>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTest>

#include <limits>

using namespace spanlight;
using thrift::BinaryReader;
using thrift::BinaryWriter;
using thrift::Type;

namespace {

QByteArray readData(const QString &name)
{
    QFile file(QString::fromLocal8Bit(qgetenv("SPANLIGHT_TEST_DATA")) + QStringLiteral("/data/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open test data %s (is SPANLIGHT_TEST_DATA set?)", qPrintable(file.fileName()));
    return file.readAll();
}

const Span *findSpan(const QList<Span> &spans, const char *hexSpanId)
{
    for (const Span &s : spans)
        if (idToHex(s.spanId) == QLatin1String(hexSpanId))
            return &s;
    return nullptr;
}

constexpr qint64 kT0 = qint64(1735700000000) * 1000000; // the fixtures' T0, in ns

// ---- hand-built Batches -----------------------------------------------------------------

// Writes the fields of a small valid span (the caller adds more and the stop byte).
void spanFields(BinaryWriter &w, qint64 spanId = 0xa1)
{
    w.writeFieldBegin(Type::I64, 1);
    w.writeI64(0x1112131415161718);
    w.writeFieldBegin(Type::I64, 2);
    w.writeI64(0x0102030405060708);
    w.writeFieldBegin(Type::I64, 3);
    w.writeI64(spanId);
    w.writeFieldBegin(Type::I64, 4);
    w.writeI64(0);
    w.writeFieldBegin(Type::String, 5);
    w.writeString(QStringLiteral("op"));
    w.writeFieldBegin(Type::I32, 7);
    w.writeI32(1);
    w.writeFieldBegin(Type::I64, 8);
    w.writeI64(1735700000000000);
    w.writeFieldBegin(Type::I64, 9);
    w.writeI64(10);
}

void processField(BinaryWriter &w)
{
    w.writeFieldBegin(Type::Struct, 1);
    w.writeFieldBegin(Type::String, 1);
    w.writeString(QStringLiteral("svc"));
    w.writeFieldStop();
}

// Batch{process, spans=[span with `extra` written inside it]}.
template<typename Fn> QByteArray batchWithSpan(Fn extra)
{
    BinaryWriter w;
    processField(w);
    w.writeFieldBegin(Type::List, 2);
    w.writeListBegin(Type::Struct, 1);
    spanFields(w);
    extra(w);
    w.writeFieldStop();
    w.writeFieldStop();
    return w.take();
}

QByteArray validBatch()
{
    return batchWithSpan([](BinaryWriter &) {});
}

// One value of every Thrift type, as an unknown field would carry it.
void writeUnknownFields(BinaryWriter &w, qint16 firstId)
{
    qint16 id = firstId;
    w.writeFieldBegin(Type::Bool, id++);
    w.writeBool(true);
    w.writeFieldBegin(Type::Byte, id++);
    w.writeByte(-3);
    w.writeFieldBegin(Type::I16, id++);
    w.writeI16(-300);
    w.writeFieldBegin(Type::I32, id++);
    w.writeI32(70000);
    w.writeFieldBegin(Type::I64, id++);
    w.writeI64(-1);
    w.writeFieldBegin(Type::Double, id++);
    w.writeDouble(2.5);
    w.writeFieldBegin(Type::String, id++);
    w.writeString(QStringLiteral("unknown"));
    w.writeFieldBegin(Type::Struct, id++); // a struct holding a struct
    w.writeFieldBegin(Type::Struct, 1);
    w.writeFieldBegin(Type::I32, 1);
    w.writeI32(5);
    w.writeFieldStop();
    w.writeFieldStop();
    w.writeFieldBegin(Type::Map, id++); // map<string, list<i16>>
    w.writeMapBegin(Type::String, Type::List, 2);
    for (int i = 0; i < 2; ++i) {
        w.writeString(QStringLiteral("k%1").arg(i));
        w.writeListBegin(Type::I16, 1);
        w.writeI16(qint16(i));
    }
    w.writeFieldBegin(Type::Set, id++); // set<double>
    w.writeSetBegin(Type::Double, 2);
    w.writeDouble(1);
    w.writeDouble(2);
    w.writeFieldBegin(Type::List, id++); // list<struct>
    w.writeListBegin(Type::Struct, 2);
    w.writeFieldStop();
    w.writeFieldBegin(Type::Bool, 1);
    w.writeBool(false);
    w.writeFieldStop();
    w.writeFieldBegin(Type::Map, id++); // an empty map
    w.writeMapBegin(Type::I64, Type::Bool, 0);
}

// Nested lists `depth` deep, as an unknown field of a span.
QByteArray deeplyNested(int depth, Type container)
{
    return batchWithSpan([&](BinaryWriter &w) {
        w.writeFieldBegin(container, 99);
        for (int i = 0; i < depth; ++i) {
            if (container == Type::Struct) {
                w.writeFieldBegin(Type::Struct, 1);
            } else {
                w.writeListBegin(Type::List, 1);
            }
        }
        if (container == Type::Struct) {
            for (int i = 0; i <= depth; ++i)
                w.writeFieldStop();
        } else {
            w.writeListBegin(Type::I32, 0);
        }
    });
}

// A span whose `tags` field holds one Tag written by `tag`.
template<typename Fn> QByteArray batchWithTag(Fn tag)
{
    return batchWithSpan([&](BinaryWriter &w) {
        w.writeFieldBegin(Type::List, 10);
        w.writeListBegin(Type::Struct, 1);
        tag(w);
        w.writeFieldStop();
    });
}

Span roundTripSpan(const char *spanId, const char *parent, const QString &service)
{
    Span s;
    s.traceId = QByteArray::fromHex("0102030405060708090a0b0c0d0e0f10");
    s.spanId = QByteArray::fromHex(spanId);
    if (*parent)
        s.parentSpanId = QByteArray::fromHex(parent);
    s.flags = 1;
    s.name = QStringLiteral("op \u00e9 %1").arg(QLatin1String(spanId));
    s.startTimeUnixNano = kT0 + 123000;
    s.endTimeUnixNano = kT0 + 5123000;
    s.serviceName = service;
    s.resourceAttributes
        = { { QStringLiteral("service.name"), service }, { QStringLiteral("host"), QStringLiteral("h1") } };
    return s;
}

} // namespace

Q_DECLARE_METATYPE(Type)

// The Thrift binary reader and the Jaeger Batch codec: goldens written by the real Node
// jaeger-client (data/README.md), hostile input, and a round trip through our encoder.
class TestJaeger : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readerPrimitives();
    void messageHeaders_data();
    void messageHeaders();
    void readerRefusesBadHeaders_data();
    void readerRefusesBadHeaders();
    void skipNestingIsBounded();

    void goldenTracer128();
    void goldenTracer64();
    void goldenThriftrw();

    void skipsUnknownFieldsOfEveryType();
    void malformed_data();
    void malformed();
    void truncatedAtEveryByte_data();
    void truncatedAtEveryByte();
    void corruptedNeverCrashes();
    void rejectedSpans_data();
    void rejectedSpans();
    void mappingRules();

    void roundTrip();
};

void TestJaeger::readerPrimitives()
{
    BinaryWriter w;
    w.writeBool(true);
    w.writeByte(-2);
    w.writeI16(-12345);
    w.writeI32(std::numeric_limits<qint32>::min());
    w.writeI64(std::numeric_limits<qint64>::max());
    w.writeDouble(-0.125);
    w.writeString(QStringLiteral("h\u00e9"));
    w.writeBinary(QByteArray("\0\xff", 2));
    QCOMPARE(w.data().left(4), QByteArray("\x01\xfe\xcf\xc7", 4)); // big-endian, as the protocol says
    BinaryReader r(w.data());
    bool b = false;
    qint8 i8 = 0;
    qint16 i16 = 0;
    qint32 i32 = 0;
    qint64 i64 = 0;
    double d = 0;
    QString s;
    QByteArray bin;
    QVERIFY(r.readBool(&b) && r.readByte(&i8) && r.readI16(&i16) && r.readI32(&i32) && r.readI64(&i64)
        && r.readDouble(&d) && r.readString(&s) && r.readBinary(&bin));
    QVERIFY(b);
    QCOMPARE(i8, qint8(-2));
    QCOMPARE(i16, qint16(-12345));
    QCOMPARE(i32, std::numeric_limits<qint32>::min());
    QCOMPARE(i64, std::numeric_limits<qint64>::max());
    QCOMPARE(d, -0.125);
    QCOMPARE(s, QStringLiteral("h\u00e9"));
    QCOMPARE(bin, QByteArray("\0\xff", 2));
    QVERIFY(r.atEnd());
    // reading past the end fails, sticks, and leaves the output alone
    i32 = 42;
    QVERIFY(!r.readI32(&i32));
    QCOMPARE(i32, 42);
    QVERIFY(!r.readBool(&b));
    QCOMPARE(r.error(), QStringLiteral("truncated at byte %1").arg(w.data().size()));
}

void TestJaeger::messageHeaders_data()
{
    QTest::addColumn<bool>("strict");
    QTest::newRow("strict") << true;
    QTest::newRow("non-strict") << false;
}

void TestJaeger::messageHeaders()
{
    QFETCH(bool, strict);
    BinaryWriter w;
    w.writeMessageBegin(QStringLiteral("emitBatch"), thrift::MessageType::Oneway, 7, strict);
    w.writeFieldStop();
    QCOMPARE(w.data().startsWith("\x80\x01"), strict);
    BinaryReader r(w.data());
    thrift::MessageHeader h;
    QVERIFY2(r.readMessageBegin(&h), qPrintable(r.error()));
    QCOMPARE(h.name, QStringLiteral("emitBatch"));
    QCOMPARE(h.type, thrift::MessageType::Oneway);
    QCOMPARE(h.seqId, 7);
    QVERIFY(r.skip(Type::Struct)); // the empty argument struct
    QCOMPARE(r.remaining(), 0);
}

void TestJaeger::readerRefusesBadHeaders_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("error");
    QTest::newRow("bad version") << QByteArray("\x80\x02\x00\x01\0\0\0\0\0\0\0\0", 12)
                                 << "bad message version";
    QTest::newRow("message type 9") << QByteArray("\x80\x01\x00\x09\0\0\0\0\0\0\0\0", 12)
                                    << "unknown message type 9";
    QTest::newRow("non-strict name too long") << QByteArray("\x00\x00\x10\x00"
                                                            "ab",
        6) << "exceeds";
    QTest::newRow("field type 7") << QByteArray("\x07\x00\x01", 3) << "unknown field type 7";
    QTest::newRow("list of void") << QByteArray("\x0f\x00\x01\x01\0\0\0\0", 8) << "unknown element type 1";
    QTest::newRow("list size -1") << QByteArray("\x0f\x00\x01\x08\xff\xff\xff\xff", 8)
                                  << "negative list size";
    QTest::newRow("list of 2^31-1 i32") << QByteArray("\x0f\x00\x01\x08\x7f\xff\xff\xff", 8) << "cannot fit";
    QTest::newRow("map of 10^9 empty structs")
        << QByteArray("\x0d\x00\x01\x0c\x0c\x3b\x9a\xca\x00", 9) << "cannot fit";
    QTest::newRow("string of 2 GiB") << QByteArray("\x0b\x00\x01\x7f\xff\xff\xff"
                                                   "abc",
        10) << "exceeds";
    QTest::newRow("string length -5") << QByteArray("\x0b\x00\x01\xff\xff\xff\xfb", 7) << "exceeds";
}

void TestJaeger::readerRefusesBadHeaders()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, error);
    BinaryReader r(bytes);
    thrift::MessageHeader h;
    // Message rows start with a version word or a name length; the rest are a struct's fields.
    const bool message = bytes.startsWith('\x80') || bytes.startsWith(QByteArray("\0\0", 2));
    QVERIFY(!(message ? r.readMessageBegin(&h) : r.skip(Type::Struct)));
    QVERIFY2(r.error().contains(error), qPrintable(r.error()));
}

void TestJaeger::skipNestingIsBounded()
{
    for (const Type container : { Type::List, Type::Struct }) {
        BinaryWriter w;
        const int depth = 100000; // would overflow the stack if skip() recursed without bound
        for (int i = 0; i < depth; ++i) {
            if (container == Type::Struct)
                w.writeFieldBegin(Type::Struct, 1);
            else
                w.writeListBegin(Type::List, 1);
        }
        BinaryReader r(w.data());
        QVERIFY(!r.skip(container));
        QVERIFY2(r.error().startsWith(QStringLiteral("nesting deeper than 32")), qPrintable(r.error()));
    }
    BinaryWriter ok;
    for (int i = 0; i < 31; ++i)
        ok.writeListBegin(Type::List, 1);
    ok.writeListBegin(Type::I32, 0);
    BinaryReader r(ok.data());
    QVERIFY2(r.skip(Type::List), qPrintable(r.error()));
    QVERIFY(r.atEnd());
}

void TestJaeger::goldenTracer128()
{
    const DecodeResult result = decodeJaegerThrift(readData(QStringLiteral("tracer_128bit.thrift")));
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.batch.rejectedSpans, 0);
    QCOMPARE(result.batch.spans.size(), 3);
    const QJsonObject resource { { QStringLiteral("service.name"), QStringLiteral("frontend") },
        { QStringLiteral("hostname"), QStringLiteral("fixture-host") },
        { QStringLiteral("ip"), QStringLiteral("10.1.2.3") },
        { QStringLiteral("deployment.environment"), QStringLiteral("golden") },
        { QStringLiteral("jaeger.version"), QStringLiteral("Node-3.19.0") },
        { QStringLiteral("client-uuid"), QStringLiteral("fixture-uuid") } };
    for (const Span &s : result.batch.spans) {
        QCOMPARE(idToHex(s.traceId), QStringLiteral("0f0e0d0c0b0a0908a0b0c0d000001000"));
        QCOMPARE(s.serviceName, QStringLiteral("frontend"));
        QCOMPARE(s.resourceAttributes, resource);
        QCOMPARE(s.flags, 1u);
    }

    const Span *root = findSpan(result.batch.spans, "a0b0c0d000001000");
    QVERIFY(root);
    QCOMPARE(root->name, QStringLiteral("GET /checkout"));
    QVERIFY(root->isRoot());
    QCOMPARE(root->kind, SpanKind::Server);
    QCOMPARE(root->startTimeUnixNano, kT0);
    QCOMPARE(root->endTimeUnixNano, kT0 + 40000000);
    QCOMPARE(root->statusCode, StatusCode::Unset);
    const QJsonObject rootAttributes {
        { QStringLiteral("sampler.type"), QStringLiteral("const") },
        { QStringLiteral("sampler.param"), true }, { QStringLiteral("http.method"), QStringLiteral("GET") },
        { QStringLiteral("http.status_code"), 200.0 }, // the Node client sends every number as DOUBLE
        { QStringLiteral("cart.total"), 59.5 }, { QStringLiteral("cart.gift"), true },
        { QStringLiteral("cart.token"), QStringLiteral("AAEC+vs=") }, // BINARY, base64
        { QStringLiteral("cart.meta"), QStringLiteral("{\"items\":3}") }, // the client's JSON text
        { QStringLiteral("jaeger.debug"), true }, // flags 3: sampled + debug
    };
    QCOMPARE(root->attributes, rootAttributes);
    QVERIFY(root->links.isEmpty());

    const Span *db = findSpan(result.batch.spans, "a0b0c0d000001001");
    QVERIFY(db);
    QCOMPARE(db->name, QStringLiteral("SELECT orders"));
    QCOMPARE(idToHex(db->parentSpanId), QStringLiteral("a0b0c0d000001000"));
    QCOMPARE(db->kind, SpanKind::Client);
    QCOMPARE(db->startTimeUnixNano, kT0 + 5000000);
    QCOMPARE(db->endTimeUnixNano, kT0 + 25000000);
    QCOMPARE(db->attributes, (QJsonObject { { QStringLiteral("db.system"), QStringLiteral("postgresql") } }));
    QCOMPARE(db->statusCode, StatusCode::Error);
    QCOMPARE(db->statusMessage, QStringLiteral("db timed out"));
    QCOMPARE(db->events.size(), 2);
    const SpanEvent &error = db->events[0];
    QCOMPARE(error.name, QStringLiteral("error"));
    QCOMPARE(error.timeUnixNano, kT0 + 20000000);
    const QString stack = QStringLiteral("TimeoutError: db timed out\n    at query (db.js:7)");
    QCOMPARE(error.attributes,
        (QJsonObject { { QStringLiteral("error.kind"), QStringLiteral("TimeoutError") },
            { QStringLiteral("message"), QStringLiteral("db timed out") }, { QStringLiteral("stack"), stack },
            { QStringLiteral("exception.type"), QStringLiteral("TimeoutError") },
            { QStringLiteral("exception.message"), QStringLiteral("db timed out") },
            { QStringLiteral("exception.stacktrace"), stack } }));
    QVERIFY(isExceptionEvent(error));
    QVERIFY(isTimeoutError(*db));
    const SpanEvent &retry = db->events[1];
    QCOMPARE(retry.name, QStringLiteral("log"));
    QCOMPARE(retry.timeUnixNano, kT0 + 21000000);
    QCOMPARE(retry.attributes,
        (QJsonObject {
            { QStringLiteral("message"), QStringLiteral("retrying") }, { QStringLiteral("attempt"), 2.0 } }));
    QVERIFY(!isExceptionEvent(retry));

    // jaeger-client sets parentSpanId from a FOLLOWS_FROM reference too; the reference stays a link.
    const Span *publish = findSpan(result.batch.spans, "a0b0c0d000001002");
    QVERIFY(publish);
    QCOMPARE(idToHex(publish->parentSpanId), QStringLiteral("a0b0c0d000001000"));
    QCOMPARE(publish->kind, SpanKind::Producer);
    QCOMPARE(publish->links.size(), 1);
    QCOMPARE(idToHex(publish->links[0].traceId), QStringLiteral("0f0e0d0c0b0a0908a0b0c0d000001000"));
    QCOMPARE(idToHex(publish->links[0].spanId), QStringLiteral("a0b0c0d000001000"));
    QCOMPARE(publish->links[0].attributes,
        (QJsonObject { { QStringLiteral("jaeger.ref_type"), QStringLiteral("follows_from") } }));
    QCOMPARE(publish->attributes,
        (QJsonObject {
            { QStringLiteral("sampling.priority"), 1.0 }, { QStringLiteral("jaeger.debug"), true } }));
}

void TestJaeger::goldenTracer64()
{
    const DecodeResult result = decodeJaegerThrift(readData(QStringLiteral("tracer_64bit.thrift")));
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.batch.spans.size(), 2);
    const Span *root = findSpan(result.batch.spans, "a0b0c0d000001003");
    const Span *step = findSpan(result.batch.spans, "a0b0c0d000001004");
    QVERIFY(root && step);
    // 64-bit trace ids are padded on the left, as the API's idFromHex() reads 16 hex digits.
    QCOMPARE(idToHex(root->traceId), QStringLiteral("0000000000000000a0b0c0d000001003"));
    QCOMPARE(root->traceId, idFromHex(u"a0b0c0d000001003", 16));
    QCOMPARE(step->traceId, root->traceId);
    QCOMPARE(idToHex(step->parentSpanId), QStringLiteral("a0b0c0d000001003"));
    QCOMPARE(root->serviceName, QStringLiteral("legacy"));
    QCOMPARE(root->kind, SpanKind::Unspecified);
    QCOMPARE(root->attributes.value(QLatin1String("job.id")).toString(), QStringLiteral("j-17"));
    QCOMPARE(root->startTimeUnixNano, kT0 + 1000000000);
    QCOMPARE(root->durationNano(), 10000000);
    QCOMPARE(step->durationNano(), 1000000);
}

void TestJaeger::goldenThriftrw()
{
    const DecodeResult result = decodeJaegerThrift(readData(QStringLiteral("thriftrw_batch.thrift")));
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.batch.spans.size(), 2);
    const qint64 start = kT0 + 2000000000;
    const QJsonObject resource { { QStringLiteral("service.name"), QStringLiteral("payments") },
        { QStringLiteral("host.name"), QStringLiteral("pay-1") }, { QStringLiteral("pid"), 8080 } };

    const Span &charge = result.batch.spans[0];
    QCOMPARE(idToHex(charge.traceId), QStringLiteral("01020304050607081112131415161718"));
    QCOMPARE(idToHex(charge.spanId), QStringLiteral("00000000000000a1"));
    // no parentSpanId: the first CHILD_OF reference is the parent; the other references are links
    QCOMPARE(idToHex(charge.parentSpanId), QStringLiteral("00000000000000a0"));
    QCOMPARE(charge.links.size(), 2);
    QCOMPARE(idToHex(charge.links[0].spanId), QStringLiteral("000000000000009f"));
    QCOMPARE(charge.links[0].attributes.value(QLatin1String("jaeger.ref_type")).toString(),
        QStringLiteral("child_of"));
    QCOMPARE(idToHex(charge.links[1].traceId), QStringLiteral("00000000000000002222222222222222"));
    QCOMPARE(idToHex(charge.links[1].spanId), QStringLiteral("00000000000000b1"));
    QCOMPARE(charge.links[1].attributes.value(QLatin1String("jaeger.ref_type")).toString(),
        QStringLiteral("follows_from"));
    QCOMPARE(charge.kind, SpanKind::Internal); // "INTERNAL": kinds are read in any case
    QCOMPARE(charge.startTimeUnixNano, start);
    QCOMPARE(charge.endTimeUnixNano, start + 1500000);
    QCOMPARE(charge.resourceAttributes, resource);
    QCOMPARE(charge.statusCode, StatusCode::Error); // error="true" as a string
    QCOMPARE(charge.statusMessage, QStringLiteral("card declined"));
    QCOMPARE(charge.scopeName, QStringLiteral("pay-lib"));
    QCOMPARE(charge.scopeVersion, QStringLiteral("2.1"));
    const QJsonObject attributes {
        { QStringLiteral("amount.cents"), QJsonValue(std::numeric_limits<qint64>::max()) },
        { QStringLiteral("amount.negative"), -2 },
        { QStringLiteral("rate"), 0.25 },
        { QStringLiteral("approved"), false },
        { QStringLiteral("card.hash"), QStringLiteral("aGFzaCE=") },
        { QStringLiteral("currency"), QStringLiteral("EUR") },
    };
    QCOMPARE(charge.attributes, attributes);
    QCOMPARE(charge.attributes.value(QLatin1String("amount.cents")).toInteger(),
        std::numeric_limits<qint64>::max());
    QCOMPARE(charge.events.size(), 1);
    QCOMPARE(charge.events[0].name, QStringLiteral("exception"));
    QCOMPARE(charge.events[0].timeUnixNano, start + 100000);
    QCOMPARE(charge.events[0].attributes,
        (QJsonObject { { QStringLiteral("exception.type"), QStringLiteral("CardError") },
            { QStringLiteral("exception.message"), QStringLiteral("declined") },
            { QStringLiteral("retries"), 3 } }));

    const Span &audit = result.batch.spans[1];
    QCOMPARE(idToHex(audit.parentSpanId), QStringLiteral("00000000000000a1"));
    QCOMPARE(audit.kind, SpanKind::Consumer);
    QCOMPARE(audit.statusCode, StatusCode::Ok); // otel.status_code=OK; error=false says nothing
    QCOMPARE(audit.attributes, QJsonObject());
    QCOMPARE(audit.flags, 0u);
    QCOMPARE(audit.durationNano(), 0);
}

void TestJaeger::skipsUnknownFieldsOfEveryType()
{
    const DecodeResult plain = decodeJaegerThrift(validBatch());
    QVERIFY2(plain.ok(), qPrintable(plain.error));
    QCOMPARE(plain.batch.spans.size(), 1);

    // unknown fields in the span, in a tag, and Batch.seqNo (3) / Batch.stats (4, ClientStats)
    BinaryWriter w;
    writeUnknownFields(w, 50);
    processField(w);
    w.writeFieldBegin(Type::List, 2);
    w.writeListBegin(Type::Struct, 1);
    writeUnknownFields(w, 20);
    spanFields(w);
    w.writeFieldStop();
    w.writeFieldBegin(Type::I64, 3);
    w.writeI64(17);
    w.writeFieldBegin(Type::Struct, 4);
    w.writeFieldBegin(Type::I64, 1);
    w.writeI64(5);
    w.writeFieldBegin(Type::I64, 2);
    w.writeI64(6);
    w.writeFieldStop();
    w.writeFieldStop();
    const DecodeResult rich = decodeJaegerThrift(w.data());
    QVERIFY2(rich.ok(), qPrintable(rich.error));
    QCOMPARE(rich.batch.spans, plain.batch.spans);
}

void TestJaeger::malformed_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("error");
    QTest::newRow("empty") << QByteArray() << "Batch: truncated at byte 0";
    QTest::newRow("no spans") << [] {
        BinaryWriter w;
        processField(w);
        w.writeFieldStop();
        return w.take();
    }() << "Batch: missing required field spans";
    QTest::newRow("no process") << QByteArray("\x0f\x00\x02\x0c\0\0\0\0\0", 9)
                                << "Batch: missing required field process";
    QTest::newRow("trailing bytes") << validBatch() + "xyz"
                                    << "Batch: 3 bytes after the Batch";
    QTest::newRow("not thrift") << QByteArray("{\"spans\": []}") << "Batch: unknown field type 123 at byte 0";
    QTest::newRow("2^31-1 spans") << [] {
        BinaryWriter w;
        processField(w);
        w.writeFieldBegin(Type::List, 2);
        w.writeListBegin(Type::Struct, std::numeric_limits<qint32>::max());
        w.writeFieldStop();
        return w.take();
    }() << "Batch.spans: list of 2147483647 elements";
    QTest::newRow("negative tag count") << batchWithSpan([](BinaryWriter &w) {
        w.writeFieldBegin(Type::List, 10);
        w.writeListBegin(Type::Struct, -1);
    }) << "Batch.spans[0].tags: negative list size -1";
    QTest::newRow("huge operation name") << [] {
        QByteArray b = validBatch();
        const QByteArray name("\x00\x00\x00\x02op", 6);
        b.replace(name, QByteArray("\x40\x00\x00\x00op", 6));
        return b;
    }() << "Batch.spans[0].operationName: string length 1073741824";
    QTest::newRow("spanId as string") << [] {
        BinaryWriter w;
        processField(w);
        w.writeFieldBegin(Type::List, 2);
        w.writeListBegin(Type::Struct, 1);
        w.writeFieldBegin(Type::String, 3);
        w.writeString(QStringLiteral("a1"));
        w.writeFieldStop();
        w.writeFieldStop();
        return w.take();
    }() << "Batch.spans[0].spanId: expected i64, got string";
    QTest::newRow("tags as list<i32>") << batchWithSpan([](BinaryWriter &w) {
        w.writeFieldBegin(Type::List, 10);
        w.writeListBegin(Type::I32, 1);
        w.writeI32(1);
    }) << "Batch.spans[0].tags: expected list<struct>, got list<i32>";
    QTest::newRow("tag without key") << batchWithTag([](BinaryWriter &w) {
        w.writeFieldBegin(Type::I32, 2);
        w.writeI32(0);
    }) << "Batch.spans[0].tags[0]: missing required field key";
    QTest::newRow("TagType 9") << batchWithTag([](BinaryWriter &w) {
        w.writeFieldBegin(Type::String, 1);
        w.writeString(QStringLiteral("k"));
        w.writeFieldBegin(Type::I32, 2);
        w.writeI32(9);
    }) << "Batch.spans[0].tags[0].vType: unknown TagType 9";
    QTest::newRow("truncated tag") << [] {
        QByteArray b = batchWithTag([](BinaryWriter &w) {
            w.writeFieldBegin(Type::String, 1);
            w.writeString(QStringLiteral("key"));
        });
        return b.left(b.size() - 4);
    }() << "Batch.spans[0].tags[0].key: string length 3";
    QTest::newRow("log without fields") << batchWithSpan([](BinaryWriter &w) {
        w.writeFieldBegin(Type::List, 11);
        w.writeListBegin(Type::Struct, 1);
        w.writeFieldBegin(Type::I64, 1);
        w.writeI64(1);
        w.writeFieldStop();
    }) << "Batch.spans[0].logs[0]: missing required field fields";
    QTest::newRow("nested lists 40 deep")
        << deeplyNested(40, Type::List) << "Batch.spans[0]: nesting deeper than 32";
    QTest::newRow("nested structs 40 deep")
        << deeplyNested(40, Type::Struct) << "Batch.spans[0]: nesting deeper than 32";
    QTest::newRow("unknown field type 16")
        << batchWithSpan([](BinaryWriter &w) { w.writeFieldBegin(Type(16), 40); })
        << "Batch.spans[0]: unknown field type 16";
}

void TestJaeger::malformed()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, error);
    const DecodeResult result = decodeJaegerThrift(body);
    QVERIFY(!result.ok());
    QVERIFY2(result.error.startsWith(error), qPrintable(result.error));
    QVERIFY(result.batch.spans.isEmpty());
}

void TestJaeger::truncatedAtEveryByte_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("tracer_128bit") << "tracer_128bit.thrift";
    QTest::newRow("tracer_64bit") << "tracer_64bit.thrift";
    QTest::newRow("thriftrw_batch") << "thriftrw_batch.thrift";
}

void TestJaeger::truncatedAtEveryByte()
{
    QFETCH(QString, file);
    const QByteArray golden = readData(file);
    QVERIFY(decodeJaegerThrift(golden).ok());
    for (qsizetype n = 0; n < golden.size(); ++n) {
        // a copy of exactly n bytes, so that reading past it is caught by ASan as well
        const QByteArray prefix(golden.constData(), n);
        const DecodeResult result = decodeJaegerThrift(prefix);
        QVERIFY2(!result.ok(), qPrintable(QStringLiteral("%1 bytes decoded").arg(n)));
        QVERIFY2(result.error.startsWith(QLatin1String("Batch")), qPrintable(result.error));
        QVERIFY2(result.error.contains(QLatin1String("truncated"))
                || result.error.contains(QLatin1String("exceeds"))
                || result.error.contains(QLatin1String("cannot fit")),
            qPrintable(result.error));
    }
}

void TestJaeger::corruptedNeverCrashes()
{
    const QByteArray golden = readData(QStringLiteral("tracer_128bit.thrift"));
    QRandomGenerator rng(20250101);
    for (int round = 0; round < 3000; ++round) {
        QByteArray body = golden;
        for (int flips = 1 + int(rng.bounded(4)); flips > 0; --flips)
            body[rng.bounded(int(body.size()))] = char(rng.bounded(256));
        const DecodeResult result = decodeJaegerThrift(body);
        if (!result.ok()) {
            QVERIFY(result.batch.spans.isEmpty());
            QVERIFY(result.error.startsWith(QLatin1String("Batch")));
            continue;
        }
        for (const Span &s : result.batch.spans)
            QVERIFY(validateSpan(s).isEmpty());
    }
}

void TestJaeger::rejectedSpans_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("reason");
    auto withSpan = [](qint64 traceHigh, qint64 traceLow, qint64 spanId, qint64 start, qint64 duration) {
        BinaryWriter w;
        processField(w);
        w.writeFieldBegin(Type::List, 2);
        w.writeListBegin(Type::Struct, 2);
        spanFields(w, 0x42); // a good span first
        w.writeFieldStop();
        const std::pair<qint16, qint64> fields[]
            = { { 1, traceLow }, { 2, traceHigh }, { 3, spanId }, { 4, 0 } };
        for (const auto &[id, value] : fields) {
            w.writeFieldBegin(Type::I64, id);
            w.writeI64(value);
        }
        w.writeFieldBegin(Type::String, 5);
        w.writeString(QStringLiteral("bad"));
        w.writeFieldBegin(Type::I32, 7);
        w.writeI32(0);
        w.writeFieldBegin(Type::I64, 8);
        w.writeI64(start);
        w.writeFieldBegin(Type::I64, 9);
        w.writeI64(duration);
        w.writeFieldStop();
        w.writeFieldStop();
        return w.take();
    };
    const qint64 t = 1735700000000000;
    QTest::newRow("zero trace id") << withSpan(0, 0, 1, t, 1) << "trace_id must be 16 bytes and not all zero";
    QTest::newRow("zero span id") << withSpan(0, 7, 0, t, 1) << "span_id must be 8 bytes and not all zero";
    QTest::newRow("no start time") << withSpan(0, 7, 1, 0, 1) << "start_time_unix_nano must be set";
    QTest::newRow("negative duration") << withSpan(0, 7, 1, t, -1) << "duration out of range";
    QTest::newRow("start overflows ns")
        << withSpan(0, 7, 1, std::numeric_limits<qint64>::max() / 999, 1) << "startTime out of range";
    QTest::newRow("end overflows ns")
        << withSpan(0, 7, 1, t, std::numeric_limits<qint64>::max() / 1000) << "duration out of range";
}

void TestJaeger::rejectedSpans()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, reason);
    const DecodeResult result = decodeJaegerThrift(body);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.batch.spans.size(), 1);
    QCOMPARE(result.batch.rejectedSpans, 1);
    QCOMPARE(result.batch.rejectReasons, QStringList { reason });
}

void TestJaeger::mappingRules()
{
    auto tag = [](BinaryWriter &w, const QString &key, const QString &value) {
        w.writeFieldBegin(Type::String, 1);
        w.writeString(key);
        w.writeFieldBegin(Type::I32, 2);
        w.writeI32(0);
        w.writeFieldBegin(Type::String, 3);
        w.writeString(value);
        w.writeFieldStop();
    };
    // error.message is the status message when no otel.status_description is given; an
    // unknown span.kind and an `error` tag that is neither true nor false stay attributes.
    const QByteArray body = batchWithSpan([&](BinaryWriter &w) {
        w.writeFieldBegin(Type::List, 10);
        w.writeListBegin(Type::Struct, 4);
        tag(w, QStringLiteral("span.kind"), QStringLiteral("gateway"));
        tag(w, QStringLiteral("otel.status_code"), QStringLiteral("ERROR"));
        tag(w, QStringLiteral("error.message"), QStringLiteral("boom"));
        tag(w, QStringLiteral("error"), QStringLiteral("maybe"));
        w.writeFieldBegin(Type::List, 11); // an error log with only error.object
        w.writeListBegin(Type::Struct, 1);
        w.writeFieldBegin(Type::I64, 1);
        w.writeI64(1735700000000001);
        w.writeFieldBegin(Type::List, 2);
        w.writeListBegin(Type::Struct, 1);
        tag(w, QStringLiteral("error.object"), QStringLiteral("Error: boom"));
        w.writeFieldStop();
    });
    const DecodeResult result = decodeJaegerThrift(body);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.batch.spans.size(), 1);
    const Span &s = result.batch.spans[0];
    QCOMPARE(s.kind, SpanKind::Unspecified);
    QCOMPARE(s.statusCode, StatusCode::Error);
    QCOMPARE(s.statusMessage, QStringLiteral("boom"));
    QCOMPARE(s.attributes,
        (QJsonObject { { QStringLiteral("span.kind"), QStringLiteral("gateway") },
            { QStringLiteral("error.message"), QStringLiteral("boom") },
            { QStringLiteral("error"), QStringLiteral("maybe") } }));
    QCOMPARE(s.events.size(), 1);
    QCOMPARE(s.events[0].name, QStringLiteral("log"));
    QCOMPARE(s.events[0].timeUnixNano, qint64(1735700000000001) * 1000);
    QCOMPARE(s.events[0].attributes.value(QLatin1String("exception.message")).toString(),
        QStringLiteral("Error: boom"));
    QVERIFY(!s.events[0].attributes.contains(QLatin1String("exception.type")));
}

void TestJaeger::roundTrip()
{
    Span root = roundTripSpan("00000000000000a1", "", QStringLiteral("checkout"));
    root.kind = SpanKind::Server;
    root.attributes = { { QStringLiteral("s"), QStringLiteral("text") },
        { QStringLiteral("i"), QJsonValue(qint64(-1) << 60) }, { QStringLiteral("d"), 0.5 },
        { QStringLiteral("b"), true }, { QStringLiteral("jaeger.debug"), true } };
    root.statusCode = StatusCode::Ok;
    root.scopeName = QStringLiteral("lib");
    root.scopeVersion = QStringLiteral("1.2");
    Span child = roundTripSpan("00000000000000a2", "00000000000000a1", QStringLiteral("checkout"));
    child.kind = SpanKind::Client;
    child.statusCode = StatusCode::Error;
    child.statusMessage = QStringLiteral("refused");
    child.events = { { kT0 + 200000, QStringLiteral("retry"), { { QStringLiteral("attempt"), 2 } }, 0 },
        { kT0 + 300000, QStringLiteral("exception"),
            { { QStringLiteral("exception.type"), QStringLiteral("IOError") } }, 0 } };
    child.links = { { QByteArray::fromHex("ffffffffffffffff0000000000000001"),
                        QByteArray::fromHex("00000000000000b1"), {},
                        { { QStringLiteral("jaeger.ref_type"), QStringLiteral("follows_from") } }, 0, 0 },
        { root.traceId, QByteArray::fromHex("00000000000000a9"), {},
            { { QStringLiteral("jaeger.ref_type"), QStringLiteral("child_of") } }, 0, 0 } };
    Span other = roundTripSpan("00000000000000c1", "00000000000000a2", QStringLiteral("stock"));
    other.kind = SpanKind::Consumer;
    other.flags = 0;

    const QList<Span> spans { root, child, other };
    const QList<QByteArray> batches = encodeJaegerThrift(spans);
    QCOMPARE(batches.size(), 2); // one Process per service
    QList<Span> decoded;
    for (const QByteArray &b : batches) {
        const DecodeResult result = decodeJaegerThrift(b);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.batch.rejectedSpans, 0);
        decoded += result.batch.spans;
    }
    QCOMPARE(decoded.size(), spans.size());
    for (qsizetype i = 0; i < spans.size(); ++i)
        QCOMPARE(decoded[i], spans[i]);
}

QTEST_GUILESS_MAIN(TestJaeger)
#include "tst_jaeger.moc"
