#include "httptestclient.h"
#include "spanlightdprocess.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

// The real Node Jaeger client (jaeger-client, from npm, pinned by
// tests/e2e/otel-js/package-lock.json) reports Thrift over HTTP to spanlightd; every span must
// read back through the API as docs/ingest.md maps it.
class TestJaegerClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void reportAndReadBack();

private:
    QJsonObject getJson(const QString &path, int *status);

    QTemporaryDir m_dir;
    std::unique_ptr<SpanlightdProcess> m_server;
    QNetworkAccessManager m_nam;
    QString m_node;
    QString m_script;
};

void TestJaegerClient::initTestCase()
{
    m_node = QStandardPaths::findExecutable(QStringLiteral("node"));
    QVERIFY2(!m_node.isEmpty(), "node is not installed (scripts/test.sh installs it)");
    const QString dir = QString::fromLocal8Bit(qgetenv("SPANLIGHT_TEST_DATA")) + QStringLiteral("/otel-js");
    m_script = dir + QStringLiteral("/export-jaeger.js");
    if (!QFile::exists(dir + QStringLiteral("/node_modules/jaeger-client/package.json")))
        QSKIP("jaeger-client is not installed (scripts/test.sh runs npm ci in tests/e2e/otel-js; "
              "in CI a failed install is an error)");
    const QProcessEnvironment env
        = SpanlightdProcess::testEnvironment(m_dir.path(), QStringLiteral("jaeger.db"), QStringLiteral("jaeger"));
    m_server = std::make_unique<SpanlightdProcess>(env);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    QVERIFY(m_server->jaegerHttpPort() != 0);
}

void TestJaegerClient::cleanupTestCase()
{
    if (m_server)
        QVERIFY2(m_server->terminate(), qPrintable(m_server->log()));
}

QJsonObject TestJaegerClient::getJson(const QString &path, int *status)
{
    const testsupport::Reply r = testsupport::request(m_nam, "GET", m_server->apiPort(), path, {}, {{"Authorization", "Bearer jaeger"}});
    *status = r.status;
    return r.json();
}

