#pragma once
// Shared by `launch`, `ps` and `stop`: the services' engine client for the endpoint the settings name
// (like the GUI's) and the session listing that `ps` and `stop` start from.
// Usage:
//   auto client = cli::engineClient();               // Result<engine::Client*>, owned by cli::services()
//   cli::listSessions(io, done, [&io, done](launch::SessionStore* store, const QList<launch::Session>& s) {
//       ...; done(cli::ExitOk);
//   });

#include "command.h"

#include "launch/session.h"
#include "util/error.h"

#include <QList>

#include <functional>

namespace sagedock::engine {
class Client;
}
namespace sagedock::launch {
class SessionStore;
}

namespace sagedock::cli {

// The services' engine client for the settings' endpoint (empty = resolved like the docker CLI); the
// endpoint's error when it cannot be resolved.
util::Result<engine::Client*> engineClient();

using SessionsHandler =
    std::function<void(launch::SessionStore* store, const QList<launch::Session>& sessions)>;
// Lists the SageDock sessions and hands them to `handler` (the store stays alive for follow-up calls
// such as stop()). An endpoint or listing error is printed and ends the command with ExitFailure
// instead; `handler` then never runs.
void listSessions(Io& io, Done done, SessionsHandler handler);

} // namespace sagedock::cli
