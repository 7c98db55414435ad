#include "pages/clients.h"

#include "appcontext.h"
#include "engine/engineclient.h"
#include "registry/registryclient.h"
#include "util/paths.h"

#include <QDir>

namespace sagedock::app {

engine::Client* newEngineClient(AppContext& context, QObject* parent, util::Error* error) {
    auto endpoint = engine::Client::endpointFromSetting(context.settings().engineEndpoint());
    if (!endpoint.ok()) {
        if (error)
            *error = endpoint.error();
        return nullptr;
    }
    return new engine::Client(endpoint.value(), context.http(), parent);
}

std::unique_ptr<registry::Client> newRegistryClient(AppContext& context) {
    registry::ClientOptions options;
    options.cacheDirectory = QDir(util::cacheDirectory()).filePath(QStringLiteral("registry"));
    options.insecureRegistries = context.settings().insecureRegistries();
    options.credentials = registry::dockerConfigCredentials();
    return std::make_unique<registry::Client>(context.http(), options);
}

} // namespace sagedock::app
