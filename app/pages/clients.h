#pragma once
// The core clients a page builds from the current settings (and builds again when they change):
// the engine client for the chosen endpoint and the registry client with the shared disk cache,
// the insecure-registry list and the docker login credentials. One place, so every page talks to
// the same engine and registries the same way.
// Usage:
//   m_engine = newEngineClient(m_context, this, &error); // nullptr + error: endpoint unusable
//   m_registry = newRegistryClient(m_context);

#include <memory>

class QObject;

namespace sagedock::engine {
class Client;
}
namespace sagedock::registry {
class Client;
}
namespace sagedock::util {
struct Error;
}

namespace sagedock::app {

class AppContext;

engine::Client* newEngineClient(AppContext& context, QObject* parent, util::Error* error = nullptr);
std::unique_ptr<registry::Client> newRegistryClient(AppContext& context);

} // namespace sagedock::app
