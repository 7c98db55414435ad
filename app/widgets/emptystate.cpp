#include "widgets/emptystate.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace sagedock::app {

EmptyState::EmptyState(const QString& text, const QString& buttonText, QWidget* parent)
    : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->addStretch(1);
    m_label = new QLabel(text, this);
    m_label->setObjectName(QStringLiteral("emptyStateLabel"));
    m_label->setAlignment(Qt::AlignCenter);
    m_label->setWordWrap(true);
    layout->addWidget(m_label);
    m_button = new QPushButton(buttonText, this);
    m_button->setObjectName(QStringLiteral("emptyStateButton"));
    layout->addWidget(m_button, 0, Qt::AlignHCenter);
    layout->addStretch(1);
    connect(m_button, &QPushButton::clicked, this, &EmptyState::activated);
}

} // namespace sagedock::app
