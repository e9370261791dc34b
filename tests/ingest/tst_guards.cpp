#include "ingest/guards.h"
#include "ingest/otlpcodec.h"
#include "ingest/pipeline.h"
#include "spanlightserver.h"
#include "storage/store.h"

#include "testconfig.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QScopeGuard>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace spanlight;

// The guards of the ingest pipeline: sampling, rate limit and size limits.
class TestGuards : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void samplingIsByTraceId();
    void samplingRateIsHonoured_data();
    void samplingRateIsHonoured();
    void errorsAreAlwaysKept();
    void attributeLimits();
    void spansPerRequest();
    void rateLimiterBucket();
    void rateLimiterCountsTracesOnce();
    void pipelineSamplesAndLimits();
    void http429WithRetryAfter();
    void sendersTable();
    void sendersOverHttp();
};

static QByteArray randomTraceId(QRandomGenerator &rng)
{
    QByteArray id(16, Qt::Uninitialized);
    rng.fillRange(reinterpret_cast<quint32 *>(id.data()), 4);
    return id;
}

struct Exchange
{
    int status = 0;
    QByteArray body;
    QByteArray retryAfter;
};

// One request on loopback, waited for at most 10 s.
static Exchange exchange(QNetworkAccessManager &nam, const QNetworkRequest &request, const QByteArray &body, bool post)
{
    QNetworkReply *reply = post ? nam.post(request, body) : nam.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
    return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll(),
            reply->rawHeader("Retry-After")};
}

static Span span(const QByteArray &traceId, int index, bool error = false)
{
    Span s;
    s.traceId = traceId;
    s.spanId = QByteArray::fromHex(QByteArray::number(index + 1, 16).rightJustified(16, '0'));
    s.name = QStringLiteral("op");
    s.serviceName = QStringLiteral("svc");
    s.startTimeUnixNano = qint64(1735689600) * 1000000000 + index;
    s.endTimeUnixNano = s.startTimeUnixNano + 1000;
    if (error)
        s.statusCode = StatusCode::Error;
    return s;
}

void TestGuards::samplingIsByTraceId()
{
    QRandomGenerator rng(7);
    for (int i = 0; i < 200; ++i) {
        const QByteArray id = randomTraceId(rng);
        QCOMPARE(sampleTrace(id, 0.3), sampleTrace(id, 0.3)); // deterministic
        if (sampleTrace(id, 0.3)) // monotonic: kept at 0.3 means kept at any higher rate
            QVERIFY(sampleTrace(id, 0.31));
    }
    QVERIFY(sampleTrace(QByteArray(16, '\xff'), 1.0));
    QVERIFY(!sampleTrace(QByteArray(16, '\x00'), 0.0));
}

void TestGuards::samplingRateIsHonoured_data()
{
    QTest::addColumn<double>("rate");
    QTest::newRow("10%") << 0.1;
    QTest::newRow("50%") << 0.5;
    QTest::newRow("90%") << 0.9;
}

void TestGuards::samplingRateIsHonoured()
{
    QFETCH(double, rate);
    QRandomGenerator rng(42);
    int kept = 0;
    const int n = 20000;
    for (int i = 0; i < n; ++i)
        kept += sampleTrace(randomTraceId(rng), rate) ? 1 : 0;
    // binomial: 5 standard deviations is far beyond chance with a fixed seed
    const double sd = std::sqrt(n * rate * (1 - rate));
    QVERIFY2(std::abs(kept - n * rate) < 5 * sd, qPrintable(QString::number(kept)));
}

void TestGuards::errorsAreAlwaysKept()
{
    Span s = span(QByteArray(16, '\x01'), 0, true);
    QVERIFY(alwaysKeep(s));
    s.statusCode = StatusCode::Ok;
    QVERIFY(!alwaysKeep(s));
    s.attributes.insert(QStringLiteral("zipkin.debug"), true);
    QVERIFY(alwaysKeep(s));
}

