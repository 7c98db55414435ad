#pragma once
// The one owner of SageDock's clients, for the GUI and the CLI alike: built from the typed settings,
// it owns the HTTP transport (with the extra CA bundle), ONE engine client (endpoint resolved like
// the docker CLI) and ONE registry client (one token cache, one disk cache, the insecure-registry
// list and the docker login credentials). reload() re-reads the settings and rebuilds only what they
// changed. Nothing else constructs engine::Client or registry::Client (tests may).
//
// Clients are handed out as shared pointers: a holder keeps its client (and the transport under it)
// alive across a rebuild, e.g. a launch in flight, and picks up the new one on its next rebuild.
// Usage:
//   services::Services services(settings);
//   std::shared_ptr<registry::Client> registry = services.registry();
//   if (auto engine = services.engine()) engine->version(this, ...); else report(services.engineError());
//   settings.setInsecureRegistries(hosts); services.reload(); // changed() follows when clients were rebuilt

#include "registry/registryclient.h"
#include "util/error.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

namespace sagedock::http {
class Transport;
}
namespace sagedock::engine {
class Client;
}
namespace sagedock::util {
class Settings;
}

namespace sagedock::services {

struct ServicesOptions {
    // The registry's content-addressed disk cache; empty = util::cacheDirectory()/registry.
    QString registryCacheDirectory{};
    // Registry credentials; empty = the docker CLI's (registry::dockerConfigCredentials()).
    registry::CredentialLookup credentials{};
    // A transport to borrow instead of owning one (tests sharing http::Transport::shared()); the
    // extra CA bundle setting is then the lender's business.
    http::Transport* transport = nullptr;
};

class Services final : public QObject {
    Q_OBJECT
public:
    explicit Services(util::Settings& settings, ServicesOptions options = {}, QObject* parent = nullptr);
    ~Services() override;

    util::Settings& settings() const { return m_settings; }
    http::Transport& transport() const;
    // Null when the endpoint cannot be resolved; engineError() says why.
    std::shared_ptr<engine::Client> engine() const { return m_engine; }
    const util::Error& engineError() const { return m_engineError; }
    std::shared_ptr<registry::Client> registry() const { return m_registry; }

    // Re-reads the settings; rebuilds the transport when the extra CA bundle changed and the clients
    // when the endpoint, the insecure registries or the CA changed. True (and changed()) when it did.
    bool reload();

    // The registry options the settings and `options` make (what registry() was built with).
    static registry::ClientOptions registryOptions(const util::Settings& settings,
                                                   const ServicesOptions& options);

Q_SIGNALS:
    void changed(); // new clients: holders fetch engine()/registry() again

private:
    struct Inputs {
        QString engineEndpoint;
        QStringList insecureRegistries;
        QString extraCaBundle;
        bool operator==(const Inputs&) const = default;
    };
    Inputs readInputs() const;
    void build(const Inputs& inputs, bool newTransport);

    util::Settings& m_settings;
    ServicesOptions m_options;
    Inputs m_inputs;
    std::shared_ptr<http::Transport> m_transport;
    std::shared_ptr<engine::Client> m_engine;
    util::Error m_engineError;
    std::shared_ptr<registry::Client> m_registry;
};

} // namespace sagedock::services
