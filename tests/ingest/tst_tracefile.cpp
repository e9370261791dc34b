// Trace files as the console imports them: format detection, the Jaeger UI's JSON, the errors a
// broken file gives, and an import through the pipeline into a real SQLite store.
#include "core/ids.h"
#include "core/spanerror.h"
#include "ingest/jaegercodec.h"
#include "ingest/pipeline.h"
#include "ingest/traceimport.h"
#include "storage/store.h"

#include <QFile>
#include <QJsonArray>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent>

#include <atomic>

using namespace spanlight;

namespace {

QString dataPath(const QString &name)
{
    return QString::fromLocal8Bit(qgetenv("SPANLIGHT_TEST_DATA")) + QStringLiteral("/data/import/") + name;
}

QByteArray readData(const QString &name)
{
    QFile file(dataPath(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(file.fileName()));
    return file.readAll();
}

QByteArray id(const char *hex, int bytes)
{
    return idFromHex(QString::fromLatin1(hex), bytes);
}

const Span *spanById(const QList<Span> &spans, const char *spanIdHex)
{
    const QByteArray wanted = id(spanIdHex, 8);
    for (const Span &s : spans)
        if (s.spanId == wanted)
            return &s;
    return nullptr;
}

} // namespace

Q_DECLARE_METATYPE(spanlight::TraceFileFormat)

class TestTraceFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void detectsFormat_data();
    void detectsFormat();
    void jaegerUiExport();
    void jaegerMatchesThriftMapping();
    void otlpJsonLines();
    void malformed_data();
    void malformed();
    void truncatedFixtures_data();
    void truncatedFixtures();
    void fileErrors();
    void importsIntoStore();
    void importReportsRejectedAndEmpty();
    void importFollowsSamplingAndRateLimit();
};

void TestTraceFile::detectsFormat_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<TraceFileFormat>("format");
    QTest::addColumn<int>("spans");
    QTest::newRow("jaeger") << "jaeger_ui_export.json" << TraceFileFormat::JaegerJson << 5;
    QTest::newRow("otlp") << "otlp_export.json" << TraceFileFormat::OtlpJson << 2;
    QTest::newRow("otlp lines") << "otlp_collector_file.jsonl" << TraceFileFormat::OtlpJsonLines << 3;
    QTest::newRow("zipkin") << "zipkin_export.json" << TraceFileFormat::ZipkinJson << 3;
}

void TestTraceFile::detectsFormat()
{
    QFETCH(QString, file);
    QFETCH(TraceFileFormat, format);
    QFETCH(int, spans);
    const TraceFileDecode decoded = readTraceFile(dataPath(file));
    QVERIFY2(decoded.ok(), qPrintable(decoded.error));
    QCOMPARE(decoded.format, format);
    QCOMPARE(decoded.batch.spans.size(), spans);
    QCOMPARE(decoded.batch.rejectedSpans, 0);

    // A BOM and blank lines around the content change nothing.
    const QByteArray padded = QByteArray("\xEF\xBB\xBF\n  \r\n") + readData(file) + QByteArray("\n\n");
    const TraceFileDecode again = decodeTraceFile(padded);
    QVERIFY2(again.ok(), qPrintable(again.error));
    QCOMPARE(again.format, format);
    QCOMPARE(again.batch.spans, decoded.batch.spans);
}

