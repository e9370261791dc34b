#include "alerts/alertevaluator.h"
#include "core/accesscontrol.h"
#include "spanlightserver.h"
#include "storage/store.h"

#include "httptestclient.h"
#include "prometheustext.h"
#include "testconfig.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace spanlight;

namespace {

// A webhook receiver on an ephemeral loopback port: records every POST (path and JSON body) and
// answers 200, or 500 for the first `failures[path]` requests to a path.
class WebhookReceiver : public QObject
{
public:
    struct Received
    {
        QString path;
        QJsonObject body;
    };

    WebhookReceiver()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        m_server.listen(QHostAddress::LocalHost, 0);
    }

    QString url(const QString &path) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path);
    }
    QList<Received> at(const QString &path) const
    {
        QList<Received> out;
        for (const Received &r : m_received)
            if (r.path == path)
                out.append(r);
        return out;
    }
    qsizetype attempts(const QString &path) const { return m_attempts.value(path); }
    QHash<QString, int> failures;

private:
    void read(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        const QByteArray head = buffer.left(headerEnd).toLower();
        const qsizetype at = head.indexOf("content-length:");
        const qsizetype length = at < 0 ? 0 : head.mid(at + 15, head.indexOf("\r\n", at) - at - 15).trimmed().toLongLong();
        if (buffer.size() < headerEnd + 4 + length)
            return;
        const QList<QByteArray> requestLine = buffer.left(buffer.indexOf("\r\n")).split(' ');
        const QString path = QString::fromLatin1(requestLine.value(1));
        const QJsonObject body = QJsonDocument::fromJson(buffer.mid(headerEnd + 4, length)).object();
        m_buffers.remove(socket);
        ++m_attempts[path];
        int status = 200;
        if (failures.value(path) > 0) {
            --failures[path];
            status = 500;
        } else {
            m_received.append({ path, body });
        }
        socket->write("HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QHash<QString, qsizetype> m_attempts;
    QList<Received> m_received;
};

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

// The alert API on a real server over HTTP (loopback, ephemeral ports): rule CRUD with roles,
// validation and audit, and end to end a rule that fires and resolves on spans written through
// the store, with its webhooks received by a loopback receiver. Evaluation runs every 200 ms.
class TestAlertsApi : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void crud();
    void roles_data();
    void roles();
    void badRules_data();
    void badRules();
    void unknownIds_data();
    void unknownIds();
    void historyFilters();
    void changesAreAudited();
    void listedInOpenApi();
    void firesAndResolvesWithWebhooks();
    void webhookRetries();
    void steadyWorkloadFiresNothing();

private:
    testsupport::Reply call(const QByteArray &method, const QString &path, const QByteArray &token = "admin-secret",
        const QByteArray &body = {});
    qint64 createRule(const QJsonObject &rule);
    void write(const QString &service, int ok, int failed);
    QJsonArray alerts(const QString &query);

    QTemporaryDir m_dir;
    QNetworkAccessManager m_nam;
    std::unique_ptr<SpanlightServer> m_server;
    WebhookReceiver m_receiver;
    int m_serial = 0;
};

void TestAlertsApi::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QFile tokens(m_dir.filePath(QStringLiteral("tokens")));
    QVERIFY(tokens.open(QIODevice::WriteOnly));
    tokens.write("viewer " + AccessControl::hashToken("viewer-secret") + " grafana\n");
    tokens.write("ingest " + AccessControl::hashToken("ingest-secret") + " exporter\n");
    tokens.write("admin " + AccessControl::hashToken("admin-secret") + " ops\n");
    tokens.close();
    Config c = ephemeralConfig(m_dir.filePath(QStringLiteral("alerts.db")));
    c.settingsFile = m_dir.filePath(QStringLiteral("alerts.conf"));
    c.tokensFile = tokens.fileName();
    c.alertIntervalMs = 200;
    c.webhookBackoffMs = 50;
    c.webhookTimeoutMs = 5000;
    m_server = std::make_unique<SpanlightServer>(c);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
}

void TestAlertsApi::cleanupTestCase()
{
    if (m_server)
        m_server->stop();
}

testsupport::Reply TestAlertsApi::call(const QByteArray &method, const QString &path, const QByteArray &token,
    const QByteArray &body)
{
    testsupport::Headers h { { "Content-Type", "application/json" } };
    if (!token.isEmpty())
        h.append({ "Authorization", "Bearer " + token });
    return testsupport::request(m_nam, method, m_server->apiPort(), path, body, h);
}

