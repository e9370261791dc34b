#pragma once

#include <QColor>
#include <QString>

namespace spanlight {

// Display strings shared by the console's models, so that QML only lays them out.

// A duration for people: "850 ns", "12.3 µs", "12.3 ms", "1.20 s", "2 min 05 s".
QString durationText(qint64 nanos);

// A wall-clock time of day in local time with milliseconds: "14:03:21.123".
QString clockTimeText(qint64 unixNanos);

// A time of day, or a date and time when it is not on the same local day as `nowUnixNanos`:
// "14:03:21" or "2023-11-14 14:03".
QString timestampText(qint64 unixNanos, qint64 nowUnixNanos);

// A window of whole minutes, local time: "14:03 – 15:03", with dates when it spans days.
QString windowRangeText(qint64 fromUnixNanos, qint64 toUnixNanos);

// Figures of the analysis pages, in the user's locale.
QString countText(qint64 count); // "12,345"
QString millisText(double ms); // a duration given in milliseconds, as durationText()
QString percentText(double fraction); // 0.0234 -> "2.3 %", 0 -> "0 %"
QString ratePerSecondText(double perSecond); // "0.14/s", "3.2/s", "1,204/s", "< 0.01/s"

// The URL a client on this machine uses for a listener: a wildcard bind address becomes
// loopback, IPv6 addresses get brackets. `path` starts with '/' or is empty.
QString listenerUrl(const QString &bindAddress, quint16 port, const QString &path = {});

// A storage URL without its password, for the status bar.
QString storageDisplayUrl(const QString &databaseUrl);
// "OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318" for the OTLP/HTTP traces URL (SDKs add
// /v1/traces themselves); empty without one.
QString otlpEndpointVariable(const QString &otlpHttpTracesUrl);

// A colour per service that stays the same across traces and runs (a palette slot chosen
// by a fixed hash of the name, not by order of appearance or Qt's seeded qHash).
QColor serviceColor(const QString &serviceName);

} // namespace spanlight
