#pragma once
// What every page shares, created once in main() and handed to the pages: the typed settings and the
// core services (the one HTTP transport, engine client and registry client, rebuilt when the
// settings change). Nothing here is a global singleton, so GUI tests can make their own.
// Usage: auto* page = new MatrixPage(context, parent);
//        auto registry = context.services().registry();

#include "services/services.h"
#include "util/settings.h"

#include <QObject>

namespace sagedock::http {
class Transport;
}

namespace sagedock::app {

class AppContext : public QObject {
    Q_OBJECT
public:
    explicit AppContext(util::Settings& settings, QObject* parent = nullptr);
    // Tests: the services borrow `transport` (e.g. http::Transport::shared()) instead of owning one.
    AppContext(util::Settings& settings, http::Transport& transport, QObject* parent = nullptr);

    util::Settings& settings() const { return m_settings; }
    services::Services& services() const { return *m_services; }

    // Called by the Preferences dialog after it saved: the services rebuild what changed, then pages
    // re-read what they use (and fetch the clients again).
    void notifySettingsChanged();
    // A page asks the main window to show another page ("review", "sessions", ...).
    void requestPage(const QString& id) { Q_EMIT pageRequested(id); }

Q_SIGNALS:
    void settingsChanged();
    void pageRequested(const QString& id);
    // A page has something to tell the user once, wherever they are (the main window's status bar).
    void notice(const QString& text);

private:
    util::Settings& m_settings;
    services::Services* m_services; // child
};

} // namespace sagedock::app
