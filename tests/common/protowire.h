#pragma once

#include <QByteArray>

// A minimal protobuf wire writer, for tests that craft bodies (malformed ones too) byte by byte,
// independent of the encoders under test.
namespace testsupport {

QByteArray varint(quint64 value);
QByteArray tag(int field, int wireType);
QByteArray varintField(int field, quint64 value);
QByteArray lengthDelimited(int field, const QByteArray &payload);
QByteArray fixed64(int field, quint64 value);

} // namespace testsupport

#include <QString>

#include <functional>

namespace testsupport {

// Feeds a decoder what hostile clients send, derived from a valid body: every prefix of it,
// `mutations` copies with 1-3 random bytes changed, and `garbage` random bodies (deterministic
// from `seed`). `handledCleanly` says whether the decoder dealt with one body correctly.
// Returns a description of the first body it did not handle, or an empty string.
QString firstMishandledBody(const QByteArray &golden, const std::function<bool(const QByteArray &)> &handledCleanly,
                            quint32 seed, int mutations, int garbage);

} // namespace testsupport
