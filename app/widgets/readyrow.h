#pragma once
// The "URL [Open] [Copy URL]" row a page shows when Jupyter is ready (Launch and Review pages). Open
// starts the browser; when none can be started the row says so through noBrowser(), which the page
// shows in its message line, right above Copy URL (the Sessions page uses noBrowserText() too).
// Usage:
//   m_ready = new ReadyRow(this);
//   connect(m_ready, &ReadyRow::noBrowser, this, [this](const QString& text) { setMessage(text, true); });
//   m_ready->setSession(session, settings.openBrowser()); // shows the row, opens the browser if asked

#include "launch/session.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace sagedock::app {

class ReadyRow : public QWidget {
    Q_OBJECT
public:
    explicit ReadyRow(QWidget* parent = nullptr);

    // Shows the session's URL with Open and Copy URL; opens the browser when `openBrowser`.
    void setSession(const launch::Session& session, bool openBrowser);
    const launch::Session& session() const { return m_session; }
    void clear();
    static QString noBrowserText();

public Q_SLOTS:
    void openInBrowser();

Q_SIGNALS:
    void noBrowser(const QString& text);

private:
    launch::Session m_session;
    QLabel* m_url = nullptr;
    QPushButton* m_open = nullptr;
    QPushButton* m_copy = nullptr;
};

} // namespace sagedock::app
