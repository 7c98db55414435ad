#include "appcontext.h"

namespace sagedock::app {

AppContext::AppContext(util::Settings& settings, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_services(new services::Services(settings, {}, this)) {}

AppContext::AppContext(util::Settings& settings, http::Transport& transport, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_services(new services::Services(settings, {.transport = &transport}, this)) {}

void AppContext::notifySettingsChanged() {
    m_services->reload();
    Q_EMIT settingsChanged();
}

} // namespace sagedock::app
