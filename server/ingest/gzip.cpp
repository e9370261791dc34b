#include "otlpcodec.h"

#include <zlib.h>

#include <algorithm>

namespace spanlight {

std::optional<QByteArray> gunzip(QByteArrayView data, qint64 maxOutput, QString *error)
{
    auto failed = [error](const QString &reason) -> std::optional<QByteArray> {
        if (error)
            *error = reason;
        return std::nullopt;
    };
    if (data.isEmpty())
        return failed(QStringLiteral("gzip body is corrupt: no data"));

    z_stream stream{};
    // 15 + 32: the largest window, and let zlib detect a gzip or a zlib header by itself.
    if (inflateInit2(&stream, 15 + 32) != Z_OK)
        return failed(QStringLiteral("gzip: cannot initialise zlib"));
    struct Cleanup
    {
        z_stream *s;
        ~Cleanup() { inflateEnd(s); }
    } cleanup{&stream};

    constexpr qsizetype kChunk = 64 * 1024;
    // zlib counts in uInt; feed large bodies in slices so sizes past 4 GiB cannot truncate.
    constexpr qsizetype kMaxInputSlice = qsizetype(1) << 30;
    QByteArray out;
    out.reserve(std::min<qint64>(maxOutput, std::max<qint64>(kChunk, data.size() * 4)));
    auto input = reinterpret_cast<const Bytef *>(data.data());
    qsizetype inputLeft = data.size();
    qint64 produced = 0;
    bool inMember = true; // true while a gzip member has started but not reached its end

    while (true) {
        if (stream.avail_in == 0 && inputLeft > 0) {
            const qsizetype slice = std::min(inputLeft, kMaxInputSlice);
            stream.next_in = const_cast<Bytef *>(input);
            stream.avail_in = uInt(slice);
            input += slice;
            inputLeft -= slice;
        }
        if (stream.avail_in == 0 && !inMember)
            break;

        // One byte of room past the limit, so "exactly maxOutput" passes and "more" is seen.
        const qint64 room = maxOutput - produced + 1;
        if (room <= 0)
            return failed(QStringLiteral("decompressed body exceeds %1 bytes").arg(maxOutput));
        const qsizetype want = qsizetype(std::min<qint64>(kChunk, room));
        out.resize(qsizetype(produced) + want);
        stream.next_out = reinterpret_cast<Bytef *>(out.data() + produced);
        stream.avail_out = uInt(want);

        const int rc = inflate(&stream, Z_NO_FLUSH);
        produced += want - qsizetype(stream.avail_out);
        if (produced > maxOutput)
            return failed(QStringLiteral("decompressed body exceeds %1 bytes").arg(maxOutput));

        switch (rc) {
        case Z_OK:
            inMember = true;
            break;
        case Z_STREAM_END:
            // Concatenated gzip members (what `cat a.gz b.gz` gives) decode as one stream.
            inMember = false;
            if (stream.avail_in > 0 || inputLeft > 0) {
                if (inflateReset(&stream) != Z_OK)
                    return failed(QStringLiteral("gzip body is corrupt: cannot reset the stream"));
                inMember = true;
            }
            break;
        case Z_BUF_ERROR:
            // No progress possible: out of input in the middle of a member.
            if (stream.avail_in == 0 && inputLeft == 0)
                return failed(QStringLiteral("gzip body is corrupt: unexpected end of data"));
            break;
        case Z_NEED_DICT:
            return failed(QStringLiteral("gzip body is corrupt: needs a preset dictionary"));
        case Z_MEM_ERROR:
            return failed(QStringLiteral("gzip: out of memory"));
        default:
            return failed(QStringLiteral("gzip body is corrupt: ")
                          + QString::fromLatin1(stream.msg ? stream.msg : "data error"));
        }
        if (rc == Z_OK && stream.avail_in == 0 && inputLeft == 0 && stream.avail_out != 0)
            return failed(QStringLiteral("gzip body is corrupt: unexpected end of data"));
    }
    out.resize(qsizetype(produced));
    return out;
}

} // namespace spanlight
