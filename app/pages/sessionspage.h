#pragma once
// Sessions page: the running SageDock sessions (image, flavor, port, uptime, folder), found from the
// engine and kept live by its events (a starting session becomes openable the moment its URL is in
// the log, a stopped one disappears); the log pane follows the selected session only; Open (or, when
// no browser can be started, says so next to Copy URL), Shell (terminal emulator or the command to
// copy), Stop (graceful, then forced; removes unless the preference keeps containers). With no
// sessions it says what to do next instead of an empty table.

#include "launch/sessionstore.h"

#include <QPointer>

#include <QWidget>
#include <functional>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTreeView;

namespace sagedock::engine {
class Client;
} // namespace sagedock::engine

namespace sagedock::app {

class AppContext;
class SessionModel;

class SessionsPage : public QWidget {
    Q_OBJECT
public:
    explicit SessionsPage(AppContext& context, QWidget* parent = nullptr);
    ~SessionsPage() override;

    SessionModel* model() const { return m_model; }
    // Running sessions this user started (what quitting asks about).
    QList<launch::Session> runningSessions() const;
    // Stops every running session of this user; `done` runs once after the last (errors joined).
    void stopSessions(const QList<launch::Session>& sessions, std::function<void(util::Error)> done);
    // The session whose log the pane shows ("" = none).
    QString followedSession() const { return m_followed; }
    // Tests narrow the list to their own containers.
    void setLabelFilter(const QStringList& labels);

public Q_SLOTS:
    void refresh();
    void openSelected();
    void showLogsOfSelected();
    void shellInSelected();
    void stopSelected();
    void copyUrlOfSelected();

Q_SIGNALS:
    void refreshed();
    void stopped(const QString& id, const sagedock::util::Error& error);

private:
    const launch::Session* selected() const;
    void rebuildClient();
    void updateButtons();
    void followSelectedLog();
    void stopFollowing();

    AppContext& m_context;
    QStringList m_labels;
    std::shared_ptr<engine::Client> m_engine; // the services' client; null: endpoint unusable
    QPointer<launch::SessionStore> m_store;
    SessionModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QTreeView* m_view = nullptr;
    QPushButton* m_open = nullptr;
    QPushButton* m_logs = nullptr;
    QPushButton* m_shell = nullptr;
    QPushButton* m_stop = nullptr;
    QPushButton* m_copyUrl = nullptr;
    QWidget* m_emptyState = nullptr;
    QString m_followed;
    QLabel* m_message = nullptr;
    QLineEdit* m_command = nullptr;
    QPlainTextEdit* m_logView = nullptr;
    QPointer<engine::LogStream> m_logStream;
};

} // namespace sagedock::app
