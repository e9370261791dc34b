#pragma once

#include "dialect.h"

#include <QSqlDatabase>

// Private to the storage library: the numbered schema migrations.
namespace spanlight::storage {

// The newest schema version this binary knows.
int latestSchemaVersion();

// Brings the database to latestSchemaVersion(), one transaction per migration, recording
// each in schema_version. Refuses a database whose schema is newer than this binary's.
// `upToVersion` stops earlier: tests use it to make a database as an older Spanlight left it.
bool runMigrations(QSqlDatabase &db, Dialect dialect, QString *error, int upToVersion = latestSchemaVersion());

} // namespace spanlight::storage