void TestJaegerClient::reportAndReadBack()
{
    QProcess node;
    node.start(m_node,
        { m_script, QStringLiteral("http://127.0.0.1:%1/api/traces").arg(m_server->jaegerHttpPort()) });
    QVERIFY(node.waitForFinished(60000));
    const QByteArray out = node.readAllStandardOutput();
    QVERIFY2(node.exitCode() == 0, node.readAllStandardError().constData());
    const QJsonObject result = QJsonDocument::fromJson(out).object();
    QVERIFY2(result.value(QStringLiteral("exported")).toBool(), out.constData());
    const QJsonArray expected = result.value(QStringLiteral("spans")).toArray();
    QCOMPARE(expected.size(), 4);

    // Tags the decoder turns into fields of the span rather than attributes.
    const QStringList consumed { QStringLiteral("span.kind"), QStringLiteral("error") };
    for (const QJsonValue &value : expected) {
        const QJsonObject want = value.toObject();
        const QString name = want.value(QStringLiteral("name")).toString();
        const QString traceId = want.value(QStringLiteral("trace_id")).toString();
        const QString spanId = want.value(QStringLiteral("span_id")).toString();
        int status = 0;
        const QJsonObject got = getJson(QStringLiteral("/traces/%1/spans").arg(traceId), &status);
        QCOMPARE(status, 200);
        QJsonObject span;
        for (const QJsonValue &s : got.value(QStringLiteral("spans")).toArray())
            if (s.toObject().value(QStringLiteral("span_id")).toString() == spanId)
                span = s.toObject();
        QVERIFY2(!span.isEmpty(), qPrintable(QStringLiteral("span %1 (%2) not found").arg(spanId, name)));
        QCOMPARE(span.value(QStringLiteral("operation_name")).toString(), name);
        const QString parent = want.value(QStringLiteral("parent_span_id")).toString();
        QCOMPARE(span.value(QStringLiteral("parent_span_id")).toString(), parent);
        QCOMPARE(span.value(QStringLiteral("service_name")).toString(),
            want.value(QStringLiteral("service_name")).toString());
        const QJsonObject resource = span.value(QStringLiteral("resource")).toObject();
        QCOMPARE(resource.value(QStringLiteral("deployment.environment")).toString(), QStringLiteral("e2e"));
        QCOMPARE(resource.value(QStringLiteral("jaeger.version")).toString(), QStringLiteral("Node-3.19.0"));
        const qint64 startUs = want.value(QStringLiteral("start_us")).toString().toLongLong();
        const qint64 durationUs = want.value(QStringLiteral("duration_us")).toString().toLongLong();
        QCOMPARE(
            span.value(QStringLiteral("start_time_unix_nano")).toString(), QString::number(startUs * 1000));
        QCOMPARE(span.value(QStringLiteral("end_time_unix_nano")).toString(),
            QString::number((startUs + durationUs) * 1000));

        const QJsonObject tags = want.value(QStringLiteral("tags")).toObject();
        QCOMPARE(span.value(QStringLiteral("kind")).toString(),
            tags.value(QStringLiteral("span.kind")).toString(QStringLiteral("unspecified")));
        const bool failed = tags.value(QStringLiteral("error")).toBool();
        QCOMPARE(
            span.value(QStringLiteral("status_code")).toString(), QLatin1String(failed ? "error" : "unset"));
        QJsonObject wantAttrs = tags;
        for (const QString &key : consumed)
            wantAttrs.remove(key);
        if (want.value(QStringLiteral("flags")).toInt() & 2)
            wantAttrs.insert(QStringLiteral("jaeger.debug"), true);
        const QJsonObject gotAttrs = span.value(QStringLiteral("attributes")).toObject();
        QCOMPARE(gotAttrs.keys(), wantAttrs.keys());
        for (const QString &key : wantAttrs.keys())
            QVERIFY2(testsupport::sameJsonValue(gotAttrs.value(key), wantAttrs.value(key)), qPrintable(name + u' ' + key));

        const QJsonArray wantLogs = want.value(QStringLiteral("logs")).toArray();
        const QJsonArray gotLogs = span.value(QStringLiteral("logs")).toArray();
        QCOMPARE(gotLogs.size(), wantLogs.size());
        for (qsizetype i = 0; i < wantLogs.size(); ++i) {
            const QJsonObject wl = wantLogs[i].toObject();
            const QJsonObject gl = gotLogs[i].toObject();
            QCOMPARE(gl.value(QStringLiteral("timestamp_unix_nano")).toString(),
                QString::number(wl.value(QStringLiteral("timestamp_us")).toString().toLongLong() * 1000));
            QJsonObject fields = wl.value(QStringLiteral("fields")).toObject();
            QCOMPARE(gl.value(QStringLiteral("name")).toString(),
                fields.value(QStringLiteral("event")).toString(QStringLiteral("log")));
            fields.remove(QStringLiteral("event")); // it became the name
            const QJsonObject gotFields = gl.value(QStringLiteral("fields")).toObject();
            for (const QString &key : fields.keys())
                QVERIFY2(testsupport::sameJsonValue(gotFields.value(key), fields.value(key)), qPrintable(name + u' ' + key));
            if (fields.contains(QStringLiteral("error.kind"))) { // an error log gains exception.* too
                QCOMPARE(gotFields.value(QStringLiteral("exception.type")),
                    fields.value(QStringLiteral("error.kind")));
                QCOMPARE(gotFields.value(QStringLiteral("exception.message")),
                    fields.value(QStringLiteral("message")));
                QCOMPARE(gotFields.value(QStringLiteral("exception.stacktrace")),
                    fields.value(QStringLiteral("stack")));
                QCOMPARE(gl.value(QStringLiteral("level")).toString(), QStringLiteral("error"));
                QCOMPARE(span.value(QStringLiteral("status_message")).toString(),
                    fields.value(QStringLiteral("message")).toString());
            } else {
                QCOMPARE(gotFields.keys(), fields.keys());
            }
        }

        // Every reference but the one that repeats the parent is a link.
        QJsonArray wantLinks;
        for (const QJsonValue &r : want.value(QStringLiteral("references")).toArray()) {
            const QJsonObject ref = r.toObject();
            const bool childOf = ref.value(QStringLiteral("type")).toString() == u"child_of";
            if (childOf && ref.value(QStringLiteral("span_id")).toString() == parent)
                continue;
            wantLinks.append(
                QJsonObject { { QStringLiteral("span_id"), ref.value(QStringLiteral("span_id")) },
                    { QStringLiteral("type"), ref.value(QStringLiteral("type")) } });
        }
        const QJsonArray gotLinks = span.value(QStringLiteral("links")).toArray();
        QCOMPARE(gotLinks.size(), wantLinks.size());
        for (qsizetype i = 0; i < wantLinks.size(); ++i) {
            const QJsonObject gl = gotLinks[i].toObject();
            QCOMPARE(gl.value(QStringLiteral("trace_id")).toString(), traceId);
            QCOMPARE(gl.value(QStringLiteral("span_id")),
                wantLinks[i].toObject().value(QStringLiteral("span_id")));
            QCOMPARE(
                gl.value(QStringLiteral("attributes")).toObject().value(QStringLiteral("jaeger.ref_type")),
                wantLinks[i].toObject().value(QStringLiteral("type")));
        }
    }

    // the trace as a whole: two services, one failed span with its error type and stack
    int status = 0;
    const QString traceId = expected.first().toObject().value(QStringLiteral("trace_id")).toString();
    const QJsonObject trace = getJson(QStringLiteral("/traces/") + traceId, &status);
    QCOMPARE(status, 200);
    QCOMPARE(trace.value(QStringLiteral("spans")).toArray().size(), 4);
    QCOMPARE(trace.value(QStringLiteral("operation_name")).toString(), QStringLiteral("GET /basket"));
    QCOMPARE(trace.value(QStringLiteral("service_name")).toString(), QStringLiteral("jaeger-shop"));
    QCOMPARE(trace.value(QStringLiteral("status")).toString(), QStringLiteral("error"));
    QCOMPARE(trace.value(QStringLiteral("duration_ms")).toDouble(), 20.0);
    const QJsonArray errors = trace.value(QStringLiteral("error_spans")).toArray();
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().toObject().value(QStringLiteral("error_type")).toString(),
        QStringLiteral("StockError"));
    QCOMPARE(errors.first().toObject().value(QStringLiteral("error_message")).toString(),
        QStringLiteral("item 7 is gone"));
    QVERIFY(errors.first()
                .toObject()
                .value(QStringLiteral("stack_trace"))
                .toString()
                .contains(QStringLiteral("stock.js:12")));
}

QTEST_GUILESS_MAIN(TestJaegerClient)
#include "tst_jaeger_client.moc"
