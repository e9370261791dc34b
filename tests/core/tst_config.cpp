#include "core/config.h"
#include "core/redisurl.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QFile>
#include <QTest>

using namespace spanlight;

class TestConfig : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaults();
    void precedence();
    void invalid_data();
    void invalid();
    void generatedTokenIsStoredOnce();
    void bindAddrAppliesToApi();
    void corsOrigins();
    void positionalArguments();
    void redisUrl_data();
    void redisUrl();
    void positionalArgumentsAmongOptions();
    void insightSettings();

private:
    QTemporaryDir m_dir;
    QString settingsPath(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }
};

// The console's trace files: taken (in order, with options between them) only by a program
// that declares them, listed in --help; spanlightd still refuses a stray argument.
void TestConfig::positionalArguments()
{
    const QStringList args{QStringLiteral("spanlight"), QStringLiteral("a.json"), QStringLiteral("--config"),
                           settingsPath("pos.conf"), QStringLiteral("b.jsonl")};
    const PositionalArguments files{QStringLiteral("file"), QStringLiteral("Trace files to import."), QStringLiteral("[FILE...]")};
    const ConfigResult taken = loadConfig(args, QProcessEnvironment(), QString(), false, {}, files);
    QVERIFY2(taken.error.isEmpty(), qPrintable(taken.error));
    QCOMPARE(taken.positionalArguments, (QStringList{QStringLiteral("a.json"), QStringLiteral("b.jsonl")}));

    const ConfigResult refused = loadConfig(args, QProcessEnvironment(), QString(), false);
    QCOMPARE(refused.error, QStringLiteral("unexpected argument 'a.json' (see --help)"));
    QVERIFY(refused.positionalArguments.isEmpty());

    const ConfigResult help = loadConfig({QStringLiteral("spanlight"), QStringLiteral("--help")}, QProcessEnvironment(),
                                         QString(), false, {}, files);
    QVERIFY(help.helpShown);
    QVERIFY2(help.helpText.contains(QStringLiteral("[FILE...]")), qPrintable(help.helpText));
    QVERIFY(help.helpText.contains(QStringLiteral("Trace files to import.")));
}

void TestConfig::defaults()
{
    const ConfigResult r = loadConfig({QStringLiteral("spanlightd"), QStringLiteral("--config"), settingsPath("d.conf")},
                                      QProcessEnvironment(), QString(), false);
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QCOMPARE(r.config.servicePort, 8007);
    QCOMPARE(r.config.otlpHttpPort, 4318);
    QCOMPARE(r.config.otlpGrpcPort, 4317);
    QCOMPARE(r.config.zipkinPort, 9411);
    QCOMPARE(r.config.jaegerHttpPort, 14268);
    QCOMPARE(r.config.serviceHost, QStringLiteral("127.0.0.1"));
    QCOMPARE(r.config.bindAddr, QStringLiteral("127.0.0.1"));
    QCOMPARE(r.config.samplingRate, 1.0);
    QCOMPARE(r.config.retentionDays, 7);
    QVERIFY(r.config.databaseUrl.startsWith(QStringLiteral("sqlite:///")));
    QVERIFY(r.config.databaseUrl.endsWith(QStringLiteral("/spanlight.db")));
    QVERIFY(r.config.redisUrl.isEmpty());
    QCOMPARE(r.config.queryCacheSeconds, 5);
    QCOMPARE(r.config.alertIntervalMs, 60000);
    QCOMPARE(r.config.anomalyMargin, 3.5);
    QCOMPARE(r.config.anomalyBaselineBuckets, 30);
}

