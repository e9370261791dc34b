#include "timeformat.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QTimeZone>

namespace spanlight {

QString isoFromNanos(qint64 unixNanos)
{
    qint64 secs = unixNanos / 1000000000;
    qint64 rem = unixNanos % 1000000000;
    if (rem < 0) {
        rem += 1000000000;
        --secs;
    }
    const QDateTime dt = QDateTime::fromSecsSinceEpoch(secs, QTimeZone::utc());
    return dt.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + u'.'
        + QStringLiteral("%1").arg(rem / 1000, 6, 10, QLatin1Char('0')) + u'Z';
}

std::optional<qint64> nanosFromIso(const QString &text)
{
    static const QRegularExpression re(QStringLiteral(
        R"(^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$)"));
    const QRegularExpressionMatch m = re.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    if (!date.isValid())
        return std::nullopt;
    const bool hasTime = m.capturedLength(4) > 0;
    if (hasTime && m.capturedLength(8) == 0)
        return std::nullopt; // a time without a zone is ambiguous: refuse it rather than guess
    const QTime time(hasTime ? m.captured(4).toInt() : 0, hasTime ? m.captured(5).toInt() : 0,
                     m.capturedLength(6) ? m.captured(6).toInt() : 0);
    if (!time.isValid())
        return std::nullopt;
    int offsetSecs = 0;
    const QString zone = m.captured(8);
    if (!zone.isEmpty() && zone != u"Z") {
        QString digits = zone.mid(1);
        digits.remove(u':');
        const int hh = digits.left(2).toInt();
        const int mm = digits.mid(2, 2).toInt();
        if (hh > 23 || mm > 59)
            return std::nullopt;
        offsetSecs = (hh * 3600 + mm * 60) * (zone.startsWith(u'-') ? -1 : 1);
    }
    const QDateTime dt(date, time, QTimeZone::utc());
    qint64 nanos = (dt.toSecsSinceEpoch() - offsetSecs) * 1000000000;
    if (m.capturedLength(7)) {
        QString frac = m.captured(7);
        frac = frac.leftJustified(9, u'0');
        nanos += frac.toLongLong();
    }
    return nanos;
}

} // namespace spanlight
