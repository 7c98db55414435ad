#include "pages/reviewpage.h"

#include "appcontext.h"
#include "dialogs/samefoldercheck.h"
#include "engine/engineclient.h"
#include "engine/enginejobs.h"
#include "launch/desktop.h"
#include "matrix/queryrequest.h"
#include "matrix/refreshjob.h"
#include "models/reviewimagemodel.h"
#include "reference/query.h"
#include "registry/registryclient.h"
#include "widgets/emptystate.h"
#include "widgets/listview.h"
#include "widgets/notebooksfolderrow.h"
#include "widgets/readyrow.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

#include <memory>

namespace sagedock::app {

ReviewPage::ReviewPage(AppContext& context, QWidget* parent)
    : QWidget(parent)
    , m_context(context) {
    m_model = new ReviewImageModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ReviewImageModel::SortRole);

    auto* layout = new QVBoxLayout(this);
    auto* queryRow = new QHBoxLayout;
    auto* label = new QLabel(tr("&PR, branch, tag or image:"), this);
    m_query = new QLineEdit(this);
    m_query->setObjectName(QStringLiteral("queryEdit"));
    m_query->setPlaceholderText(
        tr("41000, u/jdoe/fix-matrix, 10.8.beta6 or ghcr.io/sagemath/sage/sage-…:dev"));
    label->setBuddy(m_query);
    auto* look = new QPushButton(tr("&Look up"), this);
    look->setObjectName(QStringLiteral("lookUpButton"));
    queryRow->addWidget(label);
    queryRow->addWidget(m_query, 1);
    queryRow->addWidget(look);
    layout->addLayout(queryRow);
    m_resolved = new QLabel(this);
    m_resolved->setObjectName(QStringLiteral("resolvedLabel"));
    m_resolved->setWordWrap(true);
    layout->addWidget(m_resolved);

    m_view = newListView(QStringLiteral("imageView"), m_proxy, this);
    layout->addWidget(m_view, 1);
    // Over the list's empty area, so the list (and its header) keeps its layout and sorting.
    auto* empty =
        new EmptyState(tr("Type a pull request number, branch, tag or image above, then look it up to "
                          "list the images you can open."),
                       tr("&Look up"), m_view->viewport());
    empty->setObjectName(QStringLiteral("reviewEmptyState"));
    (new QVBoxLayout(m_view->viewport()))->addWidget(empty);
    connect(empty, &EmptyState::activated, this, [this] {
        if (m_query->text().trimmed().isEmpty())
            m_query->setFocus();
        else
            lookUp();
    });
    const auto showEmpty = [this, empty] { empty->setVisible(m_model->rowCount() == 0); };
    connect(m_model, &QAbstractItemModel::modelReset, this, showEmpty);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, showEmpty);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, showEmpty);
    showEmpty();

    m_folder = new NotebooksFolderRow(m_context, this);
    layout->addWidget(m_folder);

    auto* actions = new QHBoxLayout;
    m_jupyter = new QPushButton(tr("Open in &Jupyter"), this);
    m_jupyter->setObjectName(QStringLiteral("jupyterButton"));
    m_shell = new QPushButton(tr("Open a &shell"), this);
    m_shell->setObjectName(QStringLiteral("shellButton"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setVisible(false);
    actions->addWidget(m_jupyter);
    actions->addWidget(m_shell);
    actions->addWidget(m_cancel);
    actions->addStretch(1);
    layout->addLayout(actions);
    m_progress = new QProgressBar(this);
    m_progress->setVisible(false);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_command = new QLineEdit(this);
    m_command->setObjectName(QStringLiteral("shellCommandEdit"));
    m_command->setReadOnly(true);
    m_command->setVisible(false);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    m_ready = new ReadyRow(this);
    layout->addWidget(m_ready);
    layout->addWidget(m_command);
    connect(m_ready, &ReadyRow::noBrowser, m_status, &QLabel::setText);
    m_sameFolder = new SameFolderCheck(this);
    connect(m_sameFolder, &SameFolderCheck::busyChanged, this, [this](bool busy) {
        m_jupyter->setEnabled(!busy);
        m_shell->setEnabled(!busy);
    });

    connect(look, &QPushButton::clicked, this, &ReviewPage::lookUp);
    connect(m_query, &QLineEdit::returnPressed, this, &ReviewPage::lookUp);
    connect(m_jupyter, &QPushButton::clicked, this, &ReviewPage::openJupyter);
    connect(m_shell, &QPushButton::clicked, this, &ReviewPage::openShell);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_launcher)
            m_launcher->cancel();
    });
    connect(&m_context, &AppContext::settingsChanged, this, &ReviewPage::rebuildClients);
    rebuildClients();
}

