#include "util/error.h"

namespace sagedock::util {

QString errorCodeName(ErrorCode code) {
    switch (code) {
    case ErrorCode::None:
        return QStringLiteral("none");
    case ErrorCode::Cancelled:
        return QStringLiteral("cancelled");
    case ErrorCode::InvalidArgument:
        return QStringLiteral("invalid-argument");
    case ErrorCode::Network:
        return QStringLiteral("network");
    case ErrorCode::Timeout:
        return QStringLiteral("timeout");
    case ErrorCode::Tls:
        return QStringLiteral("tls");
    case ErrorCode::HttpStatus:
        return QStringLiteral("http-status");
    case ErrorCode::TooLarge:
        return QStringLiteral("too-large");
    case ErrorCode::Protocol:
        return QStringLiteral("protocol");
    case ErrorCode::NotFound:
        return QStringLiteral("not-found");
    case ErrorCode::Unauthorized:
        return QStringLiteral("unauthorized");
    case ErrorCode::Denied:
        return QStringLiteral("denied");
    case ErrorCode::RateLimited:
        return QStringLiteral("rate-limited");
    case ErrorCode::EngineUnavailable:
        return QStringLiteral("engine-unavailable");
    case ErrorCode::PermissionDenied:
        return QStringLiteral("permission-denied");
    case ErrorCode::Conflict:
        return QStringLiteral("conflict");
    case ErrorCode::Io:
        return QStringLiteral("io");
    case ErrorCode::Process:
        return QStringLiteral("process");
    case ErrorCode::Parse:
        return QStringLiteral("parse");
    case ErrorCode::Internal:
        return QStringLiteral("internal");
    }
    return QStringLiteral("unknown");
}

QString Error::toString() const {
    if (hint.isEmpty())
        return message;
    return message + QStringLiteral(" (") + hint + QStringLiteral(")");
}

} // namespace sagedock::util