qint64 TestAlertsApi::createRule(const QJsonObject &rule)
{
    const testsupport::Reply r = call("POST", QStringLiteral("/alerts/rules"), "admin-secret", json(rule));
    if (r.status != 201)
        qWarning().noquote() << r.status << r.body;
    return r.status == 201 ? r.json().value(QStringLiteral("id")).toInteger() : 0;
}

void TestAlertsApi::write(const QString &service, int ok, int failed)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch() * 1000000;
    QList<Span> spans;
    for (int i = 0; i < ok + failed; ++i) {
        Span s;
        ++m_serial;
        s.traceId = QByteArray(12, '\x0d') + QByteArray::number(m_serial, 16).rightJustified(4, '0').right(4);
        s.spanId = s.traceId.right(8);
        s.startTimeUnixNano = now - 1000000000 + i * 1000;
        s.endTimeUnixNano = s.startTimeUnixNano + 15000000;
        s.serviceName = service;
        s.name = QStringLiteral("GET /items");
        s.kind = SpanKind::Server;
        if (i >= ok) {
            s.statusCode = StatusCode::Error;
            s.statusMessage = QStringLiteral("boom");
        }
        spans.append(s);
    }
    QFuture<WriteResult> f = m_server->store()->write(spans);
    f.waitForFinished();
    QVERIFY2(f.result().ok(), qPrintable(f.result().error));
}

QJsonArray TestAlertsApi::alerts(const QString &query)
{
    const testsupport::Reply r = call("GET", QStringLiteral("/alerts") + query, "viewer-secret");
    return r.status == 200 ? r.json().value(QStringLiteral("alerts")).toArray() : QJsonArray();
}

void TestAlertsApi::crud()
{
    const QJsonObject rule { { QStringLiteral("name"), QStringLiteral("slow search") },
        { QStringLiteral("metric"), QStringLiteral("latency_p95") }, { QStringLiteral("service_name"), QStringLiteral("search") },
        { QStringLiteral("operation_name"), QStringLiteral("GET /q") }, { QStringLiteral("comparator"), QStringLiteral(">=") },
        { QStringLiteral("threshold"), 250.5 }, { QStringLiteral("for_seconds"), 300 },
        { QStringLiteral("severity"), QStringLiteral("critical") }, { QStringLiteral("enabled"), false },
        { QStringLiteral("webhooks"),
            QJsonArray { QStringLiteral("https://hooks.example.com/services/T0/B0/secret?token=x"),
                QJsonObject { { QStringLiteral("url"), QStringLiteral("http://127.0.0.1:1/slack") },
                    { QStringLiteral("format"), QStringLiteral("slack") } } } } };
    testsupport::Reply r = call("POST", QStringLiteral("/alerts/rules"), "admin-secret", json(rule));
    QCOMPARE(r.status, 201);
    QJsonObject created = r.json();
    const qint64 id = created.value(QStringLiteral("id")).toInteger();
    QVERIFY(id > 0);
    QCOMPARE(created.value(QStringLiteral("name")).toString(), QStringLiteral("slow search"));
    QCOMPARE(created.value(QStringLiteral("metric")).toString(), QStringLiteral("latency_p95"));
    QCOMPARE(created.value(QStringLiteral("service_name")).toString(), QStringLiteral("search"));
    QCOMPARE(created.value(QStringLiteral("operation_name")).toString(), QStringLiteral("GET /q"));
    QCOMPARE(created.value(QStringLiteral("comparator")).toString(), QStringLiteral(">="));
    QCOMPARE(created.value(QStringLiteral("threshold")).toDouble(), 250.5);
    QCOMPARE(created.value(QStringLiteral("for_seconds")).toDouble(), 300.0);
    QCOMPARE(created.value(QStringLiteral("severity")).toString(), QStringLiteral("critical"));
    QCOMPARE(created.value(QStringLiteral("enabled")).toBool(true), false);
    QCOMPARE(created.value(QStringLiteral("state")).toString(), QStringLiteral("disabled"));
    // Webhook URLs are credentials: shown by their origin only.
    const QJsonArray hooks = created.value(QStringLiteral("webhooks")).toArray();
    QCOMPARE(hooks.size(), 2);
    QCOMPARE(hooks[0][QLatin1String("url")].toString(), QStringLiteral("https://hooks.example.com/..."));
    QCOMPARE(hooks[0][QLatin1String("format")].toString(), QStringLiteral("json"));
    QCOMPARE(hooks[1][QLatin1String("format")].toString(), QStringLiteral("slack"));
    QVERIFY(!r.body.contains("secret"));

    r = call("GET", QStringLiteral("/alerts/rules/%1").arg(id), "viewer-secret");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json(), created);
    r = call("GET", QStringLiteral("/alerts/rules"), "viewer-secret");
    QCOMPARE(r.status, 200);
    QVERIFY(r.json().value(QStringLiteral("rules")).toArray().contains(created));
    QVERIFY(r.json().value(QStringLiteral("metrics")).toArray().contains(QStringLiteral("new_error_type")));

    // PUT replaces the rule: what it leaves out takes the defaults.
    const QJsonObject changed { { QStringLiteral("name"), QStringLiteral("search errors") },
        { QStringLiteral("metric"), QStringLiteral("error_rate") }, { QStringLiteral("comparator"), QStringLiteral(">") },
        { QStringLiteral("threshold"), 0.25 } };
    r = call("PUT", QStringLiteral("/alerts/rules/%1").arg(id), "admin-secret", json(changed));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("id")).toInteger(), id);
    QCOMPARE(r.json().value(QStringLiteral("metric")).toString(), QStringLiteral("error_rate"));
    QVERIFY(r.json().value(QStringLiteral("service_name")).isNull());
    QCOMPARE(r.json().value(QStringLiteral("severity")).toString(), QStringLiteral("medium"));
    QCOMPARE(r.json().value(QStringLiteral("enabled")).toBool(), true);
    QCOMPARE(r.json().value(QStringLiteral("webhooks")).toArray(), QJsonArray());
    QCOMPARE(r.json().value(QStringLiteral("created_at")), created.value(QStringLiteral("created_at")));
    QCOMPARE(call("GET", QStringLiteral("/alerts/rules/%1").arg(id)).json(), r.json());

    r = call("DELETE", QStringLiteral("/alerts/rules/%1").arg(id));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("deleted_rule")).toInteger(), id);
    QCOMPARE(call("GET", QStringLiteral("/alerts/rules/%1").arg(id)).status, 404);
    QCOMPARE(call("DELETE", QStringLiteral("/alerts/rules/%1").arg(id)).status, 404);
}

