#include "ingest/otlpcodec.h"
#include "redis/querycache.h"
#include "redis/redisclient.h"
#include "spanlightserver.h"
#include "storage/store.h"

#include "httptestclient.h"
#include "prometheustext.h"
#include "redisserverprocess.h"
#include "spanlightdprocess.h"
#include "testconfig.h"

#include <QDir>
#include <QElapsedTimer>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace spanlight;

namespace {

const QByteArray kToken = "redis-test-token";

Span span(const QByteArray &traceId, int index)
{
    Span s;
    s.traceId = traceId;
    s.spanId = QByteArray::fromHex(QByteArray::number(index + 1, 16).rightJustified(16, '0'));
    s.name = QStringLiteral("op");
    s.serviceName = QStringLiteral("svc");
    s.startTimeUnixNano = QDateTime::currentMSecsSinceEpoch() * 1000000 + index;
    s.endTimeUnixNano = s.startTimeUnixNano + 1000;
    return s;
}

// A fresh random trace id each call: every test's traces are new to every limiter.
QByteArray newTraceId()
{
    QByteArray id(16, Qt::Uninitialized);
    for (char &c : id)
        c = char(QRandomGenerator::global()->bounded(256));
    return id;
}

// Log lines of the servers in this process, to check what is (not) said.
QMutex g_logMutex;
QStringList g_log;
QtMessageHandler g_previous = nullptr;
void capture(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        const QMutexLocker lock(&g_logMutex);
        g_log.append(message);
    }
    if (g_previous)
        g_previous(type, context, message);
}

} // namespace

// REDIS_URL against a real redis-server on loopback: the client (binary values, AUTH, SELECT,
// backoff), the MAX_TRACES_PER_SECOND budget shared by two in-process servers, falling back to
// each instance's own limit when Redis dies, the shared query cache (X-Cache), and passwords.
class TestRedis : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void clientRoundTrips();
    void clientPassword();
    void clientBacksOffAndRecovers();
    void sharedBudget();
    void sharedBudgetBurst();
    void withoutRedisEachInstanceAlone();
    void redisKilledFallsBack();
    void hangingRedisDoesNotHoldRequests();
    void queryCache();
    void queryCacheKey();
    void deletionClearsTheCache();
    void noRedisNoCacheHeader();
    void passwordInUrl();
    void wrongPasswordWarnsAndFallsBack();
    void spanlightdProcesses();

private:
    std::unique_ptr<SpanlightServer> server(
        const QString &name, const QString &redisUrl, qint64 maxTraces, int cacheSeconds = 5);
    // POSTs the spans as OTLP/JSON; the status (0: no answer) and Retry-After.
    std::pair<int, QByteArray> post(quint16 otlpHttpPort, const QList<Span> &spans);
    std::pair<int, QByteArray> post(const SpanlightServer &s, const QList<Span> &spans)
    {
        return post(s.otlpHttpPort(), spans);
    }
    testsupport::Reply get(
        const SpanlightServer &s, const QString &pathAndQuery, const QByteArray &token = kToken);
    // POSTs `count` new traces until they are admitted (a 200), at most for `timeoutMs`; the last status.
    // (Not QTRY_COMPARE: it evaluates its expression again after success, which would post again.)
    int postUntilAdmitted(
        quint16 otlpHttpPort, int count, const QByteArray &firstTrace = {}, int timeoutMs = 5000);
    int postUntilAdmitted(const SpanlightServer &s, int count, const QByteArray &firstTrace = {})
    {
        return postUntilAdmitted(s.otlpHttpPort(), count, firstTrace);
    }

    QTemporaryDir m_dir;
    QNetworkAccessManager m_nam;
};

void TestRedis::initTestCase()
{
    QVERIFY(m_dir.isValid());
    g_previous = qInstallMessageHandler(capture);
}

void TestRedis::cleanupTestCase()
{
    qInstallMessageHandler(g_previous);
}

std::unique_ptr<SpanlightServer> TestRedis::server(
    const QString &name, const QString &redisUrl, qint64 maxTraces, int cacheSeconds)
{
    Config c = ephemeralConfig(m_dir.filePath(name + QStringLiteral(".db")), QString::fromLatin1(kToken));
    c.settingsFile = m_dir.filePath(name + QStringLiteral(".conf"));
    c.redisUrl = redisUrl;
    c.maxTracesPerSecond = maxTraces;
    c.queryCacheSeconds = cacheSeconds;
    auto s = std::make_unique<SpanlightServer>(c);
    QString error;
    if (!s->start(&error)) {
        qWarning("start failed: %s", qPrintable(error));
        return nullptr;
    }
    return s;
}

