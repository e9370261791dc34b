#include "dialect.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUrlQuery>

namespace spanlight::storage {

namespace {

const int kBusyTimeoutMs = 5000;
const int kWriterCacheKib = -65536; // negative: KiB, so 64 MiB
const int kWalCheckpointPages = 10000; // 4 KiB pages

QString expectedForms()
{
    return QStringLiteral(
        "expected sqlite:///absolute/path.db or postgresql://user:password@host:port/database");
}

bool execPragma(QSqlDatabase &db, const QString &pragma, QString *value, QString *error)
{
    QSqlQuery q(db);
    if (!q.exec(pragma)) {
        *error = sqlErrorText(q.lastError());
        return false;
    }
    if (value)
        *value = q.next() ? q.value(0).toString() : QString();
    return true;
}

} // namespace

QString DatabaseTarget::describe() const
{
    if (dialect == Dialect::Sqlite)
        return QStringLiteral("SQLite database ") + sqlitePath;
    return QStringLiteral("PostgreSQL at %1:%2").arg(host).arg(port);
}

std::optional<DatabaseTarget> parseDatabaseUrl(const QString &text, QString *error)
{
    auto fail = [error](const QString &message) -> std::optional<DatabaseTarget> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (text.contains(QLatin1String(":memory:")))
        return fail(QStringLiteral("in-memory SQLite databases are not supported; ") + expectedForms());

    const QUrl url(text, QUrl::StrictMode);
    if (text.trimmed().isEmpty() || !url.isValid() || url.scheme().isEmpty())
        return fail(QStringLiteral("invalid database URL; ") + expectedForms());
    // Never echo a password back into logs.
    const QString shown = url.toDisplayString(QUrl::RemovePassword);

    DatabaseTarget target;
    const QString scheme = url.scheme().toLower();
    if (scheme == u"sqlite") {
        target.dialect = Dialect::Sqlite;
        const QString path = url.path(QUrl::FullyDecoded);
        if (!url.host().isEmpty() || !QDir::isAbsolutePath(path))
            return fail(QStringLiteral(
                "SQLite URL %1 must name an absolute path (three slashes: sqlite:///absolute/path.db)")
                            .arg(shown));
        if (path.endsWith(u'/'))
            return fail(QStringLiteral("SQLite URL %1 names a folder, not a database file").arg(shown));
        if (url.hasQuery())
            return fail(QStringLiteral("SQLite URL %1: query options are not supported").arg(shown));
        target.sqlitePath = QDir::cleanPath(path);
        return target;
    }
    if (scheme == u"postgresql" || scheme == u"postgres") {
        target.dialect = Dialect::Postgres;
        target.host = url.host(QUrl::FullyDecoded);
        if (target.host.isEmpty())
            return fail(QStringLiteral("PostgreSQL URL %1 needs a host").arg(shown));
        target.port = url.port(5432);
        target.user = url.userName(QUrl::FullyDecoded);
        target.password = url.password(QUrl::FullyDecoded);
        target.database = url.path(QUrl::FullyDecoded).mid(1);
        if (target.database.isEmpty() || target.database.contains(u'/'))
            return fail(
                QStringLiteral("PostgreSQL URL %1 needs a database name (postgresql://host:port/database)")
                    .arg(shown));
        QStringList options;
        bool hasTimeout = false;
        const auto items = QUrlQuery(url).queryItems(QUrl::FullyDecoded);
        for (const auto &item : items) {
            if (item.first.isEmpty() || item.first.contains(u';') || item.second.contains(u';'))
                return fail(QStringLiteral("PostgreSQL URL %1 has an unusable option").arg(shown));
            hasTimeout = hasTimeout || item.first == u"connect_timeout";
            options.append(item.first + u'=' + item.second);
        }
        if (!hasTimeout)
            options.append(QStringLiteral("connect_timeout=10"));
        target.connectOptions = options.join(u';');
        return target;
    }
    return fail(
        QStringLiteral("unsupported database URL scheme \"%1\"; ").arg(url.scheme()) + expectedForms());
}

bool openConnection(const DatabaseTarget &target, const QString &name, bool readOnly, QString *error)
{
    QString problem;
    {
        const bool sqlite = target.dialect == Dialect::Sqlite;
        QSqlDatabase db
            = QSqlDatabase::addDatabase(sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL"), name);
        if (!db.isValid()) {
            problem = QStringLiteral("the Qt SQL driver is not available");
        } else if (sqlite) {
            const QDir folder = QFileInfo(target.sqlitePath).absoluteDir();
            if (!folder.exists() && !QDir().mkpath(folder.path())) {
                problem = QStringLiteral("cannot create folder ") + folder.path();
            } else {
                db.setDatabaseName(target.sqlitePath);
                if (!db.open()) {
                    problem = sqlErrorText(db.lastError());
                } else {
                    // WAL with synchronous=NORMAL: a commit is durable once COMMIT returns as far as
                    // process crashes go (only an OS crash or power loss can lose the last commits).
                    QString mode;
                    if (!readOnly
                        && execPragma(db, QStringLiteral("PRAGMA journal_mode=WAL"), &mode, &problem)
                        && mode.compare(u"wal", Qt::CaseInsensitive) != 0)
                        problem = QStringLiteral("journal_mode=WAL refused (got %1)").arg(mode);
                    if (problem.isEmpty())
                        execPragma(db, QStringLiteral("PRAGMA busy_timeout=%1").arg(kBusyTimeoutMs), nullptr,
                            &problem);
                    if (problem.isEmpty() && !readOnly)
                        execPragma(db, QStringLiteral("PRAGMA synchronous=NORMAL"), nullptr, &problem);
                    // The writer's cache keeps the hot pages of the random-key indexes ((trace_id,
                    // span_id), the summaries' key): with the default 2 MiB nearly every insert misses
                    // once the indexes outgrow it. Without the WalCheckpointer (its connection
                    // failed to open), checkpoint every ~40 MB of WAL instead of 4 MB: each one ends in
                    // an fdatasync on the commit path, and a hot page is copied once per checkpoint.
                    // Measured in docs/performance.md.
                    if (problem.isEmpty() && !readOnly)
                        execPragma(db, QStringLiteral("PRAGMA cache_size=%1").arg(kWriterCacheKib), nullptr,
                            &problem);
                    if (problem.isEmpty() && !readOnly)
                        execPragma(db,
                            QStringLiteral("PRAGMA wal_autocheckpoint=%1").arg(kWalCheckpointPages), nullptr,
                            &problem);
                    if (problem.isEmpty() && readOnly)
                        execPragma(db, QStringLiteral("PRAGMA query_only=1"), nullptr, &problem);
                    // Touches the file header, so "file is not a database" shows up here, not later.
                    if (problem.isEmpty())
                        execPragma(
                            db, QStringLiteral("SELECT COUNT(*) FROM sqlite_master"), nullptr, &problem);
                }
            }
        } else {
            db.setHostName(target.host);
            db.setPort(target.port);
            db.setUserName(target.user);
            db.setPassword(target.password);
            db.setDatabaseName(target.database);
            db.setConnectOptions(target.connectOptions);
            if (!db.open())
                problem = sqlErrorText(db.lastError());
            else // NOTICEs ("... already exists, skipping") are not worth a log line each
                execPragma(db, QStringLiteral("SET client_min_messages = warning"), nullptr, &problem);
        }
        if (!problem.isEmpty())
            db.close();
    }
    if (problem.isEmpty())
        return true;
    QSqlDatabase::removeDatabase(name);
    if (error) {
        *error = target.dialect == Dialect::Sqlite
            ? QStringLiteral("cannot open SQLite database %1: %2").arg(target.sqlitePath, problem)
            : QStringLiteral("cannot connect to PostgreSQL at %1:%2: %3")
                  .arg(target.host)
                  .arg(target.port)
                  .arg(problem);
    }
    return false;
}

QString portableSql(Dialect dialect, QString sql)
{
    const bool sqlite = dialect == Dialect::Sqlite;
    sql.replace(QLatin1String("{BLOB}"), sqlite ? QLatin1String("BLOB") : QLatin1String("BYTEA"));
    sql.replace(QLatin1String("{BIGINT}"), sqlite ? QLatin1String("INTEGER") : QLatin1String("BIGINT"));
    sql.replace(QLatin1String("{ID}"),
        sqlite ? QLatin1String("INTEGER PRIMARY KEY") // the rowid itself, no extra index
               : QLatin1String("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"));
    sql.replace(
        QLatin1String("{WITHOUT_ROWID}"), sqlite ? QLatin1String(" WITHOUT ROWID") : QLatin1String(""));
    sql.replace(QLatin1String("{GROUP_CONCAT}"), sqlite ? QLatin1String("group_concat") : QLatin1String("string_agg"));
    return sql;
}

QString beginWriteSql(Dialect dialect)
{
    return dialect == Dialect::Sqlite ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN");
}

QString forUpdateSql(Dialect dialect)
{
    return dialect == Dialect::Postgres ? QStringLiteral(" FOR UPDATE") : QString();
}

QString beginReadSql(Dialect dialect)
{
    return dialect == Dialect::Sqlite ? QStringLiteral("BEGIN")
                                      : QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
}

QString sqlErrorText(const QSqlError &error)
{
    QString text = error.databaseText().simplified();
    const QString driver = error.driverText().simplified();
    if (text.isEmpty())
        text = driver;
    else if (!driver.isEmpty() && !text.contains(driver))
        text = driver + QStringLiteral(": ") + text;
    return text.isEmpty() ? QStringLiteral("unknown database error") : text;
}

} // namespace spanlight::storage
