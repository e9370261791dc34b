#pragma once

#include <QLockFile>
#include <QString>

#include <memory>

namespace spanlight {

// Copies of a SQLite store, for `spanlightd backup` and `spanlightd restore`. PostgreSQL is
// refused with a pointer to pg_dump (docs/operations.md).
struct BackupResult
{
    bool ok = false;
    QString error; // names the file and what is wrong
    int schemaVersion = 0; // of the copy
    qint64 bytes = 0; // size of the copy
};

// Writes a consistent copy of the database of `databaseUrl` to `file` (which must not exist)
// with SQLite's online backup, in one step: one read snapshot, so writers (a running server's
// ingest) go on meanwhile and the copy holds exactly the commits before it began.
BackupResult backupDatabase(const QString &databaseUrl, const QString &file);

// Replaces the database of `databaseUrl` with the copy in `file`, after checking that the copy is
// a sound Spanlight database (integrity check, a schema version this build knows). The caller
// must make sure no server uses the database (see lockDatabase()).
BackupResult restoreDatabase(const QString &file, const QString &databaseUrl);

// A SQLite database is used by one Spanlight process at a time: an exclusive lock on a file
// beside it (`<path>.lock`, holding the pid for the message), which the kernel drops when the
// process ends however it ends (a crash, SIGKILL, a container's PID 1 restarted).
class DatabaseLock
{
public:
    ~DatabaseLock();
    DatabaseLock(const DatabaseLock &) = delete;
    DatabaseLock &operator=(const DatabaseLock &) = delete;

private:
    friend std::unique_ptr<DatabaseLock> lockDatabase(const QString &, QString *);
    DatabaseLock() = default;
    int m_fd = -1;
    std::unique_ptr<QLockFile> m_fallback; // where there is no flock()
};

// Returns the held lock; null with `error` set when another process holds it; null without an
// error for PostgreSQL, which many servers share.
std::unique_ptr<DatabaseLock> lockDatabase(const QString &databaseUrl, QString *error);

} // namespace spanlight
