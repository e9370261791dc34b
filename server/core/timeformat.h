#pragma once

#include <QString>
#include <optional>

namespace spanlight {

// ISO 8601 UTC with microseconds, e.g. "2025-01-01T00:00:00.123456Z".
QString isoFromNanos(qint64 unixNanos);

// Parses ISO 8601 with a zone ("Z" or "+hh:mm"), with or without fractional seconds,
// or a date alone ("2025-01-01", midnight UTC). Returns Unix nanoseconds, or nullopt.
std::optional<qint64> nanosFromIso(const QString &text);

// Milliseconds as a double from nanoseconds (the API's duration_ms).
inline double nanosToMillis(qint64 nanos)
{
    return double(nanos) / 1e6;
}

} // namespace spanlight