void TestAlertsApi::roles_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<int>("status");
    const QString one = QStringLiteral("/alerts/rules/1");
    QTest::newRow("list without a token") << QByteArray("GET") << QStringLiteral("/alerts/rules") << QByteArray() << 401;
    QTest::newRow("history, wrong token") << QByteArray("GET") << QStringLiteral("/alerts") << QByteArray("nope") << 401;
    QTest::newRow("viewer lists") << QByteArray("GET") << QStringLiteral("/alerts/rules") << QByteArray("viewer-secret") << 200;
    QTest::newRow("viewer reads history") << QByteArray("GET") << QStringLiteral("/alerts") << QByteArray("viewer-secret") << 200;
    QTest::newRow("ingest may not read") << QByteArray("GET") << QStringLiteral("/alerts") << QByteArray("ingest-secret") << 403;
    QTest::newRow("viewer may not add") << QByteArray("POST") << QStringLiteral("/alerts/rules") << QByteArray("viewer-secret") << 403;
    QTest::newRow("viewer may not change") << QByteArray("PUT") << one << QByteArray("viewer-secret") << 403;
    QTest::newRow("viewer may not delete") << QByteArray("DELETE") << one << QByteArray("viewer-secret") << 403;
    QTest::newRow("no token may not add") << QByteArray("POST") << QStringLiteral("/alerts/rules") << QByteArray() << 401;
    QTest::newRow("wrong method") << QByteArray("PATCH") << one << QByteArray("admin-secret") << 405;
}

void TestAlertsApi::roles()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, token);
    QFETCH(int, status);
    const QByteArray body = json({ { QStringLiteral("name"), QStringLiteral("x") }, { QStringLiteral("metric"), QStringLiteral("error_rate") },
        { QStringLiteral("comparator"), QStringLiteral(">") }, { QStringLiteral("threshold"), 1 } });
    QCOMPARE(call(method, path, token, body).status, status);
    // Refused changes change nothing.
    QVERIFY(call("GET", QStringLiteral("/alerts/rules")).json().value(QStringLiteral("rules")).toArray().isEmpty());
}

