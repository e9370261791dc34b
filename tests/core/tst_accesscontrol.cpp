#include "core/accesscontrol.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace spanlight;

class TestAccessControl : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void digest();
    void generatedTokens();
    void roles();
    void checks_data();
    void checks();
    void badFiles_data();
    void badFiles();

private:
    QString write(const QByteArray &text);
    QTemporaryDir m_dir;
    int m_files = 0;
};

QString TestAccessControl::write(const QByteArray &text)
{
    QFile f(m_dir.filePath(QStringLiteral("tokens-%1").arg(++m_files)));
    if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size())
        qFatal("cannot write a tokens file");
    return f.fileName();
}

void TestAccessControl::digest()
{
    // The SHA-256 test vector for "test", as `printf %s test | sha256sum` prints it.
    QCOMPARE(AccessControl::hashToken("test"), QByteArray("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
}

void TestAccessControl::generatedTokens()
{
    const QByteArray a = AccessControl::generateToken();
    const QByteArray b = AccessControl::generateToken();
    QVERIFY(a.startsWith("sl_"));
    QCOMPARE(a.size(), 3 + 48);
    QVERIFY(a != b);
}

void TestAccessControl::roles()
{
    QVERIFY(roleAllows(Role::Viewer, Permission::Read));
    QVERIFY(!roleAllows(Role::Viewer, Permission::Ingest));
    QVERIFY(!roleAllows(Role::Viewer, Permission::Manage));
    QVERIFY(!roleAllows(Role::Ingest, Permission::Read));
    QVERIFY(roleAllows(Role::Ingest, Permission::Ingest));
    QVERIFY(!roleAllows(Role::Ingest, Permission::Manage));
    for (Permission p : { Permission::Read, Permission::Ingest, Permission::Manage })
        QVERIFY(roleAllows(Role::Admin, p));
}

void TestAccessControl::checks_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<int>("permission");
    QTest::addColumn<int>("result");
    QTest::addColumn<QString>("name");
    using R = AccessCheck::Result;
    const int read = int(Permission::Read), ingest = int(Permission::Ingest), manage = int(Permission::Manage);
    QTest::newRow("missing") << QByteArray() << read << int(R::Missing) << QString();
    QTest::newRow("blank") << QByteArray("   ") << read << int(R::Missing) << QString();
    QTest::newRow("other scheme") << QByteArray("Basic dXNlcjpwYXNz") << read << int(R::Invalid) << QString();
    QTest::newRow("scheme only") << QByteArray("Bearer") << read << int(R::Invalid) << QString();
    QTest::newRow("unknown") << QByteArray("Bearer nope") << read << int(R::Invalid) << QString();
    QTest::newRow("viewer reads") << QByteArray("Bearer v-token") << read << int(R::Allowed) << QStringLiteral("alice");
    QTest::newRow("scheme in any case, spaces") << QByteArray("  BEARER   v-token  ") << read << int(R::Allowed)
                                                << QStringLiteral("alice");
    QTest::newRow("viewer may not ingest") << QByteArray("Bearer v-token") << ingest << int(R::Forbidden)
                                           << QStringLiteral("alice");
    QTest::newRow("ingest sends") << QByteArray("Bearer i-token") << ingest << int(R::Allowed)
                                  << QStringLiteral("collector in eu-west");
    QTest::newRow("ingest may not read") << QByteArray("Bearer i-token") << read << int(R::Forbidden)
                                         << QStringLiteral("collector in eu-west");
    QTest::newRow("admin from file manages") << QByteArray("Bearer a-token") << manage << int(R::Allowed)
                                             << QStringLiteral("ops");
    QTest::newRow("API_TOKEN manages") << QByteArray("Bearer root") << manage << int(R::Allowed)
                                       << QStringLiteral("API_TOKEN");
    QTest::newRow("viewer may not manage") << QByteArray("Bearer v-token") << manage << int(R::Forbidden)
                                           << QStringLiteral("alice");
}

void TestAccessControl::checks()
{
    QFETCH(QByteArray, header);
    QFETCH(int, permission);
    QFETCH(int, result);
    QFETCH(QString, name);
    const QString file = write("# tokens\n   \nviewer " + AccessControl::hashToken("v-token") + " alice\n"
        + "ingest " + AccessControl::hashToken("i-token").toUpper() + "   collector  in eu-west \n"
        + "admin sha256:" + AccessControl::hashToken("a-token") + " ops\n");
    QString error;
    const std::optional<AccessControl> ac = AccessControl::load(QStringLiteral("root"), file, &error);
    QVERIFY2(ac, qPrintable(error));
    QCOMPARE(ac->tokenCount(), 4);
    const AccessCheck c = ac->check(header, Permission(permission));
    QCOMPARE(int(c.result), result);
    QCOMPARE(c.allowed(), result == int(AccessCheck::Result::Allowed));
    QCOMPARE(c.httpStatus(), result == int(AccessCheck::Result::Forbidden) ? 403 : 401);
    if (!name.isEmpty())
        QCOMPARE(c.principal.name, name);
    QVERIFY(!c.message.contains(QLatin1String("token\"")));
    QVERIFY(!c.message.contains(QLatin1String("v-token")) && !c.message.contains(QLatin1String("i-token")));
    QCOMPARE(c.message.isEmpty(), c.allowed());
}

void TestAccessControl::badFiles_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("error");
    const QByteArray h = AccessControl::hashToken("x");
    QTest::newRow("two fields") << QByteArray("viewer " + h + "\n") << QStringLiteral("line 1: expected 'role sha256-hex name'");
    QTest::newRow("unknown role") << QByteArray("# c\nreader " + h + " bob\n") << QStringLiteral("line 2: unknown role 'reader'");
    QTest::newRow("fields swapped") << QByteArray("sl_0123456789abcdef0123456789abcdef0123456789abcdef viewer bob\n")
                                    << QStringLiteral("line 1: the first field is not a role");
    QTest::newRow("token in clear") << QByteArray("viewer my-secret-token bob\n")
                                    << QStringLiteral("line 1: the second field must be the token's SHA-256");
    QTest::newRow("short digest") << QByteArray("viewer " + h.left(63) + " bob\n") << QStringLiteral("64 hex digits");
    QTest::newRow("not hex") << QByteArray("viewer " + h.left(63) + "g bob\n") << QStringLiteral("64 hex digits");
    QTest::newRow("duplicate") << QByteArray("viewer " + h + " bob\nadmin " + h + " eve\n")
                               << QStringLiteral("line 2: the token of 'eve' is already listed (as 'bob')");
    QTest::newRow("same as API_TOKEN") << QByteArray("viewer " + AccessControl::hashToken("root") + " bob\n")
                                       << QStringLiteral("already listed (as 'API_TOKEN')");
}

void TestAccessControl::badFiles()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, error);
    const QString file = write(text);
    QString why;
    QVERIFY(!AccessControl::load(QStringLiteral("root"), file, &why));
    QVERIFY2(why.startsWith(QStringLiteral("TOKENS_FILE ") + file), qPrintable(why));
    QVERIFY2(why.contains(error), qPrintable(why));
    QVERIFY(!why.contains(QLatin1String("my-secret-token")));
    QVERIFY(!why.contains(QLatin1String("sl_0123")));
    QVERIFY(!AccessControl::load({}, m_dir.filePath(QStringLiteral("missing")), &why));
    QVERIFY2(why.contains(QLatin1String("missing")), qPrintable(why));
}

QTEST_GUILESS_MAIN(TestAccessControl)
#include "tst_accesscontrol.moc"
