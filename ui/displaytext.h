#pragma once

#include <QColor>
#include <QString>

namespace spanlight {

// Display strings shared by the console's models, so that QML only lays them out.

// A duration for people: "850 ns", "12.3 µs", "12.3 ms", "1.20 s", "2 min 05 s".
QString durationText(qint64 nanos);

// A wall-clock time of day in local time with milliseconds: "14:03:21.123".
QString clockTimeText(qint64 unixNanos);

// The URL a client on this machine uses for a listener: a wildcard bind address becomes
// loopback, IPv6 addresses get brackets. `path` starts with '/' or is empty.
QString listenerUrl(const QString &bindAddress, quint16 port, const QString &path = {});

// A storage URL without its password, for the status bar.
QString storageDisplayUrl(const QString &databaseUrl);

// A colour per service that stays the same across traces and runs (a palette slot chosen
// by a fixed hash of the name, not by order of appearance or Qt's seeded qHash).
QColor serviceColor(const QString &serviceName);

} // namespace spanlight
