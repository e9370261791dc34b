#pragma once

#include "core/accesscontrol.h"
#include "storage/store.h"

#include <QHash>
#include <QMutex>

#include <condition_variable>
#include <mutex>
#include <thread>

namespace spanlight {

// The audit log's writer: refusals and admin actions are recorded from any thread (listeners,
// gRPC, the API pool) without waiting for the database; once a second, a thread of its own
// writes what came in, repeats of the same (actor, role, action, outcome, remote) as one row
// with a count. At most kMaxPending distinct rows wait; beyond that, repeats are only counted.
class AuditLog
{
public:
    static constexpr int kMaxPending = 1000;

    explicit AuditLog(Store &store);
    ~AuditLog(); // writes what is pending

    void record(const AccessCheck &check, const QString &action, const QString &remote);
    void flush(); // writes what is pending now (the thread calls it once a second)

private:
    void run();

    Store &m_store;
    QMutex m_mutex;
    QHash<QString, AuditEntry> m_pending;
    qint64 m_overflow = 0; // records refused while kMaxPending rows waited
    std::mutex m_wakeMutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::thread m_thread;
};

// The outcome text of a check: "allowed", or "denied: " and why (never a token).
QString auditOutcome(const AccessCheck &check);

} // namespace spanlight
