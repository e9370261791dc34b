#include "backup.h"

#include "dialect.h"
#include "migrations.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sqlite3.h>

#include <cerrno>
#include <cstring>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#endif

namespace spanlight {

namespace {

// One sqlite3 handle, closed on every path.
class Handle
{
public:
    Handle(const QString &path, int flags) { m_rc = sqlite3_open_v2(path.toUtf8().constData(), &m_db, flags, nullptr); }
    ~Handle() { sqlite3_close_v2(m_db); }
    Handle(const Handle &) = delete;
    Handle &operator=(const Handle &) = delete;
    bool ok() const { return m_rc == SQLITE_OK; }
    sqlite3 *get() const { return m_db; }
    QString error() const { return m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QStringLiteral("out of memory"); }

private:
    sqlite3 *m_db = nullptr;
    int m_rc = SQLITE_ERROR;
};

// The first column of the first row of `sql`, as text; nullopt when the statement fails.
std::optional<QString> scalar(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK)
        return std::nullopt;
    std::optional<QString> out;
    const int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        out = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
    else if (rc == SQLITE_DONE)
        out = QString();
    sqlite3_finalize(stmt);
    return out;
}

// Copies every page of `from` into `to` in one step (one read snapshot of `from`).
bool copyPages(sqlite3 *from, sqlite3 *to, QString *error)
{
    sqlite3_backup *backup = sqlite3_backup_init(to, "main", from, "main");
    if (!backup) {
        *error = QString::fromUtf8(sqlite3_errmsg(to));
        return false;
    }
    int rc = SQLITE_OK;
    // A writer holding the lock for a moment makes a step answer BUSY; retry a bounded number of times.
    for (int attempt = 0; attempt < 600; ++attempt) {
        rc = sqlite3_backup_step(backup, -1);
        if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
            break;
        sqlite3_sleep(100);
    }
    const int finish = sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE || finish != SQLITE_OK) {
        *error = QString::fromUtf8(sqlite3_errstr(rc != SQLITE_DONE ? rc : finish));
        return false;
    }
    return true;
}

// The copy's schema version, after an integrity check; 0 with `error` set when it is not sound.
int checkedSchemaVersion(sqlite3 *db, const QString &file, QString *error)
{
    const std::optional<QString> check = scalar(db, "PRAGMA quick_check");
    if (!check || *check != u"ok") {
        *error = QStringLiteral("%1 is not a sound SQLite database (%2)")
                     .arg(file, check ? *check : QString::fromUtf8(sqlite3_errmsg(db)));
        return 0;
    }
    const std::optional<QString> version = scalar(db, "SELECT MAX(version) FROM schema_version");
    if (!version || version->toInt() <= 0) {
        *error = QStringLiteral("%1 is not a Spanlight database (no schema_version)").arg(file);
        return 0;
    }
    if (version->toInt() > storage::latestSchemaVersion()) {
        *error = QStringLiteral("%1 has schema version %2, newer than this Spanlight supports (%3)")
                     .arg(file, *version)
                     .arg(storage::latestSchemaVersion());
        return 0;
    }
    return version->toInt();
}

std::optional<QString> sqlitePathOf(const QString &databaseUrl, QString *error)
{
    const std::optional<storage::DatabaseTarget> target = storage::parseDatabaseUrl(databaseUrl, error);
    if (!target)
        return std::nullopt;
    if (target->dialect != storage::Dialect::Sqlite) {
        *error = QStringLiteral("backup and restore are for SQLite; for PostgreSQL use pg_dump and pg_restore "
                                "(docs/operations.md, \"Backup and restore\")");
        return std::nullopt;
    }
    return target->sqlitePath;
}

} // namespace

DatabaseLock::~DatabaseLock()
{
#ifdef Q_OS_UNIX
    if (m_fd >= 0)
        ::close(m_fd); // releases the flock
#endif
}

