#include "guards.h"

#include <QDateTime>
#include <QJsonArray>

#include <cmath>

namespace spanlight {

bool sampleTrace(const QByteArray &traceId, double rate)
{
    if (rate >= 1.0)
        return true;
    if (rate <= 0.0 || traceId.size() != 16)
        return false;
    quint64 low = 0;
    for (int i = 9; i < 16; ++i) // bytes 9..15: the low 56 bits
        low = (low << 8) | quint8(traceId[i]);
    const double threshold = rate * double(quint64(1) << 56);
    return double(low) < threshold;
}

bool alwaysKeep(const Span &span)
{
    return isErrorSpan(span) || span.attributes.value(QLatin1String("zipkin.debug")).toBool();
}

namespace {

// Truncates string values longer than `max` characters, also inside arrays; returns how many.
qint64 truncateValues(QJsonObject &attributes, int max, QStringList *keys)
{
    qint64 count = 0;
    for (auto it = attributes.begin(); it != attributes.end(); ++it) {
        QJsonValue v = it.value();
        bool changed = false;
        if (v.isString() && v.toString().size() > max) {
            v = v.toString().left(max);
            changed = true;
        } else if (v.isArray()) {
            QJsonArray array = v.toArray();
            for (auto e = array.begin(); e != array.end(); ++e) {
                if ((*e).isString() && (*e).toString().size() > max) {
                    *e = (*e).toString().left(max);
                    changed = true;
                }
            }
            if (changed)
                v = array;
        }
        if (changed) {
            it.value() = v;
            ++count;
            if (keys)
                keys->append(it.key());
        }
    }
    return count;
}

} // namespace

LimitEffects applySpanLimits(SpanBatch &batch, const IngestLimits &limits)
{
    LimitEffects effects;
    if (limits.maxSpansPerRequest > 0 && batch.spans.size() > limits.maxSpansPerRequest) {
        const qsizetype extra = batch.spans.size() - limits.maxSpansPerRequest;
        batch.spans.resize(limits.maxSpansPerRequest);
        batch.rejectedSpans += extra;
        effects.spansOverRequestLimit = extra;
        batch.rejectReasons.append(QStringLiteral("more than %1 spans in one request (MAX_SPANS_PER_REQUEST)")
                                       .arg(limits.maxSpansPerRequest));
    }
    static const QString flagKey = QStringLiteral("spanlight.truncated_attributes");
    for (Span &span : batch.spans) {
        if (limits.maxAttributesPerSpan > 0 && span.attributes.size() > limits.maxAttributesPerSpan) {
            // Keep the first keys in order (QJsonObject is sorted by key): deterministic.
            const qsizetype extra = span.attributes.size() - limits.maxAttributesPerSpan;
            while (span.attributes.size() > limits.maxAttributesPerSpan)
                span.attributes.erase(span.attributes.end() - 1);
            span.droppedAttributesCount += quint32(extra);
            effects.attributesDropped += extra;
        }
        if (limits.maxAttributeValueLength <= 0)
            continue;
        QStringList truncated;
        effects.valuesTruncated += truncateValues(span.attributes, limits.maxAttributeValueLength, &truncated);
        for (SpanEvent &event : span.events)
            effects.valuesTruncated += truncateValues(event.attributes, limits.maxAttributeValueLength, nullptr);
        effects.valuesTruncated += truncateValues(span.resourceAttributes, limits.maxAttributeValueLength, nullptr);
        if (!truncated.isEmpty())
            span.attributes.insert(flagKey, QJsonArray::fromStringList(truncated));
    }
    return effects;
}

TraceRateLimiter::TraceRateLimiter(qint64 tracesPerSecond, std::function<qint64()> nowMs)
    : m_rate(tracesPerSecond)
    , m_nowMs(nowMs ? std::move(nowMs) : [] { return QDateTime::currentMSecsSinceEpoch(); })
    , m_tokens(double(tracesPerSecond))
{
    m_lastMs = m_generationStartMs = m_nowMs();
}

void TraceRateLimiter::refill(qint64 now)
{
    if (now > m_lastMs) {
        m_tokens = std::min(double(m_rate), m_tokens + double(now - m_lastMs) * double(m_rate) / 1000.0);
        m_lastMs = now;
    }
    while (now - m_generationStartMs >= 1000) {
        m_previous = std::move(m_recent);
        m_recent.clear();
        m_generationStartMs += 1000;
        if (now - m_generationStartMs >= 1000) { // idle for longer: forget everything
            m_previous.clear();
            m_generationStartMs = now;
        }
    }
}

int TraceRateLimiter::admit(const QList<Span> &spans)
{
    if (m_rate <= 0)
        return 0;
    QMutexLocker lock(&m_mutex);
    refill(m_nowMs());
    QSet<QByteArray> fresh;
    for (const Span &s : spans)
        if (!m_recent.contains(s.traceId) && !m_previous.contains(s.traceId))
            fresh.insert(s.traceId);
    if (fresh.isEmpty())
        return 0;
    const double need = double(fresh.size());
    // A request with more new traces than a whole second's budget passes on a full bucket,
    // so that no request can be refused forever.
    const double cost = std::min(need, double(m_rate));
    if (m_shared) {
        // Not under the lock: a round trip to Redis must not serialise every receiver.
        lock.unlock();
        const std::optional<int> wait = m_shared(qint64(cost), m_rate);
        if (wait) {
            if (*wait > 0) {
                ++m_decisions.sharedLimited;
                return *wait;
            }
            ++m_decisions.sharedAdmitted;
            lock.relock();
            for (const QByteArray &id : std::as_const(fresh))
                m_recent.insert(id);
            return 0;
        }
        ++m_decisions.fallbacks;
        lock.relock();
        refill(m_nowMs());
    }
    if (cost > m_tokens) {
        ++m_decisions.localLimited;
        const double missing = cost - m_tokens;
        return std::max(1, int(std::ceil(missing / double(m_rate))));
    }
    ++m_decisions.localAdmitted;
    m_tokens -= cost;
    for (const QByteArray &id : std::as_const(fresh))
        m_recent.insert(id);
    return 0;
}

} // namespace spanlight
