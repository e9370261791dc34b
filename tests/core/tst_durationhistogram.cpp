#include "core/durationhistogram.h"

#include "prometheustext.h"

#include <QTest>

#include <thread>
#include <vector>

using namespace spanlight;

class TestDurationHistogram : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void bucketAtBoundaries_data();
    void bucketAtBoundaries();
    void rendersCumulativeBuckets();
    void familyWithSeveralSeries();
    void labelValuesAreEscaped();
    void concurrentRecordingIsExact();
    void checkerRefusesBrokenText_data();
    void checkerRefusesBrokenText();
};

void TestDurationHistogram::bucketAtBoundaries_data()
{
    QTest::addColumn<qint64>("durationNs");
    QTest::addColumn<int>("bucket");
    QTest::newRow("negative") << qint64(-5) << 0;
    QTest::newRow("zero") << qint64(0) << 0;
    QTest::newRow("1 ms exactly") << qint64(1'000'000) << 0; // le is "less or equal"
    QTest::newRow("1 ms + 1 ns") << qint64(1'000'001) << 1;
    QTest::newRow("2.5 ms exactly") << qint64(2'500'000) << 1;
    QTest::newRow("2.5 ms + 1 ns") << qint64(2'500'001) << 2;
    QTest::newRow("1 s exactly") << qint64(1'000'000'000) << 9;
    QTest::newRow("10 s exactly") << qint64(10'000'000'000) << 12;
    QTest::newRow("10 s + 1 ns") << qint64(10'000'000'001) << 13; // +Inf
    QTest::newRow("an hour") << qint64(3'600'000'000'000) << 13;
}

void TestDurationHistogram::bucketAtBoundaries()
{
    QFETCH(qint64, durationNs);
    QFETCH(int, bucket);
    QCOMPARE(DurationHistogram::bucketOf(durationNs), bucket);
    DurationHistogram h;
    h.record(durationNs);
    const DurationHistogram::Snapshot s = h.snapshot();
    QCOMPARE(s.count, 1);
    for (int i = 0; i < DurationHistogram::kBucketCount; ++i)
        QCOMPARE(s.buckets[size_t(i)], i == bucket ? 1 : 0);
    QCOMPARE(s.sumNs, std::max<qint64>(durationNs, 0));
}

void TestDurationHistogram::rendersCumulativeBuckets()
{
    DurationHistogram h;
    h.record(500'000); // 0.0005 s  -> le 0.001
    h.record(1'000'000); // 0.001 s -> le 0.001
    h.record(30'000'000); // 0.03 s -> le 0.05
    h.record(2'000'000'000); // 2 s -> le 2.5
    h.record(20'000'000'000); // 20 s -> +Inf
    const QByteArray text
        = prometheusHistogram("t_seconds", "A test.", { { { { "protocol", "zipkin" } }, &h } });
    const QByteArray expected = "# HELP t_seconds A test.\n"
                                "# TYPE t_seconds histogram\n"
                                "t_seconds_bucket{protocol=\"zipkin\",le=\"0.001\"} 2\n"
                                "t_seconds_bucket{protocol=\"zipkin\",le=\"0.0025\"} 2\n"
                                "t_seconds_bucket{protocol=\"zipkin\",le=\"0.005\"} 2\n"
                                "t_seconds_bucket{protocol=\"zipkin\",le=\"0.01\"} 2\n"
                                "t_seconds_bucket{protocol=\"zipkin\",le=\"0.025\"} 2\n"
                                "t_seconds_bucket{protocol=\"zipkin\",le=\"0.05\"} 3\n"
                                "t_seconds_bucket{protocol=\"zipkin\",le=\"0.1\"} 3\n"
                                "t_seconds_bucket{protocol=\"zipkin\",le=\"0.25\"} 3\n"
                                "t_seconds_bucket{protocol=\"zipkin\",le=\"0.5\"} 3\n"
                                "t_seconds_bucket{protocol=\"zipkin\",le=\"1\"} 3\n"
                                "t_seconds_bucket{protocol=\"zipkin\",le=\"2.5\"} 4\n"
                                "t_seconds_bucket{protocol=\"zipkin\",le=\"5\"} 4\n"
                                "t_seconds_bucket{protocol=\"zipkin\",le=\"10\"} 4\n"
                                "t_seconds_bucket{protocol=\"zipkin\",le=\"+Inf\"} 5\n"
                                "t_seconds_sum{protocol=\"zipkin\"} 22.0315\n"
                                "t_seconds_count{protocol=\"zipkin\"} 5\n";
    QCOMPARE(text, expected);
    const testsupport::PrometheusText parsed = testsupport::parsePrometheusText(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
}

void TestDurationHistogram::familyWithSeveralSeries()
{
    DurationHistogram a, b, empty;
    a.record(3'000'000);
    b.record(300'000'000);
    b.record(400'000'000);
    const QByteArray text = prometheusHistogram("t_seconds", "Two routes.",
        { { { { "route", "/a" } }, &a }, { { { "route", "/b/{id}" } }, &b },
            { { { "route", "unmatched" } }, &empty } });
    QCOMPARE(text.count("# TYPE t_seconds histogram\n"), 1);
    QCOMPARE(text.count("# TYPE"), 1);
    QCOMPARE(text.count("# HELP"), 1);
    const testsupport::PrometheusText parsed = testsupport::parsePrometheusText(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    QCOMPARE(parsed.types.value("t_seconds"), QByteArray("histogram"));
    QCOMPARE(parsed.value("t_seconds_count", { { "route", "/a" } }), 1.0);
    QCOMPARE(parsed.value("t_seconds_count", { { "route", "/b/{id}" } }), 2.0);
    QCOMPARE(parsed.value("t_seconds_bucket", { { "route", "/b/{id}" }, { "le", "0.25" } }), 0.0);
    QCOMPARE(parsed.value("t_seconds_bucket", { { "route", "/b/{id}" }, { "le", "0.5" } }), 2.0);
    QCOMPARE(parsed.value("t_seconds_sum", { { "route", "/b/{id}" } }), 0.7);
    QCOMPARE(parsed.value("t_seconds_count", { { "route", "unmatched" } }), 0.0);
    QCOMPARE(parsed.value("t_seconds_bucket", { { "route", "unmatched" }, { "le", "+Inf" } }), 0.0);
    QCOMPARE(parsed.series("t_seconds_bucket").size(), 3 * DurationHistogram::kBucketCount);
}

void TestDurationHistogram::labelValuesAreEscaped()
{
    QCOMPARE(prometheusLabelSet({}), QByteArray());
    QCOMPARE(prometheusLabelSet({ { "a", "x" }, { "b", "y" } }), QByteArray("{a=\"x\",b=\"y\"}"));
    QCOMPARE(prometheusLabelSet({ { "path", "C:\\dir \"q\"\nnext" } }),
        QByteArray("{path=\"C:\\\\dir \\\"q\\\"\\nnext\"}"));
    // ... and the escaped value reads back as it was.
    DurationHistogram h;
    const QByteArray text
        = prometheusHistogram("t_seconds", "Escapes.", { { { { "path", "C:\\dir \"q\"\nnext" } }, &h } });
    const testsupport::PrometheusText parsed = testsupport::parsePrometheusText(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    QCOMPARE(parsed.value("t_seconds_count", { { "path", "C:\\dir \"q\"\nnext" } }), 0.0);
}

void TestDurationHistogram::concurrentRecordingIsExact()
{
    // Several threads record at once, one of them rendering meanwhile: no count is lost, and
    // every rendering in between is valid (cumulative, +Inf equal to _count).
    constexpr int kThreads = 6;
    constexpr int kPerThread = 50'000;
    DurationHistogram h;
    std::atomic<bool> done = false;
    QString renderError;
    std::thread reader([&] {
        while (!done.load() && renderError.isEmpty()) {
            const auto parsed
                = testsupport::parsePrometheusText(prometheusHistogram("t_seconds", "Live.", { { {}, &h } }));
            if (!parsed.ok())
                renderError = parsed.error;
        }
    });
    std::vector<std::thread> writers;
    for (int t = 0; t < kThreads; ++t)
        writers.emplace_back([&h, t] {
            for (int i = 0; i < kPerThread; ++i)
                // Thread t cycles through the buckets starting at its own; every value is a bound.
                h.record(DurationHistogram::kBoundsNs[size_t((t + i) % DurationHistogram::kBoundsNs.size())]);
        });
    for (std::thread &w : writers)
        w.join();
    done = true;
    reader.join();
    QVERIFY2(renderError.isEmpty(), qPrintable(renderError));

    const DurationHistogram::Snapshot s = h.snapshot();
    QCOMPARE(s.count, qint64(kThreads) * kPerThread);
    std::array<qint64, DurationHistogram::kBucketCount> expected = {};
    qint64 expectedSum = 0;
    for (int t = 0; t < kThreads; ++t)
        for (int i = 0; i < kPerThread; ++i) {
            const size_t b = size_t((t + i) % DurationHistogram::kBoundsNs.size());
            ++expected[b];
            expectedSum += DurationHistogram::kBoundsNs[b];
        }
    for (int i = 0; i < DurationHistogram::kBucketCount; ++i)
        QCOMPARE(s.buckets[size_t(i)], expected[size_t(i)]);
    QCOMPARE(s.sumNs, expectedSum);
}

// The reader the suites check /metrics with must itself catch what it claims to.
void TestDurationHistogram::checkerRefusesBrokenText_data()
{
    QTest::addColumn<QByteArray>("text");
    const QByteArray type = "# TYPE h histogram\n";
    QTest::newRow("not cumulative") << type
            + "h_bucket{le=\"1\"} 3\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 2\n";
    QTest::newRow("no +Inf") << type + "h_bucket{le=\"1\"} 2\nh_sum 1\nh_count 2\n";
    QTest::newRow("+Inf != count") << type + "h_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3\n";
    QTest::newRow("le descending") << type
            + "h_bucket{le=\"2\"} 1\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n";
    QTest::newRow("no _sum") << type + "h_bucket{le=\"+Inf\"} 0\nh_count 0\n";
    QTest::newRow("typed twice") << type + type + "h_bucket{le=\"+Inf\"} 0\nh_sum 0\nh_count 0\n";
    QTest::newRow("no TYPE") << QByteArray("c_total 1\n");
    QTest::newRow("bad value") << QByteArray("# TYPE c counter\nc one\n");
    QTest::newRow("unquoted label") << QByteArray("# TYPE c counter\nc{a=b} 1\n");
    QTest::newRow("duplicate series") << QByteArray("# TYPE c counter\nc{a=\"b\"} 1\nc{a=\"b\"} 2\n");
}

void TestDurationHistogram::checkerRefusesBrokenText()
{
    QFETCH(QByteArray, text);
    QVERIFY(!testsupport::parsePrometheusText(text).ok());
}

QTEST_GUILESS_MAIN(TestDurationHistogram)
#include "tst_durationhistogram.moc"
