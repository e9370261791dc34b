#include "ingest/zipkincodec.h"

#include "core/ids.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

#include "protowire.h"

#include <algorithm>

using namespace spanlight;

namespace {

QByteArray readData(const QString &name)
{
    QFile file(QString::fromLocal8Bit(qgetenv("SPANLIGHT_TEST_DATA")) + QStringLiteral("/data/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open test data %s (is SPANLIGHT_TEST_DATA set?)", qPrintable(file.fileName()));
    return file.readAll();
}

QByteArray id(const char *hex)
{
    return QByteArray::fromHex(hex);
}

const Span *findSpan(const QList<Span> &spans, const char *spanIdHex)
{
    const QByteArray wanted = id(spanIdHex);
    const auto it
        = std::find_if(spans.cbegin(), spans.cend(), [&wanted](const Span &s) { return s.spanId == wanted; });
    return it == spans.cend() ? nullptr : &*it;
}

// A readable form of a span for failure messages.
QString describe(const Span &s)
{
    QJsonArray events;
    for (const SpanEvent &e : s.events)
        events.append(QJsonObject {
            { QStringLiteral("t"), QString::number(e.timeUnixNano) }, { QStringLiteral("name"), e.name } });
    const QJsonObject o { { QStringLiteral("trace"), idToHex(s.traceId) },
        { QStringLiteral("span"), idToHex(s.spanId) }, { QStringLiteral("parent"), idToHex(s.parentSpanId) },
        { QStringLiteral("name"), s.name }, { QStringLiteral("kind"), spanKindName(s.kind) },
        { QStringLiteral("start"), QString::number(s.startTimeUnixNano) },
        { QStringLiteral("end"), QString::number(s.endTimeUnixNano) },
        { QStringLiteral("attributes"), s.attributes }, { QStringLiteral("events"), events },
        { QStringLiteral("status"), QString(statusCodeName(s.statusCode) + u' ' + s.statusMessage) },
        { QStringLiteral("service"), s.serviceName }, { QStringLiteral("resource"), s.resourceAttributes },
        { QStringLiteral("scope"), QString(s.scopeName + u' ' + s.scopeVersion) },
        { QStringLiteral("dropped"),
            QStringLiteral("%1/%2/%3")
                .arg(s.droppedAttributesCount)
                .arg(s.droppedEventsCount)
                .arg(s.droppedLinksCount) } };
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

void compareSpans(const QList<Span> &actual, const QList<Span> &expected)
{
    QCOMPARE(actual.size(), expected.size());
    for (qsizetype i = 0; i < actual.size(); ++i) {
        if (!(actual.at(i) == expected.at(i)))
            QCOMPARE(describe(actual.at(i)), describe(expected.at(i)));
        QVERIFY2(actual.at(i) == expected.at(i), qPrintable(QStringLiteral("span %1 differs").arg(i)));
    }
}

// One JSON span with the required fields, to vary field by field.
QJsonObject minimalSpan()
{
    return QJsonObject { { QStringLiteral("traceId"), QStringLiteral("463ac35c9f6413ad48485a3953bb6124") },
        { QStringLiteral("id"), QStringLiteral("a2fb4a1d1a96d312") },
        { QStringLiteral("name"), QStringLiteral("op") },
        { QStringLiteral("timestamp"), qint64(1700000000000000) }, { QStringLiteral("duration"), 5 } };
}

QByteArray body(const QJsonObject &span)
{
    return QJsonDocument(QJsonArray { span }).toJson(QJsonDocument::Compact);
}

QJsonObject with(QJsonObject span, const char *key, const QJsonValue &value)
{
    span.insert(QLatin1String(key), value);
    return span;
}

QJsonObject without(QJsonObject span, const char *key)
{
    span.remove(QLatin1String(key));
    return span;
}

using testsupport::fixed64;
using testsupport::lengthDelimited;
using testsupport::tag;
using testsupport::varint;
using testsupport::varintField;

QByteArray validSpanFields()
{
    return lengthDelimited(1, id("463ac35c9f6413ad")) + lengthDelimited(3, id("a2fb4a1d1a96d312"))
        + lengthDelimited(5, "op") + fixed64(6, 1700000000000000);
}

QByteArray listOf(const QByteArray &spanFields)
{
    return lengthDelimited(1, spanFields);
}

} // namespace

// The Zipkin v2 decoders: goldens written from the Zipkin API description, the mapping rules of
// zipkincodec.h one by one, and malformed bodies that must fail cleanly.
class TestZipkin : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void specExample();
    void fullTraceMapping();
    void sharedSpans();
    void goldensAgree();
    void badSpansGolden_data();
    void badSpansGolden();
    void jsonMapping_data();
    void jsonMapping();
    void malformedJson_data();
    void malformedJson();
    void jsonRejections_data();
    void jsonRejections();
    void malformedProtobuf_data();
    void malformedProtobuf();
    void corruptedBodiesNeverCrash_data();
    void corruptedBodiesNeverCrash();
};

void TestZipkin::specExample()
{
    const DecodeResult result = decodeZipkinJson(readData(QStringLiteral("zipkin_spec_example.json")));
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.batch.rejectedSpans, 0);