void TestAlertsApi::badRules_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");
    auto rule = [](const QString &key, const QJsonValue &value) {
        QJsonObject o { { QStringLiteral("name"), QStringLiteral("r") }, { QStringLiteral("metric"), QStringLiteral("error_rate") },
            { QStringLiteral("comparator"), QStringLiteral(">") }, { QStringLiteral("threshold"), 0.5 } };
        if (value.isUndefined())
            o.remove(key);
        else
            o.insert(key, value);
        return json(o);
    };
    QTest::newRow("not JSON") << QByteArray("{name") << QStringLiteral("the body is not JSON");
    QTest::newRow("not an object") << QByteArray("[1]") << QStringLiteral("must be a JSON object");
    QTest::newRow("unknown field") << rule(QStringLiteral("treshold"), 1) << QStringLiteral("treshold is not a field of an alert rule");
    QTest::newRow("no name") << rule(QStringLiteral("name"), QJsonValue::Undefined) << QStringLiteral("name is required");
    QTest::newRow("blank name") << rule(QStringLiteral("name"), QStringLiteral("  ")) << QStringLiteral("name is required");
    QTest::newRow("unknown metric") << rule(QStringLiteral("metric"), QStringLiteral("cpu")) << QStringLiteral("metric is an unknown metric 'cpu'");
    QTest::newRow("no metric") << rule(QStringLiteral("metric"), QJsonValue::Undefined) << QStringLiteral("metric is required");
    QTest::newRow("bad comparator") << rule(QStringLiteral("comparator"), QStringLiteral("=>"))
                                    << QStringLiteral("comparator must be one of >, >=, <, <=");
    QTest::newRow("no threshold") << rule(QStringLiteral("threshold"), QJsonValue::Undefined) << QStringLiteral("threshold is required");
    QTest::newRow("threshold text") << rule(QStringLiteral("threshold"), QStringLiteral("1")) << QStringLiteral("threshold is required: a number");
    QTest::newRow("negative duration") << rule(QStringLiteral("for_seconds"), -1)
                                       << QStringLiteral("for_seconds must be a number of seconds from 0");
    QTest::newRow("duration too long") << rule(QStringLiteral("for_seconds"), 8 * 86400)
                                       << QStringLiteral("for_seconds must be a number of seconds from 0");
    QTest::newRow("bad severity") << rule(QStringLiteral("severity"), QStringLiteral("urgent"))
                                  << QStringLiteral("severity must be one of low, medium, high, critical");
    QTest::newRow("enabled text") << rule(QStringLiteral("enabled"), QStringLiteral("yes")) << QStringLiteral("enabled must be true or false");
    QTest::newRow("service number") << rule(QStringLiteral("service_name"), 3) << QStringLiteral("service_name must be a text");
    QTest::newRow("operation of new_error_type")
        << json({ { QStringLiteral("name"), QStringLiteral("r") }, { QStringLiteral("metric"), QStringLiteral("new_error_type") },
               { QStringLiteral("operation_name"), QStringLiteral("GET /") }, { QStringLiteral("comparator"), QStringLiteral(">") },
               { QStringLiteral("threshold"), 0 } })
        << QStringLiteral("operation_name cannot narrow new_error_type");
    QTest::newRow("webhooks not a list") << rule(QStringLiteral("webhooks"), QStringLiteral("http://x/"))
                                         << QStringLiteral("webhooks must be a list");
    QTest::newRow("ftp webhook") << rule(QStringLiteral("webhooks"), QJsonArray { QStringLiteral("ftp://host/x") })
                                 << QStringLiteral("webhooks[0].url must be an absolute http:// or https:// URL");
    QTest::newRow("relative webhook") << rule(QStringLiteral("webhooks"), QJsonArray { QStringLiteral("http://127.0.0.1/ok"), QStringLiteral("/hook") })
                                      << QStringLiteral("webhooks[1].url must be an absolute http:// or https:// URL");
    QTest::newRow("webhook format") << rule(QStringLiteral("webhooks"),
        QJsonArray { QJsonObject { { QStringLiteral("url"), QStringLiteral("http://h/") }, { QStringLiteral("format"), QStringLiteral("teams") } } })
                                    << QStringLiteral("webhooks[0].format must be json or slack");
    QTest::newRow("webhook field") << rule(QStringLiteral("webhooks"),
        QJsonArray { QJsonObject { { QStringLiteral("url"), QStringLiteral("http://h/") }, { QStringLiteral("secret"), 1 } } })
                                   << QStringLiteral("webhooks[0].secret is not a field of a webhook");
    QTest::newRow("keep_webhooks text") << rule(QStringLiteral("keep_webhooks"), QStringLiteral("yes"))
                                        << QStringLiteral("keep_webhooks must be true or false");
    QTest::newRow("keep_webhooks with webhooks")
        << json({ { QStringLiteral("name"), QStringLiteral("r") }, { QStringLiteral("metric"), QStringLiteral("error_rate") },
               { QStringLiteral("comparator"), QStringLiteral(">") }, { QStringLiteral("threshold"), 0 },
               { QStringLiteral("keep_webhooks"), true }, { QStringLiteral("webhooks"), QJsonArray() } })
        << QStringLiteral("keep_webhooks keeps the stored webhooks, so it excludes webhooks");
}

