#include "pages/launchpage.h"

#include "appcontext.h"
#include "dialogs/samefoldercheck.h"
#include "engine/engineclient.h"
#include "engine/enginejobs.h"
#include "models/releasemodel.h"
#include "registry/registryclient.h"
#include "widgets/listview.h"
#include "widgets/notebooksfolderrow.h"
#include "widgets/readyrow.h"

#include <QApplication>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace sagedock::app {

LaunchPage::LaunchPage(AppContext& context, QWidget* parent)
    : QWidget(parent)
    , m_context(context) {
    m_model = new ReleaseModel(this);
    m_model->setRepository(m_repository);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ReleaseModel::SortRole);

    auto* layout = new QVBoxLayout(this);
    auto* intro =
        new QLabel(tr("Pick a SageMath version and press Launch: SageDock downloads it if needed, starts "
                      "Jupyter and opens it in your browser. Your notebooks stay in the folder below."),
                   this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_view = newListView(QStringLiteral("releaseView"), m_proxy, this);
    m_view->sortByColumn(ReleaseModel::TagColumn, Qt::AscendingOrder);
    layout->addWidget(m_view, 1);

    m_folder = new NotebooksFolderRow(m_context, this);
    layout->addWidget(m_folder);

    auto* actionRow = new QHBoxLayout;
    m_openBrowser = new QCheckBox(tr("Open in the &browser when ready"), this);
    m_openBrowser->setObjectName(QStringLiteral("openBrowserCheck"));
    m_openBrowser->setChecked(m_context.settings().openBrowser());
    m_launch = new QPushButton(tr("&Launch"), this);
    m_launch->setObjectName(QStringLiteral("launchButton"));
    m_launch->setMinimumHeight(48);
    QFont big = m_launch->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    m_launch->setFont(big);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setVisible(false);
    actionRow->addWidget(m_openBrowser);
    actionRow->addStretch(1);
    actionRow->addWidget(m_cancel);
    actionRow->addWidget(m_launch, 2);
    layout->addLayout(actionRow);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("pullProgress"));
    m_progress->setVisible(false);
    m_layers = new QLabel(this);
    m_layers->setObjectName(QStringLiteral("layersLabel"));
    m_layers->setWordWrap(true);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
    layout->addWidget(m_progress);
    layout->addWidget(m_layers);
    layout->addWidget(m_message);

    m_ready = new ReadyRow(this);
    layout->addWidget(m_ready);
    connect(m_ready, &ReadyRow::noBrowser, this, [this](const QString& text) { setMessage(text, true); });
    m_sameFolder = new SameFolderCheck(this);
    connect(m_sameFolder, &SameFolderCheck::busyChanged, this, &LaunchPage::updateButtons);

    connect(m_launch, &QPushButton::clicked, this, &LaunchPage::launchSelected);
    connect(m_cancel, &QPushButton::clicked, this, &LaunchPage::cancelLaunch);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &LaunchPage::updateButtons);
    connect(m_view, &QTreeView::doubleClicked, this, &LaunchPage::launchSelected);
    connect(&m_context, &AppContext::settingsChanged, this, [this] {
        rebuildClients();
        refresh();
    });
    rebuildClients();
    updateButtons();
    refresh();
}

LaunchPage::~LaunchPage() {
    delete m_launcher.data();
}

void LaunchPage::rebuildClients() {
    if (m_launcher)
        return; // a launch in flight keeps its client; the next refresh picks up new settings
    m_engine = m_context.services().engine();
    m_registry = m_context.services().registry();
    delete m_sessions.data();
    if (m_engine)
        m_sessions = new launch::SessionStore(m_engine.get(), this);
}

void LaunchPage::setRepository(const QString& repository) {
    m_repository = repository;
    m_model->setRepository(repository);
    refresh();
}

void LaunchPage::refresh() {
    // Two independent halves: the registry's tags and the engine's images. Either may fail.
    m_model->setRemoteTags({});
    const quint64 generation = ++m_generation;
    auto repo = registry::Repository::parse(m_repository);
    if (repo.ok() && m_registry) {
        registry::TagsJob* job = m_registry->listTags(repo.value());
        job->setParent(this);
        ++m_pending;
        connect(job, &registry::Job::finished, this, [this, job, generation] {
            --m_pending;
            job->deleteLater();
            if (generation != m_generation)
                return;
            if (job->error()) {
                setMessage(
                    tr("The list of versions could not be fetched (%1). Versions already on this computer "
                       "are shown.")
                        .arg(job->error().toString()),
                    false);
                return;
            }
            m_model->setRemoteTags(job->result().tags);
            updateButtons();
        });
    }
    if (m_engine) {
        ++m_pending;
        m_engine->listImages(m_repository, this,
                             [this, generation](util::Result<QList<engine::ImageSummary>> r) {
                                 --m_pending;
                                 if (generation != m_generation)
                                     return;
                                 if (!r.ok()) {
                                     setMessage(r.error().toString(), true);
                                     return;
                                 }
                                 m_model->setLocalImages(r.value());
                                 if (!m_view->currentIndex().isValid() && m_proxy->rowCount() > 0)
                                     m_view->setCurrentIndex(m_proxy->index(0, 0));
                                 updateButtons();
                             });
    }
}