    Span expected;
    expected.traceId = id("00000000000000005af7183fb1d4cf5f"); // 64-bit id, left-padded
    expected.spanId = id("352bff9a74ca9ad2");
    expected.parentSpanId = id("6b221d5bc9e6496c");
    expected.name = QStringLiteral("get /api");
    expected.kind = SpanKind::Server;
    expected.startTimeUnixNano = 1556604172355737000;
    expected.endTimeUnixNano = 1556604172355737000 + 1431000;
    expected.attributes = { { QStringLiteral("http.method"), QStringLiteral("GET") },
        { QStringLiteral("http.path"), QStringLiteral("/api") },
        { QStringLiteral("network.local.address"), QStringLiteral("192.168.99.1") },
        { QStringLiteral("network.local.port"), 3306 },
        { QStringLiteral("network.peer.address"), QStringLiteral("172.19.0.2") },
        { QStringLiteral("network.peer.port"), 58648 } };
    expected.serviceName = QStringLiteral("backend");
    expected.resourceAttributes = { { QStringLiteral("service.name"), QStringLiteral("backend") } };
    compareSpans(result.batch.spans, { expected });
}

void TestZipkin::fullTraceMapping()
{
    const DecodeResult result = decodeZipkinJson(readData(QStringLiteral("zipkin_trace_full.json")));
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.batch.rejectedSpans, 0);
    const QList<Span> &spans = result.batch.spans;
    QCOMPARE(spans.size(), 8);
    const QByteArray trace = id("4bf92f3577b34da6a3ce929d0e0e4736");

    const Span *root = findSpan(spans, "00f067aa0ba902b7");
    QVERIFY(root);
    QCOMPARE(root->traceId, trace);
    QVERIFY(root->isRoot());
    QCOMPARE(root->kind, SpanKind::Server);
    QCOMPARE(root->durationNano(), 150'000'000);
    QCOMPARE(root->statusCode, StatusCode::Unset);
    QCOMPARE(root->attributes.value(QLatin1String("network.peer.address")).toString(),
        QStringLiteral("2001:db8::c001"));
    QCOMPARE(root->attributes.value(QLatin1String("network.peer.port")).toInteger(), 51000);
    QCOMPARE(root->attributes.value(QLatin1String("network.local.port")).toInteger(), 8080);
    QCOMPARE(root->attributes.value(QLatin1String("http.status_code")).toString(), QStringLiteral("200"));
    QCOMPARE(root->events.size(), 1);
    QCOMPARE(root->events.first().timeUnixNano, 1700000000000100000);
    QCOMPARE(root->events.first().name, QStringLiteral("checkout.start"));
    QVERIFY(root->events.first().attributes.isEmpty());

    const Span *client = findSpan(spans, "b7ad6b7169203331");
    QVERIFY(client);
    QCOMPARE(client->kind, SpanKind::Client);
    QCOMPARE(client->parentSpanId, id("00f067aa0ba902b7"));
    QCOMPARE(client->statusCode, StatusCode::Error);
    QCOMPARE(client->statusMessage, QStringLiteral("upstream failed"));
    QVERIFY(!client->attributes.contains(QLatin1String("error"))); // became the status
    QCOMPARE(client->attributes.value(QLatin1String("peer.service")).toString(), QStringLiteral("payments"));
    QCOMPARE(client->attributes.value(QLatin1String("network.peer.address")).toString(),
        QStringLiteral("10.0.0.2"));
    QVERIFY(!client->attributes.contains(QLatin1String("network.local.port")));
    QCOMPARE(client->events.size(), 2);
    QCOMPARE(client->events.at(1).name, QStringLiteral("wr"));
    QCOMPARE(client->events.at(1).timeUnixNano, 1700000000119990000);

    const Span *db = findSpan(spans, "e457b5a2e4d86bd1");
    QVERIFY(db);
    QCOMPARE(db->parentSpanId, id("b7ad6b7169203331"));
    QCOMPARE(db->attributes.value(QLatin1String("zipkin.debug")), QJsonValue(true));
    QCOMPARE(db->attributes.value(QLatin1String("peer.service")).toString(), QStringLiteral("postgres"));
    QCOMPARE(db->scopeName, QStringLiteral("pg-instrumentation"));
    QCOMPARE(db->scopeVersion, QStringLiteral("0.9.1"));
    QVERIFY(!db->attributes.contains(QLatin1String("otel.scope.name")));
    QCOMPARE(db->serviceName, QStringLiteral("payments"));

    const Span *local = findSpan(spans, "3c8e9d1c2b7a6f50");
    QVERIFY(local);
    QCOMPARE(local->kind, SpanKind::Internal); // no kind: a local span
    QCOMPARE(local->endTimeUnixNano, local->startTimeUnixNano); // no duration
    QCOMPARE(local->statusCode, StatusCode::Ok);
    QVERIFY(local->attributes.isEmpty());

    QCOMPARE(findSpan(spans, "5d1f3a2b4c6e8f01")->kind, SpanKind::Producer);
    QCOMPARE(findSpan(spans, "6e2a4b3c5d7f9012")->kind, SpanKind::Consumer);
    QCOMPARE(findSpan(spans, "6e2a4b3c5d7f9012")->serviceName, QStringLiteral("mailer"));

    const Span *orphan = findSpan(spans, "72485a3953bb6124");
    QVERIFY(orphan);
    QCOMPARE(orphan->traceId, id("0000000000000000463ac35c9f6413ad"));
    QCOMPARE(orphan->serviceName, QStringLiteral("unknown_service"));
    QVERIFY(orphan->resourceAttributes.isEmpty());
    QCOMPARE(orphan->durationNano(), 1000);
    QVERIFY(orphan->scopeName.isEmpty());
}

