// bench_queries: how fast every analysis endpoint answers over a big store.
//
//   bench_queries --spanlightd build/release/app/spanlightd/spanlightd [--spans 1000000] [--db /abs/x.db]
//                 [--calls 20] [--service checkout] [--seed 1]
//
// 1. populate: a fresh SQLite database (in a temporary folder, or --db PATH, kept) gets --spans
//    spans through Store::write, as a multi-service shop would send them (spanlight_demo's shop,
//    server/demo: 10 services over gRPC, a Kafka hop, databases and caches, ~3% failed spans,
//    log-normal durations with slow outliers), start times over the last 7 days. Each service's
//    spans go in their own batches (an SDK exports per process), so a trace reaches the store in
//    several writes. --db PATH with an already
//    populated database skips this step (populating 10M spans takes a while).
// 2. queries: starts spanlightd on that database (loopback, ephemeral ports, a bearer token) and
//    times every analysis endpoint over one HTTP/1.1 keep-alive connection: one warm-up call,
//    then --calls sequential calls; prints status, size, median, p95 and max per endpoint and
//    flags those over 100 ms.
#include "core/span.h"
#include "demo/rng.h"
#include "demo/shop.h"
#include "demo/storefeeder.h"
#include "demo/tracebuilder.h"
#include "storage/store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace spanlight;
using spanlight::demo::Counters;

namespace {

const qint64 kMsNs = 1000000;
const qint64 kSevenDaysNs = qint64(7) * 24 * 3600 * 1000 * kMsNs;
const double kSlowMs = 100.0;

struct PopulateResult
{
    bool ok = false;
    Counters counters;
    double seconds = 0;
    double generatorSeconds = 0;
    qint64 batches = 0;
};

// Writes `target` spans whose start times run over the 7 days ending at `endNs`, in time order:
// traces in chunks, each chunk's spans grouped per service into batches of at most `batchSize`.
PopulateResult populate(
    const QString &path, qint64 target, quint64 seed, int batchSize, int inFlight, qint64 endNs)
{
    PopulateResult result;
    QString error;
    auto store = Store::open(QStringLiteral("sqlite://") + path, &error, 64);
    if (!store) {
        std::fprintf(stderr, "store: %s\n", qPrintable(error));
        return result;
    }
    const demo::Shop shop = demo::makeShop();
    demo::Rng rng(seed);
    demo::TraceBuilder builder(shop, rng, result.counters);
    demo::StoreFeeder feeder(*store, shop, batchSize, inFlight);
    const qint64 fromNs = endNs - kSevenDaysNs;
    const int tracesPerChunk = 300;
    QElapsedTimer timer, gen;
    timer.start();
    qint64 genNs = 0;
    qint64 lastReport = 0;
    while (result.counters.spans < target) {
        gen.start();
        for (int t = 0; t < tracesPerChunk && result.counters.spans < target; ++t) {
            // Start times follow the span count, so spans spread evenly over the 7 days; the last
            // trace starts about a minute before endNs, so its spans (a few seconds) end before it.
            const double at = double(result.counters.spans) / double(target);
            const qint64 start = fromNs + qint64(at * double(kSevenDaysNs - 60 * 1000 * kMsNs))
                + qint64(rng.uniform() * 2e9);
            feeder.add(builder.build(start));
        }
        genNs += gen.nsecsElapsed();
        // The queue is bounded (64 here, more than in flight): QueueFull would be a bench bug.
        feeder.flush();
        if (result.counters.spans - lastReport >= 1000000) {
            lastReport = result.counters.spans;
            std::printf(
                "  ... %lld spans, %.0f s\n", qlonglong(lastReport), double(timer.nsecsElapsed()) / 1e9);
            std::fflush(stdout);
        }
    }
    feeder.finish();
    result.batches = feeder.batches();
    const qint64 written = feeder.written();
    if (feeder.failedWrites() > 0)
        std::fprintf(stderr, "%lld writes failed, the first: %s\n", qlonglong(feeder.failedWrites()),
            qPrintable(feeder.firstError()));
    store->close();
    result.seconds = double(timer.nsecsElapsed()) / 1e9;
    result.generatorSeconds = double(genNs) / 1e9;
    result.ok = feeder.failedWrites() == 0 && written == result.counters.spans;
    if (written != result.counters.spans)
        std::fprintf(
            stderr, "store wrote %lld of %lld spans\n", qlonglong(written), qlonglong(result.counters.spans));
    return result;
}

// ---- the database as it stands ----

struct DbFacts
{
    qint64 traces = 0;
    qint64 spans = 0;
    qint64 newestStartNs = 0;
    QList<QPair<QString, qint64>> tables;
};

DbFacts dbFacts(const QString &path)
{
    DbFacts f;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bench.facts"));
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(
                    QStringLiteral("SELECT COUNT(*), COALESCE(SUM(span_count), 0), COALESCE(MAX(start_ns), 0)"
                                   " FROM trace_summaries"))
                && q.next()) {
                f.traces = q.value(0).toLongLong();
                f.spans = q.value(1).toLongLong();
                f.newestStartNs = q.value(2).toLongLong();
            }
            // Tables a database does not have yet (an older schema) are left out.
            for (const char *table : { "trace_operations", "span_rollups", "rollup_buckets",
                     "span_rollups_hourly", "rollup_buckets_hourly", "dependency_rollups",
                     "dependency_rollups_hourly", "errors", "error_groups_hourly" }) {
                if (q.exec(QStringLiteral("SELECT COUNT(*) FROM ") + QLatin1String(table)) && q.next())
                    f.tables.append({ QLatin1String(table), q.value(0).toLongLong() });
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bench.facts"));
    return f;
}

qint64 fileSize(const QString &path)
{
    qint64 total = 0;
    for (const QString &f : { path, QString(path + QStringLiteral("-wal")) })
        if (QFileInfo info(f); info.exists())
            total += info.size();
    return total;
}

QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    return QString::fromLatin1(f.readAll()).section(u' ', 0, 2);
}