void TestAlertsApi::badRules()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    const testsupport::Reply r = call("POST", QStringLiteral("/alerts/rules"), "admin-secret", body);
    QCOMPARE(r.status, 400);
    const QString text = r.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
    QVERIFY2(text.contains(message), qPrintable(text));
    // The same checks on PUT, before the rule is looked up.
    QCOMPARE(call("PUT", QStringLiteral("/alerts/rules/424242"), "admin-secret", body).status, 400);
    QVERIFY(call("GET", QStringLiteral("/alerts/rules")).json().value(QStringLiteral("rules")).toArray().isEmpty());
}

void TestAlertsApi::unknownIds_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    QTest::newRow("GET unknown") << QByteArray("GET") << QStringLiteral("/alerts/rules/999") << 404 << QStringLiteral("no alert rule with id 999");
    QTest::newRow("PUT unknown") << QByteArray("PUT") << QStringLiteral("/alerts/rules/999") << 404 << QStringLiteral("no alert rule with id 999");
    QTest::newRow("DELETE unknown") << QByteArray("DELETE") << QStringLiteral("/alerts/rules/999") << 404 << QStringLiteral("no alert rule with id 999");
    QTest::newRow("not a number") << QByteArray("GET") << QStringLiteral("/alerts/rules/abc") << 400 << QStringLiteral("rule_id must be a positive integer");
    QTest::newRow("zero") << QByteArray("DELETE") << QStringLiteral("/alerts/rules/0") << 400 << QStringLiteral("rule_id must be a positive integer");
    QTest::newRow("bad state") << QByteArray("GET") << QStringLiteral("/alerts?state=open") << 400 << QStringLiteral("state must be one of firing, resolved");
    QTest::newRow("bad limit") << QByteArray("GET") << QStringLiteral("/alerts?limit=0") << 400 << QStringLiteral("limit must be an integer from 1 to 1000");
    QTest::newRow("bad rule filter") << QByteArray("GET") << QStringLiteral("/alerts?rule_id=x") << 400 << QStringLiteral("rule_id must be a positive integer");
}

void TestAlertsApi::unknownIds()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QString, message);
    const QByteArray body = json({ { QStringLiteral("name"), QStringLiteral("x") }, { QStringLiteral("metric"), QStringLiteral("error_rate") },
        { QStringLiteral("comparator"), QStringLiteral(">") }, { QStringLiteral("threshold"), 1 } });
    const testsupport::Reply r = call(method, path, "admin-secret", body);
    QCOMPARE(r.status, status);
    const QString text = r.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
    QVERIFY2(text.contains(message), qPrintable(text));
}

