#pragma once
// Review page (reviewers): a box that takes a PR number, branch, tag or image reference; shows the
// platform images Sage's CI pushed for it (from the registry: system, packages, stage, size,
// created); pick one → pull → Jupyter (stages from with-targets on) or a shell, with the notebooks
// folder row the Launch page has too. Jupyter on a folder that already has a running session offers
// that session first (or another on purpose), as the Launch page does; once ready the page shows the
// URL with Open and Copy URL, and says so when no browser can be started. A shell opens in the user's
// terminal emulator running `docker exec -it … bash`, or the command is shown to copy.

#include "launch/launcher.h"
#include "launch/sessionstore.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTreeView;

namespace sagedock::engine {
class Client;
}
namespace sagedock::registry {
class Client;
}
namespace sagedock::matrix {
class RefreshJob;
struct MatrixRequest;
} // namespace sagedock::matrix

namespace sagedock::app {

class AppContext;
class NotebooksFolderRow;
class ReadyRow;
class ReviewImageModel;
class SameFolderCheck;

class ReviewPage : public QWidget {
    Q_OBJECT
public:
    explicit ReviewPage(AppContext& context, QWidget* parent = nullptr);
    ~ReviewPage() override;

    ReviewImageModel* model() const { return m_model; }
    launch::Launcher* launcher() const { return m_launcher; }
    // Extra labels for launched containers (tests mark theirs).
    void setExtraLabels(const QMap<QString, QString>& labels) { m_extraLabels = labels; }

public Q_SLOTS:
    // Puts `image` (or any query) in the box and looks it up, as if the reviewer had typed it.
    void review(const QString& query);
    void lookUp();
    void openJupyter();
    void openShell();

Q_SIGNALS:
    // A Launcher was created and started (after the same-folder check); launcher() is it.
    void launchStarted();
    void sessionReady(const sagedock::launch::Session& session);

private:
    void rebuildClients();
    // Runs the matrix of the query's images; present cells become rows of the image list.
    void findImages(const matrix::MatrixRequest& request);
    void start(bool shell);
    void startLaunch(const launch::LaunchOptions& options);

    AppContext& m_context;
    std::shared_ptr<engine::Client> m_engine; // the services' clients; null: endpoint unusable
    std::shared_ptr<registry::Client> m_registry;
    QPointer<matrix::RefreshJob> m_refresh;
    ReviewImageModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QLineEdit* m_query = nullptr;
    QLabel* m_resolved = nullptr;
    QTreeView* m_view = nullptr;
    NotebooksFolderRow* m_folder = nullptr;
    QPushButton* m_jupyter = nullptr;
    QPushButton* m_shell = nullptr;
    QPushButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QLineEdit* m_command = nullptr;
    ReadyRow* m_ready = nullptr;
    SameFolderCheck* m_sameFolder = nullptr;
    QMap<QString, QString> m_extraLabels;
    QPointer<launch::SessionStore> m_sessions; // which folders already have a running session
    QPointer<launch::Launcher> m_launcher;
};

} // namespace sagedock::app