std::pair<int, QByteArray> TestRedis::post(quint16 otlpHttpPort, const QList<Span> &spans)
{
    const testsupport::Reply r
        = testsupport::request(m_nam, "POST", otlpHttpPort, QStringLiteral("/v1/traces"),
            encodeOtlpJson(spans), { { "Content-Type", "application/json" } }, 10000);
    return { r.status, r.header("Retry-After") };
}

testsupport::Reply TestRedis::get(
    const SpanlightServer &s, const QString &pathAndQuery, const QByteArray &token)
{
    return testsupport::request(
        m_nam, "GET", s.apiPort(), pathAndQuery, {}, { { "Authorization", "Bearer " + token } }, 10000);
}

int TestRedis::postUntilAdmitted(quint16 otlpHttpPort, int count, const QByteArray &firstTrace, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    int status = 0;
    do {
        QList<Span> spans;
        for (int i = 0; i < count; ++i)
            spans.append(span(i == 0 && !firstTrace.isEmpty() ? firstTrace : newTraceId(), i));
        status = post(otlpHttpPort, spans).first;
        if (status == 200)
            break;
        QTest::qWait(100);
    } while (timer.elapsed() < timeoutMs);
    return status;
}

void TestRedis::clientRoundTrips()
{
    REQUIRE_REDIS_SERVER();
    RedisServerProcess redis;
    QString error;
    QVERIFY2(redis.start(&error), qPrintable(error));
    RedisClient::Options o;
    QVERIFY2(RedisUrl::parse(redis.url({}, 3), &error).has_value(), qPrintable(error));
    o.url = *RedisUrl::parse(redis.url({}, 3), &error);
    o.purpose = QStringLiteral("test");
    RedisClient client(o);
    QVERIFY2(client.connectNow(&error), qPrintable(error));
    QVERIFY(client.up());
    // Binary-safe: NUL, CR/LF and non-UTF-8 bytes survive both ways.
    const QByteArray value("a\0b\r\n\xff\x01z", 9);
    const QByteArray key("k\0ey", 4);
    const auto set = client.command({ "SET", key, value });
    QVERIFY(set);
    QCOMPARE(set->type, RedisReply::Type::Status);
    const auto got = client.command({ "GET", key });
    QVERIFY(got);
    QCOMPARE(got->type, RedisReply::Type::String);
    QCOMPARE(got->bytes, value);
    QCOMPARE(client.command({ "GET", "absent" })->type, RedisReply::Type::Nil);
    QCOMPARE(client.command({ "INCRBY", "n", "41" })->integer, 41);
    QCOMPARE(client.command({ "NO-SUCH-COMMAND" })->type, RedisReply::Type::Error); // a reply, not an outage
    QVERIFY(client.up());
    // SELECT 3 took effect: database 0 has no "n", database 3 has.
    QVERIFY2(redis.command("EXISTS n").startsWith(":0"), redis.command("EXISTS n").constData());
    QCOMPARE(client.stats().errors.load(), 0);
    QCOMPARE(client.stats().outages.load(), 0);
}

void TestRedis::clientPassword()
{
    REQUIRE_REDIS_SERVER();
    RedisServerProcess redis;
    QString error;
    QVERIFY2(redis.start(&error, { QStringLiteral("--requirepass"), QStringLiteral("s3cret-pw") }),
        qPrintable(error));
    auto make = [&](const QString &password) {
        RedisClient::Options o;
        QString unused;
        o.url = RedisUrl::parse(redis.url(password), &unused).value();
        o.purpose = QStringLiteral("test");
        return std::make_unique<RedisClient>(o);
    };
    {
        auto good = make(QStringLiteral("s3cret-pw"));
        QVERIFY2(good->connectNow(&error), qPrintable(error));
        QCOMPARE(good->command({ "PING" })->bytes, QByteArray("PONG"));
    }
    {
        auto wrong = make(QStringLiteral("not-the-pw"));
        QVERIFY(!wrong->connectNow(&error));
        QVERIFY2(error.contains(QStringLiteral("AUTH")) && error.contains(QStringLiteral("refused")),
            qPrintable(error));
        QVERIFY2(!error.contains(QStringLiteral("not-the-pw")), qPrintable(error));
        QVERIFY(!wrong->up());
    }
    {
        auto none = make({});
        QVERIFY(!none->connectNow(&error));
        QVERIFY2(error.contains(QStringLiteral("NOAUTH")), qPrintable(error));
    }
}