void TestZipkin::sharedSpans()
{
    const DecodeResult result = decodeZipkinJson(readData(QStringLiteral("zipkin_trace_full.json")));
    QVERIFY2(result.ok(), qPrintable(result.error));
    const QByteArray trace = id("4bf92f3577b34da6a3ce929d0e0e4736");
    const QByteArray shared = id("b7ad6b7169203331");
    const QByteArray derived = zipkinSharedSpanId(trace, shared);
    QCOMPARE(derived.size(), 8);
    QVERIFY(derived != shared);
    QCOMPARE(zipkinSharedSpanId(trace, shared), derived); // deterministic: retries deduplicate
    QVERIFY(zipkinSharedSpanId(id("00000000000000000000000000000001"), shared) != derived);

    QList<QByteArray> ids;
    for (const Span &s : result.batch.spans)
        ids.append(s.spanId);
    QCOMPARE(std::count(ids.cbegin(), ids.cend(), shared), 1); // the client half only
    const Span *server = findSpan(result.batch.spans, derived.toHex().constData());
    QVERIFY(server);
    QCOMPARE(server->kind, SpanKind::Server);
    QCOMPARE(server->parentSpanId, shared); // the client half
    QCOMPARE(server->attributes.value(QLatin1String("zipkin.shared_span_id")).toString(),
        QStringLiteral("b7ad6b7169203331"));
    QCOMPARE(server->serviceName, QStringLiteral("payments"));
    // otel.status_description wins over the empty error tag; both are consumed.
    QCOMPARE(server->statusCode, StatusCode::Error);
    QCOMPARE(server->statusMessage, QStringLiteral("card declined"));
    for (const char *key : { "error", "otel.status_code", "otel.status_description" })
        QVERIFY2(!server->attributes.contains(QLatin1String(key)), key);
    QCOMPARE(server->attributes.value(QLatin1String("network.peer.port")).toInteger(), 51234);
}

void TestZipkin::goldensAgree()
{
    // The protobuf golden is written by make_zipkin_fixtures through the generated API.
    const DecodeResult json = decodeZipkinJson(readData(QStringLiteral("zipkin_trace_full.json")));
    const DecodeResult proto = decodeZipkinProtobuf(readData(QStringLiteral("zipkin_trace_full.pb")));
    QVERIFY2(json.ok(), qPrintable(json.error));
    QVERIFY2(proto.ok(), qPrintable(proto.error));
    QCOMPARE(proto.batch.rejectedSpans, 0);
    compareSpans(proto.batch.spans, json.batch.spans);
}

void TestZipkin::badSpansGolden_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("rejected");
    QTest::addColumn<QStringList>("reasons");
    QTest::newRow("json") << QStringLiteral("zipkin_bad_spans.json") << 10
                          << QStringList { QStringLiteral("span has no timestamp"),
                                 QStringLiteral("traceId is not a hex id of at most 32 digits"),
                                 QStringLiteral("id is not a hex id of at most 16 digits"),
                                 QStringLiteral("unknown kind \"SIDEWAYS\""),
                                 QStringLiteral("duration is negative"),
                                 QStringLiteral("endpoint port 70000 is out of range"),
                                 QStringLiteral("annotation has no timestamp"),
                                 QStringLiteral("trace_id must be 16 bytes and not all zero"),
                                 QStringLiteral("id is missing"),
                                 QStringLiteral("timestamp is out of range") };
    QTest::newRow("protobuf") << QStringLiteral("zipkin_bad_spans.pb") << 7
                              << QStringList { QStringLiteral("trace_id must be 8 or 16 bytes"),
                                     QStringLiteral("id must be 8 bytes"),
                                     QStringLiteral("parent_id must be empty or 8 bytes"),
                                     QStringLiteral("unknown kind 9"),
                                     QStringLiteral("span has no timestamp"),
                                     QStringLiteral("timestamp is out of range"),
                                     QStringLiteral("endpoint port -1 is out of range") };
}

void TestZipkin::badSpansGolden()
{
    QFETCH(QString, file);
    QFETCH(int, rejected);
    QFETCH(QStringList, reasons);
    const QByteArray data = readData(file);
    const DecodeResult result = file.endsWith(u".pb") ? decodeZipkinProtobuf(data) : decodeZipkinJson(data);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.batch.spans.size(), 1);
    QCOMPARE(result.batch.spans.first().name, QStringLiteral("kept"));
    QCOMPARE(result.batch.rejectedSpans, rejected);
    QStringList got = result.batch.rejectReasons;
    got.sort();
    reasons.sort();
    QCOMPARE(got, reasons);
}

