// Deep links (spanlight://trace/<id>?span=<id>) and the single console per settings file:
// parsing good and malformed links, opening one through the controller (the span is selected),
// the hand-over between two SingleInstance objects, and the console binary itself handing its
// link to a running "console" (a SingleInstance in this test) and exiting.
#include "consolecontroller.h"
#include "deeplink.h"
#include "fakesource.h"
#include "singleinstance.h"

#include "core/ids.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent>

using namespace spanlight;
using namespace spanlight::test;

namespace {

const QString kTrace = QStringLiteral("4bf92f3577b34da6a3ce929d0e0e4736");
const QString kSpan = QStringLiteral("00f067aa0ba902b7");

} // namespace

class TstConsoleLinks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void malformed_data();
    void malformed();
    void formatsWhatItParses();
    void openLinkSelectsSpan();
    void socketNamePerSettingsFile();
    void handOverToRunningInstance();
    void staleSocketIsReplaced();
    void consoleHandsLinkOver_data();
    void consoleHandsLinkOver();
    void consoleRejectsMalformedLink();

private:
    QProcess *startConsole(const QString &settingsFile, const QStringList &arguments);
};

void TstConsoleLinks::parse_data()
{
    QTest::addColumn<QString>("link");
    QTest::addColumn<QString>("traceId");
    QTest::addColumn<QString>("spanId");

    const QString padded = QStringLiteral("0000000000000000a3ce929d0e0e4736");
    QTest::newRow("trace and span") << u"spanlight://trace/"_qs + kTrace + u"?span="_qs + kSpan << kTrace
                                    << kSpan;
    QTest::newRow("trace only") << u"spanlight://trace/"_qs + kTrace << kTrace << QString();
    QTest::newRow("upper case") << u"SPANLIGHT://TRACE/"_qs + kTrace.toUpper() + u"?span="_qs
            + kSpan.toUpper() << kTrace
                                << kSpan;
    QTest::newRow("64-bit trace id") << u"spanlight://trace/a3ce929d0e0e4736?span="_qs + kSpan << padded
                                     << kSpan;
    QTest::newRow("trailing slash") << u"spanlight://trace/"_qs + kTrace + u"/"_qs << kTrace << QString();
    QTest::newRow("blanks around") << u"  spanlight://trace/"_qs + kTrace + u"\n"_qs << kTrace << QString();
    QTest::newRow("other query items ignored")
        << u"spanlight://trace/"_qs + kTrace + u"?from=chat&span="_qs + kSpan << kTrace << kSpan;
}

void TstConsoleLinks::parse()
{
    QFETCH(QString, link);
    QFETCH(QString, traceId);
    QFETCH(QString, spanId);
    QString error = u"stale"_qs;
    const std::optional<DeepLink> parsed = DeepLink::parse(link, &error);
    QVERIFY2(parsed, qPrintable(error));
    QVERIFY(error.isEmpty());
    QCOMPARE(idToHex(parsed->traceId), traceId);
    QCOMPARE(idToHex(parsed->spanId), spanId);
    QVERIFY(DeepLink::looksLikeLink(link));
}

