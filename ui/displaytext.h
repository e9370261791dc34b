#pragma once

#include <QColor>
#include <QDateTime>
#include <QString>

#include <optional>

namespace spanlight {

// Display strings shared by the console's models, so that QML only lays them out.

// Whether absolute times read in the local time zone or in UTC: one switch for the whole
// console (ConsoleSettings sets it from the Settings page). Every absolute time the console
// shows or parses goes through displayDateTime() / parseDisplayDateTime(), so that trace
// lists, errors, time ranges, the scatter and the charts agree. Safe to read from any thread.
enum class DisplayTimeZone { Local, Utc };
void setDisplayTimeZone(DisplayTimeZone zone);
DisplayTimeZone displayTimeZone();

// The instant (nanoseconds, floored to the millisecond) in the display time zone.
QDateTime displayDateTime(qint64 unixNanos);
// The display zone's offset from UTC at that instant, in nanoseconds (0 for UTC).
qint64 displayUtcOffsetNs(qint64 unixNanos);
// `text` in `format` as a wall-clock time of the display zone; nullopt when it does not parse.
std::optional<qint64> parseDisplayDateTime(const QString &text, const QString &format);
std::optional<qint64> parseDisplayDateTime(const QString &text, const QString &format, DisplayTimeZone zone);
// For Qt Charts' DateTimeAxis, which always draws in local time: milliseconds since the epoch
// of the instant whose local wall clock reads as `unixNanos` does in the display zone.
qint64 chartAxisMs(qint64 unixNanos);

// A duration for people: "850 ns", "12.3 µs", "12.3 ms", "1.20 s", "2 min 05 s".
QString durationText(qint64 nanos);
// The label of a time ruler's mark `offsetNs` when marks are `stepNs` apart: durationText() when
// it tells neighbouring marks apart, else the offset in its own unit with as many decimals as the
// step needs ("1.234566 s" every 2 µs), so a zoomed-in ruler never repeats a label.
QString tickText(qint64 offsetNs, qint64 stepNs);
// "+12.0 ms (+40.0 %)", "-3.0 ms": a signed change of a duration and, when given, its percentage.
QString durationDeltaText(qint64 deltaNs, std::optional<double> percent = std::nullopt);

// A wall-clock time of day with milliseconds: "14:03:21.123". This and the next two are in
// the display time zone.
QString clockTimeText(qint64 unixNanos);

// A full date and time with milliseconds: "2023-11-14 22:13:20.123".
QString dateTimeText(qint64 unixNanos);

// A time of day, or a date and time when it is not on the same day as `nowUnixNanos`:
// "14:03:21" or "2023-11-14 14:03".
QString timestampText(qint64 unixNanos, qint64 nowUnixNanos);

// A window of whole minutes: "14:03 – 15:03", with dates when it spans days.
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