// The alert interval and the anomaly rule come from the environment, the settings file and
// flags like every other setting.
void TestConfig::insightSettings()
{
    const QString path = settingsPath("insights.conf");
    {
        QSettings s(path, QSettings::IniFormat);
        s.setValue(QStringLiteral("anomaly_baseline_buckets"), 60);
    }
    QProcessEnvironment env;
    env.insert(QStringLiteral("ALERT_EVALUATION_SECONDS"), QStringLiteral("15"));
    env.insert(QStringLiteral("ANOMALY_MARGIN"), QStringLiteral("4.25"));
    const ConfigResult r = loadConfig({QStringLiteral("spanlightd"), QStringLiteral("--config"), path}, env, QString(), false);
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QCOMPARE(r.config.alertIntervalMs, 15000);
    QCOMPARE(r.config.anomalyMargin, 4.25);
    QCOMPARE(r.config.anomalyBaselineBuckets, 60);

    const ConfigResult flagged = loadConfig({QStringLiteral("spanlightd"), QStringLiteral("--config"), path,
                                                QStringLiteral("--anomaly-margin"), QStringLiteral("2")},
        env, QString(), false);
    QVERIFY2(flagged.error.isEmpty(), qPrintable(flagged.error));
    QCOMPARE(flagged.config.anomalyMargin, 2.0);
}

void TestConfig::precedence()
{
    const QString path = settingsPath("p.conf");
    {
        QSettings s(path, QSettings::IniFormat);
        s.setValue(QStringLiteral("service_port"), 1111);
        s.setValue(QStringLiteral("otlp_http_port"), 2222);
        s.setValue(QStringLiteral("zipkin_port"), 3333);
    }
    QProcessEnvironment env;
    env.insert(QStringLiteral("OTLP_HTTP_PORT"), QStringLiteral("4444"));
    env.insert(QStringLiteral("ZIPKIN_PORT"), QStringLiteral("5555"));
    const ConfigResult r = loadConfig({QStringLiteral("spanlightd"), QStringLiteral("--config"), path,
                                       QStringLiteral("--zipkin-port"), QStringLiteral("6666")},
                                      env, QString(), false);
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QCOMPARE(r.config.servicePort, 1111); // settings file beats the default
    QCOMPARE(r.config.otlpHttpPort, 4444); // environment beats the settings file
    QCOMPARE(r.config.zipkinPort, 6666); // flag beats the environment
}

void TestConfig::invalid_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("value");
    QTest::newRow("port text") << "SERVICE_PORT" << "http";
    QTest::newRow("port range") << "OTLP_HTTP_PORT" << "70000";
    QTest::newRow("sampling") << "TRACE_SAMPLING_RATE" << "1.5";
    QTest::newRow("retention") << "TRACE_RETENTION_DAYS" << "0";
    QTest::newRow("retention past 100 years") << "TRACE_RETENTION_DAYS" << "36501";
    QTest::newRow("size cap") << "MAX_DB_SIZE_MB" << "-1";
    QTest::newRow("rate") << "MAX_TRACES_PER_SECOND" << "-3";
    QTest::newRow("db scheme") << "DATABASE_URL" << "mysql://x/y";
    QTest::newRow("db relative") << "DATABASE_URL" << "sqlite://relative.db";
    QTest::newRow("host") << "BIND_ADDR" << "not an address";
    QTest::newRow("log level") << "LOG_LEVEL" << "LOUD";
    QTest::newRow("endpoint") << "ZIPKIN_ENDPOINT" << "::nonsense";
    QTest::newRow("cors path") << "CORS_ALLOWED_ORIGINS" << "https://ui.example.com/app";
    QTest::newRow("cors scheme") << "CORS_ALLOWED_ORIGINS" << "ftp://ui.example.com";
    QTest::newRow("cors empty") << "CORS_ALLOWED_ORIGINS" << ",";
    QTest::newRow("tokens file relative") << "TOKENS_FILE" << "tokens.txt";
    QTest::newRow("ingest auth") << "INGEST_AUTH" << "off";
    QTest::newRow("tls cert relative") << "TLS_CERT" << "cert.pem";
    QTest::newRow("redis scheme") << "REDIS_URL" << "http://127.0.0.1:6379";
    QTest::newRow("redis tls") << "REDIS_URL" << "rediss://127.0.0.1:6379";
    QTest::newRow("redis db") << "REDIS_URL" << "redis://127.0.0.1:6379/cache";
    QTest::newRow("redis port") << "REDIS_URL" << "redis://127.0.0.1:0";
    QTest::newRow("redis no host") << "REDIS_URL" << "redis://:pw@/0";
    QTest::newRow("redis query") << "REDIS_URL" << "redis://127.0.0.1/0?timeout=1";
    QTest::newRow("cache seconds") << "QUERY_CACHE_SECONDS" << "-1";
    QTest::newRow("cache hour") << "QUERY_CACHE_SECONDS" << "3601";
    QTest::newRow("alert interval short") << "ALERT_EVALUATION_SECONDS" << "4";
    QTest::newRow("alert interval long") << "ALERT_EVALUATION_SECONDS" << "3601";
    QTest::newRow("alert interval text") << "ALERT_EVALUATION_SECONDS" << "1m";
    QTest::newRow("margin small") << "ANOMALY_MARGIN" << "0.5";
    QTest::newRow("margin large") << "ANOMALY_MARGIN" << "50.5";
    QTest::newRow("margin nan") << "ANOMALY_MARGIN" << "nan";
    QTest::newRow("margin text") << "ANOMALY_MARGIN" << "high";
    QTest::newRow("baseline short") << "ANOMALY_BASELINE_BUCKETS" << "9";
    QTest::newRow("baseline long") << "ANOMALY_BASELINE_BUCKETS" << "1441";
}

