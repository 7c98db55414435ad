#pragma once
// Launch page (casual users): pick a SageMath release (Docker Hub tags newest first, latest/develop
// marked, what is already downloaded and its size; offline it lists local images), choose the
// notebooks folder, press Launch: pull progress (bytes, layers, ETA, Cancel) → "Starting Jupyter…"
// → Ready with Open and Copy URL. The browser opens by itself unless turned off; when none can be
// started the page says so next to Copy URL. A folder that already has a running session is not
// launched twice by accident: the page offers to open that session or start another on purpose.

#include "launch/launcher.h"
#include "launch/sessionstore.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class QCheckBox;
class QLabel;
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

namespace sagedock::app {

class AppContext;
class NotebooksFolderRow;
class ReadyRow;
class ReleaseModel;
class SameFolderCheck;

class LaunchPage : public QWidget {
    Q_OBJECT
public:
    explicit LaunchPage(AppContext& context, QWidget* parent = nullptr);
    ~LaunchPage() override;

    // The Docker Hub repository whose tags are offered (default "sagemath/sagemath").
    void setRepository(const QString& repository);
    ReleaseModel* model() const { return m_model; }
    launch::Launcher* launcher() const { return m_launcher; }
    // Extra labels for launched containers (tests mark theirs).
    void setExtraLabels(const QMap<QString, QString>& labels) { m_extraLabels = labels; }

public Q_SLOTS:
    void refresh();
    void launchSelected();
    void cancelLaunch();

Q_SIGNALS:
    void sessionReady(const sagedock::launch::Session& session);
    // A Launcher was created and started (after the same-folder check); launcher() is it.
    void launchStarted();

private:
    void rebuildClients();
    void updateButtons();
    void showProgress();
    void setMessage(const QString& text, bool error);
    void startLaunch(const launch::LaunchOptions& options);

    AppContext& m_context;
    QString m_repository = QStringLiteral("sagemath/sagemath");
    QMap<QString, QString> m_extraLabels;
    std::shared_ptr<engine::Client> m_engine; // the services' clients; null: endpoint unusable
    std::shared_ptr<registry::Client> m_registry;
    ReleaseModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QTreeView* m_view = nullptr;
    NotebooksFolderRow* m_folder = nullptr;
    QCheckBox* m_openBrowser = nullptr;
    QPushButton* m_launch = nullptr;
    QPushButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_layers = nullptr;
    QLabel* m_message = nullptr;
    ReadyRow* m_ready = nullptr;
    QPointer<launch::Launcher> m_launcher;
    QPointer<launch::SessionStore> m_sessions; // which folders already have a running session
    SameFolderCheck* m_sameFolder = nullptr;
    int m_pending = 0;
    quint64 m_generation = 0; // answers of an older refresh (another repository) are ignored
};

} // namespace sagedock::app
