// The console's models on hand-built value snapshots: no store, no threads.
#include "displaytext.h"
#include "insightmodels.h"
#include "spandetailsmodel.h"
#include "timescale.h"
#include "tracecompare.h"
#include "tracelistmodel.h"
#include "uitestdata.h"
#include "waterfallminimap.h"
#include "waterfallmodel.h"

#include "core/ids.h"

#include <QAbstractItemModelTester>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QTest>

using namespace spanlight;
using namespace spanlight::test;

Q_DECLARE_METATYPE(QList<spanlight::TimeTick>)

class TstUiModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void compareModelRowsAndSorting();
    void timeScaleFraction_data();
    void timeScaleFraction();
    void timeScaleWidth_data();
    void timeScaleWidth();
    void timeScaleTimeAt_data();
    void timeScaleTimeAt();
    void niceStep_data();
    void niceStep();
    void ticks_data();
    void ticks();
    void ticksBetween();
    void tickText_data();
    void tickText();

    void durationText_data();
    void durationText();
    void clockTimeText_data();
    void clockTimeText();
    void listenerUrl_data();
    void listenerUrl();
    void storageDisplayUrl_data();
    void storageDisplayUrl();
    void serviceColorIsStable();

    void traceListRoles();
    void traceListInsertsAtTop();
    void traceListRemoves();
    void traceListUpdatesInPlace();
    void traceListMovesReordered();
    void traceListMixedMerge_data();
    void traceListMixedMerge();
    void traceListKeepsSelection();

    void waterfallTreeOrder();
    void waterfallFractions();
    void waterfallCollapseExpand();
    void waterfallNestedCollapseSurvivesExpand();
    void waterfallKeyboardHelpers();
    void waterfallReloadKeepsCollapsed();
    void waterfallErrorsAndRuler();
    void waterfallInstantTrace();
    void waterfallGroupsRepeatedSiblings();
    void waterfallGroupExpandsInStartOrder();
    void waterfallGroupThreshold_data();
    void waterfallGroupThreshold();
    void waterfallNestedGroups();
    void waterfallRevealOpensGroups();
    void waterfallGroupReloadAndExpandAll();
    void waterfallGroupCriticalPath();
    void waterfallMoreRowsSplice();
    void waterfallZoomAndPan();
    void waterfallZoomedRuler();
    void waterfallZoomSurvivesReload();
    void waterfallZoomToRow();
    void waterfallServiceBreakdown();
    void minimapLayout();
    void minimapMergesAndPaints();

    void spanDetails();
    void insightModels();
    void anomalyMarkers_data();
    void anomalyMarkers();

private:
    static TraceDetails sampleTrace();
    static QStringList names(const WaterfallModel &model);
    static TraceDetails loopTrace(int loops = 240);
    static QStringList ids(const TraceListModel &model);
};

// root 0..100 ms (frontend)
//   auth 10..20 (auth)
//   db 20..60 (backend, error)
//     query 25..55 (postgres)
//     cache 30..35 (redis)
//   render 70..95 (frontend)
TraceDetails TstUiModels::sampleTrace()
{
    return makeTrace({
        makeSpan(6, 1, QStringLiteral("render"), QStringLiteral("frontend"), 70, 95),
        makeSpan(3, 1, QStringLiteral("db"), QStringLiteral("backend"), 20, 60, true),
        makeSpan(1, 0, QStringLiteral("root"), QStringLiteral("frontend"), 0, 100),
        makeSpan(5, 3, QStringLiteral("cache"), QStringLiteral("redis"), 30, 35),
        makeSpan(2, 1, QStringLiteral("auth"), QStringLiteral("auth"), 10, 20),
        makeSpan(4, 3, QStringLiteral("query"), QStringLiteral("postgres"), 25, 55),
    });
}

QStringList TstUiModels::names(const WaterfallModel &model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out.append(model.data(model.index(row), WaterfallModel::NameRole).toString());
    return out;
}

// An N+1 loop: root 0..200 ms (api) with `loops` db.query spans (postgres) from 10 ms, one every
// 0.5 ms, each 0.25 ms long, the 8th and the 101st failing; between them three others: auth
// 0.5..5 (before), cache 50..55 (amid the loop), render 150..190 (after). Given in reverse.
TraceDetails TstUiModels::loopTrace(int loops)
{
    QList<Span> spans;
    spans.append(makeSpan(4, 1, QStringLiteral("render"), QStringLiteral("frontend"), 150, 190));
    for (int i = loops - 1; i >= 0; --i) {
        spans.append(makeSpan(100 + i, 1, QStringLiteral("db.query"), QStringLiteral("postgres"), 10 + i * 0.5,
                              10 + i * 0.5 + 0.25, i == 7 || i == 100));
    }
    spans.append(makeSpan(3, 1, QStringLiteral("cache"), QStringLiteral("redis"), 50, 55));
    spans.append(makeSpan(2, 1, QStringLiteral("auth"), QStringLiteral("auth"), 0.5, 5));
    spans.append(makeSpan(1, 0, QStringLiteral("root"), QStringLiteral("api"), 0, 200));
    return makeTrace(spans);
}

QStringList TstUiModels::ids(const TraceListModel &model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out.append(model.data(model.index(row), TraceListModel::OperationRole).toString());
    return out;
}

// --- TimeScale ---------------------------------------------------------------------------

void TstUiModels::timeScaleFraction_data()
{
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("end");
    QTest::addColumn<qint64>("time");
    QTest::addColumn<double>("fraction");
    QTest::newRow("start") << 1000LL << 2000LL << 1000LL << 0.0;
    QTest::newRow("end") << 1000LL << 2000LL << 2000LL << 1.0;
    QTest::newRow("middle") << 1000LL << 2000LL << 1500LL << 0.5;
    QTest::newRow("quarter") << 0LL << 400LL << 100LL << 0.25;
    QTest::newRow("before is clamped") << 1000LL << 2000LL << 0LL << 0.0;
    QTest::newRow("after is clamped") << 1000LL << 2000LL << 9000LL << 1.0;
    QTest::newRow("zero length") << 1000LL << 1000LL << 1000LL << 0.0;
    QTest::newRow("end before start") << 1000LL << 500LL << 1000LL << 0.0;
    QTest::newRow("real epoch ns") << 1'700'000'000'000'000'000LL << 1'700'000'000'100'000'000LL
                                   << 1'700'000'000'025'000'000LL << 0.25;
}

void TstUiModels::timeScaleFraction()
{
    QFETCH(qint64, start);
    QFETCH(qint64, end);
    QFETCH(qint64, time);
    QFETCH(double, fraction);
    QCOMPARE(TimeScale(start, end).fractionAt(time), fraction);
}

void TstUiModels::timeScaleWidth_data()
{
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    QTest::addColumn<double>("width");
    QTest::newRow("whole") << 0LL << 1000LL << 1.0;
    QTest::newRow("tenth") << 100LL << 200LL << 0.1;
    QTest::newRow("instant") << 500LL << 500LL << 0.0;
    QTest::newRow("reversed is empty") << 600LL << 500LL << 0.0;
    QTest::newRow("clipped at start") << -500LL << 500LL << 0.5;
    QTest::newRow("clipped at end") << 900LL << 5000LL << 0.1;
}

void TstUiModels::timeScaleWidth()
{
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    QFETCH(double, width);
    QVERIFY(qFuzzyCompare(1.0 + TimeScale(0, 1000).widthFraction(from, to), 1.0 + width));
}

void TstUiModels::timeScaleTimeAt_data()
{
    QTest::addColumn<double>("fraction");
    QTest::addColumn<qint64>("time");
    QTest::newRow("0") << 0.0 << 1000LL;
    QTest::newRow("1") << 1.0 << 3000LL;
    QTest::newRow("half") << 0.5 << 2000LL;
    QTest::newRow("rounds") << 0.00025 << 1001LL;
    QTest::newRow("below 0") << -1.0 << 1000LL;
    QTest::newRow("above 1") << 2.0 << 3000LL;
}

void TstUiModels::timeScaleTimeAt()
{
    QFETCH(double, fraction);
    QFETCH(qint64, time);
    const TimeScale scale(1000, 3000);
    QCOMPARE(scale.timeAt(fraction), time);
    QCOMPARE(scale.timeAt(scale.fractionAt(time)), time); // round trip
}

void TstUiModels::niceStep_data()
{
    QTest::addColumn<qint64>("duration");
    QTest::addColumn<int>("maxTicks");
    QTest::addColumn<qint64>("step");
    QTest::newRow("100 ms / 10") << 100'000'000LL << 10 << 10'000'000LL;
    QTest::newRow("100 ms / 8") << 100'000'000LL << 8 << 20'000'000LL;
    QTest::newRow("100 ms / 4") << 100'000'000LL << 4 << 50'000'000LL;
    QTest::newRow("7 ns / 8") << 7LL << 8 << 1LL;
    QTest::newRow("1.3 s / 8") << 1'300'000'000LL << 8 << 200'000'000LL;
    QTest::newRow("zero") << 0LL << 8 << 0LL;
    QTest::newRow("no ticks") << 1000LL << 0 << 0LL;
    QTest::newRow("huge") << std::numeric_limits<qint64>::max() << 8 << 2'000'000'000'000'000'000LL;
}

void TstUiModels::niceStep()
{
    QFETCH(qint64, duration);
    QFETCH(int, maxTicks);
    QFETCH(qint64, step);
    QCOMPARE(TimeScale::niceStep(duration, maxTicks), step);
}

void TstUiModels::ticks_data()
{
    QTest::addColumn<qint64>("duration");
    QTest::addColumn<QList<TimeTick>>("expected");
    QTest::newRow("100 ns") << 100LL
                            << QList<TimeTick>{{0, 0}, {20, 0.2}, {40, 0.4}, {60, 0.6}, {80, 0.8}, {100, 1}};
    QTest::newRow("90 ns") << 90LL << QList<TimeTick>{{0, 0}, {20, 2.0 / 9}, {40, 4.0 / 9}, {60, 6.0 / 9}, {80, 8.0 / 9}};
    QTest::newRow("zero") << 0LL << QList<TimeTick>{{0, 0}};
}

void TstUiModels::ticks()
{
    QFETCH(qint64, duration);
    QFETCH(QList<TimeTick>, expected);
    const QList<TimeTick> actual = TimeScale(5000, 5000 + duration).ticks(8);
    QCOMPARE(actual.size(), expected.size());
    for (int i = 0; i < actual.size(); ++i) {
        QCOMPARE(actual[i].offsetNs, expected[i].offsetNs);
        QVERIFY2(qAbs(actual[i].fraction - expected[i].fraction) < 1e-12, qPrintable(QString::number(i)));
    }
}