void TestTraceFile::jaegerUiExport()
{
    const DecodeResult r = decodeJaegerJson(readData(QStringLiteral("jaeger_ui_export.json")));
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.batch.spans.size(), 5);
    QCOMPARE(r.batch.rejectedSpans, 0);
    const QByteArray trace = id("4bf92f3577b34da6a3ce929d0e0e4736", 16);

    const Span *root = spanById(r.batch.spans, "00f067aa0ba902b7");
    QVERIFY(root);
    QCOMPARE(root->traceId, trace);
    QVERIFY(root->parentSpanId.isEmpty());
    QCOMPARE(root->name, QStringLiteral("GET /checkout"));
    QCOMPARE(root->kind, SpanKind::Server);
    QCOMPARE(root->startTimeUnixNano, Q_INT64_C(1700000000000000000));
    QCOMPARE(root->endTimeUnixNano, Q_INT64_C(1700000000120000000));
    QCOMPARE(root->serviceName, QStringLiteral("frontend"));
    QCOMPARE(root->resourceAttributes.value(QLatin1String("hostname")).toString(), QStringLiteral("web-1"));
    QCOMPARE(
        root->resourceAttributes.value(QLatin1String("service.name")).toString(), QStringLiteral("frontend"));
    QCOMPARE(root->statusCode, StatusCode::Error); // error=true (bool)
    QCOMPARE(root->attributes.value(QLatin1String("http.method")).toString(), QStringLiteral("GET"));
    QCOMPARE(root->attributes.value(QLatin1String("http.status_code")).toVariant().toLongLong(), 500);
    QCOMPARE(root->attributes.value(QLatin1String("sampler.param")).toDouble(), 0.25);
    // Consumed tags do not stay attributes.
    QVERIFY(!root->attributes.contains(QLatin1String("span.kind")));
    QVERIFY(!root->attributes.contains(QLatin1String("error")));

    const Span *client = spanById(r.batch.spans, "a1b2c3d4e5f60718");
    QVERIFY(client);
    QCOMPARE(client->parentSpanId, id("00f067aa0ba902b7", 8)); // the CHILD_OF reference
    QVERIFY(client->links.isEmpty()); // the parent reference is not also a link
    QCOMPARE(client->kind, SpanKind::Client);
    QCOMPARE(client->statusCode, StatusCode::Error);
    QCOMPARE(client->statusMessage, QStringLiteral("card declined"));
    QVERIFY(!client->attributes.contains(QLatin1String("otel.status_code")));
    QCOMPARE(client->attributes.value(QLatin1String("jaeger.warnings")).toString(),
        QStringLiteral("clock skew adjusted by 3ms"));
    QCOMPARE(client->events.size(), 1);
    QCOMPARE(client->events.first().name, QStringLiteral("error"));
    QCOMPARE(client->events.first().timeUnixNano, Q_INT64_C(1700000000085000000));
    QCOMPARE(client->events.first().attributes.value(QLatin1String("exception.type")).toString(),
        QStringLiteral("CardDeclined"));
    QCOMPARE(client->events.first().attributes.value(QLatin1String("exception.message")).toString(),
        QStringLiteral("card declined by issuer"));

    const Span *charge = spanById(r.batch.spans, "1111222233334444");
    QVERIFY(charge);
    QCOMPARE(charge->serviceName, QStringLiteral("payments")); // its own process
    QCOMPARE(charge->resourceAttributes.value(QLatin1String("ip")).toString(), QStringLiteral("10.0.0.7"));
    QCOMPARE(charge->parentSpanId, id("a1b2c3d4e5f60718", 8));
    QCOMPARE(charge->statusCode, StatusCode::Unset);
    QCOMPARE(charge->attributes.value(QLatin1String("payment.amount")).toDouble(), 42.5);
    QCOMPARE(charge->attributes.value(QLatin1String("payment.token")).toString(),
        QStringLiteral("AQID")); // base64 kept

    // FOLLOWS_FROM alone: no parent, a link with its type.
    const Span *receipt = spanById(r.batch.spans, "5555666677778888");
    QVERIFY(receipt);
    QVERIFY(receipt->parentSpanId.isEmpty());
    QCOMPARE(receipt->kind, SpanKind::Producer);
    QCOMPARE(receipt->links.size(), 1);
    QCOMPARE(receipt->links.first().spanId, id("00f067aa0ba902b7", 8));
    QCOMPARE(receipt->links.first().attributes.value(QLatin1String("jaeger.ref_type")).toString(),
        QStringLiteral("follows_from"));

    // Short ids (Jaeger drops leading zeros) are left-padded.
    const Span *janitor = spanById(r.batch.spans, "00000000000000de");
    QVERIFY(janitor);
    QCOMPARE(janitor->traceId, id("00000000000000000000000000000abc", 16));
    QCOMPARE(janitor->serviceName, QStringLiteral("janitor"));
    QCOMPARE(janitor->durationNano(), Q_INT64_C(2500000000));
}

