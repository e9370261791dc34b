#include "http/httplistener.h"

#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

#include <thread>

using namespace spanlight;

// Talks raw HTTP to the listener over loopback, so that framing details are under test.
class TestHttpListener : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void simpleGet();
    void keepAliveAndPipelining();
    void connectionClose_data();
    void connectionClose();
    void bodyLimitBeforeBuffering();
    void chunkedBody();
    void chunkedOverLimit();
    void expectContinue();
    void malformed_data();
    void malformed();
    void headersTooLarge();
    void answerFromAnotherThread();
    void clientGoneBeforeAnswer();
    void stalledRequestTimesOut();

private:
    // Sends `raw`, reads until `responses` complete responses (or the peer closes, or 5 s).
    QByteArray exchange(const QByteArray &raw, int responses = 1, bool *closed = nullptr, HttpListener *l = nullptr);
    static int countResponses(const QByteArray &data);

    std::unique_ptr<HttpListener> m_listener;
    std::atomic_int m_slowRequests = 0;
};

static HttpResponse echo(const HttpRequest &r)
{
    HttpResponse out;
    out.contentType = "text/plain";
    out.body = r.method + ' ' + r.path.toUtf8() + " q=" + r.query.queryItemValue(QStringLiteral("q")).toUtf8()
        + " len=" + QByteArray::number(r.body.size()) + " body=" + r.body.left(64);
    return out;
}

void TestHttpListener::initTestCase()
{
    HttpLimits limits;
    limits.maxBodyBytes = 1000;
    limits.maxHeaderBytes = 4096;
    limits.stallTimeoutMs = 300;
    m_listener = std::make_unique<HttpListener>(
        QStringLiteral("test"),
        [this](HttpRequest &&r, HttpRespond respond) {
            if (r.path == u"/slow") {
                // Answer later from a plain thread, as the ingest path does after a commit.
                ++m_slowRequests;
                std::thread([r = std::move(r), respond] {
                    QThread::msleep(150);
                    respond(echo(r));
                }).detach();
                return;
            }
            respond(echo(r));
        },
        limits);
    QString error;
    QVERIFY2(m_listener->listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    QVERIFY(m_listener->port() != 0);
}

void TestHttpListener::cleanupTestCase()
{
    m_listener->stop();
}

int TestHttpListener::countResponses(const QByteArray &data)
{
    int count = 0;
    qsizetype pos = 0;
    while (true) {
        const qsizetype head = data.indexOf("\r\n\r\n", pos);
        if (head < 0)
            break;
        const QByteArray headers = data.mid(pos, head - pos).toLower();
        if (headers.startsWith("http/1.1 100")) {
            pos = head + 4;
            continue;
        }
        const qsizetype cl = headers.indexOf("content-length:");
        qint64 length = 0;
        if (cl >= 0)
            length = headers.mid(cl + 15, headers.indexOf("\r\n", cl) - cl - 15).trimmed().toLongLong();
        if (data.size() < head + 4 + length)
            break;
        pos = head + 4 + length;
        ++count;
    }
    return count;
}

QByteArray TestHttpListener::exchange(const QByteArray &raw, int responses, bool *closed, HttpListener *l)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, (l ? l : m_listener.get())->port());
    if (!socket.waitForConnected(2000))
        return "connect failed";
    socket.write(raw);
    QByteArray in;
    QElapsedTimer timer;
    timer.start();
    bool isClosed = false;
    while (timer.elapsed() < 5000) {
        if (countResponses(in) >= responses && !closed)
            break;
        if (!socket.waitForReadyRead(100)) {
            if (socket.state() != QAbstractSocket::ConnectedState) {
                isClosed = true;
                break;
            }
            if (closed && countResponses(in) >= responses && timer.elapsed() > 1000)
                break; // stayed open
            continue;
        }
        in += socket.readAll();
    }
    in += socket.readAll();
    if (closed)
        *closed = isClosed;
    return in;
}

void TestHttpListener::simpleGet()
{
    const QByteArray out = exchange("GET /a%20b?q=x%26y HTTP/1.1\r\nHost: h\r\n\r\n");
    QVERIFY2(out.startsWith("HTTP/1.1 200 OK\r\n"), out.constData());
    QVERIFY2(out.endsWith("GET /a b q=x&y len=0 body="), out.constData());
}

void TestHttpListener::keepAliveAndPipelining()
{
    // Three requests in one write: the slow one first. Answers must come in request order.
    const QByteArray out = exchange("POST /slow HTTP/1.1\r\nContent-Length: 3\r\n\r\none"
                                    "GET /fast HTTP/1.1\r\n\r\n"
                                    "POST /x HTTP/1.1\r\nContent-Length: 5\r\n\r\nthree",
                                    3);
    QCOMPARE(countResponses(out), 3);
    const qsizetype first = out.indexOf("POST /slow");
    const qsizetype second = out.indexOf("GET /fast");
    const qsizetype third = out.indexOf("POST /x q= len=5 body=three");
    QVERIFY(first >= 0 && second > first && third > second);
}

