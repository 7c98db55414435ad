#include "pages/sessionspage.h"

#include "appcontext.h"
#include "engine/engineclient.h"
#include "engine/enginejobs.h"
#include "launch/desktop.h"
#include "models/sessionmodel.h"
#include "widgets/emptystate.h"
#include "widgets/listview.h"
#include "widgets/readyrow.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>
#include <memory>

#include <unistd.h>

namespace sagedock::app {

SessionsPage::SessionsPage(AppContext& context, QWidget* parent)
    : QWidget(parent)
    , m_context(context) {
    m_model = new SessionModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SessionModel::SortRole);

    auto* layout = new QVBoxLayout(this);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    auto* listArea = new QWidget(splitter);
    auto* listLayout = new QVBoxLayout(listArea);
    listLayout->setContentsMargins(0, 0, 0, 0);
    m_view = newListView(QStringLiteral("sessionView"), m_proxy, listArea);
    auto* empty = new EmptyState(tr("No sessions are running: pick a SageMath version on the Launch page "
                                    "and press Launch."),
                                 tr("Go to Launch"), listArea);
    empty->setObjectName(QStringLiteral("sessionsEmptyState"));
    connect(empty, &EmptyState::activated, this, [this] { m_context.requestPage(QStringLiteral("launch")); });
    m_emptyState = empty;
    listLayout->addWidget(m_view);
    listLayout->addWidget(m_emptyState);
    m_logView = new QPlainTextEdit(splitter);
    m_logView->setObjectName(QStringLiteral("logView"));
    m_logView->setReadOnly(true);
    m_logView->setMaximumBlockCount(5000);
    m_logView->setPlaceholderText(tr("Select a session to follow its output here."));
    layout->addWidget(splitter, 1);

    auto* buttons = new QHBoxLayout;
    const auto button = [&](const QString& text, const char* name) {
        auto* b = new QPushButton(text, this);
        b->setObjectName(QString::fromLatin1(name));
        buttons->addWidget(b);
        return b;
    };
    m_open = button(tr("&Open"), "openButton");
    m_logs = button(tr("&Logs"), "logsButton");
    m_shell = button(tr("&Shell"), "shellButton");
    m_stop = button(tr("S&top"), "stopButton");
    m_copyUrl = button(tr("&Copy URL"), "copyUrlButton");
    auto* refreshButton = button(tr("&Refresh"), "refreshButton");
    buttons->addStretch(1);
    layout->addLayout(buttons);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_message->setWordWrap(true);
    m_command = new QLineEdit(this);
    m_command->setObjectName(QStringLiteral("shellCommandEdit"));
    m_command->setReadOnly(true);
    m_command->setVisible(false);
    layout->addWidget(m_message);
    layout->addWidget(m_command);

    connect(m_open, &QPushButton::clicked, this, &SessionsPage::openSelected);
    connect(m_logs, &QPushButton::clicked, this, &SessionsPage::showLogsOfSelected);
    connect(m_shell, &QPushButton::clicked, this, &SessionsPage::shellInSelected);
    connect(m_stop, &QPushButton::clicked, this, &SessionsPage::stopSelected);
    connect(m_copyUrl, &QPushButton::clicked, this, &SessionsPage::copyUrlOfSelected);
    connect(refreshButton, &QPushButton::clicked, this, &SessionsPage::refresh);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateButtons();
        followSelectedLog();
    });
    connect(m_view, &QTreeView::doubleClicked, this, &SessionsPage::openSelected);
    connect(&m_context, &AppContext::settingsChanged, this, [this] {
        rebuildClient();
        refresh();
    });
    auto* uptime = new QTimer(this);
    uptime->setInterval(30000);
    connect(uptime, &QTimer::timeout, this, [this] { m_model->setNow(QDateTime::currentDateTimeUtc()); });
    uptime->start();

    rebuildClient();
    updateButtons();
    QTimer::singleShot(0, this, &SessionsPage::refresh);
}

SessionsPage::~SessionsPage() {
    delete m_logStream.data();
}

void SessionsPage::rebuildClient() {
    stopFollowing();
    delete m_store.data();
    m_engine = m_context.services().engine();
    if (!m_engine) {
        m_message->setText(tr("Error: %1").arg(m_context.services().engineError().toString()));
        return;
    }
    m_store = new launch::SessionStore(m_engine.get(), this);
    m_store->setLabelFilter(m_labels);
    connect(m_store, &launch::SessionStore::sessionsChanged, this, [this](const QList<launch::Session>& all) {
        const QString current = selected() ? selected()->id : QString();
        m_model->setSessions(all);
        for (int r = 0; r < m_proxy->rowCount(); ++r)
            if (m_proxy->data(m_proxy->index(r, 0), SessionModel::IdRole).toString() == current)
                m_view->setCurrentIndex(m_proxy->index(r, 0));
        // A session that is gone takes its log with it: the pane never shows a removed session.
        const bool followedGone = std::none_of(
            all.cbegin(), all.cend(), [this](const launch::Session& s) { return s.id == m_followed; });
        if (!m_followed.isEmpty() && followedGone)
            stopFollowing();
        m_emptyState->setVisible(all.isEmpty());
        m_view->setVisible(!all.isEmpty());
        updateButtons();
        Q_EMIT refreshed();
    });
    connect(m_store, &launch::SessionStore::errorOccurred, this,
            [this](const util::Error& e) { m_message->setText(tr("Error: %1").arg(e.toString())); });
    m_store->watch();
}