void TstUiModels::ticksBetween()
{
    const TimeScale scale(5000, 5000 + 100);
    // The whole scale: the same marks as ticks().
    const QList<TimeTick> whole = scale.ticksBetween(5000, 5100, 8);
    QCOMPARE(whole.size(), 6);
    QCOMPARE(whole.last().offsetNs, 100);
    // 13..37 ns: 24 ns in at most 8 intervals is a step of 5; marks at 15, 20, .. 35, offsets
    // from the scale's start, fractions of the part.
    const QList<TimeTick> part = scale.ticksBetween(5013, 5037, 8);
    QList<qint64> offsets;
    for (const TimeTick &t : part)
        offsets.append(t.offsetNs);
    QCOMPARE(offsets, QList<qint64>({15, 20, 25, 30, 35}));
    QVERIFY(qAbs(part.first().fraction - 2.0 / 24) < 1e-12);
    QVERIFY(qAbs(part.last().fraction - 22.0 / 24) < 1e-12);
    // Clamped to the scale; an empty part gives one mark at its start.
    QCOMPARE(scale.ticksBetween(4000, 9000, 8).size(), 6);
    QCOMPARE(scale.ticksBetween(5050, 5050, 8), QList<TimeTick>({{50, 0}}));
}

void TstUiModels::tickText_data()
{
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<qint64>("step");
    QTest::addColumn<QString>("expected");
    // durationText() when it tells the marks apart
    QTest::newRow("20 ms every 20 ms") << 20'000'000LL << 20'000'000LL << u"20.0 ms"_qs;
    QTest::newRow("0") << 0LL << 5LL << u"0 ns"_qs;
    QTest::newRow("1.5 s every 500 ms") << 1'500'000'000LL << 500'000'000LL << u"1.50 s"_qs;
    // finer steps than durationText() shows
    QTest::newRow("1.234566 s every 2 µs") << 1'234'566'000LL << 2'000LL << u"1.234566 s"_qs;
    QTest::newRow("150.02 ms every 20 µs") << 150'020'000LL << 20'000LL << u"150.02 ms"_qs;
    QTest::newRow("12.345 µs every 5 ns") << 12'345LL << 5LL << u"12.345 µs"_qs;
    QTest::newRow("2 min every 10 ms") << 120'010'000'000LL << 10'000'000LL << u"120.01 s"_qs;
}

void TstUiModels::tickText()
{
    QFETCH(qint64, offset);
    QFETCH(qint64, step);
    QFETCH(QString, expected);
    QCOMPARE(spanlight::tickText(offset, step), expected);
}

// --- display strings ---------------------------------------------------------------------

void TstUiModels::durationText_data()
{
    QTest::addColumn<qint64>("nanos");
    QTest::addColumn<QString>("text");
    QTest::newRow("0") << 0LL << QStringLiteral("0 ns");
    QTest::newRow("ns") << 850LL << QStringLiteral("850 ns");
    QTest::newRow("µs") << 12'345LL << QStringLiteral("12.3 µs");
    QTest::newRow("µs wide") << 345'600LL << QStringLiteral("346 µs");
    QTest::newRow("ms") << 12'340'000LL << QStringLiteral("12.3 ms");
    QTest::newRow("ms wide") << 512'300'000LL << QStringLiteral("512 ms");
    QTest::newRow("s") << 1'200'000'000LL << QStringLiteral("1.20 s");
    QTest::newRow("min") << 125'000'000'000LL << QStringLiteral("2 min 05 s");
    QTest::newRow("negative") << -1'500'000LL << QStringLiteral("-1.5 ms");
}

void TstUiModels::durationText()
{
    QFETCH(qint64, nanos);
    QFETCH(QString, text);
    QCOMPARE(spanlight::durationText(nanos), text);
}

void TstUiModels::clockTimeText_data()
{
    // The test runs with TZ=UTC (tests/ui/CMakeLists.txt).
    QTest::addColumn<qint64>("nanos");
    QTest::addColumn<QString>("text");
    QTest::newRow("epoch") << 0LL << QStringLiteral("00:00:00.000");
    QTest::newRow("ms truncated") << 1'700'000'000'123'999'999LL << QStringLiteral("22:13:20.123");
    QTest::newRow("before 1970 floors") << -1LL << QStringLiteral("23:59:59.999");
}

void TstUiModels::clockTimeText()
{
    QFETCH(qint64, nanos);
    QFETCH(QString, text);
    QCOMPARE(spanlight::clockTimeText(nanos), text);
}

void TstUiModels::listenerUrl_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("url");
    QTest::newRow("loopback") << QStringLiteral("127.0.0.1") << QStringLiteral("http://127.0.0.1:4318/v1/traces");
    QTest::newRow("any v4") << QStringLiteral("0.0.0.0") << QStringLiteral("http://127.0.0.1:4318/v1/traces");
    QTest::newRow("any v6") << QStringLiteral("::") << QStringLiteral("http://[::1]:4318/v1/traces");
    QTest::newRow("v6") << QStringLiteral("::1") << QStringLiteral("http://[::1]:4318/v1/traces");
    QTest::newRow("lan") << QStringLiteral("10.1.2.3") << QStringLiteral("http://10.1.2.3:4318/v1/traces");
}

void TstUiModels::listenerUrl()
{
    QFETCH(QString, host);
    QFETCH(QString, url);
    QCOMPARE(spanlight::listenerUrl(host, 4318, QStringLiteral("/v1/traces")), url);
    QCOMPARE(spanlight::listenerUrl(QStringLiteral("127.0.0.1"), 8007), QStringLiteral("http://127.0.0.1:8007"));
}

void TstUiModels::storageDisplayUrl_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("shown");
    QTest::newRow("sqlite") << QStringLiteral("sqlite:///home/me/.local/share/spanlight/spanlight.db")
                            << QStringLiteral("sqlite:///home/me/.local/share/spanlight/spanlight.db");
    QTest::newRow("postgres password hidden") << QStringLiteral("postgresql://app:s3cret@db.local:5432/traces")
                                              << QStringLiteral("postgresql://app@db.local:5432/traces");
    QTest::newRow("postgres without password") << QStringLiteral("postgresql://db.local/traces")
                                               << QStringLiteral("postgresql://db.local/traces");
}

void TstUiModels::storageDisplayUrl()
{
    QFETCH(QString, input);
    QFETCH(QString, shown);
    QCOMPARE(spanlight::storageDisplayUrl(input), shown);
}

void TstUiModels::serviceColorIsStable()
{
    const QColor a = serviceColor(QStringLiteral("checkout"));
    QCOMPARE(serviceColor(QStringLiteral("checkout")), a);
    QVERIFY(a.isValid());
    QCOMPARE(a.alpha(), 255);
    // Many names spread over several palette slots.
    QSet<QRgb> seen;
    for (int i = 0; i < 40; ++i)
        seen.insert(serviceColor(QStringLiteral("service-%1").arg(i)).rgb());
    QVERIFY(seen.size() >= 8);
}

// --- TraceCompareModel -------------------------------------------------------------------