void TstConsoleLinks::malformed_data()
{
    QTest::addColumn<QString>("link");
    QTest::addColumn<QString>("errorMentions"); // a part of the message that says what is wrong

    QTest::newRow("empty") << QString() << u"empty"_qs;
    QTest::newRow("other scheme") << u"https://trace/"_qs + kTrace << u"not a Spanlight link"_qs;
    QTest::newRow("no scheme") << kTrace << u"not a Spanlight link"_qs;
    QTest::newRow("other host") << u"spanlight://span/"_qs + kTrace << u"names no trace"_qs;
    QTest::newRow("user info") << u"spanlight://me@trace/"_qs + kTrace << u"names no trace"_qs;
    QTest::newRow("port") << u"spanlight://trace:80/"_qs + kTrace << u"names no trace"_qs;
    QTest::newRow("no trace id") << u"spanlight://trace/"_qs << u"no trace id"_qs;
    QTest::newRow("no path") << u"spanlight://trace"_qs << u"no trace id"_qs;
    QTest::newRow("short trace id") << u"spanlight://trace/0123"_qs << u"“0123” is not a trace id"_qs;
    QTest::newRow("long trace id") << u"spanlight://trace/"_qs + kTrace + u"00"_qs << u"is not a trace id"_qs;
    QTest::newRow("not hex") << u"spanlight://trace/"_qs + kTrace.left(31) + u"g"_qs
                             << u"is not a trace id"_qs;
    QTest::newRow("two path segments")
        << u"spanlight://trace/"_qs + kTrace + u"/"_qs + kSpan << u"is not a trace id"_qs;
    QTest::newRow("short span id") << u"spanlight://trace/"_qs + kTrace + u"?span=abc"_qs
                                   << u"“abc” is not a span id"_qs;
    QTest::newRow("32-hex span id") << u"spanlight://trace/"_qs + kTrace + u"?span="_qs + kTrace
                                    << u"is not a span id"_qs;
    QTest::newRow("empty span id") << u"spanlight://trace/"_qs + kTrace + u"?span="_qs
                                   << u"is not a span id"_qs;
    QTest::newRow("two spans") << u"spanlight://trace/"_qs + kTrace + u"?span="_qs + kSpan + u"&span="_qs
            + kSpan << u"more than one span"_qs;
    QTest::newRow("blank inside") << u"spanlight://trace/"_qs + kTrace.left(8) + u" "_qs + kTrace.mid(8)
                                  << u"not a valid link"_qs;
}

void TstConsoleLinks::malformed()
{
    QFETCH(QString, link);
    QFETCH(QString, errorMentions);
    QString error;
    QVERIFY(!DeepLink::parse(link, &error));
    QVERIFY2(error.contains(errorMentions), qPrintable(error));
    QVERIFY(!DeepLink::parse(link)); // no error wanted: still refused
}

void TstConsoleLinks::formatsWhatItParses()
{
    const QByteArray trace = idFromHex(kTrace, 16);
    const QByteArray span = idFromHex(kSpan, 8);
    QCOMPARE(DeepLink::forSpan(trace, span), u"spanlight://trace/"_qs + kTrace + u"?span="_qs + kSpan);
    QCOMPARE(DeepLink::forSpan(trace), u"spanlight://trace/"_qs + kTrace);
    QCOMPARE(DeepLink::forSpan(QByteArray()), QString());
    const std::optional<DeepLink> back = DeepLink::parse(DeepLink::forSpan(trace, span));
    QVERIFY(back);
    QCOMPARE(back->traceId, trace);
    QCOMPARE(back->spanId, span);
    QVERIFY(!DeepLink::looksLikeLink(u"--demo"_qs));
}

void TstConsoleLinks::openLinkSelectsSpan()
{
    auto source = std::make_shared<FakeSource>();
    for (int n = 1; n <= 3; ++n)
        source->put(sampleTraceNumber(n));
    ConsoleController c;
    c.setCurrentPage(ConsoleController::Traces);
    c.setSource(source);
    QSignalSpy traceApplied(&c, &ConsoleController::traceApplied);

    // Span 3 ("db") is the third row of trace 2's waterfall.
    const QString link = DeepLink::forSpan(traceIdOf(2), spanIdOf(3));
    QVERIFY(c.openLink(link));
    QCOMPARE(c.currentPage(), int(ConsoleController::Trace));
    QCOMPARE(c.selectedTraceId(), idToHex(traceIdOf(2)));
    QTRY_COMPARE(traceApplied.size(), 1);
    QCOMPARE(c.selectedSpanRow(), 2);
    QCOMPARE(c.spanDetails()->name(), u"db"_qs);
    QCOMPARE(c.spanDetails()->spanId(), idToHex(spanIdOf(3)));
    // What "Copy link" copies is the link that opened it.
    QCOMPARE(c.spanDetails()->link(), link);

    // The trace is open already: another span of it is selected at once.
    QVERIFY(c.openLink(DeepLink::forSpan(traceIdOf(2), spanIdOf(2))));
    QCOMPARE(c.spanDetails()->name(), u"auth"_qs);
    QTRY_COMPARE(traceApplied.size(), 2);
    QCOMPARE(c.spanDetails()->name(), u"auth"_qs);

    // Without a span: the root.
    QVERIFY(c.openLink(DeepLink::forSpan(traceIdOf(3))));
    QTRY_COMPARE(traceApplied.size(), 3);
    QCOMPARE(c.selectedSpanRow(), 0);
    QCOMPARE(c.spanDetails()->name(), u"GET /3"_qs);

    // A malformed link opens nothing and says why in the status bar.
    QVERIFY(!c.openLink(u"spanlight://trace/0123"_qs));
    QCOMPARE(c.selectedTraceId(), idToHex(traceIdOf(3)));
    QVERIFY2(c.statusText().contains(u"0123"_qs), qPrintable(c.statusText()));
}