void SessionsPage::setLabelFilter(const QStringList& labels) {
    m_labels = labels;
    if (m_store)
        m_store->setLabelFilter(labels);
    refresh();
}

void SessionsPage::refresh() {
    if (m_store)
        m_store->refresh();
}

const launch::Session* SessionsPage::selected() const {
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return nullptr;
    return m_model->sessionAt(m_proxy->mapToSource(current).row());
}

void SessionsPage::updateButtons() {
    const launch::Session* s = selected();
    m_open->setEnabled(s && s->isRunning() && !s->url.isEmpty());
    m_copyUrl->setEnabled(s && s->isRunning() && !s->url.isEmpty());
    m_logs->setEnabled(s != nullptr);
    m_shell->setEnabled(s && s->isRunning());
    m_stop->setEnabled(s != nullptr);
}

void SessionsPage::openSelected() {
    const launch::Session* s = selected();
    if (!s || s->url.isEmpty())
        return;
    if (!QDesktopServices::openUrl(s->url))
        m_message->setText(ReadyRow::noBrowserText());
}

void SessionsPage::copyUrlOfSelected() {
    if (const launch::Session* s = selected(); s && !s->url.isEmpty()) {
        QGuiApplication::clipboard()->setText(s->url.toString());
        m_message->setText(tr("Copied the address of %1.").arg(s->name));
    }
}

QList<launch::Session> SessionsPage::runningSessions() const {
    QList<launch::Session> running;
    for (const launch::Session& s : m_model->sessions())
        if (s.isRunning() && (s.owner < 0 || s.isOwnedBy(::getuid())))
            running << s;
    return running;
}

void SessionsPage::stopSessions(const QList<launch::Session>& sessions,
                                std::function<void(util::Error)> done) {
    if (!m_store || sessions.isEmpty()) {
        done({});
        return;
    }
    auto pending = std::make_shared<int>(int(sessions.size()));
    auto firstError = std::make_shared<util::Error>();
    for (const launch::Session& s : sessions)
        m_store->stop(s.id, m_context.settings().keepContainersOnStop(), this,
                      [pending, firstError, done](util::Error e) {
                          if (e && !*firstError)
                              *firstError = e;
                          if (--*pending == 0)
                              done(*firstError);
                      });
}

void SessionsPage::stopFollowing() {
    delete m_logStream.data();
    m_followed.clear();
    m_logView->clear();
}

void SessionsPage::showLogsOfSelected() {
    followSelectedLog();
}

void SessionsPage::followSelectedLog() {
    const launch::Session* s = selected();
    if (s && s->id == m_followed && m_logStream)
        return;
    stopFollowing();
    if (!s || !m_engine)
        return;
    m_followed = s->id;
    m_logStream = m_engine->followLogs(s->id, false, 500);
    m_logStream->setParent(this);
    connect(m_logStream, &engine::LogStream::line, this,
            [this](const QByteArray& line, bool) { m_logView->appendPlainText(QString::fromUtf8(line)); });
    connect(m_logStream, &util::Job::finished, this, [this](const util::Error& e) {
        if (e && e.code != util::ErrorCode::Cancelled)
            m_logView->appendPlainText(tr("[log ended: %1]").arg(e.toString()));
        else if (!e)
            m_logView->appendPlainText(tr("[the container stopped]"));
    });
}

void SessionsPage::shellInSelected() {
    const launch::Session* s = selected();
    if (!s)
        return;
    const QStringList command = s->execCommand();
    const QStringList argv = launch::terminalArgv(command, m_context.settings().terminalCommand());
    // Always show the command too: it can be pasted into any terminal.
    m_command->setText(command.join(QLatin1Char(' ')));
    m_command->setVisible(true);
    m_command->selectAll();
    const QString noTerminal =
        tr("No terminal emulator found ($TERMINAL, x-terminal-emulator, gnome-terminal, konsole, "
           "xterm). Copy this command into a terminal:");
    util::ProcessJob* terminal = launch::startDetached(argv, this);
    if (!terminal) {
        m_message->setText(noTerminal);
        return;
    }
    const QString opened = tr("Opened a shell in %1 with %2.").arg(s->name, argv.first());
    connect(terminal, &util::Job::finished, this, [this, terminal, opened, noTerminal](const util::Error& e) {
        m_message->setText(e ? noTerminal : opened);
        terminal->deleteLater();
    });
}

void SessionsPage::stopSelected() {
    const launch::Session* s = selected();
    if (!s || !m_store)
        return;
    const QString id = s->id;
    const QString name = s->name;
    m_stop->setEnabled(false);
    m_message->setText(tr("Stopping %1…").arg(name));
    m_store->stop(id, m_context.settings().keepContainersOnStop(), this, [this, id, name](util::Error e) {
        m_message->setText(e ? tr("Error: %1").arg(e.toString()) : tr("Stopped %1.").arg(name));
        Q_EMIT stopped(id, e);
        refresh();
    });
}

} // namespace sagedock::app