qint64 statusKb(qint64 pid, const char *field)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(field))
            return line.mid(qsizetype(qstrlen(field))).trimmed().split(' ').first().toLongLong();
    return -1;
}

// ---- a blocking HTTP/1.1 keep-alive client (no event loop; every wait has a deadline) ----

struct Reply
{
    int status = 0;
    QByteArray body;
    double ms = 0;
    QString error;
};

class HttpClient
{
public:
    HttpClient(quint16 port, QByteArray token)
        : m_port(port)
        , m_token(std::move(token))
    { }

    Reply get(const QByteArray &target, int timeoutMs = 60000)
    {
        Reply r;
        if (m_socket.state() != QAbstractSocket::ConnectedState) {
            m_socket.abort();
            m_socket.connectToHost(QHostAddress::LocalHost, m_port);
            if (!m_socket.waitForConnected(5000)) {
                r.error = QStringLiteral("connect: ") + m_socket.errorString();
                return r;
            }
            m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
        }
        const QByteArray request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
            + m_token + "\r\nAccept: */*\r\n\r\n";
        QElapsedTimer timer;
        timer.start();
        m_socket.write(request);
        QByteArray in;
        qsizetype headEnd = -1;
        qint64 length = -1;
        while (timer.elapsed() < timeoutMs) {
            if (m_socket.bytesAvailable() == 0
                && !m_socket.waitForReadyRead(int(timeoutMs - timer.elapsed()))) {
                if (m_socket.state() != QAbstractSocket::ConnectedState)
                    break;
                continue;
            }
            in += m_socket.readAll();
            if (headEnd < 0) {
                headEnd = in.indexOf("\r\n\r\n");
                if (headEnd < 0)
                    continue;
                const QByteArray head = in.left(headEnd).toLower();
                const qsizetype cl = head.indexOf("\r\ncontent-length:");
                if (cl < 0) {
                    r.error = QStringLiteral("no Content-Length");
                    m_socket.abort();
                    return r;
                }
                length = head.mid(cl + 17, head.indexOf("\r\n", cl + 2) - cl - 17).trimmed().toLongLong();
                r.status = in.mid(9, 3).toInt();
            }
            if (in.size() >= headEnd + 4 + length) {
                r.ms = double(timer.nsecsElapsed()) / 1e6;
                r.body = in.mid(headEnd + 4, length);
                if (in.size() > headEnd + 4 + length)
                    m_socket.abort(); // we never pipeline: extra bytes mean a confused connection
                return r;
            }
        }
        r.error = QStringLiteral("no complete answer within %1 ms").arg(timeoutMs);
        m_socket.abort();
        return r;
    }

private:
    quint16 m_port;
    QByteArray m_token;
    QTcpSocket m_socket;
};