void TestZipkin::jsonMapping_data()
{
    // One variation of the minimal span each, and what it must turn into.
    QTest::addColumn<QJsonObject>("span");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("expected");
    const QJsonObject base = minimalSpan();
    auto tags = [](std::initializer_list<QPair<QString, QJsonValue>> list) {
        QJsonObject o;
        for (const auto &p : list)
            o.insert(p.first, p.second);
        return QJsonValue(o);
    };

    QTest::newRow("64-bit trace id padded")
        << with(base, "traceId", QStringLiteral("463ac35c9f6413ad")) << "traceId"
        << QJsonValue(QStringLiteral("0000000000000000463ac35c9f6413ad"));
    QTest::newRow("short trace id padded as Zipkin does") << with(base, "traceId",
        QStringLiteral("abc")) << "traceId" << QJsonValue(QStringLiteral("00000000000000000000000000000abc"));
    QTest::newRow("trace id of 20 digits padded to 32")
        << with(base, "traceId", QStringLiteral("11112222333344445555")) << "traceId"
        << QJsonValue(QStringLiteral("00000000000011112222333344445555"));
    QTest::newRow("short span id padded") << with(base, "id", QStringLiteral("1")) << "spanId"
                                          << QJsonValue(QStringLiteral("0000000000000001"));
    QTest::newRow("upper-case hex read") << with(base, "id", QStringLiteral("A2FB4A1D1A96D312")) << "spanId"
                                         << QJsonValue(QStringLiteral("a2fb4a1d1a96d312"));
    QTest::newRow("all-zero parent id is a root")
        << with(base, "parentId", QStringLiteral("0000000000000000")) << "parentSpanId"
        << QJsonValue(QString());
    QTest::newRow("parent id equal to id is a root")
        << with(base, "parentId", QStringLiteral("a2fb4a1d1a96d312")) << "parentSpanId"
        << QJsonValue(QString());
    QTest::newRow("null parent id") << with(base, "parentId", QJsonValue(QJsonValue::Null)) << "parentSpanId"
                                    << QJsonValue(QString());
    QTest::newRow("empty parent id") << with(base, "parentId", QString()) << "parentSpanId"
                                     << QJsonValue(QString());
    QTest::newRow("times in ns") << base << "start"
                                 << QJsonValue(QStringLiteral("1700000000000000000 1700000000000005000"));
    QTest::newRow("fractional microseconds truncated") << with(with(base, "timestamp", 1700000000000123.5),
        "duration", 2.75) << "start" << QJsonValue(QStringLiteral("1700000000000123000 1700000000000125000"));
    QTest::newRow("no duration") << without(base, "duration") << "start"
                                 << QJsonValue(QStringLiteral("1700000000000000000 1700000000000000000"));
    QTest::newRow("kind in lower case")
        << with(base, "kind", QStringLiteral("producer")) << "kind" << QJsonValue(QStringLiteral("producer"));
    QTest::newRow("no kind is a local span") << base << "kind" << QJsonValue(QStringLiteral("internal"));
    QTest::newRow("empty kind is a local span")
        << with(base, "kind", QString()) << "kind" << QJsonValue(QStringLiteral("internal"));
    QTest::newRow("error tag with a message")
        << with(base, "tags", tags({ { QStringLiteral("error"), QStringLiteral("boom") } })) << "status"
        << QJsonValue(QStringLiteral("error boom"));
    QTest::newRow("empty error tag still an error")
        << with(base, "tags", tags({ { QStringLiteral("error"), QString() } })) << "status"
        << QJsonValue(QStringLiteral("error "));
    QTest::newRow("otel status ERROR and error message as the OTel exporter writes them")
        << with(base, "tags",
               tags({ { QStringLiteral("otel.status_code"), QStringLiteral("ERROR") },
                   { QStringLiteral("error"), QStringLiteral("gateway timeout") } }))
        << "status" << QJsonValue(QStringLiteral("error gateway timeout"));
    QTest::newRow("otel status ok") << with(
        base, "tags", tags({ { QStringLiteral("otel.status_code"), QStringLiteral("ok") } }))
                                    << "status" << QJsonValue(QStringLiteral("ok "));
    QTest::newRow("otel status unset is consumed")
        << with(base, "tags", tags({ { QStringLiteral("otel.status_code"), QStringLiteral("UNSET") } }))
        << "attributes" << QJsonValue(QJsonObject());
    QTest::newRow("unknown otel status stays an attribute")
        << with(base, "tags", tags({ { QStringLiteral("otel.status_code"), QStringLiteral("MAYBE") } }))
        << "attributes" << tags({ { QStringLiteral("otel.status_code"), QStringLiteral("MAYBE") } });
    QTest::newRow("status description without an error stays an attribute")
        << with(base, "tags", tags({ { QStringLiteral("otel.status_description"), QStringLiteral("fine") } }))
        << "attributes" << tags({ { QStringLiteral("otel.status_description"), QStringLiteral("fine") } });
    QTest::newRow("numbers and booleans in tags as text")
        << with(base, "tags",
               tags({ { QStringLiteral("a"), 200 }, { QStringLiteral("b"), 1.5 },
                   { QStringLiteral("c"), true }, { QStringLiteral("d"), QJsonValue(QJsonValue::Null) } }))
        << "attributes"
        << tags({ { QStringLiteral("a"), QStringLiteral("200") },
               { QStringLiteral("b"), QStringLiteral("1.5") },
               { QStringLiteral("c"), QStringLiteral("true") } });
    QTest::newRow("http.status_code stays a string attribute")
        << with(base, "tags", tags({ { QStringLiteral("http.status_code"), QStringLiteral("504") } }))
        << "attributes" << tags({ { QStringLiteral("http.status_code"), QStringLiteral("504") } });
    QTest::newRow("a tag wins over the remote endpoint")
        << with(with(base, "tags", tags({ { QStringLiteral("peer.service"), QStringLiteral("from-tag") } })),
               "remoteEndpoint",
               QJsonObject { { QStringLiteral("serviceName"), QStringLiteral("from-endpoint") } })
        << "attributes" << tags({ { QStringLiteral("peer.service"), QStringLiteral("from-tag") } });
    QTest::newRow("remote endpoint, ipv4 preferred")
        << with(base, "remoteEndpoint",
               QJsonObject { { QStringLiteral("serviceName"), QStringLiteral("db") },
                   { QStringLiteral("ipv4"), QStringLiteral("10.1.2.3") },
                   { QStringLiteral("ipv6"), QStringLiteral("::1") }, { QStringLiteral("port"), 5432 } })
        << "attributes"
        << tags({ { QStringLiteral("peer.service"), QStringLiteral("db") },
               { QStringLiteral("network.peer.address"), QStringLiteral("10.1.2.3") },
               { QStringLiteral("network.peer.port"), 5432 } });
    QTest::newRow("unparseable addresses ignored, as Zipkin does")
        << with(base, "localEndpoint",
               QJsonObject { { QStringLiteral("ipv4"), QStringLiteral("10.1.2") },
                   { QStringLiteral("ipv6"), QStringLiteral("1.2.3.4") } })
        << "attributes" << QJsonValue(QJsonObject());
    QTest::newRow("ipv6 written canonically")
        << with(base, "localEndpoint",
               QJsonObject { { QStringLiteral("ipv6"), QStringLiteral("2001:DB8:0:0:0:0:0:1") } })
        << "attributes"
        << tags({ { QStringLiteral("network.local.address"), QStringLiteral("2001:db8::1") } });
    QTest::newRow("port 0 means unknown")
        << with(base, "localEndpoint", QJsonObject { { QStringLiteral("port"), 0 } }) << "attributes"
        << QJsonValue(QJsonObject());
    QTest::newRow("empty service name")
        << with(base, "localEndpoint", QJsonObject { { QStringLiteral("serviceName"), QString() } })
        << "service" << QJsonValue(QStringLiteral("unknown_service"));
    QTest::newRow("service name kept as sent") << with(
        base, "localEndpoint", QJsonObject { { QStringLiteral("serviceName"), QStringLiteral("Checkout") } })
                                               << "service" << QJsonValue(QStringLiteral("Checkout"));
    QTest::newRow("debug") << with(base, "debug", true) << "attributes"
                           << tags({ { QStringLiteral("zipkin.debug"), true } });
    QTest::newRow("debug false adds nothing")
        << with(base, "debug", false) << "attributes" << QJsonValue(QJsonObject());
    QTest::newRow("older otel.library tags as the scope") << with(base, "tags",
        tags({ { QStringLiteral("otel.library.name"), QStringLiteral("lib") },
            { QStringLiteral("otel.library.version"), QStringLiteral("2") } }))
                                                          << "scope" << QJsonValue(QStringLiteral("lib 2"));
    QTest::newRow("dropped counts") << with(base, "tags",
        tags({ { QStringLiteral("otel.dropped_attributes_count"), QStringLiteral("3") },
            { QStringLiteral("otel.dropped_events_count"), QStringLiteral("2") },
            { QStringLiteral("otel.dropped_links_count"), QStringLiteral("x") } }))
                                    << "dropped"
                                    << QJsonValue(
                                           QStringLiteral("3/2/0 {\"otel.dropped_links_count\":\"x\"}"));
    QTest::newRow("annotations in order with times in ns")
        << with(base, "annotations",
               QJsonArray { QJsonObject { { QStringLiteral("timestamp"), qint64(1700000000000002) },
                                { QStringLiteral("value"), QStringLiteral("b") } },
                   QJsonObject { { QStringLiteral("timestamp"), qint64(1700000000000001) },
                       { QStringLiteral("value"), QStringLiteral("a") } } })
        << "events" << QJsonValue(QStringLiteral("1700000000000002000 b;1700000000000001000 a;"));
    QTest::newRow("unknown fields ignored")
        << with(base, "binaryAnnotations", QJsonArray { 1, 2 }) << "name" << QJsonValue(QStringLiteral("op"));
}

