#include "prometheustext.h"

#include "httptestclient.h"

#include <QSet>

#include <cmath>
#include <limits>
#include <optional>

namespace testsupport {

namespace {

bool isNameStart(char c, bool metric)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (metric && c == ':');
}

bool isNameChar(char c, bool metric)
{
    return isNameStart(c, metric) || (c >= '0' && c <= '9');
}

// Reads a metric (or label) name at `pos`; empty when there is none.
QByteArray readName(const QByteArray &line, qsizetype &pos, bool metric)
{
    const qsizetype start = pos;
    if (pos < line.size() && isNameStart(line[pos], metric))
        while (++pos < line.size() && isNameChar(line[pos], metric)) { }
    return line.mid(start, pos - start);
}

std::optional<double> parseValue(const QByteArray &text)
{
    if (text == "+Inf" || text == "Inf")
        return std::numeric_limits<double>::infinity();
    if (text == "-Inf")
        return -std::numeric_limits<double>::infinity();
    if (text == "NaN")
        return std::numeric_limits<double>::quiet_NaN();
    bool ok = false;
    const double v = text.toDouble(&ok);
    if (!ok || !std::isfinite(v))
        return std::nullopt;
    return v;
}

// `{a="x",b="y"}` at `pos` into `labels`; false with `why` when malformed.
bool readLabels(const QByteArray &line, qsizetype &pos, PrometheusText::Labels &labels, QString &why)
{
    ++pos; // '{'
    while (pos < line.size() && line[pos] != '}') {
        const QByteArray name = readName(line, pos, false);
        if (name.isEmpty() || pos + 1 >= line.size() || line[pos] != '=' || line[pos + 1] != '"') {
            why = QStringLiteral("bad label at column %1").arg(pos);
            return false;
        }
        pos += 2;
        QByteArray value;
        bool closed = false;
        while (pos < line.size() && !closed) {
            const char c = line[pos++];
            if (c == '"') {
                closed = true;
            } else if (c == '\\') {
                if (pos >= line.size()) {
                    break;
                }
                const char e = line[pos++];
                if (e == 'n')
                    value += '\n';
                else if (e == '\\' || e == '"')
                    value += e;
                else {
                    why = QStringLiteral("bad escape \\%1 in label %2")
                              .arg(QString(QLatin1Char(e)), QString::fromLatin1(name));
                    return false;
                }
            } else {
                value += c;
            }
        }
        if (!closed) {
            why = QStringLiteral("unterminated value of label %1").arg(QString::fromLatin1(name));
            return false;
        }
        if (labels.contains(name)) {
            why = QStringLiteral("label %1 given twice").arg(QString::fromLatin1(name));
            return false;
        }
        labels.insert(name, value);
        if (pos < line.size() && line[pos] == ',')
            ++pos;
        else if (pos >= line.size() || line[pos] != '}') {
            why = QStringLiteral("expected , or } at column %1").arg(pos);
            return false;
        }
    }
    if (pos >= line.size()) {
        why = QStringLiteral("unterminated label set");
        return false;
    }
    ++pos; // '}'
    return true;
}

QByteArray seriesKey(const QByteArray &name, const PrometheusText::Labels &labels)
{
    QByteArray key = name;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        key += '\x1f' + it.key() + '=' + it.value();
    return key;
}

// The family a sample belongs to: a histogram's _bucket, _sum and _count are its own.
QByteArray familyOf(const QByteArray &name, const QMap<QByteArray, QByteArray> &types)
{
    for (const char *suffix : { "_bucket", "_sum", "_count" }) {
        if (!name.endsWith(suffix))
            continue;
        const QByteArray base = name.chopped(qsizetype(qstrlen(suffix)));
        if (types.value(base) == "histogram")
            return base;
    }
    return name;
}

QString checkHistograms(const PrometheusText &text)
{
    struct Series
    {
        QList<QPair<double, double>> buckets; // le, cumulative count, as written
        std::optional<double> sum;
        std::optional<double> count;
    };
    QMap<QByteArray, Series> all; // family + labels without le
    for (const PrometheusText::Sample &s : text.samples) {
        const QByteArray family = familyOf(s.name, text.types);
        if (text.types.value(family) != "histogram")
            continue;
        PrometheusText::Labels labels = s.labels;
        const QByteArray le = labels.take("le");
        Series &series = all[seriesKey(family, labels)];
        if (s.name == family + "_bucket") {
            const auto bound = parseValue(le);
            if (!bound)
                return QStringLiteral("%1 has a bucket without a numeric le")
                    .arg(QString::fromLatin1(family));
            series.buckets.append({ *bound, s.value });
        } else if (s.name == family + "_sum") {
            series.sum = s.value;
        } else if (s.name == family + "_count") {
            series.count = s.value;
        } else {
            return QStringLiteral("%1 is not a sample name of histogram %2")
                .arg(QString::fromLatin1(s.name), QString::fromLatin1(family));
        }
    }
    for (auto it = all.cbegin(); it != all.cend(); ++it) {
        const QString name = QString::fromLatin1(it.key()).replace(u'\x1f', u' ');
        const Series &s = it.value();
        if (s.buckets.isEmpty() || !std::isinf(s.buckets.last().first))
            return QStringLiteral("histogram %1 does not end with le=\"+Inf\"").arg(name);
        for (qsizetype i = 1; i < s.buckets.size(); ++i) {
            if (!(s.buckets[i].first > s.buckets[i - 1].first))
                return QStringLiteral("histogram %1: le not ascending at bucket %2").arg(name).arg(i);
            if (s.buckets[i].second < s.buckets[i - 1].second)
                return QStringLiteral("histogram %1: bucket %2 is below the one before (not cumulative)")
                    .arg(name)
                    .arg(i);
        }
        if (!s.count || !s.sum)
            return QStringLiteral("histogram %1 lacks _sum or _count").arg(name);
        if (*s.count != s.buckets.last().second)
            return QStringLiteral("histogram %1: +Inf bucket %2 != _count %3")
                .arg(name)
                .arg(s.buckets.last().second)
                .arg(*s.count);
    }
    return {};
}

} // namespace

