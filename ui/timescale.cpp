#include "timescale.h"

#include <algorithm>
#include <limits>

namespace spanlight {

TimeScale::TimeScale(qint64 startNs, qint64 endNs) : m_startNs(startNs), m_endNs(std::max(startNs, endNs)) { }

double TimeScale::fractionAt(qint64 timeNs) const
{
    const qint64 duration = durationNs();
    if (duration <= 0)
        return 0;
    return std::clamp(double(timeNs - m_startNs) / double(duration), 0.0, 1.0);
}

double TimeScale::widthFraction(qint64 fromNs, qint64 toNs) const
{
    if (durationNs() <= 0)
        return 1;
    return std::max(0.0, fractionAt(toNs) - fractionAt(fromNs));
}

qint64 TimeScale::timeAt(double fraction) const
{
    const double f = std::clamp(fraction, 0.0, 1.0);
    return m_startNs + qint64(f * double(durationNs()) + 0.5);
}

qint64 TimeScale::niceStep(qint64 durationNs, int maxTicks)
{
    if (durationNs <= 0 || maxTicks <= 0)
        return 0;
    constexpr qint64 max = std::numeric_limits<qint64>::max();
    for (qint64 magnitude = 1;; magnitude *= 10) {
        for (const qint64 factor : {1, 2, 5}) {
            const qint64 step = factor * magnitude;
            // At most maxTicks intervals: ceil(duration / step) <= maxTicks.
            if (durationNs / step < maxTicks || (durationNs / step == maxTicks && durationNs % step == 0))
                return step;
        }
        if (magnitude > max / 10)
            return durationNs; // unreachable for real durations; one interval covers it
    }
}

QList<TimeTick> TimeScale::ticks(int maxTicks) const
{
    return ticksBetween(m_startNs, m_endNs, maxTicks);
}

QList<TimeTick> TimeScale::ticksBetween(qint64 fromNs, qint64 toNs, int maxTicks) const
{
    const qint64 from = std::clamp(fromNs, m_startNs, m_endNs);
    const qint64 to = std::clamp(toNs, from, m_endNs);
    QList<TimeTick> out;
    const qint64 step = niceStep(to - from, maxTicks);
    if (step <= 0) {
        out.append({from - m_startNs, 0});
        return out;
    }
    const qint64 first = (from - m_startNs + step - 1) / step * step; // offsets are never negative
    const double width = double(to - from);
    for (qint64 offset = first; offset <= to - m_startNs; offset += step)
        out.append({offset, double(m_startNs + offset - from) / width});
    return out;
}

} // namespace spanlight
