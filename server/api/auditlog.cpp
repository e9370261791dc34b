#include "auditlog.h"

#include "core/logging.h"

#include <QDateTime>

namespace spanlight {

QString auditOutcome(const AccessCheck &check)
{
    switch (check.result) {
    case AccessCheck::Result::Allowed:
        return QStringLiteral("allowed");
    case AccessCheck::Result::Missing:
        return QStringLiteral("denied: no token");
    case AccessCheck::Result::Invalid:
        return QStringLiteral("denied: ") + check.message;
    case AccessCheck::Result::Forbidden:
        return QStringLiteral("denied: the role may not do this");
    }
    return {};
}

AuditLog::AuditLog(Store &store)
    : m_store(store), m_thread([this] { run(); })
{
}

AuditLog::~AuditLog()
{
    {
        std::lock_guard lock(m_wakeMutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join(); // its last flush writes what is pending
}

void AuditLog::record(const AccessCheck &check, const QString &action, const QString &remote)
{
    const bool known = check.result == AccessCheck::Result::Allowed || check.result == AccessCheck::Result::Forbidden;
    AuditEntry e;
    e.timeNs = e.lastNs = QDateTime::currentMSecsSinceEpoch() * 1000000;
    e.actor = known ? check.principal.name : QStringLiteral("-");
    e.role = known ? roleName(check.principal.role) : QString();
    e.action = action;
    e.outcome = auditOutcome(check);
    e.remote = remote;
    const QString key = e.actor + u'\x1f' + e.role + u'\x1f' + e.action + u'\x1f' + e.outcome + u'\x1f' + e.remote;
    const QMutexLocker lock(&m_mutex);
    auto it = m_pending.find(key);
    if (it != m_pending.end()) {
        it->lastNs = e.lastNs;
        ++it->count;
    } else if (m_pending.size() < kMaxPending) {
        m_pending.insert(key, e);
    } else {
        ++m_overflow;
    }
}

void AuditLog::flush()
{
    QList<AuditEntry> rows;
    qint64 overflow = 0;
    {
        const QMutexLocker lock(&m_mutex);
        rows = m_pending.values();
        m_pending.clear();
        std::swap(overflow, m_overflow);
    }
    if (overflow > 0) {
        AuditEntry e;
        e.timeNs = e.lastNs = QDateTime::currentMSecsSinceEpoch() * 1000000;
        e.actor = QStringLiteral("-");
        e.action = QStringLiteral("audit");
        e.outcome = QStringLiteral("denied: more distinct events in one second than the audit log keeps; counted only");
        e.count = overflow;
        rows.append(e);
    }
    if (rows.isEmpty())
        return;
    std::sort(rows.begin(), rows.end(), [](const AuditEntry &a, const AuditEntry &b) { return a.timeNs < b.timeNs; });
    QString error;
    if (!m_store.appendAudit(rows, &error))
        qCWarning(lcServer).noquote() << "cannot write" << rows.size() << "audit rows:" << error;
}

void AuditLog::run()
{
    std::unique_lock lock(m_wakeMutex);
    while (!m_stop) {
        m_wake.wait_for(lock, std::chrono::seconds(1), [this] { return m_stop; });
        lock.unlock();
        flush();
        lock.lock();
    }
}

} // namespace spanlight
