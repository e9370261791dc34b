#pragma once

#include <QSqlDatabase>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

struct sqlite3;

// Private to the storage library: moves SQLite's WAL checkpoints off the writer's commit path.
namespace spanlight::storage {

// Runs passive checkpoints of one SQLite database on its own thread and connection. attach()
// replaces the writer connection's auto-checkpoint with a hook that wakes this thread, so the
// bulk of the copying no longer delays a commit (and the export waiting for it).
//
// A passive checkpoint rarely catches up with a busy writer, and SQLite only starts the WAL
// over when every frame has been copied. So once the WAL is kRestartPages long, the writer itself
// checkpoints while this thread is idle: little is left to copy, and the WAL restarts at the
// next commit. That bounds it to about 170 MB. (At 8,000 pages the writer's own checkpoints,
// mostly fdatasync, came back often enough to cost most of the gain: p99 115-123 ms.)
class WalCheckpointer
{
public:
    // Opens the checkpoint connection; returns null (and the writer keeps SQLite's own
    // auto-checkpoint) if that fails.
    static std::unique_ptr<WalCheckpointer> start(const QString &sqlitePath, QString *error);
    ~WalCheckpointer(); // stops the thread; detach() every connection first

    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    // Hooks the open writer connection (after its pragmas: PRAGMA wal_autocheckpoint would
    // replace the hook). detach() before that connection closes or this object goes away.
    void attach(const QSqlDatabase &writer);
    void detach(const QSqlDatabase &writer);

    static constexpr int kBackgroundPages = 2000; // wake the thread once the WAL holds 8 MB (4 KiB pages)
    static constexpr int kRestartPages = 40000; // about 170 MB with frame headers

private:
    explicit WalCheckpointer(sqlite3 *connection);
    static int onCommit(void *self, sqlite3 *writer, const char *database, int walPages);
    void run();

    sqlite3 *m_connection;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_requested = false;
    bool m_stopping = false;
    std::atomic<bool> m_running = false;
    std::thread m_thread;
};

} // namespace spanlight::storage
