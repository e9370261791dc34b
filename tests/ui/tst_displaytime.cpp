// The console's one switch between local time and UTC (Settings): the shared formatter in
// displaytext.h, the setting kept in the settings file, and a page's texts following a switch.
// The test runs in Asia/Tokyo (UTC+9, no daylight saving), so the two zones always differ.
#include "consolecontroller.h"
#include "displaytext.h"
#include "fakesource.h"
#include "tracespage.h"

#include "core/ids.h"

#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <ctime>

using namespace spanlight;
using namespace spanlight::test;

namespace {

// 2023-11-14T22:13:20.123Z, which is 2023-11-15 07:13:20.123 in Tokyo.
constexpr qint64 kAt = 1'700'000'000'123'000'000;
constexpr qint64 kHourNs = qint64(3600) * 1000000000;

} // namespace

class TstDisplayTime : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void formatsInTheChosenZone();
    void parsesInTheChosenZone();
    void chartAxisReadsAsTheChosenZone();
    void settingIsKept();
    void traceListFollowsTheSwitch();
};

void TstDisplayTime::initTestCase()
{
    // Before anything asks for the local zone (ctest sets TZ too).
    qputenv("TZ", "Asia/Tokyo");
    tzset();
    QCOMPARE(QDateTime::fromMSecsSinceEpoch(kAt / 1000000).offsetFromUtc(), 9 * 3600);
}

void TstDisplayTime::init()
{
    setDisplayTimeZone(DisplayTimeZone::Local);
}

void TstDisplayTime::formatsInTheChosenZone()
{
    QCOMPARE(clockTimeText(kAt), u"07:13:20.123"_qs);
    QCOMPARE(displayUtcOffsetNs(kAt), 9 * kHourNs);
    // The same local day (07:13 in Tokyo) or, for UTC, still the day before.
    QCOMPARE(timestampText(kAt, kAt + kHourNs), u"07:13:20"_qs);
    QCOMPARE(timestampText(kAt - 8 * kHourNs, kAt), u"2023-11-14 23:13"_qs);
    QCOMPARE(windowRangeText(kAt - kHourNs, kAt), u"06:13 – 07:13"_qs);
    QCOMPARE(windowRangeText(kAt - 8 * kHourNs, kAt), u"2023-11-14 23:13 – 2023-11-15 07:13"_qs);

    setDisplayTimeZone(DisplayTimeZone::Utc);
    QCOMPARE(displayTimeZone(), DisplayTimeZone::Utc);
    QCOMPARE(clockTimeText(kAt), u"22:13:20.123"_qs);
    QCOMPARE(displayUtcOffsetNs(kAt), 0);
    QCOMPARE(displayDateTime(kAt).toString(Qt::ISODateWithMs), u"2023-11-14T22:13:20.123Z"_qs);
    QCOMPARE(timestampText(kAt, kAt + kHourNs), u"22:13:20"_qs);
    QCOMPARE(timestampText(kAt, kAt + 2 * kHourNs), u"2023-11-14 22:13"_qs); // past midnight UTC
    QCOMPARE(windowRangeText(kAt - kHourNs, kAt), u"21:13 – 22:13"_qs);
    QCOMPARE(windowRangeText(kAt - 8 * kHourNs, kAt), u"14:13 – 22:13"_qs); // one UTC day
}

void TstDisplayTime::parsesInTheChosenZone()
{
    const QString format = u"yyyy-MM-dd HH:mm"_qs;
    const qint64 utcMinute = 1'700'000'000'000'000'000 - 20 * qint64(1000000000); // 22:13:00Z
    QCOMPARE(parseDisplayDateTime(u"2023-11-15 07:13"_qs, format), std::optional<qint64>(utcMinute));
    QVERIFY(!parseDisplayDateTime(u"yesterday"_qs, format));
    setDisplayTimeZone(DisplayTimeZone::Utc);
    QCOMPARE(parseDisplayDateTime(u"2023-11-14 22:13"_qs, format), std::optional<qint64>(utcMinute));
    // What is shown parses back to the same minute.
    QCOMPARE(parseDisplayDateTime(displayDateTime(utcMinute).toString(format), format),
        std::optional<qint64>(utcMinute));
}

void TstDisplayTime::chartAxisReadsAsTheChosenZone()
{
    // Qt Charts draws the axis in local time; in UTC mode the instants are moved so that the
    // local reading is the UTC wall clock.
    QCOMPARE(chartAxisMs(kAt), kAt / 1000000);
    setDisplayTimeZone(DisplayTimeZone::Utc);
    const QDateTime drawn = QDateTime::fromMSecsSinceEpoch(chartAxisMs(kAt)); // local, as the axis
    QCOMPARE(drawn.toString(u"yyyy-MM-dd HH:mm:ss.zzz"_qs), u"2023-11-14 22:13:20.123"_qs);
}

