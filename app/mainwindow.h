#pragma once
// The main window: a navigation list on the left, the pages on the right, the engine status in the
// status bar (and a warning there when the Extra CA certificates file cannot be used), Preferences
// and About in the menus. Pages come from createPages() (app/pages.cpp).
// Quitting (or a session-manager logout) with Jupyter sessions running asks whether to keep them
// running (found again on the next start) or stop them; nothing is stopped unasked. A logout whose
// session manager allows no interaction keeps them running (the default answer).

#include <QMainWindow>
#include <QPointer>

class QLabel;
class QListWidget;
class QMessageBox;
class QSessionManager;
class QStackedWidget;

namespace sagedock::app {

class AppContext;
class EngineStatusWidget;
class SessionsPage;

// What the logout handler needs of a QSessionManager, which only Qt can construct: the app adapts the
// real one (commitDataRequest), tests pass their own.
class LogoutRequest {
public:
    virtual ~LogoutRequest() = default;
    virtual bool allowsInteraction() = 0; // may ask the user now
    virtual void release() = 0;           // done asking
    virtual void cancel() = 0;            // the user cancelled the logout
};

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(AppContext& context, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Shows the page with this id ("matrix", "launch", ...); false if there is none.
    bool showPage(const QString& id);
    QString currentPageId() const;
    EngineStatusWidget* engineStatus() const { return m_engineStatus; }
    // The session manager's commit-data phase of a logout (QGuiApplication::commitDataRequest):
    // asks keep/stop like Quit (modal: the session manager waits for the answer), waits for the stops,
    // and cancels the logout on Cancel or when a session could not be stopped.
    void handleLogout(LogoutRequest& request);

public Q_SLOTS:
    void openPreferences();
    void openAbout();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    SessionsPage* sessionsPage() const;
    // Keep running / Stop them / Cancel about `count` running sessions (objectName quitSessionsDialog,
    // buttons keepSessionsButton and stopSessionsButton).
    QMessageBox* newQuitQuestion(qsizetype count);
    void askAboutSessions();
    void onCommitDataRequest(QSessionManager& manager);
    // Reads the Extra CA certificates file on the thread pool; a problem shows in caWarningLabel.
    void checkExtraCa();

    AppContext& m_context;
    QListWidget* m_navigation = nullptr;
    QStackedWidget* m_stack = nullptr;
    EngineStatusWidget* m_engineStatus = nullptr;
    QLabel* m_caWarning = nullptr;
    QPointer<QObject> m_caCheck; // the check running; a newer one replaces it
    QStringList m_pageIds;
    bool m_quitDecided = false; // the user answered the question: close for real
    QMessageBox* m_quitQuestion = nullptr;
};

} // namespace sagedock::app
