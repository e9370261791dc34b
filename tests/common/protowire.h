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