void TstConsoleLinks::socketNamePerSettingsFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString a = SingleInstance::socketNameFor(dir.filePath(u"a.conf"_qs));
    QCOMPARE(SingleInstance::socketNameFor(dir.filePath(u"a.conf"_qs)), a);
    QVERIFY(SingleInstance::socketNameFor(dir.filePath(u"b.conf"_qs)) != a);
    QVERIFY(QDir::isAbsolutePath(a));
    QVERIFY2(a.size() < 100, qPrintable(a)); // sockaddr_un holds 108 bytes
}

void TstConsoleLinks::handOverToRunningInstance()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString name = SingleInstance::socketNameFor(dir.filePath(u"spanlight.conf"_qs));
    QCOMPARE(SingleInstance::handOver(name, {}, 2000), SingleInstance::HandOver::NoInstance);

    SingleInstance running;
    QString error;
    QVERIFY2(running.listen(name, &error), qPrintable(error));
    QSignalSpy activated(&running, &SingleInstance::activated);
    const QStringList links { DeepLink::forSpan(idFromHex(kTrace, 16), idFromHex(kSpan, 8)),
        DeepLink::forSpan(idFromHex(kTrace, 16)) };
    // The second start blocks in handOver(), so it runs on another thread while this one's
    // event loop serves the running instance.
    QFuture<SingleInstance::HandOver> second
        = QtConcurrent::run([name, links] { return SingleInstance::handOver(name, links, 20000); });
    QTRY_COMPARE(activated.size(), 1);
    QCOMPARE(activated.first().first().toStringList(), links);
    second.waitForFinished();
    QCOMPARE(second.result(), SingleInstance::HandOver::Delivered);

    // Without links: only "show the window".
    QFuture<SingleInstance::HandOver> third
        = QtConcurrent::run([name] { return SingleInstance::handOver(name, {}, 20000); });
    QTRY_COMPARE(activated.size(), 2);
    QCOMPARE(activated.last().first().toStringList(), QStringList());
    third.waitForFinished();
    QCOMPARE(third.result(), SingleInstance::HandOver::Delivered);
}

void TstConsoleLinks::staleSocketIsReplaced()
{
    // A console that crashed leaves its socket behind: nobody answers there, and the next
    // console takes the name over.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString name = SingleInstance::socketNameFor(dir.filePath(u"crashed.conf"_qs));
    {
        QFile stale(name);
        QVERIFY(stale.open(QIODevice::WriteOnly));
    }
    QCOMPARE(SingleInstance::handOver(name, {}, 2000), SingleInstance::HandOver::NoInstance);
    SingleInstance next;
    QString error;
    QVERIFY2(next.listen(name, &error), qPrintable(error));
    QSignalSpy activated(&next, &SingleInstance::activated);
    QFuture<SingleInstance::HandOver> second
        = QtConcurrent::run([name] { return SingleInstance::handOver(name, {}, 20000); });
    QTRY_COMPARE(activated.size(), 1);
    second.waitForFinished();
    QCOMPARE(second.result(), SingleInstance::HandOver::Delivered);
}

