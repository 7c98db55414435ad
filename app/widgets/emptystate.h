#pragma once
// What an empty list says instead of an empty table: one sentence about what to do next and the
// button that does it. Pages stack it over (or next to) their view and show it while the list is empty.
// Usage:
//   auto* empty = new EmptyState(tr("No sessions are running."), tr("Go to Launch"), this);
//   empty->setObjectName(QStringLiteral("sessionsEmptyState"));
//   connect(empty, &EmptyState::activated, this, [this] { m_context.requestPage("launch"); });
//   empty->setVisible(model->rowCount() == 0);

#include <QWidget>

class QLabel;
class QPushButton;

namespace sagedock::app {

class EmptyState : public QWidget {
    Q_OBJECT
public:
    EmptyState(const QString& text, const QString& buttonText, QWidget* parent = nullptr);

    QLabel* label() const { return m_label; }
    QPushButton* button() const { return m_button; }

Q_SIGNALS:
    void activated();

private:
    QLabel* m_label = nullptr;
    QPushButton* m_button = nullptr;
};

} // namespace sagedock::app
