#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace spanlight::thrift {

// Thrift wire type ids (the same numbers in every Thrift protocol).
enum class Type : quint8 {
    Stop = 0,
    Void = 1,
    Bool = 2,
    Byte = 3,
    Double = 4,
    I16 = 6,
    I32 = 8,
    I64 = 10,
    String = 11, // also binary
    Struct = 12,
    Map = 13,
    Set = 14,
    List = 15,
};

QString typeName(Type type); // "i64", "list", ... ("type 7" for ids Thrift does not define)

// TBinaryProtocol message types.
enum class MessageType : quint8 { Call = 1, Reply = 2, Exception = 3, Oneway = 4 };

struct FieldHeader
{
    Type type = Type::Stop; // Stop: the struct ends here, `id` is meaningless
    qint16 id = 0;
};

struct ContainerHeader
{
    Type keyType = Type::Stop; // maps only
    Type elementType = Type::Stop; // list/set elements, map values
    qint32 size = 0;
};

struct MessageHeader
{
    QString name;
    MessageType type = MessageType::Call;
    qint32 seqId = 0;
};

// Reads the Thrift binary protocol (TBinaryProtocol) from a byte buffer, for input nobody
// vouches for. Every read is bounds-checked; the first failure sticks (later reads return
// false and leave their output alone) and error() says what and at which byte. Container
// headers are checked against the bytes left before anyone allocates for them, and
// structs (entered with enterStruct()) and skipped values nest at most maxDepth deep.
class BinaryReader
{
public:
    static constexpr int kDefaultMaxDepth = 32;

    explicit BinaryReader(QByteArrayView data, int maxDepth = kDefaultMaxDepth);

    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    qsizetype position() const { return m_pos; }
    qsizetype remaining() const { return m_data.size() - m_pos; }
    bool atEnd() const { return m_pos == m_data.size(); }
    // Records a failure (the first one wins); always returns false.
    bool fail(const QString &why);

    bool readBool(bool *value);
    bool readByte(qint8 *value);
    bool readI16(qint16 *value);
    bool readI32(qint32 *value);
    bool readI64(qint64 *value);
    bool readDouble(double *value);
    bool readBinary(QByteArray *value);
    bool readString(QString *value); // UTF-8; invalid sequences become U+FFFD, as Thrift does not check

    // Strict (versioned, 0x8001) and old non-strict message headers both.
    bool readMessageBegin(MessageHeader *header);
    bool readFieldBegin(FieldHeader *header);
    bool readListBegin(ContainerHeader *header);
    bool readSetBegin(ContainerHeader *header);
    bool readMapBegin(ContainerHeader *header);

    // Struct nesting: enterStruct() fails past maxDepth; pair every successful call with leaveStruct().
    bool enterStruct();
    void leaveStruct() { --m_depth; }

    // Skips one value of `type`, however it nests (up to maxDepth).
    bool skip(Type type);

private:
    bool need(qsizetype bytes);
    bool readContainerType(Type *type);
    bool checkElements(qint32 size, qsizetype bytesPerElement, const char *what);
    const uchar *take(qsizetype bytes);

    QByteArrayView m_data;
    qsizetype m_pos = 0;
    int m_depth = 0;
    int m_maxDepth;
    QString m_error;
};

// Writes the Thrift binary protocol into a growing buffer. Used by the encoders (tests and
// the load generator produce payloads with it); it trusts its caller.
class BinaryWriter
{
public:
    void writeBool(bool value) { writeByte(value ? 1 : 0); }
    void writeByte(qint8 value) { m_out.append(char(value)); }
    void writeI16(qint16 value);
    void writeI32(qint32 value);
    void writeI64(qint64 value);
    void writeDouble(double value);
    void writeBinary(QByteArrayView value);
    void writeString(const QString &value) { writeBinary(value.toUtf8()); }

    void writeMessageBegin(const QString &name, MessageType type, qint32 seqId, bool strict = true);
    void writeFieldBegin(Type type, qint16 id);
    void writeFieldStop() { writeByte(qint8(Type::Stop)); }
    void writeListBegin(Type elementType, qint32 size);
    void writeSetBegin(Type elementType, qint32 size) { writeListBegin(elementType, size); }
    void writeMapBegin(Type keyType, Type valueType, qint32 size);

    const QByteArray &data() const { return m_out; }
    QByteArray take() { return std::move(m_out); }

private:
    QByteArray m_out;
};

} // namespace spanlight::thrift