void TstDisplayTime::settingIsKept()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(u"spanlight.conf"_qs);
    {
        ConsoleSettings settings;
        settings.setSettingsFile(file);
        QCOMPARE(settings.timeZone(), int(ConsoleSettings::LocalTime));
        QCOMPARE(settings.timeZoneLabels(), QStringList({ u"Local time (JST)"_qs, u"UTC"_qs }));
        QSignalSpy changed(&settings, &ConsoleSettings::timeZoneChanged);
        settings.setTimeZone(ConsoleSettings::Utc);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(displayTimeZone(), DisplayTimeZone::Utc);
        settings.setTimeZone(ConsoleSettings::Utc);
        settings.setTimeZone(7); // not a zone: ignored
        QCOMPARE(changed.size(), 1);
    }
    QCOMPARE(QSettings(file, QSettings::IniFormat).value(u"console/time_zone"_qs).toString(), u"utc"_qs);
    {
        setDisplayTimeZone(DisplayTimeZone::Local);
        ConsoleSettings next; // the next start: its settings file says UTC
        next.setSettingsFile(file);
        QCOMPARE(next.timeZone(), int(ConsoleSettings::Utc));
        QCOMPARE(displayTimeZone(), DisplayTimeZone::Utc);
        next.setTimeZone(ConsoleSettings::LocalTime);
    }
    QCOMPARE(QSettings(file, QSettings::IniFormat).value(u"console/time_zone"_qs).toString(), u"local"_qs);
    {
        setDisplayTimeZone(DisplayTimeZone::Utc);
        ConsoleSettings fresh; // a settings file without the key: local time
        QCOMPARE(fresh.timeZone(), int(ConsoleSettings::Utc)); // until then it shows the switch
        fresh.setSettingsFile(dir.filePath(u"other.conf"_qs));
        QCOMPARE(fresh.timeZone(), int(ConsoleSettings::LocalTime));
        QCOMPARE(displayTimeZone(), DisplayTimeZone::Local);
    }
}

void TstDisplayTime::traceListFollowsTheSwitch()
{
    auto source = std::make_shared<FakeSource>();
    source->put(sampleTraceNumber(1)); // starts at 1'700'000'001'000'000'000 (22:13:21Z)
    ConsoleController c;
    c.setRefreshIntervalMs(0);
    c.setCurrentPage(ConsoleController::Traces);
    QSignalSpy listApplied(&c, &ConsoleController::traceListApplied);
    c.setSource(source);
    QTRY_COMPARE(listApplied.size(), 1);
    const auto startText
        = [&c] { return c.traces()->data(c.traces()->index(0), TraceListModel::StartTextRole).toString(); };
    QCOMPARE(startText(), u"07:13:21.000"_qs);
    // The open trace's header and span details say the date too.
    QSignalSpy traceApplied(&c, &ConsoleController::traceApplied);
    c.openTraceId(idToHex(traceIdOf(1)));
    QTRY_COMPARE(traceApplied.size(), 1);
    QCOMPARE(c.waterfall()->startText(), u"2023-11-15 07:13:21.000"_qs);
    QCOMPARE(c.spanDetails()->startTimeText(), u"2023-11-15 07:13:21.000"_qs);
    // A custom range typed in local time.
    TracesPage *traces = c.tracesPage();
    traces->setCustomRange(true);
    traces->setCustomFrom(u"2023-11-15 07:13"_qs);
    traces->setCustomTo(u"2023-11-15 08:00:05"_qs);

    QSignalSpy rowChanged(c.traces(), &QAbstractItemModel::dataChanged);
    const qsizetype listsBefore = listApplied.size();
    const qsizetype tracesBefore = traceApplied.size();
    c.settings()->setTimeZone(ConsoleSettings::Utc);
    QTRY_VERIFY(listApplied.size() > listsBefore);
    QCOMPARE(startText(), u"22:13:21.000"_qs);
    QVERIFY(rowChanged.size() >= 1); // the same row, its text changed: views keep their item
    QCOMPARE(c.traces()->rowCount(), 1);
    QTRY_VERIFY(traceApplied.size() > tracesBefore);
    QCOMPARE(c.waterfall()->startText(), u"2023-11-14 22:13:21.000"_qs);
    QCOMPARE(c.spanDetails()->startTimeText(), u"2023-11-14 22:13:21.000"_qs);
    // The same instants, now in UTC.
    QCOMPARE(traces->customFrom(), u"2023-11-14 22:13"_qs);
    QCOMPARE(traces->customTo(), u"2023-11-14 23:00:05"_qs);
}

QTEST_MAIN(TstDisplayTime)
#include "tst_displaytime.moc"