void TstUiModels::compareModelRowsAndSorting()
{
    auto of = [](int trace, QList<Span> spans) {
        for (Span &s : spans)
            s.traceId = traceIdOf(trace);
        return makeTrace(spans);
    };
    const QString fe = QStringLiteral("frontend");
    const QString db = QStringLiteral("db");
    // A: GET / 100 ms with query 30, auth 10, cache 10; B: 150 ms, query 80, auth 5, no cache, a retry
    const TraceDetails a = of(1, {makeSpan(1, 0, QStringLiteral("GET /"), fe, 0, 100),
                                  makeSpan(2, 1, QStringLiteral("query"), db, 10, 40),
                                  makeSpan(3, 1, QStringLiteral("auth"), fe, 40, 50),
                                  makeSpan(4, 1, QStringLiteral("cache"), fe, 60, 70)});
    const TraceDetails b = of(2, {makeSpan(11, 0, QStringLiteral("GET /"), fe, 0, 150),
                                  makeSpan(12, 11, QStringLiteral("query"), db, 10, 90),
                                  makeSpan(13, 11, QStringLiteral("auth"), fe, 40, 45),
                                  makeSpan(14, 11, QStringLiteral("retry"), db, 95, 110)});
    TraceCompareModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy sorted(&model, &TraceCompareModel::sortChanged);
    model.setComparison(compareTraces(a, b));
    QCOMPARE(model.rowCount(), 5);
    auto labels = [&] {
        QStringList out;
        for (int r = 0; r < model.rowCount(); ++r)
            out.append(model.data(model.index(r), TraceCompareModel::LabelRole).toString());
        return out;
    };
    // biggest regression first (+50, +50 in tree order, -5), then only in B, then only in A
    QCOMPARE(labels(), QStringList({u"frontend: GET /"_qs, u"db: query"_qs, u"frontend: auth"_qs, u"db: retry"_qs,
                                    u"frontend: cache"_qs}));
    const QModelIndex query = model.index(1);
    QCOMPARE(model.data(query, TraceCompareModel::PathTextRole).toString(), u"frontend: GET / \u203A db: query"_qs);
    QCOMPARE(model.data(query, TraceCompareModel::DepthRole).toInt(), 1);
    QCOMPARE(model.data(query, TraceCompareModel::BaselineTextRole).toString(), u"30.0 ms"_qs);
    QCOMPARE(model.data(query, TraceCompareModel::CandidateTextRole).toString(), u"80.0 ms"_qs);
    QCOMPARE(model.data(query, TraceCompareModel::DeltaTextRole).toString(), u"+50.0 ms (+166.7 %)"_qs);
    QCOMPARE(model.data(query, TraceCompareModel::SelfDeltaTextRole).toString(), u"+50.0 ms"_qs);
    QCOMPARE(model.data(query, TraceCompareModel::ChangeRole).toInt(), 1);
    QCOMPARE(model.data(query, TraceCompareModel::PresenceRole).toInt(), int(SpanPresence::Matched));
    QCOMPARE(model.data(query, TraceCompareModel::PresenceTextRole).toString(), QString());
    QCOMPARE(model.data(query, TraceCompareModel::BaselineBarRole).toDouble(), 30.0 / 150);
    QCOMPARE(model.data(query, TraceCompareModel::CandidateBarRole).toDouble(), 80.0 / 150);
    QCOMPARE(model.data(query, TraceCompareModel::BaselineSpanIdRole).toString(), idToHex(spanIdOf(2)));
    QCOMPARE(model.data(query, TraceCompareModel::CandidateSpanIdRole).toString(), idToHex(spanIdOf(12)));
    QCOMPARE(model.data(query, TraceCompareModel::ServiceColorRole).value<QColor>(), serviceColor(db));
    const QModelIndex auth = model.index(2);
    QCOMPARE(model.data(auth, TraceCompareModel::DeltaTextRole).toString(), u"-5.0 ms (-50.0 %)"_qs);
    QCOMPARE(model.data(auth, TraceCompareModel::ChangeRole).toInt(), -1);
    const QModelIndex retry = model.index(3);
    QCOMPARE(model.data(retry, TraceCompareModel::PresenceRole).toInt(), int(SpanPresence::OnlyInCandidate));
    QCOMPARE(model.data(retry, TraceCompareModel::PresenceTextRole).toString(), u"only in B"_qs);
    QCOMPARE(model.data(retry, TraceCompareModel::BaselineTextRole).toString(), QString());
    QCOMPARE(model.data(retry, TraceCompareModel::DeltaTextRole).toString(), QString());
    QCOMPARE(model.data(retry, TraceCompareModel::ChangeRole).toInt(), 0);
    QCOMPARE(model.data(retry, TraceCompareModel::BaselineSpanIdRole).toString(), QString());
    QCOMPARE(model.data(model.index(4), TraceCompareModel::PresenceTextRole).toString(), u"only in A"_qs);
    QCOMPARE(model.data(model.index(4), TraceCompareModel::CandidateBarRole).toDouble(), 0.0);

    // by A's duration, longest first, spans without one last; again: shortest first
    model.sortBy(TraceCompareModel::BaselineColumn);
    QCOMPARE(model.sortColumn(), int(TraceCompareModel::BaselineColumn));
    QVERIFY(model.sortDescending());
    QCOMPARE(labels(), QStringList({u"frontend: GET /"_qs, u"db: query"_qs, u"frontend: auth"_qs, u"frontend: cache"_qs,
                                    u"db: retry"_qs}));
    model.sortBy(TraceCompareModel::BaselineColumn);
    QVERIFY(!model.sortDescending());
    QCOMPARE(labels(), QStringList({u"frontend: auth"_qs, u"frontend: cache"_qs, u"db: query"_qs, u"frontend: GET /"_qs,
                                    u"db: retry"_qs}));
    // by B's duration: the cache has none
    model.sortBy(TraceCompareModel::CandidateColumn);
    QCOMPARE(labels(), QStringList({u"frontend: GET /"_qs, u"db: query"_qs, u"db: retry"_qs, u"frontend: auth"_qs,
                                    u"frontend: cache"_qs}));
    // the tree, top down
    model.sortBy(TraceCompareModel::PathColumn);
    QVERIFY(!model.sortDescending());
    QCOMPARE(labels(), QStringList({u"frontend: GET /"_qs, u"db: query"_qs, u"frontend: auth"_qs, u"frontend: cache"_qs,
                                    u"db: retry"_qs}));
    // the change, improvements first: unmatched rows stay last
    model.sortBy(TraceCompareModel::DeltaColumn);
    model.sortBy(TraceCompareModel::DeltaColumn);
    QVERIFY(!model.sortDescending());
    QCOMPARE(labels(), QStringList({u"frontend: auth"_qs, u"frontend: GET /"_qs, u"db: query"_qs, u"db: retry"_qs,
                                    u"frontend: cache"_qs}));
    // self time: root 100-50 = 50 -> 150-95 = 55 (+5), query +50, auth -5
    model.sortBy(TraceCompareModel::SelfDeltaColumn);
    QCOMPARE(labels(), QStringList({u"db: query"_qs, u"frontend: GET /"_qs, u"frontend: auth"_qs, u"db: retry"_qs,
                                    u"frontend: cache"_qs}));
    QCOMPARE(sorted.size(), 7);
    model.sortBy(42); // no such column
    QCOMPARE(sorted.size(), 7);

    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

// --- TraceListModel ----------------------------------------------------------------------

void TstUiModels::traceListRoles()
{
    TraceListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    TraceSummary t = makeSummary(7, 123.456, 12.34, QStringLiteral("GET /cart"));
    t.status = TraceStatus::Timeout;
    t.errorMessage = QStringLiteral("deadline exceeded");
    t.spanCount = 42;
    model.setTraces({t});
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex i = model.index(0);
    QCOMPARE(model.data(i, TraceListModel::TraceIdRole).toString(), idToHex(traceIdOf(7)));
    QCOMPARE(model.data(i, TraceListModel::ServiceRole).toString(), QStringLiteral("frontend"));
    QCOMPARE(model.data(i, TraceListModel::OperationRole).toString(), QStringLiteral("GET /cart"));
    QCOMPARE(model.data(i, TraceListModel::StartTextRole).toString(), QStringLiteral("22:13:20.123"));
    QCOMPARE(model.data(i, TraceListModel::DurationTextRole).toString(), QStringLiteral("12.3 ms"));
    QCOMPARE(model.data(i, TraceListModel::DurationMsRole).toDouble(), 12.34);
    QCOMPARE(model.data(i, TraceListModel::SpanCountRole).toLongLong(), 42);
    QCOMPARE(model.data(i, TraceListModel::StatusRole).toString(), QStringLiteral("timeout"));
    QCOMPARE(model.data(i, TraceListModel::IsErrorRole).toBool(), true);
    QCOMPARE(model.data(i, TraceListModel::ErrorMessageRole).toString(), QStringLiteral("deadline exceeded"));
    QCOMPARE(model.roleNames().value(TraceListModel::DurationTextRole), QByteArray("durationText"));
    QCOMPARE(model.rowOf(idToHex(traceIdOf(7))), 0);
    QCOMPARE(model.rowOf(QStringLiteral("ff")), -1);
}

void TstUiModels::traceListInsertsAtTop()
{
    TraceListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTraces(summaries({3, 2, 1}));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy count(&model, &TraceListModel::countChanged);
    model.setTraces(summaries({5, 4, 3, 2, 1}));
    QCOMPARE(ids(model), QStringList({u"GET /5"_qs, u"GET /4"_qs, u"GET /3"_qs, u"GET /2"_qs, u"GET /1"_qs}));
    QCOMPARE(inserted.size(), 1); // one run, one signal
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 1);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(changed.size(), 0);
    QCOMPARE(count.size(), 1);
}

void TstUiModels::traceListRemoves()
{
    TraceListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTraces(summaries({6, 5, 4, 3, 2, 1}));
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    // The oldest fall off the end (limit), and one in the middle expired.
    model.setTraces(summaries({6, 5, 3}));
    QCOMPARE(ids(model), QStringList({u"GET /6"_qs, u"GET /5"_qs, u"GET /3"_qs}));
    QCOMPARE(removed.size(), 2);
    QCOMPARE(removed.at(0).at(1).toInt(), 4); // runs from the back: rows 4..5, then row 2
    QCOMPARE(removed.at(0).at(2).toInt(), 5);
    QCOMPARE(removed.at(1).at(1).toInt(), 2);
    model.setTraces({});
    QCOMPARE(model.rowCount(), 0);
}

void TstUiModels::traceListUpdatesInPlace()
{
    TraceListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTraces(summaries({4, 3, 2, 1}));
    QList<TraceSummary> next = summaries({4, 3, 2, 1});
    next[1].spanCount = 9; // late spans
    next[1].endNs += 5'000'000;
    next[2].status = TraceStatus::Error;
    next[3].rootAttributes.insert(QStringLiteral("k"), QStringLiteral("v")); // not shown: no signal
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.setTraces(next);
    QCOMPARE(changed.size(), 1); // rows 1..2 in one range
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
    QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 2);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(removed.size(), 0);
    QCOMPARE(model.data(model.index(1), TraceListModel::SpanCountRole).toLongLong(), 9);
    QCOMPARE(model.data(model.index(1), TraceListModel::DurationTextRole).toString(), QStringLiteral("15.0 ms"));
    QCOMPARE(model.data(model.index(2), TraceListModel::StatusRole).toString(), QStringLiteral("error"));
    QCOMPARE(model.summaryAt(3)->rootAttributes.value(QStringLiteral("k")).toString(), QStringLiteral("v"));
}

void TstUiModels::traceListMovesReordered()
{
    TraceListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTraces(summaries({3, 2, 1}));
    // A late span with an earlier start moved trace 3 below trace 2.
    QList<TraceSummary> next = summaries({2, 1});
    next.insert(1, makeSummary(3, 1500, 10));
    QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setTraces(next);
    QCOMPARE(ids(model), QStringList({u"GET /2"_qs, u"GET /3"_qs, u"GET /1"_qs}));
    QCOMPARE(moved.size(), 1);
    QCOMPARE(reset.size(), 0);
}

void TstUiModels::traceListMixedMerge_data()
{
    QTest::addColumn<QList<int>>("before");
    QTest::addColumn<QList<int>>("after");
    QTest::newRow("empty to some") << QList<int>{} << QList<int>{3, 2, 1};
    QTest::newRow("some to empty") << QList<int>{3, 2, 1} << QList<int>{};
    QTest::newRow("top and bottom") << QList<int>{5, 4, 3} << QList<int>{7, 6, 5, 4};
    QTest::newRow("disjoint") << QList<int>{3, 2, 1} << QList<int>{9, 8};
    QTest::newRow("interleaved new") << QList<int>{6, 4, 2} << QList<int>{7, 6, 5, 4, 3, 2, 1};
    QTest::newRow("reversed") << QList<int>{1, 2, 3, 4} << QList<int>{4, 3, 2, 1};
    QTest::newRow("shuffle with new and gone") << QList<int>{1, 2, 3, 4, 5} << QList<int>{5, 9, 3, 1, 8, 2};
    QTest::newRow("duplicates in snapshot") << QList<int>{1} << QList<int>{2, 2, 1, 1};
}

void TstUiModels::traceListMixedMerge()
{
    QFETCH(QList<int>, before);
    QFETCH(QList<int>, after);
    const auto build = [](const QList<int> &numbers) {
        QList<TraceSummary> out;
        for (const int n : numbers)
            out.append(makeSummary(n, n * 1000.0, 10));
        return out;
    };
    TraceListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTraces(build(before));
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setTraces(build(after));
    QStringList expected;
    for (const int n : after) {
        const QString name = QStringLiteral("GET /%1").arg(n);
        if (!expected.contains(name))
            expected.append(name);
    }
    QCOMPARE(ids(model), expected);
    QCOMPARE(reset.size(), 0);
}

void TstUiModels::traceListKeepsSelection()
{
    // A view's current row is a persistent index: it must follow its trace through merges.
    TraceListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTraces(summaries({5, 4, 3, 2, 1}));
    const QPersistentModelIndex selected = model.index(2); // trace 3
    QList<TraceSummary> next = summaries({8, 7, 6, 5, 3, 2});
    next[4].spanCount = 10;
    model.setTraces(next);
    QVERIFY(selected.isValid());
    QCOMPARE(selected.row(), 4);
    QCOMPARE(selected.data(TraceListModel::TraceIdRole).toString(), idToHex(traceIdOf(3)));
    QCOMPARE(selected.data(TraceListModel::SpanCountRole).toLongLong(), 10);
}

// --- WaterfallModel ----------------------------------------------------------------------