void TestHttpListener::connectionClose_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<bool>("expectClosed");
    QTest::newRow("1.1 close") << QByteArray("GET / HTTP/1.1\r\nConnection: close\r\n\r\n") << true;
    QTest::newRow("1.0 default") << QByteArray("GET / HTTP/1.0\r\n\r\n") << true;
    QTest::newRow("1.0 keep-alive") << QByteArray("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n") << false;
    QTest::newRow("1.1 default") << QByteArray("GET / HTTP/1.1\r\n\r\n") << false;
}

void TestHttpListener::connectionClose()
{
    QFETCH(QByteArray, request);
    QFETCH(bool, expectClosed);
    bool closed = false;
    const QByteArray out = exchange(request, 1, &closed);
    QCOMPARE(countResponses(out), 1);
    QCOMPARE(closed, expectClosed);
    QCOMPARE(out.contains("Connection: close"), expectClosed);
}

void TestHttpListener::bodyLimitBeforeBuffering()
{
    // Only the headers are sent: the 413 must come without the body ever arriving.
    bool closed = false;
    const QByteArray out = exchange("POST /big HTTP/1.1\r\nContent-Length: 5000\r\n\r\n", 1, &closed);
    QVERIFY2(out.startsWith("HTTP/1.1 413 "), out.constData());
    QVERIFY(out.contains("exceeds the limit of 1000 bytes"));
    QVERIFY(closed);
}

void TestHttpListener::chunkedBody()
{
    const QByteArray out = exchange("POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                                    "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n");
    QVERIFY2(out.endsWith("POST /c q= len=11 body=hello world"), out.constData());
}

void TestHttpListener::chunkedOverLimit()
{
    QByteArray raw = "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 3; ++i)
        raw += "190\r\n" + QByteArray(400, 'x') + "\r\n"; // 3 x 400 bytes > 1000
    raw += "0\r\n\r\n";
    const QByteArray out = exchange(raw);
    QVERIFY2(out.startsWith("HTTP/1.1 413 "), out.constData());
}

void TestHttpListener::expectContinue()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_listener->port());
    QVERIFY(socket.waitForConnected(2000));
    socket.write("POST /e HTTP/1.1\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
    QByteArray in;
    QTRY_VERIFY_WITH_TIMEOUT((in += socket.readAll()).startsWith("HTTP/1.1 100 Continue\r\n\r\n"), 2000);
    socket.write("abcd");
    QTRY_VERIFY_WITH_TIMEOUT((in += socket.readAll()).endsWith("len=4 body=abcd"), 2000);
}

void TestHttpListener::malformed_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::newRow("garbage line") << QByteArray("HELLO\r\n\r\n") << 400;
    QTest::newRow("no slash") << QByteArray("GET x HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("http/2") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 505;
    QTest::newRow("bad length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: -4\r\n\r\n") << 400;
    QTest::newRow("length text") << QByteArray("POST / HTTP/1.1\r\nContent-Length: ten\r\n\r\n") << 400;
    QTest::newRow("both framings") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n") << 400;
    QTest::newRow("gzip framing") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n") << 501;
    QTest::newRow("bad header") << QByteArray("GET / HTTP/1.1\r\nno colon here\r\n\r\n") << 400;
    QTest::newRow("bad chunk") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n") << 400;
}

void TestHttpListener::malformed()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    bool closed = false;
    const QByteArray out = exchange(request, 1, &closed);
    QVERIFY2(out.startsWith(QByteArray("HTTP/1.1 " + QByteArray::number(status) + " ")), out.constData());
    QVERIFY2(out.contains("\"error\""), out.constData());
    QVERIFY(closed);
    // and the server still serves others
    QVERIFY(exchange("GET /after HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 200"));
}

void TestHttpListener::headersTooLarge()
{
    const QByteArray out = exchange("GET / HTTP/1.1\r\nX-Big: " + QByteArray(5000, 'a') + "\r\n\r\n");
    QVERIFY2(out.startsWith("HTTP/1.1 431 "), out.constData());
}

void TestHttpListener::answerFromAnotherThread()
{
    const int before = m_slowRequests;
    const QByteArray out = exchange("POST /slow?q=1 HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi");
    QVERIFY2(out.endsWith("POST /slow q=1 len=2 body=hi"), out.constData());
    QCOMPARE(m_slowRequests.load(), before + 1);
}

void TestHttpListener::clientGoneBeforeAnswer()
{
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_listener->port());
        QVERIFY(socket.waitForConnected(2000));
        socket.write("GET /slow HTTP/1.1\r\n\r\n");
        QVERIFY(socket.waitForBytesWritten(1000));
        QTest::qWait(20);
        socket.abort();
    }
    QTest::qWait(300); // the answer arrives for a connection that is gone
    QVERIFY(exchange("GET /ok HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 200"));
}

void TestHttpListener::stalledRequestTimesOut()
{
    bool closed = false;
    const QByteArray out = exchange("POST /s HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc", 1, &closed);
    QVERIFY2(out.startsWith("HTTP/1.1 408 "), out.constData());
    QVERIFY(closed);
}

QTEST_GUILESS_MAIN(TestHttpListener)
#include "tst_httplistener.moc"