struct Measured
{
    QByteArray target;
    QString label;
    int status = 0;
    qsizetype bytes = 0;
    double median = 0, p95 = 0, max = 0;
    int calls = 0;
    bool missing = false; // the route is not on this build
    QString error;
};

Measured measure(HttpClient &client, const QByteArray &target, const QString &label, int calls)
{
    Measured m;
    m.target = target;
    m.label = label;
    const Reply warm = client.get(target);
    if (!warm.error.isEmpty()) {
        m.error = warm.error;
        return m;
    }
    m.status = warm.status;
    m.bytes = warm.body.size();
    if (warm.status == 404 && warm.body.contains("no such endpoint")) {
        m.missing = true;
        return m;
    }
    // Keep a run bounded when an endpoint is very slow: five calls say enough past 2 s each.
    if (warm.ms > 2000)
        calls = std::min(calls, 5);
    QList<double> ms;
    for (int i = 0; i < calls; ++i) {
        const Reply r = client.get(target);
        if (!r.error.isEmpty()) {
            m.error = r.error;
            return m;
        }
        m.status = r.status;
        m.bytes = r.body.size();
        ms.append(r.ms);
    }
    std::sort(ms.begin(), ms.end());
    const auto rank = [&](double q) {
        return ms.at(
            std::clamp(qsizetype(std::ceil(q * double(ms.size()))) - 1, qsizetype(0), ms.size() - 1));
    };
    m.calls = int(ms.size());
    m.median = ms.size() % 2 ? ms.at(ms.size() / 2) : (ms.at(ms.size() / 2 - 1) + ms.at(ms.size() / 2)) / 2;
    m.p95 = rank(0.95);
    m.max = ms.constLast();
    return m;
}

void printMeasured(const Measured &m)
{
    const QByteArray label = (m.label.isEmpty() ? QString::fromUtf8(m.target) : m.label).toUtf8();
    if (!m.error.isEmpty()) {
        std::printf("%-72s  FAILED: %s\n", label.constData(), qPrintable(m.error));
    } else if (m.missing) {
        std::printf("%-72s  n/a (not on this build)\n", label.constData());
    } else {
        const char *flag = m.median > kSlowMs ? "  << OVER 100 ms"
            : m.p95 > kSlowMs                 ? "  << p95 over 100 ms"
                                              : "";
        std::printf("%-72s %4d %9lld %9.1f %8.1f %8.1f%s\n", label.constData(), m.status, qlonglong(m.bytes),
            m.median, m.p95, m.max, flag);
    }
    std::fflush(stdout);
}

QByteArray enc(const QString &s)
{
    return QUrl::toPercentEncoding(s);
}

