#include "thriftbinary.h"

#include <QtEndian>

#include <cstring>

namespace spanlight::thrift {

namespace {

constexpr quint32 kVersionMask = 0xffff0000u;
constexpr quint32 kVersion1 = 0x80010000u;

bool isValueType(quint8 t)
{
    switch (Type(t)) {
    case Type::Bool:
    case Type::Byte:
    case Type::Double:
    case Type::I16:
    case Type::I32:
    case Type::I64:
    case Type::String:
    case Type::Struct:
    case Type::Map:
    case Type::Set:
    case Type::List:
        return true;
    case Type::Stop:
    case Type::Void:
        break;
    }
    return false;
}

// The fewest bytes one value of a type can take on the wire; what a container's claimed
// size is checked against before anything is allocated or looped over.
qsizetype minimumSize(Type type)
{
    switch (type) {
    case Type::Bool:
    case Type::Byte:
    case Type::Struct: // just the stop byte
        return 1;
    case Type::I16:
        return 2;
    case Type::I32:
    case Type::String: // the length
        return 4;
    case Type::Double:
    case Type::I64:
        return 8;
    case Type::Set:
    case Type::List:
        return 5;
    case Type::Map:
        return 6;
    case Type::Stop:
    case Type::Void:
        break;
    }
    return 1;
}

} // namespace

QString typeName(Type type)
{
    switch (type) {
    case Type::Stop:
        return QStringLiteral("stop");
    case Type::Void:
        return QStringLiteral("void");
    case Type::Bool:
        return QStringLiteral("bool");
    case Type::Byte:
        return QStringLiteral("byte");
    case Type::Double:
        return QStringLiteral("double");
    case Type::I16:
        return QStringLiteral("i16");
    case Type::I32:
        return QStringLiteral("i32");
    case Type::I64:
        return QStringLiteral("i64");
    case Type::String:
        return QStringLiteral("string");
    case Type::Struct:
        return QStringLiteral("struct");
    case Type::Map:
        return QStringLiteral("map");
    case Type::Set:
        return QStringLiteral("set");
    case Type::List:
        return QStringLiteral("list");
    }
    return QStringLiteral("type %1").arg(int(type));
}

BinaryReader::BinaryReader(QByteArrayView data, int maxDepth)
    : m_data(data)
    , m_maxDepth(maxDepth)
{ }

bool BinaryReader::fail(const QString &why)
{
    if (m_error.isEmpty())
        m_error = why;
    return false;
}

bool BinaryReader::need(qsizetype bytes)
{
    if (!ok())
        return false;
    if (bytes > remaining())
        return fail(QStringLiteral("truncated at byte %1").arg(m_data.size()));
    return true;
}

const uchar *BinaryReader::take(qsizetype bytes)
{
    if (!need(bytes))
        return nullptr;
    const uchar *p = reinterpret_cast<const uchar *>(m_data.data()) + m_pos;
    m_pos += bytes;
    return p;
}

bool BinaryReader::readBool(bool *value)
{
    qint8 b = 0;
    if (!readByte(&b))
        return false;
    *value = b != 0;
    return true;
}

bool BinaryReader::readByte(qint8 *value)
{
    const uchar *p = take(1);
    if (!p)
        return false;
    *value = qint8(*p);
    return true;
}

bool BinaryReader::readI16(qint16 *value)
{
    const uchar *p = take(2);
    if (!p)
        return false;
    *value = qFromBigEndian<qint16>(p);
    return true;
}

bool BinaryReader::readI32(qint32 *value)
{
    const uchar *p = take(4);
    if (!p)
        return false;
    *value = qFromBigEndian<qint32>(p);
    return true;
}

bool BinaryReader::readI64(qint64 *value)
{
    const uchar *p = take(8);
    if (!p)
        return false;
    *value = qFromBigEndian<qint64>(p);
    return true;
}

bool BinaryReader::readDouble(double *value)
{
    const uchar *p = take(8);
    if (!p)
        return false;
    const quint64 bits = qFromBigEndian<quint64>(p);
    std::memcpy(value, &bits, sizeof bits);
    return true;
}

bool BinaryReader::readBinary(QByteArray *value)
{
    const qsizetype start = m_pos;
    qint32 size = 0;
    if (!readI32(&size))
        return false;
    if (size < 0)
        return fail(QStringLiteral("negative string length %1 at byte %2").arg(size).arg(start));
    if (size > remaining())
        return fail(QStringLiteral("string length %1 at byte %2 exceeds the %3 bytes left")
                        .arg(size)
                        .arg(start)
                        .arg(remaining()));
    const uchar *p = take(size);
    *value = QByteArray(reinterpret_cast<const char *>(p), size);
    return true;
}

bool BinaryReader::readString(QString *value)
{
    QByteArray bytes;
    if (!readBinary(&bytes))
        return false;
    *value = QString::fromUtf8(bytes);
    return true;
}

bool BinaryReader::readMessageBegin(MessageHeader *header)
{
    const qsizetype start = m_pos;
    qint32 first = 0;
    if (!readI32(&first))
        return false;
    qint8 type = 0;
    if (first < 0) {
        // Strict: version and type in one word, then the name.
        if ((quint32(first) & kVersionMask) != kVersion1)
            return fail(QStringLiteral("bad message version 0x%1 at byte %2")
                            .arg(quint32(first) & kVersionMask, 8, 16, QLatin1Char('0'))
                            .arg(start));
        type = qint8(first & 0xff);
        if (!readString(&header->name))
            return false;
    } else {
        // Non-strict (old clients): the first word is the name's length, the type follows it.
        if (first > remaining())
            return fail(QStringLiteral("message name length %1 at byte %2 exceeds the %3 bytes left")
                            .arg(first)
                            .arg(start)
                            .arg(remaining()));
        const uchar *p = take(first);
        header->name = QString::fromUtf8(reinterpret_cast<const char *>(p), first);
        if (!readByte(&type))
            return false;
    }
    if (type < qint8(MessageType::Call) || type > qint8(MessageType::Oneway))
        return fail(QStringLiteral("unknown message type %1 at byte %2").arg(type).arg(start));
    header->type = MessageType(type);
    return readI32(&header->seqId);
}

bool BinaryReader::readFieldBegin(FieldHeader *header)
{
    const qsizetype start = m_pos;
    qint8 type = 0;
    if (!readByte(&type))
        return false;
    if (Type(type) == Type::Stop) {
        header->type = Type::Stop;
        header->id = 0;
        return true;
    }
    if (!isValueType(quint8(type)))
        return fail(QStringLiteral("unknown field type %1 at byte %2").arg(quint8(type)).arg(start));
    qint16 id = 0;
    if (!readI16(&id))
        return false;
    header->type = Type(type);
    header->id = id;
    return true;
}

bool BinaryReader::readContainerType(Type *type)
{
    const qsizetype start = m_pos;
    qint8 t = 0;
    if (!readByte(&t))
        return false;
    if (!isValueType(quint8(t)))
        return fail(QStringLiteral("unknown element type %1 at byte %2").arg(quint8(t)).arg(start));
    *type = Type(t);
    return true;
}

bool BinaryReader::checkElements(qint32 size, qsizetype bytesPerElement, const char *what)
{
    if (size < 0)
        return fail(QStringLiteral("negative %1 size %2 at byte %3")
                        .arg(QLatin1String(what))
                        .arg(size)
                        .arg(m_pos - 4));
    // size <= 2^31 and bytesPerElement <= 16: the product fits in qsizetype.
    if (qsizetype(size) * bytesPerElement > remaining())
        return fail(QStringLiteral("%1 of %2 elements at byte %3 cannot fit in the %4 bytes left")
                        .arg(QLatin1String(what))
                        .arg(size)
                        .arg(m_pos - 4)
                        .arg(remaining()));
    return true;
}

bool BinaryReader::readListBegin(ContainerHeader *header)
{
    Type element = Type::Stop;
    qint32 size = 0;
    if (!readContainerType(&element) || !readI32(&size) || !checkElements(size, minimumSize(element), "list"))
        return false;
    header->keyType = Type::Stop;
    header->elementType = element;
    header->size = size;
    return true;
}

bool BinaryReader::readSetBegin(ContainerHeader *header)
{
    return readListBegin(header);
}

bool BinaryReader::readMapBegin(ContainerHeader *header)
{
    Type key = Type::Stop, value = Type::Stop;
    qint32 size = 0;
    if (!readContainerType(&key) || !readContainerType(&value) || !readI32(&size)
        || !checkElements(size, minimumSize(key) + minimumSize(value), "map"))
        return false;
    header->keyType = key;
    header->elementType = value;
    header->size = size;
    return true;
}

bool BinaryReader::enterStruct()
{
    if (!ok())
        return false;
    if (m_depth >= m_maxDepth)
        return fail(QStringLiteral("nesting deeper than %1 at byte %2").arg(m_maxDepth).arg(m_pos));
    ++m_depth;
    return true;
}

bool BinaryReader::skip(Type type)
{
    switch (type) {
    case Type::Bool:
    case Type::Byte:
        return need(1) && take(1);
    case Type::I16:
        return need(2) && take(2);
    case Type::I32:
        return need(4) && take(4);
    case Type::I64:
    case Type::Double:
        return need(8) && take(8);
    case Type::String: {
        const qsizetype start = m_pos;
        qint32 size = 0;
        if (!readI32(&size))
            return false;
        if (size < 0 || size > remaining())
            return fail(QStringLiteral("string length %1 at byte %2 exceeds the %3 bytes left")
                            .arg(size)
                            .arg(start)
                            .arg(remaining()));
        m_pos += size;
        return true;
    }
    case Type::Struct: {
        if (!enterStruct())
            return false;
        for (;;) {
            FieldHeader field;
            if (!readFieldBegin(&field))
                return false;
            if (field.type == Type::Stop)
                break;
            if (!skip(field.type))
                return false;
        }
        leaveStruct();
        return true;
    }
    case Type::Map:
    case Type::Set:
    case Type::List: {
        ContainerHeader c;
        if (!(type == Type::Map ? readMapBegin(&c) : readListBegin(&c)))
            return false;
        // Containers count as nesting too: list<list<list<...>>> must not recurse without bound.
        if (!enterStruct())
            return false;
        for (qint32 i = 0; i < c.size; ++i) {
            if (type == Type::Map && !skip(c.keyType))
                return false;
            if (!skip(c.elementType))
                return false;
        }
        leaveStruct();
        return true;
    }
    case Type::Stop:
    case Type::Void:
        break;
    }
    return fail(QStringLiteral("cannot skip a value of %1").arg(typeName(type)));
}

// ---- writer -----------------------------------------------------------------------------

void BinaryWriter::writeI16(qint16 value)
{
    uchar b[2];
    qToBigEndian(value, b);
    m_out.append(reinterpret_cast<const char *>(b), 2);
}

void BinaryWriter::writeI32(qint32 value)
{
    uchar b[4];
    qToBigEndian(value, b);
    m_out.append(reinterpret_cast<const char *>(b), 4);
}

void BinaryWriter::writeI64(qint64 value)
{
    uchar b[8];
    qToBigEndian(value, b);
    m_out.append(reinterpret_cast<const char *>(b), 8);
}

void BinaryWriter::writeDouble(double value)
{
    quint64 bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    writeI64(qint64(bits));
}

void BinaryWriter::writeBinary(QByteArrayView value)
{
    writeI32(qint32(value.size()));
    m_out.append(value);
}

void BinaryWriter::writeMessageBegin(const QString &name, MessageType type, qint32 seqId, bool strict)
{
    if (strict) {
        writeI32(qint32(kVersion1 | quint32(type)));
        writeString(name);
    } else {
        writeString(name);
        writeByte(qint8(type));
    }
    writeI32(seqId);
}

void BinaryWriter::writeFieldBegin(Type type, qint16 id)
{
    writeByte(qint8(type));
    writeI16(id);
}

void BinaryWriter::writeListBegin(Type elementType, qint32 size)
{
    writeByte(qint8(elementType));
    writeI32(size);
}

void BinaryWriter::writeMapBegin(Type keyType, Type valueType, qint32 size)
{
    writeByte(qint8(keyType));
    writeByte(qint8(valueType));
    writeI32(size);
}

} // namespace spanlight::thrift