std::unique_ptr<DatabaseLock> lockDatabase(const QString &databaseUrl, QString *error)
{
    QString unused;
    const std::optional<storage::DatabaseTarget> target = storage::parseDatabaseUrl(databaseUrl, &unused);
    if (!target || target->dialect != storage::Dialect::Sqlite)
        return nullptr;
    QDir().mkpath(QFileInfo(target->sqlitePath).absolutePath());
    const QString path = target->sqlitePath + QStringLiteral(".lock");
    std::unique_ptr<DatabaseLock> lock(new DatabaseLock);
#ifdef Q_OS_UNIX
    lock->m_fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lock->m_fd < 0) {
        *error = QStringLiteral("cannot create the lock file %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        return nullptr;
    }
    if (::flock(lock->m_fd, LOCK_EX | LOCK_NB) != 0) {
        char text[32] = {};
        const ssize_t n = ::pread(lock->m_fd, text, sizeof text - 1, 0);
        const QByteArray pid = n > 0 ? QByteArray(text, int(n)).trimmed() : QByteArray("unknown");
        *error = QStringLiteral("%1 is in use by another Spanlight process (pid %2); stop it first")
                     .arg(target->sqlitePath, QString::fromLatin1(pid));
        return nullptr;
    }
    const QByteArray pid = QByteArray::number(QCoreApplication::applicationPid()) + '\n';
    if (::ftruncate(lock->m_fd, 0) != 0 || ::pwrite(lock->m_fd, pid.constData(), size_t(pid.size()), 0) < 0)
        qWarning("cannot write the pid into %s", qPrintable(path)); // the lock holds all the same
#else
    lock->m_fallback = std::make_unique<QLockFile>(path);
    lock->m_fallback->setStaleLockTime(0);
    if (!lock->m_fallback->tryLock(0)) {
        *error = QStringLiteral("%1 is in use by another Spanlight process; stop it first").arg(target->sqlitePath);
        return nullptr;
    }
#endif
    return lock;
}

BackupResult backupDatabase(const QString &databaseUrl, const QString &file)
{
    BackupResult r;
    const std::optional<QString> source = sqlitePathOf(databaseUrl, &r.error);
    if (!source)
        return r;
    if (!QFileInfo::exists(*source)) {
        r.error = QStringLiteral("there is no database at %1").arg(*source);
        return r;
    }
    if (QFileInfo::exists(file)) {
        r.error = QStringLiteral("%1 exists already; back up to a new file").arg(file);
        return r;
    }
    {
        const Handle from(*source, SQLITE_OPEN_READONLY);
        if (!from.ok()) { // before the copy's file exists
            r.error = QStringLiteral("cannot open %1: %2").arg(*source, from.error());
            return r;
        }
        const Handle to(file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        if (!to.ok()) {
            r.error = QStringLiteral("cannot open %1: %2").arg(file, to.error());
            QFile::remove(file);
            return r;
        }
        sqlite3_busy_timeout(from.get(), 10000);
        if (!copyPages(from.get(), to.get(), &r.error)) {
            r.error = QStringLiteral("backup of %1 to %2 failed: %3").arg(*source, file, r.error);
        } else {
            // The copy is a single file: no WAL beside it.
            scalar(to.get(), "PRAGMA journal_mode=DELETE");
            r.schemaVersion = checkedSchemaVersion(to.get(), file, &r.error);
            r.ok = r.schemaVersion > 0;
        }
    }
    if (!r.ok)
        QFile::remove(file);
    else
        r.bytes = QFileInfo(file).size();
    return r;
}

BackupResult restoreDatabase(const QString &file, const QString &databaseUrl)
{
    BackupResult r;
    const std::optional<QString> target = sqlitePathOf(databaseUrl, &r.error);
    if (!target)
        return r;
    const Handle from(file, SQLITE_OPEN_READONLY);
    if (!from.ok() || !QFileInfo::exists(file)) {
        r.error = QStringLiteral("cannot open %1: %2").arg(file, QFileInfo::exists(file) ? from.error() : QStringLiteral("no such file"));
        return r;
    }
    r.schemaVersion = checkedSchemaVersion(from.get(), file, &r.error);
    if (r.schemaVersion == 0)
        return r;
    // Into the live file through SQLite (not a file copy), so that its WAL is taken care of; a
    // failure rolls the target back to what it was.
    const Handle to(*target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!to.ok()) {
        r.error = QStringLiteral("cannot open %1: %2").arg(*target, to.error());
        return r;
    }
    sqlite3_busy_timeout(to.get(), 10000);
    if (!copyPages(from.get(), to.get(), &r.error)) {
        r.error = QStringLiteral("restore of %1 into %2 failed: %3").arg(file, *target, r.error);
        return r;
    }
    r.ok = true;
    r.bytes = QFileInfo(*target).size();
    return r;
}

} // namespace spanlight
