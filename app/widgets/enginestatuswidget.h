#pragma once
// Status-bar indicator: does a Docker-compatible engine answer at the configured endpoint?
// Shows the product, version and API version, or what is wrong and how to fix it (with Retry).
// Re-checks every 30 s and when the preferences change; never blocks the UI thread.

#include "engine/types.h"
#include "util/error.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QTimer;
class QToolButton;

namespace sagedock::engine {
class Client;
}

namespace sagedock::app {

class AppContext;

class EngineStatusWidget : public QWidget {
    Q_OBJECT
public:
    enum class State { Checking, Available, Unavailable };
    Q_ENUM(State)

    explicit EngineStatusWidget(AppContext& context, QWidget* parent = nullptr);
    ~EngineStatusWidget() override;

    State state() const { return m_state; }
    QString text() const;
    const engine::EngineInfo& info() const { return m_info; }
    const util::Error& error() const { return m_error; }

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    void stateChanged(sagedock::app::EngineStatusWidget::State state);

private:
    void setState(State state);

    AppContext& m_context;
    QLabel* m_icon = nullptr;
    QLabel* m_label = nullptr;
    QToolButton* m_retry = nullptr;
    QTimer* m_timer = nullptr;
    std::shared_ptr<engine::Client> m_client; // the services' client
    State m_state = State::Checking;
    engine::EngineInfo m_info;
    util::Error m_error;
    quint64 m_generation = 0; // answers of an older check are ignored
};

} // namespace sagedock::app
