#include "core/accesscontrol.h"
#include "spanlightserver.h"
#include "storage/retention.h"
#include "storage/store.h"

#include "httptestclient.h"
#include "prometheustext.h"
#include "testconfig.h"

#include <QFile>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace spanlight;

namespace {

QByteArray ingestFixture(const char *name)
{
    return testsupport::fixture(QStringLiteral("../ingest/data/") + QLatin1String(name));
}

testsupport::Headers withToken(const QByteArray &contentType, const QByteArray &token)
{
    testsupport::Headers h { { "Content-Type", contentType } };
    if (!token.isEmpty())
        h.append({ "Authorization", "Bearer " + token });
    return h;
}

} // namespace

// Tokens with roles on a real server (INGEST_AUTH=required, loopback, ephemeral ports) over HTTP:
// who may read the API, who may send spans on each HTTP protocol, and what a refusal says.
// The gRPC side is in tst_otlpgrpc (authorizationRequired).
class TestAccess : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void apiRoles_data();
    void apiRoles();
    void ingestRoles_data();
    void ingestRoles();
    void refusalsAreCounted();
    void auditLog();
    void deleteTraces();
    void traceNotes();
    void retention();
    void openIngestOnLoopbackByDefault();
    void exposedBindNeedsChosenTokens();
    void badTokensFileStopsTheStart();
    void regeneratedTokenReplacesTheOld();
    void chosenTokenIsNotRegenerated();

private:
    testsupport::Reply api(const QString &path, const QByteArray &token);

    QTemporaryDir m_dir;
    QNetworkAccessManager m_nam;
    std::unique_ptr<SpanlightServer> m_server;
};

void TestAccess::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QFile tokens(m_dir.filePath(QStringLiteral("tokens")));
    QVERIFY(tokens.open(QIODevice::WriteOnly));
    tokens.write("# role sha256 name\n\n");
    tokens.write("viewer " + AccessControl::hashToken("viewer-secret") + " grafana\n");
    tokens.write("ingest SHA256:" + AccessControl::hashToken("ingest-secret").toUpper() + " checkout exporter\n");
    tokens.write("admin " + AccessControl::hashToken("admin-secret") + " ops\n");
    tokens.close();
    Config c = ephemeralConfig(m_dir.filePath(QStringLiteral("access.db")), QStringLiteral("api-token"));
    c.settingsFile = m_dir.filePath(QStringLiteral("access.conf"));
    c.tokensFile = tokens.fileName();
    c.ingestAuthRequired = true;
    m_server = std::make_unique<SpanlightServer>(c);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
}

void TestAccess::cleanupTestCase()
{
    if (m_server)
        m_server->stop();
}

testsupport::Reply TestAccess::api(const QString &path, const QByteArray &token)
{
    testsupport::Headers h;
    if (!token.isEmpty())
        h.append({ "Authorization", "Bearer " + token });
    return testsupport::request(m_nam, "GET", m_server->apiPort(), path, {}, h);
}

void TestAccess::apiRoles_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    QTest::newRow("no token") << QByteArray() << 401 << QStringLiteral("missing Authorization");
    QTest::newRow("wrong token") << QByteArray("nope") << 401 << QStringLiteral("invalid bearer token");
    QTest::newRow("the digest is not the token") << AccessControl::hashToken("viewer-secret") << 401
                                                 << QStringLiteral("invalid bearer token");
    QTest::newRow("viewer") << QByteArray("viewer-secret") << 200 << QString();
    QTest::newRow("admin from the file") << QByteArray("admin-secret") << 200 << QString();
    QTest::newRow("API_TOKEN is admin") << QByteArray("api-token") << 200 << QString();
    QTest::newRow("ingest may not read") << QByteArray("ingest-secret") << 403
                                         << QStringLiteral("'checkout exporter' has the role ingest, which may not read the API");
}

void TestAccess::apiRoles()
{
    QFETCH(QByteArray, token);
    QFETCH(int, status);
    QFETCH(QString, message);
    for (const QString &path : { QStringLiteral("/traces"), QStringLiteral("/services"), QStringLiteral("/metrics") }) {
        const testsupport::Reply r = api(path, token);
        QCOMPARE(r.status, status);
        if (status == 200)
            continue;
        const QJsonObject error = r.json().value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toString(),
            status == 403 ? QStringLiteral("forbidden") : QStringLiteral("unauthorized"));
        QVERIFY2(error.value(QStringLiteral("message")).toString().contains(message), r.body.constData());
        QCOMPARE(!r.header("WWW-Authenticate").isEmpty(), status == 401);
        QVERIFY(!r.body.contains("secret")); // no token is echoed
    }
}

void TestAccess::ingestRoles_data()
{
    QTest::addColumn<int>("protocol"); // 0 OTLP/HTTP JSON, 1 Zipkin, 2 Jaeger
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<int>("status");
    const char *names[] = { "otlp", "zipkin", "jaeger" };
    for (int p = 0; p < 3; ++p) {
        const int ok = p == 0 ? 200 : 202;
        QTest::addRow("%s without token", names[p]) << p << QByteArray() << 401;
        QTest::addRow("%s wrong token", names[p]) << p << QByteArray("nope") << 401;
        QTest::addRow("%s viewer", names[p]) << p << QByteArray("viewer-secret") << 403;
        QTest::addRow("%s ingest", names[p]) << p << QByteArray("ingest-secret") << ok;
        QTest::addRow("%s admin", names[p]) << p << QByteArray("api-token") << ok;
    }
}