void TestGuards::attributeLimits()
{
    IngestLimits limits;
    limits.maxAttributesPerSpan = 3;
    limits.maxAttributeValueLength = 5;
    SpanBatch batch;
    Span s = span(QByteArray(16, '\x01'), 0);
    s.attributes = {{QStringLiteral("a"), QStringLiteral("short")}, {QStringLiteral("b"), QStringLiteral("toolong")},
                    {QStringLiteral("c"), QJsonArray{QStringLiteral("fine"), QStringLiteral("much too long")}},
                    {QStringLiteral("d"), 1}, {QStringLiteral("e"), 2}};
    s.droppedAttributesCount = 1;
    s.events.append(SpanEvent{s.startTimeUnixNano, QStringLiteral("e"), {{QStringLiteral("x"), QStringLiteral("abcdefgh")}}, 0});
    s.resourceAttributes = {{QStringLiteral("service.name"), QStringLiteral("a-very-long-service")}};
    batch.spans = {s};
    const LimitEffects effects = applySpanLimits(batch, limits);
    const Span &out = batch.spans.first();
    QCOMPARE(effects.attributesDropped, 2);
    QCOMPARE(out.droppedAttributesCount, 3u); // added to what the client already dropped
    QCOMPARE(out.attributes.value(QStringLiteral("a")).toString(), QStringLiteral("short"));
    QCOMPARE(out.attributes.value(QStringLiteral("b")).toString(), QStringLiteral("toolo"));
    QCOMPARE(out.attributes.value(QStringLiteral("c")).toArray().at(1).toString(), QStringLiteral("much "));
    QVERIFY(!out.attributes.contains(QStringLiteral("d")));
    QCOMPARE(out.attributes.value(QStringLiteral("spanlight.truncated_attributes")).toArray(),
             (QJsonArray{QStringLiteral("b"), QStringLiteral("c")}));
    QCOMPARE(out.events.first().attributes.value(QStringLiteral("x")).toString(), QStringLiteral("abcde"));
    QCOMPARE(out.resourceAttributes.value(QStringLiteral("service.name")).toString(), QStringLiteral("a-ver"));
    QCOMPARE(effects.valuesTruncated, 4);
}

void TestGuards::spansPerRequest()
{
    IngestLimits limits;
    limits.maxSpansPerRequest = 10;
    SpanBatch batch;
    for (int i = 0; i < 25; ++i)
        batch.spans.append(span(QByteArray(16, '\x02'), i));
    applySpanLimits(batch, limits);
    QCOMPARE(batch.spans.size(), 10);
    QCOMPARE(batch.rejectedSpans, 15);
    QVERIFY(batch.rejectReasons.first().contains(QStringLiteral("MAX_SPANS_PER_REQUEST")));
}

void TestGuards::rateLimiterBucket()
{
    qint64 now = 1000000;
    TraceRateLimiter limiter(10, [&now] { return now; });
    QRandomGenerator rng(1);
    auto traces = [&rng](int n) {
        QList<Span> out;
        for (int i = 0; i < n; ++i)
            out.append(span(randomTraceId(rng), 0));
        return out;
    };
    QCOMPARE(limiter.admit(traces(6)), 0);
    QCOMPARE(limiter.admit(traces(4)), 0); // the whole second's budget
    QVERIFY(limiter.admit(traces(1)) >= 1); // empty: wait
    now += 500; // half a second refills 5
    QCOMPARE(limiter.admit(traces(5)), 0);
    QCOMPARE(limiter.admit(traces(1)), 1);
    now += 10000; // a long pause refills to the capacity, not beyond
    QCOMPARE(limiter.admit(traces(10)), 0);
    QVERIFY(limiter.admit(traces(1)) >= 1);
    now += 60000;
    QCOMPARE(limiter.admit(traces(50)), 0); // bigger than a second's budget passes on a full bucket
    QVERIFY(limiter.admit(traces(1)) >= 1);
}

