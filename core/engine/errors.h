#pragma once
// Turns what the engine said into one sentence with a fix: engine not running, permission denied on
// the socket, port already allocated, name in use, no such image, pull access denied, ...
// Usage:
//   util::Error e = engine::errorFromResponse(response, endpoint, tr("start the container"));

#include "engine/endpoint.h"
#include "http/request.h"
#include "util/error.h"

namespace sagedock::engine {

// A transport failure (no HTTP answer): socket missing, connection refused, permission denied, TLS.
util::Error connectionError(const http::Response& response, const Endpoint& endpoint);

// An HTTP error answer ({"message": ...}) or an in-band stream error message. `action` names what
// was attempted ("create the container"), used when nothing more specific matches.
util::Error errorFromMessage(int status, const QString& message, const QString& action);

// Either of the above for a finished response that is not a success.
util::Error errorFromResponse(const http::Response& response, const Endpoint& endpoint,
                              const QString& action);

// The "message" field of an engine error body, or the body itself when it is not JSON.
QString engineMessage(const QByteArray& body);

} // namespace sagedock::engine