void TestZipkin::jsonMapping()
{
    QFETCH(QJsonObject, span);
    QFETCH(QString, field);
    QFETCH(QJsonValue, expected);
    const DecodeResult result = decodeZipkinJson(body(span));
    QVERIFY2(result.ok(), qPrintable(result.error));
    QVERIFY2(result.batch.rejectedSpans == 0, qPrintable(result.batch.rejectReasons.join(u';')));
    QCOMPARE(result.batch.spans.size(), 1);
    const Span &s = result.batch.spans.first();
    QJsonValue actual;
    if (field == u"traceId")
        actual = idToHex(s.traceId);
    else if (field == u"spanId")
        actual = idToHex(s.spanId);
    else if (field == u"parentSpanId")
        actual = idToHex(s.parentSpanId);
    else if (field == u"start")
        actual = QStringLiteral("%1 %2").arg(s.startTimeUnixNano).arg(s.endTimeUnixNano);
    else if (field == u"kind")
        actual = spanKindName(s.kind);
    else if (field == u"status")
        actual = QString(statusCodeName(s.statusCode) + u' ' + s.statusMessage);
    else if (field == u"attributes")
        actual = s.attributes;
    else if (field == u"service")
        actual = s.serviceName;
    else if (field == u"scope")
        actual = QString(s.scopeName + u' ' + s.scopeVersion);
    else if (field == u"name")
        actual = s.name;
    else if (field == u"dropped")
        actual = QString(QStringLiteral("%1/%2/%3 ")
                             .arg(s.droppedAttributesCount)
                             .arg(s.droppedEventsCount)
                             .arg(s.droppedLinksCount)
            + QString::fromUtf8(QJsonDocument(s.attributes).toJson(QJsonDocument::Compact)));
    else if (field == u"events") {
        QString text;
        for (const SpanEvent &e : s.events)
            text += QString::number(e.timeUnixNano) + u' ' + e.name + u';';
        actual = text;
    }
    QCOMPARE(actual, expected);
}

