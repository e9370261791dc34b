#include "storefeeder.h"

#include "shop.h"

#include <algorithm>

namespace spanlight::demo {

StoreFeeder::StoreFeeder(Store &store, const Shop &shop, int batchSize, int inFlight)
    : m_store(store)
    , m_shop(shop)
    , m_batchSize(std::max(1, batchSize))
    , m_inFlight(std::max(1, inFlight))
    , m_perService(shop.services.size())
{ }

void StoreFeeder::add(QList<Span> trace)
{
    for (Span &s : trace)
        m_perService[m_shop.serviceIndex.value(s.serviceName)].append(std::move(s));
}

void StoreFeeder::flush()
{
    for (QList<Span> &spans : m_perService) {
        for (qsizetype from = 0; from < spans.size(); from += m_batchSize) {
            settle(size_t(m_inFlight - 1));
            m_pending.push_back(m_store.write(spans.mid(from, m_batchSize)));
            ++m_batches;
        }
        spans.clear();
    }
}

bool StoreFeeder::finish()
{
    flush();
    settle(0);
    return m_failedWrites == 0;
}

void StoreFeeder::settle(size_t keep)
{
    while (m_pending.size() > keep) {
        const WriteResult r = m_pending.front().result();
        m_pending.pop_front();
        if (!r.ok()) {
            if (m_failedWrites++ == 0)
                m_firstError = r.error.isEmpty() ? QStringLiteral("the store refused a write") : r.error;
        }
        m_written += r.spansWritten;
    }
}

} // namespace spanlight::demo