void TestConfig::invalid()
{
    QFETCH(QString, variable);
    QFETCH(QString, value);
    QProcessEnvironment env;
    env.insert(variable, value);
    const ConfigResult r = loadConfig({QStringLiteral("spanlightd"), QStringLiteral("--config"), settingsPath("i.conf")},
                                      env, QString(), false);
    QVERIFY(!r.error.isEmpty());
    QVERIFY2(r.error.contains(variable), qPrintable(r.error));
}

void TestConfig::generatedTokenIsStoredOnce()
{
    const QString path = settingsPath("t.conf");
    const QStringList args = {QStringLiteral("spanlightd"), QStringLiteral("--config"), path};
    const ConfigResult first = loadConfig(args, QProcessEnvironment(), QString(), true);
    QVERIFY2(first.error.isEmpty(), qPrintable(first.error));
    QVERIFY(first.config.apiTokenGenerated);
    QVERIFY(first.config.apiToken.size() >= 32);
    const ConfigResult second = loadConfig(args, QProcessEnvironment(), QString(), true);
    QVERIFY(!second.config.apiTokenGenerated);
    QCOMPARE(second.config.apiToken, first.config.apiToken);
    // Generated now or at an earlier start, the token is not one an operator chose (which
    // BIND_ADDR beyond loopback needs); from the environment, it is.
    QVERIFY(!first.config.apiTokenConfigured);
    QVERIFY(!second.config.apiTokenConfigured);
    QProcessEnvironment env;
    env.insert(QStringLiteral("API_TOKEN"), QStringLiteral("from-env"));
    const ConfigResult fromEnv = loadConfig(args, env, QString(), true);
    QCOMPARE(fromEnv.config.apiToken, QStringLiteral("from-env"));
    QVERIFY(fromEnv.config.apiTokenConfigured);
    // A token in the settings file never counts as chosen, also one written there by hand (a
    // file from an older version holds generated tokens without any mark).
    {
        QSettings edited(path, QSettings::IniFormat);
        edited.setValue(QStringLiteral("api_token"), QStringLiteral("edited-by-hand"));
    }
    const ConfigResult edited = loadConfig(args, QProcessEnvironment(), QString(), true);
    QCOMPARE(edited.config.apiToken, QStringLiteral("edited-by-hand"));
    QVERIFY(!edited.config.apiTokenConfigured);
    const QString chosen = settingsPath("chosen.conf");
    {
        QFile f(chosen);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("api_token=written-by-hand\ningest_auth=required\ntokens_file=/etc/spanlight/tokens\n");
    }
    const ConfigResult byHand = loadConfig({QStringLiteral("spanlightd"), QStringLiteral("--config"), chosen},
                                           QProcessEnvironment(), QString(), true);
    QVERIFY2(byHand.error.isEmpty(), qPrintable(byHand.error));
    QVERIFY(!byHand.config.apiTokenConfigured);
    QVERIFY(byHand.config.ingestAuthRequired);
    QCOMPARE(byHand.config.tokensFile, QStringLiteral("/etc/spanlight/tokens"));
    const ConfigResult byFlag = loadConfig({QStringLiteral("spanlightd"), QStringLiteral("--config"), chosen,
                                            QStringLiteral("--api-token"), QStringLiteral("from-a-flag")},
                                           QProcessEnvironment(), QString(), true);
    QVERIFY(byFlag.config.apiTokenConfigured);
    // TLS needs both files.
    QProcessEnvironment tlsEnv;
    tlsEnv.insert(QStringLiteral("TLS_CERT"), QStringLiteral("/etc/ssl/spanlight.pem"));
    const ConfigResult half = loadConfig(args, tlsEnv, QString(), false);
    QVERIFY2(half.error.contains(QLatin1String("TLS_CERT and TLS_KEY go together")), qPrintable(half.error));
    tlsEnv.insert(QStringLiteral("TLS_KEY"), QStringLiteral("/etc/ssl/spanlight.key"));
    const ConfigResult both = loadConfig(args, tlsEnv, QString(), false);
    QVERIFY2(both.error.isEmpty(), qPrintable(both.error));
    QCOMPARE(both.config.tlsKey, QStringLiteral("/etc/ssl/spanlight.key"));
    // The size cap is SQLite's: with PostgreSQL, a refusal that says why, not a setting ignored.
    QProcessEnvironment capEnv;
    capEnv.insert(QStringLiteral("MAX_DB_SIZE_MB"), QStringLiteral("500"));
    const ConfigResult sqliteCap = loadConfig(args, capEnv, QString(), false);
    QVERIFY2(sqliteCap.error.isEmpty(), qPrintable(sqliteCap.error));
    QCOMPARE(sqliteCap.config.maxDbSizeMb, 500);
    capEnv.insert(QStringLiteral("DATABASE_URL"), QStringLiteral("postgresql://spanlight@db.example/spanlight"));
    const ConfigResult pgCap = loadConfig(args, capEnv, QString(), false);
    QVERIFY2(pgCap.error.contains(QLatin1String("MAX_DB_SIZE_MB applies to the SQLite store only")), qPrintable(pgCap.error));
}