void TestZipkin::malformedJson_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("error");
    const QJsonObject base = minimalSpan();
    QTest::newRow("not JSON") << QByteArray("hello") << QStringLiteral("invalid JSON at offset 1");
    QTest::newRow("empty body") << QByteArray() << QStringLiteral("invalid JSON at offset 0");
    QTest::newRow("truncated") << body(base).chopped(3) << QStringLiteral("invalid JSON at offset");
    QTest::newRow("an object, not an array")
        << QJsonDocument(base).toJson()
        << QStringLiteral("invalid Zipkin v2 JSON: the request is not a JSON array of spans");
    QTest::newRow("OTLP/JSON sent to Zipkin")
        << QByteArray("{\"resourceSpans\":[]}") << QStringLiteral("not a JSON array of spans");
    QTest::newRow("a number in the array")
        << QByteArray("[1]") << QStringLiteral("invalid Zipkin v2 JSON: spans[0]: not an object");
    QTest::newRow("second element a string")
        << (QByteArray("[") + QJsonDocument(base).toJson(QJsonDocument::Compact) + ",\"x\"]")
        << QStringLiteral("spans[1]: not an object");
    QTest::newRow("traceId a number")
        << body(with(base, "traceId", 12)) << QStringLiteral("spans[0].traceId: not a string");
    QTest::newRow("id an array") << body(with(base, "id", QJsonArray()))
                                 << QStringLiteral("spans[0].id: not a string");
    QTest::newRow("name a number") << body(with(base, "name", 1))
                                   << QStringLiteral("spans[0].name: not a string");
    QTest::newRow("kind a number") << body(with(base, "kind", 2))
                                   << QStringLiteral("spans[0].kind: not a string");
    QTest::newRow("timestamp a string") << body(with(base, "timestamp", QStringLiteral("1700000000000000")))
                                        << QStringLiteral("spans[0].timestamp: not a number");
    QTest::newRow("duration a bool") << body(with(base, "duration", true))
                                     << QStringLiteral("spans[0].duration: not a number");
    QTest::newRow("debug a string") << body(with(base, "debug", QStringLiteral("true")))
                                    << QStringLiteral("spans[0].debug: not a boolean");
    QTest::newRow("shared a number") << body(with(base, "shared", 1))
                                     << QStringLiteral("spans[0].shared: not a boolean");
    QTest::newRow("localEndpoint a string") << body(with(base, "localEndpoint", QStringLiteral("svc")))
                                            << QStringLiteral("spans[0].localEndpoint: not an object");
    QTest::newRow("serviceName a number")
        << body(with(base, "localEndpoint", QJsonObject { { QStringLiteral("serviceName"), 3 } }))
        << QStringLiteral("spans[0].localEndpoint.serviceName: not a string");
    QTest::newRow("port a string") << body(
        with(base, "remoteEndpoint", QJsonObject { { QStringLiteral("port"), QStringLiteral("80") } }))
                                   << QStringLiteral("spans[0].remoteEndpoint.port: not a number");
    QTest::newRow("ipv4 a number") << body(
        with(base, "remoteEndpoint", QJsonObject { { QStringLiteral("ipv4"), 1 } }))
                                   << QStringLiteral("spans[0].remoteEndpoint.ipv4: not a string");
    QTest::newRow("annotations an object") << body(with(base, "annotations", QJsonObject()))
                                           << QStringLiteral("spans[0].annotations: not an array");
    QTest::newRow("annotation a string")
        << body(with(base, "annotations", QJsonArray { QStringLiteral("x") }))
        << QStringLiteral("spans[0].annotations[0]: not an object");
    QTest::newRow("annotation value a number") << body(with(base, "annotations",
        QJsonArray { QJsonObject { { QStringLiteral("timestamp"), 1 }, { QStringLiteral("value"), 1 } } }))
                                               << QStringLiteral(
                                                      "spans[0].annotations[0].value: not a string");
    QTest::newRow("annotation timestamp a string") << body(with(base, "annotations",
        QJsonArray { QJsonObject {}, QJsonObject { { QStringLiteral("timestamp"), QStringLiteral("1") } } }))
                                                   << QStringLiteral(
                                                          "spans[0].annotations[1].timestamp: not a number");
    QTest::newRow("tags an array") << body(with(base, "tags", QJsonArray()))
                                   << QStringLiteral("spans[0].tags: not an object");
    QTest::newRow("tag value an object")
        << body(with(base, "tags", QJsonObject { { QStringLiteral("http.url"), QJsonObject() } }))
        << QStringLiteral("spans[0].tags.http.url: not a string");
    QTest::newRow("tag value an array")
        << body(with(base, "tags", QJsonObject { { QStringLiteral("k"), QJsonArray { 1 } } }))
        << QStringLiteral("spans[0].tags.k: not a string");
}