// The JSON decoder maps through the Thrift decoder's code: the same spans sent as Thrift come
// out the same, field for field (times, tags, kinds, status, references, logs).
void TestTraceFile::jaegerMatchesThriftMapping()
{
    const DecodeResult json = decodeJaegerJson(readData(QStringLiteral("jaeger_ui_export.json")));
    QVERIFY2(json.ok(), qPrintable(json.error));
    QList<Span> viaThrift;
    for (const QByteArray &batch : encodeJaegerThrift(json.batch.spans)) {
        const DecodeResult r = decodeJaegerThrift(batch);
        QVERIFY2(r.ok(), qPrintable(r.error));
        viaThrift += r.batch.spans;
    }
    QCOMPARE(viaThrift.size(), json.batch.spans.size());
    for (const Span &s : json.batch.spans) {
        const Span *t = spanById(viaThrift, idToHex(s.spanId).toLatin1().constData());
        QVERIFY(t);
        QCOMPARE(t->parentSpanId, s.parentSpanId);
        QCOMPARE(t->kind, s.kind);
        QCOMPARE(t->statusCode, s.statusCode);
        QCOMPARE(t->statusMessage, s.statusMessage);
        QCOMPARE(t->serviceName, s.serviceName);
        QCOMPARE(t->startTimeUnixNano, s.startTimeUnixNano);
        QCOMPARE(t->endTimeUnixNano, s.endTimeUnixNano);
        QCOMPARE(t->events.size(), s.events.size());
    }
}

void TestTraceFile::otlpJsonLines()
{
    const TraceFileDecode r = readTraceFile(dataPath(QStringLiteral("otlp_collector_file.jsonl")));
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.format, TraceFileFormat::OtlpJsonLines);
    const Span *child = spanById(r.batch.spans, "b7ad6b7169203332");
    QVERIFY(child);
    QCOMPARE(child->parentSpanId, id("b7ad6b7169203331", 8)); // across lines
    QCOMPARE(child->serviceName, QStringLiteral("inventory"));
    QCOMPARE(child->kind, SpanKind::Client);
    const Span *parent = spanById(r.batch.spans, "b7ad6b7169203331");
    QVERIFY(parent);
    QCOMPARE(parent->statusCode, StatusCode::Ok);
    QCOMPARE(parent->scopeName, QStringLiteral("otel-go"));
}

