#include "protowire.h"

#include <QRandomGenerator>
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

QString firstMishandledBody(const QByteArray &golden, const std::function<bool(const QByteArray &)> &handledCleanly,
                            quint32 seed, int mutations, int garbage)
{
    for (qsizetype n = 0; n < golden.size(); ++n)
        if (!handledCleanly(golden.left(n)))
            return QStringLiteral("the first %1 bytes").arg(n);
    QRandomGenerator rng(seed);
    for (int round = 0; round < mutations; ++round) {
        QByteArray mutated = golden;
        for (int flips = int(rng.bounded(1, 4)); flips > 0; --flips)
            mutated[rng.bounded(int(mutated.size()))] = char(rng.bounded(256));
        if (!handledCleanly(mutated))
            return QStringLiteral("mutation %1: %2").arg(round).arg(QString::fromLatin1(mutated.toBase64()));
    }
    for (int round = 0; round < garbage; ++round) {
        QByteArray bytes(rng.bounded(1, 2048), Qt::Uninitialized);
        for (char &c : bytes)
            c = char(rng.bounded(256));
        if (!handledCleanly(bytes))
            return QStringLiteral("garbage %1: %2").arg(round).arg(QString::fromLatin1(bytes.toBase64()));
    }
    return {};
}

} // namespace testsupport
