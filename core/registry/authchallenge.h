#pragma once
// WWW-Authenticate challenges as registries send them (RFC 7235): `Bearer realm="…",service="…",
// scope="repository:a/b:pull"`, `Basic realm="…"`, several challenges in one header or several headers.
// Scope values hold ':' and ',' so parameters are read as key=quoted-string pairs, never split on commas.
// Usage:
//   const QList<registry::Challenge> all =
//   registry::parseChallenges(response.headerValues("WWW-Authenticate")); if (auto c =
//   registry::preferredChallenge(all)) useRealm(c->param(u"realm"));

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace sagedock::registry {

struct Challenge {
    QString scheme;                // lowercase: "bearer", "basic", ...
    QMap<QString, QString> params; // keys lowercase, values unquoted and unescaped
    QString param(const QString& key) const { return params.value(key.toLower()); }
    bool isBearer() const { return scheme == QLatin1String("bearer"); }
    bool isBasic() const { return scheme == QLatin1String("basic"); }
};

QList<Challenge> parseChallenges(const QByteArray& headerValue);
QList<Challenge> parseChallenges(const QList<QByteArray>& headerValues);
// Bearer (with a realm) before Basic; other schemes are not spoken.
std::optional<Challenge> preferredChallenge(const QList<Challenge>& challenges);

} // namespace sagedock::registry
