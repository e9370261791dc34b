#pragma once

#include "core/span.h"
#include "storage/store.h"

#include <QList>
#include <QString>

#include <optional>

namespace spanlight::demo {

// A small, steady, seeded shop for the insight analyses, with faults that can be switched on:
//   frontend  GET /checkout (SERVER root)
//     checkout  POST /checkout (SERVER, service.version 1.4.0) -> inventory reserve (SERVER)
//       -> inventory-db UPDATE stock (CLIENT, db.system postgresql), then payment charge (SERVER)
//   frontend  GET /cart (SERVER root)
//     cart  GET /cart/items (SERVER) -> cart-db SELECT items (CLIENT) once
// Traces alternate between the two entries, evenly spread, durations +-10% around fixed means,
// no errors. The faults:
//   versionChangeNs  from then on checkout runs 1.5.0 and POST /checkout spends 120 ms more itself;
//   errorBurst       UPDATE stock fails with DeadlockDetected (60% of calls) in [from, to), and the
//                    failure propagates up to the root;
//   nPlusOne         GET /cart/items runs SELECT item once per cart item, 12 times in sequence.
struct FaultWorkload
{
    qint64 fromNs = 0;
    qint64 toNs = 0;
    int tracesPerMinute = 40;
    quint64 seed = 7;
    std::optional<qint64> versionChangeNs;
    std::optional<std::pair<qint64, qint64>> errorBurst;
    bool nPlusOne = false;

    static constexpr double kVersionStepMs = 120;
    static constexpr int kNPlusOneCalls = 12;

    QList<QList<Span>> traces() const; // in start order
    // Writes every trace through `store`, in batches, waiting for each commit.
    bool writeTo(Store &store, QString *error) const;
};

} // namespace spanlight::demo