void TestConfig::corsOrigins()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("CORS_ALLOWED_ORIGINS"), QStringLiteral("https://a.example, http://b.example:8080"));
    const ConfigResult r = loadConfig({QStringLiteral("spanlightd"), QStringLiteral("--config"), settingsPath("c.conf")},
                                      env, QString(), false);
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QCOMPARE(r.config.corsOrigins, (QStringList{QStringLiteral("https://a.example"), QStringLiteral("http://b.example:8080")}));
    QCOMPARE(Config().corsOrigins, QStringList{QStringLiteral("*")});
}

void TestConfig::positionalArgumentsAmongOptions()
{
    // spanlightd takes none; the console takes links (between options too), and lists them in --help.
    const QStringList args{QStringLiteral("spanlight"), QStringLiteral("--config"), settingsPath("pos.conf"),
                           QStringLiteral("spanlight://trace/1"), QStringLiteral("--log-level"),
                           QStringLiteral("DEBUG"), QStringLiteral("second")};
    const ConfigResult refused = loadConfig(args, QProcessEnvironment(), QString(), false);
    QVERIFY(refused.error.contains(QStringLiteral("unexpected argument 'spanlight://trace/1'")));
    const PositionalArguments links{QStringLiteral("link"), QStringLiteral("A link to open."), QStringLiteral("[link...]")};
    const ConfigResult taken = loadConfig(args, QProcessEnvironment(), QString(), false, {}, links);
    QVERIFY2(taken.error.isEmpty(), qPrintable(taken.error));
    QCOMPARE(taken.positionalArguments, QStringList({QStringLiteral("spanlight://trace/1"), QStringLiteral("second")}));
    QCOMPARE(taken.config.logLevel, QStringLiteral("DEBUG"));
    const ConfigResult help = loadConfig({QStringLiteral("spanlight"), QStringLiteral("--help")}, QProcessEnvironment(),
                                         QString(), false, {}, links);
    QVERIFY(help.helpShown);
    QVERIFY(help.helpText.contains(QStringLiteral("[link...]")));
    QVERIFY(help.helpText.contains(QStringLiteral("A link to open.")));
}

