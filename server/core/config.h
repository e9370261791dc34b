#pragma once

#include <QCommandLineOption>
#include <QHash>
#include <QHostAddress>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

namespace spanlight {

inline constexpr double kMinAnomalyMargin = 1.0;
inline constexpr double kMaxAnomalyMargin = 50.0;

// Every setting of both programs. Sources, strongest first: command-line flags,
// environment (the service's documented names), the settings file, defaults.
struct Config
{
    QString serviceHost = QStringLiteral("127.0.0.1"); // REST API address
    quint16 servicePort = 8007;
    QString bindAddr = QStringLiteral("127.0.0.1"); // ingest listeners (and the API unless SERVICE_HOST is given)
    quint16 otlpHttpPort = 4318;
    quint16 otlpGrpcPort = 4317;
    quint16 zipkinPort = 9411;
    quint16 jaegerHttpPort = 14268;
    QString databaseUrl; // sqlite:///abs/path.db or postgresql://user:pass@host:port/db
    QString apiToken;
    bool apiTokenGenerated = false; // true when this start created the token
    bool apiTokenConfigured = false; // API_TOKEN from the environment or a flag (not the settings file)
    QString tokensFile; // TOKENS_FILE: absolute path, empty for none
    QString tlsCert; // TLS_CERT / TLS_KEY: PEM files; both or neither
    QString tlsKey;
    bool ingestAuthRequired = false; // INGEST_AUTH=required; auto means: when BIND_ADDR is not loopback
    QString logLevel = QStringLiteral("INFO");
    QString logFormat = QStringLiteral("text"); // or json
    double samplingRate = 1.0;
    qint64 maxTracesPerSecond = 0; // 0: unlimited
    int retentionDays = 7; // TRACE_RETENTION_DAYS: traces that started longer ago are deleted
    qint64 maxDbSizeMb = 0; // MAX_DB_SIZE_MB: cap on the SQLite store's used pages; 0: none
    QString jaegerEndpoint;
    QString zipkinEndpoint;
    QString otlpEndpoint;
    QString redisUrl; // REDIS_URL: redis://[:password@]host[:port][/db]; empty: every instance alone
    int queryCacheSeconds = 5; // QUERY_CACHE_SECONDS: analysis answers in Redis; 0: off
    qint64 maxBodyBytes = 16 * 1024 * 1024;
    int ingestQueueBatches = 256; // bounded queue to the writer
    int maxSpansPerRequest = 50000;
    int maxAttributesPerSpan = 128;
    int maxAttributeValueLength = 16384;
    // Alert evaluation (docs/operations.md, "Alerting"): ALERT_EVALUATION_SECONDS (default every
    // minute); tests shorten the intervals further.
    int alertIntervalMs = 60000;
    int webhookBackoffMs = 1000; // the first retry's wait, doubled per retry
    int webhookTimeoutMs = 10000; // per webhook POST
    // The anomaly rule (docs/analysis.md, "Anomalies"): ANOMALY_MARGIN, ANOMALY_BASELINE_BUCKETS.
    double anomalyMargin = 3.5;
    int anomalyBaselineBuckets = 30;
    QStringList corsOrigins = {QStringLiteral("*")}; // origins a web frontend may call the API from
    QString settingsFile;
};

struct ConfigResult
{
    Config config;
    QString error; // non-empty: a startup error naming the variable
    bool helpShown = false; // --help or --version was handled; exit 0
    QString helpText;
    QHash<QString, QString> extraValues; // the program's own options that were given: name -> value ("" for a flag)
    QStringList positionalArguments; // only when the program takes them (PositionalArguments)
};

// Arguments without a flag that a program takes (the console's trace files), as --help lists
// them. Programs without them refuse any.
struct PositionalArguments
{
    QString name; // "file"
    QString description;
    QString syntax; // "[FILE...]"
};

// Parses `arguments` (argv, program name first) against `env` and the settings file.
// Generates and stores an API token when none is configured (unless `generateToken` is false).
// `extraOptions` are the program's own (the console's --demo), listed in --help with the rest.
ConfigResult loadConfig(const QStringList &arguments, const QProcessEnvironment &env,
                        const QString &programDescription, bool generateToken = true,
                        const QList<QCommandLineOption> &extraOptions = {},
                        const std::optional<PositionalArguments> &positional = std::nullopt);

// For main(): loads the configuration from the process's arguments and environment, prints
// --help / --version or the error (naming the variable), sets up logging, and logs where a
// generated token was stored (never the token). Returns the exit code to leave with
// (0 after help, 2 for a bad configuration), or nullopt when the program should run.
std::optional<int> configureProcess(const QString &description, Config *out,
                                   const QList<QCommandLineOption> &extraOptions = {},
                                   QHash<QString, QString> *extraValues = nullptr,
                                   const std::optional<PositionalArguments> &positional = std::nullopt,
                                   QStringList *positionalValues = nullptr);

// The default SQLite URL: spanlight.db in the user's data directory.
QString defaultDatabaseUrl();

} // namespace spanlight
