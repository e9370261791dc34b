#pragma once

#include <QList>
#include <QtGlobal>

namespace spanlight {

// One labelled mark of a time ruler: an offset from the scale's start and where it falls.
struct TimeTick
{
    qint64 offsetNs = 0;
    double fraction = 0;
    bool operator==(const TimeTick &) const = default;
};

// Maps absolute nanosecond times of one trace onto [0, 1] of the waterfall's width and back.
// A zero-length trace maps every time to 0 and gives its spans the full width, so that a
// trace of instant spans still shows bars.
class TimeScale
{
public:
    TimeScale() = default;
    TimeScale(qint64 startNs, qint64 endNs);

    qint64 startNs() const { return m_startNs; }
    qint64 endNs() const { return m_endNs; }
    qint64 durationNs() const { return m_endNs - m_startNs; }

    double fractionAt(qint64 timeNs) const; // clamped to [0, 1]
    double widthFraction(qint64 fromNs, qint64 toNs) const; // clamped, never negative
    qint64 timeAt(double fraction) const; // inverse of fractionAt, clamped

    // Ticks at a "nice" step (1, 2 or 5 times a power of ten nanoseconds) so that at most
    // `maxTicks` intervals cover the scale; the first tick is at offset 0.
    QList<TimeTick> ticks(int maxTicks) const;
    // Ticks over a part of the scale, [fromNs, toNs] (clamped to it): a nice step for that part,
    // marks at the multiples of the step from the scale's start that fall inside, each with its
    // offset from the scale's start and its fraction of the part (0 at fromNs, 1 at toNs).
    // ticksBetween(startNs(), endNs(), n) is ticks(n).
    QList<TimeTick> ticksBetween(qint64 fromNs, qint64 toNs, int maxTicks) const;
    static qint64 niceStep(qint64 durationNs, int maxTicks);

private:
    qint64 m_startNs = 0;
    qint64 m_endNs = 0;
};

} // namespace spanlight