bool startServer(QProcess &server, const QString &binary, const QString &dbPath, const QTemporaryDir &dir,
    quint16 *apiPort)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SERVICE_HOST"), QStringLiteral("127.0.0.1"));
    env.insert(QStringLiteral("BIND_ADDR"), QStringLiteral("127.0.0.1"));
    env.insert(QStringLiteral("SERVICE_PORT"), QStringLiteral("0"));
    env.insert(QStringLiteral("OTLP_HTTP_PORT"), QStringLiteral("0"));
    env.insert(QStringLiteral("OTLP_GRPC_PORT"), QStringLiteral("0"));
    env.insert(QStringLiteral("ZIPKIN_PORT"), QStringLiteral("0"));
    env.insert(QStringLiteral("JAEGER_HTTP_PORT"), QStringLiteral("0"));
    env.insert(QStringLiteral("API_TOKEN"), QStringLiteral("bench-queries"));
    env.insert(QStringLiteral("DATABASE_URL"), QStringLiteral("sqlite://") + dbPath);
    env.insert(QStringLiteral("SPANLIGHT_CONFIG"), dir.filePath(QStringLiteral("spanlight.conf")));
    server.setProcessEnvironment(env);
    server.setProcessChannelMode(QProcess::MergedChannels);
    // To a file: nobody reads a pipe while the bench waits on its socket, and a full pipe would
    // stall the server's logging.
    const QString logPath = dir.filePath(QStringLiteral("spanlightd.log"));
    server.setStandardOutputFile(logPath);
    server.start(binary, {});
    if (!server.waitForStarted(10000)) {
        std::fprintf(stderr, "cannot start %s: %s\n", qPrintable(binary), qPrintable(server.errorString()));
        return false;
    }
    static const QRegularExpression re(QStringLiteral("REST API on http://[^:]+:(\\d+)"));
    QString log;
    QElapsedTimer started;
    started.start();
    // Up to 10 min: the first start on an older database runs its migrations (a backfill).
    for (int i = 0; i < 6000; ++i) {
        QFile f(logPath);
        if (f.open(QIODevice::ReadOnly))
            log = QString::fromLocal8Bit(f.readAll());
        if (const auto m = re.match(log); m.hasMatch()) {
            *apiPort = quint16(m.captured(1).toUInt());
            std::printf("spanlightd answered after %.1f s (migrations included)\n", started.elapsed() / 1000.0);
            return true;
        }
        if (server.state() == QProcess::NotRunning)
            break;
        QThread::msleep(100);
    }
    std::fprintf(stderr, "spanlightd did not start: %s\n", qPrintable(log));
    return false;
}

