// bench_ingest: the ingest path end to end, and its two limits on this machine.
//
//   bench_ingest --spanlightd build/release/app/spanlightd/spanlightd [--seconds 20] [--connections 8]
//                [--spans 200] [--db sqlite:///tmp/x.db]
//
// 1. decode alone: the same OTLP protobuf payloads through decodeOtlpProtobuf on one thread;
// 2. store alone: the same spans through Store::write (SQLite, group commit, ack after commit);
// 3. end to end: starts spanlightd (loopback, ephemeral ports, its own database), sends OTLP/HTTP
//    protobuf with unique trace ids over several keep-alive connections, each request answered
//    only after commit; prints spans/s, export latency p50/p99 and the server's peak RSS.
#include "core/span.h"
#include "ingest/otlpcodec.h"
#include "storage/store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace spanlight;

namespace {

constexpr int kTracesPerRequest = 10;

// One request body whose trace ids can be rewritten in place, so every request is unique
// without re-encoding (the generator must not compete with the server for the two cores).
struct Template
{
    QByteArray body;
    QList<qsizetype> traceIdOffsets;
    QList<Span> spans;
};

Template makeTemplate(int spansPerRequest)
{
    Template t;
    const int perTrace = std::max(1, spansPerRequest / kTracesPerRequest);
    const qint64 now = QDateTime::currentMSecsSinceEpoch() * 1000000;
    for (int tr = 0; tr < kTracesPerRequest; ++tr) {
        QByteArray traceId(16, char(0xAB));
        traceId[15] = char(tr);
        for (int i = 0; i < perTrace; ++i) {
            Span s;
            s.traceId = traceId;
            s.spanId = QByteArray(8, char(0x11));
            s.spanId[6] = char(i >> 8);
            s.spanId[7] = char(i & 0xff);
            if (i > 0) { // children of the trace's first span
                s.parentSpanId = QByteArray(8, char(0x11));
                s.parentSpanId[6] = char(0);
                s.parentSpanId[7] = char(0);
            }
            s.name = i == 0 ? QStringLiteral("GET /api/orders") : QStringLiteral("SELECT orders %1").arg(i % 7);
            s.kind = i == 0 ? SpanKind::Server : SpanKind::Client;
            s.serviceName = QStringLiteral("svc-%1").arg(tr % 4);
            s.resourceAttributes = {{QStringLiteral("service.name"), s.serviceName},
                                    {QStringLiteral("host.name"), QStringLiteral("bench-host")}};
            s.startTimeUnixNano = now + i * 1000;
            s.endTimeUnixNano = now + 2000000 + i * 500;
            s.attributes = {{QStringLiteral("http.request.method"), QStringLiteral("GET")},
                            {QStringLiteral("db.system"), QStringLiteral("postgresql")},
                            {QStringLiteral("row.count"), i}};
            s.statusCode = i % 50 == 7 ? StatusCode::Error : StatusCode::Unset;
            t.spans.append(s);
        }
    }
    t.body = encodeOtlpProtobuf(t.spans);
    for (int tr = 0; tr < kTracesPerRequest; ++tr) {
        QByteArray marker(16, char(0xAB));
        marker[15] = char(tr);
        for (qsizetype pos = t.body.indexOf(marker); pos >= 0; pos = t.body.indexOf(marker, pos + 16))
            t.traceIdOffsets.append(pos);
    }
    return t;
}

// Writes the request number into bytes 0..7 of every trace id (byte 15 keeps the trace index).
// With --random-ids the request number goes through splitmix64 first, so trace ids spread over
// the whole key space as SDK-made ids do (index inserts then hit random pages); without it they
// are a counter, which keeps the index's hot pages few.
bool g_randomIds = false;

quint64 mix(quint64 x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

void stamp(QByteArray &body, const QList<qsizetype> &offsets, quint64 request)
{
    const quint64 key = g_randomIds ? mix(request) : request;
    for (qsizetype off : offsets)
        for (int b = 0; b < 8; ++b)
            body[off + b] = char((key >> (8 * b)) & 0xff);
}

double decodeAlone(const Template &t, double seconds)
{
    QByteArray body = t.body;
    QElapsedTimer timer;
    timer.start();
    qint64 spans = 0;
    quint64 n = 0;
    while (timer.elapsed() < seconds * 1000) {
        stamp(body, t.traceIdOffsets, ++n);
        spans += decodeOtlpProtobuf(body).batch.spans.size();
    }
    return double(spans) / (double(timer.nsecsElapsed()) / 1e9);
}

double storeAlone(const Template &t, const QString &url, double seconds)
{
    QString error;
    auto store = Store::open(url, &error, 64);
    if (!store) {
        std::fprintf(stderr, "store: %s\n", qPrintable(error));
        return 0;
    }
    QElapsedTimer timer;
    timer.start();
    qint64 spans = 0;
    quint64 n = quint64(1) << 40;
    QList<QFuture<WriteResult>> inFlight;
    while (timer.elapsed() < seconds * 1000) {
        QList<Span> batch = t.spans;
        ++n;
        for (Span &s : batch)
            for (int b = 0; b < 8; ++b)
                s.traceId[b] = char(((g_randomIds ? mix(n) : n) >> (8 * b)) & 0xff);
        inFlight.append(store->write(std::move(batch)));
        if (inFlight.size() >= 16) { // as many batches in flight as the end-to-end run keeps
            const WriteResult r = inFlight.takeFirst().result();
            spans += r.spansWritten;
        }
    }
    for (auto &f : inFlight)
        spans += f.result().spansWritten;
    const double rate = double(spans) / (double(timer.nsecsElapsed()) / 1e9);
    store->close();
    return rate;
}

qint64 peakRssKb(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return -1;
}

// One keep-alive connection sending requests back to back.
class Client : public QObject
{
public:
    Client(quint16 port, const Template &t, std::atomic<quint64> &counter, QList<qint64> &latencies, qint64 &spans,
           qint64 &failures)
        : m_t(t), m_body(t.body), m_counter(counter), m_latencies(latencies), m_spans(spans), m_failures(failures)
    {
        connect(&m_socket, &QTcpSocket::connected, this, &Client::send);
        connect(&m_socket, &QTcpSocket::readyRead, this, &Client::onRead);
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
    }
    bool stopping = false;

private:
    void send()
    {
        if (stopping)
            return;
        stamp(m_body, m_t.traceIdOffsets, ++m_counter);
        QByteArray req = "POST /v1/traces HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-protobuf\r\n"
                         "Content-Length: "
            + QByteArray::number(m_body.size()) + "\r\n\r\n";
        m_socket.write(req);
        m_socket.write(m_body);
        m_sent.start();
    }
    void onRead()
    {
        m_in += m_socket.readAll();
        const qsizetype head = m_in.indexOf("\r\n\r\n");
        if (head < 0)
            return;
        const qsizetype cl = m_in.indexOf("Content-Length: ");
        const qint64 len = cl >= 0 ? m_in.mid(cl + 16, m_in.indexOf("\r\n", cl) - cl - 16).toLongLong() : 0;
        if (m_in.size() < head + 4 + len)
            return;
        if (m_in.startsWith("HTTP/1.1 200")) {
            m_latencies.append(m_sent.nsecsElapsed() / 1000);
            m_spans += m_t.spans.size();
        } else {
            ++m_failures;
        }
        m_in.remove(0, head + 4 + len);
        send();
    }

    const Template &m_t;
    QByteArray m_body;
    std::atomic<quint64> &m_counter;
    QList<qint64> &m_latencies;
    qint64 &m_spans;
    qint64 &m_failures;
    QTcpSocket m_socket;
    QByteArray m_in;
    QElapsedTimer m_sent;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOption({QStringLiteral("spanlightd"), QStringLiteral("spanlightd binary to start"), QStringLiteral("path")});
    p.addOption({QStringLiteral("seconds"), QStringLiteral("end-to-end duration (default 20)"), QStringLiteral("s"),
                 QStringLiteral("20")});
    p.addOption({QStringLiteral("connections"), QStringLiteral("client connections (default 8)"), QStringLiteral("n"),
                 QStringLiteral("8")});
    p.addOption({QStringLiteral("spans"), QStringLiteral("spans per request (default 200)"), QStringLiteral("n"),
                 QStringLiteral("200")});
    p.addOption({QStringLiteral("random-ids"), QStringLiteral("spread trace ids over the key space, as SDKs do")});
    p.process(app);
    g_randomIds = p.isSet(QStringLiteral("random-ids"));
    const double seconds = p.value(QStringLiteral("seconds")).toDouble();
    const int connections = p.value(QStringLiteral("connections")).toInt();
    const Template t = makeTemplate(p.value(QStringLiteral("spans")).toInt());
    QTemporaryDir dir;

    std::printf("payload: %lld spans in %lld bytes per request (%d traces)\n", qlonglong(t.spans.size()),
                qlonglong(t.body.size()), kTracesPerRequest);
    const double decode = decodeAlone(t, 3);
    std::printf("decode alone (1 thread):          %10.0f spans/s\n", decode);
    const double store = storeAlone(t, QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("store-alone.db")), 5);
    std::printf("SQLite store alone (ack=commit):  %10.0f spans/s\n", store);

    if (!p.isSet(QStringLiteral("spanlightd")))
        return 0;
    QProcess server;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SERVICE_PORT"), QStringLiteral("0"));
    env.insert(QStringLiteral("OTLP_HTTP_PORT"), QStringLiteral("0"));
    env.insert(QStringLiteral("JAEGER_HTTP_PORT"), QStringLiteral("0")); // a fixed port would clash with a running collector
    env.insert(QStringLiteral("ZIPKIN_PORT"), QStringLiteral("0"));
    env.insert(QStringLiteral("OTLP_GRPC_PORT"), QStringLiteral("0"));
    env.insert(QStringLiteral("API_TOKEN"), QStringLiteral("bench"));
    env.insert(QStringLiteral("DATABASE_URL"), QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("e2e.db")));
    env.insert(QStringLiteral("SPANLIGHT_CONFIG"), dir.filePath(QStringLiteral("spanlight.conf")));
    server.setProcessEnvironment(env);
    server.setProcessChannelMode(QProcess::MergedChannels);
    server.start(p.value(QStringLiteral("spanlightd")), {});
    QString log;
    quint16 port = 0;
    static const QRegularExpression re(QStringLiteral("OTLP/HTTP on http://[^:]+:(\\d+)"));
    for (int i = 0; i < 100 && port == 0; ++i) {
        server.waitForReadyRead(100);
        log += QString::fromLocal8Bit(server.readAll());
        if (const auto m = re.match(log); m.hasMatch())
            port = quint16(m.captured(1).toUInt());
    }
    if (port == 0) {
        std::fprintf(stderr, "spanlightd did not start: %s\n", qPrintable(log));
        return 1;
    }
    std::atomic<quint64> counter = quint64(1) << 48;
    QList<qint64> latencies;
    qint64 spans = 0, failures = 0;
    QList<Client *> clients;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < connections; ++i)
        clients.append(new Client(port, t, counter, latencies, spans, failures));
    QTimer::singleShot(int(seconds * 1000), &app, [&] {
        for (Client *c : clients)
            c->stopping = true;
        QTimer::singleShot(2000, &app, &QCoreApplication::quit);
    });
    // discard the first seconds' figures? No: report the whole run, warm-up included.
    app.exec();
    const double elapsed = seconds;
    std::sort(latencies.begin(), latencies.end());
    auto pct = [&](double q) {
        return latencies.isEmpty() ? 0.0 : double(latencies[qsizetype(q * double(latencies.size() - 1))]) / 1000.0;
    };
    const double rate = double(spans) / elapsed;
    std::printf("end to end over %d connections:   %10.0f spans/s (%lld requests, %lld failed)\n", connections, rate,
                qlonglong(latencies.size()), qlonglong(failures));
    std::printf("export latency:                    p50 %.1f ms, p99 %.1f ms\n", pct(0.5), pct(0.99));
    std::printf("server peak RSS:                   %lld MB\n", qlonglong(peakRssKb(server.processId()) / 1024));
    std::printf("ingest / decode alone:             %.2f\n", rate / decode);
    std::printf("ingest / SQLite store alone:       %.2f\n", rate / store);
    qDeleteAll(clients);
    server.terminate();
    server.waitForFinished(10000);
    return 0;
}