void TestAccess::ingestRoles()
{
    QFETCH(int, protocol);
    QFETCH(QByteArray, token);
    QFETCH(int, status);
    // Each protocol's fixture holds traces of its own; a refused request stores none of them.
    const qint64 before = m_server->store()->stats().spans;
    testsupport::Reply r;
    if (protocol == 0)
        r = testsupport::request(m_nam, "POST", m_server->otlpHttpPort(), QStringLiteral("/v1/traces"),
            ingestFixture("trace_full.json"), withToken("application/json", token));
    else if (protocol == 1)
        r = testsupport::request(m_nam, "POST", m_server->port(SpanlightServer::Listener::Zipkin),
            QStringLiteral("/api/v2/spans"), ingestFixture("zipkin_trace_full.json"),
            withToken("application/json", token));
    else
        r = testsupport::request(m_nam, "POST", m_server->port(SpanlightServer::Listener::Jaeger),
            QStringLiteral("/api/traces"), ingestFixture("tracer_128bit.thrift"),
            withToken("application/x-thrift", token));
    QCOMPARE(r.status, status);
    const qint64 after = m_server->store()->stats().spans;
    if (status >= 400) {
        QCOMPARE(after, before);
        QVERIFY(!r.body.contains("secret"));
        QCOMPARE(!r.header("WWW-Authenticate").isEmpty(), status == 401);
        if (protocol == 0) // OTLP/HTTP: a google.rpc.Status, UNAUTHENTICATED (16) or PERMISSION_DENIED (7)
            QCOMPARE(r.json().value(QStringLiteral("code")).toInt(), status == 401 ? 16 : 7);
        else
            QCOMPARE(r.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
                status == 401 ? QStringLiteral("unauthorized") : QStringLiteral("forbidden"));
    } else if (token == "ingest-secret") {
        QVERIFY(after > before); // the admin row repeats the same spans: duplicates add nothing
    }
}

void TestAccess::refusalsAreCounted()
{
    const testsupport::PrometheusText before = testsupport::scrapeMetrics(m_nam, m_server->apiPort(), "viewer-secret");
    QVERIFY2(before.ok(), qPrintable(before.error));
    const double refused = before.value("tracing_ingest_requests_unauthorized_total");
    QVERIFY(refused >= 9); // the refusals of ingestRoles
    const testsupport::Reply r = testsupport::request(m_nam, "POST", m_server->otlpHttpPort(),
        QStringLiteral("/v1/traces"), ingestFixture("trace_full.json"), withToken("application/json", "nope"));
    QCOMPARE(r.status, 401);
    const testsupport::PrometheusText after = testsupport::scrapeMetrics(m_nam, m_server->apiPort(), "viewer-secret");
    QVERIFY2(after.ok(), qPrintable(after.error));
    QCOMPARE(after.value("tracing_ingest_requests_unauthorized_total"), refused + 1);
}