void TestRedis::clientBacksOffAndRecovers()
{
    REQUIRE_REDIS_SERVER();
    RedisServerProcess redis;
    QString error;
    QVERIFY2(redis.start(&error), qPrintable(error));
    qint64 now = 1000;
    RedisClient::Options o;
    o.url = RedisUrl::parse(redis.url(), &error).value();
    o.purpose = QStringLiteral("test");
    o.nowMs = [&now] { return now; };
    RedisClient client(o);
    QVERIFY(client.command({ "PING" }));
    {
        const QMutexLocker lock(&g_logMutex);
        g_log.clear();
    }
    auto logged = [](const QString &text) {
        const QMutexLocker lock(&g_logMutex);
        return std::count_if(
            g_log.cbegin(), g_log.cend(), [&](const QString &line) { return line.contains(text); });
    };
    redis.kill();
    QVERIFY(!client.command({ "PING" })); // the dropped connection: one failure, then backoff
    QCOMPARE(client.stats().errors.load(), 1);
    QCOMPARE(client.stats().outages.load(), 1);
    QVERIFY(!client.up());
    for (int i = 0; i < 50; ++i) // within the backoff nothing is tried, so nothing waits
        QVERIFY(!client.command({ "PING" }));
    QCOMPARE(client.stats().errors.load(), 1);
    QCOMPARE(client.stats().skipped.load(), 50);
    now += o.initialBackoffMs;
    QVERIFY(!client.command({ "PING" })); // tried again: still down; the backoff doubles
    QCOMPARE(client.stats().errors.load(), 2);
    now += o.initialBackoffMs;
    QVERIFY(!client.command({ "PING" }));
    QCOMPARE(client.stats().errors.load(), 2); // 2 * initial not over yet
    QCOMPARE(client.stats().outages.load(), 1); // one outage, however many failures
    QCOMPARE(logged(QStringLiteral("is unavailable for the test")), 1); // and one warning
    QVERIFY2(redis.start(&error), qPrintable(error)); // the same port, when it is still free
    now += 100000;
    if (redis.port() == client.options().url.port) {
        const auto back = client.command({ "PING" });
        QVERIFY(back);
        QVERIFY(client.up());
        QCOMPARE(client.stats().outages.load(), 1);
        QCOMPARE(logged(QStringLiteral("is back for the test")), 1);
    }
}

void TestRedis::sharedBudget()
{
    REQUIRE_REDIS_SERVER();
    RedisServerProcess redis;
    QString error;
    QVERIFY2(redis.start(&error), qPrintable(error));
    auto a = server(QStringLiteral("shared-a"), redis.url(), 2);
    auto b = server(QStringLiteral("shared-b"), redis.url(), 2);
    QVERIFY(a && b);
    // A takes the whole second's budget; B, which alone would admit its first trace, must wait.
    // The window slides: a round that straddles a second boundary late may let B pass
    // legitimately, so up to three rounds, each on fresh traces.
    bool refused = false;
    for (int round = 0; round < 3 && !refused; ++round) {
        QCOMPARE(postUntilAdmitted(*a, 2), 200);
        const auto answer = post(*b, { span(newTraceId(), 0) });
        QVERIFY(answer.first == 200 || answer.first == 429);
        if (answer.first == 429) {
            refused = true;
            QVERIFY(answer.second.toInt() >= 1);
        }
    }
    QVERIFY2(refused, "B was never refused although A had used the shared budget");
    const testsupport::PrometheusText m = testsupport::scrapeMetrics(m_nam, b->apiPort(), kToken);
    QVERIFY2(m.ok(), qPrintable(m.error));
    QVERIFY(m.value("tracing_ingest_rate_limit_decisions_total",
                { { "scope", "shared" }, { "result", "limited" } })
        >= 1);
    QCOMPARE(m.value("tracing_ingest_rate_limit_fallbacks_total"), 0.0);
    QCOMPARE(m.value("tracing_redis_up", { { "purpose", "rate_limit" } }), 1.0);
    // Spans of a trace A admitted lately cost nothing on A, however full the shared budget.
    const QByteArray trace = newTraceId();
    QCOMPARE(postUntilAdmitted(*a, 2, trace), 200);
    QCOMPARE(post(*a, { span(trace, 2) }).first, 200);
}