void TestGuards::rateLimiterCountsTracesOnce()
{
    qint64 now = 5000;
    TraceRateLimiter limiter(2, [&now] { return now; });
    const QByteArray a(16, '\x0a');
    const QByteArray b(16, '\x0b');
    QCOMPARE(limiter.admit({span(a, 0), span(a, 1), span(b, 0)}), 0); // two traces, five spans
    QCOMPARE(limiter.admit({span(a, 2), span(b, 3)}), 0); // late spans of admitted traces are free
    QVERIFY(limiter.admit({span(QByteArray(16, '\x0c'), 0)}) >= 1);
    TraceRateLimiter unlimited(0);
    QCOMPARE(unlimited.admit({span(QByteArray(16, '\x0d'), 0)}), 0);
}

void TestGuards::pipelineSamplesAndLimits()
{
    QTemporaryDir dir;
    QString error;
    auto store = Store::open(QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("g.db")), &error);
    QVERIFY2(store, qPrintable(error));
    IngestLimits limits;
    limits.samplingRate = 0.0; // keep nothing but errors
    IngestPipeline pipeline(*store, limits);
    SpanBatch batch;
    batch.spans = {span(QByteArray(16, '\x21'), 0), span(QByteArray(16, '\x21'), 1, true), span(QByteArray(16, '\x22'), 0)};
    const IngestOutcome outcome = pipeline.submit(batch).result();
    QCOMPARE(outcome.status, IngestOutcome::Status::Committed);
    QCOMPARE(outcome.acceptedSpans, 1);
    QCOMPARE(outcome.rejectedSpans, 0); // sampled-out spans are not rejections
    QCOMPARE(pipeline.counters().spansSampledOut.load(), 2);
    QCOMPARE(store->stats().spans, 1);
    QCOMPARE(store->traceSpans(QByteArray(16, '\x21')).first().statusCode, StatusCode::Error);
}

void TestGuards::http429WithRetryAfter()
{
    QTemporaryDir dir;
    Config c = ephemeralConfig(dir.filePath(QStringLiteral("r.db")), QStringLiteral("t"));
    c.maxTracesPerSecond = 2;
    SpanlightServer server(c);
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    QNetworkAccessManager nam;
    auto post = [&](const QList<Span> &spans) {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/v1/traces").arg(server.otlpHttpPort())));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        const Exchange e = exchange(nam, request, encodeOtlpJson(spans), true);
        return std::make_pair(e.status, e.retryAfter);
    };
    QCOMPARE(post({span(QByteArray(16, '\x31'), 0), span(QByteArray(16, '\x32'), 0)}).first, 200);
    const auto refused = post({span(QByteArray(16, '\x33'), 0)});
    QCOMPARE(refused.first, 429);
    QVERIFY(refused.second.toInt() >= 1);
    QCOMPARE(server.store()->stats().traces, 2); // never silently dropped: refused, and not stored
    QCOMPARE(server.pipeline()->counters().requestsRateLimited.load(), 1);
    server.stop();
}

