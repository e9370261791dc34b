#include "walcheckpointer.h"

#include "core/logging.h"
#include "statement.h"

#include <sqlite3.h>

namespace spanlight::storage {

std::unique_ptr<WalCheckpointer> WalCheckpointer::start(const QString &sqlitePath, QString *error)
{
    sqlite3 *connection = nullptr;
    const int rc
        = sqlite3_open_v2(sqlitePath.toUtf8().constData(), &connection, SQLITE_OPEN_READWRITE, nullptr);
    if (rc != SQLITE_OK) {
        *error = QString::fromUtf8(connection ? sqlite3_errmsg(connection) : sqlite3_errstr(rc));
        sqlite3_close(connection);
        return nullptr;
    }
    return std::unique_ptr<WalCheckpointer>(new WalCheckpointer(connection));
}

WalCheckpointer::WalCheckpointer(sqlite3 *connection)
    : m_connection(connection)
{
    m_thread = std::thread([this] { run(); });
}

WalCheckpointer::~WalCheckpointer()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join();
    sqlite3_close(m_connection);
}

void WalCheckpointer::attach(const QSqlDatabase &writer)
{
    if (sqlite3 *handle = sqliteHandle(writer))
        sqlite3_wal_hook(handle, &WalCheckpointer::onCommit, this);
}

void WalCheckpointer::detach(const QSqlDatabase &writer)
{
    if (sqlite3 *handle = sqliteHandle(writer))
        sqlite3_wal_hook(handle, nullptr, nullptr);
}

int WalCheckpointer::onCommit(void *self, sqlite3 *writer, const char *database, int walPages)
{
    // Called by the writer after each commit, with the frames now in the WAL.
    auto *checkpointer = static_cast<WalCheckpointer *>(self);
    if (walPages >= kRestartPages && !checkpointer->m_running) {
        // Cheap unless the thread is far behind; SQLITE_BUSY if it has just started: next commit.
        sqlite3_wal_checkpoint_v2(writer, database, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    } else if (walPages >= kBackgroundPages) {
        {
            std::lock_guard lock(checkpointer->m_mutex);
            checkpointer->m_requested = true;
        }
        checkpointer->m_wake.notify_one();
    }
    return SQLITE_OK;
}

void WalCheckpointer::run()
{
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_requested || m_stopping; });
            if (m_stopping)
                return;
            m_requested = false;
        }
        // Passive: copies what is committed, never blocks the writer or readers.
        m_running = true;
        const int rc
            = sqlite3_wal_checkpoint_v2(m_connection, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        m_running = false;
        if (rc != SQLITE_OK && rc != SQLITE_BUSY)
            qCWarning(lcStorage).noquote() << "WAL checkpoint failed:" << sqlite3_errmsg(m_connection);
    }
}

} // namespace spanlight::storage