void TestRedis::sharedBudgetBurst()
{
    REQUIRE_REDIS_SERVER();
    RedisServerProcess redis;
    QString error;
    QVERIFY2(redis.start(&error), qPrintable(error));
    const qint64 rate = 5;
    auto a = server(QStringLiteral("burst-a"), redis.url(), rate);
    auto b = server(QStringLiteral("burst-b"), redis.url(), rate);
    QVERIFY(a && b);
    // One new trace per request, alternating, for about two seconds: together the two admit
    // about `rate` a second (a sliding window: at most the rate in any second, plus what was
    // taken in the second before the first request: a fresh Redis has none), where alone each would admit
    // `rate`.
    QElapsedTimer timer;
    timer.start();
    int admitted = 0, refused = 0, requests = 0;
    while (timer.elapsed() < 2000 && requests < 50000) {
        const int status = post(requests % 2 ? *b : *a, { span(newTraceId(), 0) }).first;
        QVERIFY2(status == 200 || status == 429, qPrintable(QString::number(status)));
        (status == 200 ? admitted : refused) += 1;
        ++requests;
    }
    const double seconds = double(timer.elapsed()) / 1000.0;
    qInfo("%d admitted, %d refused in %.2f s", admitted, refused, seconds);
    QVERIFY2(admitted <= int(rate * (std::ceil(seconds) + 1)),
        qPrintable(
            QStringLiteral("%1 admitted in %2 s at %3/s shared").arg(admitted).arg(seconds).arg(rate)));
    QVERIFY(admitted >= int(rate)); // the budget is used, not refused wholesale
    QVERIFY(refused > 0);
}

void TestRedis::withoutRedisEachInstanceAlone()
{
    auto a = server(QStringLiteral("alone-a"), {}, 2);
    auto b = server(QStringLiteral("alone-b"), {}, 2);
    QVERIFY(a && b);
    QCOMPARE(post(*a, { span(newTraceId(), 0), span(newTraceId(), 1) }).first, 200);
    QCOMPARE(post(*b, { span(newTraceId(), 0), span(newTraceId(), 1) }).first, 200); // its own budget
    QCOMPARE(post(*a, { span(newTraceId(), 0) }).first, 429); // A's own is spent
    const testsupport::PrometheusText m = testsupport::scrapeMetrics(m_nam, a->apiPort(), kToken);
    QVERIFY2(m.ok(), qPrintable(m.error));
    QCOMPARE(m.value("tracing_ingest_rate_limit_decisions_total",
                 { { "scope", "local" }, { "result", "admitted" } }),
        1.0);
    QCOMPARE(m.value("tracing_ingest_rate_limit_fallbacks_total"), 0.0); // nothing to fall back from
    QCOMPARE(m.series("tracing_redis_up").size(), 0);
}

void TestRedis::redisKilledFallsBack()
{
    REQUIRE_REDIS_SERVER();
    RedisServerProcess redis;
    QString error;
    QVERIFY2(redis.start(&error), qPrintable(error));
    auto a = server(QStringLiteral("killed-a"), redis.url(), 2);
    auto b = server(QStringLiteral("killed-b"), redis.url(), 2);
    QVERIFY(a && b);
    QCOMPARE(postUntilAdmitted(*a, 1), 200);
    QCOMPARE(get(*a, QStringLiteral("/services")).header("X-Cache"), QByteArray("miss"));
    {
        const QMutexLocker lock(&g_logMutex);
        g_log.clear();
    }
    redis.kill();
    // Both keep answering, each on its own budget: a full second's worth each (more than the
    // shared budget allows together), then refusals. No request waits long for the dead Redis.
    for (SpanlightServer *s : { a.get(), b.get() }) {
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(post(*s, { span(newTraceId(), 0), span(newTraceId(), 1) }).first, 200);
        QCOMPARE(post(*s, { span(newTraceId(), 0) }).first, 429);
        for (int i = 0; i < 10; ++i)
            QVERIFY(post(*s, { span(newTraceId(), 0) }).first != 0);
        const testsupport::Reply services = get(*s, QStringLiteral("/services"));
        QCOMPARE(services.status, 200);
        QCOMPARE(services.header("X-Cache"), QByteArray("bypass"));
        QVERIFY2(timer.elapsed() < 8000, "requests hung on the dead Redis"); // a hang check, not a speed test
        const testsupport::PrometheusText m = testsupport::scrapeMetrics(m_nam, s->apiPort(), kToken);
        QVERIFY2(m.ok(), qPrintable(m.error));
        QVERIFY(m.value("tracing_ingest_rate_limit_fallbacks_total") >= 12);
        QCOMPARE(m.value("tracing_redis_up", { { "purpose", "rate_limit" } }), 0.0);
        QCOMPARE(m.value("tracing_redis_outages_total", { { "purpose", "rate_limit" } }), 1.0);
        QCOMPARE(m.value("tracing_redis_outages_total", { { "purpose", "query_cache" } }), 1.0);
        QVERIFY(m.value("tracing_query_cache_requests_total", { { "result", "bypass" } }) >= 1);
    }
    // One warning per client per outage, however many requests met it.
    const QMutexLocker lock(&g_logMutex);
    const qsizetype warnings = std::count_if(g_log.cbegin(), g_log.cend(), [](const QString &line) {
        return line.contains(QStringLiteral("is unavailable for the rate limit"));
    });
    QCOMPARE(warnings, 2); // A's and B's
}

