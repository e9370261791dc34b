#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <optional>

namespace spanlight {

// A link to one trace, and optionally one of its spans: spanlight://trace/<trace id>?span=<span id>.
// The trace id is 32 hex digits (16 are accepted and zero-padded, as for ids everywhere), the
// span id 16. The desktop entry registers the console for the scheme, so a link pasted into a
// chat or a ticket opens the exact span.
struct DeepLink
{
    Q_DECLARE_TR_FUNCTIONS(DeepLink)
public:
    QByteArray traceId; // 16 bytes
    QByteArray spanId; // 8 bytes, or empty: the trace's root

    static constexpr QStringView scheme = u"spanlight";

    // The link as text; empty without a valid trace id.
    QString toString() const;
    static QString forSpan(const QByteArray &traceId, const QByteArray &spanId = {});

    // Parses a link; on failure returns nullopt and says why in `error` (translated). Scheme
    // and host are case-insensitive, ids any case; query items other than span are ignored, so
    // links of a later version that add some still open the trace.
    static std::optional<DeepLink> parse(const QString &text, QString *error = nullptr);
    // Whether a command-line argument is meant as a link (it starts with the scheme), so that
    // a malformed one is reported as such rather than as an unknown argument.
    static bool looksLikeLink(const QString &text);
};

} // namespace spanlight
