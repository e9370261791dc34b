#include "protowire.h"

#include <QStringBuilder>

namespace testsupport {

QByteArray varint(quint64 value)
{
    QByteArray out;
    do {
        char byte = char(value & 0x7F);
        value >>= 7;
        if (value)
            byte = char(byte | 0x80);
        out.append(byte);
    } while (value);
    return out;
}

QByteArray tag(int field, int wireType)
{
    return varint(quint64(field) << 3 | quint64(wireType));
}

QByteArray varintField(int field, quint64 value)
{
    return tag(field, 0) + varint(value);
}

QByteArray lengthDelimited(int field, const QByteArray &payload)
{
    return tag(field, 2) + varint(quint64(payload.size())) + payload;
}

QByteArray fixed64(int field, quint64 value)
{
    QByteArray out = tag(field, 1);
    for (int i = 0; i < 8; ++i)
        out.append(char((value >> (8 * i)) & 0xFF));
    return out;
}

} // namespace testsupport
