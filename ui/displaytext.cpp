#include "displaytext.h"

#include <QDateTime>
#include <QHostAddress>
#include <QUrl>

#include <array>

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

QString clockTimeText(qint64 unixNanos)
{
    // Floor division, so that times before 1970 still land in the right millisecond.
    qint64 ms = unixNanos / 1000000;
    if (unixNanos % 1000000 < 0)
        --ms;
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss.zzz"));
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