void stopServer(QProcess &server)
{
    if (server.state() == QProcess::NotRunning)
        return;
    server.terminate(); // SIGTERM to its own pid
    if (!server.waitForFinished(15000)) {
        server.kill();
        server.waitForFinished(5000);
    }
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Analysis endpoint latency over a populated SQLite store"));
    p.addHelpOption();
    p.addOption({ QStringLiteral("spanlightd"), QStringLiteral("spanlightd binary to start"),
        QStringLiteral("path") });
    p.addOption({ QStringLiteral("spans"), QStringLiteral("spans to populate (default 1000000)"),
        QStringLiteral("n"), QStringLiteral("1000000") });
    p.addOption({ QStringLiteral("db"),
        QStringLiteral(
            "absolute path of the SQLite file: reused when it holds spans, else populated and kept"),
        QStringLiteral("path") });
    p.addOption({ QStringLiteral("calls"), QStringLiteral("timed calls per endpoint (default 20)"),
        QStringLiteral("k"), QStringLiteral("20") });
    p.addOption({ QStringLiteral("service"),
        QStringLiteral("service for the per-service endpoints (default checkout)"), QStringLiteral("name"),
        QStringLiteral("checkout") });
    p.addOption({ QStringLiteral("seed"), QStringLiteral("PRNG seed (default 1)"), QStringLiteral("n"),
        QStringLiteral("1") });
    p.addOption({ QStringLiteral("batch"), QStringLiteral("spans per write at most (default 500)"),
        QStringLiteral("n"), QStringLiteral("500") });
    p.addOption({ QStringLiteral("in-flight"), QStringLiteral("writes in flight (default 8)"),
        QStringLiteral("n"), QStringLiteral("8") });
    p.process(app);

    const qint64 spans = p.value(QStringLiteral("spans")).toLongLong();
    const int calls = std::clamp(p.value(QStringLiteral("calls")).toInt(), 1, 1000);
    const QString serviceName = p.value(QStringLiteral("service"));
    QTemporaryDir dir;
    if (!dir.isValid()) {
        std::fprintf(stderr, "no temporary folder\n");
        return 1;
    }
    QString dbPath = p.value(QStringLiteral("db"));
    if (dbPath.isEmpty())
        dbPath = dir.filePath(QStringLiteral("queries.db"));
    if (!QDir::isAbsolutePath(dbPath)) {
        std::fprintf(stderr, "--db must be an absolute path\n");
        return 1;
    }
    std::printf("bench_queries  %s  load average %s\n",
        qPrintable(QDateTime::currentDateTimeUtc().toString(Qt::ISODate)), qPrintable(loadAverage()));

    DbFacts facts = QFileInfo::exists(dbPath) ? dbFacts(dbPath) : DbFacts {};
    if (facts.spans > 0) {
        std::printf("reusing %s: %lld spans in %lld traces\n", qPrintable(dbPath), qlonglong(facts.spans),
            qlonglong(facts.traces));
    } else {
        const qint64 now = QDateTime::currentMSecsSinceEpoch() * kMsNs;
        std::printf("populating %s with %lld spans (seed %s, batches of at most %s spans, %s in flight)\n",
            qPrintable(dbPath), qlonglong(spans), qPrintable(p.value(QStringLiteral("seed"))),
            qPrintable(p.value(QStringLiteral("batch"))), qPrintable(p.value(QStringLiteral("in-flight"))));
        std::fflush(stdout);
        const PopulateResult r = populate(dbPath, spans, p.value(QStringLiteral("seed")).toULongLong(),
            std::max(1, p.value(QStringLiteral("batch")).toInt()),
            std::max(1, p.value(QStringLiteral("in-flight")).toInt()), now);
        if (!r.ok)
            return 1;
        const Counters &c = r.counters;
        std::printf(
            "populated: %lld spans, %lld traces (%.1f spans/trace, %d-%d), %lld writes, %.2f%% error spans,"
            " %lld exception events\n",
            qlonglong(c.spans), qlonglong(c.traces), double(c.spans) / double(std::max<qint64>(1, c.traces)),
            c.smallestTrace, c.largestTrace, qlonglong(r.batches),
            100.0 * double(c.errors) / double(std::max<qint64>(1, c.spans)), qlonglong(c.exceptionEvents));
        std::printf("populate: %.1f s, %.0f spans/s (generator %.1f s of it, on the same thread)\n",
            r.seconds, double(c.spans) / r.seconds, r.generatorSeconds);
        facts = dbFacts(dbPath);
    }
    const qint64 ageMin
        = (QDateTime::currentMSecsSinceEpoch() * kMsNs - facts.newestStartNs) / (60 * 1000 * kMsNs);
    // A reused database ages: the time_range=1h figures then cover fewer spans.
    const QString window = ageMin >= 60 ? QStringLiteral(" (the 1h window is empty)")
        : ageMin > 5 ? QStringLiteral(" (the 1h window holds %1 of its 60 minutes)").arg(60 - ageMin)
                     : QString();
    std::printf("database: %.1f MB (with WAL); newest trace started %lld min ago%s\n",
        double(fileSize(dbPath)) / 1e6, qlonglong(ageMin), qPrintable(window));
    for (const auto &[table, rows] : std::as_const(facts.tables))
        std::printf("  %-26s %12lld rows\n", qPrintable(table), qlonglong(rows));
    std::fflush(stdout);

    if (!p.isSet(QStringLiteral("spanlightd")))
        return 0;
    QProcess server;
    quint16 port = 0;
    if (!startServer(server, p.value(QStringLiteral("spanlightd")), dbPath, dir, &port)) {
        stopServer(server);
        return 1;
    }
    std::printf("spanlightd pid %lld, API on 127.0.0.1:%u, RSS at start %lld MB\n",
        qlonglong(server.processId()), port, qlonglong(statusKb(server.processId(), "VmRSS:") / 1024));

    HttpClient client(port, "bench-queries");
    // Real names and ids for the parameterised endpoints.
    const QByteArray s = enc(serviceName);
    QString operation;
    double durationMin = 0;
    {
        const Reply ops = client.get("/services/" + s + "/operations");
        const QJsonArray list
            = QJsonDocument::fromJson(ops.body).object().value(QStringLiteral("operations")).toArray();
        if (ops.status != 200 || list.isEmpty()) {
            std::fprintf(stderr, "service %s: HTTP %d %s\n", qPrintable(serviceName), ops.status,
                ops.body.left(200).constData());
            stopServer(server);
            return 1;
        }
        // The service's busiest entry operation (a SERVER one, as a user would search for).
        QJsonObject chosen = list.first().toObject();
        for (const QJsonValue &v : list) {
            if (v.toObject()
                    .value(QStringLiteral("span_kinds"))
                    .toArray()
                    .contains(QStringLiteral("server"))) {
                chosen = v.toObject();
                break;
            }
        }
        operation = chosen.value(QStringLiteral("name")).toString();
        durationMin = chosen.value(QStringLiteral("p95_duration_ms")).toDouble();
    }
    QByteArray errorId, traceId;
    errorId = QJsonDocument::fromJson(client.get("/errors?limit=1").body)
                  .object()
                  .value(QStringLiteral("errors"))
                  .toArray()
                  .first()
                  .toObject()
                  .value(QStringLiteral("error_id"))
                  .toString()
                  .toLatin1();
    // A trace that went through the service, so that /traces/{id} shows a real multi-service tree.
    traceId = QJsonDocument::fromJson(client.get("/traces?limit=1&service=" + s).body)
                  .object()
                  .value(QStringLiteral("traces"))
                  .toArray()
                  .first()
                  .toObject()
                  .value(QStringLiteral("trace_id"))
                  .toString()
                  .toLatin1();
    const QByteArray o = enc(operation);
    const QByteArray dmin = QByteArray::number(durationMin, 'f', 1);

    const QList<QPair<QByteArray, QString>> endpoints = {
        { "/services", {} },
        { "/services/" + s + "/operations", {} },
        { "/services/" + s + "/performance?time_range=1h", {} },
        { "/services/" + s + "/performance?time_range=24h", {} },
        { "/services/" + s + "/performance?time_range=7d", {} },
        { "/errors?limit=100", {} },
        { "/errors?service=" + s, {} },
        { "/errors/" + errorId, QStringLiteral("/errors/{id}") },
        { "/performance/slowest?time_range=24h", {} },
        { "/performance/trends?time_range=24h&granularity=5m", {} },
        { "/performance/trends?time_range=7d&granularity=1h", {} },
        { "/traces?limit=20", {} },
        { "/traces?service=" + s + "&limit=20", {} },
        { "/traces?service=frontend&limit=20", {} },
        { "/traces?service=" + s + "&operation=" + o + "&duration_min=" + dmin + "&limit=20",
            QStringLiteral("/traces?service=%1&operation=o&duration_min=p95(o)&limit=20").arg(serviceName) },
        { "/traces/" + traceId, QStringLiteral("/traces/{id}") },
        { "/health", {} },
        { "/metrics", {} },
        { "/dependencies?time_range=24h", {} },
        { "/dependencies/" + s + "/impact", {} },
        { "/anomalies?time_range=1h", {} },
        { "/anomalies?time_range=24h", {} },
        { "/anomalies?service=" + s + "&time_range=24h", {} },
        { "/errors/origins?time_range=24h", {} },
        { "/errors/" + errorId + "/root-cause", QStringLiteral("/errors/{id}/root-cause") },
        { "/recommendations?time_range=1h", {} },
        { "/recommendations?service=" + s + "&time_range=24h", {} },
    };
    std::printf("o = %s, p95(o) = %s ms (from /services/%s/operations)\n", qPrintable(operation),
        dmin.constData(), qPrintable(serviceName));
    std::printf("\n%d timed calls per endpoint after one warm-up, one keep-alive connection, ms\n", calls);
    std::printf("%-72s %4s %9s %9s %8s %8s\n", "endpoint", "code", "bytes", "median", "p95", "max");
    QList<Measured> results;
    for (const auto &[target, label] : endpoints) {
        results.append(measure(client, target, label, calls));
        printMeasured(results.constLast());
    }
    const int slow = int(std::count_if(
        results.cbegin(), results.cend(), [](const Measured &m) { return m.median > kSlowMs; }));
    std::printf("\n%d of %lld endpoints have a median over 100 ms\n", slow, qlonglong(results.size()));
    std::printf("spanlightd RSS %lld MB now, peak %lld MB; load average %s\n",
        qlonglong(statusKb(server.processId(), "VmRSS:") / 1024),
        qlonglong(statusKb(server.processId(), "VmHWM:") / 1024), qPrintable(loadAverage()));
    stopServer(server);
    return 0;
}