void TestRedis::hangingRedisDoesNotHoldRequests()
{
    REQUIRE_REDIS_SERVER();
    RedisServerProcess redis;
    QString error;
    QVERIFY2(redis.start(&error), qPrintable(error));
    auto a = server(QStringLiteral("hang-a"), redis.url(), 1000);
    QVERIFY(a);
    QCOMPARE(post(*a, { span(newTraceId(), 0) }).first, 200);
    QCOMPARE(get(*a, QStringLiteral("/services")).header("X-Cache"), QByteArray("miss"));
    {
        const QMutexLocker lock(&g_logMutex);
        g_log.clear();
    }
    // Connected, but Redis answers nothing: the command timeout ends the wait, the backoff
    // keeps the next requests from waiting at all.
    redis.pause();
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < 10; ++i) {
        QCOMPARE(post(*a, { span(newTraceId(), 0) }).first, 200);
        QCOMPARE(get(*a, QStringLiteral("/services")).status, 200);
    }
    QVERIFY2(timer.elapsed() < 8000, "requests waited for a Redis that does not answer"); // a hang check
    redis.resume();
    const testsupport::PrometheusText m = testsupport::scrapeMetrics(m_nam, a->apiPort(), kToken);
    QVERIFY2(m.ok(), qPrintable(m.error));
    QVERIFY(m.value("tracing_ingest_rate_limit_fallbacks_total") >= 1);
    QVERIFY(m.value("tracing_redis_errors_total", { { "purpose", "rate_limit" } }) >= 1);
    const QMutexLocker lock(&g_logMutex);
    QVERIFY2(
        g_log.join(u'\n').contains(QStringLiteral("no answer within 100 ms")), qPrintable(g_log.join(u'\n')));
}