void TstUiModels::waterfallTreeOrder()
{
    WaterfallModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy traceChanged(&model, &WaterfallModel::traceChanged);
    model.setTrace(sampleTrace());
    QCOMPARE(traceChanged.size(), 1);
    QCOMPARE(names(model), QStringList({u"root"_qs, u"auth"_qs, u"db"_qs, u"query"_qs, u"cache"_qs, u"render"_qs}));
    QList<int> depths, parents;
    QList<bool> children;
    for (int row = 0; row < model.rowCount(); ++row) {
        depths.append(model.data(model.index(row), WaterfallModel::DepthRole).toInt());
        parents.append(model.data(model.index(row), WaterfallModel::ParentIndexRole).toInt());
        children.append(model.data(model.index(row), WaterfallModel::HasChildrenRole).toBool());
    }
    QCOMPARE(depths, QList<int>({0, 1, 1, 2, 2, 1}));
    QCOMPARE(parents, QList<int>({-1, 0, 0, 2, 2, 0}));
    QCOMPARE(children, QList<bool>({true, false, true, false, false, false}));
    QCOMPARE(model.spanCount(), 6);
    QCOMPARE(model.serviceCount(), 5);
    QCOMPARE(model.title(), QStringLiteral("frontend: root"));
    QCOMPARE(model.traceDurationText(), QStringLiteral("100 ms"));
    QCOMPARE(model.data(model.index(0), WaterfallModel::SpanIdRole).toString(), idToHex(spanIdOf(1)));
    QCOMPARE(model.data(model.index(0), WaterfallModel::ServiceColorRole).value<QColor>(),
             serviceColor(QStringLiteral("frontend")));
}

void TstUiModels::waterfallFractions()
{
    WaterfallModel model;
    model.setTrace(sampleTrace());
    const auto at = [&](int row, int role) { return model.data(model.index(row), role); };
    QCOMPARE(at(0, WaterfallModel::OffsetFractionRole).toDouble(), 0.0);
    QCOMPARE(at(0, WaterfallModel::WidthFractionRole).toDouble(), 1.0);
    QCOMPARE(at(2, WaterfallModel::OffsetFractionRole).toDouble(), 0.2); // db 20..60
    QCOMPARE(at(2, WaterfallModel::WidthFractionRole).toDouble(), 0.4);
    QCOMPARE(at(2, WaterfallModel::DurationTextRole).toString(), QStringLiteral("40.0 ms"));
    QCOMPARE(at(2, WaterfallModel::SelfTimeTextRole).toString(), QStringLiteral("10.0 ms")); // 40 - (25..55)
    QCOMPARE(at(2, WaterfallModel::StartOffsetTextRole).toString(), QStringLiteral("+20.0 ms"));
    QCOMPARE(at(5, WaterfallModel::OffsetFractionRole).toDouble(), 0.7);
    QCOMPARE(at(0, WaterfallModel::SelfTimeTextRole).toString(), QStringLiteral("25.0 ms")); // 100 - 10 - 40 - 25
}

void TstUiModels::waterfallCollapseExpand()
{
    WaterfallModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTrace(sampleTrace());
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    model.toggle(2); // collapse db
    QCOMPARE(names(model), QStringList({u"root"_qs, u"auth"_qs, u"db"_qs, u"render"_qs}));
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 3);
    QCOMPARE(removed.at(0).at(2).toInt(), 4);
    QCOMPARE(model.data(model.index(2), WaterfallModel::ExpandedRole).toBool(), false);
    QCOMPARE(model.data(model.index(2), WaterfallModel::HasChildrenRole).toBool(), true);
    QCOMPARE(changed.size(), 1);

    model.toggle(2); // expand again
    QCOMPARE(names(model), QStringList({u"root"_qs, u"auth"_qs, u"db"_qs, u"query"_qs, u"cache"_qs, u"render"_qs}));
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(model.data(model.index(2), WaterfallModel::ExpandedRole).toBool(), true);

    model.toggle(1); // a leaf: nothing happens
    QCOMPARE(model.rowCount(), 6);
    model.toggle(0); // the root hides everything else
    QCOMPARE(names(model), QStringList({u"root"_qs}));
    model.toggle(99); // out of range is ignored
    model.setExpanded(-1, true);
    model.expandAll();
    QCOMPARE(model.rowCount(), 6);
}

void TstUiModels::waterfallNestedCollapseSurvivesExpand()
{
    WaterfallModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTrace(sampleTrace());
    model.setExpanded(2, false); // db
    model.setExpanded(0, false); // root
    QCOMPARE(model.rowCount(), 1);
    model.setExpanded(0, true);
    // db stays collapsed: its children stay hidden.
    QCOMPARE(names(model), QStringList({u"root"_qs, u"auth"_qs, u"db"_qs, u"render"_qs}));
    QCOMPARE(model.rowShowing(spanIdOf(4)), 2); // query is shown by db
    QCOMPARE(model.rowOfSpan(spanIdOf(4)), -1);
    QCOMPARE(model.rowOfSpan(spanIdOf(6)), 3);
    QCOMPARE(model.spanAt(3)->span.name, QStringLiteral("render"));
    QCOMPARE(model.spanAt(4), nullptr);
}

void TstUiModels::waterfallKeyboardHelpers()
{
    WaterfallModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTrace(sampleTrace());
    QCOMPARE(model.parentRow(0), -1);
    QCOMPARE(model.parentRow(4), 2); // cache -> db
    QCOMPARE(model.parentRow(5), 0); // render -> root
    QCOMPARE(model.collapseOrParent(4), 2); // leaf: to the parent
    QCOMPARE(model.collapseOrParent(2), 2); // expanded: collapses
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.collapseOrParent(2), 0); // collapsed: to the parent
    QCOMPARE(model.expandOrChild(2), 2); // collapsed: expands
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(model.expandOrChild(2), 3); // expanded: to the first child
    QCOMPARE(model.expandOrChild(3), 3); // leaf: stays
    QCOMPARE(model.collapseOrParent(0), 0); // root collapses
    QCOMPARE(model.collapseOrParent(0), 0); // collapsed root has no parent: stays
}

void TstUiModels::waterfallReloadKeepsCollapsed()
{
    WaterfallModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTrace(sampleTrace());
    model.setExpanded(2, false);
    // The same trace with one more (late) span under db: db stays collapsed.
    QList<Span> spans;
    for (const SpanView &v : sampleTrace().spans)
        spans.append(v.span);
    spans.append(makeSpan(7, 3, QStringLiteral("late"), QStringLiteral("backend"), 56, 58));
    model.setTrace(makeTrace(spans));
    QCOMPARE(names(model), QStringList({u"root"_qs, u"auth"_qs, u"db"_qs, u"render"_qs}));
    QCOMPARE(model.spanCount(), 7);
    // Another trace starts fully expanded.
    for (Span &s : spans)
        s.traceId = traceIdOf(2);
    model.setTrace(makeTrace(spans));
    QCOMPARE(model.rowCount(), 7);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.hasTrace());
    QVERIFY(model.rulerTicks().isEmpty());
}

void TstUiModels::waterfallErrorsAndRuler()
{
    WaterfallModel model;
    model.setTrace(sampleTrace());
    QCOMPARE(model.data(model.index(2), WaterfallModel::IsErrorRole).toBool(), true);
    QCOMPARE(model.data(model.index(2), WaterfallModel::ErrorTextRole).toString(), QStringLiteral("Error: boom"));
    QCOMPARE(model.data(model.index(1), WaterfallModel::IsErrorRole).toBool(), false);
    QCOMPARE(model.data(model.index(1), WaterfallModel::ErrorTextRole).toString(), QString());
    const QVariantList ticks = model.rulerTicks(); // 100 ms in at most 8 intervals: every 20 ms
    QCOMPARE(ticks.size(), 6);
    QCOMPARE(ticks.at(1).toMap().value(QStringLiteral("label")).toString(), QStringLiteral("20.0 ms"));
    QCOMPARE(ticks.at(5).toMap().value(QStringLiteral("fraction")).toDouble(), 1.0);
}

void TstUiModels::waterfallInstantTrace()
{
    // Zero-length spans must still give bars and no NaN.
    WaterfallModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTrace(makeTrace({makeSpan(1, 0, QStringLiteral("a"), QStringLiteral("s"), 5, 5),
                              makeSpan(2, 1, QStringLiteral("b"), QStringLiteral("s"), 5, 5)}));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.data(model.index(1), WaterfallModel::OffsetFractionRole).toDouble(), 0.0);
    QCOMPARE(model.data(model.index(1), WaterfallModel::WidthFractionRole).toDouble(), 1.0);
    QCOMPARE(model.traceDurationText(), QStringLiteral("0 ns"));
}

void TstUiModels::waterfallGroupsRepeatedSiblings()
{
    WaterfallModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTrace(loopTrace());
    // The 240 queries are one row where the first of them starts; the others keep their places.
    QCOMPARE(names(model),
             QStringList({u"root"_qs, u"auth"_qs, u"db.query \u00d7 240"_qs, u"cache"_qs, u"render"_qs}));
    QCOMPARE(model.spanCount(), 244);
    const auto at = [&](int row, int role) { return model.data(model.index(row), role); };
    QList<int> depths;
    for (int row = 0; row < model.rowCount(); ++row)
        depths.append(at(row, WaterfallModel::DepthRole).toInt());
    QCOMPARE(depths, QList<int>({0, 1, 1, 1, 1}));
    QCOMPARE(at(2, WaterfallModel::IsGroupRole).toBool(), true);
    QCOMPARE(at(1, WaterfallModel::IsGroupRole).toBool(), false);
    QCOMPARE(at(2, WaterfallModel::MemberCountRole).toInt(), 240);
    QCOMPARE(at(1, WaterfallModel::MemberCountRole).toInt(), 0);
    QCOMPARE(at(2, WaterfallModel::DurationTextRole).toString(), QStringLiteral("60.0 ms total")); // 240 x 0.25 ms
    QCOMPARE(at(2, WaterfallModel::SelfTimeTextRole).toString(), QStringLiteral("60.0 ms"));
    QCOMPARE(at(2, WaterfallModel::StartOffsetTextRole).toString(), QStringLiteral("+10.0 ms"));
    // The bar covers the first start to the last end: 10 .. 129.75 ms of 200.
    QCOMPARE(at(2, WaterfallModel::OffsetFractionRole).toDouble(), 0.05);
    QCOMPARE(at(2, WaterfallModel::WidthFractionRole).toDouble(), 119.75 / 200);
    QCOMPARE(at(2, WaterfallModel::IsErrorRole).toBool(), true);
    QCOMPARE(at(2, WaterfallModel::ErrorCountRole).toInt(), 2);
    QCOMPARE(at(2, WaterfallModel::ErrorTextRole).toString(), QStringLiteral("2 of 240 failed"));
    QCOMPARE(at(2, WaterfallModel::ServiceRole).toString(), QStringLiteral("postgres"));
    QCOMPARE(at(2, WaterfallModel::SpanIdRole).toString(), QString());
    QCOMPARE(at(2, WaterfallModel::ParentIndexRole).toInt(), 0);
    QCOMPARE(at(2, WaterfallModel::HasChildrenRole).toBool(), true);
    QCOMPARE(at(2, WaterfallModel::ExpandedRole).toBool(), false); // folded by default
    QCOMPARE(at(3, WaterfallModel::ErrorCountRole).toInt(), 0);
    QVERIFY(model.isGroupRow(2));
    QVERIFY(!model.isGroupRow(3));
    // The details of a group row show its first member.
    QCOMPARE(model.spanAt(2)->span.spanId, spanIdOf(100));
    QCOMPARE(model.rowOfSpan(spanIdOf(150)), -1);
    QCOMPARE(model.rowShowing(spanIdOf(150)), 2);
    QCOMPARE(model.parentRow(2), 0);
}