ReviewPage::~ReviewPage() {
    delete m_launcher.data();
    delete m_refresh.data(); // before the registry client it uses
}

void ReviewPage::rebuildClients() {
    if (m_launcher)
        return;
    delete m_refresh.data();
    m_engine = m_context.services().engine();
    m_registry = m_context.services().registry();
    delete m_sessions.data();
    if (m_engine)
        m_sessions = new launch::SessionStore(m_engine.get(), this);
}

void ReviewPage::review(const QString& query) {
    m_query->setText(query);
    lookUp();
}

void ReviewPage::lookUp() {
    m_model->clear();
    m_status->clear();
    auto q = reference::Query::resolve(m_query->text());
    if (!q.ok()) {
        m_resolved->setText(tr("Error: %1").arg(q.error().toString()));
        return;
    }
    if (q->kind == reference::Query::Kind::Image && !q->sageName) {
        // Any image reference: offer just that one.
        m_resolved->setText(tr("Image %1").arg(q->image.familiar()));
        m_model->addImage({q->image.familiar(), {}, {}, {}, -1, {}});
        m_view->setCurrentIndex(m_proxy->index(0, 0));
        return;
    }
    // A Sage stage image brings its own prefix, system and package set; otherwise the preferences'.
    const util::Settings& settings = m_context.settings();
    matrix::QuerySelection selection;
    selection.base.repositoryPrefix = settings.matrixRepository();
    selection.base.packages = {settings.matrixPackages()};
    const auto request = matrix::matrixRequestForQuery(q.value(), selection);
    m_resolved->setText(tr("%1 → images tagged %2 in %3")
                            .arg(reference::Query::kindName(q->kind), q->tag,
                                 request.ok() ? request->repositoryPrefix : settings.matrixRepository()));
    if (!request.ok()) {
        m_status->setText(tr("Error: %1").arg(request.error().toString()));
        return;
    }
    findImages(request.value());
}

void ReviewPage::findImages(const matrix::MatrixRequest& request) {
    delete m_refresh.data(); // a look-up still running is abandoned: it reports nothing more
    if (const util::Error e = request.normalized().validate()) {
        m_status->setText(tr("Error: %1").arg(e.toString()));
        return;
    }
    auto* job = new matrix::RefreshJob(*m_registry, request, this);
    m_refresh = job;
    // Errors arrive per cell (an unknown CA fails every one): the first is shown when nothing was found.
    auto firstError = std::make_shared<util::Error>();
    connect(job, &matrix::RefreshJob::cellChanged, this, [this, job, firstError](int row, int column) {
        const matrix::Row& r = job->snapshot().rows.at(row);
        const matrix::Cell& c = r.cells.at(column);
        if (c.status == matrix::CellStatus::Present)
            m_model->addImage({c.image, r.system, r.packages, c.stage, c.size, c.created});
        else if (c.status == matrix::CellStatus::Error && !*firstError)
            *firstError = c.error;
    });
    connect(job, &util::Job::progressChanged, this, [this, job] {
        m_progress->setVisible(job->processed() < job->total());
        m_progress->setRange(0, int(job->total()));
        m_progress->setValue(int(job->processed()));
    });
    connect(job, &util::Job::finished, this, [this, firstError](const util::Error& e) {
        m_progress->setVisible(false);
        if (e && e.code != util::ErrorCode::Cancelled)
            m_status->setText(tr("Error: %1").arg(e.toString()));
        else if (!e && m_model->rowCount() == 0 && *firstError)
            m_status->setText(tr("Error: %1").arg(firstError->toString()));
        else if (!e)
            m_status->setText(tr("%n image(s) found.", nullptr, m_model->rowCount()));
    });
    job->start();
}

