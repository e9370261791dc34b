#pragma once

#include "core/timeformat.h"
#include "http/httptypes.h"

#include <QUrlQuery>

#include <cmath>
#include <optional>

// Private to the API library: what every route uses to read its query parameters and to answer
// a bad one (apiservice.cpp, alertsapi.cpp).
namespace spanlight {

inline HttpResponse badParameter(const QString &name, const QString &why)
{
    HttpResponse r = HttpResponse::error(400, QStringLiteral("invalid_parameter"), name + u' ' + why);
    return r;
}

// Parsed query parameters, or the first error.
struct Params
{
    const QUrlQuery &query;
    std::optional<HttpResponse> error;

    QString text(const char *name) const
    {
        return query.queryItemValue(QLatin1String(name), QUrl::FullyDecoded);
    }
    bool has(const char *name) const { return query.hasQueryItem(QLatin1String(name)); }

    int integer(const char *name, int fallback, int min, int max)
    {
        if (!has(name) || error)
            return fallback;
        bool ok = false;
        const qlonglong v = text(name).toLongLong(&ok);
        if (!ok || v < min || v > max) {
            error = badParameter(QLatin1String(name), QStringLiteral("must be an integer from %1 to %2, got '%3'")
                                                          .arg(min).arg(max).arg(text(name)));
            return fallback;
        }
        return int(v);
    }
    double number(const char *name, double fallback, double min, double max)
    {
        if (!has(name) || error)
            return fallback;
        bool ok = false;
        const double v = text(name).toDouble(&ok);
        if (!ok || !(v >= min && v <= max)) { // NaN fails both
            error = badParameter(QLatin1String(name), QStringLiteral("must be a number from %1 to %2, got '%3'")
                                                          .arg(min).arg(max).arg(text(name).left(80)));
            return fallback;
        }
        return v;
    }
    std::optional<qint64> time(const char *name)
    {
        if (!has(name) || error)
            return std::nullopt;
        const auto v = nanosFromIso(text(name));
        if (!v)
            error = badParameter(QLatin1String(name),
                                 QStringLiteral("must be an ISO 8601 time such as 2025-01-01T00:00:00Z, got '%1'")
                                     .arg(text(name)));
        return v;
    }
    // One of `allowed`; absent: `fallback`.
    QString choice(const char *name, const QStringList &allowed, const QString &fallback)
    {
        if (!has(name) || error)
            return fallback;
        const QString v = text(name);
        if (!allowed.contains(v))
            error = badParameter(QLatin1String(name), QStringLiteral("must be one of %1, got '%2'")
                                                          .arg(allowed.join(QStringLiteral(", ")), v.left(80)));
        return v;
    }
    std::optional<qint64> millisAsNanos(const char *name)
    {
        if (!has(name) || error)
            return std::nullopt;
        bool ok = false;
        const double ms = text(name).toDouble(&ok);
        if (!ok || ms < 0 || ms > 1e12 || !std::isfinite(ms)) {
            error = badParameter(QLatin1String(name),
                                 QStringLiteral("must be a non-negative number of milliseconds, got '%1'").arg(text(name)));
            return std::nullopt;
        }
        return qint64(std::llround(ms * 1e6)); // "0.000498" is 498 ns, not 497
    }
};

inline HttpResponse notFound(const QString &what)
{
    return HttpResponse::error(404, QStringLiteral("not_found"), what);
}

} // namespace spanlight