void TstUiModels::waterfallGroupExpandsInStartOrder()
{
    WaterfallModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTrace(loopTrace());
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

    QCOMPARE(model.expandOrChild(2), 2); // Right opens the group
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 3);
    QCOMPARE(inserted.at(0).at(2).toInt(), 242);
    QCOMPARE(model.rowCount(), 245);
    QCOMPARE(model.data(model.index(2), WaterfallModel::ExpandedRole).toBool(), true);
    for (int i = 0; i < 240; ++i) {
        const QModelIndex member = model.index(3 + i);
        QCOMPARE(model.data(member, WaterfallModel::SpanIdRole).toString(), idToHex(spanIdOf(100 + i)));
        QCOMPARE(model.data(member, WaterfallModel::DepthRole).toInt(), 2);
        QCOMPARE(model.data(member, WaterfallModel::NameRole).toString(), QStringLiteral("db.query"));
        QCOMPARE(model.parentRow(3 + i), 2);
    }
    QCOMPARE(model.data(model.index(3 + 7), WaterfallModel::IsErrorRole).toBool(), true);
    QCOMPARE(model.rowOfSpan(spanIdOf(150)), 53);
    QCOMPARE(model.data(model.index(243), WaterfallModel::NameRole).toString(), QStringLiteral("cache"));
    QCOMPARE(model.expandOrChild(2), 3); // open: to the first member
    QCOMPARE(model.collapseOrParent(3), 2); // a leaf member: to the group
    QCOMPARE(model.collapseOrParent(2), 2); // Left folds it again
    QCOMPARE(removed.size(), 1);
    QCOMPARE(model.rowCount(), 5);
    model.toggle(2);
    QCOMPARE(model.rowCount(), 245);
    model.toggle(0); // the root hides the group and its members
    QCOMPARE(model.rowCount(), 1);
    model.toggle(0); // the group stays open below it
    QCOMPARE(model.rowCount(), 245);
}

void TstUiModels::waterfallGroupThreshold_data()
{
    QTest::addColumn<int>("loops");
    QTest::addColumn<int>("rows");
    QTest::newRow("one") << 1 << 5;
    QTest::newRow("just below") << WaterfallModel::kMinGroupSize - 1 << 4 + WaterfallModel::kMinGroupSize - 1;
    QTest::newRow("at the threshold") << WaterfallModel::kMinGroupSize << 5;
    QTest::newRow("just above") << WaterfallModel::kMinGroupSize + 1 << 5;
}

void TstUiModels::waterfallGroupThreshold()
{
    QFETCH(int, loops);
    QFETCH(int, rows);
    WaterfallModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTrace(loopTrace(loops));
    QCOMPARE(model.rowCount(), rows);
    const bool grouped = loops >= WaterfallModel::kMinGroupSize;
    QCOMPARE(model.isGroupRow(2), grouped);
    QCOMPARE(model.data(model.index(2), WaterfallModel::NameRole).toString(),
             grouped ? u"db.query \u00d7 %1"_qs.arg(loops) : u"db.query"_qs);
}

// root (api) -> 6 x handler (api), each -> 5 x db.query (postgres) + 1 x cache (redis); also
// 3 x db.query (api): same name, another service, below the threshold on their own.
void TstUiModels::waterfallNestedGroups()
{
    QList<Span> spans{makeSpan(1, 0, QStringLiteral("root"), QStringLiteral("api"), 0, 1000)};
    int id = 2;
    for (int h = 0; h < 6; ++h) {
        const int handler = id++;
        const double t = 10 + h * 100;
        spans.append(makeSpan(handler, 1, QStringLiteral("handler"), QStringLiteral("api"), t, t + 90));
        spans.append(makeSpan(id++, handler, QStringLiteral("cache"), QStringLiteral("redis"), t + 1, t + 2));
        for (int q = 0; q < 5; ++q)
            spans.append(makeSpan(id++, handler, QStringLiteral("db.query"), QStringLiteral("postgres"), t + 5 + q * 10,
                                  t + 10 + q * 10));
    }
    for (int q = 0; q < 3; ++q)
        spans.append(makeSpan(id++, 1, QStringLiteral("db.query"), QStringLiteral("api"), 700 + q, 701 + q));
    WaterfallModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTrace(makeTrace(spans));
    QCOMPARE(names(model),
             QStringList({u"root"_qs, u"handler \u00d7 6"_qs, u"db.query"_qs, u"db.query"_qs, u"db.query"_qs}));
    model.toggle(1);
    QCOMPARE(model.rowCount(), 5 + 6 * 3);
    QCOMPARE(names(model).mid(1, 5), QStringList({u"handler \u00d7 6"_qs, u"handler"_qs, u"cache"_qs,
                                                  u"db.query \u00d7 5"_qs, u"handler"_qs}));
    QCOMPARE(model.data(model.index(4), WaterfallModel::DepthRole).toInt(), 3);
    QCOMPARE(model.data(model.index(4), WaterfallModel::DurationTextRole).toString(), QStringLiteral("25.0 ms total"));
    QCOMPARE(model.parentRow(4), 2); // the inner group -> its handler
    QCOMPARE(model.parentRow(2), 1); // a handler -> the outer group
    model.toggle(4);
    QCOMPARE(model.rowCount(), 5 + 6 * 3 + 5);
    QCOMPARE(model.data(model.index(5), WaterfallModel::DepthRole).toInt(), 4);
    QCOMPARE(model.parentRow(9), 4);
    QCOMPARE(model.data(model.index(10), WaterfallModel::NameRole).toString(), QStringLiteral("handler"));
    // Folding the outer group and opening it again keeps the inner one as it was.
    model.toggle(1);
    QCOMPARE(model.rowCount(), 5);
    model.toggle(1);
    QCOMPARE(model.rowCount(), 5 + 6 * 3 + 5);
}

void TstUiModels::waterfallRevealOpensGroups()
{
    WaterfallModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTrace(loopTrace());
    model.toggle(0); // the root folded too
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.rowShowing(spanIdOf(150)), 0);
    QCOMPARE(model.revealSpan(spanIdOf(150)), 53);
    QCOMPARE(model.rowCount(), 245);
    QCOMPARE(model.rowOfSpan(spanIdOf(150)), 53);
    QCOMPARE(model.revealSpan(spanIdOf(150)), 53); // already shown: nothing changes
    QCOMPARE(model.revealSpan(spanIdOf(9999)), -1);
    QCOMPARE(model.revealSpan({}), -1);

    // Loading a trace with a span to show (a deep link, an error's "go to span").
    WaterfallModel loaded;
    QAbstractItemModelTester loadedTester(&loaded, QAbstractItemModelTester::FailureReportingMode::QtTest);
    loaded.setTrace(loopTrace(), spanIdOf(101));
    QCOMPARE(loaded.rowOfSpan(spanIdOf(101)), 4);
    loaded.setTrace(loopTrace(), spanIdOf(3)); // cache needs nothing opened; the group stays open
    QCOMPARE(loaded.rowCount(), 245);
}

void TstUiModels::waterfallGroupReloadAndExpandAll()
{
    WaterfallModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTrace(loopTrace());
    model.toggle(2);
    model.setTrace(loopTrace(241)); // a late query: the same group stays open
    QCOMPARE(model.rowCount(), 246);
    QCOMPARE(model.data(model.index(2), WaterfallModel::NameRole).toString(), QStringLiteral("db.query \u00d7 241"));
    QList<Span> spans;
    for (const SpanView &v : loopTrace().spans) {
        spans.append(v.span);
        spans.last().traceId = traceIdOf(2);
    }
    model.setTrace(makeTrace(spans)); // another trace starts folded
    QCOMPARE(model.rowCount(), 5);
    model.expandAll();
    QCOMPARE(model.rowCount(), 245);
    QCOMPARE(model.data(model.index(2), WaterfallModel::ExpandedRole).toBool(), true);
}