void TestAlertsApi::historyFilters()
{
    // A rule that fires at once on any traffic of its service, with no webhook.
    const qint64 id = createRule({ { QStringLiteral("name"), QStringLiteral("any orders") },
        { QStringLiteral("metric"), QStringLiteral("throughput") }, { QStringLiteral("service_name"), QStringLiteral("orders") },
        { QStringLiteral("comparator"), QStringLiteral(">") }, { QStringLiteral("threshold"), 0 } });
    QVERIFY(id > 0);
    write(QStringLiteral("orders"), 3, 0);
    QTRY_COMPARE_WITH_TIMEOUT(alerts(QStringLiteral("?state=firing&service=orders")).size(), 1, 10000);
    const QJsonObject a = alerts(QStringLiteral("?rule_id=%1").arg(id)).at(0).toObject();
    QCOMPARE(a.value(QStringLiteral("rule_id")).toInteger(), id);
    QCOMPARE(a.value(QStringLiteral("rule_name")).toString(), QStringLiteral("any orders"));
    QCOMPARE(a.value(QStringLiteral("state")).toString(), QStringLiteral("firing"));
    QVERIFY(a.value(QStringLiteral("observed")).toDouble() > 0);
    QVERIFY(a.value(QStringLiteral("resolved_at")).isNull());
    QCOMPARE(call("GET", QStringLiteral("/alerts/rules/%1").arg(id)).json().value(QStringLiteral("state")).toString(),
        QStringLiteral("firing"));
    QVERIFY(alerts(QStringLiteral("?state=resolved&rule_id=%1").arg(id)).isEmpty());
    QVERIFY(alerts(QStringLiteral("?service=nobody")).isEmpty());
    QCOMPARE(alerts(QStringLiteral("?limit=1")).size(), 1);
    // Firing alerts are in /metrics.
    QTRY_VERIFY_WITH_TIMEOUT(
        testsupport::scrapeMetrics(m_nam, m_server->apiPort(), "viewer-secret").value("tracing_alerts_firing") >= 1, 10000);
    // Deleting the rule takes its history along.
    QCOMPARE(call("DELETE", QStringLiteral("/alerts/rules/%1").arg(id)).status, 200);
    QVERIFY(alerts(QStringLiteral("?rule_id=%1").arg(id)).isEmpty());
}