void TestZipkin::malformedJson()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, error);
    const DecodeResult result = decodeZipkinJson(body);
    QVERIFY(!result.ok());
    QVERIFY2(result.error.contains(error), qPrintable(result.error));
    QVERIFY(result.batch.spans.isEmpty());
}

void TestZipkin::jsonRejections_data()
{
    QTest::addColumn<QJsonObject>("span");
    QTest::addColumn<QString>("reason");
    const QJsonObject base = minimalSpan();
    QTest::newRow("no timestamp") << without(base, "timestamp") << QStringLiteral("span has no timestamp");
    QTest::newRow("null timestamp") << with(base, "timestamp", QJsonValue(QJsonValue::Null))
                                    << QStringLiteral("span has no timestamp");
    QTest::newRow("timestamp 0") << with(base, "timestamp", 0) << QStringLiteral("span has no timestamp");
    QTest::newRow("negative timestamp")
        << with(base, "timestamp", -5) << QStringLiteral("timestamp is out of range");
    QTest::newRow("timestamp past int64 ns")
        << with(base, "timestamp", qint64(9223372036854776)) << QStringLiteral("timestamp is out of range");
    QTest::newRow("timestamp past int64")
        << with(base, "timestamp", 1e300) << QStringLiteral("timestamp is out of range");
    QTest::newRow("duration running past int64 ns")
        << with(base, "duration", qint64(9000000000000000)) << QStringLiteral("duration is out of range");
    QTest::newRow("no trace id") << without(base, "traceId") << QStringLiteral("traceId is missing");
    QTest::newRow("empty id") << with(base, "id", QString()) << QStringLiteral("id is missing");
    QTest::newRow("33-digit trace id") << with(base, "traceId", QString(33, u'a'))
                                       << QStringLiteral("traceId is not a hex id of at most 32 digits");
    QTest::newRow("hex with a prefix") << with(base, "id", QStringLiteral("0xa2fb4a1d1a96d3"))
                                       << QStringLiteral("id is not a hex id of at most 16 digits");
    QTest::newRow("non-hex parent") << with(base, "parentId", QStringLiteral("zz"))
                                    << QStringLiteral("parentId is not a hex id of at most 16 digits");
    QTest::newRow("all-zero id") << with(base, "id", QStringLiteral("0000000000000000"))
                                 << QStringLiteral("span_id must be 8 bytes and not all zero");
    QTest::newRow("unknown kind") << with(base, "kind", QStringLiteral("INTERNAL"))
                                  << QStringLiteral("unknown kind \"INTERNAL\"");
    QTest::newRow("port past 65535") << with(
        base, "remoteEndpoint", QJsonObject { { QStringLiteral("port"), 65536 } })
                                     << QStringLiteral("endpoint port 65536 is out of range");
    QTest::newRow("annotation timestamp 0") << with(base, "annotations",
        QJsonArray { QJsonObject {
            { QStringLiteral("timestamp"), 0 }, { QStringLiteral("value"), QStringLiteral("x") } } })
                                            << QStringLiteral("annotation has no timestamp");
    QTest::newRow("annotation timestamp out of range")
        << with(base, "annotations", QJsonArray { QJsonObject { { QStringLiteral("timestamp"), 1e19 } } })
        << QStringLiteral("annotation timestamp is out of range");
}

