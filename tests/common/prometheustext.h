#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

class QNetworkAccessManager;

// A strict reader of the Prometheus text format (0.0.4) as /metrics writes it, written from the
// format's description and independent of the server's renderer, so suites can check that the
// output parses and read values back.
namespace testsupport {

struct PrometheusText
{
    using Labels = QMap<QByteArray, QByteArray>; // unescaped values

    struct Sample
    {
        QByteArray name;
        Labels labels;
        double value = 0;
    };

    QList<Sample> samples; // in the order written
    QMap<QByteArray, QByteArray> types; // family -> counter, gauge, histogram, ...
    QMap<QByteArray, int> typeLines; // family -> how many # TYPE lines named it
    // The first problem found, empty when the text is valid: a malformed line, a sample before
    // or without its family's # TYPE, a family typed twice, a duplicate series, or a histogram
    // whose buckets are not ascending, not cumulative, lack +Inf or disagree with _count.
    QString error;

    bool ok() const { return error.isEmpty(); }
    // The value of the series with exactly these labels; -1 when there is none.
    double value(const QByteArray &name, const Labels &labels = {}) const;
    // Every series of `name`, for sums over a label.
    QList<Sample> series(const QByteArray &name) const;
};

PrometheusText parsePrometheusText(const QByteArray &text);

// GET /metrics with the bearer token, parsed; `error` also says when the answer was not a 200.
PrometheusText scrapeMetrics(QNetworkAccessManager &nam, quint16 apiPort, const QByteArray &token);

// The first counter or histogram series of `before` that is missing from `after` or smaller
// there (counters only grow); empty when there is none.
QString firstDecrease(const PrometheusText &before, const PrometheusText &after);

} // namespace testsupport
