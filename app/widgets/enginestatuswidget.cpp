#include "enginestatuswidget.h"

#include "appcontext.h"
#include "engine/engineclient.h"
#include "icons.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QTimer>
#include <QToolButton>

namespace sagedock::app {

EngineStatusWidget::EngineStatusWidget(AppContext& context, QWidget* parent)
    : QWidget(parent)
    , m_context(context) {
    setObjectName(QStringLiteral("engineStatus"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    m_icon = new QLabel(this);
    m_label = new QLabel(this);
    m_label->setObjectName(QStringLiteral("engineStatusText"));
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retry = new QToolButton(this);
    m_retry->setObjectName(QStringLiteral("engineRetry"));
    m_retry->setText(tr("Retry"));
    m_retry->setAutoRaise(true);
    m_retry->hide();
    layout->addWidget(m_icon);
    layout->addWidget(m_label);
    layout->addWidget(m_retry);
    connect(m_retry, &QToolButton::clicked, this, &EngineStatusWidget::refresh);
    connect(&context, &AppContext::settingsChanged, this, &EngineStatusWidget::refresh);
    m_timer = new QTimer(this);
    m_timer->setInterval(30000);
    connect(m_timer, &QTimer::timeout, this, &EngineStatusWidget::refresh);
    m_timer->start();
    setState(State::Checking);
}

EngineStatusWidget::~EngineStatusWidget() = default;

QString EngineStatusWidget::text() const {
    return m_label->text();
}

void EngineStatusWidget::refresh() {
    const quint64 generation = ++m_generation;
    if (m_state != State::Available)
        setState(State::Checking);
    // The endpoint may have been fixed elsewhere (a settings file, another window) before Retry:
    // re-read it; reload() keeps the clients when nothing relevant changed.
    m_context.services().reload();
    m_client = m_context.services().engine();
    if (!m_client) {
        m_error = m_context.services().engineError();
        setState(State::Unavailable);
        return;
    }
    // A new endpoint or a retry: ping first, so the check starts from a fresh negotiation (the engine
    // may have been restarted or replaced since the shared client last asked).
    m_client->ping(this, [this, generation](util::Result<engine::PingInfo> ping) {
        if (generation != m_generation)
            return;
        if (!ping.ok()) {
            m_error = ping.error();
            setState(State::Unavailable);
            return;
        }
        m_client->version(this, [this, generation](util::Result<engine::EngineInfo> info) {
            if (generation != m_generation)
                return;
            if (info.ok()) {
                m_info = info.value();
                m_error = {};
                setState(State::Available);
            } else {
                m_error = info.error();
                setState(State::Unavailable);
            }
        });
    });
}

void EngineStatusWidget::setState(State state) {
    const bool changed = state != m_state;
    m_state = state;
    switch (state) {
    case State::Checking:
        m_icon->setPixmap(icons::named("status-busy").pixmap(16, 16));
        m_label->setText(tr("Looking for a container engine…"));
        setToolTip(QString());
        m_retry->hide();
        break;
    case State::Available:
        m_icon->setPixmap(icons::named("status-ok").pixmap(16, 16));
        m_label->setText(tr("%1 %2 (API %3)").arg(m_info.product, m_info.version, m_info.apiVersion));
        setToolTip(tr("Engine: %1\nOS/arch: %2/%3").arg(m_info.endpoint, m_info.os, m_info.arch));
        m_retry->hide();
        break;
    case State::Unavailable:
        m_icon->setPixmap(icons::named("status-error").pixmap(16, 16));
        m_label->setText(tr("No engine: %1").arg(m_error.message));
        setToolTip(m_error.hint.isEmpty() ? m_error.message
                                          : m_error.message + QLatin1Char('\n') + m_error.hint);
        m_retry->show();
        break;
    }
    if (changed)
        Q_EMIT stateChanged(state);
}

} // namespace sagedock::app
