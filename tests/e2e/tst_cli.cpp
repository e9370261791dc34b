#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

// spanlightd's command line: --help, --version, and startup errors that name the variable.
class TestCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void version();
    void helpListsEverySetting();
    void badValues_data();
    void badValues();
    void portInUse();
    void newToken();
    void exposedWithoutTokensRefused();

private:
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    Run run(const QStringList &args, const QMap<QString, QString> &env = {});

    QString m_bin;
    QTemporaryDir m_dir;
};

void TestCli::initTestCase()
{
    m_bin = QString::fromLocal8Bit(qgetenv("SPANLIGHTD_BIN"));
    if (m_bin.isEmpty())
        QSKIP("SPANLIGHTD_BIN is not set (run through ctest)");
}

TestCli::Run TestCli::run(const QStringList &args, const QMap<QString, QString> &env)
{
    QProcess p;
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.insert(QStringLiteral("SPANLIGHT_CONFIG"), m_dir.filePath(QStringLiteral("cli.conf")));
    e.insert(QStringLiteral("DATABASE_URL"), QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("cli.db")));
    e.insert(QStringLiteral("API_TOKEN"), QStringLiteral("cli"));
    for (const char *port : {"OTLP_HTTP_PORT", "OTLP_GRPC_PORT", "ZIPKIN_PORT", "JAEGER_HTTP_PORT", "SERVICE_PORT"})
        e.insert(QLatin1String(port), QStringLiteral("0")); // never the default ports, which may be in use
    for (auto it = env.begin(); it != env.end(); ++it)
        e.insert(it.key(), it.value());
    p.setProcessEnvironment(e);
    p.start(m_bin, args);
    Run r;
    if (!p.waitForFinished(15000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitCode();
    r.out = QString::fromLocal8Bit(p.readAllStandardOutput());
    r.err = QString::fromLocal8Bit(p.readAllStandardError());
    return r;
}

void TestCli::version()
{
    const Run r = run({QStringLiteral("--version")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.startsWith(QStringLiteral("spanlightd ") + QStringLiteral(SPANLIGHT_VERSION)), qPrintable(r.out));
}

void TestCli::helpListsEverySetting()
{
    const Run r = run({QStringLiteral("--help")});
    QCOMPARE(r.exitCode, 0);
    for (const char *name : {"SERVICE_HOST", "SERVICE_PORT", "BIND_ADDR", "OTLP_HTTP_PORT", "OTLP_GRPC_PORT", "ZIPKIN_PORT",
                             "JAEGER_HTTP_PORT", "DATABASE_URL", "API_TOKEN", "LOG_LEVEL", "TRACE_SAMPLING_RATE",
                             "MAX_TRACES_PER_SECOND", "TRACE_RETENTION_DAYS", "JAEGER_ENDPOINT", "ZIPKIN_ENDPOINT",
                             "OTEL_EXPORTER_OTLP_ENDPOINT", "REDIS_URL", "QUERY_CACHE_SECONDS", "TOKENS_FILE", "INGEST_AUTH"})
        QVERIFY2(r.out.contains(QLatin1String(name)), name);
    QVERIFY(r.out.contains(QStringLiteral("--service-port")));
}

void TestCli::badValues_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("value");
    QTest::newRow("port") << "SERVICE_PORT" << "eighty";
    QTest::newRow("sampling") << "TRACE_SAMPLING_RATE" << "2";
    QTest::newRow("database") << "DATABASE_URL" << "oracle://db";
    QTest::newRow("log level") << "LOG_LEVEL" << "CHATTY";
    QTest::newRow("redis") << "REDIS_URL" << "redis://:pw@127.0.0.1:6379/cache";
}

void TestCli::badValues()
{
    QFETCH(QString, variable);
    QFETCH(QString, value);
    const Run r = run({}, {{variable, value}});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(variable), qPrintable(r.err));
    QVERIFY2(!r.err.contains(QStringLiteral(":pw@")), qPrintable(r.err)); // a password is never repeated
    // and a bad flag names the flag
    const Run f = run({QStringLiteral("--otlp-http-port"), QStringLiteral("x")});
    QCOMPARE(f.exitCode, 2);
    QVERIFY2(f.err.contains(QStringLiteral("--otlp-http-port")), qPrintable(f.err));
}

void TestCli::portInUse()
{
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
    const Run r = run({}, {{QStringLiteral("SERVICE_PORT"), QString::number(taken.serverPort())}});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("SERVICE_PORT")), qPrintable(r.err));
}

