#pragma once

#include "core/span.h"

#include <QString>

// How a failed span is described, below storage so that the writer can fill the errors table
// with the same rules the API shows.
namespace spanlight {

// What failed in a span: type, message and stack trace, by the rules of DESIGN.md:
// the type is the exception event's `exception.type`, else the gRPC status name, else
// "HTTP <code>", else "Error".
struct SpanError
{
    QString type;
    QString message;
    QString stackTrace;
};
SpanError spanError(const Span &span);

// Groups errors that are "the same": service, operation, type and the message with numbers,
// hex runs and quoted values masked, so that "timeout after 30012 ms" and "timeout after
// 29987 ms" fall together. 16 hex digits.
QString errorFingerprint(
    const QString &service, const QString &operation, const QString &type, const QString &message);

} // namespace spanlight
