#include "accesscontrol.h"

#include <QCryptographicHash>
#include <QFile>
#include <QRandomGenerator>

#include <algorithm>
#include <mutex>

namespace spanlight {

QString roleName(Role role)
{
    switch (role) {
    case Role::Viewer:
        return QStringLiteral("viewer");
    case Role::Ingest:
        return QStringLiteral("ingest");
    case Role::Admin:
        return QStringLiteral("admin");
    }
    return {};
}

bool roleAllows(Role role, Permission permission)
{
    switch (permission) {
    case Permission::Read:
        return role == Role::Viewer || role == Role::Admin;
    case Permission::Ingest:
        return role == Role::Ingest || role == Role::Admin;
    case Permission::Manage:
        return role == Role::Admin;
    }
    return false;
}

namespace {

std::optional<Role> roleOf(QByteArrayView name)
{
    for (Role r : {Role::Viewer, Role::Ingest, Role::Admin})
        if (name == roleName(r).toLatin1())
            return r;
    return std::nullopt;
}

bool isHexDigest(QByteArrayView text)
{
    if (text.size() != 64)
        return false;
    for (char c : text)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    return true;
}

QString permissionText(Permission p)
{
    switch (p) {
    case Permission::Read:
        return QStringLiteral("read the API (viewer or admin)");
    case Permission::Ingest:
        return QStringLiteral("send spans (ingest or admin)");
    case Permission::Manage:
        return QStringLiteral("manage the server (admin)");
    }
    return {};
}

} // namespace

QByteArray AccessControl::hashToken(QByteArrayView token)
{
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256).toHex();
}

QByteArray AccessControl::generateToken()
{
    quint32 words[6];
    QRandomGenerator::system()->generate(std::begin(words), std::end(words));
    return "sl_" + QByteArray(reinterpret_cast<const char *>(words), sizeof words).toHex();
}

std::optional<AccessControl> AccessControl::load(const QString &adminToken, const QString &tokensFile, QString *error)
{
    AccessControl ac;
    if (!adminToken.isEmpty())
        ac.m_admin->digest = hashToken(adminToken.toUtf8());
    if (tokensFile.isEmpty())
        return ac;
    QFile file(tokensFile);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("TOKENS_FILE %1: %2").arg(tokensFile, file.errorString());
        return std::nullopt;
    }
    int lineNumber = 0;
    while (!file.atEnd()) {
        ++lineNumber;
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        auto fail = [&](const QString &what) {
            *error = QStringLiteral("TOKENS_FILE %1 line %2: %3").arg(tokensFile).arg(lineNumber).arg(what);
            return std::nullopt;
        };
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() < 3)
            return fail(QStringLiteral("expected 'role sha256-hex name', e.g. 'viewer 9f86d0...0f00a08 alice'"));
        const std::optional<Role> role = roleOf(fields[0]);
        if (!role) {
            // Echo the field only when it looks like a role: a line with its fields swapped
            // would otherwise put the token itself into the error (and the log).
            const bool wordLike = fields[0].size() <= 16
                && std::all_of(fields[0].cbegin(), fields[0].cend(), [](char c) { return c >= 'a' && c <= 'z'; });
            return fail(wordLike ? QStringLiteral("unknown role '%1' (use viewer, ingest or admin)")
                                       .arg(QString::fromLatin1(fields[0]))
                                 : QStringLiteral("the first field is not a role (use viewer, ingest or admin; "
                                                  "the fields are 'role sha256-hex name')"));
        }
        QByteArray digest = fields[1].toLower();
        if (digest.startsWith("sha256:"))
            digest = digest.mid(7);
        if (!isHexDigest(digest))
            return fail(QStringLiteral("the second field must be the token's SHA-256 as 64 hex digits "
                                       "(printf %s \"$TOKEN\" | sha256sum), not the token itself"));
        const QString name = QString::fromUtf8(fields.mid(2).join(' '));
        if (digest == ac.m_admin->digest)
            return fail(QStringLiteral("the token of '%1' is already listed (as 'API_TOKEN')").arg(name));
        if (ac.m_byDigest.contains(digest))
            return fail(QStringLiteral("the token of '%1' is already listed (as '%2')")
                            .arg(name, ac.m_byDigest.value(digest).name));
        ac.m_byDigest.insert(digest, {*role, name});
    }
    return ac;
}

AccessCheck AccessControl::check(QByteArrayView authorization, Permission needed) const
{
    AccessCheck c;
    const QByteArrayView header = authorization.trimmed();
    if (header.isEmpty()) {
        c.result = AccessCheck::Result::Missing;
        c.message = QStringLiteral("missing Authorization: Bearer <token> header");
        return c;
    }
    const QByteArrayView scheme = header.first(std::min<qsizetype>(7, header.size()));
    if (header.size() <= 7 || QByteArray(scheme.data(), scheme.size()).toLower() != "bearer ") {
        c.result = AccessCheck::Result::Invalid;
        c.message = QStringLiteral("the Authorization header must be 'Bearer <token>'");
        return c;
    }
    const QByteArray digest = hashToken(header.sliced(7).trimmed());
    bool isAdminToken = false;
    {
        const std::shared_lock lock(m_admin->lock);
        isAdminToken = !m_admin->digest.isEmpty() && digest == m_admin->digest;
    }
    if (isAdminToken) {
        c.principal = {Role::Admin, QStringLiteral("API_TOKEN")};
    } else {
        const auto it = m_byDigest.constFind(digest);
        if (it == m_byDigest.cend()) {
            c.result = AccessCheck::Result::Invalid;
            c.message = QStringLiteral("invalid bearer token");
            return c;
        }
        c.principal = *it;
    }
    if (!roleAllows(c.principal.role, needed)) {
        c.result = AccessCheck::Result::Forbidden;
        c.message = QStringLiteral("the token '%1' has the role %2, which may not %3")
                        .arg(c.principal.name, roleName(c.principal.role), permissionText(needed));
        return c;
    }
    c.result = AccessCheck::Result::Allowed;
    return c;
}

qsizetype AccessControl::tokenCount() const
{
    const std::shared_lock lock(m_admin->lock);
    return m_byDigest.size() + (m_admin->digest.isEmpty() ? 0 : 1);
}

bool AccessControl::replaceAdminToken(QByteArrayView token)
{
    if (token.trimmed().isEmpty())
        return false;
    QByteArray digest = hashToken(token);
    if (m_byDigest.contains(digest))
        return false;
    const std::unique_lock lock(m_admin->lock);
    m_admin->digest = std::move(digest);
    return true;
}

} // namespace spanlight