void LaunchPage::updateButtons() {
    const bool busy = !m_launcher.isNull() || m_sameFolder->busy();
    m_launch->setEnabled(!busy && m_view->currentIndex().isValid() && m_engine);
    m_cancel->setVisible(busy);
    m_view->setEnabled(!busy);
}

void LaunchPage::setMessage(const QString& text, bool error) {
    // Text says it is an error; the colour only repeats it.
    m_message->setText(error ? tr("Error: %1").arg(text) : text);
    m_message->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
}

void LaunchPage::launchSelected() {
    if (m_launcher || m_sameFolder->busy() || !m_engine)
        return;
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return;
    launch::LaunchOptions options;
    options.image = m_proxy->data(current, ReleaseModel::ImageRole).toString();
    options.notebooksFolder = m_folder->commit();
    options.preferredPort = m_context.settings().jupyterPort();
    options.publishOnAllInterfaces = m_context.settings().publishOnAllInterfaces();
    options.readyTimeoutMs = m_context.settings().jupyterReadyTimeoutSeconds() * 1000;
    options.extraLabels = m_extraLabels;
    m_context.settings().setOpenBrowser(m_openBrowser->isChecked());
    m_sameFolder->run(m_sessions, options,
                      [this, options](SameFolderCheck::Decision d, const launch::Session& running) {
                          if (d == SameFolderCheck::Decision::Launch) {
                              startLaunch(options);
                          } else if (d == SameFolderCheck::Decision::OpenExisting) {
                              m_status->setText(tr("Ready"));
                              setMessage(tr("Opened the running session %1.").arg(running.name), false);
                              m_ready->setSession(running, m_openBrowser->isChecked());
                          }
                      });
}

void LaunchPage::startLaunch(const launch::LaunchOptions& options) {
    if (m_launcher || !m_engine)
        return;
    m_ready->clear();
    m_layers->clear();
    setMessage({}, false);
    m_progress->setVisible(false);

    m_launcher = new launch::Launcher(m_engine.get(), options, this);
    connect(m_launcher, &launch::Launcher::stateChanged, this, [this](launch::Launcher::State s) {
        m_status->setText(launch::Launcher::stateText(s));
        m_progress->setVisible(s == launch::Launcher::State::Pulling);
        if (s != launch::Launcher::State::Pulling)
            m_layers->clear();
    });
    connect(m_launcher, &launch::Launcher::pullProgress, this, &LaunchPage::showProgress);
    connect(m_launcher, &launch::Launcher::finished, this, [this](const util::Error& e) {
        launch::Launcher* job = m_launcher;
        m_launcher = nullptr;
        job->deleteLater();
        m_progress->setVisible(false);
        if (e) {
            m_status->setText(e.code == util::ErrorCode::Cancelled ? tr("Cancelled") : tr("Failed"));
            if (e.code != util::ErrorCode::Cancelled)
                setMessage(e.toString(), true);
        } else {
            const launch::Session session = job->result();
            if (session.isShell()) {
                m_status->setText(tr("Ready: a shell session"));
                setMessage(session.reason + QLatin1Char(' ') +
                               tr("Open it from the Sessions page, or run: %1")
                                   .arg(session.cliShellCommand().join(QLatin1Char(' '))),
                           false);
            } else {
                m_status->setText(tr("Ready"));
                m_ready->setSession(session, m_openBrowser->isChecked());
            }
            Q_EMIT sessionReady(session);
            refresh(); // the image is local now
        }
        updateButtons();
    });
    updateButtons();
    m_launcher->start();
    Q_EMIT launchStarted();
}

void LaunchPage::showProgress() {
    const engine::PullJob* pull = m_launcher ? m_launcher->pullJob() : nullptr;
    if (!pull)
        return;
    const engine::PullProgressView view =
        engine::describePull(pull->progress(), pull->bytesPerSecond(), pull->etaSeconds());
    m_progress->setRange(0, view.barMaximum);
    m_progress->setValue(view.barValue);
    m_layers->setText(view.text());
}

void LaunchPage::cancelLaunch() {
    if (m_launcher)
        m_launcher->cancel();
}

} // namespace sagedock::app