void TestTraceFile::malformed_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<TraceFileFormat>("format");
    QTest::addColumn<QString>("error");

    QTest::newRow("empty") << QByteArray(" \n\t") << TraceFileFormat::Unknown << "the file is empty";
    QTest::newRow("binary")
        << QByteArray("\x12\x8f\x01\x08", 4) << TraceFileFormat::Unknown
        << "unknown format: not JSON (it starts with the bytes 12 8f 01 08); Spanlight imports "
           "OTLP JSON, Zipkin v2 JSON and Jaeger JSON files";
    QTest::newRow("unknown object")
        << QByteArray(R"({"traces": [], "version": 2})") << TraceFileFormat::Unknown
        << "unknown format: a JSON object with the keys traces, version, but no "
           "resourceSpans (OTLP JSON) or data (Jaeger JSON); Spanlight imports OTLP "
           "JSON, Zipkin v2 JSON and Jaeger JSON files";
    QTest::newRow("unknown broken object")
        << QByteArray("{\"traces\": [1,\n 2,") << TraceFileFormat::Unknown
        << "unknown format: not valid JSON at line 2, column 4: unterminated array; "
           "Spanlight imports OTLP JSON, Zipkin v2 JSON and Jaeger JSON files";
    QTest::newRow("jaeger data not array")
        << QByteArray(R"({"data": {"traceID": "1"}})") << TraceFileFormat::JaegerJson
        << "Jaeger JSON: data: not an array";
    QTest::newRow("jaeger spans missing")
        << QByteArray(R"({"data": [{"traceID": "1", "processes": {}}]})") << TraceFileFormat::JaegerJson
        << "Jaeger JSON: data[0].spans: missing";
    QTest::newRow("jaeger startTime wrong type")
        << QByteArray(R"({"data":[{"spans":[{"traceID":"1","spanID":"2","startTime":true,"processID":"p1"}],)"
                      R"("processes":{"p1":{"serviceName":"a"}}}]})")
        << TraceFileFormat::JaegerJson << "Jaeger JSON: data[0].spans[0].startTime: not an integer";
    QTest::newRow("jaeger fractional duration") << QByteArray(
        R"({"data":[{"spans":[{"traceID":"1","spanID":"2","startTime":5,"duration":1.5,"processID":"p1"}],)"
        R"("processes":{"p1":{"serviceName":"a"}}}]})")
                                                << TraceFileFormat::JaegerJson
                                                << "Jaeger JSON: data[0].spans[0].duration: not an integer";
    QTest::newRow("jaeger tag type") << QByteArray(
        R"({"data":[{"spans":[{"traceID":"1","spanID":"2","startTime":5,"processID":"p1",)"
        R"("tags":[{"key":"a","type":"string","value":"x"},{"key":"b","type":"uuid","value":"x"}]}],)"
        R"("processes":{"p1":{"serviceName":"a"}}}]})")
                                     << TraceFileFormat::JaegerJson
                                     << "Jaeger JSON: data[0].spans[0].tags[1].type: unknown tag type "
                                        "\"uuid\" (expected string, bool, int64, "
                                        "float64 or binary)";
    QTest::newRow("jaeger bool tag value") << QByteArray(
        R"({"data":[{"spans":[{"traceID":"1","spanID":"2","startTime":5,"processID":"p1",)"
        R"("tags":[{"key":"error","type":"bool","value":7}]}],"processes":{"p1":{"serviceName":"a"}}}]})")
                                           << TraceFileFormat::JaegerJson
                                           << "Jaeger JSON: data[0].spans[0].tags[0].value: not a boolean";
    QTest::newRow("jaeger refType") << QByteArray(
        R"({"data":[{"spans":[{"traceID":"1","spanID":"2","startTime":5,"processID":"p1",)"
        R"("references":[{"refType":"PARENT","traceID":"1","spanID":"3"}]}],"processes":{"p1":{"serviceName":"a"}}}]})")
                                    << TraceFileFormat::JaegerJson
                                    << "Jaeger JSON: data[0].spans[0].references[0].refType: unknown "
                                       "reference type \"PARENT\" (expected "
                                       "CHILD_OF or FOLLOWS_FROM)";
    QTest::newRow("jaeger unknown process")
        << QByteArray(R"({"data":[{"spans":[{"traceID":"1","spanID":"2","startTime":5,"processID":"p9"}],)"
                      R"("processes":{"p1":{"serviceName":"a"}}}]})")
        << TraceFileFormat::JaegerJson
        << "Jaeger JSON: data[0].spans[0].processID: \"p9\" is not in data[0].processes";
    QTest::newRow("jaeger process without name")
        << QByteArray(R"({"data":[{"spans":[],"processes":{"p1":{"tags":[]}}}]})")
        << TraceFileFormat::JaegerJson << "Jaeger JSON: data[0].processes.p1.serviceName: missing";
    QTest::newRow("otlp wrong type") << QByteArray(R"({"resourceSpans": [{"scopeSpans": {"spans": []}}]})")
                                     << TraceFileFormat::OtlpJson
                                     << "OTLP JSON: resourceSpans[0].scopeSpans: not an array";
    QTest::newRow("otlp lines, second line broken")
        << QByteArray("{\"resourceSpans\": []}\n{\"resourceSpans\": [\n") << TraceFileFormat::OtlpJsonLines
        << "OTLP JSON lines: line 2: not valid JSON at column 20: unterminated array";
    QTest::newRow("otlp lines, not a request")
        << QByteArray("{\"resourceSpans\": []}\n\n{\"data\": []}\n") << TraceFileFormat::OtlpJsonLines
        << "OTLP JSON lines: line 3: not an OTLP JSON request (no resourceSpans)";
    QTest::newRow("zipkin wrong type")
        << QByteArray(R"([{"traceId": "1", "id": "2", "name": 5}])") << TraceFileFormat::ZipkinJson
        << "Zipkin v2 JSON: spans[0].name: not a string";
    QTest::newRow("zipkin truncated")
        << QByteArray("[{\"traceId\": \"1\",\n  \"id\": \"2") << TraceFileFormat::ZipkinJson
        << "Zipkin v2 JSON: not valid JSON at line 2, column 11: unterminated string";
}

