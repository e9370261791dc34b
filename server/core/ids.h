#pragma once

#include <QByteArray>
#include <QString>

namespace spanlight {

// Lowercase hex of raw id bytes, as the API shows trace and span ids.
QString idToHex(const QByteArray &id);

// Parses a hex id of exactly `bytes` bytes (2*bytes hex digits, either case).
// Shorter 64-bit trace ids (16 digits) are accepted when `bytes` is 16 and
// left-padded with zeros, as Zipkin and Jaeger do. Returns an empty array when invalid.
QByteArray idFromHex(QStringView hex, int bytes);

} // namespace spanlight
