#include "appcontext.h"

namespace sagedock::app {

AppContext::AppContext(util::Settings& settings, http::Transport& http, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_http(http) {}

} // namespace sagedock::app
