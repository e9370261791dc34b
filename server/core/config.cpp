#include "config.h"

#include "logging.h"
#include "redisurl.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSettings>
#include <QStandardPaths>
#include <QUrl>

#include <cstdio>
#include <functional>

namespace spanlight {

namespace {

constexpr qlonglong kMaxRetentionDays = 36500;

enum class Kind { String, Port, Host, Double01, Margin, NonNegInt, PositiveInt, Bytes, DbUrl, Url, LogLevel, Origins, File, IngestAuth, LogFormat, RedisUrl };

struct Option
{
    const char *flag; // --flag
    const char *env; // ENV_NAME
    const char *key; // settings file key
    Kind kind;
    const char *help;
};

// One row per setting: the flag, environment and settings-file names all come from here.
const Option kOptions[] = {
    {"service-host", "SERVICE_HOST", "service_host", Kind::Host, "Address of the REST API (default 127.0.0.1)."},
    {"service-port", "SERVICE_PORT", "service_port", Kind::Port, "Port of the REST API (default 8007; 0 picks one)."},
    {"bind-addr", "BIND_ADDR", "bind_addr", Kind::Host, "Address for all listeners (default 127.0.0.1)."},
    {"otlp-http-port", "OTLP_HTTP_PORT", "otlp_http_port", Kind::Port, "OTLP/HTTP port (default 4318)."},
    {"otlp-grpc-port", "OTLP_GRPC_PORT", "otlp_grpc_port", Kind::Port, "OTLP/gRPC port (default 4317)."},
    {"zipkin-port", "ZIPKIN_PORT", "zipkin_port", Kind::Port, "Zipkin v2 port (default 9411)."},
    {"jaeger-http-port", "JAEGER_HTTP_PORT", "jaeger_http_port", Kind::Port, "Jaeger Thrift HTTP port (default 14268)."},
    {"database-url", "DATABASE_URL", "database_url", Kind::DbUrl,
     "sqlite:///abs/path.db or postgresql://user:pass@host:port/db (default: spanlight.db in the data directory)."},
    {"api-token", "API_TOKEN", "api_token", Kind::String, "Bearer token with full access (generated when unset)."},
    {"tokens-file", "TOKENS_FILE", "tokens_file", Kind::File,
     "Further tokens, one 'role sha256-of-token name' per line; roles viewer, ingest, admin."},
    {"tls-cert", "TLS_CERT", "tls_cert", Kind::File,
     "PEM certificate (chain) for TLS on every listener; needs TLS_KEY."},
    {"tls-key", "TLS_KEY", "tls_key", Kind::File, "PEM private key of TLS_CERT."},
    {"ingest-auth", "INGEST_AUTH", "ingest_auth", Kind::IngestAuth,
     "auto (default): ingest needs an ingest or admin token when BIND_ADDR is not loopback; required: always."},
    {"log-level", "LOG_LEVEL", "log_level", Kind::LogLevel, "DEBUG, INFO, WARNING or ERROR (default INFO)."},
    {"log-format", "LOG_FORMAT", "log_format", Kind::LogFormat,
     "text (default) or json: one JSON object per line with time, level, category and message."},
    {"trace-sampling-rate", "TRACE_SAMPLING_RATE", "trace_sampling_rate", Kind::Double01,
     "Fraction of traces kept, 0..1 (default 1)."},
    {"max-traces-per-second", "MAX_TRACES_PER_SECOND", "max_traces_per_second", Kind::NonNegInt,
     "Ingest rate limit in traces/s (default 0: unlimited)."},
    {"trace-retention-days", "TRACE_RETENTION_DAYS", "trace_retention_days", Kind::PositiveInt,
     "Days traces are kept (default 7)."},
    {"max-db-size-mb", "MAX_DB_SIZE_MB", "max_db_size_mb", Kind::NonNegInt,
     "Cap on the SQLite store's used size in MB; the oldest traces go first (default 0: none)."},
    {"jaeger-endpoint", "JAEGER_ENDPOINT", "jaeger_endpoint", Kind::Url, "Forward committed spans to Jaeger."},
    {"zipkin-endpoint", "ZIPKIN_ENDPOINT", "zipkin_endpoint", Kind::Url, "Forward committed spans to Zipkin."},
    {"otlp-endpoint", "OTEL_EXPORTER_OTLP_ENDPOINT", "otel_exporter_otlp_endpoint", Kind::Url,
     "Forward committed spans to an OTLP endpoint."},
    {"redis-url", "REDIS_URL", "redis_url", Kind::RedisUrl,
     "redis://[:password@]host[:port][/db]: instances share MAX_TRACES_PER_SECOND and a query cache (default: none)."},
    {"query-cache-seconds", "QUERY_CACHE_SECONDS", "query_cache_seconds", Kind::NonNegInt,
     "Seconds Redis keeps an analysis answer for every instance (default 5; 0: no cache)."},
    {"max-body-bytes", "MAX_BODY_BYTES", "max_body_bytes", Kind::Bytes, "Largest accepted ingest body (default 16 MiB)."},
    {"ingest-queue-batches", "INGEST_QUEUE_BATCHES", "ingest_queue_batches", Kind::PositiveInt,
     "Batches that may wait for the writer before ingest answers 503 (default 256)."},
    {"max-spans-per-request", "MAX_SPANS_PER_REQUEST", "max_spans_per_request", Kind::PositiveInt,
     "Spans past this in one request are rejected (default 50000)."},
    {"max-attributes-per-span", "MAX_ATTRIBUTES_PER_SPAN", "max_attributes_per_span", Kind::PositiveInt,
     "Attributes past this are dropped and counted (default 128)."},
    {"cors-allowed-origins", "CORS_ALLOWED_ORIGINS", "cors_allowed_origins", Kind::Origins,
     "Origins a web frontend may call the API from, comma-separated, or * (default *)."},
    {"max-attribute-value-length", "MAX_ATTRIBUTE_VALUE_LENGTH", "max_attribute_value_length", Kind::PositiveInt,
     "Longer string values are truncated and flagged (default 16384 characters)."},
    {"alert-evaluation-seconds", "ALERT_EVALUATION_SECONDS", "alert_evaluation_seconds", Kind::PositiveInt,
     "How often the alert rules are evaluated, 5..3600 seconds (default 60)."},
    {"anomaly-margin", "ANOMALY_MARGIN", "anomaly_margin", Kind::Margin,
     "Robust z-score a bucket must exceed to be an anomaly, 1..50 (default 3.5; lower finds more)."},
    {"anomaly-baseline-buckets", "ANOMALY_BASELINE_BUCKETS", "anomaly_baseline_buckets", Kind::PositiveInt,
     "Trailing buckets an anomaly baseline is taken from, 10..1440 (default 30)."},
};

QString settingsPathFor(const QString &explicitPath)
{
    if (!explicitPath.isEmpty())
        return explicitPath;
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
        + QStringLiteral("/spanlight/spanlight.conf");
}

// Validates one raw value and stores it; returns an error text (without the source name) or empty.
QString apply(Config &c, const Option &o, const QString &raw)
{
    const QString name = QString::fromLatin1(o.env);
    const QString v = raw.trimmed();
    bool ok = false;
    auto port = [&](quint16 &target) -> QString {
        const uint p = v.toUInt(&ok);
        if (!ok || p > 65535)
            return QStringLiteral("must be a port number 0..65535, got '%1'").arg(raw);
        target = quint16(p);
        return {};
    };
    switch (o.kind) {
    case Kind::Port:
        if (name == u"SERVICE_PORT")
            return port(c.servicePort);
        if (name == u"OTLP_HTTP_PORT")
            return port(c.otlpHttpPort);
        if (name == u"OTLP_GRPC_PORT")
            return port(c.otlpGrpcPort);
        if (name == u"ZIPKIN_PORT")
            return port(c.zipkinPort);
        return port(c.jaegerHttpPort);
    case Kind::Host: {
        QHostAddress addr;
        if (v.isEmpty() || (!addr.setAddress(v) && v != u"localhost"))
            return QStringLiteral("must be an IP address, got '%1'").arg(raw);
        (name == u"SERVICE_HOST" ? c.serviceHost : c.bindAddr) = v == u"localhost" ? QStringLiteral("127.0.0.1") : v;
        return {};
    }
    case Kind::Double01: {
        const double d = v.toDouble(&ok);
        if (!ok || d < 0.0 || d > 1.0)
            return QStringLiteral("must be a number from 0 to 1, got '%1'").arg(raw);
        c.samplingRate = d;
        return {};
    }
    case Kind::Margin: {
        const double d = v.toDouble(&ok);
        if (!ok || !(d >= kMinAnomalyMargin && d <= kMaxAnomalyMargin))
            return QStringLiteral("must be a number from %1 to %2, got '%3'")
                .arg(kMinAnomalyMargin).arg(kMaxAnomalyMargin).arg(raw);
        c.anomalyMargin = d;
        return {};
    }
    case Kind::NonNegInt:
    case Kind::PositiveInt:
    case Kind::Bytes: {
        const qlonglong n = v.toLongLong(&ok);
        if (!ok || n < 0 || (o.kind != Kind::NonNegInt && n == 0) || n > std::numeric_limits<int>::max())
            return QStringLiteral("must be a %1 integer, got '%2'")
                .arg(o.kind == Kind::NonNegInt ? QStringLiteral("non-negative") : QStringLiteral("positive"), raw);
        if (name == u"MAX_TRACES_PER_SECOND")
            c.maxTracesPerSecond = n;
        else if (name == u"TRACE_RETENTION_DAYS") {
            if (n > kMaxRetentionDays)
                return QStringLiteral("must be at most %1 (100 years), got '%2'").arg(kMaxRetentionDays).arg(raw);
            c.retentionDays = int(n);
        }
        else if (name == u"MAX_DB_SIZE_MB")
            c.maxDbSizeMb = n;
        else if (name == u"MAX_BODY_BYTES")
            c.maxBodyBytes = n;
        else if (name == u"MAX_SPANS_PER_REQUEST")
            c.maxSpansPerRequest = int(n);
        else if (name == u"MAX_ATTRIBUTES_PER_SPAN")
            c.maxAttributesPerSpan = int(n);
        else if (name == u"MAX_ATTRIBUTE_VALUE_LENGTH")
            c.maxAttributeValueLength = int(n);
        else if (name == u"ALERT_EVALUATION_SECONDS") {
            if (n < 5 || n > 3600)
                return QStringLiteral("must be 5..3600 seconds, got '%1'").arg(raw);
            c.alertIntervalMs = int(n) * 1000;
        }
        else if (name == u"ANOMALY_BASELINE_BUCKETS") {
            if (n < 10 || n > 1440)
                return QStringLiteral("must be 10..1440 buckets, got '%1'").arg(raw);
            c.anomalyBaselineBuckets = int(n);
        }
        else if (name == u"QUERY_CACHE_SECONDS") {
            if (n > 3600)
                return QStringLiteral("must be 0..3600 seconds, got '%1'").arg(raw);
            c.queryCacheSeconds = int(n);
        }
        else
            c.ingestQueueBatches = int(n);
        return {};
    }
    case Kind::DbUrl: {
        if (v.startsWith(u"sqlite://")) {
            const QString path = v.mid(9);
            if (!path.startsWith(u'/') && path != u":memory:")
                return QStringLiteral("sqlite URL needs an absolute path (sqlite:///abs/path.db), got '%1'").arg(raw);
        } else if (v.startsWith(u"postgresql://") || v.startsWith(u"postgres://")) {
            const QUrl url(v, QUrl::StrictMode);
            if (!url.isValid() || url.host().isEmpty() || url.path().size() < 2)
                return QStringLiteral("must look like postgresql://user:pass@host:port/db, got '%1'").arg(raw);
        } else {
            return QStringLiteral("must start with sqlite:// or postgresql://, got '%1'").arg(raw);
        }
        c.databaseUrl = v;
        return {};
    }
    case Kind::Url: {
        const QUrl url(v, QUrl::StrictMode);
        if (!v.isEmpty() && (!url.isValid() || url.scheme().isEmpty() || url.host().isEmpty()))
            return QStringLiteral("must be a URL such as http://host:port/path, got '%1'").arg(raw);
        if (name == u"JAEGER_ENDPOINT")
            c.jaegerEndpoint = v;
        else if (name == u"ZIPKIN_ENDPOINT")
            c.zipkinEndpoint = v;
        else
            c.otlpEndpoint = v;
        return {};
    }
    case Kind::RedisUrl: {
        QString why;
        if (!v.isEmpty() && !RedisUrl::parse(v, &why))
            return why; // never echoes the password
        c.redisUrl = v;
        return {};
    }
    case Kind::LogLevel: {
        const QString up = v.toUpper();
        static const QStringList levels = {QStringLiteral("DEBUG"), QStringLiteral("INFO"), QStringLiteral("WARNING"),
                                           QStringLiteral("WARN"), QStringLiteral("ERROR"), QStringLiteral("CRITICAL")};
        if (!levels.contains(up))
            return QStringLiteral("must be DEBUG, INFO, WARNING or ERROR, got '%1'").arg(raw);
        c.logLevel = up == u"WARN" ? QStringLiteral("WARNING") : up;
        return {};
    }
    case Kind::Origins: {
        QStringList origins;
        for (const QString &part : v.split(u',', Qt::SkipEmptyParts)) {
            const QString o = part.trimmed();
            const QUrl url(o, QUrl::StrictMode);
            const bool plainOrigin = url.isValid() && (url.scheme() == u"http" || url.scheme() == u"https")
                && !url.host().isEmpty() && (url.path().isEmpty()) && !o.endsWith(u'/');
            if (o != u"*" && !plainOrigin)
                return QStringLiteral("must be * or origins such as https://ui.example.com:8443, got '%1'").arg(o);
            origins.append(o);
        }
        if (origins.isEmpty())
            return QStringLiteral("must name at least one origin, or *");
        c.corsOrigins = origins;
        return {};
    }
    case Kind::File:
        if (!v.isEmpty() && !QFileInfo(v).isAbsolute())
            return QStringLiteral("must be an absolute path, got '%1'").arg(raw);
        (name == u"TLS_CERT" ? c.tlsCert : name == u"TLS_KEY" ? c.tlsKey : c.tokensFile) = v;
        return {};
    case Kind::LogFormat:
        if (v != u"text" && v != u"json")
            return QStringLiteral("must be text or json, got '%1'").arg(raw);
        c.logFormat = v;
        return {};
    case Kind::IngestAuth:
        if (v != u"auto" && v != u"required")
            return QStringLiteral("must be auto or required, got '%1'").arg(raw);
        c.ingestAuthRequired = v == u"required";
        return {};
    case Kind::String:
        if (v.isEmpty())
            return QStringLiteral("must not be empty");
        c.apiToken = v;
        return {};
    }
    return {};
}

} // namespace

std::optional<int> configureProcess(const QString &description, Config *out,
                                   const QList<QCommandLineOption> &extraOptions, QHash<QString, QString> *extraValues,
                                   const std::optional<PositionalArguments> &positional, QStringList *positionalValues)
{
    const ConfigResult loaded = loadConfig(QCoreApplication::arguments(), QProcessEnvironment::systemEnvironment(),
                                           description, true, extraOptions, positional);
    if (loaded.helpShown) {
        std::fputs(qPrintable(loaded.helpText), stdout);
        return 0;
    }
    if (!loaded.error.isEmpty()) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(QCoreApplication::applicationName()), qPrintable(loaded.error));
        return 2;
    }
    installLogFormat(loaded.config.logFormat);
    applyLogLevel(loaded.config.logLevel);
    // Never the token itself: logs end up in journals and log stores that others can read.
    if (loaded.config.apiTokenGenerated)
        qCInfo(lcServer).noquote() << "generated an API token; it is stored as api_token in" << loaded.config.settingsFile;
    *out = loaded.config;
    if (extraValues)
        *extraValues = loaded.extraValues;
    if (positionalValues)
        *positionalValues = loaded.positionalArguments;
    return std::nullopt;
}