void TestAccess::auditLog()
{
    // Only admins read the audit log.
    QCOMPARE(api(QStringLiteral("/audit"), {}).status, 401);
    QCOMPARE(api(QStringLiteral("/audit"), "viewer-secret").status, 403);
    QCOMPARE(api(QStringLiteral("/audit"), "ingest-secret").status, 403);
    QCOMPARE(api(QStringLiteral("/audit?limit=0"), "admin-secret").status, 400);
    // Five identical refusals in a row are one row with a count (or two, across a flush); so are
    // refusals on paths that name no endpoint, whatever the path.
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(api(QStringLiteral("/services/x/operations"), "wrong-token").status, 401);
        QCOMPARE(api(QStringLiteral("/nothing/here/%1").arg(i), "wrong-token").status, 401);
    }

    auto entries = [this] {
        const testsupport::Reply r = api(QStringLiteral("/audit?limit=1000"), "api-token");
        return r.status == 200 ? r.json().value(QStringLiteral("entries")).toArray() : QJsonArray();
    };
    auto find = [](const QJsonArray &all, const QString &actor, const QString &action, const QString &outcomePart) {
        QList<QJsonObject> out;
        for (const QJsonValue &v : all) {
            const QJsonObject o = v.toObject();
            if (o.value(QStringLiteral("actor")).toString() == actor && o.value(QStringLiteral("action")).toString() == action
                && o.value(QStringLiteral("outcome")).toString().contains(outcomePart))
                out.append(o);
        }
        return out;
    };
    // Written once a second by the audit log's own thread: wait for it (bounded).
    QTRY_VERIFY_WITH_TIMEOUT(!find(entries(), QStringLiteral("-"), QStringLiteral("GET /services/{service_name}/operations"),
                                   QStringLiteral("invalid bearer token"))
                                  .isEmpty(),
                             10000);
    const QJsonArray all = entries();
    const QList<QJsonObject> repeated = find(all, QStringLiteral("-"), QStringLiteral("GET /services/{service_name}/operations"),
                                             QStringLiteral("invalid bearer token"));
    qint64 repeats = 0;
    for (const QJsonObject &o : repeated) {
        repeats += o.value(QStringLiteral("count")).toInteger();
        QCOMPARE(o.value(QStringLiteral("remote")).toString(), QStringLiteral("127.0.0.1"));
        QVERIFY(o.value(QStringLiteral("time")).toString() <= o.value(QStringLiteral("last_time")).toString());
    }
    QCOMPARE(repeats, 5);
    QVERIFY(repeated.size() < 5);
    qint64 unknownPaths = 0;
    for (const QJsonObject &o : find(all, QStringLiteral("-"), QStringLiteral("GET (no such endpoint)"),
                                     QStringLiteral("invalid bearer token")))
        unknownPaths += o.value(QStringLiteral("count")).toInteger();
    QCOMPARE(unknownPaths, 5);
    // Refusals of every kind, with the token's name and role when the token was known.
    QVERIFY(!find(all, QStringLiteral("-"), QStringLiteral("GET /traces"), QStringLiteral("denied: no token")).isEmpty());
    const QList<QJsonObject> wrongRole
        = find(all, QStringLiteral("checkout exporter"), QStringLiteral("GET /traces"), QStringLiteral("denied: the role"));
    QVERIFY(!wrongRole.isEmpty());
    QCOMPARE(wrongRole.first().value(QStringLiteral("role")).toString(), QStringLiteral("ingest"));
    QVERIFY(!find(all, QStringLiteral("grafana"), QStringLiteral("ingest OTLP/HTTP"), QStringLiteral("denied")).isEmpty());
    QVERIFY(!find(all, QStringLiteral("-"), QStringLiteral("ingest Jaeger"), QStringLiteral("denied")).isEmpty());
    QVERIFY(!find(all, QStringLiteral("grafana"), QStringLiteral("GET /audit"), QStringLiteral("denied")).isEmpty());
    // Reading the log is an admin action, logged too; no row holds a token.
    QTRY_VERIFY_WITH_TIMEOUT(!find(entries(), QStringLiteral("API_TOKEN"), QStringLiteral("GET /audit"),
                                   QStringLiteral("allowed"))
                                  .isEmpty(),
                             10000);
    const QByteArray raw = api(QStringLiteral("/audit?limit=1000"), "admin-secret").body;
    for (const char *secret : { "viewer-secret", "ingest-secret", "admin-secret", "api-token", "wrong-token" })
        QVERIFY2(!raw.contains(secret), secret);
    // A window that ends before everything: empty.
    const testsupport::Reply old = api(QStringLiteral("/audit?end_time=2000-01-01T00:00:00Z"), "admin-secret");
    QCOMPARE(old.status, 200);
    QCOMPARE(old.json().value(QStringLiteral("count")).toInt(), 0);
}

// An OTLP/JSON request: traces `first`..`last` of service "shop", each a root and a failing child;
// the child carries user.id = `user`.
static QByteArray otlpTraces(int first, int last, const char *user, qint64 ageSeconds = 60)
{
    QJsonArray spans;
    const qint64 start = QDateTime::currentMSecsSinceEpoch() * 1000000 - ageSeconds * 1000000000LL;
    for (int t = first; t <= last; ++t) {
        const QString trace = QStringLiteral("%1").arg(t, 32, 16, QLatin1Char('0'));
        auto span = [&](int n, int parent, bool failed) {
            QJsonObject o{{QStringLiteral("traceId"), trace},
                          {QStringLiteral("spanId"), QStringLiteral("%1").arg(n, 16, 16, QLatin1Char('0'))},
                          {QStringLiteral("name"), failed ? QStringLiteral("SELECT") : QStringLiteral("GET /")},
                          {QStringLiteral("kind"), failed ? 3 : 2},
                          {QStringLiteral("startTimeUnixNano"), QString::number(start + n * 1000000)},
                          {QStringLiteral("endTimeUnixNano"), QString::number(start + 50000000)}};
            if (parent)
                o.insert(QStringLiteral("parentSpanId"), QStringLiteral("%1").arg(parent, 16, 16, QLatin1Char('0')));
            if (failed) {
                o.insert(QStringLiteral("status"), QJsonObject{{QStringLiteral("code"), 2},
                                                               {QStringLiteral("message"), QStringLiteral("deadlock")}});
                o.insert(QStringLiteral("attributes"),
                         QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("user.id")},
                                                {QStringLiteral("value"),
                                                 QJsonObject{{QStringLiteral("stringValue"), QLatin1String(user)}}}}});
            }
            return o;
        };
        spans.append(span(1, 0, false));
        spans.append(span(2, 1, true));
    }
    const QJsonObject resource{{QStringLiteral("attributes"),
                                QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("service.name")},
                                                       {QStringLiteral("value"),
                                                        QJsonObject{{QStringLiteral("stringValue"), QStringLiteral("shop")}}}}}}};
    return QJsonDocument(QJsonObject{{QStringLiteral("resourceSpans"),
                                      QJsonArray{QJsonObject{{QStringLiteral("resource"), resource},
                                                             {QStringLiteral("scopeSpans"),
                                                              QJsonArray{QJsonObject{{QStringLiteral("spans"), spans}}}}}}}})
        .toJson(QJsonDocument::Compact);
}

