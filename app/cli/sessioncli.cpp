#include "sessioncli.h"

#include "output.h"

#include "engine/engineclient.h"
#include "launch/sessionstore.h"
#include "services/services.h"

namespace sagedock::cli {

util::Result<engine::Client*> engineClient() {
    if (auto client = services().engine())
        return client.get();
    return services().engineError();
}

void listSessions(Io& io, Done done, SessionsHandler handler) {
    auto client = engineClient();
    if (!client.ok()) {
        done(printError(io, client.error()));
        return;
    }
    // Parented to the client, which lives as long as the application's services.
    auto* store = new launch::SessionStore(client.value(), client.value());
    store->list(store,
                [&io, done, store, handler = std::move(handler)](util::Result<QList<launch::Session>> r) {
                    if (!r.ok()) {
                        done(printError(io, r.error()));
                        return;
                    }
                    handler(store, r.value());
                });
}

} // namespace sagedock::cli
