#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <shared_mutex>

namespace spanlight {

// What a token may do. viewer: read the REST API; ingest: send spans; admin: both, and the
// managing endpoints (deleting traces, the audit log).
enum class Role { Viewer, Ingest, Admin };
enum class Permission { Read, Ingest, Manage };

QString roleName(Role role);
bool roleAllows(Role role, Permission permission);

// Who presented a token: its role and the name the tokens file gives it (never the token).
struct Principal
{
    Role role = Role::Viewer;
    QString name;
};

// The outcome of checking a request's credentials for one permission.
struct AccessCheck
{
    enum class Result { Allowed, Missing, Invalid, Forbidden };
    Result result = Result::Missing;
    Principal principal; // when Allowed or Forbidden
    QString message; // for the error answer; names no token

    bool allowed() const { return result == Result::Allowed; }
    int httpStatus() const { return result == Result::Forbidden ? 403 : 401; }
};

// The tokens a server accepts. API_TOKEN is an admin token; TOKENS_FILE adds tokens, stored as
// SHA-256 digests, one per line: `role sha256-hex name` (`#` starts a comment line). A presented
// token is hashed and looked up by digest, so no token is ever compared character by character
// or kept in memory in clear (apart from API_TOKEN, which the configuration holds anyway).
// check() may run on any number of threads; only replaceAdminToken() changes a shared object.
class AccessControl
{
public:
    // Reads `tokensFile` (empty: none). On a malformed file returns nullopt and sets `error`
    // to the file, the line number and what is wrong with it.
    static std::optional<AccessControl> load(const QString &adminToken, const QString &tokensFile, QString *error);

    // The lowercase hex SHA-256 of a token: what a tokens file stores.
    static QByteArray hashToken(QByteArrayView token);
    // A new random token ("sl_" and 48 hex digits) for `spanlightd token`.
    static QByteArray generateToken();

    // `authorization` is the request's Authorization header (or gRPC metadata) value.
    AccessCheck check(QByteArrayView authorization, Permission needed) const;

    qsizetype tokenCount() const;

    // Makes `token` the admin token in place of API_TOKEN's, at once for every thread that
    // checks (the console's "Regenerate"). False, changing nothing, for an empty token or one
    // the tokens file lists already.
    bool replaceAdminToken(QByteArrayView token);

    // Who hears of refusals and admin actions (the audit log). Set before the object is shared.
    using Observer = std::function<void(const AccessCheck &check, const QString &action, const QString &remote)>;
    void setObserver(Observer observer) { m_observer = std::move(observer); }
    // For the callers of check(): a refusal, or an allowed admin action, for the audit log.
    void report(const AccessCheck &check, const QString &action, const QString &remote) const
    {
        if (m_observer)
            m_observer(check, action, remote);
    }

private:
    // API_TOKEN's digest (empty: none). The one thing that changes while the object is shared,
    // so it has its own lock (held by pointer: the object is moved out of load()).
    struct AdminSlot
    {
        mutable std::shared_mutex lock;
        QByteArray digest;
    };
    std::unique_ptr<AdminSlot> m_admin = std::make_unique<AdminSlot>();
    QHash<QByteArray, Principal> m_byDigest; // hex digest -> principal, from the tokens file
    Observer m_observer;
};

} // namespace spanlight