PrometheusText parsePrometheusText(const QByteArray &text)
{
    PrometheusText out;
    QSet<QByteArray> seen;
    QSet<QByteArray> familiesWithSamples;
    const QList<QByteArray> lines = text.split('\n');
    for (qsizetype n = 0; n < lines.size() && out.ok(); ++n) {
        const QByteArray &line = lines[n];
        auto fail = [&](const QString &why) {
            out.error
                = QStringLiteral("line %1: %2: %3").arg(n + 1).arg(why, QString::fromUtf8(line.left(120)));
        };
        if (line.isEmpty())
            continue;
        if (line.startsWith('#')) {
            const QList<QByteArray> words = line.split(' ');
            if (words.size() >= 3 && (words[1] == "HELP" || words[1] == "TYPE")) {
                qsizetype pos = 0;
                const QByteArray name = readName(words[2], pos, true);
                if (name.isEmpty() || pos != words[2].size()) {
                    fail(QStringLiteral("bad metric name"));
                    continue;
                }
                if (words[1] == "TYPE") {
                    static const QSet<QByteArray> kTypes
                        = { "counter", "gauge", "histogram", "summary", "untyped" };
                    if (words.size() != 4 || !kTypes.contains(words[3])) {
                        fail(QStringLiteral("bad TYPE line"));
                        continue;
                    }
                    if (++out.typeLines[name] > 1) {
                        fail(QStringLiteral("second TYPE line for %1").arg(QString::fromLatin1(name)));
                        continue;
                    }
                    if (familiesWithSamples.contains(name)) {
                        fail(QStringLiteral("TYPE after samples of %1").arg(QString::fromLatin1(name)));
                        continue;
                    }
                    out.types.insert(name, words[3]);
                }
            }
            continue; // other comments are allowed
        }
        PrometheusText::Sample sample;
        qsizetype pos = 0;
        sample.name = readName(line, pos, true);
        if (sample.name.isEmpty()) {
            fail(QStringLiteral("no metric name"));
            continue;
        }
        QString why;
        if (pos < line.size() && line[pos] == '{' && !readLabels(line, pos, sample.labels, why)) {
            fail(why);
            continue;
        }
        if (pos >= line.size() || line[pos] != ' ') {
            fail(QStringLiteral("expected a space before the value"));
            continue;
        }
        const QList<QByteArray> rest = line.mid(pos + 1).split(' ');
        const auto value = rest.isEmpty() ? std::nullopt : parseValue(rest.first());
        bool timestampOk = rest.size() == 1;
        if (rest.size() == 2)
            rest[1].toLongLong(&timestampOk);
        if (!value || !timestampOk) {
            fail(QStringLiteral("bad value"));
            continue;
        }
        sample.value = *value;
        const QByteArray family = familyOf(sample.name, out.types);
        if (!out.types.contains(family)) {
            fail(QStringLiteral("sample without a TYPE line for its family"));
            continue;
        }
        familiesWithSamples.insert(family);
        const QByteArray key = seriesKey(sample.name, sample.labels);
        if (seen.contains(key)) {
            fail(QStringLiteral("duplicate series"));
            continue;
        }
        seen.insert(key);
        out.samples.append(sample);
    }
    if (out.ok())
        out.error = checkHistograms(out);
    return out;
}

double PrometheusText::value(const QByteArray &name, const Labels &labels) const
{
    for (const Sample &s : samples)
        if (s.name == name && s.labels == labels)
            return s.value;
    return -1;
}

QList<PrometheusText::Sample> PrometheusText::series(const QByteArray &name) const
{
    QList<Sample> out;
    for (const Sample &s : samples)
        if (s.name == name)
            out.append(s);
    return out;
}

PrometheusText scrapeMetrics(QNetworkAccessManager &nam, quint16 apiPort, const QByteArray &token)
{
    const Reply r = request(nam, "GET", apiPort, QStringLiteral("/metrics"), {},
        { { "Authorization", QByteArray("Bearer ") + token } });
    PrometheusText text = parsePrometheusText(r.body);
    if (r.status != 200)
        text.error = QStringLiteral("GET /metrics answered %1").arg(r.status);
    else if (!r.contentType.startsWith("text/plain"))
        text.error
            = QStringLiteral("GET /metrics is %1, not text/plain").arg(QString::fromLatin1(r.contentType));
    return text;
}

QString firstDecrease(const PrometheusText &before, const PrometheusText &after)
{
    for (const PrometheusText::Sample &s : before.samples) {
        const QByteArray type = before.types.value(familyOf(s.name, before.types));
        if (type != "counter" && type != "histogram")
            continue;
        const double later = after.value(s.name, s.labels);
        if (later < s.value) { // value() is -1 for a missing series
            QStringList labels;
            for (auto it = s.labels.cbegin(); it != s.labels.cend(); ++it)
                labels.append(QString::fromUtf8(it.key()) + u'=' + QString::fromUtf8(it.value()));
            return QStringLiteral("%1{%2} went from %3 to %4")
                .arg(QString::fromLatin1(s.name), labels.join(u','))
                .arg(s.value)
                .arg(later);
        }
    }
    return {};
}

} // namespace testsupport
