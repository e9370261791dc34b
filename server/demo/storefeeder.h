#pragma once

#include "core/span.h"
#include "storage/store.h"

#include <QFuture>
#include <QList>
#include <QString>

#include <deque>

namespace spanlight::demo {

struct Shop;

// Writes generated traces through a Store as the shop's services would export them: the spans
// added since the last flush() go per service (an SDK exports per process, so one trace reaches
// the store in several writes) in batches of at most `batchSize`, with at most `inFlight`
// writes outstanding.
class StoreFeeder
{
public:
    StoreFeeder(Store &store, const Shop &shop, int batchSize = 500, int inFlight = 8);

    void add(QList<Span> trace);
    // Queues what was added since the last flush(); waits only while `inFlight` writes are out.
    void flush();
    // Flushes and waits for every write. False when a write failed (see firstError()).
    bool finish();

    qint64 written() const { return m_written; }
    qint64 batches() const { return m_batches; }
    qint64 failedWrites() const { return m_failedWrites; }
    QString firstError() const { return m_firstError; }

private:
    void settle(size_t keep);

    Store &m_store;
    const Shop &m_shop;
    int m_batchSize;
    int m_inFlight;
    QList<QList<Span>> m_perService;
    std::deque<QFuture<WriteResult>> m_pending;
    qint64 m_written = 0;
    qint64 m_batches = 0;
    qint64 m_failedWrites = 0;
    QString m_firstError;
};

} // namespace spanlight::demo