void TestTraceFile::malformed()
{
    QFETCH(QByteArray, bytes);
    QFETCH(TraceFileFormat, format);
    QFETCH(QString, error);
    const TraceFileDecode r = decodeTraceFile(bytes);
    QCOMPARE(r.error, error);
    QCOMPARE(r.format, format);
    QVERIFY(r.batch.spans.isEmpty());
}

// Every fixture cut short is refused as the format it was, with the place of the cut.
void TestTraceFile::truncatedFixtures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<TraceFileFormat>("format");
    QTest::newRow("jaeger") << "jaeger_ui_export.json" << TraceFileFormat::JaegerJson;
    QTest::newRow("otlp") << "otlp_export.json" << TraceFileFormat::OtlpJson;
    QTest::newRow("zipkin") << "zipkin_export.json" << TraceFileFormat::ZipkinJson;
}

void TestTraceFile::truncatedFixtures()
{
    QFETCH(QString, file);
    QFETCH(TraceFileFormat, format);
    const QByteArray bytes = readData(file);
    const QByteArray cut = bytes.first(bytes.size() * 2 / 3);
    const TraceFileDecode r = decodeTraceFile(cut);
    QCOMPARE(r.format, format);
    QVERIFY2(r.error.startsWith(traceFileFormatName(format) + QStringLiteral(": not valid JSON at line ")),
        qPrintable(r.error));
    const int lines = int(cut.trimmed().count('\n')) + 1;
    QVERIFY2(r.error.contains(QStringLiteral("line %1,").arg(lines)), qPrintable(r.error));
}

void TestTraceFile::fileErrors()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QCOMPARE(readTraceFile(dir.filePath(QStringLiteral("nope.json"))).error, QStringLiteral("no such file"));
    QCOMPARE(readTraceFile(dir.path()).error, QStringLiteral("a folder, not a file"));

    QFile big(dir.filePath(QStringLiteral("big.json")));
    QVERIFY(big.open(QIODevice::WriteOnly));
    big.write(readData(QStringLiteral("zipkin_export.json")));
    big.close();
    const qint64 size = big.size();
    QVERIFY(readTraceFile(big.fileName(), size).ok()); // at the limit: read
    QCOMPARE(readTraceFile(big.fileName(), size - 1).error.left(12), QStringLiteral("the file is "));
    QVERIFY(readTraceFile(big.fileName(), size - 1).error.endsWith(QStringLiteral("MiB are not imported")));
    // The default limit, as the console uses it.
    QVERIFY(readTraceFile(big.fileName()).ok());
    QCOMPARE(kMaxTraceFileBytes, Q_INT64_C(256) * 1024 * 1024);
}

