#include "sessioncli.h"

#include "output.h"

#include "engine/engineclient.h"
#include "launch/sessionstore.h"
#include "util/settings.h"

#include <QCoreApplication>

namespace sagedock::cli {

util::Result<engine::Client*> makeEngineClient() {
    util::Settings settings;
    auto endpoint = engine::Client::endpointFromSetting(settings.engineEndpoint());
    if (!endpoint.ok())
        return endpoint.error();
    return new engine::Client(endpoint.value(), http::Transport::shared(), QCoreApplication::instance());
}

void listSessions(Io& io, Done done, SessionsHandler handler) {
    auto client = makeEngineClient();
    if (!client.ok()) {
        done(printError(io, client.error()));
        return;
    }
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