// A partial trace: root 1 (0..100) with 2 (10..60, 7 spans below it not loaded) and 3 (70..90).
// Its subtree: six db.query leaves (a group) and "GET" on the critical path.
void TstUiModels::waterfallMoreRowsSplice()
{
    WaterfallModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    TraceDetails d = makeTrace({makeSpan(1, 0, QStringLiteral("root"), QStringLiteral("api"), 0, 100),
        makeSpan(2, 1, QStringLiteral("load"), QStringLiteral("api"), 10, 60),
        makeSpan(3, 1, QStringLiteral("render"), QStringLiteral("api"), 70, 90)});
    d.partial = true;
    d.summary.spanCount = 10;
    d.spans[1].unloadedDescendants = 7;
    d.spans[0].onCriticalPath = true;
    model.setTrace(d);
    QCOMPARE(names(model), QStringList({u"root"_qs, u"load"_qs, u"7 more spans — expand to load"_qs, u"render"_qs}));
    QVERIFY(model.isPartial());
    const QModelIndex more = model.index(2);
    QVERIFY(model.isMoreRow(2));
    QVERIFY(!model.isMoreRow(1));
    QCOMPARE(model.data(more, WaterfallModel::IsMoreRole).toBool(), true);
    QCOMPARE(model.data(more, WaterfallModel::MoreCountRole).toInt(), 7);
    QCOMPARE(model.data(more, WaterfallModel::DepthRole).toInt(), 2);
    QCOMPARE(model.data(more, WaterfallModel::HasChildrenRole).toBool(), true);
    QCOMPARE(model.data(more, WaterfallModel::ExpandedRole).toBool(), false);
    QCOMPARE(model.data(model.index(1), WaterfallModel::IsMoreRole).toBool(), false);
    QCOMPARE(model.data(model.index(1), WaterfallModel::HasChildrenRole).toBool(), true);
    QCOMPARE(model.moreSpanIdAt(2), spanIdOf(2));
    QCOMPARE(model.spanAt(2)->span.spanId, spanIdOf(2)); // the details show the span it belongs to
    QVERIFY(model.groupSummary(2).contains(u"load"_qs));
    QCOMPARE(model.data(model.index(0), WaterfallModel::OnCriticalPathRole).toBool(), true);
    // The span's own fold hides and shows its "more" row.
    model.toggle(1);
    QCOMPARE(model.rowCount(), 3);
    model.toggle(1);
    QCOMPARE(model.rowCount(), 4);

    // Expanding the row asks for the subtree; it does not change the rows by itself.
    QSignalSpy requested(&model, &WaterfallModel::loadRequested);
    model.toggle(2);
    QCOMPARE(model.expandOrChild(2), 2);
    model.setExpanded(2, true);
    QCOMPARE(requested.size(), 3);
    QCOMPARE(requested.at(0).at(0).toByteArray(), spanIdOf(2));
    QCOMPARE(model.rowCount(), 4);
    model.expandAll(); // nothing folded but the "more" row: no reset
    QCOMPARE(model.rowCount(), 4);

    TraceSubtree sub;
    sub.traceId = d.summary.traceId;
    sub.parentSpanId = spanIdOf(2);
    QList<Span> below;
    for (int i = 0; i < 6; ++i)
        below.append(makeSpan(20 + i, 2, QStringLiteral("db.query"), QStringLiteral("postgres"), 12 + i * 5, 15 + i * 5));
    below.append(makeSpan(30, 2, QStringLiteral("GET"), QStringLiteral("redis"), 45, 58, true));
    for (SpanView v : TraceAnalysis::buildTree(below)) {
        v.parentIndex = -1;
        v.depth = 2;
        v.onCriticalPath = v.span.name == u"GET";
        sub.spans.append(v);
    }
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    TraceSubtree other = sub;
    other.traceId = traceIdOf(9);
    QVERIFY(!model.splice(other)); // another trace
    QVERIFY(model.splice(sub));
    QCOMPARE(reset.size(), 0);
    QCOMPARE(removed.size(), 1); // the "more" row ...
    QCOMPARE(removed.at(0).at(1).toInt(), 2);
    QCOMPARE(inserted.size(), 1); // ... gives way to the group row and GET
    QCOMPARE(inserted.at(0).at(1).toInt(), 2);
    QCOMPARE(inserted.at(0).at(2).toInt(), 3);
    QCOMPARE(names(model), QStringList({u"root"_qs, u"load"_qs, u"db.query × 6"_qs, u"GET"_qs, u"render"_qs}));
    QCOMPARE(model.spanCount(), 10);
    QCOMPARE(model.data(model.index(2), WaterfallModel::IsGroupRole).toBool(), true);
    QCOMPARE(model.data(model.index(2), WaterfallModel::DepthRole).toInt(), 2);
    QCOMPARE(model.data(model.index(2), WaterfallModel::OnCriticalPathRole).toBool(), false);
    QCOMPARE(model.data(model.index(3), WaterfallModel::OnCriticalPathRole).toBool(), true);
    QCOMPARE(model.data(model.index(3), WaterfallModel::IsErrorRole).toBool(), true);
    QCOMPARE(model.data(model.index(3), WaterfallModel::IsMoreRole).toBool(), false);
    QCOMPARE(model.data(model.index(0), WaterfallModel::OnCriticalPathRole).toBool(), true);
    QCOMPARE(model.parentRow(3), 1);
    QCOMPARE(model.rowOfSpan(spanIdOf(3)), 4);
    QCOMPARE(model.spanAt(4)->parentIndex, 0);
    QCOMPARE(model.spanAt(3)->parentIndex, 1);
    QVERIFY(!model.splice(sub)); // loaded already
    QCOMPARE(model.rowCount(), 5);
    // The group opens like any other; the minimap sees every loaded span.
    model.toggle(2);
    QCOMPARE(model.rowCount(), 11);
    QCOMPARE(model.data(model.index(3), WaterfallModel::NameRole).toString(), u"db.query"_qs);
    QCOMPARE(model.data(model.index(3), WaterfallModel::DepthRole).toInt(), 3);
    QCOMPARE(model.overviewBars().size(), 10);

    // A subtree arriving while its span is folded: no rows change, and they show when it opens.
    model.toggle(2); // fold the group again (a reload remembers it)
    model.setTrace(d);
    model.toggle(1);
    QCOMPARE(model.rowCount(), 3);
    inserted.clear();
    QVERIFY(model.splice(sub));
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(model.rowCount(), 3);
    model.toggle(1);
    QCOMPARE(names(model), QStringList({u"root"_qs, u"load"_qs, u"db.query × 6"_qs, u"GET"_qs, u"render"_qs}));
}

void TstUiModels::waterfallGroupCriticalPath()
{
    // root 0..100; 5 queries one after another 10..60 carry the path; cache 12..14 runs beside
    // the first and waits for nothing the root waits for.
    QList<Span> spans{makeSpan(1, 0, QStringLiteral("root"), QStringLiteral("api"), 0, 100),
                      makeSpan(2, 1, QStringLiteral("cache"), QStringLiteral("redis"), 12, 14)};
    for (int q = 0; q < 5; ++q)
        spans.append(makeSpan(10 + q, 1, QStringLiteral("db.query"), QStringLiteral("postgres"), 10 + q * 10, 20 + q * 10));
    TraceDetails details = makeTrace(spans);
    details.criticalPath = TraceAnalysis::criticalPath(details.spans);
    WaterfallModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTrace(details);
    QCOMPARE(names(model), QStringList({u"root"_qs, u"db.query \u00d7 5"_qs, u"cache"_qs}));
    QCOMPARE(model.data(model.index(0), WaterfallModel::OnCriticalPathRole).toBool(), true);
    QCOMPARE(model.data(model.index(1), WaterfallModel::OnCriticalPathRole).toBool(), true);
    QCOMPARE(model.data(model.index(2), WaterfallModel::OnCriticalPathRole).toBool(), false);
    QCOMPARE(model.data(model.index(1), WaterfallModel::SelfTimeTextRole).toString(), QStringLiteral("50.0 ms"));
    model.toggle(1);
    for (int row = 2; row < 7; ++row)
        QCOMPARE(model.data(model.index(row), WaterfallModel::OnCriticalPathRole).toBool(), true);
    QCOMPARE(model.data(model.index(7), WaterfallModel::OnCriticalPathRole).toBool(), false);
}

// --- SpanDetailsModel --------------------------------------------------------------------

void TstUiModels::waterfallZoomAndPan()
{
    WaterfallModel model;
    QSignalSpy viewChanged(&model, &WaterfallModel::viewChanged);
    // No trace: nothing to zoom, the whole (empty) view.
    model.zoomBy(2);
    QCOMPARE(model.viewStart(), 0.0);
    QCOMPARE(model.viewEnd(), 1.0);
    QVERIFY(!model.isZoomed());
    model.setTrace(sampleTrace()); // 100 ms
    QCOMPARE(viewChanged.size(), 1);
    QVERIFY(model.viewText().isEmpty());

    // Zooming in about the middle halves the shown part around it.
    model.zoomBy(2);
    QVERIFY(model.isZoomed());
    QCOMPARE(model.viewStart(), 0.25);
    QCOMPARE(model.viewEnd(), 0.75);
    QCOMPARE(viewChanged.size(), 2);
    QCOMPARE(model.viewText(), u"showing 25.0 ms – 75.0 ms of 100 ms"_qs);
    // About its left quarter: the time there (37.5 ms) stays a quarter in.
    model.zoomBy(2, 0.25);
    QCOMPARE(model.viewStart(), 0.3125);
    QCOMPARE(model.viewEnd(), 0.5625);
    // Panning moves by the shown part's width and stops at the trace's ends.
    model.panBy(1);
    QCOMPARE(model.viewStart(), 0.5625);
    QCOMPARE(model.viewEnd(), 0.8125);
    model.panBy(10);
    QCOMPARE(model.viewStart(), 0.75);
    QCOMPARE(model.viewEnd(), 1.0);
    model.panBy(-100);
    QCOMPARE(model.viewStart(), 0.0);
    QCOMPARE(model.viewEnd(), 0.25);
    const qsizetype before = viewChanged.size();
    model.panBy(-1); // already at the start: nothing changes, nothing is signalled
    QCOMPARE(viewChanged.size(), before);
    // Zooming out past the whole trace shows the whole trace.
    model.zoomBy(0.01);
    QVERIFY(!model.isZoomed());
    // setView clamps and keeps the narrowest part: 100 ms / 100,000 = 1 µs.
    QCOMPARE(model.minimumViewNs(), 1000);
    model.setView(0.5, 0.5);
    QCOMPARE(model.timeScale().timeAt(model.viewEnd()) - model.timeScale().timeAt(model.viewStart()), 1000);
    // A part asked for across an edge keeps its width, moved inside (dragging the minimap's
    // frame against an edge must not zoom in); one wider than the trace shows it whole.
    model.setView(-0.1, 0.2);
    QCOMPARE(model.viewStart(), 0.0);
    QVERIFY(qAbs(model.viewEnd() - 0.3) < 1e-9);
    model.setView(0.9, 1.05);
    QVERIFY(qAbs(model.viewStart() - 0.85) < 1e-9);
    QCOMPARE(model.viewEnd(), 1.0);
    model.setView(-0.5, 0.5); // the minimap clicked at 0 while showing everything
    QVERIFY(!model.isZoomed());
    model.setView(0.0, 0.3);
    model.setView(0.9, 0.1); // reversed: ignored
    QVERIFY(qAbs(model.viewEnd() - 0.3) < 1e-9);
    model.zoomBy(qQNaN());
    model.panBy(qInf());
    model.setView(qQNaN(), 0.5);
    QVERIFY(qAbs(model.viewEnd() - 0.3) < 1e-9);
    model.resetView();
    QVERIFY(!model.isZoomed());
    QCOMPARE(model.viewEnd(), 1.0);

    // A trace of zero length cannot zoom.
    model.setTrace(makeTrace({makeSpan(1, 0, u"a"_qs, u"s"_qs, 5, 5)}));
    model.zoomBy(4);
    QVERIFY(!model.isZoomed());
}

void TstUiModels::waterfallZoomedRuler()
{
    WaterfallModel model;
    model.setTrace(sampleTrace()); // 100 ms, marks every 20 ms
    QSignalSpy viewChanged(&model, &WaterfallModel::viewChanged);
    // 40..40.01 ms: 10 µs shown, marks every 2 µs (at most 8 intervals), labelled from the
    // trace's start and all different.
    model.setView(0.4, 0.4001);
    QCOMPARE(viewChanged.size(), 1);
    const QVariantList ticks = model.rulerTicks();
    QStringList labels;
    for (const QVariant &t : ticks)
        labels.append(t.toMap().value(QStringLiteral("label")).toString());
    QCOMPARE(labels, QStringList({u"40.000 ms"_qs, u"40.002 ms"_qs, u"40.004 ms"_qs, u"40.006 ms"_qs,
                                  u"40.008 ms"_qs, u"40.010 ms"_qs}));
    QVERIFY(qAbs(ticks.first().toMap().value(QStringLiteral("fraction")).toDouble()) < 1e-9);
    QVERIFY(qAbs(ticks.last().toMap().value(QStringLiteral("fraction")).toDouble() - 1) < 1e-9);
    // A part that starts between marks: the first mark is inside it, its fraction > 0.
    model.setView(0.401, 0.402); // 40.1..40.2 ms, a step of 20 µs
    const QVariantMap first = model.rulerTicks().first().toMap();
    QCOMPARE(first.value(QStringLiteral("label")).toString(), u"40.10 ms"_qs);
    QVERIFY(qAbs(first.value(QStringLiteral("fraction")).toDouble()) < 1e-6);
}

