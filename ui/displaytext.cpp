#include "displaytext.h"

#include <QDateTime>
#include <QHostAddress>
#include <QLocale>
#include <QUrl>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>

namespace spanlight {

QString durationText(qint64 nanos)
{
    const bool negative = nanos < 0;
    const double n = negative ? -double(nanos) : double(nanos);
    QString text;
    if (n < 1e3)
        text = QString::number(qint64(n)) + QStringLiteral(" ns");
    else if (n < 1e6)
        text = QString::number(n / 1e3, 'f', n < 1e5 ? 1 : 0) + QStringLiteral(" µs");
    else if (n < 1e9)
        text = QString::number(n / 1e6, 'f', n < 1e8 ? 1 : 0) + QStringLiteral(" ms");
    else if (n < 60e9)
        text = QString::number(n / 1e9, 'f', 2) + QStringLiteral(" s");
    else {
        const qint64 seconds = qint64(n / 1e9);
        text = QStringLiteral("%1 min %2 s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    }
    return negative ? u'-' + text : text;
}

QString durationDeltaText(qint64 deltaNs, std::optional<double> percent)
{
    QString text = (deltaNs > 0 ? QStringLiteral("+") : QString()) + durationText(deltaNs);
    if (percent)
        text += QStringLiteral(" (%1%2 %)").arg(*percent > 0 ? QStringLiteral("+") : QString(),
                                                QString::number(*percent, 'f', 1));
    return text;
}

namespace {

// The smallest difference durationText() shows for a duration of `nanos` (>= 0).
qint64 durationTextResolution(qint64 nanos)
{
    if (nanos < 1000)
        return 1;
    if (nanos < 100000)
        return 100;
    if (nanos < 1000000)
        return 1000;
    if (nanos < 100000000)
        return 100000;
    if (nanos < 1000000000)
        return 1000000;
    if (nanos < 60000000000)
        return 10000000;
    return 1000000000;
}

} // namespace

QString tickText(qint64 offsetNs, qint64 stepNs)
{
    const qint64 offset = offsetNs < 0 ? -offsetNs : offsetNs;
    const qint64 resolution = durationTextResolution(offset);
    if (stepNs <= 0 || (stepNs % resolution == 0 && offset % resolution == 0))
        return durationText(offsetNs);
    const qint64 magnitude = std::max(offset, stepNs);
    struct Unit { qint64 nanos; const char16_t *name; };
    const Unit unit = magnitude < 1000 ? Unit{1, u" ns"}
        : magnitude < 1000000 ? Unit{1000, u" µs"}
        : magnitude < 1000000000 ? Unit{1000000, u" ms"}
        : Unit{1000000000, u" s"};
    int decimals = 0;
    for (qint64 scaled = stepNs % unit.nanos; scaled != 0 && decimals < 9; ++decimals)
        scaled = scaled * 10 % unit.nanos;
    return QString::number(double(offsetNs) / double(unit.nanos), 'f', decimals) + QString::fromUtf16(unit.name);
}

namespace {

std::atomic<DisplayTimeZone> g_displayTimeZone { DisplayTimeZone::Local };

qint64 floorMs(qint64 unixNanos)
{
    // Floor division, so that times before 1970 still land in the right millisecond.
    qint64 ms = unixNanos / 1000000;
    if (unixNanos % 1000000 < 0)
        --ms;
    return ms;
}

} // namespace

void setDisplayTimeZone(DisplayTimeZone zone)
{
    g_displayTimeZone.store(zone);
}

DisplayTimeZone displayTimeZone()
{
    return g_displayTimeZone.load();
}

QDateTime displayDateTime(qint64 unixNanos)
{
    const qint64 ms = floorMs(unixNanos);
    return displayTimeZone() == DisplayTimeZone::Utc ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC)
                                                     : QDateTime::fromMSecsSinceEpoch(ms);
}

qint64 displayUtcOffsetNs(qint64 unixNanos)
{
    return qint64(displayDateTime(unixNanos).offsetFromUtc()) * 1000000000;
}

std::optional<qint64> parseDisplayDateTime(const QString &text, const QString &format)
{
    return parseDisplayDateTime(text, format, displayTimeZone());
}

std::optional<qint64> parseDisplayDateTime(const QString &text, const QString &format, DisplayTimeZone zone)
{
    QDateTime at = QDateTime::fromString(text, format);
    if (!at.isValid())
        return std::nullopt;
    if (zone == DisplayTimeZone::Utc)
        at = QDateTime(at.date(), at.time(), Qt::UTC);
    return at.toMSecsSinceEpoch() * 1000000;
}

qint64 chartAxisMs(qint64 unixNanos)
{
    const qint64 ms = floorMs(unixNanos);
    if (displayTimeZone() == DisplayTimeZone::Local)
        return ms;
    // The UTC wall clock, read as a local one.
    const QDateTime utc = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    return QDateTime(utc.date(), utc.time()).toMSecsSinceEpoch();
}

QString clockTimeText(qint64 unixNanos)
{
    return displayDateTime(unixNanos).toString(QStringLiteral("HH:mm:ss.zzz"));
}

QString dateTimeText(qint64 unixNanos)
{
    return displayDateTime(unixNanos).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

static QDateTime localTime(qint64 unixNanos)
{
    return displayDateTime(unixNanos);
}

QString timestampText(qint64 unixNanos, qint64 nowUnixNanos)
{
    const QDateTime t = localTime(unixNanos);
    if (t.date() == localTime(nowUnixNanos).date())
        return t.toString(QStringLiteral("HH:mm:ss"));
    return t.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString windowRangeText(qint64 fromUnixNanos, qint64 toUnixNanos)
{
    const QDateTime from = localTime(fromUnixNanos);
    const QDateTime to = localTime(toUnixNanos);
    const QString time = QStringLiteral("HH:mm");
    if (from.date() == to.date())
        return from.toString(time) + QStringLiteral(" – ") + to.toString(time);
    const QString dated = QStringLiteral("yyyy-MM-dd HH:mm");
    return from.toString(dated) + QStringLiteral(" – ") + to.toString(dated);
}

QString countText(qint64 count)
{
    return QLocale().toString(count);
}

QString millisText(double ms)
{
    return durationText(qint64(std::llround(ms * 1e6)));
}

QString percentText(double fraction)
{
    const double percent = fraction * 100.0;
    if (percent == 0)
        return QLocale().toString(0) + QStringLiteral(" %");
    // Small rates keep a decimal so that 0.4 % does not read as 0 %.
    return QLocale().toString(percent, 'f', percent < 10 ? 1 : 0) + QStringLiteral(" %");
}

QString ratePerSecondText(double perSecond)
{
    if (perSecond == 0)
        return QLocale().toString(0) + QStringLiteral("/s");
    if (perSecond > 0 && perSecond < 0.01)
        return QStringLiteral("< ") + QLocale().toString(0.01, 'f', 2) + QStringLiteral("/s");
    const int decimals = perSecond < 1 ? 2 : perSecond < 10 ? 1 : 0;
    return QLocale().toString(perSecond, 'f', decimals) + QStringLiteral("/s");
}

QString listenerUrl(const QString &bindAddress, quint16 port, const QString &path)
{
    QHostAddress address(bindAddress);
    QString host = bindAddress;
    if (address == QHostAddress::AnyIPv4 || address == QHostAddress::Any)
        host = QStringLiteral("127.0.0.1");
    else if (address == QHostAddress::AnyIPv6)
        host = QStringLiteral("[::1]");
    else if (address.protocol() == QAbstractSocket::IPv6Protocol)
        host = u'[' + address.toString() + u']';
    return QStringLiteral("http://") + host + u':' + QString::number(port) + path;
}

QString storageDisplayUrl(const QString &databaseUrl)
{
    QUrl url(databaseUrl, QUrl::StrictMode);
    if (!url.isValid())
        return databaseUrl.section(u'@', -1);
    return url.toString(QUrl::RemovePassword);
}

QString otlpEndpointVariable(const QString &otlpHttpTracesUrl)
{
    QString base = otlpHttpTracesUrl;
    if (base.isEmpty())
        return {};
    const QString path = QStringLiteral("/v1/traces");
    if (base.endsWith(path))
        base.chop(path.size());
    return QStringLiteral("OTEL_EXPORTER_OTLP_ENDPOINT=") + base;
}

QColor serviceColor(const QString &serviceName)
{
    // Tableau-like colours that read on light and dark backgrounds; no red, which marks errors.
    static constexpr std::array<QRgb, 12> palette = {
        0xff4e79a7, 0xfff28e2b, 0xff59a14f, 0xffb07aa1, 0xff76b7b2, 0xffedc948,
        0xff9c755f, 0xffbab0ac, 0xff86bcb6, 0xff8cd17d, 0xffa0cbe8, 0xffd4a6c8,
    };
    // FNV-1a over UTF-8: the same name gets the same colour in every run and Qt version.
    quint32 hash = 2166136261u;
    const QByteArray bytes = serviceName.toUtf8();
    for (const char c : bytes) {
        hash ^= quint8(c);
        hash *= 16777619u;
    }
    return QColor::fromRgb(palette[hash % palette.size()]);
}

} // namespace spanlight