void ReviewPage::openJupyter() {
    start(false);
}

void ReviewPage::openShell() {
    start(true);
}

void ReviewPage::start(bool shell) {
    if (m_launcher || m_sameFolder->busy() || !m_engine)
        return;
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid()) {
        m_status->setText(tr("Pick an image first."));
        return;
    }
    launch::LaunchOptions options;
    options.image = m_proxy->data(current, ReviewImageModel::ImageRole).toString();
    options.shell = shell;
    options.notebooksFolder = m_folder->commit();
    options.preferredPort = m_context.settings().jupyterPort();
    options.publishOnAllInterfaces = m_context.settings().publishOnAllInterfaces();
    options.readyTimeoutMs = m_context.settings().jupyterReadyTimeoutSeconds() * 1000;
    options.extraLabels = m_extraLabels;
    m_sameFolder->run(m_sessions, options,
                      [this, options](SameFolderCheck::Decision d, const launch::Session& running) {
                          if (d == SameFolderCheck::Decision::Launch) {
                              startLaunch(options);
                          } else if (d == SameFolderCheck::Decision::OpenExisting) {
                              m_status->setText(tr("Jupyter is ready: %1").arg(running.url.toString()));
                              m_ready->setSession(running, m_context.settings().openBrowser());
                          }
                      });
}

void ReviewPage::startLaunch(const launch::LaunchOptions& options) {
    if (m_launcher || !m_engine)
        return;
    m_command->setVisible(false);
    m_ready->clear();
    m_launcher = new launch::Launcher(m_engine.get(), options, this);
    m_cancel->setVisible(true);
    connect(m_launcher, &launch::Launcher::stateChanged, this,
            [this](launch::Launcher::State s) { m_status->setText(launch::Launcher::stateText(s)); });
    connect(m_launcher, &launch::Launcher::pullProgress, this, [this] {
        if (const engine::PullJob* p = m_launcher ? m_launcher->pullJob() : nullptr) {
            const engine::PullProgressView view =
                engine::describePull(p->progress(), p->bytesPerSecond(), p->etaSeconds());
            m_progress->setVisible(true);
            m_progress->setFormat(view.unpacking ? tr("Unpacking %p%") : QStringLiteral("%p%"));
            m_progress->setRange(0, view.barMaximum);
            m_progress->setValue(view.barValue);
        }
    });
    connect(m_launcher, &launch::Launcher::finished, this, [this](const util::Error& e) {
        launch::Launcher* job = m_launcher;
        m_launcher = nullptr;
        job->deleteLater();
        m_cancel->setVisible(false);
        m_progress->setVisible(false);
        if (e) {
            m_status->setText(tr("Error: %1").arg(e.toString()));
            return;
        }
        const launch::Session s = job->result();
        Q_EMIT sessionReady(s);
        if (!s.isShell()) {
            m_status->setText(tr("Jupyter is ready: %1").arg(s.url.toString()));
            m_ready->setSession(s, m_context.settings().openBrowser());
            return;
        }
        const QStringList command = s.execCommand();
        m_command->setText(command.join(QLatin1Char(' ')));
        m_command->setVisible(true);
        const QStringList argv = launch::terminalArgv(command, m_context.settings().terminalCommand());
        const QString why = s.reason.isEmpty() ? QString() : s.reason + QLatin1Char(' ');
        const QString noTerminal = why + tr("No terminal emulator found; run this command in a terminal:");
        util::ProcessJob* terminal = launch::startDetached(argv, this);
        if (!terminal) {
            m_status->setText(noTerminal);
            return;
        }
        const QString opened = why + tr("A shell opened in %1.").arg(argv.first());
        connect(terminal, &util::Job::finished, this,
                [this, terminal, opened, noTerminal](const util::Error& e) {
                    m_status->setText(e ? noTerminal : opened);
                    terminal->deleteLater();
                });
    });
    m_launcher->start();
    Q_EMIT launchStarted();
}

} // namespace sagedock::app