void TestZipkin::jsonRejections()
{
    QFETCH(QJsonObject, span);
    QFETCH(QString, reason);
    // The bad span is rejected with its reason; the good one next to it is kept.
    const QJsonObject good = with(minimalSpan(), "id", QStringLiteral("1111111111111111"));
    const DecodeResult result = decodeZipkinJson(QJsonDocument(QJsonArray { span, good }).toJson());
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.batch.rejectedSpans, 1);
    QCOMPARE(result.batch.rejectReasons, QStringList { reason });
    QCOMPARE(result.batch.spans.size(), 1);
    QCOMPARE(result.batch.spans.first().spanId, id("1111111111111111"));
}

void TestZipkin::malformedProtobuf_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("error");
    QTest::addColumn<int>("spans");
    QTest::addColumn<int>("rejected");
    const QByteArray golden = readData(QStringLiteral("zipkin_trace_full.pb"));
    QTest::newRow("valid crafted span") << listOf(validSpanFields()) << QString() << 1 << 0;
    QTest::newRow("empty body: no spans") << QByteArray() << QString() << 0 << 0;
    QTest::newRow("truncated golden")
        << golden.left(golden.size() / 2) << QStringLiteral("invalid protobuf:") << 0 << 0;
    QTest::newRow("last byte missing") << golden.chopped(1) << QStringLiteral("invalid protobuf:") << 0 << 0;
    QTest::newRow("unterminated varint")
        << QByteArray("\xff\xff\xff\xff", 4) << QStringLiteral("truncated field tag") << 0 << 0;
    QTest::newRow("wire type 7") << QByteArray("\x0f\x00", 2) << QStringLiteral("invalid wire type 7") << 0
                                 << 0;
    QTest::newRow("length past the end")
        << QByteArray("\x0a\x10xy", 4) << QStringLiteral("spans[0]: length 16 runs past the end of the data")
        << 0 << 0;
    QTest::newRow("invalid UTF-8 in a span name")
        << listOf(validSpanFields() + lengthDelimited(5, "\xff\xfe"))
        << QStringLiteral("spans[0].name: string is not valid UTF-8") << 0 << 0;
    QTest::newRow("invalid UTF-8 in a tag value")
        << listOf(validSpanFields()
               + lengthDelimited(11, lengthDelimited(1, "k") + lengthDelimited(2, "\xc0\x80")))
        << QStringLiteral("spans[0].tags[0].value: string is not valid UTF-8") << 0 << 0;
    QTest::newRow("invalid UTF-8 in a service name")
        << listOf(validSpanFields() + lengthDelimited(8, lengthDelimited(1, "\xed\xa0\x80")))
        << QStringLiteral("spans[0].local_endpoint.service_name: string is not valid UTF-8") << 0 << 0;
    QTest::newRow(
        "OTLP protobuf sent to Zipkin") // resource_spans{scope_spans{}} reads as a span with junk fields
        << lengthDelimited(1, lengthDelimited(2, QByteArray())) << QString() << 0 << 1;
    QTest::newRow("trace id 32 bytes")
        << listOf(lengthDelimited(1, QByteArray(32, 'a')) + validSpanFields().mid(10)) << QString() << 0 << 1;
    QTest::newRow("duration past INT64_MAX")
        << listOf(validSpanFields() + tag(7, 0) + QByteArray("\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 10))
        << QString() << 0 << 1;
    QTest::newRow("shared span crafted")
        << listOf(validSpanFields() + tag(13, 0) + QByteArray(1, '\x01')) << QString() << 1 << 0;
}

void TestZipkin::malformedProtobuf()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, error);
    QFETCH(int, spans);
    QFETCH(int, rejected);
    const DecodeResult result = decodeZipkinProtobuf(body);
    if (error.isEmpty()) {
        QVERIFY2(result.ok(), qPrintable(result.error));
    } else {
        QVERIFY2(result.error.contains(error), qPrintable(result.error));
        QVERIFY(result.error.startsWith(QLatin1String("invalid protobuf: ")));
    }
    QCOMPARE(result.batch.spans.size(), spans);
    QCOMPARE(result.batch.rejectedSpans, rejected);
}

void TestZipkin::corruptedBodiesNeverCrash_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("json") << QStringLiteral("zipkin_trace_full.json");
    QTest::newRow("protobuf") << QStringLiteral("zipkin_trace_full.pb");
}

void TestZipkin::corruptedBodiesNeverCrash()
{
    QFETCH(QString, file);
    const bool proto = file.endsWith(u".pb");
    const QByteArray golden = readData(file);
    auto check = [proto](const QByteArray &body) {
        const DecodeResult result = proto ? decodeZipkinProtobuf(body) : decodeZipkinJson(body);
        if (!result.ok())
            return result.batch.spans.isEmpty() && !result.error.isEmpty();
        return std::all_of(result.batch.spans.cbegin(), result.batch.spans.cend(),
            [](const Span &s) { return validateSpan(s).isEmpty(); });
    };
    const QString mishandled = testsupport::firstMishandledBody(golden, check, 20251109, 3000, 300);
    QVERIFY2(mishandled.isEmpty(), qPrintable(mishandled));
}

QTEST_GUILESS_MAIN(TestZipkin)
#include "tst_zipkin.moc"
