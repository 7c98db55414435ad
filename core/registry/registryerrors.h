#pragma once
// Registry answers turned into plain sentences with a hint (protocols.md A6): the `errors` JSON
// codes first, the HTTP status when the body says nothing (HEAD has no body), Retry-After for
// "rate limited until HH:MM". Also reads Docker Hub's ratelimit-* headers.
// Usage:
//   if (!response.isSuccess()) return registry::responseError(response, {.repository = repo, .reference =
//   tag});

#include "http/request.h"
#include "registry/registryclient.h"
#include "util/error.h"

#include <QDateTime>
#include <QString>

namespace sagedock::registry {

struct ErrorContext {
    Repository repository;
    QString reference;             // tag or digest, when a manifest or blob was asked
    bool hadCredentials = false;   // credentials were sent (directly or to the token endpoint)
    util::Error credentialProblem; // looking credentials up failed (shown when a login is needed)
};

struct RegistryErrorBody {
    QString code; // first error's code, e.g. "NAME_UNKNOWN"
    QString message;
};
// The first entry of {"errors":[{"code","message","detail"}]}; empty when the body is something else.
RegistryErrorBody parseErrorBody(const QByteArray& body);

// Transport errors pass through; HTTP failures become sentences. `now` is for tests.
util::Error responseError(const http::Response& response, const ErrorContext& context,
                          const QDateTime& now = QDateTime::currentDateTimeUtc());

// docker.io, index.docker.io and registry-1.docker.io: Docker Hub, which counts manifest GETs as pulls.
bool isDockerHub(const QString& host);

// What `docker login` needs to be told for this registry ("docker login" for Docker Hub).
QString loginCommand(const QString& host);

// ratelimit-limit / ratelimit-remaining ("100;w=21600"), docker-ratelimit-source, RateLimit-Reset.
RateLimit parseRateLimit(const http::Response& response,
                         const QDateTime& now = QDateTime::currentDateTimeUtc());

// Failures where the last cached answer is better than nothing (network, timeouts, 5xx, 429,
// malformed answers) as opposed to answers that are themselves the truth (404, 401, 403).
bool allowsStaleAnswer(const util::Error& error);

} // namespace sagedock::registry
