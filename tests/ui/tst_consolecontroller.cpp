// The console's view-model against a fake TraceSource: queries off the GUI thread, throttled
// and coalesced refreshes, stale results dropped, selection that follows the data.
#include "consolecontroller.h"
#include "fakesource.h"
#include "serverbinding.h"
#include "storeworkload.h"

#include "core/ids.h"
#include "ingest/otlpcodec.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QSemaphore>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace spanlight;
using namespace spanlight::test;

class TstConsoleController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void withoutSource();
    void listsOnWorkerThread();
    void guiStaysResponsiveDuringSlowQueries();
    void commitsAreThrottled();
    void refreshesAreCoalesced();
    void opensTraceAndSelectsRoot();
    void staleTraceResultIsDropped();
    void lateSpansReloadOpenTrace();
    void selectionFollowsCollapse();
    void missingTrace();
    void spansPerSecond();
    void shutdownWaitsForRunningQuery();
    void openTraceSpanOpensItsGroup();
    void exportTraceDecodesBack();
    void exportTraceFailures();
    void exportPartialTraceWritesItWhole();
    void importsOffTheGuiThreadOneAfterAnother();
    void importRefusals();
};

namespace {

// Trace 7: root (api) with 10 db.query spans (postgres), one group row in the waterfall.
TraceDetails loopTrace()
{
    QList<Span> spans{makeSpan(1, 0, QStringLiteral("root"), QStringLiteral("api"), 0, 100)};
    for (int i = 0; i < 10; ++i)
        spans.append(makeSpan(10 + i, 1, QStringLiteral("db.query"), QStringLiteral("postgres"), 5 + i * 5, 8 + i * 5));
    for (Span &s : spans)
        s.traceId = traceIdOf(7);
    return makeTrace(spans);
}

} // namespace

