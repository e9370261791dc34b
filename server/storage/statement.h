#pragma once

#include "dialect.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>

#include <memory>

struct sqlite3;

// Private to the storage library: one prepared statement on the writer connection, the same SQL
// text for every dialect. SQLite runs it through its C API on QSQLITE's own handle (no QVariant
// per value, no Qt-side parameter bookkeeping); PostgreSQL through QSqlQuery.
namespace spanlight::storage {

class Statement
{
public:
    virtual ~Statement() = default;

    // Parameters are 0-based positions of the `?` marks. A buffer bound by reference (blobs,
    // text, UTF-8 text) must stay alive and unchanged until exec() returns.
    virtual void bindNull(int index) = 0;
    virtual void bindInt(int index, qint64 value) = 0;
    virtual void bindBlob(int index, const QByteArray &bytes) = 0; // an empty array binds NULL
    virtual void bindText(int index, const QString &text) = 0; // a null QString binds NULL
    virtual void bindUtf8Text(int index, const QByteArray &utf8) = 0; // a null array binds NULL

    // Runs the statement with the bound values (a statement that returns no rows), then makes it
    // ready for the next set of values.
    virtual bool exec() = 0;
    // Rows inserted or updated by the last exec(): 0 when ON CONFLICT DO NOTHING skipped the row.
    virtual qint64 changes() const = 0;
    virtual QString errorText() const = 0;

    // Runs a statement that returns rows (a SELECT, or a DELETE ... RETURNING) with the bound
    // values. Read the rows with next() and the getters until next() returns false, which makes
    // the statement ready for the next set of values; after the loop, ok() tells whether it ended
    // at the last row or on an error (errorText()).
    virtual bool query() = 0;
    virtual bool next() = 0;
    virtual bool ok() const = 0;
    virtual qint64 intValue(int column) const = 0;
    virtual QByteArray blobValue(int column) const = 0;
    virtual QString textValue(int column) const = 0; // NULL reads as a null QString

    // Prepares `sql` on the open connection `db`. Returns null and sets `error` on failure.
    static std::unique_ptr<Statement> prepare(
        QSqlDatabase &db, Dialect dialect, const QString &sql, QString *error);
};

// The sqlite3 handle of an open QSQLITE connection, or null for any other driver. QSQLITE links
// the system libsqlite3, the same library the storage library links, so the handle can be used
// directly; statements run on it share QtSql's connection and transaction.
sqlite3 *sqliteHandle(const QSqlDatabase &db);

} // namespace spanlight::storage
