#include "widgets/readyrow.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace sagedock::app {

ReadyRow::ReadyRow(QWidget* parent)
    : QWidget(parent) {
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    m_url = new QLabel(this);
    m_url->setObjectName(QStringLiteral("urlLabel"));
    m_url->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_open = new QPushButton(tr("&Open"), this);
    m_open->setObjectName(QStringLiteral("openButton"));
    m_copy = new QPushButton(tr("&Copy URL"), this);
    m_copy->setObjectName(QStringLiteral("copyButton"));
    row->addWidget(m_url, 1);
    row->addWidget(m_open);
    row->addWidget(m_copy);
    connect(m_open, &QPushButton::clicked, this, &ReadyRow::openInBrowser);
    connect(m_copy, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_session.url.toString()); });
    clear();
}

QString ReadyRow::noBrowserText() {
    return tr("No web browser could be started. Press Copy URL and paste the address into a browser.");
}

void ReadyRow::setSession(const launch::Session& session, bool openBrowser) {
    m_session = session;
    m_url->setText(session.url.toString());
    m_open->setVisible(true);
    m_copy->setVisible(true);
    if (openBrowser)
        openInBrowser();
}

void ReadyRow::clear() {
    m_session = {};
    m_url->clear();
    m_open->setVisible(false);
    m_copy->setVisible(false);
}

void ReadyRow::openInBrowser() {
    if (!m_session.url.isEmpty() && !QDesktopServices::openUrl(m_session.url))
        Q_EMIT noBrowser(noBrowserText());
}

} // namespace sagedock::app