QProcess *TstConsoleLinks::startConsole(const QString &settingsFile, const QStringList &arguments)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("SPANLIGHT_CONFIG"), settingsFile);
    // Should it start a console after all (a failed hand-over), that one stays off the user's ports.
    for (const char *port :
        { "SERVICE_PORT", "OTLP_HTTP_PORT", "OTLP_GRPC_PORT", "ZIPKIN_PORT", "JAEGER_HTTP_PORT" })
        env.insert(QLatin1String(port), QStringLiteral("0"));
    env.insert(QStringLiteral("DATABASE_URL"),
        u"sqlite://"_qs + QFileInfo(settingsFile).absolutePath() + u"/unused.db"_qs);
    auto *p = new QProcess(this);
    p->setProcessEnvironment(env);
    p->setProcessChannelMode(QProcess::MergedChannels);
    p->start(qEnvironmentVariable("SPANLIGHT_BIN"), arguments);
    return p;
}

void TstConsoleLinks::consoleHandsLinkOver_data()
{
    QTest::addColumn<QStringList>("links");
    QTest::newRow("a link") << QStringList { u"spanlight://trace/"_qs + kTrace + u"?span="_qs + kSpan };
    QTest::newRow("two links") << QStringList { u"spanlight://trace/"_qs + kTrace,
        u"spanlight://trace/"_qs + kTrace.toUpper() };
    QTest::newRow("none: raise the window") << QStringList();
}

void TstConsoleLinks::consoleHandsLinkOver()
{
    QFETCH(QStringList, links);
    QVERIFY2(qEnvironmentVariableIsSet("SPANLIGHT_BIN"), "SPANLIGHT_BIN names the console binary");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString settings = dir.filePath(u"spanlight.conf"_qs);
    SingleInstance running; // stands in for the console already running with these settings
    QString error;
    QVERIFY2(running.listen(SingleInstance::socketNameFor(settings), &error), qPrintable(error));
    QSignalSpy activated(&running, &SingleInstance::activated);

    QProcess *second = startConsole(settings, links);
    QTRY_COMPARE_WITH_TIMEOUT(activated.size(), 1, 60000);
    QCOMPARE(activated.first().first().toStringList(), links);
    // waitForFinished() is false for a process that has finished already.
    if (second->state() != QProcess::NotRunning && !second->waitForFinished(60000)) {
        second->kill();
        second->waitForFinished(5000);
        QFAIL("the second console did not exit after handing over");
    }
    QVERIFY2(second->exitStatus() == QProcess::NormalExit && second->exitCode() == 0,
        second->readAll().constData());
    QVERIFY(!QFile::exists(dir.filePath(u"unused.db"_qs))); // no server of its own was started
}

void TstConsoleLinks::consoleRejectsMalformedLink()
{
    QVERIFY2(qEnvironmentVariableIsSet("SPANLIGHT_BIN"), "SPANLIGHT_BIN names the console binary");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString settings = dir.filePath(u"spanlight.conf"_qs);
    SingleInstance running;
    QVERIFY(running.listen(SingleInstance::socketNameFor(settings)));
    QSignalSpy activated(&running, &SingleInstance::activated);

    QProcess *second = startConsole(settings, { u"spanlight://trace/0123?span="_qs + kSpan });
    // Nothing to serve: the process decides before it contacts anyone.
    // waitForFinished() is false for a process that has finished already.
    if (second->state() != QProcess::NotRunning && !second->waitForFinished(60000)) {
        second->kill();
        second->waitForFinished(5000);
        QFAIL("the console did not exit on a malformed link");
    }
    const QByteArray output = second->readAll();
    QCOMPARE(second->exitCode(), 2);
    QVERIFY2(output.contains("is not a trace id"), output.constData());
    QCOMPARE(activated.size(), 0);
}

QTEST_MAIN(TstConsoleLinks)
#include "tst_consolelinks.moc"
