#include "protobufwire.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/stubs/logging.h>

#include <QHash>

namespace spanlight {

namespace pb = google::protobuf;

namespace {

constexpr int kMaxNesting = 100; // protobuf's default recursion limit

bool isValidUtf8(const uchar *p, const uchar *end)
{
    while (p < end) {
        const uchar c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        int extra = 0;
        char32_t cp = 0;
        if (c >= 0xC2 && c <= 0xDF) {
            extra = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            extra = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            extra = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (end - p <= extra)
            return false;
        for (int i = 1; i <= extra; ++i) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        const bool overlong = (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000);
        if (overlong || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
            return false;
        p += extra + 1;
    }
    return true;
}

class WireDiagnosis
{
public:
    explicit WireDiagnosis(QByteArrayView body)
        : m_begin(reinterpret_cast<const uchar *>(body.data()))
        , m_end(m_begin + body.size())
    {
    }

    QString run(const pb::Descriptor *root)
    {
        scan(m_begin, m_end, root, QString(), 0, 0);
        return m_error;
    }

private:
    qsizetype offset(const uchar *p) const { return p - m_begin; }

    const uchar *fail(const uchar *at, const QString &path, const QString &what)
    {
        m_error = (path.isEmpty() ? QString() : path + QStringLiteral(": ")) + what
            + QStringLiteral(" at byte %1").arg(offset(at));
        return nullptr;
    }

    static const uchar *readVarint(const uchar *p, const uchar *end, quint64 *value)
    {
        quint64 result = 0;
        for (int shift = 0; shift < 64 && p < end; shift += 7) {
            const uchar b = *p++;
            result |= quint64(b & 0x7F) << shift;
            if (!(b & 0x80)) {
                *value = result;
                return p;
            }
        }
        return nullptr;
    }

    // Scans fields until `end` (length-delimited) or until the end-group tag of `groupField`.
    // Returns where scanning stopped, or nullptr after recording an error.
    const uchar *scan(const uchar *p, const uchar *end, const pb::Descriptor *desc, const QString &path,
                      int depth, int groupField)
    {
        if (depth > kMaxNesting)
            return fail(p, path, QStringLiteral("nesting deeper than %1 levels").arg(kMaxNesting));
        QHash<int, int> repeatedIndex;
        while (p < end) {
            const uchar *tagAt = p;
            quint64 tag = 0;
            p = readVarint(p, end, &tag);
            if (!p)
                return fail(tagAt, path, QStringLiteral("truncated field tag"));
            const quint64 number = tag >> 3;
            const int wireType = int(tag & 7);
            if (number == 0 || number > 536870911)
                return fail(tagAt, path, QStringLiteral("invalid field number %1").arg(number));
            const pb::FieldDescriptor *field = desc ? desc->FindFieldByNumber(int(number)) : nullptr;
            QString fieldPath;
            if (field) {
                fieldPath = (path.isEmpty() ? QString() : path + u'.') + QString::fromStdString(field->name());
                if (field->is_repeated())
                    fieldPath += QStringLiteral("[%1]").arg(repeatedIndex[field->number()]++);
            } else {
                fieldPath = (path.isEmpty() ? QString() : path + u'.') + QStringLiteral("<field %1>").arg(number);
            }
            switch (wireType) {
            case 0: {
                quint64 ignored = 0;
                if (!(p = readVarint(p, end, &ignored)))
                    return fail(tagAt, fieldPath, QStringLiteral("truncated varint"));
                break;
            }
            case 1:
                if (end - p < 8)
                    return fail(tagAt, fieldPath, QStringLiteral("truncated 64-bit value"));
                p += 8;
                break;
            case 5:
                if (end - p < 4)
                    return fail(tagAt, fieldPath, QStringLiteral("truncated 32-bit value"));
                p += 4;
                break;
            case 2: {
                quint64 length = 0;
                if (!(p = readVarint(p, end, &length)))
                    return fail(tagAt, fieldPath, QStringLiteral("truncated length"));
                if (length > quint64(end - p))
                    return fail(tagAt, fieldPath,
                                QStringLiteral("length %1 runs past the end of the data").arg(length));
                const uchar *fieldEnd = p + length;
                if (field && field->type() == pb::FieldDescriptor::TYPE_MESSAGE) {
                    if (!scan(p, fieldEnd, field->message_type(), fieldPath, depth + 1, 0))
                        return nullptr;
                } else if (field && field->type() == pb::FieldDescriptor::TYPE_STRING) {
                    if (!isValidUtf8(p, fieldEnd))
                        return fail(p, fieldPath, QStringLiteral("string is not valid UTF-8"));
                }
                p = fieldEnd;
                break;
            }
            case 3:
                if (!(p = scan(p, end, nullptr, fieldPath, depth + 1, int(number))))
                    return nullptr;
                break;
            case 4:
                if (int(number) != groupField)
                    return fail(tagAt, path, QStringLiteral("unexpected end-group tag"));
                return p;
            default:
                return fail(tagAt, fieldPath, QStringLiteral("invalid wire type %1").arg(wireType));
            }
        }
        if (groupField != 0)
            return fail(p, path, QStringLiteral("group is not terminated"));
        return p;
    }

    const uchar *m_begin;
    const uchar *m_end;
    QString m_error;
};

// Only protobuf's invalid-UTF-8 message is dropped; everything else goes on to the previous handler.
pb::LogHandler *g_previousLogHandler = nullptr;

void filterProtobufLog(pb::LogLevel level, const char *filename, int line, const std::string &message)
{
    if (message.find("contains invalid UTF-8 data when parsing") != std::string::npos)
        return;
    if (g_previousLogHandler)
        g_previousLogHandler(level, filename, line, message);
}

} // namespace

QString diagnoseProtobuf(QByteArrayView body, const pb::Descriptor *root)
{
    return WireDiagnosis(body).run(root);
}

void installProtobufLogFilter()
{
    static const bool installed = [] {
        g_previousLogHandler = pb::SetLogHandler(&filterProtobufLog);
        return true;
    }();
    Q_UNUSED(installed);
}

} // namespace spanlight