void TstUiModels::waterfallZoomSurvivesReload()
{
    WaterfallModel model;
    model.setTrace(sampleTrace());
    model.setView(0.2, 0.6); // 20..60 ms
    // The same trace again with a late span that ends at 200 ms: the same times stay shown.
    QList<Span> spans;
    for (const SpanView &v : sampleTrace().spans)
        spans.append(v.span);
    spans.append(makeSpan(7, 1, u"late"_qs, u"frontend"_qs, 150, 200));
    model.setTrace(makeTrace(spans));
    QVERIFY(model.isZoomed());
    QCOMPARE(model.viewStart(), 0.1);
    QCOMPARE(model.viewEnd(), 0.3);
    // Another trace shows whole.
    TraceDetails other = sampleTrace();
    other.summary.traceId = traceIdOf(2);
    model.setTrace(other);
    QVERIFY(!model.isZoomed());
    model.setView(0.2, 0.6);
    model.clear();
    QVERIFY(!model.isZoomed());
    QVERIFY(model.rulerTicks().isEmpty());
}

void TstUiModels::waterfallZoomToRow()
{
    WaterfallModel model;
    model.setTrace(sampleTrace());
    model.zoomToRow(2); // db 20..60 ms, with 2 ms on each side
    QVERIFY(qAbs(model.viewStart() - 0.18) < 1e-9);
    QVERIFY(qAbs(model.viewEnd() - 0.62) < 1e-9);
    model.zoomToRow(99); // out of range: unchanged
    QVERIFY(qAbs(model.viewStart() - 0.18) < 1e-9);

    // A group row: its members' extent (10 ms .. 129.75 ms of the loop).
    model.setTrace(loopTrace());
    const int group = int(names(model).indexOf(u"db.query × 240"_qs));
    QVERIFY(group > 0);
    QVERIFY(model.isGroupRow(group));
    model.zoomToRow(group);
    const TimeScale &scale = model.timeScale();
    const qint64 from = scale.timeAt(model.viewStart()) - scale.startNs();
    const qint64 to = scale.timeAt(model.viewEnd()) - scale.startNs();
    const qint64 margin = (129'750'000 - 10'000'000) / 20;
    QVERIFY2(qAbs(from - (10'000'000 - margin)) <= 1, qPrintable(QString::number(from)));
    QVERIFY2(qAbs(to - (129'750'000 + margin)) <= 1, qPrintable(QString::number(to)));
}

void TstUiModels::waterfallServiceBreakdown()
{
    WaterfallModel model;
    TraceDetails details = sampleTrace();
    details.serviceBreakdown = TraceAnalysis::serviceBreakdown(details.spans, details.summary.durationNs());
    model.setTrace(details);
    const QVariantList rows = model.serviceBreakdownList();
    QCOMPARE(rows.size(), 5);
    // frontend: root 25 ms + render 25 ms of self time = 50 %.
    const QVariantMap top = rows.first().toMap();
    QCOMPARE(top.value(QStringLiteral("service")).toString(), u"frontend"_qs);
    QCOMPARE(top.value(QStringLiteral("fraction")).toDouble(), 0.5);
    QCOMPARE(top.value(QStringLiteral("color")).value<QColor>(), serviceColor(u"frontend"_qs));
    QCOMPARE(top.value(QStringLiteral("text")).toString(), u"frontend 50 % · 50.0 ms"_qs);
}

void TstUiModels::minimapLayout()
{
    // Fewer spans than pixel rows: one lane each, in display order, x from the fractions.
    WaterfallModel model;
    model.setTrace(sampleTrace());
    const QList<WaterfallModel::OverviewBar> bars = model.overviewBars();
    QCOMPARE(bars.size(), 6);
    const QColor red(Qt::red);
    const QList<WaterfallMinimap::Block> blocks = WaterfallMinimap::layout(bars, 200, 60, red);
    QCOMPARE(blocks.size(), 6);
    QCOMPARE(blocks[0].rect, QRect(0, 0, 200, 10)); // root
    QCOMPARE(blocks[0].color, serviceColor(u"frontend"_qs));
    QCOMPARE(blocks[2].rect, QRect(40, 20, 80, 10)); // db 20..60 ms, failed
    QCOMPARE(blocks[2].color, red);
    QCOMPARE(blocks[5].rect, QRect(140, 50, 50, 10)); // render 70..95 ms
    // Collapsing rows does not change the minimap: it shows the whole tree.
    model.toggle(2);
    QCOMPARE(model.overviewBars().size(), 6);
    QVERIFY(WaterfallMinimap::layout(bars, 0, 60, red).isEmpty());
    QVERIFY(WaterfallMinimap::layout({}, 200, 60, red).isEmpty());
}

void TstUiModels::minimapMergesAndPaints()
{
    // The N+1 loop: 244 spans in 20 pixel rows. Queries of one row that touch merge into one
    // block; far fewer blocks than spans, and every span is still covered.
    WaterfallModel model;
    model.setTrace(loopTrace());
    const QList<WaterfallModel::OverviewBar> bars = model.overviewBars();
    QCOMPARE(bars.size(), 244);
    const QList<WaterfallMinimap::Block> blocks = WaterfallMinimap::layout(bars, 400, 20, QColor(Qt::red));
    QVERIFY2(blocks.size() < 80, qPrintable(QString::number(blocks.size())));
    for (qsizetype i = 0; i < bars.size(); ++i) {
        const int row = int(i * 20 / bars.size());
        const int x = std::clamp(int(std::floor(bars[i].offset * 400)), 0, 399);
        const bool covered = std::any_of(blocks.begin(), blocks.end(), [&](const WaterfallMinimap::Block &b) {
            return b.rect.contains(x, row) && b.color == (bars[i].error ? QColor(Qt::red) : bars[i].color);
        });
        QVERIFY2(covered, qPrintable(QString::number(i)));
    }
    // A bar of another colour between two of one colour keeps them apart, so it stays on top.
    const QColor a(Qt::blue), b(Qt::green);
    QList<WaterfallModel::OverviewBar> three(30, {0.0, 0.5, a, false});
    three[10] = {0.25, 0.1, b, false};
    const QList<WaterfallMinimap::Block> layered = WaterfallMinimap::layout(three, 100, 1, QColor(Qt::red));
    QCOMPARE(layered.size(), 3);
    QCOMPARE(layered[1].color, b);
    QCOMPARE(layered[2].color, a);

    // The item paints the blocks.
    WaterfallMinimap item;
    item.setSize(QSizeF(200, 60));
    WaterfallModel sample;
    sample.setTrace(sampleTrace());
    item.setWaterfall(&sample);
    item.setProperty("errorColor", QColor(Qt::red));
    QImage image(200, 60, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    {
        QPainter painter(&image);
        item.paint(&painter);
    }
    QCOMPARE(QColor(image.pixel(100, 5)), serviceColor(u"frontend"_qs)); // root
    QCOMPARE(QColor(image.pixel(60, 25)), QColor(Qt::red)); // db failed
    QCOMPARE(qAlpha(image.pixel(10, 25)), 0); // left of db
}

void TstUiModels::spanDetails()
{
    SpanDetailsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy changed(&model, &SpanDetailsModel::spanChanged);
    QVERIFY(!model.hasSpan());

    Span s = makeSpan(3, 1, QStringLiteral("db"), QStringLiteral("backend"), 20, 60, true);
    s.attributes.insert(QStringLiteral("http.route"), QStringLiteral("/cart"));
    s.attributes.insert(QStringLiteral("db.rows"), 12);
    s.resourceAttributes.insert(QStringLiteral("service.name"), QStringLiteral("backend"));
    SpanEvent e;
    e.name = QStringLiteral("exception");
    e.timeUnixNano = s.startTimeUnixNano + 1'500'000;
    e.attributes.insert(QStringLiteral("exception.type"), QStringLiteral("IOError"));
    e.attributes.insert(QStringLiteral("exception.stacktrace"), QStringLiteral("at x()"));
    s.events.append(e);
    s.scopeName = QStringLiteral("io.opentelemetry.jdbc");
    const QList<SpanView> views = TraceAnalysis::buildTree({s});

    model.setSpan(views.first(), s.startTimeUnixNano - 20'000'000);
    QCOMPARE(changed.size(), 1);
    QVERIFY(model.hasSpan());
    QCOMPARE(model.name(), QStringLiteral("db"));
    QCOMPARE(model.service(), QStringLiteral("backend"));
    QCOMPARE(model.spanId(), idToHex(spanIdOf(3)));
    QCOMPARE(model.parentSpanId(), idToHex(spanIdOf(1)));
    QCOMPARE(model.kind(), QStringLiteral("server"));
    QCOMPARE(model.status(), QStringLiteral("error"));
    QVERIFY(model.isError());
    QCOMPARE(model.errorType(), QStringLiteral("IOError"));
    QCOMPARE(model.errorMessage(), QStringLiteral("boom"));
    QCOMPARE(model.stackTrace(), QStringLiteral("at x()"));
    QCOMPARE(model.startOffsetText(), QStringLiteral("+20.0 ms"));
    QCOMPARE(model.durationText(), QStringLiteral("40.0 ms"));

    QStringList rows;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex i = model.index(row);
        rows.append(model.data(i, SpanDetailsModel::SectionRole).toString() + u'|'
                    + model.data(i, SpanDetailsModel::KeyRole).toString() + u'|'
                    + model.data(i, SpanDetailsModel::ValueRole).toString() + u'|'
                    + model.data(i, SpanDetailsModel::TimeTextRole).toString());
    }
    QCOMPARE(rows, QStringList({
                       u"Attributes|db.rows|12|"_qs,
                       u"Attributes|http.route|/cart|"_qs,
                       u"Events|exception|exception.stacktrace=at x(), exception.type=IOError|+1.5 ms"_qs,
                       u"Resource|service.name|backend|"_qs,
                       u"Instrumentation scope|name|io.opentelemetry.jdbc|"_qs,
                   }));

    model.clear();
    QVERIFY(!model.hasSpan());
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.name(), QString());
}

namespace {

Anomaly anomalyOf(const QString &id, AnomalyMetric metric, qint64 fromNs, std::optional<qint64> toNs, Severity severity)
{
    Anomaly a;
    a.id = id;
    a.service = QStringLiteral("checkout");
    a.operation = QStringLiteral("POST /checkout");
    a.metric = metric;
    a.startedNs = fromNs;
    a.endedNs = toNs;
    a.observed = metric == AnomalyMetric::ErrorRate ? 0.4 : 412;
    a.expected = metric == AnomalyMetric::ErrorRate ? 0 : 180;
    a.score = 9.44;
    a.severity = severity;
    return a;
}

} // namespace