void TestRedis::queryCache()
{
    REQUIRE_REDIS_SERVER();
    RedisServerProcess redis;
    QString error;
    QVERIFY2(redis.start(&error), qPrintable(error));
    auto a = server(QStringLiteral("cache-a"), redis.url(), 0, 2);
    auto b = server(QStringLiteral("cache-b"), redis.url(), 0, 2);
    QVERIFY(a && b);
    QCOMPARE(post(*a, { span(newTraceId(), 0) }).first, 200);

    const QString path = QStringLiteral("/errors?limit=5&service=svc");
    const testsupport::Reply first = get(*a, path);
    QCOMPARE(first.status, 200);
    QCOMPARE(first.header("X-Cache"), QByteArray("miss"));
    const testsupport::Reply second
        = get(*a, QStringLiteral("/errors?service=svc&limit=5")); // same query, other order
    QCOMPARE(second.header("X-Cache"), QByteArray("hit"));
    QCOMPARE(second.body, first.body);
    QCOMPARE(second.contentType, first.contentType);
    QCOMPARE(get(*b, path).header("X-Cache"), QByteArray("hit")); // shared by the instances
    QCOMPARE(get(*a, QStringLiteral("/errors?limit=6&service=svc")).header("X-Cache"), QByteArray("miss"));
    QCOMPARE(get(*a, QStringLiteral("/services")).header("X-Cache"), QByteArray("miss"));
    // Live, static or admin-only answers are never cached.
    for (const char *uncached : { "/health", "/metrics", "/", "/openapi.json", "/audit" }) {
        const testsupport::Reply r = get(*a, QLatin1String(uncached));
        QCOMPARE(r.status, 200);
        QVERIFY2(r.header("X-Cache").isNull(), uncached);
    }
    // Errors are not cached: a bad parameter is asked again.
    QCOMPARE(get(*a, QStringLiteral("/errors?limit=0")).status, 400);
    QVERIFY(get(*a, QStringLiteral("/errors?limit=0")).header("X-Cache") == "miss");
    // The answer expires after QUERY_CACHE_SECONDS (2 here), and then shows what came in meanwhile.
    // A fresh entry first (the one from above may expire between two requests).
    QElapsedTimer fresh;
    fresh.start();
    while (get(*a, QStringLiteral("/services")).header("X-Cache") != "miss" && fresh.elapsed() < 10000)
        QTest::qWait(100);
    const testsupport::Reply before = get(*a, QStringLiteral("/services"));
    QCOMPARE(before.header("X-Cache"), QByteArray("hit"));
    QVERIFY(!before.body.contains("late-service"));
    Span other = span(newTraceId(), 0);
    other.serviceName = QStringLiteral("late-service");
    QCOMPARE(post(*a, { other }).first, 200); // (each test server has its own SQLite store)
    QElapsedTimer timer;
    timer.start();
    testsupport::Reply after;
    do { // bounded polling (QTRY would ask once more after the miss, and get a hit)
        QTest::qWait(100);
        after = get(*a, QStringLiteral("/services"));
    } while (after.header("X-Cache") == "hit" && timer.elapsed() < 10000);
    QCOMPARE(after.header("X-Cache"), QByteArray("miss"));
    QVERIFY(after.body.contains("late-service"));
    // No key or value holds the token.
    const QByteArray keys = redis.command("KEYS *");
    QVERIFY(!keys.contains(kToken));
    const testsupport::PrometheusText m = testsupport::scrapeMetrics(m_nam, a->apiPort(), kToken);
    QVERIFY2(m.ok(), qPrintable(m.error));
    QVERIFY(m.value("tracing_query_cache_requests_total", { { "result", "hit" } }) >= 2);
    QVERIFY(m.value("tracing_query_cache_requests_total", { { "result", "miss" } }) >= 4);
    QCOMPARE(m.value("tracing_query_cache_requests_total", { { "result", "bypass" } }), 0.0);
    QCOMPARE(m.series("tracing_ingest_rate_limit_decisions_total").size(), 0); // no limit configured
}

// A deleted trace is not served from the shared cache afterwards, by any instance.
void TestRedis::deletionClearsTheCache()
{
    REQUIRE_REDIS_SERVER();
    RedisServerProcess redis;
    QString error;
    QVERIFY2(redis.start(&error), qPrintable(error));
    auto a = server(QStringLiteral("forget-a"), redis.url(), 0, 600);
    auto b = server(QStringLiteral("forget-b"), redis.url(), 0, 600);
    QVERIFY(a && b);
    const QByteArray trace = newTraceId();
    QCOMPARE(post(*a, { span(trace, 0) }).first, 200);
    const QString path = QStringLiteral("/traces/") + QString::fromLatin1(trace.toHex());
    QCOMPARE(get(*a, path).header("X-Cache"), QByteArray("miss"));
    const testsupport::Reply cached = get(*b, path); // b's own store has no such trace
    QCOMPARE(cached.status, 200);
    QCOMPARE(cached.header("X-Cache"), QByteArray("hit"));

    const testsupport::Reply deleted = testsupport::request(m_nam, "DELETE", a->apiPort(), path, {},
                                                            {{"Authorization", "Bearer " + kToken}}, 10000);
    QCOMPARE(deleted.status, 200);
    QVERIFY(deleted.header("Warning").isNull());
    QCOMPARE(get(*a, path).status, 404);
    const testsupport::Reply after = get(*b, path);
    QCOMPARE(after.header("X-Cache"), QByteArray("miss"));
    QCOMPARE(after.status, 404);
    QCOMPARE(redis.command("KEYS spanlight:cache:*"), QByteArray("*0\r\n")); // 404s are not cached either
}