void TestGuards::sendersTable()
{
    qint64 now = 1'000'000'000'000;
    IngestSenders senders([&now] { return now; }, 3);
    senders.accepted(IngestProtocolId::OtlpHttp, u"10.0.0.1"_qs, u"cart"_qs, 120);
    now += 10'000;
    senders.accepted(IngestProtocolId::OtlpHttp, u"10.0.0.1"_qs, u"cart"_qs, 60);
    senders.rejected(IngestProtocolId::OtlpHttp, u"10.0.0.1"_qs, u"cart"_qs, SpanRejection::Invalid, 2, u"bad id"_qs);
    senders.rejected(IngestProtocolId::OtlpHttp, u"10.0.0.1"_qs, u"cart"_qs, SpanRejection::SampledOut, 0, {});
    now += 1'000;
    senders.refused(IngestProtocolId::Zipkin, u"10.0.0.2"_qs, RequestRefusal::Malformed, u"not JSON"_qs);

    QList<SenderStats> rows = senders.snapshot();
    QCOMPARE(rows.size(), 2); // a rejection of no spans records nothing
    QCOMPARE(rows[0].protocol, IngestProtocolId::Zipkin); // seen last, first
    QVERIFY(rows[0].service.isEmpty());
    QCOMPARE(rows[0].refusedRequests[size_t(RequestRefusal::Malformed)], 1);
    QCOMPARE(rows[0].totalRefusedRequests(), 1);
    QCOMPARE(rows[0].lastProblem, u"not JSON"_qs);
    const SenderStats &cart = rows[1];
    QCOMPARE(cart.acceptedSpans, 180);
    // The rate is over the whole 5 s buckets before the current one and the second of the
    // current one gone by: 56 s.
    QCOMPARE(cart.spansPerSecond, 180.0 / 56);
    QCOMPARE(cart.rejectedSpans[size_t(SpanRejection::Invalid)], 2);
    QCOMPARE(cart.totalRejectedSpans(), 2);
    QCOMPARE(cart.lastProblem, u"bad id"_qs);
    QCOMPARE(cart.firstSeenMs, 1'000'000'000'000);
    QCOMPARE(cart.lastSeenMs, 1'000'000'010'000);

    // The rate covers the last minute only; the totals stay.
    now += 55'000; // the first batch's bucket has left the window, the second's has not
    rows = senders.snapshot();
    QCOMPARE(rows[1].spansPerSecond, 60.0 / 56);
    now += 54'000; // two minutes after the first batch: in the slot its bucket had
    rows = senders.snapshot();
    QCOMPARE(rows[1].spansPerSecond, 0.0);
    QCOMPARE(rows[1].acceptedSpans, 180);
    // A slot reused by a later bucket starts from zero.
    senders.accepted(IngestProtocolId::OtlpHttp, u"10.0.0.1"_qs, u"cart"_qs, 6);
    QCOMPARE(senders.snapshot().first().spansPerSecond, 6.0 / 55); // at a bucket's start: 55 s

    // Bounded: a fourth sender forgets the one seen longest ago (the Zipkin one).
    now += 1'000;
    senders.accepted(IngestProtocolId::Jaeger, u"10.0.0.3"_qs, u"a"_qs, 1);
    now += 1'000;
    senders.accepted(IngestProtocolId::Jaeger, u"10.0.0.3"_qs, u"b"_qs, 1);
    rows = senders.snapshot();
    QCOMPARE(rows.size(), 3);
    for (const SenderStats &r : rows)
        QVERIFY(r.protocol != IngestProtocolId::Zipkin);
}

