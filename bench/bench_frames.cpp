// Whether the console keeps drawing while spans pour in: the whole console (Main.qml over an
// embedded server on loopback, SQLite in a scratch folder), four feeder threads submitting the
// shop's traffic to the server's ingest pipeline at --rate spans per second together (500-span
// batches, each feeder waiting for its commit, as an exporter waits for its 2xx), and on the GUI thread a 16 ms
// timer that asks for a frame and notes how late it fires. For each shown page (Dashboard,
// Traces, Services, Dependencies, then Trace with the demo's batch job of some 5,000 spans open) it prints the frame
// intervals (QQuickWindow::frameSwapped) and the timer's lateness: p50, p95, p99 and max, and
// the spans actually committed per second meanwhile. A blocked GUI thread shows as a long frame
// interval and a late timer. Offscreen (software renderer) unless --platform says otherwise.
// Never run by ctest; results go to docs/performance.md.
#include "consolecontroller.h"
#include "serverbinding.h"
#include "spanlightserver.h"
#include "waterfallmodel.h"
#include "core/config.h"
#include "demo/rng.h"
#include "demo/shop.h"
#include "demo/tracebuilder.h"
#include "ingest/pipeline.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QEventLoop>
#include <QElapsedTimer>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QtQml/qqmlextensionplugin.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <vector>

Q_IMPORT_QML_PLUGIN(SpanlightPlugin)

using namespace spanlight;

namespace {

// Submits the shop's traces at a steady rate until stopped; counts committed spans.
class Feeder : public QThread
{
public:
    Feeder(IngestPipeline &pipeline, double spansPerSecond, quint64 seed)
        : m_pipeline(pipeline), m_rate(spansPerSecond), m_seed(seed)
    {
    }
    void stop() { m_stop = true; }
    qint64 committed() const { return m_committed.load(); }

protected:
    void run() override
    {
        const demo::Shop shop = demo::makeShop();
        demo::Rng rng(m_seed);
        demo::Counters counters;
        demo::TraceBuilder builder(shop, rng, counters);
        QElapsedTimer clock;
        clock.start();
        qint64 sent = 0;
        const qint64 startNs = QDateTime::currentMSecsSinceEpoch() * 1000000;
        while (!m_stop) {
            // Ahead of the rate: wait; behind it (a slow commit): catch up at once.
            const qint64 due = qint64(double(clock.nsecsElapsed()) / 1e9 * m_rate);
            if (sent >= due) {
                QThread::msleep(2);
                continue;
            }
            SpanBatch batch;
            batch.protocol = IngestProtocolId::OtlpHttp;
            batch.sender = QStringLiteral("127.0.0.1");
            while (batch.spans.size() < 500)
                batch.spans += builder.build(startNs + clock.nsecsElapsed());
            sent += batch.spans.size();
            const IngestOutcome outcome = m_pipeline.submit(std::move(batch)).result();
            m_committed += outcome.acceptedSpans;
        }
    }

private:
    IngestPipeline &m_pipeline;
    double m_rate;
    quint64 m_seed;
    std::atomic<bool> m_stop = false;
    std::atomic<qint64> m_committed = 0;
};

struct Figures
{
    QList<double> frames; // ms between frames
    QList<double> lateness; // ms the 16 ms timer fired late
};

double percentile(QList<double> v, double p)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min<qsizetype>(v.size() - 1, qsizetype(p * double(v.size())))];
}

