#pragma once

#include "core/span.h"
#include "core/spanerror.h" // errorFingerprint()

#include <QString>

#include <optional>

namespace spanlight {

enum class Severity : int { Low = 0, Medium = 1, High = 2, Critical = 3 };

QString severityName(Severity severity); // "low", "medium", "high", "critical"
std::optional<Severity> severityFromName(const QString &name);

// Where an error happened, as the severity rule sees it.
struct ErrorSite
{
    bool isTraceRoot = false; // the span that started the trace (no parent)
    SpanKind kind = SpanKind::Unspecified;
    qint64 repeats = 1; // errors with the same fingerprint in the window, this one included
};

// Errors that repeat at least this often in the window count one level more severe.
constexpr qint64 kSeverityRepeatThreshold = 10;

// The one severity rule, shared by the REST API and the console:
//   critical  the trace's root span failed: the request as the caller saw it failed;
//   high      a SERVER or CONSUMER span failed: a service failed a request it received;
//   medium    a CLIENT or PRODUCER span failed: a call out failed (the caller may recover);
//   low       an internal (or unspecified) span failed;
// and one level higher (at most critical) when the same fingerprint repeats at least
// kSeverityRepeatThreshold times in the window.
Severity errorSeverity(const ErrorSite &site);

} // namespace spanlight
