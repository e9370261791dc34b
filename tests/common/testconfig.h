#pragma once

#include "core/config.h"

// A server configuration for in-process tests: every listener on an ephemeral loopback port
// (the default ports may be in use, by another suite running in parallel or a real collector),
// a SQLite store at `dbPath` and a fixed token.
inline spanlight::Config ephemeralConfig(const QString &dbPath, const QString &token = QStringLiteral("test-token"))
{
    spanlight::Config c;
    c.servicePort = 0;
    c.otlpHttpPort = 0;
    c.otlpGrpcPort = 0;
    c.zipkinPort = 0;
    c.jaegerHttpPort = 0;
    c.databaseUrl = QStringLiteral("sqlite://") + dbPath;
    c.apiToken = token;
    // Fixtures and workloads carry fixed times (2023): a week's retention would delete them.
    c.retentionDays = 36500;
    return c;
}