void TstConsoleController::openTraceSpanOpensItsGroup()
{
    auto source = std::make_shared<FakeSource>();
    source->put(loopTrace());
    ConsoleController c;
    QAbstractItemModelTester tester(c.waterfall(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy applied(&c, &ConsoleController::traceApplied);
    c.setSource(source);
    // Loading the trace for a span inside the (folded) group opens the group.
    c.openTraceSpan(idToHex(traceIdOf(7)), idToHex(spanIdOf(16)));
    QTRY_COMPARE(applied.size(), 1);
    QCOMPARE(c.waterfall()->rowCount(), 12);
    QVERIFY(c.waterfall()->isGroupRow(1));
    QCOMPARE(c.selectedSpanRow(), 8); // root, group, members 10..19
    QCOMPARE(c.spanDetails()->spanId(), idToHex(spanIdOf(16)));

    // Folded again by the user, then asked for another member of the open trace.
    c.waterfall()->toggle(1);
    QCOMPARE(c.selectedSpanRow(), 1); // the group shows the selected span
    QCOMPARE(c.waterfall()->rowCount(), 2);
    c.openTraceSpan(idToHex(traceIdOf(7)), idToHex(spanIdOf(12)));
    QCOMPARE(c.waterfall()->rowCount(), 12); // at once, before the reload
    QCOMPARE(c.selectedSpanRow(), 4);
    QTRY_COMPARE(applied.size(), 2);
    QCOMPARE(c.selectedSpanRow(), 4);
    QCOMPARE(c.spanDetails()->spanId(), idToHex(spanIdOf(12)));

    // Up and Down step onto the group row and past it like any other row.
    c.waterfall()->toggle(1);
    c.selectSpan(0);
    QVERIFY(c.spanDetails()->groupText().isEmpty()); // the root: a span row
    c.moveSpanSelection(1);
    QCOMPARE(c.selectedSpanRow(), 1);
    // On the group row the details say what it stands for, then show its first member.
    QCOMPARE(c.spanDetails()->groupText(),
        u"10 db.query spans of postgres: 30.0 ms in total over 48.0 ms; below, the first of them"_qs);
    QCOMPARE(c.spanDetails()->spanId(), idToHex(spanIdOf(10)));
    c.expandOrChild(); // Right opens the group
    QCOMPARE(c.waterfall()->rowCount(), 12);
    QCOMPARE(c.selectedSpanRow(), 1);
    c.expandOrChild(); // and then moves to its first member
    QCOMPARE(c.selectedSpanRow(), 2);
    QCOMPARE(c.spanDetails()->spanId(), idToHex(spanIdOf(10)));
    QVERIFY(c.spanDetails()->groupText().isEmpty()); // the same span, as itself
}

void TstConsoleController::exportTraceDecodesBack()
{
    TraceDetails trace = loopTrace();
    QList<Span> spans;
    for (const SpanView &v : std::as_const(trace.spans))
        spans.append(v.span);
    // Every kind of field the export must keep.
    spans[0].attributes = QJsonObject{{u"http.route"_qs, u"/cart"_qs}, {u"http.status_code"_qs, 500},
                                      {u"ratio"_qs, 0.25}, {u"cached"_qs, true}};
    spans[0].statusCode = StatusCode::Error;
    spans[0].statusMessage = u"checkout failed"_qs;
    spans[3].statusCode = StatusCode::Ok;
    spans[3].kind = SpanKind::Client;
    SpanEvent e;
    e.name = u"retry"_qs;
    e.timeUnixNano = spans[3].startTimeUnixNano + 1000;
    e.attributes.insert(u"attempt"_qs, 2);
    spans[3].events.append(e);
    for (Span &s : spans)
        s.resourceAttributes.insert(u"service.name"_qs, s.serviceName);
    trace = makeTrace(spans);

    auto source = std::make_shared<FakeSource>();
    source->put(trace);
    ConsoleController c;
    QSignalSpy applied(&c, &ConsoleController::traceApplied);
    QSignalSpy exported(&c, &ConsoleController::traceExported);
    c.setSource(source);
    c.openTraceId(idToHex(traceIdOf(7)));
    QTRY_COMPARE(applied.size(), 1);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"trace.json"_qs);
    QVERIFY(c.suggestedExportFile().isLocalFile());
    QVERIFY(c.suggestedExportFile().fileName().contains(idToHex(traceIdOf(7))));
    QVERIFY(c.exportTrace(QUrl::fromLocalFile(path)));
    QTRY_COMPARE(exported.size(), 1);
    QCOMPARE(exported.at(0).at(0).toBool(), true);
    QVERIFY(exported.at(0).at(1).toString().contains(u"11"_qs));
    QCOMPARE(c.statusText(), exported.at(0).at(1).toString());

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const DecodeResult decoded = decodeOtlpJson(file.readAll());
    QVERIFY2(decoded.ok(), qPrintable(decoded.error));
    QCOMPARE(decoded.batch.rejectedSpans, 0);
    QCOMPARE(decoded.batch.spans.size(), spans.size());
    QHash<QByteArray, Span> byId;
    for (const Span &s : decoded.batch.spans)
        byId.insert(s.spanId, s);
    for (const Span &want : std::as_const(spans)) {
        QVERIFY(byId.contains(want.spanId));
        const Span &got = byId.value(want.spanId);
        QCOMPARE(got.traceId, want.traceId);
        QCOMPARE(got.parentSpanId, want.parentSpanId);
        QCOMPARE(got.name, want.name);
        QCOMPARE(got.serviceName, want.serviceName);
        QCOMPARE(got.startTimeUnixNano, want.startTimeUnixNano);
        QCOMPARE(got.endTimeUnixNano, want.endTimeUnixNano);
        QCOMPARE(got.attributes, want.attributes);
        QCOMPARE(int(got.statusCode), int(want.statusCode));
        QCOMPARE(got.statusMessage, want.statusMessage);
        QCOMPARE(int(got.kind), int(want.kind));
        QVERIFY(got == want);
    }
}

// A trace opened partially (over the span budget) is exported with every span, read on the worker.
void TstConsoleController::exportPartialTraceWritesItWhole()
{
    QList<Span> spans{makeSpan(1, 0, u"root"_qs, u"api"_qs, 0, 100)};
    for (int i = 0; i < 4; ++i) {
        spans.append(makeSpan(10 + i, 1, u"step"_qs, u"api"_qs, i * 20, i * 20 + 15));
        spans.append(makeSpan(20 + i, 10 + i, u"query"_qs, u"db"_qs, i * 20 + 2, i * 20 + 9));
    }
    WorkloadStore db(spans);
    QVERIFY2(db.ok(), qPrintable(db.error));
    ConsoleController c;
    c.setSpanBudget(3);
    QSignalSpy applied(&c, &ConsoleController::traceApplied);
    QSignalSpy exported(&c, &ConsoleController::traceExported);
    c.setSource(storeTraceSource(*db.store));
    c.openTraceId(idToHex(traceIdOf(1)));
    QTRY_COMPARE(applied.size(), 1);
    QVERIFY(c.waterfall()->isPartial());
    QCOMPARE(c.waterfall()->loadedSpanCount(), 1); // the root: its four children do not fit in 3
    QTemporaryDir dir;
    const QString path = dir.filePath(u"partial.json"_qs);
    QVERIFY(c.exportTrace(QUrl::fromLocalFile(path)));
    QTRY_COMPARE(exported.size(), 1);
    QCOMPARE(exported.at(0).at(0).toBool(), true);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const DecodeResult decoded = decodeOtlpJson(file.readAll());
    QVERIFY2(decoded.ok(), qPrintable(decoded.error));
    QCOMPARE(decoded.batch.spans.size(), spans.size());
    c.shutdown();
}

void TstConsoleController::exportTraceFailures()
{
    auto source = std::make_shared<FakeSource>();
    source->put(loopTrace());
    ConsoleController c;
    QSignalSpy applied(&c, &ConsoleController::traceApplied);
    QSignalSpy exported(&c, &ConsoleController::traceExported);
    QTemporaryDir dir;
    QVERIFY(!c.exportTrace(QUrl::fromLocalFile(dir.filePath(u"none.json"_qs)))); // no trace open
    c.setSource(source);
    c.openTraceId(idToHex(traceIdOf(7)));
    QTRY_COMPARE(applied.size(), 1);
    QVERIFY(!c.exportTrace(QUrl(u"https://example.com/trace.json"_qs))); // not a local file
    // A folder that does not exist: reported, nothing written.
    const QString path = dir.filePath(u"missing/trace.json"_qs);
    QVERIFY(c.exportTrace(QUrl::fromLocalFile(path)));
    QTRY_COMPARE(exported.size(), 1);
    QCOMPARE(exported.at(0).at(0).toBool(), false);
    QVERIFY(exported.at(0).at(1).toString().contains(path));
    QVERIFY(!QFile::exists(path));
}

void TstConsoleController::withoutSource()
{
    ConsoleController c;
    QVERIFY(!c.isConnected());
    QVERIFY(!c.statusText().isEmpty());
    c.refresh();
    c.notifyCommitted(10, 1);
    c.openTrace(0);
    c.selectSpan(3);
    c.moveSpanSelection(1);
    c.collapseOrParent();
    c.expandOrChild();
    QCOMPARE(c.traces()->rowCount(), 0);
    QCOMPARE(c.listQueriesStarted(), 0);
    QCOMPARE(c.selectedSpanRow(), -1);
}

void TstConsoleController::listsOnWorkerThread()
{
    auto source = std::make_shared<FakeSource>();
    source->put(sampleTraceNumber(1));
    source->put(sampleTraceNumber(2));
    ConsoleController c;
    QAbstractItemModelTester tester(c.traces(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy applied(&c, &ConsoleController::traceListApplied);
    c.setSource(source);
    QVERIFY(c.isConnected());
    QTRY_COMPARE(applied.size(), 1);
    QCOMPARE(c.traces()->rowCount(), 2);
    QCOMPARE(c.traces()->data(c.traces()->index(0), TraceListModel::OperationRole).toString(), u"GET /2"_qs);
    QCOMPARE(c.traceCount(), 2);
    QVERIFY(!source->threads().contains(QThread::currentThread()));
    QCOMPARE(source->threads().size(), 1);
}

void TstConsoleController::guiStaysResponsiveDuringSlowQueries()
{
    // The source blocks every query until released, as a database that does not answer would.
    // Meanwhile the GUI thread keeps running: its timers fire, the controller takes more work
    // and folds it, and nothing is applied half-done. No timing is asserted (a loaded machine
    // only makes it slower), only that the GUI thread never waits for the query.
    auto source = std::make_shared<FakeSource>();
    source->put(sampleTraceNumber(1));
    source->hold();
    ConsoleController c;
    c.setRefreshIntervalMs(0);
    QSignalSpy listApplied(&c, &ConsoleController::traceListApplied);
    QSignalSpy traceApplied(&c, &ConsoleController::traceApplied);

    c.setSource(source);
    c.openTraceId(idToHex(traceIdOf(1)));
    QTRY_VERIFY(source->started >= 1); // the worker is inside the source now, waiting
    int ticks = 0;
    QTimer ticker;
    ticker.setInterval(5);
    connect(&ticker, &QTimer::timeout, this, [&] { ++ticks; });
    ticker.start();
    for (int i = 0; i < 20; ++i)
        c.notifyCommitted(100, 1);
    QTRY_VERIFY(ticks >= 20); // the GUI thread's own events run while the query is blocked
    ticker.stop();
    QCOMPARE(source->started.load(), 1); // one query at a time: the others wait, folded
    QCOMPARE(listApplied.size(), 0);
    QCOMPARE(traceApplied.size(), 0);

    source->release();
    QTRY_VERIFY_WITH_TIMEOUT(traceApplied.size() >= 1 && listApplied.size() >= 2, 10000);
    QCOMPARE(source->threads().size(), 1); // every query ran on the one worker, none on the GUI thread
    QVERIFY(!source->threads().contains(QThread::currentThread()));
    QCOMPARE(c.waterfall()->rowCount(), 3);
}

void TstConsoleController::commitsAreThrottled()
{
    auto source = std::make_shared<FakeSource>();
    source->put(sampleTraceNumber(1));
    ConsoleController c;
    c.setRefreshIntervalMs(200);
    QSignalSpy applied(&c, &ConsoleController::traceListApplied);
    c.setCurrentPage(ConsoleController::Trace); // away from the pages that list traces too
    c.setSource(source);
    QTRY_COMPARE(applied.size(), 1);

    // 600 ms of commits every 5 ms: 120 commits, at most about 3-4 refreshes.
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 600) {
        c.notifyCommitted(10, 1);
        QTest::qWait(5);
    }
    QTest::qWait(300); // the last scheduled refresh
    const int queries = c.listQueriesStarted() - 1;
    QVERIFY2(queries >= 2 && queries <= 5, qPrintable(QString::number(queries)));
    QCOMPARE(source->listCalls.load(), c.listQueriesStarted());
}

void TstConsoleController::refreshesAreCoalesced()
{
    auto source = std::make_shared<FakeSource>();
    source->delayMs = 150;
    ConsoleController c;
    QSignalSpy applied(&c, &ConsoleController::traceListApplied);
    c.setCurrentPage(ConsoleController::Trace); // away from the pages that list traces too
    c.setSource(source); // query 1 in flight
    for (int i = 0; i < 25; ++i)
        c.refresh(); // all folded into one follow-up
    QTRY_COMPARE(applied.size(), 2);
    QTest::qWait(200);
    QCOMPARE(applied.size(), 2);
    QCOMPARE(source->listCalls.load(), 2);
}

void TstConsoleController::opensTraceAndSelectsRoot()
{
    auto source = std::make_shared<FakeSource>();
    source->put(sampleTraceNumber(1));
    source->put(sampleTraceNumber(2));
    ConsoleController c;
    QAbstractItemModelTester t1(c.waterfall(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(c.spanDetails(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy listApplied(&c, &ConsoleController::traceListApplied);
    QSignalSpy traceApplied(&c, &ConsoleController::traceApplied);
    QSignalSpy selected(&c, &ConsoleController::selectedTraceChanged);
    c.setSource(source);
    QTRY_COMPARE(listApplied.size(), 1);
    c.openTrace(1); // trace 1, the older one
    QCOMPARE(selected.size(), 1);
    QCOMPARE(c.selectedTraceId(), idToHex(traceIdOf(1)));
    QTRY_COMPARE(traceApplied.size(), 1);
    QCOMPARE(c.waterfall()->traceIdHex(), idToHex(traceIdOf(1)));
    QCOMPARE(c.waterfall()->rowCount(), 3);
    QCOMPARE(c.selectedSpanRow(), 0);
    QCOMPARE(c.spanDetails()->name(), u"GET /1"_qs);

    c.moveSpanSelection(+2);
    QCOMPARE(c.selectedSpanRow(), 2);
    QCOMPARE(c.spanDetails()->name(), u"db"_qs);
    QVERIFY(c.spanDetails()->isError());
    c.moveSpanSelection(+5); // clamped
    QCOMPARE(c.selectedSpanRow(), 2);
    c.collapseOrParent(); // a leaf: to the root
    QCOMPARE(c.selectedSpanRow(), 0);
    c.openTrace(7); // out of range: nothing
    QCOMPARE(c.selectedTraceId(), idToHex(traceIdOf(1)));
}

void TstConsoleController::staleTraceResultIsDropped()
{
    auto source = std::make_shared<FakeSource>();
    for (int n = 1; n <= 4; ++n)
        source->put(sampleTraceNumber(n));
    source->delayMs = 100;
    ConsoleController c;
    QSignalSpy traceApplied(&c, &ConsoleController::traceApplied);
    c.setSource(source);
    // The user runs down the list faster than traces load.
    for (int n = 1; n <= 4; ++n)
        c.openTraceId(idToHex(traceIdOf(n)));
    QTRY_COMPARE_WITH_TIMEOUT(c.waterfall()->traceIdHex(), idToHex(traceIdOf(4)), 3000);
    QTest::qWait(250);
    QCOMPARE(c.waterfall()->traceIdHex(), idToHex(traceIdOf(4)));
    QCOMPARE(traceApplied.size(), 1); // trace 1's result arrived after the selection moved on
    QCOMPARE(source->traceCalls.load(), 2); // trace 1, then only the latest selection
}

void TstConsoleController::lateSpansReloadOpenTrace()
{
    auto source = std::make_shared<FakeSource>();
    source->put(sampleTraceNumber(1, 1));
    ConsoleController c;
    c.setRefreshIntervalMs(10);
    QSignalSpy traceApplied(&c, &ConsoleController::traceApplied);
    c.setSource(source);
    QTRY_COMPARE(c.traces()->rowCount(), 1);
    c.openTrace(0);
    QTRY_COMPARE(traceApplied.size(), 1);
    c.waterfall()->setExpanded(2, false); // the user folds db
    c.moveSpanSelection(1);
    QCOMPARE(c.spanDetails()->name(), u"auth"_qs);

    source->put(sampleTraceNumber(1, 2)); // another late span under db
    c.notifyCommitted(2, 1);
    QTRY_COMPARE(traceApplied.size(), 2);
    QCOMPARE(c.waterfall()->spanCount(), 5);
    QCOMPARE(c.waterfall()->rowCount(), 3); // db is still folded
    QCOMPARE(c.spanDetails()->name(), u"auth"_qs); // and auth still selected
    QCOMPARE(c.selectedSpanRow(), 1);

    // An unchanged list does not reload the trace again.
    c.notifyCommitted(0, 0);
    QTest::qWait(100);
    QCOMPARE(traceApplied.size(), 2);
}

void TstConsoleController::selectionFollowsCollapse()
{
    auto source = std::make_shared<FakeSource>();
    source->put(sampleTraceNumber(1, 1));
    ConsoleController c;
    QSignalSpy traceApplied(&c, &ConsoleController::traceApplied);
    c.setSource(source);
    c.openTraceId(idToHex(traceIdOf(1)));
    QTRY_COMPARE(traceApplied.size(), 1);
    QCOMPARE(c.waterfall()->rowCount(), 4); // root, auth, db, late
    c.selectSpan(3);
    QCOMPARE(c.spanDetails()->name(), u"late"_qs);
    c.waterfall()->toggle(0); // fold the root: the selection moves to it
    QCOMPARE(c.selectedSpanRow(), 0);
    QCOMPARE(c.spanDetails()->name(), u"GET /1"_qs);
    c.expandOrChild(); // Right on the folded root: unfolds, stays
    QCOMPARE(c.waterfall()->rowCount(), 4);
    QCOMPARE(c.selectedSpanRow(), 0);
    c.expandOrChild(); // Right again: to the first child
    QCOMPARE(c.selectedSpanRow(), 1);
    c.selectSpan(2);
    c.waterfall()->toggle(1); // a leaf above the selection: nothing moves
    QCOMPARE(c.selectedSpanRow(), 2);
}

void TstConsoleController::missingTrace()
{
    auto source = std::make_shared<FakeSource>();
    ConsoleController c;
    QSignalSpy traceApplied(&c, &ConsoleController::traceApplied);
    QSignalSpy status(&c, &ConsoleController::statusChanged);
    c.setSource(source);
    c.openTraceId(idToHex(traceIdOf(9)));
    QTRY_COMPARE(traceApplied.size(), 1);
    QVERIFY(!c.waterfall()->hasTrace());
    QVERIFY(c.statusText().contains(idToHex(traceIdOf(9))));
    QCOMPARE(c.selectedSpanRow(), -1);
    QVERIFY(!c.spanDetails()->hasSpan());
    c.openTraceId(QStringLiteral("not hex")); // ignored
    QCOMPARE(c.selectedTraceId(), idToHex(traceIdOf(9)));
}

void TstConsoleController::spansPerSecond()
{
    auto source = std::make_shared<FakeSource>();
    ConsoleController c;
    QSignalSpy stats(&c, &ConsoleController::statsChanged);
    c.setSource(source);
    c.notifyCommitted(300, 3);
    c.notifyCommitted(200, 2);
    QTRY_VERIFY_WITH_TIMEOUT(c.spansPerSecond() > 0, 3000);
    // 500 spans over the first ~1 s tick (a coarse timer may fire up to 5 % early).
    QVERIFY2(c.spansPerSecond() > 350 && c.spansPerSecond() < 550, qPrintable(QString::number(c.spansPerSecond())));
    QVERIFY(c.spansPerSecondText().endsWith(u" spans/s"_qs));
}

void TstConsoleController::shutdownWaitsForRunningQuery()
{
    auto source = std::make_shared<FakeSource>();
    source->delayMs = 200;
    QSignalSpy *applied = nullptr;
    {
        ConsoleController c;
        applied = new QSignalSpy(&c, &ConsoleController::traceListApplied);
        c.setCurrentPage(ConsoleController::Trace); // away from the pages that list traces too
        c.setSource(source);
        QTRY_COMPARE(source->started.load(), 1); // the query is sleeping in the worker
        QElapsedTimer clock;
        clock.start();
        c.shutdown();
        QVERIFY(clock.elapsed() < 1000);
        c.refresh(); // after shutdown: ignored
        c.shutdown(); // idempotent
    }
    QCoreApplication::processEvents(); // a result queued to the dead controller is dropped
    QCOMPARE(applied->size(), 0);
    delete applied;
    QCOMPARE(source->listCalls.load(), 1);
}


// The importer blocks (it waits for commits): it runs on its own thread while the GUI thread goes
// on; files asked for meanwhile are imported after it, in order; the first imported trace opens.
void TstConsoleController::importsOffTheGuiThreadOneAfterAnother()
{
    auto source = std::make_shared<FakeSource>();
    const TraceDetails trace = sampleTraceNumber(1);
    source->put(trace);
    ConsoleController c;
    c.setSource(source);
    QSemaphore gate;
    QMutex mutex;
    QStringList calls;
    QSet<QThread *> threads;
    c.setImporter([&](const QString &path) {
        gate.acquire();
        {
            QMutexLocker lock(&mutex);
            calls.append(path);
            threads.insert(QThread::currentThread());
        }
        ImportOutcome o;
        o.fileName = QFileInfo(path).fileName();
        if (o.fileName == u"bad.json") {
            o.error = QStringLiteral("Zipkin v2 JSON: spans[0].id: not a string");
        } else {
            o.spans = 3;
            o.traces = 1;
            o.firstTraceId = trace.summary.traceId;
        }
        return o;
    });
    QVERIFY(c.isImportAvailable());
    QSignalSpy finished(&c, &ConsoleController::importFinished);
    QSignalSpy traceApplied(&c, &ConsoleController::traceApplied);

    c.importPaths({QStringLiteral("/tmp/one.json")});
    QVERIFY(c.isImporting());
    c.importPaths({QStringLiteral("/tmp/bad.json")}); // while the first is running
    // The GUI thread is free while the importer waits: events are processed.
    bool ticked = false;
    QTimer::singleShot(0, &c, [&] { ticked = true; });
    QTRY_VERIFY(ticked);
    QVERIFY(finished.isEmpty());

    gate.release();
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY(finished.first().first().toBool());
    QCOMPARE(c.importMessage(), u"Imported 3 span(s) from one.json (1 trace(s))."_qs);
    QCOMPARE(c.currentPage(), int(ConsoleController::Trace));
    QCOMPARE(c.selectedTraceId(), idToHex(trace.summary.traceId));
    QTRY_VERIFY(traceApplied.size() >= 1);
    QVERIFY(c.isImporting()); // the queued file started at once

    gate.release();
    QTRY_COMPARE(finished.size(), 2);
    QVERIFY(!finished.last().first().toBool());
    QVERIFY(c.importFailed());
    QCOMPARE(c.importMessage(), u"Could not import bad.json: Zipkin v2 JSON: spans[0].id: not a string"_qs);
    QVERIFY(!c.isImporting());
    QCOMPARE(calls, (QStringList{QStringLiteral("/tmp/one.json"), QStringLiteral("/tmp/bad.json")}));
    QVERIFY(!threads.contains(QThread::currentThread()));
    c.dismissImportMessage();
    QVERIFY(c.importMessage().isEmpty());
    QVERIFY(!c.importFailed());
    c.shutdown();
}

void TstConsoleController::importRefusals()
{
    ConsoleController c;
    c.setSource(std::make_shared<FakeSource>());
    QSignalSpy finished(&c, &ConsoleController::importFinished);
    // No importer (no embedded server): said, nothing runs.
    c.importPaths({QStringLiteral("/tmp/a.json")});
    QCOMPARE(finished.size(), 1);
    QVERIFY(!finished.first().first().toBool());
    QVERIFY(c.importFailed());
    QCOMPARE(c.importMessage(), u"Importing needs the embedded server's store."_qs);

    int calls = 0;
    c.setImporter([&calls](const QString &) {
        ++calls;
        return ImportOutcome{};
    });
    c.importFiles({QUrl(QStringLiteral("https://example.com/trace.json"))});
    QCOMPARE(c.importMessage(), u"Only local files can be imported: https://example.com/trace.json"_qs);
    QVERIFY(c.importFailed());
    QVERIFY(!c.isImporting());
    QCOMPARE(calls, 0);
    c.shutdown();
}

QTEST_MAIN(TstConsoleController)
#include "tst_consolecontroller.moc"