void TestRedis::queryCacheKey()
{
    auto q = [](const char *text) { return QUrlQuery(QString::fromLatin1(text)); };
    const QString route = QStringLiteral("/services/{service_name}/performance");
    const QStringList args { QStringLiteral("checkout") };
    QCOMPARE(RedisQueryCache::key(route, args, q("time_range=1h&operation=a")),
        RedisQueryCache::key(route, args, q("operation=a&time_range=1h")));
    QCOMPARE(RedisQueryCache::key(route, args, q("operation=a%20b")),
        RedisQueryCache::key(route, args, q("operation=a b")));
    QVERIFY(RedisQueryCache::key(route, args, q("time_range=1h"))
        != RedisQueryCache::key(route, args, q("time_range=6h")));
    QVERIFY(
        RedisQueryCache::key(route, args, {}) != RedisQueryCache::key(route, { QStringLiteral("cart") }, {}));
    QVERIFY(RedisQueryCache::key(QStringLiteral("/errors"), {}, {})
        != RedisQueryCache::key(QStringLiteral("/traces"), {}, {}));
    // The API reads the first of repeated names: their order is part of the key.
    QVERIFY(RedisQueryCache::key(route, args, q("operation=a&operation=b"))
        != RedisQueryCache::key(route, args, q("operation=b&operation=a")));
    // No concatenation of names and values makes two requests one key.
    QVERIFY(RedisQueryCache::key(route, args, q("ab=c")) != RedisQueryCache::key(route, args, q("a=bc")));
    QVERIFY(RedisQueryCache::key(route, args, {}).startsWith("spanlight:cache:"));
}

void TestRedis::noRedisNoCacheHeader()
{
    auto s = server(QStringLiteral("plain"), {}, 0);
    QVERIFY(s);
    for (int i = 0; i < 2; ++i) {
        const testsupport::Reply r = get(*s, QStringLiteral("/services"));
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("X-Cache").isNull());
    }
    const testsupport::PrometheusText m = testsupport::scrapeMetrics(m_nam, s->apiPort(), kToken);
    QVERIFY2(m.ok(), qPrintable(m.error));
    QCOMPARE(m.series("tracing_query_cache_requests_total").size(), 0);
}

void TestRedis::passwordInUrl()
{
    REQUIRE_REDIS_SERVER();
    RedisServerProcess redis;
    QString error;
    QVERIFY2(redis.start(&error, { QStringLiteral("--requirepass"), QStringLiteral("pw-in-url") }),
        qPrintable(error));
    {
        const QMutexLocker lock(&g_logMutex);
        g_log.clear();
    }
    auto a = server(QStringLiteral("pw-a"), redis.url(QStringLiteral("pw-in-url"), 2), 2);
    auto b = server(QStringLiteral("pw-b"), redis.url(QStringLiteral("pw-in-url"), 2), 2);
    QVERIFY(a && b);
    QCOMPARE(get(*a, QStringLiteral("/services")).header("X-Cache"), QByteArray("miss"));
    QCOMPARE(get(*b, QStringLiteral("/services")).header("X-Cache"), QByteArray("hit"));
    QCOMPARE(postUntilAdmitted(*a, 1), 200);
    QVERIFY(redis.command("DBSIZE", QStringLiteral("pw-in-url")).startsWith(":0")); // database 2, not 0
    const testsupport::PrometheusText m = testsupport::scrapeMetrics(m_nam, a->apiPort(), kToken);
    QCOMPARE(m.value("tracing_redis_up", { { "purpose", "rate_limit" } }), 1.0);
    QCOMPARE(m.value("tracing_redis_errors_total", { { "purpose", "query_cache" } }), 0.0);
    const QMutexLocker lock(&g_logMutex);
    for (const QString &line : std::as_const(g_log))
        QVERIFY2(!line.contains(QStringLiteral("pw-in-url")), qPrintable(line));
    QVERIFY(g_log.join(u'\n').contains(QStringLiteral("(with a password)")));
}