void TestGuards::sendersOverHttp()
{
    QTemporaryDir dir;
    Config c = ephemeralConfig(dir.filePath(QStringLiteral("s.db")), QStringLiteral("t"));
    c.maxSpansPerRequest = 3;
    SpanlightServer server(c);
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    const auto stopServer = qScopeGuard([&] { server.stop(); });
    QNetworkAccessManager nam;
    auto send = [&](const QNetworkRequest &request, const QByteArray &body, bool post) {
        const Exchange e = exchange(nam, request, body, post);
        return std::make_pair(e.status, e.body);
    };
    auto otlp = [&](const QByteArray &body, const QByteArray &type = "application/json") {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/v1/traces").arg(server.otlpHttpPort())));
        request.setHeader(QNetworkRequest::ContentTypeHeader, type);
        return send(request, body, true).first;
    };
    QList<Span> cart = {span(QByteArray(16, '\x41'), 0), span(QByteArray(16, '\x41'), 1)};
    for (Span &s : cart)
        s.serviceName = QStringLiteral("cart");
    QList<Span> mixed = {span(QByteArray(16, '\x42'), 0), span(QByteArray(16, '\x42'), 1)};
    mixed[1].serviceName = QStringLiteral("ledger");
    QCOMPARE(otlp(encodeOtlpJson(cart)), 200);
    QCOMPARE(otlp(encodeOtlpJson(mixed)), 200);
    // Five spans of one service: two over MAX_SPANS_PER_REQUEST.
    QList<Span> many;
    for (int i = 0; i < 5; ++i)
        many.append(span(QByteArray(16, '\x43'), 10 + i));
    QCOMPARE(otlp(encodeOtlpJson(many)), 200);
    // Four spans, the last two of "audit": the two over the limit count for it, the third for svc.
    QList<Span> tail = {span(QByteArray(16, '\x44'), 0), span(QByteArray(16, '\x44'), 1),
                        span(QByteArray(16, '\x44'), 2), span(QByteArray(16, '\x44'), 3)};
    tail[2].serviceName = tail[3].serviceName = QStringLiteral("audit");
    QCOMPARE(otlp(encodeOtlpJson(tail)), 200);
    QCOMPARE(otlp("{not json"), 400);
    QCOMPARE(otlp(encodeOtlpJson(cart), "text/plain"), 415);

    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/ingest/senders").arg(server.apiPort())));
    QCOMPARE(send(request, {}, false).first, 401); // behind the token like every endpoint
    request.setRawHeader("Authorization", "Bearer t");
    const auto [status, body] = send(request, {}, false);
    QCOMPARE(status, 200);
    const QJsonObject answer = QJsonDocument::fromJson(body).object();
    QCOMPARE(answer.value(u"rate_window_seconds"_qs).toInt(), IngestSenders::kRateWindowSeconds);
    QMap<QString, QJsonObject> byService;
    for (const QJsonValue &v : answer.value(u"senders"_qs).toArray()) {
        const QJsonObject row = v.toObject();
        QCOMPARE(row.value(u"protocol"_qs).toString(), u"otlp_http"_qs);
        QCOMPARE(row.value(u"remote_address"_qs).toString(), u"127.0.0.1"_qs);
        byService.insert(row.value(u"service_name"_qs).isNull() ? u"(none)"_qs : row.value(u"service_name"_qs).toString(), row);
    }
    QCOMPARE(byService.keys(), QStringList({u"(none)"_qs, u"audit"_qs, u"cart"_qs, u"ledger"_qs, u"svc"_qs}));
    QCOMPARE(byService[u"audit"_qs].value(u"accepted_spans"_qs).toInt(), 1);
    QCOMPARE(byService[u"audit"_qs].value(u"rejected_spans"_qs).toObject().value(u"request_limit"_qs).toInt(), 1);
    QCOMPARE(byService[u"cart"_qs].value(u"accepted_spans"_qs).toInt(), 2);
    QVERIFY(byService[u"cart"_qs].value(u"spans_per_second"_qs).toDouble() > 0);
    QCOMPARE(byService[u"ledger"_qs].value(u"accepted_spans"_qs).toInt(), 1);
    QCOMPARE(byService[u"svc"_qs].value(u"accepted_spans"_qs).toInt(), 6); // 1 of "mixed", 3 of "many", 2 of "tail"
    const QJsonObject svcRejected = byService[u"svc"_qs].value(u"rejected_spans"_qs).toObject();
    QCOMPARE(svcRejected.value(u"request_limit"_qs).toInt(), 2);
    QCOMPARE(svcRejected.value(u"invalid"_qs).toInt(), 0);
    QVERIFY(byService[u"svc"_qs].value(u"last_problem"_qs).toObject().value(u"message"_qs).toString()
                .contains(u"MAX_SPANS_PER_REQUEST"_qs));
    const QJsonObject refused = byService[u"(none)"_qs].value(u"refused_requests"_qs).toObject();
    QCOMPARE(refused.value(u"malformed"_qs).toInt(), 1);
    QCOMPARE(refused.value(u"unsupported"_qs).toInt(), 1);
    QCOMPARE(byService[u"(none)"_qs].value(u"accepted_spans"_qs).toInt(), 0);
    QVERIFY(byService[u"(none)"_qs].value(u"last_problem"_qs).toObject().value(u"message"_qs).toString()
                .contains(u"Content-Type"_qs));
}

QTEST_GUILESS_MAIN(TestGuards)
#include "tst_guards.moc"