void TestCli::newToken()
{
    // A token and its TOKENS_FILE line: the line holds the token's SHA-256, never the token.
    const Run r = run({QStringLiteral("token"), QStringLiteral("ingest"), QStringLiteral("checkout exporter")});
    QCOMPARE(r.exitCode, 0);
    const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QVERIFY(lines[0].startsWith(QStringLiteral("sl_")));
    const QByteArray digest
        = QCryptographicHash::hash(lines[0].toUtf8(), QCryptographicHash::Sha256).toHex();
    QCOMPARE(lines[1], QStringLiteral("ingest ") + QString::fromLatin1(digest) + QStringLiteral(" checkout exporter"));
    QVERIFY(!lines[1].contains(lines[0]));
    for (const QStringList &bad : {QStringList{QStringLiteral("token")},
                                   QStringList{QStringLiteral("token"), QStringLiteral("root"), QStringLiteral("x")},
                                   QStringList{QStringLiteral("token"), QStringLiteral("viewer"), QStringLiteral(" ")}}) {
        const Run b = run(bad);
        QCOMPARE(b.exitCode, 2);
        QVERIFY2(b.err.contains(QLatin1String("usage: spanlightd token")), qPrintable(b.err));
    }
}

void TestCli::exposedWithoutTokensRefused()
{
    // BIND_ADDR beyond loopback with a generated token: exit 1 before anything listens.
    QMap<QString, QString> env{{QStringLiteral("BIND_ADDR"), QStringLiteral("0.0.0.0")},
                               {QStringLiteral("SERVICE_HOST"), QStringLiteral("127.0.0.1")},
                               {QStringLiteral("SPANLIGHT_CONFIG"), m_dir.filePath(QStringLiteral("exposed.conf"))},
                               {QStringLiteral("LOG_FORMAT"), QStringLiteral("json")}};
    QProcess unset; // run() sets API_TOKEN; this start must generate one
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.remove(QStringLiteral("API_TOKEN"));
    e.insert(QStringLiteral("DATABASE_URL"), QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("exposed.db")));
    for (const char *port : {"OTLP_HTTP_PORT", "OTLP_GRPC_PORT", "ZIPKIN_PORT", "JAEGER_HTTP_PORT", "SERVICE_PORT"})
        e.insert(QLatin1String(port), QStringLiteral("0"));
    for (auto it = env.begin(); it != env.end(); ++it)
        e.insert(it.key(), it.value());
    unset.setProcessEnvironment(e);
    unset.start(m_bin, {});
    QVERIFY(unset.waitForFinished(15000));
    QCOMPARE(unset.exitCode(), 1);
    const QString err = QString::fromUtf8(unset.readAllStandardError());
    QVERIFY2(err.contains(QLatin1String("BIND_ADDR 0.0.0.0 is not a loopback address")), qPrintable(err));
    // LOG_FORMAT=json: every line one object with time, level, category and message. The
    // generated token is named by where it is stored, never by value.
    QFile settings(m_dir.filePath(QStringLiteral("exposed.conf")));
    QVERIFY(settings.open(QIODevice::ReadOnly));
    const QByteArray stored = settings.readAll();
    const qsizetype at = stored.indexOf("api_token=");
    QVERIFY(at >= 0);
    const QByteArray token = stored.mid(at + 10).split('\n').first().trimmed();
    QVERIFY(token.size() >= 32);
    QVERIFY(!err.contains(QString::fromLatin1(token)));
    bool generatedLine = false, errorLine = false;
    for (const QString &line : err.split(u'\n', Qt::SkipEmptyParts)) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(line.toUtf8(), &parseError);
        QVERIFY2(doc.isObject(), qPrintable(line));
        const QJsonObject o = doc.object();
        QCOMPARE(o.size(), 4);
        QVERIFY(QDateTime::fromString(o.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs).isValid());
        QVERIFY(o.value(QStringLiteral("category")).toString().startsWith(QLatin1String("spanlight.")));
        const QString message = o.value(QStringLiteral("message")).toString();
        generatedLine |= message.contains(QLatin1String("generated an API token"))
            && o.value(QStringLiteral("level")) == QLatin1String("INFO");
        errorLine |= message.contains(QLatin1String("BIND_ADDR 0.0.0.0"))
            && o.value(QStringLiteral("level")) == QLatin1String("ERROR");
    }
    QVERIFY(generatedLine);
    QVERIFY(errorLine);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
