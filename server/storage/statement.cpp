#include "statement.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <sqlite3.h>

namespace spanlight::storage {

namespace {

class SqliteStatement final : public Statement
{
public:
    SqliteStatement(sqlite3 *db, sqlite3_stmt *statement)
        : m_db(db)
        , m_statement(statement)
    { }
    ~SqliteStatement() override { sqlite3_finalize(m_statement); }
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    void bindNull(int index) override { check(sqlite3_bind_null(m_statement, index + 1)); }
    void bindInt(int index, qint64 value) override
    {
        check(sqlite3_bind_int64(m_statement, index + 1, value));
    }
    void bindBlob(int index, const QByteArray &bytes) override
    {
        if (bytes.isEmpty())
            return bindNull(index);
        check(sqlite3_bind_blob(m_statement, index + 1, bytes.constData(), int(bytes.size()), SQLITE_STATIC));
    }
    void bindText(int index, const QString &text) override
    {
        if (text.isNull())
            return bindNull(index);
        check(sqlite3_bind_text16(
            m_statement, index + 1, text.constData(), int(text.size() * 2), SQLITE_STATIC));
    }
    void bindUtf8Text(int index, const QByteArray &utf8) override
    {
        if (utf8.isNull())
            return bindNull(index);
        check(sqlite3_bind_text(m_statement, index + 1, utf8.constData(), int(utf8.size()), SQLITE_STATIC));
    }

    bool exec() override
    {
        int rc = m_bindResult;
        if (rc == SQLITE_OK) {
            rc = sqlite3_step(m_statement);
            if (rc == SQLITE_ROW) // a statement meant to return nothing
                rc = SQLITE_MISUSE;
        }
        m_changes = rc == SQLITE_DONE ? sqlite3_changes(m_db) : 0;
        if (rc != SQLITE_DONE)
            m_error = QString::fromUtf8(sqlite3_errstr(rc)) + QStringLiteral(": ")
                + QString::fromUtf8(sqlite3_errmsg(m_db));
        sqlite3_reset(m_statement);
        // Bound pointers refer to the caller's buffers, which are gone before the next exec().
        sqlite3_clear_bindings(m_statement);
        m_bindResult = SQLITE_OK;
        return rc == SQLITE_DONE;
    }
    qint64 changes() const override { return m_changes; }
    QString errorText() const override { return m_error; }

    bool query() override
    {
        m_ok = m_bindResult == SQLITE_OK;
        if (!m_ok)
            finish(m_bindResult);
        m_reading = m_ok;
        return m_ok;
    }
    bool next() override
    {
        if (!m_reading)
            return false;
        const int rc = sqlite3_step(m_statement);
        if (rc == SQLITE_ROW)
            return true;
        m_ok = rc == SQLITE_DONE;
        finish(rc);
        return false;
    }
    bool ok() const override { return m_ok; }
    qint64 intValue(int column) const override { return sqlite3_column_int64(m_statement, column); }
    QByteArray blobValue(int column) const override
    {
        const void *data = sqlite3_column_blob(m_statement, column);
        return QByteArray(static_cast<const char *>(data), sqlite3_column_bytes(m_statement, column));
    }
    QString textValue(int column) const override
    {
        if (sqlite3_column_type(m_statement, column) == SQLITE_NULL)
            return QString();
        const void *text = sqlite3_column_text16(m_statement, column);
        return QString(static_cast<const QChar *>(text), sqlite3_column_bytes16(m_statement, column) / 2);
    }

private:
    void finish(int rc)
    {
        if (rc != SQLITE_DONE && rc != SQLITE_OK)
            m_error = QString::fromUtf8(sqlite3_errstr(rc)) + QStringLiteral(": ")
                + QString::fromUtf8(sqlite3_errmsg(m_db));
        sqlite3_reset(m_statement);
        sqlite3_clear_bindings(m_statement);
        m_bindResult = SQLITE_OK;
        m_reading = false;
    }

    void check(int rc)
    {
        if (rc != SQLITE_OK && m_bindResult == SQLITE_OK)
            m_bindResult = rc; // reported by exec(), so that callers bind without checking each value
    }

    sqlite3 *m_db;
    sqlite3_stmt *m_statement;
    int m_bindResult = SQLITE_OK;
    bool m_reading = false;
    bool m_ok = true;
    qint64 m_changes = 0;
    QString m_error;
};

class QtSqlStatement final : public Statement
{
public:
    explicit QtSqlStatement(QSqlQuery query)
        : m_query(std::move(query))
    {
        m_query.setForwardOnly(true);
    }

    void bindNull(int index) override { m_query.bindValue(index, QVariant()); }
    void bindInt(int index, qint64 value) override { m_query.bindValue(index, value); }
    void bindBlob(int index, const QByteArray &bytes) override
    {
        m_query.bindValue(
            index, bytes.isEmpty() ? QVariant(QMetaType::fromType<QByteArray>()) : QVariant(bytes));
    }
    void bindText(int index, const QString &text) override { m_query.bindValue(index, text); }
    void bindUtf8Text(int index, const QByteArray &utf8) override
    {
        m_query.bindValue(index, utf8.isNull() ? QString() : QString::fromUtf8(utf8));
    }

    bool exec() override { return m_query.exec(); }
    qint64 changes() const override { return m_query.numRowsAffected(); }
    QString errorText() const override { return sqlErrorText(m_query.lastError()); }

    bool query() override
    {
        m_ok = m_query.exec();
        return m_ok;
    }
    bool next() override { return m_ok && m_query.next(); }
    bool ok() const override { return m_ok; }
    qint64 intValue(int column) const override { return m_query.value(column).toLongLong(); }
    QByteArray blobValue(int column) const override { return m_query.value(column).toByteArray(); }
    QString textValue(int column) const override
    {
        const QVariant v = m_query.value(column);
        return v.isNull() ? QString() : v.toString();
    }

private:
    QSqlQuery m_query;
    bool m_ok = true;
};

} // namespace

sqlite3 *sqliteHandle(const QSqlDatabase &db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

std::unique_ptr<Statement> Statement::prepare(
    QSqlDatabase &db, Dialect dialect, const QString &sql, QString *error)
{
    if (dialect == Dialect::Sqlite) {
        sqlite3 *handle = sqliteHandle(db);
        if (!handle) {
            *error = QStringLiteral("the QSQLITE driver gave no sqlite3 handle");
            return nullptr;
        }
        sqlite3_stmt *statement = nullptr;
        const int rc = sqlite3_prepare16_v3(
            handle, sql.constData(), int(sql.size() * 2), SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
        if (rc != SQLITE_OK) {
            *error = QString::fromUtf8(sqlite3_errmsg(handle));
            sqlite3_finalize(statement);
            return nullptr;
        }
        return std::make_unique<SqliteStatement>(handle, statement);
    }
    QSqlQuery query(db);
    if (!query.prepare(sql)) {
        *error = sqlErrorText(query.lastError());
        return nullptr;
    }
    return std::make_unique<QtSqlStatement>(std::move(query));
}

} // namespace spanlight::storage