void TestTraceFile::importsIntoStore()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString error;
    auto store = Store::open(QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("import.db")), &error);
    QVERIFY2(store, qPrintable(error));
    IngestPipeline pipeline(*store);

    const TraceImportResult r = importTraceFile(pipeline, dataPath(QStringLiteral("jaeger_ui_export.json")));
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.format, TraceFileFormat::JaegerJson);
    QCOMPARE(r.spans, 5);
    QCOMPARE(r.traces, 2);
    QCOMPARE(r.rejectedSpans, 0);
    QCOMPARE(r.firstTraceId, id("4bf92f3577b34da6a3ce929d0e0e4736", 16));

    // Committed when importTraceFile() returns: read back at once, no waiting.
    const QList<Span> spans = store->traceSpans(r.firstTraceId);
    QCOMPARE(spans.size(), 4);
    const Span *root = spanById(spans, "00f067aa0ba902b7");
    const Span *client = spanById(spans, "a1b2c3d4e5f60718");
    const Span *charge = spanById(spans, "1111222233334444");
    QVERIFY(root && client && charge);
    QCOMPARE(client->parentSpanId, root->spanId);
    QCOMPARE(charge->parentSpanId, client->spanId);
    QCOMPARE(root->serviceName, QStringLiteral("frontend"));
    QCOMPARE(charge->serviceName, QStringLiteral("payments"));
    QCOMPARE(root->attributes.value(QLatin1String("http.method")).toString(), QStringLiteral("GET"));
    QCOMPARE(charge->attributes.value(QLatin1String("payment.amount")).toDouble(), 42.5);
    QCOMPARE(client->statusCode, StatusCode::Error);
    QCOMPARE(client->statusMessage, QStringLiteral("card declined"));
    QCOMPARE(client->events.size(), 1);

    const StoreStats stats = store->stats();
    QCOMPARE(stats.spans, 5);
    QCOMPARE(stats.traces, 2);

    // The other formats into the same store.
    const TraceImportResult otlp = importTraceFile(pipeline, dataPath(QStringLiteral("otlp_export.json")));
    QVERIFY2(otlp.ok(), qPrintable(otlp.error));
    QCOMPARE(otlp.spans, 2);
    QCOMPARE(otlp.traces, 1);
    const QList<Span> cart = store->traceSpans(otlp.firstTraceId);
    QCOMPARE(cart.size(), 2);
    const Span *select = spanById(cart, "eee19b7ec3c1b175");
    QVERIFY(select);
    QCOMPARE(select->parentSpanId, id("eee19b7ec3c1b174", 8));
    QCOMPARE(select->statusCode, StatusCode::Error);
    QCOMPARE(select->statusMessage, QStringLiteral("deadlock detected"));
    QCOMPARE(select->resourceAttributes.value(QLatin1String("deployment.environment")).toString(),
        QStringLiteral("staging"));

    const TraceImportResult zipkin
        = importTraceFile(pipeline, dataPath(QStringLiteral("zipkin_export.json")));
    QVERIFY2(zipkin.ok(), qPrintable(zipkin.error));
    QCOMPARE(zipkin.spans, 3);
    QCOMPARE(zipkin.traces, 1);
    const QList<Span> orders = store->traceSpans(zipkin.firstTraceId);
    QCOMPARE(orders.size(), 3);
    const Span *query = spanById(orders, "0020000000000001");
    QVERIFY(query);
    QCOMPARE(query->statusCode, StatusCode::Error);
    QCOMPARE(query->attributes.value(QLatin1String("peer.service")).toString(), QStringLiteral("mysql"));
    QCOMPARE(store->stats().spans, 10);

    // Importing the same file again stores nothing twice (the store keys spans on their ids).
    QVERIFY(importTraceFile(pipeline, dataPath(QStringLiteral("zipkin_export.json"))).ok());
    QCOMPARE(store->traceSpans(zipkin.firstTraceId).size(), 3);
    store->close();
}