QString defaultDatabaseUrl()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/spanlight");
    return QStringLiteral("sqlite://") + QDir::cleanPath(dir) + QStringLiteral("/spanlight.db");
}

ConfigResult loadConfig(const QStringList &arguments, const QProcessEnvironment &env,
                        const QString &programDescription, bool generateToken,
                        const QList<QCommandLineOption> &extraOptions,
                        const std::optional<PositionalArguments> &positional)
{
    ConfigResult result;
    QCommandLineParser parser;
    parser.setApplicationDescription(programDescription);
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption configOption(QStringLiteral("config"),
                                          QStringLiteral("Settings file (default ~/.config/spanlight/spanlight.conf; env SPANLIGHT_CONFIG)."),
                                          QStringLiteral("file"));
    parser.addOption(configOption);
    QList<QCommandLineOption> flags;
    for (const Option &o : kOptions) {
        flags.append(QCommandLineOption(QString::fromLatin1(o.flag),
                                        QString::fromLatin1(o.help) + QStringLiteral(" [env ") + QString::fromLatin1(o.env) + u']',
                                        QStringLiteral("value")));
        parser.addOption(flags.last());
    }
    for (const QCommandLineOption &o : extraOptions)
        parser.addOption(o);
    if (positional)
        parser.addPositionalArgument(positional->name, positional->description, positional->syntax);
    if (!parser.parse(arguments)) {
        result.error = parser.errorText();
        return result;
    }
    if (parser.isSet(helpOption)) {
        result.helpShown = true;
        result.helpText = parser.helpText();
        return result;
    }
    if (parser.isSet(versionOption)) {
        result.helpShown = true;
        result.helpText = QCoreApplication::applicationName() + u' ' + QCoreApplication::applicationVersion() + u'\n';
        return result;
    }
    if (positional)
        result.positionalArguments = parser.positionalArguments();
    else if (!parser.positionalArguments().isEmpty()) {
        result.error = QStringLiteral("unexpected argument '%1' (see --help)").arg(parser.positionalArguments().first());
        return result;
    }

    for (const QCommandLineOption &o : extraOptions) {
        if (parser.isSet(o))
            result.extraValues.insert(o.names().constFirst(), o.valueName().isEmpty() ? QString() : parser.value(o));
    }

    Config &c = result.config;
    c.settingsFile = settingsPathFor(parser.isSet(configOption) ? parser.value(configOption)
                                                                : env.value(QStringLiteral("SPANLIGHT_CONFIG")));
    QSettings settings(c.settingsFile, QSettings::IniFormat);
    bool serviceHostGiven = false;
    bool bindAddrGiven = false;

    // Weakest first, so that a stronger source overwrites; each value is checked where it came from.
    for (int i = 0; i < int(std::size(kOptions)); ++i) {
        const Option &o = kOptions[i];
        const QString key = QString::fromLatin1(o.key);
        const QString envName = QString::fromLatin1(o.env);
        struct Source { bool present; QString value; QString label; };
        const Source sources[] = {
            {settings.contains(key), settings.value(key).toString(),
             QStringLiteral("%1 in %2").arg(key, c.settingsFile)},
            {env.contains(envName), env.value(envName), envName},
            {parser.isSet(flags[i]), parser.value(flags[i]), QStringLiteral("--") + QString::fromLatin1(o.flag)},
        };
        for (const Source &s : sources) {
            if (!s.present)
                continue;
            const QString err = apply(c, o, s.value);
            if (!err.isEmpty()) {
                result.error = QStringLiteral("%1 %2").arg(s.label, err);
                return result;
            }
            if (envName == u"SERVICE_HOST")
                serviceHostGiven = true;
            if (envName == u"BIND_ADDR")
                bindAddrGiven = true;
            // Only the environment or a flag: a settings-file token may have been generated (and,
            // before this version, logged in clear) without anyone choosing it.
            if (envName == u"API_TOKEN")
                c.apiTokenConfigured = &s != &sources[0];
        }
    }
    if (c.maxDbSizeMb > 0 && c.databaseUrl.startsWith(QLatin1String("postgres"))) {
        // PostgreSQL keeps the space of deleted rows for reuse, so its size would never come down
        // and the cap would delete every trace. A refusal, not a setting silently ignored.
        result.error = QStringLiteral("MAX_DB_SIZE_MB applies to the SQLite store only; on PostgreSQL keep the size "
                                      "with TRACE_RETENTION_DAYS and watch the database's disk");
        return result;
    }
    if (c.tlsCert.isEmpty() != c.tlsKey.isEmpty()) {
        result.error = QStringLiteral("TLS_CERT and TLS_KEY go together: set both or neither");
        return result;
    }
    if (bindAddrGiven && !serviceHostGiven)
        c.serviceHost = c.bindAddr;
    if (c.databaseUrl.isEmpty())
        c.databaseUrl = defaultDatabaseUrl();

    if (c.apiToken.isEmpty() && generateToken) {
        QByteArray raw(24, Qt::Uninitialized);
        QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(raw.data()),
                                             reinterpret_cast<quint32 *>(raw.data() + raw.size()));
        c.apiToken = QStringLiteral("sl_") + QString::fromLatin1(raw.toHex());
        c.apiTokenGenerated = true;
        QDir().mkpath(QFileInfo(c.settingsFile).absolutePath());
        settings.setValue(QStringLiteral("api_token"), c.apiToken);
        settings.sync();
        if (settings.status() != QSettings::NoError) {
            result.error = QStringLiteral("API_TOKEN is not set and the generated token could not be stored in %1")
                               .arg(c.settingsFile);
            return result;
        }
        QFile::setPermissions(c.settingsFile, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
    return result;
}

} // namespace spanlight
