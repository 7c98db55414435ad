#pragma once
// The services every page shares, created once in main() and handed to the pages: the typed
// settings, the one HTTP engine, and the engine-endpoint choice. Pages build their own core
// clients from these; nothing here is a global singleton, so GUI tests can make their own.
// Usage: auto* page = new MatrixPage(context, parent);

#include "http/transport.h"
#include "util/settings.h"

#include <QObject>

namespace sagedock::app {

class AppContext : public QObject {
    Q_OBJECT
public:
    AppContext(util::Settings& settings, http::Transport& http, QObject* parent = nullptr);

    util::Settings& settings() const { return m_settings; }
    http::Transport& http() const { return m_http; }

    // Called by the Preferences dialog after it saved; pages re-read what they use.
    void notifySettingsChanged() { Q_EMIT settingsChanged(); }
    // A page asks the main window to show another page ("review", "sessions", ...).
    void requestPage(const QString& id) { Q_EMIT pageRequested(id); }

Q_SIGNALS:
    void settingsChanged();
    void pageRequested(const QString& id);

private:
    util::Settings& m_settings;
    http::Transport& m_http;
};

} // namespace sagedock::app