// DELETE /traces/{id} and DELETE /traces?attribute=key:value over HTTP: admin only, audited,
// clear errors, and the traces are gone from every read.
void TestAccess::deleteTraces()
{
    auto send = [this](const QByteArray &body) {
        return testsupport::request(m_nam, "POST", m_server->otlpHttpPort(), QStringLiteral("/v1/traces"), body,
                                    withToken("application/json", "ingest-secret"))
            .status;
    };
    QCOMPARE(send(otlpTraces(0x7001, 0x7003, "u-7")), 200); // committed when answered
    QCOMPARE(send(otlpTraces(0x7004, 0x7004, "u-8")), 200);
    auto del = [this](const QString &path, const QByteArray &token) {
        testsupport::Headers h;
        if (!token.isEmpty())
            h.append({"Authorization", "Bearer " + token});
        return testsupport::request(m_nam, "DELETE", m_server->apiPort(), path, {}, h);
    };
    auto code = [](const testsupport::Reply &r) {
        return r.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
    };
    const QString one = QStringLiteral("/traces/%1").arg(0x7001, 32, 16, QLatin1Char('0'));
    QCOMPARE(api(one, "viewer-secret").status, 200);
    QCOMPARE(del(one, {}).status, 401);
    QCOMPARE(del(one, "viewer-secret").status, 403);
    QCOMPARE(del(one, "ingest-secret").status, 403);
    QCOMPARE(api(one, "viewer-secret").status, 200); // refused: nothing deleted

    testsupport::Reply r = del(one, "admin-secret");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("deleted_traces")).toInteger(), 1);
    QCOMPARE(r.json().value(QStringLiteral("deleted_spans")).toInteger(), 2);
    QCOMPARE(api(one, "viewer-secret").status, 404);
    r = del(one, "admin-secret");
    QCOMPARE(r.status, 404);
    QCOMPARE(code(r), QStringLiteral("not_found"));
    r = del(QStringLiteral("/traces/not-hex"), "admin-secret");
    QCOMPARE(r.status, 400);
    QCOMPARE(code(r), QStringLiteral("invalid_parameter"));

    // By attribute: the filter must be there, well formed, and alone.
    for (const char *bad : {"/traces", "/traces?attribute=", "/traces?attribute=:u-7", "/traces?attribute=user.id",
                            "/traces?attribute=user.id:u-7&service=shop", "/traces?attribute=a:1&attribute=b:2"}) {
        r = del(QLatin1String(bad), "admin-secret");
        QVERIFY2(r.status == 400, bad);
        QCOMPARE(code(r), QStringLiteral("invalid_parameter"));
    }
    QCOMPARE(api(QStringLiteral("/traces?service=shop"), "viewer-secret").json().value(QStringLiteral("total_count")).toInteger(), 3);
    QCOMPARE(del(QStringLiteral("/traces?attribute=user.id:u-7"), "viewer-secret").status, 403);
    r = del(QStringLiteral("/traces?attribute=user.id%3Au-7"), "admin-secret"); // an encoded colon too
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("matched_traces")).toInteger(), 2);
    QCOMPARE(r.json().value(QStringLiteral("deleted_traces")).toInteger(), 2);
    QCOMPARE(r.json().value(QStringLiteral("deleted_spans")).toInteger(), 4);
    const QJsonObject left = api(QStringLiteral("/traces?service=shop"), "viewer-secret").json();
    QCOMPARE(left.value(QStringLiteral("total_count")).toInteger(), 1);
    QCOMPARE(left.value(QStringLiteral("traces")).toArray().first().toObject().value(QStringLiteral("trace_id")).toString(),
             QStringLiteral("%1").arg(0x7004, 32, 16, QLatin1Char('0')));
    // Their errors went with them.
    const QJsonArray errors = api(QStringLiteral("/errors?service=shop"), "viewer-secret").json().value(QStringLiteral("errors")).toArray();
    QCOMPARE(errors.size(), 1);
    r = del(QStringLiteral("/traces?attribute=user.id:u-7"), "admin-secret");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("deleted_traces")).toInteger(), 0);

    // A method the path does not have: 405 naming the ones it has.
    r = testsupport::request(m_nam, "PUT", m_server->apiPort(), one, "{}", {{"Authorization", "Bearer admin-secret"}});
    QCOMPARE(r.status, 405);
    QCOMPARE(r.header("Allow"), QByteArray("GET, HEAD, DELETE, OPTIONS"));

    // Audited: who deleted, and who was refused.
    auto audited = [this](const char *actor, const char *action, const char *outcome) {
        const QJsonArray all = api(QStringLiteral("/audit?limit=1000"), "admin-secret").json().value(QStringLiteral("entries")).toArray();
        for (const QJsonValue &v : all) {
            const QJsonObject o = v.toObject();
            if (o.value(QStringLiteral("actor")).toString() == QLatin1String(actor)
                && o.value(QStringLiteral("action")).toString() == QLatin1String(action)
                && o.value(QStringLiteral("outcome")).toString().startsWith(QLatin1String(outcome)))
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(audited("ops", "DELETE /traces", "allowed"), 10000);
    QVERIFY(audited("ops", "DELETE /traces/{trace_id}", "allowed"));
    QVERIFY(audited("grafana", "DELETE /traces/{trace_id}", "denied"));
    QVERIFY(audited("grafana", "DELETE /traces", "denied"));
    QVERIFY(audited("checkout exporter", "DELETE /traces/{trace_id}", "denied"));
}

// Notes on traces over HTTP: everyone who reads sees them, admins write them (as the token's
// name), bad bodies and unknown traces get clear errors, changes are audited, and deleting the
// trace deletes its note.
void TestAccess::traceNotes()
{
    QCOMPARE(testsupport::request(m_nam, "POST", m_server->otlpHttpPort(), QStringLiteral("/v1/traces"),
                                  otlpTraces(0x7101, 0x7102, "u-9"), withToken("application/json", "ingest-secret"))
                 .status,
             200);
    const QString trace = QStringLiteral("%1").arg(0x7101, 32, 16, QLatin1Char('0'));
    const QString path = QStringLiteral("/traces/") + trace + QStringLiteral("/note");
    auto send = [this](const QByteArray &method, const QString &path, const QByteArray &token,
                       const QByteArray &body = {}) {
        testsupport::Headers h{{"Content-Type", "application/json"}};
        if (!token.isEmpty())
            h.append({"Authorization", "Bearer " + token});
        return testsupport::request(m_nam, method, m_server->apiPort(), path, body, h);
    };
    auto error = [](const testsupport::Reply &r) -> QString {
        const QJsonObject e = r.json().value(QStringLiteral("error")).toObject();
        return e.value(QStringLiteral("code")).toString() + u' ' + e.value(QStringLiteral("message")).toString();
    };
    testsupport::Reply r = api(path, "viewer-secret");
    QCOMPARE(r.status, 404);
    QCOMPARE(error(r), QStringLiteral("not_found trace %1 has no note").arg(trace));

    // Writing is for admins.
    const QByteArray body = R"({"text": "Checkout stalls on the DB lock — see INC-42.\nSecond line"})";
    QCOMPARE(send("PUT", path, {}, body).status, 401);
    QCOMPARE(send("PUT", path, "viewer-secret", body).status, 403);
    QCOMPARE(send("PUT", path, "ingest-secret", body).status, 403);
    QCOMPARE(send("DELETE", path, "viewer-secret").status, 403);
    QCOMPARE(api(path, "viewer-secret").status, 404); // refused: nothing written

    r = send("PUT", path, "admin-secret", body);
    QCOMPARE(r.status, 200);
    QJsonObject note = r.json();
    QCOMPARE(note.value(QStringLiteral("trace_id")).toString(), trace);
    QCOMPARE(note.value(QStringLiteral("text")).toString(),
             QStringLiteral("Checkout stalls on the DB lock — see INC-42.\nSecond line"));
    QCOMPARE(note.value(QStringLiteral("author")).toString(), QStringLiteral("ops"));
    QVERIFY(note.value(QStringLiteral("created_at")).toString().endsWith(u'Z'));
    QCOMPARE(api(path, "viewer-secret").json(), note);

    // The list shows it (the first line), and finds traces by it.
    const QJsonArray listed = api(QStringLiteral("/traces?service=shop&has_note=true"), "viewer-secret")
                                  .json().value(QStringLiteral("traces")).toArray();
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed.first().toObject().value(QStringLiteral("trace_id")).toString(), trace);
    QCOMPARE(listed.first().toObject().value(QStringLiteral("has_note")).toBool(), true);
    QCOMPARE(listed.first().toObject().value(QStringLiteral("note")).toString(),
             QStringLiteral("Checkout stalls on the DB lock — see INC-42.…"));
    const QJsonArray without = api(QStringLiteral("/traces?service=shop&has_note=false"), "viewer-secret")
                                   .json().value(QStringLiteral("traces")).toArray();
    for (const QJsonValue &v : without) {
        QVERIFY(v.toObject().value(QStringLiteral("trace_id")).toString() != trace);
        QCOMPARE(v.toObject().value(QStringLiteral("has_note")).toBool(), false);
        QVERIFY(!v.toObject().contains(QStringLiteral("note")));
    }

    // Replaced by another admin: API_TOKEN is named so.
    r = send("PUT", path, "api-token", R"({"text": "second"})");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("author")).toString(), QStringLiteral("API_TOKEN"));
    QCOMPARE(r.json().value(QStringLiteral("created_at")), note.value(QStringLiteral("created_at")));

    // Bad bodies and ids.
    const QByteArray limit(10 * 1024, 'x');
    const QList<std::pair<QByteArray, QString>> bad = {
        {QByteArray(), QStringLiteral("invalid_body")},
        {"not json", QStringLiteral("invalid_body")},
        {"[\"text\"]", QStringLiteral("invalid_body")},
        {"{}", QStringLiteral("invalid_parameter text is required")},
        {R"({"text": 5})", QStringLiteral("invalid_parameter text must be a string")},
        {R"({"text": ""})", QStringLiteral("invalid_parameter text must not be empty")},
        {R"({"text": " \n\t "})", QStringLiteral("invalid_parameter text must not be empty")},
        {"{\"text\": \"" + limit + "y\"}", QStringLiteral("invalid_parameter text must be at most 10240 bytes")},
        {"{\"text\": \"" + QByteArray(10 * 1024 - 1, 'x') + "\u00e4\"}", QStringLiteral("invalid_parameter text must be at most 10240 bytes")},
    };
    for (const auto &[badBody, expected] : bad) {
        r = send("PUT", path, "admin-secret", badBody);
        QVERIFY2(r.status == 400, badBody.left(40).constData());
        QVERIFY2(error(r).startsWith(expected), qPrintable(error(r)));
    }
    QCOMPARE(api(path, "viewer-secret").json().value(QStringLiteral("text")).toString(), QStringLiteral("second"));
    r = send("PUT", path, "admin-secret", "{\"text\": \"" + limit + "\"}"); // exactly the limit
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("text")).toString().size(), 10 * 1024);

    const QString unknown = QStringLiteral("/traces/%1/note").arg(0x7199, 32, 16, QLatin1Char('0'));
    for (const QByteArray &method : {QByteArray("GET"), QByteArray("PUT"), QByteArray("DELETE")}) {
        r = send(method, unknown, "admin-secret", body);
        QCOMPARE(r.status, 404);
        QVERIFY2(error(r).startsWith(QStringLiteral("not_found no trace with id")), qPrintable(error(r)));
        r = send(method, QStringLiteral("/traces/xyz/note"), "admin-secret", body);
        QCOMPARE(r.status, 400);
        QVERIFY2(error(r).startsWith(QStringLiteral("invalid_parameter trace_id")), qPrintable(error(r)));
    }

    // Deleted, then nothing to delete.
    r = send("DELETE", path, "admin-secret");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("deleted")).toBool(), true);
    QCOMPARE(api(path, "viewer-secret").status, 404);
    r = send("DELETE", path, "admin-secret");
    QCOMPARE(r.status, 404);
    QCOMPARE(error(r), QStringLiteral("not_found trace %1 has no note").arg(trace));

    // Deleting the trace deletes its note.
    QCOMPARE(send("PUT", path, "admin-secret", body).status, 200);
    QCOMPARE(send("DELETE", QStringLiteral("/traces/") + trace, "admin-secret").status, 200);
    r = api(path, "viewer-secret");
    QCOMPARE(r.status, 404);
    QVERIFY2(error(r).startsWith(QStringLiteral("not_found no trace with id")), qPrintable(error(r)));
    QCOMPARE(api(QStringLiteral("/traces?has_note=true"), "viewer-secret").json().value(QStringLiteral("total_count")).toInteger(), 0);

    // A preflight allows PUT.
    r = testsupport::request(m_nam, "OPTIONS", m_server->apiPort(), path, {}, {{"Origin", "https://ui.example"}});
    QVERIFY2(r.header("Access-Control-Allow-Methods").contains("PUT"), r.header("Access-Control-Allow-Methods").constData());

    // Audited: the writes, and who was refused.
    auto audited = [this](const char *actor, const char *action, const char *outcome) {
        const QJsonArray all = api(QStringLiteral("/audit?limit=1000"), "admin-secret").json().value(QStringLiteral("entries")).toArray();
        for (const QJsonValue &v : all) {
            const QJsonObject o = v.toObject();
            if (o.value(QStringLiteral("actor")).toString() == QLatin1String(actor)
                && o.value(QStringLiteral("action")).toString() == QLatin1String(action)
                && o.value(QStringLiteral("outcome")).toString().startsWith(QLatin1String(outcome)))
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(audited("ops", "DELETE /traces/{trace_id}/note", "allowed"), 10000);
    QVERIFY(audited("ops", "PUT /traces/{trace_id}/note", "allowed"));
    QVERIFY(audited("API_TOKEN", "PUT /traces/{trace_id}/note", "allowed"));
    QVERIFY(audited("grafana", "PUT /traces/{trace_id}/note", "denied"));
    QVERIFY(audited("checkout exporter", "PUT /traces/{trace_id}/note", "denied"));
    QVERIFY(audited("grafana", "DELETE /traces/{trace_id}/note", "denied"));
}

// TRACE_RETENTION_DAYS on a real server: a trace older than the window goes at the next run, with
// its errors and rollups; the rest stays; /metrics says so.
void TestAccess::retention()
{
    Config c = ephemeralConfig(m_dir.filePath(QStringLiteral("retention.db")), QStringLiteral("api-token"));
    c.settingsFile = m_dir.filePath(QStringLiteral("retention.conf"));
    c.retentionDays = 7;
    SpanlightServer server(c);
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    auto send = [&](const QByteArray &body) {
        return testsupport::request(m_nam, "POST", server.otlpHttpPort(), QStringLiteral("/v1/traces"), body,
                                    withToken("application/json", {}))
            .status;
    };
    QCOMPARE(send(otlpTraces(0x8001, 0x8002, "u-1", 10 * 86400)), 200); // ten days ago
    QCOMPARE(send(otlpTraces(0x8003, 0x8003, "u-1", 6 * 86400)), 200); // six days ago
    QCOMPARE(send(otlpTraces(0x8004, 0x8004, "u-1", 60)), 200);
    auto get = [&](const QString &path) {
        return testsupport::request(m_nam, "GET", server.apiPort(), path, {}, {{"Authorization", "Bearer api-token"}});
    };
    auto trace = [](int n) { return QStringLiteral("/traces/%1").arg(n, 32, 16, QLatin1Char('0')); };
    // (The job's own first run, at start, may come after the ingest too: the counts below add up.)
    QVERIFY(server.retention()->runOnce());
    QCOMPARE(get(trace(0x8001)).status, 404);
    QCOMPARE(get(trace(0x8002)).status, 404);
    QCOMPARE(get(trace(0x8003)).status, 200);
    QCOMPARE(get(trace(0x8004)).status, 200);
    const QJsonObject services = get(QStringLiteral("/services")).json();
    const QJsonObject shop = services.value(QStringLiteral("services")).toArray().first().toObject();
    QCOMPARE(shop.value(QStringLiteral("traces_count")).toInteger(), 2);
    QCOMPARE(shop.value(QStringLiteral("spans_count")).toInteger(), 4); // the rollups lost the old spans too
    const QJsonArray errors = get(QStringLiteral("/errors?start_time=2000-01-01T00:00:00Z")).json().value(QStringLiteral("errors")).toArray();
    QCOMPARE(errors.size(), 2);

    const testsupport::PrometheusText metrics = testsupport::parsePrometheusText(get(QStringLiteral("/metrics")).body);
    QVERIFY2(metrics.ok(), qPrintable(metrics.error));
    QCOMPARE(metrics.value("tracing_retention_deleted_traces_total", {{"reason", "age"}}), 2.0);
    QCOMPARE(metrics.value("tracing_retention_deleted_spans_total", {{"reason", "age"}}), 4.0);
    QCOMPARE(metrics.value("tracing_retention_deleted_traces_total", {{"reason", "size"}}), 0.0);
    QCOMPARE(metrics.value("tracing_retention_days", {}), 7.0);
    QVERIFY(metrics.value("tracing_retention_runs_total", {}) >= 1);
    QVERIFY(metrics.value("tracing_database_used_bytes", {}) > 0);
    QCOMPARE(metrics.value("tracing_traces_total", {}), 2.0);
    server.stop();
}

void TestAccess::openIngestOnLoopbackByDefault()
{
    // INGEST_AUTH=auto on a loopback BIND_ADDR: exporters on this machine need no token.
    Config c = ephemeralConfig(m_dir.filePath(QStringLiteral("open.db")));
    c.settingsFile = m_dir.filePath(QStringLiteral("open.conf"));
    SpanlightServer server(c);
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    const testsupport::Reply r = testsupport::request(m_nam, "POST", server.otlpHttpPort(),
        QStringLiteral("/v1/traces"), ingestFixture("trace_full.json"), withToken("application/json", {}));
    QCOMPARE(r.status, 200);
    QVERIFY(server.store()->stats().spans > 0);
    server.stop();
}

void TestAccess::exposedBindNeedsChosenTokens()
{
    // Beyond loopback the server refuses to start with only a generated token. Nothing is bound:
    // the check comes before the first listener.
    Config c = ephemeralConfig(m_dir.filePath(QStringLiteral("exposed.db")), QStringLiteral("sl_generated"));
    c.settingsFile = m_dir.filePath(QStringLiteral("exposed.conf"));
    c.bindAddr = QStringLiteral("0.0.0.0");
    c.serviceHost = QStringLiteral("127.0.0.1");
    c.apiTokenConfigured = false;
    SpanlightServer server(c);
    QString error;
    QVERIFY(!server.start(&error));
    QVERIFY2(error.contains(QLatin1String("BIND_ADDR 0.0.0.0 is not a loopback address"))
            && error.contains(QLatin1String("TOKENS_FILE")),
        qPrintable(error));
    QCOMPARE(server.apiPort(), quint16(0));
    // The REST API alone beyond loopback needs chosen tokens too.
    c.bindAddr = QStringLiteral("127.0.0.1");
    c.serviceHost = QStringLiteral("0.0.0.0");
    SpanlightServer api(c);
    QVERIFY(!api.start(&error));
    QVERIFY2(error.contains(QLatin1String("SERVICE_HOST 0.0.0.0 is not a loopback address")), qPrintable(error));
    QCOMPARE(api.apiPort(), quint16(0));
}

void TestAccess::badTokensFileStopsTheStart()
{
    QFile bad(m_dir.filePath(QStringLiteral("bad-tokens")));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("viewer " + AccessControl::hashToken("a") + " alice\nwriter " + AccessControl::hashToken("b") + " bob\n");
    bad.close();
    Config c = ephemeralConfig(m_dir.filePath(QStringLiteral("bad.db")));
    c.settingsFile = m_dir.filePath(QStringLiteral("bad.conf"));
    c.tokensFile = bad.fileName();
    SpanlightServer server(c);
    QString error;
    QVERIFY(!server.start(&error));
    QVERIFY2(error.contains(QLatin1String("line 2: unknown role 'writer'")), qPrintable(error));
}

void TestAccess::regeneratedTokenReplacesTheOld()
{
    // The console's "Regenerate" on a running server: over real HTTP the old token gets 401 at
    // once and the new one 200, on the API and on ingest; the settings file keeps the new one.
    QFile tokens(m_dir.filePath(QStringLiteral("regen-tokens")));
    QVERIFY(tokens.open(QIODevice::WriteOnly));
    tokens.write("viewer " + AccessControl::hashToken("regen-viewer") + " grafana\n");
    tokens.close();
    Config c = ephemeralConfig(m_dir.filePath(QStringLiteral("regen.db")), QStringLiteral("sl_first"));
    c.settingsFile = m_dir.filePath(QStringLiteral("regen/spanlight.conf")); // its folder is made
    c.tokensFile = tokens.fileName();
    c.ingestAuthRequired = true;
    QVERIFY(!c.apiTokenConfigured); // as when the token came from the settings file
    SpanlightServer server(c);
    QString error;
    QVERIFY(!server.regenerateApiToken(&error)); // not started yet
    QVERIFY2(server.start(&error), qPrintable(error));
    QVERIFY(server.canRegenerateApiToken());
    const auto get = [&](const QByteArray &token) {
        return testsupport::request(m_nam, "GET", server.apiPort(), QStringLiteral("/traces"), {},
                                    { { "Authorization", "Bearer " + token } })
            .status;
    };
    const auto ingest = [&](const QByteArray &token) {
        return testsupport::request(m_nam, "POST", server.otlpHttpPort(), QStringLiteral("/v1/traces"),
                                    ingestFixture("trace_full.json"), withToken("application/json", token))
            .status;
    };
    QCOMPARE(get("sl_first"), 200);
    QCOMPARE(ingest("sl_first"), 200);

    const std::optional<QString> token = server.regenerateApiToken(&error);
    QVERIFY2(token, qPrintable(error));
    QVERIFY(token->startsWith(u"sl_"_qs));
    QCOMPARE(token->size(), 3 + 48);
    QCOMPARE(server.config().apiToken, *token);
    QCOMPARE(get("sl_first"), 401);
    QCOMPARE(ingest("sl_first"), 401);
    QCOMPARE(get(token->toLatin1()), 200);
    QCOMPARE(ingest(token->toLatin1()), 200);
    QCOMPARE(get("regen-viewer"), 200); // the tokens file's tokens are untouched
    QCOMPARE(QSettings(c.settingsFile, QSettings::IniFormat).value(u"api_token"_qs).toString(), *token);
    QCOMPARE(QFile::permissions(c.settingsFile) & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
             QFileDevice::Permissions());

    // Again: the second replaces the first.
    const std::optional<QString> again = server.regenerateApiToken(&error);
    QVERIFY(again && *again != *token);
    QCOMPARE(get(token->toLatin1()), 401);
    QCOMPARE(get(again->toLatin1()), 200);
    // Both regenerations are admin actions in the audit log, which holds neither token.
    auto audit = [&] {
        return testsupport::request(m_nam, "GET", server.apiPort(), QStringLiteral("/audit?limit=1000"), {},
                                    {{"Authorization", "Bearer " + again->toLatin1()}})
            .body;
    };
    QTRY_VERIFY_WITH_TIMEOUT(audit().contains("\"regenerate API_TOKEN\""), 10000);
    const QByteArray log = audit();
    QVERIFY(log.contains("\"actor\":\"console\""));
    QVERIFY(!log.contains(token->toLatin1()));
    QVERIFY(!log.contains(again->toLatin1()));
    server.stop();
}

void TestAccess::chosenTokenIsNotRegenerated()
{
    // API_TOKEN from the environment or a flag stays: someone chose it and uses it.
    Config c = ephemeralConfig(m_dir.filePath(QStringLiteral("chosen.db")), QStringLiteral("chosen-token"));
    c.settingsFile = m_dir.filePath(QStringLiteral("chosen.conf"));
    c.apiTokenConfigured = true;
    SpanlightServer server(c);
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    QVERIFY(!server.canRegenerateApiToken());
    QVERIFY(!server.regenerateApiToken(&error));
    QVERIFY2(error.contains(u"environment or by a flag"_qs), qPrintable(error));
    QCOMPARE(testsupport::request(m_nam, "GET", server.apiPort(), QStringLiteral("/traces"), {},
                                  { { "Authorization", "Bearer chosen-token" } })
                 .status,
             200);
    QVERIFY(!QFile::exists(c.settingsFile));
    server.stop();
}

QTEST_GUILESS_MAIN(TestAccess)
#include "tst_access.moc"
