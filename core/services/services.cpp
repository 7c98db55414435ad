#include "services/services.h"

#include "engine/engineclient.h"
#include "http/transport.h"
#include "registry/insecureregistries.h"
#include "util/paths.h"
#include "util/settings.h"

#include <QDir>

namespace sagedock::services {

Services::Services(util::Settings& settings, ServicesOptions options, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_options(std::move(options)) {
    m_inputs = readInputs();
    build(m_inputs, true);
}

Services::~Services() = default;

http::Transport& Services::transport() const {
    return *m_transport;
}

registry::ClientOptions Services::registryOptions(const util::Settings& settings,
                                                  const ServicesOptions& options) {
    registry::ClientOptions r;
    r.cacheDirectory = options.registryCacheDirectory.isEmpty()
                           ? QDir(util::cacheDirectory()).filePath(QStringLiteral("registry"))
                           : options.registryCacheDirectory;
    r.insecureRegistries = settings.insecureRegistries();
    r.daemonJsonFiles = registry::dockerDaemonJsonPaths();
    r.certsRoots = registry::dockerCertsRoots();
    r.credentials = options.credentials ? options.credentials : registry::dockerConfigCredentials();
    return r;
}

Services::Inputs Services::readInputs() const {
    return {m_settings.engineEndpoint(), m_settings.insecureRegistries(), m_settings.extraCaBundle()};
}

bool Services::reload() {
    const Inputs inputs = readInputs();
    if (inputs == m_inputs)
        return false; // same clients: the token cache and the negotiated API version survive
    const bool newTransport = inputs.extraCaBundle != m_inputs.extraCaBundle;
    m_inputs = inputs;
    build(inputs, newTransport);
    Q_EMIT changed();
    return true;
}

void Services::build(const Inputs& inputs, bool newTransport) {
    if (m_options.transport)
        // Borrowed: never deleted here.
        m_transport = std::shared_ptr<http::Transport>(m_options.transport, [](http::Transport*) {});
    else if (newTransport || !m_transport)
        m_transport =
            std::make_shared<http::Transport>(http::TransportOptions{.extraCaBundle = inputs.extraCaBundle});

    // Each client's deleter holds the transport it talks through, so a holder that outlives a rebuild
    // never sees its transport go away first.
    const std::shared_ptr<http::Transport> transport = m_transport;
    auto endpoint = engine::Client::endpointFromSetting(inputs.engineEndpoint);
    if (endpoint.ok()) {
        m_engine = std::shared_ptr<engine::Client>(new engine::Client(endpoint.value(), *transport),
                                                   [transport](engine::Client* c) { delete c; });
        m_engineError = {};
    } else {
        m_engine.reset();
        m_engineError = endpoint.error();
    }
    m_registry = std::shared_ptr<registry::Client>(
        new registry::Client(*transport, registryOptions(m_settings, m_options)),
        [transport](registry::Client* c) { delete c; });
}

} // namespace sagedock::services
