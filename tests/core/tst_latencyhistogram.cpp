#include "core/latencyhistogram.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace spanlight;

class TestLatencyHistogram : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void accuracy_data();
    void accuracy();
    void mergeEqualsOneHistogram();
    void subtractUndoesMerge();
    void edgeCases();
    void serialization();
};

// Nearest-rank quantile of sorted exact values: what the histogram approximates.
static double exactQuantile(const std::vector<qint64> &sorted, double q)
{
    const qint64 rank = std::max<qint64>(1, qint64(std::ceil(q * double(sorted.size()))));
    return double(sorted[size_t(rank - 1)]);
}

void TestLatencyHistogram::accuracy_data()
{
    QTest::addColumn<int>("distribution");
    QTest::newRow("lognormal ms") << 0;
    QTest::newRow("uniform 1us-10s") << 1;
    QTest::newRow("bimodal") << 2;
}

void TestLatencyHistogram::accuracy()
{
    QFETCH(int, distribution);
    QRandomGenerator rng(1234 + distribution);
    std::vector<qint64> values;
    LatencyHistogram h;
    for (int i = 0; i < 50000; ++i) {
        qint64 v = 0;
        const double u = rng.generateDouble();
        const double u2 = rng.generateDouble();
        const double normal = std::sqrt(-2 * std::log(std::max(u, 1e-12))) * std::cos(2 * M_PI * u2);
        switch (distribution) {
        case 0: v = qint64(std::exp(std::log(20e6) + 0.8 * normal)); break; // around 20 ms
        case 1: v = qint64(1000 + u * 10e9); break;
        default: v = i % 10 == 0 ? qint64(2e9 + u * 1e9) : qint64(1e6 + u * 4e6); break;
        }
        values.push_back(v);
        h.record(v);
    }
    std::sort(values.begin(), values.end());
    QCOMPARE(h.count(), qint64(values.size()));
    for (double q : {0.01, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1.0}) {
        const double exact = exactQuantile(values, q);
        const double estimate = h.quantileNs(q);
        const double error = std::abs(estimate - exact) / exact;
        QVERIFY2(error <= LatencyHistogram::kRelativeAccuracy + 1e-9,
                 qPrintable(QStringLiteral("q=%1 exact=%2 estimate=%3 error=%4").arg(q).arg(exact).arg(estimate).arg(error)));
    }
}

void TestLatencyHistogram::mergeEqualsOneHistogram()
{
    QRandomGenerator rng(99);
    LatencyHistogram all, a, b;
    for (int i = 0; i < 10000; ++i) {
        const qint64 v = qint64(rng.bounded(1, 500000000));
        all.record(v);
        (i % 3 ? a : b).record(v);
    }
    a.merge(b);
    QCOMPARE(a, all);
    QCOMPARE(a.quantileNs(0.95), all.quantileNs(0.95));
}

void TestLatencyHistogram::subtractUndoesMerge()
{
    QRandomGenerator rng(7);
    LatencyHistogram kept, removed;
    for (int i = 0; i < 5000; ++i)
        (i % 4 ? kept : removed).record(qint64(rng.bounded(0, 900000000)));
    LatencyHistogram all = kept;
    all.merge(removed);
    all.subtract(removed);
    QCOMPARE(all, kept); // the same buckets and count: emptied buckets are gone, not zero
    // Taking away more than is there leaves nothing below zero.
    LatencyHistogram small;
    small.record(1000);
    LatencyHistogram big;
    big.record(1000, 5);
    big.record(5000000, 2);
    small.subtract(big);
    QVERIFY(small.isEmpty());
    QVERIFY(small.buckets().isEmpty());
}

void TestLatencyHistogram::edgeCases()
{
    LatencyHistogram h;
    QCOMPARE(h.quantileNs(0.5), 0.0);
    h.record(0, 3);
    QCOMPARE(h.quantileNs(0.5), 0.0);
    h.record(1000);
    QVERIFY(std::abs(h.quantileNs(1.0) - 1000) / 1000 <= 0.02);
    h.record(-5); // clock skew: counted as 0, never a crash
    QCOMPARE(h.count(), 5);
    h.record(std::numeric_limits<qint64>::max());
    QVERIFY(h.quantileNs(1.0) > 9e18);
}

void TestLatencyHistogram::serialization()
{
    LatencyHistogram h;
    for (qint64 v : {0LL, 1LL, 999LL, 1000000LL, 1000000LL, 3600000000000LL})
        h.record(v);
    const QByteArray text = h.serialize();
    QCOMPARE(LatencyHistogram::deserialize(text), h);
    QCOMPARE(LatencyHistogram::deserialize("garbage,3:x,-1:4,5:2").count(), 2);
    QVERIFY(LatencyHistogram::deserialize("").isEmpty());

    // Merging text adds to what is there, in whatever order the pairs come (the migration's
    // backfill joins them unordered), and skips only the malformed pairs.
    LatencyHistogram merged = h;
    merged.mergeSerialized("7:1,3:2");
    merged.mergeSerialized("3:1");
    QCOMPARE(merged.count(), h.count() + 4);
    QCOMPARE(merged.buckets().value(3), h.buckets().value(3) + 3);
    QCOMPARE(merged.buckets().value(7), h.buckets().value(7) + 1);
    LatencyHistogram reversed;
    QByteArrayList pairs = text.split(',');
    std::reverse(pairs.begin(), pairs.end());
    reversed.mergeSerialized(pairs.join(','));
    QCOMPARE(reversed, h);
    const QByteArray hostile[] = { "1:2:3", "4:0", ":5", "6:", "99999999999:1", "2:99999999999999999999", "8:1x",
        ",,,", "9:3 ", " 9:3" };
    for (const QByteArray &bad : hostile)
        QVERIFY2(LatencyHistogram::deserialize(bad).isEmpty(), bad.constData());
    QCOMPARE(LatencyHistogram::deserialize("1:2:3,4:5").count(), 5);
    // Counts that would overflow the total are refused, not wrapped.
    LatencyHistogram full = LatencyHistogram::deserialize("1:9223372036854775807");
    QCOMPARE(full.count(), std::numeric_limits<qint64>::max());
    full.mergeSerialized("2:1");
    QCOMPARE(full.count(), std::numeric_limits<qint64>::max());
}

QTEST_GUILESS_MAIN(TestLatencyHistogram)
#include "tst_latencyhistogram.moc"
