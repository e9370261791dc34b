#pragma once

#include <QByteArray>
#include <QList>

#include <algorithm>
#include <cmath>

namespace spanlight::demo {

// splitmix64: small, fast and fully determined by the seed, so a seed names a workload.
class Rng
{
public:
    explicit Rng(quint64 seed)
        : m_state(seed)
    { }
    quint64 next()
    {
        quint64 x = (m_state += 0x9E3779B97F4A7C15ull);
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
        return x ^ (x >> 31);
    }
    double uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
    int between(int lo, int hi) { return lo + int(next() % quint64(hi - lo + 1)); }
    bool chance(double p) { return uniform() < p; }
    double normal()
    {
        const double u = std::max(uniform(), 1e-12);
        return std::sqrt(-2.0 * std::log(u)) * std::cos(6.283185307179586 * uniform());
    }
    // A log-normal duration around `medianMs`; now and then a slow outlier of 10-80 times it.
    qint64 durationNs(double medianMs, double sigma = 0.5)
    {
        double ms = medianMs * std::exp(sigma * normal());
        if (chance(0.004))
            ms *= 10 + 70 * uniform();
        return std::max<qint64>(1000, qint64(ms * 1e6));
    }
    QByteArray bytes(int n)
    {
        QByteArray out(n, Qt::Uninitialized);
        for (int i = 0; i < n; i += 8) {
            const quint64 v = next();
            for (int b = 0; b < 8 && i + b < n; ++b)
                out[i + b] = char((v >> (8 * b)) & 0xff);
        }
        return out;
    }
    template<typename T> const T &pick(const QList<T> &list)
    {
        return list.at(qsizetype(next() % quint64(list.size())));
    }

private:
    quint64 m_state;
};

} // namespace spanlight::demo
