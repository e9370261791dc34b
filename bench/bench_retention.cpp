// What retention costs ingest: a store (SQLite, or --url PostgreSQL) holding old traces takes a steady ingest (default
// 20,000 spans/s, 200-span writes every 10 ms, each waited for until committed) for a while
// alone, then again while the RetentionJob deletes every old trace. Prints the commit latency of
// the writes in both phases and how fast retention deleted. Never run by ctest; results go to
// docs/performance.md.
#include "storage/retention.h"
#include "storage/store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <deque>
#include <mutex>
#include <thread>

using namespace spanlight;

namespace {

constexpr qint64 kMs = 1000000;
constexpr qint64 kDayNs = qint64(86400) * 1000000000;

QByteArray id(quint64 n, int size)
{
    QByteArray out(size, '\0');
    quint64 x = n * 0x9e3779b97f4a7c15ULL + 0x632be59bd9b4e019ULL; // spread over the key space, as SDKs do
    for (int i = 0; i < size; ++i) {
        if (i % 8 == 0 && i > 0)
            x = x * 0xbf58476d1ce4e5b9ULL + n;
        out[i] = char((x >> (8 * (i % 8))) & 0xff);
    }
    return out;
}

// A checkout: frontend -> checkout -> (inventory, payment, a database call), 10 spans.
QList<Span> trace(quint64 n, qint64 startNs)
{
    QList<Span> spans;
    const QByteArray traceId = id(n, 16);
    auto add = [&](int span, int parent, const char *service, const char *name, SpanKind kind, qint64 offsetMs,
                   qint64 durationMs) {
        Span s;
        s.traceId = traceId;
        s.spanId = id(n * 16 + quint64(span), 8);
        if (parent)
            s.parentSpanId = id(n * 16 + quint64(parent), 8);
        s.serviceName = QLatin1String(service);
        s.name = QLatin1String(name);
        s.kind = kind;
        s.startTimeUnixNano = startNs + offsetMs * kMs;
        s.endTimeUnixNano = s.startTimeUnixNano + durationMs * kMs;
        s.attributes.insert(QStringLiteral("http.route"), QLatin1String(name));
        if (kind == SpanKind::Client && span == 9)
            s.attributes.insert(QStringLiteral("db.system"), QStringLiteral("postgresql"));
        if (n % 20 == 0 && span == 7) {
            s.statusCode = StatusCode::Error;
            s.statusMessage = QStringLiteral("card declined");
        }
        spans.append(s);
    };
    add(1, 0, "frontend", "GET /checkout", SpanKind::Server, 0, 120);
    add(2, 1, "frontend", "POST checkout", SpanKind::Client, 2, 110);
    add(3, 2, "checkout", "POST /checkout", SpanKind::Server, 3, 105);
    add(4, 3, "checkout", "GET inventory", SpanKind::Client, 5, 20);
    add(5, 4, "inventory", "GET /stock", SpanKind::Server, 6, 18);
    add(6, 3, "checkout", "POST charge", SpanKind::Client, 30, 60);
    add(7, 6, "payment", "POST /charge", SpanKind::Server, 31, 58);
    add(8, 7, "payment", "sign", SpanKind::Internal, 35, 5);
    add(9, 3, "checkout", "INSERT orders", SpanKind::Client, 95, 8);
    add(10, 5, "inventory", "SELECT stock", SpanKind::Internal, 8, 6);
    return spans;
}

struct Latencies
{
    std::vector<double> ms;
    qint64 spans = 0;
    double seconds = 0;
    void print(const char *what)
    {
        std::sort(ms.begin(), ms.end());
        auto at = [this](double q) { return ms.empty() ? 0.0 : ms[size_t(q * double(ms.size() - 1))]; };
        std::printf("%-34s %8.0f spans/s committed; write latency p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms (%zu writes)\n",
                    what, double(spans) / seconds, at(0.5), at(0.99), ms.empty() ? 0.0 : ms.back(), ms.size());
    }
};

// Writes `rate` spans/s in 200-span writes for `seconds` (or until `until` returns true, at most
// `seconds`), each timed from submission to commit.
Latencies steadyIngest(Store &store, quint64 &next, int rate, double seconds, const std::function<bool()> &until = {})
{
    Latencies out;
    const int tracesPerWrite = 20;
    const qint64 periodNs = qint64(1e9 * double(tracesPerWrite * 10) / double(rate));
    struct InFlight
    {
        QFuture<WriteResult> future;
        qint64 submittedNs;
    };
    std::deque<InFlight> queue;
    std::mutex mutex;
    bool done = false;
    QElapsedTimer clock;
    clock.start();
    std::thread collector([&] {
        for (;;) {
            InFlight f;
            {
                std::unique_lock lock(mutex);
                if (queue.empty()) {
                    if (done)
                        return;
                    lock.unlock();
                    std::this_thread::sleep_for(std::chrono::microseconds(200));
                    continue;
                }
                f = queue.front();
                queue.pop_front();
            }
            f.future.waitForFinished();
            const WriteResult r = f.future.result();
            out.ms.push_back(double(clock.nsecsElapsed() - f.submittedNs) / 1e6);
            out.spans += r.spansWritten;
        }
    });
    qint64 due = 0;
    while (clock.nsecsElapsed() < qint64(seconds * 1e9) && !(until && until())) {
        while (clock.nsecsElapsed() < due)
            std::this_thread::sleep_for(std::chrono::microseconds(100));
        QList<Span> batch;
        const qint64 now = QDateTime::currentMSecsSinceEpoch() * kMs;
        for (int t = 0; t < tracesPerWrite; ++t)
            batch += trace(next++, now);
        const qint64 submitted = clock.nsecsElapsed();
        QFuture<WriteResult> f = store.write(std::move(batch));
        {
            std::lock_guard lock(mutex);
            queue.push_back({f, submitted});
        }
        due += periodNs;
    }
    {
        std::lock_guard lock(mutex);
        done = true;
    }
    collector.join();
    out.seconds = double(clock.nsecsElapsed()) / 1e9;
    return out;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOption({QStringLiteral("old-spans"), QStringLiteral("spans of old traces to delete (default 1000000)"),
                 QStringLiteral("n"), QStringLiteral("1000000")});
    p.addOption({QStringLiteral("rate"), QStringLiteral("ingest in spans/s (default 20000)"), QStringLiteral("n"),
                 QStringLiteral("20000")});
    p.addOption({QStringLiteral("seconds"), QStringLiteral("ingest alone, seconds (default 15)"), QStringLiteral("s"),
                 QStringLiteral("15")});
    p.addOption({QStringLiteral("delete-alone"), QStringLiteral("only delete the old traces, without ingest")});
    p.addOption({QStringLiteral("db"), QStringLiteral("SQLite file (default: a temporary one)"), QStringLiteral("file")});
    p.addOption({QStringLiteral("url"),
                 QStringLiteral("a database URL instead, e.g. an empty PostgreSQL database (retention drops day partitions)"),
                 QStringLiteral("url")});
    p.process(app);
    const qint64 oldSpans = p.value(QStringLiteral("old-spans")).toLongLong();
    const int rate = p.value(QStringLiteral("rate")).toInt();
    const double seconds = p.value(QStringLiteral("seconds")).toDouble();
    QTemporaryDir dir;
    const QString file = p.isSet(QStringLiteral("db")) ? p.value(QStringLiteral("db")) : dir.filePath(QStringLiteral("retention.db"));
    QString error;
    auto store = Store::open(p.isSet(QStringLiteral("url")) ? p.value(QStringLiteral("url")) : QStringLiteral("sqlite://") + file,
                             &error, 256);
    if (!store) {
        std::fprintf(stderr, "store: %s\n", qPrintable(error));
        return 1;
    }

    // Old traces: 8 to 9 days ago, written as fast as the store takes them.
    QElapsedTimer timer;
    timer.start();
    quint64 next = 1;
    const qint64 now = QDateTime::currentMSecsSinceEpoch() * kMs;
    QList<QFuture<WriteResult>> inFlight;
    for (qint64 written = 0; written < oldSpans; written += 200) {
        QList<Span> batch;
        for (int t = 0; t < 20; ++t) {
            const qint64 start = now - 9 * kDayNs + qint64(double(written) / double(oldSpans) * double(kDayNs));
            batch += trace(next++, start);
        }
        inFlight.append(store->write(std::move(batch)));
        if (inFlight.size() >= 16)
            inFlight.takeFirst().waitForFinished();
    }
    for (auto &f : inFlight)
        f.waitForFinished();
    std::printf("populated %lld old spans in %.1f s; store uses %.0f MB (database %.0f MB)\n",
                qlonglong(store->stats().spans), double(timer.elapsed()) / 1000, double(store->usedBytes()) / 1e6,
                double(store->databaseSizeBytes()) / 1e6);

    if (p.isSet(QStringLiteral("delete-alone"))) {
        RetentionPolicy policy;
        policy.retentionDays = 7;
        RetentionJob job(*store, policy);
        QElapsedTimer deleting;
        deleting.start();
        job.runOnce();
        std::printf("retention alone deleted %lld spans in %.1f s: %.0f spans/s (%lld day partitions dropped)\n",
                    qlonglong(job.counters().spansByAge.load()), double(deleting.elapsed()) / 1000,
                    double(job.counters().spansByAge.load()) / (double(deleting.elapsed()) / 1000),
                    qlonglong(job.counters().partitionsDropped.load()));
        std::printf("database now %.0f MB\n", double(store->databaseSizeBytes()) / 1e6);
        store->close();
        return 0;
    }
    Latencies alone = steadyIngest(*store, next, rate, seconds);
    alone.print("ingest alone:");

    RetentionPolicy policy;
    policy.retentionDays = 7;
    RetentionJob job(*store, policy);
    QElapsedTimer deleting;
    deleting.start();
    job.start(); // deletes every old trace, then waits a minute
    const qint64 oldTraces = oldSpans / 10;
    Latencies during = steadyIngest(*store, next, rate, 3600, [&] { return job.counters().tracesByAge.load() >= oldTraces; });
    const double deleteSeconds = double(deleting.elapsed()) / 1000;
    job.stop();
    during.print("ingest while retention deletes:");
    std::printf("retention deleted %lld traces (%lld spans) in %.1f s: %.0f spans/s beside the ingest\n",
                qlonglong(job.counters().tracesByAge.load()), qlonglong(job.counters().spansByAge.load()), deleteSeconds,
                double(job.counters().spansByAge.load()) / deleteSeconds);
    std::printf("store now holds %lld spans and uses %.0f MB\n", qlonglong(store->stats().spans),
                double(store->usedBytes()) / 1e6);
    store->close();
    return 0;
}