void TestAlertsApi::changesAreAudited()
{
    const qint64 id = createRule({ { QStringLiteral("name"), QStringLiteral("audited") }, { QStringLiteral("metric"), QStringLiteral("error_rate") },
        { QStringLiteral("comparator"), QStringLiteral(">") }, { QStringLiteral("threshold"), 2 } });
    QVERIFY(id > 0);
    QCOMPARE(call("POST", QStringLiteral("/alerts/rules"), "viewer-secret", "{}").status, 403);
    QCOMPARE(call("DELETE", QStringLiteral("/alerts/rules/%1").arg(id)).status, 200);
    auto has = [this](const QString &actor, const QString &action, const QString &outcome) {
        const QJsonArray entries = call("GET", QStringLiteral("/audit?limit=1000")).json().value(QStringLiteral("entries")).toArray();
        for (const QJsonValue &v : entries)
            if (v[QLatin1String("actor")].toString() == actor && v[QLatin1String("action")].toString() == action
                && v[QLatin1String("outcome")].toString().startsWith(outcome))
                return true;
        return false;
    };
    // The audit log writes once a second: wait for it (bounded).
    QTRY_VERIFY_WITH_TIMEOUT(has(QStringLiteral("ops"), QStringLiteral("POST /alerts/rules"), QStringLiteral("allowed")), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(has(QStringLiteral("ops"), QStringLiteral("DELETE /alerts/rules/{rule_id}"), QStringLiteral("allowed")), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(has(QStringLiteral("grafana"), QStringLiteral("POST /alerts/rules"), QStringLiteral("denied")), 10000);
}

void TestAlertsApi::listedInOpenApi()
{
    const QJsonObject paths = call("GET", QStringLiteral("/openapi.json")).json().value(QStringLiteral("paths")).toObject();
    const QJsonObject rules = paths.value(QStringLiteral("/alerts/rules")).toObject();
    QVERIFY(rules.contains(QStringLiteral("get")));
    QVERIFY(rules.contains(QStringLiteral("post")));
    const QJsonObject one = paths.value(QStringLiteral("/alerts/rules/{rule_id}")).toObject();
    for (const char *method : { "get", "put", "delete" })
        QVERIFY2(one.contains(QLatin1String(method)), method);
    QVERIFY(one.value(QStringLiteral("put")).toObject().value(QStringLiteral("responses")).toObject().contains(QStringLiteral("403")));
    QVERIFY(paths.value(QStringLiteral("/alerts")).toObject().contains(QStringLiteral("get")));
}

void TestAlertsApi::firesAndResolvesWithWebhooks()
{
    const QString hook = QStringLiteral("/hooks/checkout");
    const QString slack = QStringLiteral("/hooks/checkout-slack");
    const qint64 id = createRule({ { QStringLiteral("name"), QStringLiteral("checkout errors") },
        { QStringLiteral("metric"), QStringLiteral("error_rate") }, { QStringLiteral("service_name"), QStringLiteral("checkout") },
        { QStringLiteral("comparator"), QStringLiteral(">") }, { QStringLiteral("threshold"), 0.5 },
        { QStringLiteral("severity"), QStringLiteral("high") },
        { QStringLiteral("webhooks"),
            QJsonArray { m_receiver.url(hook),
                QJsonObject { { QStringLiteral("url"), m_receiver.url(slack) }, { QStringLiteral("format"), QStringLiteral("slack") } } } } });
    QVERIFY(id > 0);
    write(QStringLiteral("checkout"), 2, 8);

    QTRY_COMPARE_WITH_TIMEOUT(m_receiver.at(hook).size(), 1, 10000);
    const QJsonObject fired = m_receiver.at(hook).at(0).body;
    QCOMPARE(fired.value(QStringLiteral("status")).toString(), QStringLiteral("firing"));
    const QJsonObject rule = fired.value(QStringLiteral("rule")).toObject();
    QCOMPARE(rule.value(QStringLiteral("id")).toInteger(), id);
    QCOMPARE(rule.value(QStringLiteral("name")).toString(), QStringLiteral("checkout errors"));
    QCOMPARE(rule.value(QStringLiteral("metric")).toString(), QStringLiteral("error_rate"));
    QCOMPARE(rule.value(QStringLiteral("service_name")).toString(), QStringLiteral("checkout"));
    QCOMPARE(rule.value(QStringLiteral("threshold")).toDouble(), 0.5);
    QCOMPARE(rule.value(QStringLiteral("severity")).toString(), QStringLiteral("high"));
    const QJsonObject alert = fired.value(QStringLiteral("alert")).toObject();
    QCOMPARE(alert.value(QStringLiteral("state")).toString(), QStringLiteral("firing"));
    QCOMPARE(alert.value(QStringLiteral("observed")).toDouble(), 0.8);
    QVERIFY(alert.value(QStringLiteral("resolved_at")).isNull());
    QVERIFY(fired.value(QStringLiteral("text")).toString().startsWith(QStringLiteral("[FIRING] checkout errors")));
    QTRY_COMPARE_WITH_TIMEOUT(m_receiver.at(slack).size(), 1, 10000);
    const QJsonObject slackBody = m_receiver.at(slack).at(0).body;
    QCOMPARE(slackBody.keys(), QStringList { QStringLiteral("text") });
    QCOMPARE(slackBody.value(QStringLiteral("text")).toString(),
        QStringLiteral("[FIRING] checkout errors: error_rate of checkout is 0.8 (> 0.5)"));

    // Healthy traffic: 8 of 100 failed.
    write(QStringLiteral("checkout"), 90, 0);
    QTRY_COMPARE_WITH_TIMEOUT(m_receiver.at(hook).size(), 2, 10000);
    const QJsonObject resolved = m_receiver.at(hook).at(1).body;
    QCOMPARE(resolved.value(QStringLiteral("status")).toString(), QStringLiteral("resolved"));
    QCOMPARE(resolved[QLatin1String("alert")][QLatin1String("id")], alert.value(QStringLiteral("id")));
    QCOMPARE(resolved[QLatin1String("alert")][QLatin1String("resolved_value")].toDouble(), 0.08);
    QVERIFY(resolved[QLatin1String("alert")][QLatin1String("resolved_at")].isString());
    QTRY_COMPARE_WITH_TIMEOUT(m_receiver.at(slack).size(), 2, 10000);
    QVERIFY(m_receiver.at(slack).at(1).body.value(QStringLiteral("text")).toString().startsWith(QStringLiteral("[RESOLVED]")));
    QCOMPARE(m_receiver.at(hook).size(), 2); // one firing, one resolve: no repeats while it fired

    // The history has both deliveries of both targets.
    QTRY_COMPARE_WITH_TIMEOUT(alerts(QStringLiteral("?state=resolved&rule_id=%1").arg(id)).at(0)[QLatin1String("deliveries")].toArray().size(),
        4, 10000);
    const QJsonObject history = alerts(QStringLiteral("?state=resolved&rule_id=%1").arg(id)).at(0).toObject();
    QCOMPARE(history.value(QStringLiteral("observed")).toDouble(), 0.8);
    for (const QJsonValue &d : history.value(QStringLiteral("deliveries")).toArray()) {
        QCOMPARE(d[QLatin1String("ok")].toBool(), true);
        QCOMPARE(d[QLatin1String("attempts")].toInt(), 1);
        QCOMPARE(d[QLatin1String("http_status")].toInt(), 200);
    }
    QVERIFY(alerts(QStringLiteral("?state=firing&rule_id=%1").arg(id)).isEmpty());
}

void TestAlertsApi::webhookRetries()
{
    const QString hook = QStringLiteral("/hooks/flaky");
    m_receiver.failures[hook] = 2;
    const qint64 id = createRule({ { QStringLiteral("name"), QStringLiteral("payments errors") },
        { QStringLiteral("metric"), QStringLiteral("error_rate") }, { QStringLiteral("service_name"), QStringLiteral("payments") },
        { QStringLiteral("comparator"), QStringLiteral(">=") }, { QStringLiteral("threshold"), 0.5 },
        { QStringLiteral("webhooks"), QJsonArray { m_receiver.url(hook) } } });
    QVERIFY(id > 0);
    write(QStringLiteral("payments"), 0, 4);
    QTRY_COMPARE_WITH_TIMEOUT(m_receiver.at(hook).size(), 1, 10000);
    QCOMPARE(m_receiver.attempts(hook), 3);
    QCOMPARE(m_receiver.at(hook).at(0).body.value(QStringLiteral("status")).toString(), QStringLiteral("firing"));
    QTRY_COMPARE_WITH_TIMEOUT(alerts(QStringLiteral("?rule_id=%1").arg(id)).at(0)[QLatin1String("deliveries")].toArray().size(), 1, 10000);
    const QJsonObject d = alerts(QStringLiteral("?rule_id=%1").arg(id)).at(0)[QLatin1String("deliveries")][0].toObject();
    QCOMPARE(d.value(QStringLiteral("attempts")).toInt(), 3);
    QCOMPARE(d.value(QStringLiteral("ok")).toBool(), true);
    QCOMPARE(d.value(QStringLiteral("event")).toString(), QStringLiteral("firing"));
    QCOMPARE(d.value(QStringLiteral("url")).toString(), m_receiver.url(QStringLiteral("/...")));
    const testsupport::PrometheusText metrics = testsupport::scrapeMetrics(m_nam, m_server->apiPort(), "viewer-secret");
    QVERIFY2(metrics.ok(), qPrintable(metrics.error));
    QVERIFY(metrics.value("tracing_alert_webhook_attempts_total") >= 3);
    QVERIFY(metrics.value("tracing_alert_webhook_deliveries_total") >= 1);
}

void TestAlertsApi::steadyWorkloadFiresNothing()
{
    const QString hook = QStringLiteral("/hooks/steady");
    const qint64 id = createRule({ { QStringLiteral("name"), QStringLiteral("steady errors") },
        { QStringLiteral("metric"), QStringLiteral("error_rate") }, { QStringLiteral("service_name"), QStringLiteral("steady") },
        { QStringLiteral("comparator"), QStringLiteral(">") }, { QStringLiteral("threshold"), 0.2 },
        { QStringLiteral("webhooks"), QJsonArray { m_receiver.url(hook) } } });
    const qint64 latency = createRule({ { QStringLiteral("name"), QStringLiteral("steady latency") },
        { QStringLiteral("metric"), QStringLiteral("latency_p95") }, { QStringLiteral("service_name"), QStringLiteral("steady") },
        { QStringLiteral("comparator"), QStringLiteral(">") }, { QStringLiteral("threshold"), 100 },
        { QStringLiteral("webhooks"), QJsonArray { m_receiver.url(hook) } } });
    QVERIFY(id > 0 && latency > 0);
    const AlertCounters &counters = m_server->alerts()->counters();
    // Ten rounds with a steady 5% of errors at 15 ms.
    const qint64 until = counters.runs + 10;
    while (counters.runs < until) {
        const qint64 next = counters.runs + 1;
        write(QStringLiteral("steady"), 19, 1);
        QTRY_VERIFY_WITH_TIMEOUT(counters.runs >= next, 10000);
    }
    QVERIFY(alerts(QStringLiteral("?rule_id=%1").arg(id)).isEmpty());
    QVERIFY(alerts(QStringLiteral("?rule_id=%1").arg(latency)).isEmpty());
    QCOMPARE(m_receiver.attempts(hook), 0);
    QCOMPARE(call("GET", QStringLiteral("/alerts/rules/%1").arg(id)).json().value(QStringLiteral("state")).toString(), QStringLiteral("ok"));
}

QTEST_GUILESS_MAIN(TestAlertsApi)
#include "tst_alertsapi.moc"