void TestRedis::wrongPasswordWarnsAndFallsBack()
{
    REQUIRE_REDIS_SERVER();
    RedisServerProcess redis;
    QString error;
    QVERIFY2(redis.start(&error, { QStringLiteral("--requirepass"), QStringLiteral("right-pw") }),
        qPrintable(error));
    {
        const QMutexLocker lock(&g_logMutex);
        g_log.clear();
    }
    // Redis is optional: a wrong password is a warning at start, and the server runs alone.
    auto a = server(QStringLiteral("wrong-a"), redis.url(QStringLiteral("wrong-pw")), 2);
    QVERIFY(a);
    {
        const QMutexLocker lock(&g_logMutex);
        const QString log = g_log.join(u'\n');
        QVERIFY2(log.contains(QStringLiteral("AUTH")) && log.contains(QStringLiteral("WRONGPASS")),
            qPrintable(log));
        QVERIFY2(!log.contains(QStringLiteral("wrong-pw")) && !log.contains(QStringLiteral("right-pw")),
            qPrintable(log));
    }
    QCOMPARE(post(*a, { span(newTraceId(), 0), span(newTraceId(), 1) }).first, 200);
    QCOMPARE(post(*a, { span(newTraceId(), 0) }).first, 429); // its own limit
    QCOMPARE(get(*a, QStringLiteral("/services")).header("X-Cache"), QByteArray("bypass"));
    const testsupport::PrometheusText m = testsupport::scrapeMetrics(m_nam, a->apiPort(), kToken);
    QCOMPARE(m.value("tracing_redis_up", { { "purpose", "rate_limit" } }), 0.0);
    QVERIFY(m.value("tracing_redis_errors_total", { { "purpose", "rate_limit" } }) >= 1);
    QVERIFY(m.value("tracing_ingest_rate_limit_fallbacks_total") >= 1);
}

void TestRedis::spanlightdProcesses()
{
    REQUIRE_REDIS_SERVER();
    if (qEnvironmentVariableIsEmpty("SPANLIGHTD_BIN"))
        QSKIP("SPANLIGHTD_BIN is not set (run through ctest)");
    RedisServerProcess redis;
    QString error;
    QVERIFY2(redis.start(&error, { QStringLiteral("--requirepass"), QStringLiteral("proc-pw") }),
        qPrintable(error));
    // Two real spanlightd processes, as behind a load balancer (each on its own SQLite file
    // here; in production they share a PostgreSQL).
    std::vector<std::unique_ptr<SpanlightdProcess>> servers;
    for (const char *name : { "proc-a", "proc-b" }) {
        const QString dir = m_dir.filePath(QLatin1String(name));
        QVERIFY(QDir().mkpath(dir));
        QProcessEnvironment env = SpanlightdProcess::testEnvironment(
            dir, QStringLiteral("spans.db"), QString::fromLatin1(kToken));
        env.insert(QStringLiteral("REDIS_URL"), redis.url(QStringLiteral("proc-pw")));
        env.insert(QStringLiteral("MAX_TRACES_PER_SECOND"), QStringLiteral("2"));
        servers.push_back(std::make_unique<SpanlightdProcess>(env));
        QVERIFY2(servers.back()->start(&error), qPrintable(error));
        QVERIFY2(servers.back()->log().contains(QStringLiteral("(with a password)")),
            qPrintable(servers.back()->log()));
    }
    SpanlightdProcess &a = *servers[0], &b = *servers[1];
    bool refused = false;
    for (int round = 0; round < 3 && !refused; ++round) {
        QCOMPARE(postUntilAdmitted(a.otlpHttpPort(), 2), 200);
        refused = post(b.otlpHttpPort(), { span(newTraceId(), 0) }).first == 429;
    }
    QVERIFY2(refused, "the second process was never refused although the first had used the shared budget");
    const testsupport::Reply miss = testsupport::request(m_nam, "GET", a.apiPort(),
        QStringLiteral("/services"), {}, { { "Authorization", "Bearer " + kToken } });
    const testsupport::Reply hit = testsupport::request(m_nam, "GET", b.apiPort(),
        QStringLiteral("/services"), {}, { { "Authorization", "Bearer " + kToken } });
    QCOMPARE(miss.header("X-Cache"), QByteArray("miss"));
    QCOMPARE(hit.header("X-Cache"), QByteArray("hit"));
    // Redis gone: B limits alone and answers; one warning for the outage, however many requests.
    redis.kill();
    QCOMPARE(postUntilAdmitted(b.otlpHttpPort(), 2), 200);
    for (int i = 0; i < 20; ++i)
        QVERIFY(post(b.otlpHttpPort(), { span(newTraceId(), 0) }).first != 0);
    QVERIFY(a.terminate());
    QVERIFY(b.terminate());
    const QString log = b.log();
    QCOMPARE(log.count(QStringLiteral("is unavailable for the rate limit")), 1);
    QVERIFY2(!log.contains(QStringLiteral("proc-pw")) && !a.log().contains(QStringLiteral("proc-pw")),
        qPrintable(log));
}

QTEST_GUILESS_MAIN(TestRedis)
#include "tst_redis.moc"