void TestConfig::bindAddrAppliesToApi()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("BIND_ADDR"), QStringLiteral("127.0.0.2"));
    const QStringList args = {QStringLiteral("spanlightd"), QStringLiteral("--config"), settingsPath("b.conf")};
    ConfigResult r = loadConfig(args, env, QString(), false);
    QCOMPARE(r.config.serviceHost, QStringLiteral("127.0.0.2"));
    env.insert(QStringLiteral("SERVICE_HOST"), QStringLiteral("127.0.0.3"));
    r = loadConfig(args, env, QString(), false);
    QCOMPARE(r.config.serviceHost, QStringLiteral("127.0.0.3"));
    QCOMPARE(r.config.bindAddr, QStringLiteral("127.0.0.2"));
}

void TestConfig::redisUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("password");
    QTest::addColumn<int>("database");
    QTest::addColumn<QString>("display");
    QTest::newRow("host") << "redis://cache.internal" << "cache.internal" << 6379 << "" << "" << 0 << "cache.internal:6379/0";
    QTest::newRow("port db") << "redis://10.0.0.5:6380/2" << "10.0.0.5" << 6380 << "" << "" << 2 << "10.0.0.5:6380/2";
    QTest::newRow("password") << "redis://:s%40cret@127.0.0.1:6379/1" << "127.0.0.1" << 6379 << "" << "s@cret" << 1
                              << "127.0.0.1:6379/1";
    QTest::newRow("acl user") << "redis://spanlight:pw@127.0.0.1" << "127.0.0.1" << 6379 << "spanlight" << "pw" << 0
                              << "127.0.0.1:6379/0";
    QTest::newRow("ipv6") << "redis://[::1]:7000/" << "::1" << 7000 << "" << "" << 0 << "[::1]:7000/0";
}

void TestConfig::redisUrl()
{
    QFETCH(QString, url);
    QString error;
    const std::optional<RedisUrl> r = RedisUrl::parse(url, &error);
    QVERIFY2(r, qPrintable(error));
    QTEST(r->host, "host");
    QTEST(int(r->port), "port");
    QTEST(r->username, "username");
    QTEST(r->password, "password");
    QTEST(r->database, "database");
    QTEST(r->display(), "display");
    QProcessEnvironment env;
    env.insert(QStringLiteral("REDIS_URL"), url);
    const ConfigResult c = loadConfig({QStringLiteral("spanlightd"), QStringLiteral("--config"), settingsPath("r.conf")},
                                      env, QString(), false);
    QVERIFY2(c.error.isEmpty(), qPrintable(c.error));
    QCOMPARE(c.config.redisUrl, url);
    // A bad URL's error never repeats the password.
    QProcessEnvironment bad;
    bad.insert(QStringLiteral("REDIS_URL"), QStringLiteral("redis://:top-secret@127.0.0.1:6379/not-a-db"));
    const ConfigResult refused = loadConfig({QStringLiteral("spanlightd"), QStringLiteral("--config"), settingsPath("r.conf")},
                                            bad, QString(), false);
    QVERIFY(refused.error.contains(QStringLiteral("REDIS_URL")));
    QVERIFY2(!refused.error.contains(QStringLiteral("top-secret")), qPrintable(refused.error));
    QVERIFY2(refused.error.contains(QStringLiteral("redis://***@127.0.0.1:6379/not-a-db")), qPrintable(refused.error));
    // Also a password with '/' or '@' in it (which makes the URL unparsable).
    for (const char *secret : {"top/secret", "top@sec/ret"}) {
        QProcessEnvironment slash;
        slash.insert(QStringLiteral("REDIS_URL"), QStringLiteral("redis://:%1@127.0.0.1:6379/0").arg(QLatin1String(secret)));
        const ConfigResult r = loadConfig({QStringLiteral("spanlightd"), QStringLiteral("--config"), settingsPath("r.conf")},
                                          slash, QString(), false);
        QVERIFY2(!r.error.contains(QLatin1String("secret")) && !r.error.contains(QLatin1String("top")),
                 qPrintable(r.error));
    }
}

QTEST_GUILESS_MAIN(TestConfig)
#include "tst_config.moc"
