#include "tracefile.h"

#include "jaegercodec.h"
#include "otlpcodec.h"
#include "zipkincodec.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QStringList>

#include <algorithm>

namespace spanlight {

namespace {

constexpr QByteArrayView kBom("\xEF\xBB\xBF");

bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

QByteArrayView trimmed(QByteArrayView bytes)
{
    if (bytes.startsWith(kBom))
        bytes = bytes.sliced(kBom.size());
    while (!bytes.isEmpty() && isBlank(bytes.front()))
        bytes = bytes.sliced(1);
    while (!bytes.isEmpty() && isBlank(bytes.back()))
        bytes.chop(1);
    return bytes;
}

// "line 3, column 17" of a byte offset, for a human looking at the file in an editor.
QString positionOf(QByteArrayView text, qsizetype offset)
{
    offset = std::clamp<qsizetype>(offset, 0, text.size());
    const QByteArrayView before = text.first(offset);
    const qsizetype lineStart = before.lastIndexOf('\n') + 1;
    const qsizetype line = before.count('\n') + 1;
    // Columns in characters, not bytes: count UTF-8 lead bytes only.
    qsizetype column = 1;
    for (char c : before.sliced(lineStart))
        if ((uchar(c) & 0xC0) != 0x80)
            ++column;
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

QString parseErrorText(QByteArrayView text, const QJsonParseError &error)
{
    return QStringLiteral("not valid JSON at %1: %2")
        .arg(positionOf(text, error.offset), error.errorString());
}

bool hasKey(const QJsonObject &o, const char *key)
{
    return o.contains(QLatin1String(key));
}

// The format of a parsed document, by its shape.
TraceFileFormat formatOf(const QJsonDocument &document)
{
    if (document.isArray())
        return TraceFileFormat::ZipkinJson;
    const QJsonObject o = document.object();
    if (hasKey(o, "resourceSpans") || hasKey(o, "resource_spans"))
        return TraceFileFormat::OtlpJson;
    if (hasKey(o, "data"))
        return TraceFileFormat::JaegerJson;
    return TraceFileFormat::Unknown;
}

// The format of a document that does not parse, from its first character and the keys that
// appear near its start, so a truncated file is still reported as what it was meant to be.
TraceFileFormat guessFormat(QByteArrayView text)
{
    if (text.startsWith('['))
        return TraceFileFormat::ZipkinJson;
    if (!text.startsWith('{'))
        return TraceFileFormat::Unknown;
    const QByteArrayView head = text.first(std::min<qsizetype>(text.size(), 64 * 1024));
    if (head.contains("\"resourceSpans\"") || head.contains("\"resource_spans\""))
        return TraceFileFormat::OtlpJson;
    if (head.contains("\"data\"") || head.contains("\"traceID\""))
        return TraceFileFormat::JaegerJson;
    return TraceFileFormat::Unknown;
}

// The decoders say "invalid OTLP/JSON: ..." for a body; a file's message names the format once.
QString withoutDecoderPrefix(QString error)
{
    for (const char *prefix : { "invalid OTLP/JSON: ", "invalid Zipkin v2 JSON: ", "invalid Jaeger JSON: " })
        if (error.startsWith(QLatin1String(prefix)))
            return error.mid(qsizetype(qstrlen(prefix)));
    return error;
}

TraceFileDecode failed(TraceFileFormat format, const QString &what)
{
    TraceFileDecode result;
    result.format = format;
    result.error = format == TraceFileFormat::Unknown
        ? what
        : traceFileFormatName(format) + QStringLiteral(": ") + what;
    return result;
}

TraceFileDecode decoded(TraceFileFormat format, DecodeResult &&decode)
{
    if (!decode.ok())
        return failed(format, withoutDecoderPrefix(decode.error));
    TraceFileDecode result;
    result.format = format;
    result.batch = std::move(decode.batch);
    return result;
}

// One ExportTraceServiceRequest per line (the Collector's file exporter). Blank lines are
// skipped; every other line must be a request.
TraceFileDecode decodeOtlpLines(QByteArrayView text)
{
    TraceFileDecode result;
    result.format = TraceFileFormat::OtlpJsonLines;
    qsizetype lineNumber = 0;
    qsizetype start = 0;
    while (start <= text.size()) {
        qsizetype end = text.indexOf('\n', start);
        if (end < 0)
            end = text.size();
        ++lineNumber;
        const QByteArrayView line = trimmed(text.sliced(start, end - start));
        start = end + 1;
        if (line.isEmpty())
            continue;
        const auto where = [lineNumber] { return QStringLiteral("line %1: ").arg(lineNumber); };
        QJsonParseError parseError;
        const QJsonDocument document
            = QJsonDocument::fromJson(QByteArray::fromRawData(line.data(), line.size()), &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return failed(result.format,
                where()
                    + QStringLiteral("not valid JSON at column %1: %2")
                          .arg(parseError.offset + 1)
                          .arg(parseError.errorString()));
        if (formatOf(document) != TraceFileFormat::OtlpJson)
            return failed(
                result.format, where() + QStringLiteral("not an OTLP JSON request (no resourceSpans)"));
        DecodeResult decode = decodeOtlpJsonDocument(document);
        if (!decode.ok())
            return failed(result.format, where() + withoutDecoderPrefix(decode.error));
        result.batch.spans += std::move(decode.batch.spans);
        result.batch.rejectedSpans += decode.batch.rejectedSpans;
        for (const QString &reason : std::as_const(decode.batch.rejectReasons))
            if (!result.batch.rejectReasons.contains(reason))
                result.batch.rejectReasons.append(reason);
    }
    return result;
}

QString hexStart(QByteArrayView bytes)
{
    return QString::fromLatin1(bytes.first(std::min<qsizetype>(bytes.size(), 8)).toByteArray().toHex(' '));
}

const QString kKnownFormats
    = QStringLiteral("Spanlight imports OTLP JSON, Zipkin v2 JSON and Jaeger JSON files");

} // namespace

QString traceFileFormatName(TraceFileFormat format)
{
    switch (format) {
    case TraceFileFormat::OtlpJson:
        return QStringLiteral("OTLP JSON");
    case TraceFileFormat::OtlpJsonLines:
        return QStringLiteral("OTLP JSON lines");
    case TraceFileFormat::ZipkinJson:
        return QStringLiteral("Zipkin v2 JSON");
    case TraceFileFormat::JaegerJson:
        return QStringLiteral("Jaeger JSON");
    case TraceFileFormat::Unknown:
        break;
    }
    return QStringLiteral("unknown format");
}

TraceFileDecode decodeTraceFile(QByteArrayView bytes)
{
    const QByteArrayView text = trimmed(bytes);
    if (text.isEmpty())
        return failed(TraceFileFormat::Unknown, QStringLiteral("the file is empty"));
    if (!text.startsWith('{') && !text.startsWith('['))
        return failed(TraceFileFormat::Unknown,
            QStringLiteral("unknown format: not JSON (it starts with the bytes %1); %2")
                .arg(hexStart(text), kKnownFormats));

    QJsonParseError parseError;
    const QJsonDocument document
        = QJsonDocument::fromJson(QByteArray::fromRawData(text.data(), text.size()), &parseError);
    if (parseError.error == QJsonParseError::NoError) {
        const TraceFileFormat format = formatOf(document);
        switch (format) {
        case TraceFileFormat::OtlpJson:
            return decoded(format, decodeOtlpJsonDocument(document));
        case TraceFileFormat::ZipkinJson:
            return decoded(format, decodeZipkinJsonDocument(document));
        case TraceFileFormat::JaegerJson:
            return decoded(format, decodeJaegerJsonDocument(document));
        case TraceFileFormat::OtlpJsonLines:
        case TraceFileFormat::Unknown:
            break;
        }
        QStringList keys = document.object().keys();
        if (keys.size() > 8) {
            keys = keys.mid(0, 8);
            keys.append(QStringLiteral("…"));
        }
        return failed(TraceFileFormat::Unknown,
            QStringLiteral("unknown format: a JSON object with %1, but no resourceSpans (OTLP JSON) or data "
                           "(Jaeger JSON); %2")
                .arg(keys.isEmpty() ? QStringLiteral("no keys")
                                    : QStringLiteral("the keys ") + keys.join(QStringLiteral(", ")),
                    kKnownFormats));
    }
    // A second value after the first: JSON lines, if the first line is an OTLP request.
    if (parseError.error == QJsonParseError::GarbageAtEnd && text.startsWith('{')) {
        const qsizetype newline = text.indexOf('\n');
        if (newline > 0) {
            const QByteArrayView first = trimmed(text.first(newline));
            const QJsonDocument firstLine
                = QJsonDocument::fromJson(QByteArray::fromRawData(first.data(), first.size()));
            if (formatOf(firstLine) == TraceFileFormat::OtlpJson && firstLine.isObject())
                return decodeOtlpLines(text);
        }
    }
    const TraceFileFormat guess = guessFormat(text);
    if (guess == TraceFileFormat::Unknown)
        return failed(guess,
            QStringLiteral("unknown format: %1; %2").arg(parseErrorText(text, parseError), kKnownFormats));
    return failed(guess, parseErrorText(text, parseError));
}

TraceFileDecode readTraceFile(const QString &path, qint64 maxBytes)
{
    const QFileInfo info(path);
    if (!info.exists())
        return failed(TraceFileFormat::Unknown, QStringLiteral("no such file"));
    if (info.isDir())
        return failed(TraceFileFormat::Unknown, QStringLiteral("a folder, not a file"));
    if (info.size() > maxBytes)
        return failed(TraceFileFormat::Unknown,
            QStringLiteral("the file is %1 MiB; files over %2 MiB are not imported")
                .arg(double(info.size()) / (1024.0 * 1024.0), 0, 'f', 1)
                .arg(double(maxBytes) / (1024.0 * 1024.0), 0, 'f', maxBytes % (1024 * 1024) ? 1 : 0));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failed(TraceFileFormat::Unknown, QStringLiteral("cannot open it: ") + file.errorString());
    // At most one byte past the limit: a file that grew since the check is still refused.
    const QByteArray bytes = file.read(maxBytes + 1);
    if (bytes.size() > maxBytes)
        return failed(TraceFileFormat::Unknown,
            QStringLiteral("the file is over %1 MiB; files that large are not imported")
                .arg(double(maxBytes) / (1024.0 * 1024.0), 0, 'f', maxBytes % (1024 * 1024) ? 1 : 0));
    if (file.error() != QFileDevice::NoError)
        return failed(TraceFileFormat::Unknown, QStringLiteral("cannot read it: ") + file.errorString());
    return decodeTraceFile(bytes);
}

} // namespace spanlight