void TestTraceFile::importReportsRejectedAndEmpty()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString error;
    auto store = Store::open(QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("import.db")), &error);
    QVERIFY2(store, qPrintable(error));
    // Small parts: a file larger than MAX_SPANS_PER_REQUEST is split, not cut.
    IngestLimits limits;
    limits.maxSpansPerRequest = 2;
    IngestPipeline pipeline(*store, limits);

    const TraceImportResult r = importTraceFile(pipeline, dataPath(QStringLiteral("jaeger_ui_export.json")));
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.spans, 5);
    QCOMPARE(r.traces, 2);
    QCOMPARE(store->stats().spans, 5);

    // One span with an id that is not hex: counted and said, the rest stored.
    const QString path = dir.filePath(QStringLiteral("bad_id.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(
        R"({"data":[{"spans":[)"
        R"({"traceID":"77","spanID":"1","startTime":1700000000000000,"duration":5,"processID":"p1"},)"
        R"({"traceID":"77","spanID":"xyz","startTime":1700000000000000,"duration":5,"processID":"p1"}],)"
        R"("processes":{"p1":{"serviceName":"a"}}}]})");
    file.close();
    const TraceImportResult bad = importTraceFile(pipeline, path);
    QVERIFY2(bad.ok(), qPrintable(bad.error));
    QCOMPARE(bad.spans, 1);
    QCOMPARE(bad.rejectedSpans, 1);
    QCOMPARE(bad.rejectMessage, QStringLiteral("spanID must be up to 16 hex digits"));

    // A valid file without spans is an import that did nothing: said so.
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("[]");
    file.close();
    const TraceImportResult empty = importTraceFile(pipeline, path);
    QCOMPARE(empty.error, QStringLiteral("the file holds no spans"));
    QCOMPARE(empty.format, TraceFileFormat::ZipkinJson);

    // A broken file reaches the result with its format and message.
    const TraceImportResult missing = importTraceFile(pipeline, dir.filePath(QStringLiteral("gone.json")));
    QCOMPARE(missing.error, QStringLiteral("no such file"));
    QCOMPARE(missing.path, dir.filePath(QStringLiteral("gone.json")));
    store->close();
}

// The pipeline's guards apply to imports as to any receiver: sampled-out spans are counted (and
// their traces not reported), and a rate-limited part is retried after the wait it is told.
void TestTraceFile::importFollowsSamplingAndRateLimit()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString error;
    auto store = Store::open(QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("import.db")), &error);
    QVERIFY2(store, qPrintable(error));
    {
        IngestLimits limits;
        limits.samplingRate = 0; // only failed spans are kept
        IngestPipeline pipeline(*store, limits);
        const TraceImportResult r
            = importTraceFile(pipeline, dataPath(QStringLiteral("jaeger_ui_export.json")));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.spans, 2); // the failed root and the failed client span
        QCOMPARE(r.sampledOutSpans, 3);
        QCOMPARE(r.traces, 1);
        QCOMPARE(store->stats().spans, 2);
    }
    {
        IngestLimits limits;
        limits.maxTracesPerSecond = 1;
        std::atomic<qint64> nowMs = 1'000'000; // the limiter's clock stands still until moved
        IngestPipeline pipeline(*store, limits, [&nowMs] { return nowMs.load(); });
        const TraceImportResult first
            = importTraceFile(pipeline, dataPath(QStringLiteral("zipkin_export.json")));
        QVERIFY2(first.ok(), qPrintable(first.error)); // one trace: the second's budget is gone
        QFuture<TraceImportResult> second = QtConcurrent::run(
            [&pipeline] { return importTraceFile(pipeline, dataPath(QStringLiteral("otlp_export.json"))); });
        QTRY_VERIFY(pipeline.counters().requestsRateLimited > 0); // refused, and waiting to retry
        QVERIFY(!second.isFinished());
        nowMs += 5000;
        second.waitForFinished();
        const TraceImportResult r = second.result();
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.spans, 2);
        QCOMPARE(store->traceSpans(r.firstTraceId).size(), 2);
    }
    store->close();
}

QTEST_GUILESS_MAIN(TestTraceFile)
#include "tst_tracefile.moc"
