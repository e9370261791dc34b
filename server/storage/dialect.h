#pragma once

#include <QSqlDatabase>
#include <QString>

#include <optional>

// Private to the storage library: where a database lives and how its SQL differs.
namespace spanlight::storage {

enum class Dialect { Sqlite, Postgres };

// A parsed DATABASE_URL.
struct DatabaseTarget
{
    Dialect dialect = Dialect::Sqlite;
    QString sqlitePath; // absolute
    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString database;
    QString connectOptions; // libpq keywords, ';'-separated, as QPSQL wants them

    // "SQLite database /x.db" or "PostgreSQL at host:port", for error messages.
    QString describe() const;
};

// Accepts sqlite:///abs/path.db and postgresql:// (or postgres://) user:pass@host:port/db?opts.
std::optional<DatabaseTarget> parseDatabaseUrl(const QString &url, QString *error);

// Adds and opens connection `name` on the calling thread (SQLite: creates the parent folder,
// sets WAL, synchronous=NORMAL and busy_timeout). On failure the connection is removed again
// and `error` says "cannot open SQLite database /x: ..." or "cannot connect to PostgreSQL at h:p: ...".
bool openConnection(const DatabaseTarget &target, const QString &name, bool readOnly, QString *error);

// Replaces the type tokens of portable DDL: {BLOB}, {BIGINT}, {ID} (an autoincrement primary
// key), {WITHOUT_ROWID} (SQLite's clustered tables; nothing on PostgreSQL) and {GROUP_CONCAT}
// (the aggregate joining texts with a separator: group_concat(x, ','), string_agg(x, ',')).
QString portableSql(Dialect dialect, QString sql);

// Starts a write transaction (SQLite takes the write lock up front, so a busy database waits
// in busy_timeout instead of failing on lock upgrade).
QString beginWriteSql(Dialect dialect);

// " FOR UPDATE" on PostgreSQL (a read that is written back, locked against concurrent writers);
// nothing on SQLite, where the write transaction holds the database.
QString forUpdateSql(Dialect dialect);

// Starts a read transaction with one snapshot for all its statements.
QString beginReadSql(Dialect dialect);

// The most useful one-line text of a QSqlError-producing failure.
QString sqlErrorText(const QSqlError &error);

} // namespace spanlight::storage