void print(const char *page, const Figures &f, double spansPerSecond)
{
    std::printf("%-13s %5lld frames  interval ms p50 %6.1f p95 %6.1f p99 %6.1f max %6.1f   timer late ms p99 %6.1f "
                "max %6.1f   ingest %7.0f spans/s\n",
        page, qlonglong(f.frames.size()), percentile(f.frames, 0.5), percentile(f.frames, 0.95),
        percentile(f.frames, 0.99), f.frames.isEmpty() ? 0 : *std::max_element(f.frames.begin(), f.frames.end()),
        percentile(f.lateness, 0.99),
        f.lateness.isEmpty() ? 0 : *std::max_element(f.lateness.begin(), f.lateness.end()), spansPerSecond);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    bool platformGiven = false;
    for (int i = 1; i < argc; ++i)
        platformGiven |= qstrcmp(argv[i], "-platform") == 0 || qstrcmp(argv[i], "--platform") == 0;
    if (!platformGiven && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("rate"), QStringLiteral("Spans per second to ingest."), QStringLiteral("n"),
                      QStringLiteral("20000")});
    parser.addOption({QStringLiteral("seconds"), QStringLiteral("Seconds per page."), QStringLiteral("n"),
                      QStringLiteral("10")});
    parser.process(app);
    const double rate = parser.value(QStringLiteral("rate")).toDouble();
    const int seconds = std::max(1, parser.value(QStringLiteral("seconds")).toInt());

    QTemporaryDir dir;
    Config config;
    config.servicePort = config.otlpHttpPort = config.otlpGrpcPort = config.zipkinPort = config.jaegerHttpPort = 0;
    config.bindAddr = QStringLiteral("127.0.0.1");
    config.databaseUrl = QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("frames.db"));
    config.settingsFile = dir.filePath(QStringLiteral("spanlight.conf"));
    config.apiToken = QStringLiteral("bench-token");
    SpanlightServer server(config);
    QString error;
    if (!server.start(&error)) {
        std::fprintf(stderr, "bench_frames: %s\n", qPrintable(error));
        return 1;
    }
    ConsoleController controller;
    attachServer(controller, server);
    QQmlApplicationEngine engine;
    engine.setInitialProperties({{QStringLiteral("controller"), QVariant::fromValue(&controller)}});
    engine.load(QUrl(QStringLiteral("qrc:/Spanlight/Main.qml")));
    auto *window = engine.rootObjects().isEmpty() ? nullptr : qobject_cast<QQuickWindow *>(engine.rootObjects().first());
    if (!window) {
        std::fprintf(stderr, "bench_frames: the console did not load\n");
        return 1;
    }

    Figures current;
    QElapsedTimer frameClock;
    QObject::connect(window, &QQuickWindow::frameSwapped, window, [&] {
        if (frameClock.isValid())
            current.frames.append(double(frameClock.nsecsElapsed()) / 1e6);
        frameClock.start();
    });
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(16);
    QElapsedTimer tickClock;
    tickClock.start();
    QObject::connect(&ticker, &QTimer::timeout, window, [&] {
        current.lateness.append(std::max(0.0, double(tickClock.nsecsElapsed()) / 1e6 - 16.0));
        tickClock.restart();
        window->update(); // a frame every tick, so a blocked GUI thread shows as a long interval
    });

    auto runFor = [&](int ms) {
        QEventLoop loop;
        QTimer::singleShot(ms, &loop, &QEventLoop::quit);
        loop.exec();
    };
    runFor(1000); // the first frames and the pages' first queries

    std::vector<std::unique_ptr<Feeder>> feeders;
    for (int i = 0; i < 4; ++i) {
        feeders.push_back(std::make_unique<Feeder>(*server.pipeline(), rate / 4, 7 + i));
        feeders.back()->start();
    }
    const auto committed = [&feeders] {
        qint64 n = 0;
        for (const auto &f : feeders)
            n += f->committed();
        return n;
    };
    ticker.start();
    const struct
    {
        const char *name;
        ConsoleController::Page page;
    } pages[] = {{"dashboard", ConsoleController::Dashboard}, {"traces", ConsoleController::Traces},
                 {"services", ConsoleController::Services}, {"dependencies", ConsoleController::Dependencies}};
    std::printf("bench_frames: %.0f spans/s offered, %d s per page, platform %s\n", rate, seconds,
        qPrintable(QGuiApplication::platformName()));
    // One page's figures: `seconds` of frames and commits, from a clean start.
    const auto measure = [&](const char *name) {
        current = {};
        frameClock.invalidate();
        const qint64 before = committed();
        QElapsedTimer t;
        t.start();
        runFor(seconds * 1000);
        print(name, current, double(committed() - before) / (double(t.nsecsElapsed()) / 1e9));
    };
    for (const auto &p : pages) {
        controller.setCurrentPage(p.page);
        runFor(500); // the switch itself is not what is measured
        measure(p.name);
    }

    // The Trace page with the demo's batch job (thousands of spans) open while the ingest goes on.
    {
        const demo::Shop shop = demo::makeShop();
        demo::Rng rng(11);
        demo::Counters counters;
        demo::TraceBuilder builder(shop, rng, counters);
        demo::TraceShape shape; // the demo's batch job: thousands of spans
        shape.service = QStringLiteral("inventory");
        shape.operation = QStringLiteral("rebuild-search-index");
        shape.spanBudget = 1 << 30;
        SpanBatch big;
        big.spans = builder.build(QDateTime::currentMSecsSinceEpoch() * 1000000, shape);
        const QByteArray traceId = big.spans.first().traceId;
        const qsizetype spans = big.spans.size();
        server.pipeline()->submit(std::move(big)).waitForFinished();
        controller.openTraceId(QString::fromLatin1(traceId.toHex()));
        runFor(2000);
        std::printf("(trace of %lld spans, %d rows shown)\n", qlonglong(spans), controller.waterfall()->rowCount());
        measure("trace");
    }

    ticker.stop();
    for (const auto &f : feeders)
        f->stop();
    for (const auto &f : feeders)
        f->wait();
    controller.shutdown();
    server.stop();
    return 0;
}