// The four Insights models under the tester: display texts, keys that keep rows across
// refreshes, and the example traces.
void TstUiModels::insightModels()
{
    const qint64 minute = qint64(60) * 1000000000;
    const qint64 t0 = qint64(1699999200) * 1000000000; // 2023-11-14 22:00:00 UTC
    AnomalyModel anomalies;
    QAbstractItemModelTester anomalyTester(&anomalies, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Anomaly step = anomalyOf(QStringLiteral("a1"), AnomalyMetric::LatencyP95, t0, std::nullopt, Severity::High);
    step.attribution = { { QStringLiteral("checkout"), QStringLiteral("POST /checkout"), 20, 140 },
        { QStringLiteral("inventory-db"), QStringLiteral("UPDATE stock"), 5, 9 } };
    const Anomaly burst = anomalyOf(QStringLiteral("a2"), AnomalyMetric::ErrorRate, t0 - 30 * minute, t0 - 24 * minute,
        Severity::Critical);
    anomalies.setAnomalies({ step, burst }, { { QStringLiteral("a1"), QStringLiteral("ab") } }, t0 + 5 * minute);
    QCOMPARE(anomalies.rowCount(), 2);
    const QModelIndex first = anomalies.index(0);
    QCOMPARE(first.data(AnomalyModel::MetricTextRole).toString(), u"p95 latency"_qs);
    QCOMPARE(first.data(AnomalyModel::ObservedTextRole).toString(), u"observed 412 ms"_qs);
    QCOMPARE(first.data(AnomalyModel::ExpectedTextRole).toString(), u"expected 180 ms"_qs);
    QCOMPARE(first.data(AnomalyModel::ScoreTextRole).toString(), u"score 9.4"_qs);
    QCOMPARE(first.data(AnomalyModel::SeverityLevelRole).toInt(), int(Severity::High));
    QCOMPARE(first.data(AnomalyModel::SeverityTextRole).toString(), u"high"_qs);
    QCOMPARE(first.data(AnomalyModel::WhenTextRole).toString(), u"since 22:00:00"_qs);
    QCOMPARE(first.data(AnomalyModel::AttributionTextRole).toString(),
        u"Self time grew: +120 ms in checkout POST /checkout, +4.0 ms in inventory-db UPDATE stock"_qs);
    QCOMPARE(first.data(AnomalyModel::TraceIdRole).toString(), u"ab"_qs);
    const QModelIndex second = anomalies.index(1);
    QCOMPARE(second.data(AnomalyModel::ObservedTextRole).toString(), u"observed 40 %"_qs);
    QCOMPARE(second.data(AnomalyModel::WhenTextRole).toString(), u"21:30:00 – 21:36:00"_qs);
    QVERIFY(second.data(AnomalyModel::AttributionTextRole).toString().isEmpty()); // not latency
    QVERIFY(second.data(AnomalyModel::TraceIdRole).toString().isEmpty());
    // A refresh with the burst first moves the row, keeping it.
    QSignalSpy moved(&anomalies, &QAbstractItemModel::rowsMoved);
    anomalies.setAnomalies({ burst, step }, {}, t0 + 5 * minute);
    QCOMPARE(moved.size(), 1);
    QCOMPARE(anomalies.rowOfKey(u"a2"_qs), 0);

    RegressionModel regressions;
    QAbstractItemModelTester regressionTester(&regressions, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Regression version { QStringLiteral("checkout"), QStringLiteral("POST /checkout"), AnomalyMetric::LatencyP95,
        QStringLiteral("1.4.0"), QStringLiteral("1.5.0"), 180, 300, 66.67, t0 };
    Regression shift { QStringLiteral("cart"), QStringLiteral("GET /cart/items"), AnomalyMetric::Throughput, {}, {}, 4,
        2, -50, t0 - minute };
    regressions.setRegressions({ version, shift }, { { RegressionModel::keyOf(version), QStringLiteral("cd") } }, t0);
    QCOMPARE(regressions.index(0).data(RegressionModel::VersionsTextRole).toString(), u"1.4.0 → 1.5.0"_qs);
    QCOMPARE(regressions.index(0).data(RegressionModel::BeforeTextRole).toString(), u"180 ms"_qs);
    QCOMPARE(regressions.index(0).data(RegressionModel::AfterTextRole).toString(), u"300 ms"_qs);
    QCOMPARE(regressions.index(0).data(RegressionModel::ChangeTextRole).toString(), u"+66.7 %"_qs);
    QVERIFY(regressions.index(0).data(RegressionModel::WorseRole).toBool());
    QCOMPARE(regressions.index(0).data(RegressionModel::TraceIdRole).toString(), u"cd"_qs);
    QCOMPARE(regressions.index(1).data(RegressionModel::VersionsTextRole).toString(), u"level shift"_qs);
    QCOMPARE(regressions.index(1).data(RegressionModel::ChangeTextRole).toString(), u"-50.0 %"_qs);
    QVERIFY(regressions.index(1).data(RegressionModel::WorseRole).toBool()); // less throughput is worse

    RecommendationModel recommendations;
    QAbstractItemModelTester recommendationTester(&recommendations, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Recommendation n1;
    n1.id = QStringLiteral("r1");
    n1.rule = QStringLiteral("n_plus_one");
    n1.title = QStringLiteral("N+1 calls in cart GET /cart/items");
    n1.service = QStringLiteral("cart");
    n1.operation = QStringLiteral("GET /cart/items");
    n1.impactMs = 132;
    n1.occurrences = 37;
    n1.exampleTraceIds = { QStringLiteral("ef"), QStringLiteral("01") };
    recommendations.setRecommendations({ n1 });
    QCOMPARE(recommendations.index(0).data(RecommendationModel::RuleTextRole).toString(), u"N+1 calls"_qs);
    QCOMPARE(recommendations.index(0).data(RecommendationModel::ImpactTextRole).toString(), u"saves ~132 ms per trace"_qs);
    QCOMPARE(recommendations.index(0).data(RecommendationModel::OccurrencesTextRole).toString(), u"in 37 trace(s)"_qs);
    QCOMPARE(recommendations.index(0).data(RecommendationModel::TraceIdRole).toString(), u"ef"_qs);
    QCOMPARE(RecommendationModel::ruleText(u"self_time"_qs), u"Uninstrumented time"_qs);
    QCOMPARE(RecommendationModel::ruleText(u"new_rule"_qs), u"new_rule"_qs);

    ErrorOriginModel origins;
    QAbstractItemModelTester originTester(&origins, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ErrorOrigin db;
    db.service = QStringLiteral("inventory-db");
    db.operation = QStringLiteral("UPDATE stock");
    db.type = QStringLiteral("DeadlockDetected");
    db.errors = 120;
    db.share = 0.9;
    db.exampleErrorIds = { QString(32, u'a') + QString(16, u'b') };
    db.affected = { { QStringLiteral("frontend"), 40, 0.8 }, { QStringLiteral("checkout"), 35, 0.87 } };
    origins.setOrigins({ db }, {});
    QCOMPARE(origins.index(0).data(ErrorOriginModel::SummaryTextRole).toString(),
        u"87 % of checkout errors start in inventory-db: DeadlockDetected"_qs);
    QCOMPARE(origins.index(0).data(ErrorOriginModel::CountTextRole).toString(), u"120 error(s)"_qs);
    QCOMPARE(origins.index(0).data(ErrorOriginModel::TraceIdRole).toString(), QString(32, u'a'));
    QCOMPARE(origins.index(0).data(ErrorOriginModel::SpanIdRole).toString(), QString(16, u'b'));
    // Filtered on a service: that service's share and count; a service it does not affect: no row.
    origins.setOrigins({ db }, u"frontend"_qs);
    QCOMPARE(origins.index(0).data(ErrorOriginModel::SummaryTextRole).toString(),
        u"80 % of frontend errors start in inventory-db: DeadlockDetected"_qs);
    QCOMPARE(origins.index(0).data(ErrorOriginModel::CountTextRole).toString(), u"40 error(s)"_qs);
    origins.setOrigins({ db }, u"cart"_qs);
    QCOMPARE(origins.rowCount(), 0);
}

// Bands on a chart's time axis: fractions of [from, to), clipped, at least a slot wide, by metric.
void TstUiModels::anomalyMarkers_data()
{
    QTest::addColumn<qint64>("fromMin"); // minutes after the axis' start
    QTest::addColumn<qint64>("toMin"); // -1: still open
    QTest::addColumn<int>("metric");
    QTest::addColumn<bool>("shown");
    QTest::addColumn<double>("start");
    QTest::addColumn<double>("end");
    QTest::newRow("inside") << qint64(15) << qint64(30) << int(AnomalyMetric::LatencyP95) << true << 0.25 << 0.5;
    QTest::newRow("p50 too") << qint64(15) << qint64(30) << int(AnomalyMetric::LatencyP50) << true << 0.25 << 0.5;
    QTest::newRow("open to the end") << qint64(54) << qint64(-1) << int(AnomalyMetric::LatencyP95) << true << 0.9 << 1.0;
    QTest::newRow("one slot at least") << qint64(30) << qint64(30) << int(AnomalyMetric::LatencyP95) << true << 0.5
                                       << 0.5 + 1.0 / 60;
    QTest::newRow("clipped at the start") << qint64(-10) << qint64(6) << int(AnomalyMetric::LatencyP95) << true << 0.0
                                          << 0.1;
    QTest::newRow("before the axis") << qint64(-20) << qint64(-5) << int(AnomalyMetric::LatencyP95) << false << 0.0
                                     << 0.0;
    QTest::newRow("after the axis") << qint64(60) << qint64(70) << int(AnomalyMetric::LatencyP95) << false << 0.0 << 0.0;
    QTest::newRow("another metric") << qint64(15) << qint64(30) << int(AnomalyMetric::ErrorRate) << false << 0.0 << 0.0;
}

void TstUiModels::anomalyMarkers()
{
    QFETCH(qint64, fromMin);
    QFETCH(qint64, toMin);
    QFETCH(int, metric);
    QFETCH(bool, shown);
    QFETCH(double, start);
    QFETCH(double, end);
    const qint64 minute = qint64(60) * 1000000000;
    const qint64 axisFrom = qint64(1699999200) * 1000000000;
    const Anomaly a = anomalyOf(QStringLiteral("m1"), AnomalyMetric(metric), axisFrom + fromMin * minute,
        toMin == -1 ? std::nullopt : std::optional<qint64>(axisFrom + toMin * minute), Severity::Medium);
    const QList<AnomalyMarkerRow> markers = AnomalyMarkerModel::markersOf(
        { a }, { AnomalyMetric::LatencyP95, AnomalyMetric::LatencyP50 }, axisFrom, axisFrom + 60 * minute, minute);
    QCOMPARE(markers.size(), shown ? 1 : 0);
    if (!shown)
        return;
    QCOMPARE(markers[0].startFraction, start);
    QVERIFY(qAbs(markers[0].endFraction - end) < 1e-12);
    QCOMPARE(markers[0].severityLevel, int(Severity::Medium));
    QVERIFY2(markers[0].text.contains(u"observed 412 ms, expected 180 ms"_qs), qPrintable(markers[0].text));
    AnomalyMarkerModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMarkers(markers);
    QCOMPARE(model.index(0).data(AnomalyMarkerModel::StartFractionRole).toDouble(), start);
    QCOMPARE(model.index(0).data(AnomalyMarkerModel::TextRole).toString(), markers[0].text);
}

QTEST_MAIN(TstUiModels)
#include "tst_uimodels.moc"
