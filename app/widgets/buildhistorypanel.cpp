#include "widgets/buildhistorypanel.h"

#include "widgets/emptystate.h"

#include "buildlog/renderers.h"
#include "imagebuild/buildhistory.h"
#include "models/buildhistorymodel.h"
#include "util/job.h"

#include <QCoreApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace sagedock::app {

namespace {
// The tab came from the Builds page: its translation context keeps the translations.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::app::BuildsPage)
};
} // namespace

BuildHistoryPanel::BuildHistoryPanel(QWidget* parent)
    : QWidget(parent)
    , m_path(imagebuild::History::defaultPath()) {
    auto* layout = new QVBoxLayout(this);
    m_model = new BuildHistoryModel(this);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("historyTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_table, 2);
    m_empty =
        new EmptyState(Text::tr("No builds yet: build an image on the Build tab and it is listed here."),
                       Text::tr("Go to Build"), this);
    m_empty->setObjectName(QStringLiteral("historyEmptyState"));
    layout->addWidget(m_empty, 2);
    connect(m_empty, &EmptyState::activated, this, &BuildHistoryPanel::buildRequested);
    const auto showEmpty = [this] {
        const bool empty = m_model->rowCount() == 0;
        m_empty->setVisible(empty);
        m_table->setVisible(!empty);
    };
    connect(m_model, &QAbstractItemModel::modelReset, this, showEmpty);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, showEmpty);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, showEmpty);
    showEmpty();
    auto* buttons = new QHBoxLayout;
    auto* rerun = new QPushButton(Text::tr("Re-run"), this);
    rerun->setObjectName(QStringLiteral("rerunButton"));
    auto* compare = new QPushButton(Text::tr("Compare two builds"), this);
    compare->setObjectName(QStringLiteral("compareButton"));
    auto* showLog = new QPushButton(Text::tr("Show log and diagnosis"), this);
    showLog->setObjectName(QStringLiteral("showLogButton"));
    buttons->addWidget(rerun);
    buttons->addWidget(compare);
    buttons->addWidget(showLog);
    buttons->addStretch();
    layout->addLayout(buttons);
    m_compare = new QPlainTextEdit(this);
    m_compare->setObjectName(QStringLiteral("compareOutput"));
    m_compare->setReadOnly(true);
    layout->addWidget(m_compare, 1);

    connect(rerun, &QPushButton::clicked, this, [this] {
        if (const auto* r = selectedRecord())
            Q_EMIT rerunRequested(*r);
    });
    connect(showLog, &QPushButton::clicked, this, [this] {
        if (const auto* r = selectedRecord())
            Q_EMIT showLogRequested(r->logPath);
    });
    connect(compare, &QPushButton::clicked, this, &BuildHistoryPanel::compareSelected);
    // After the owner had its chance to set the path, and off the UI thread.
    QTimer::singleShot(0, this, &BuildHistoryPanel::recover);
}

BuildHistoryPanel::~BuildHistoryPanel() = default; // a running comparison dies with its child job

void BuildHistoryPanel::setHistoryPath(const QString& path) {
    m_path = path;
    reload();
    if (!m_recoveredPath.isEmpty())
        recover(); // the start-up recovery ran already, for the old file
}

void BuildHistoryPanel::recover() {
    if (m_recoveredPath == m_path)
        return;
    m_recoveredPath = m_path;
    auto* job = new util::TaskJob<imagebuild::History::Recovery>(
        [path = m_path](const util::CancelToken&) { return imagebuild::History(path).recover(); }, this);
    connect(job, &util::Job::finished, this, [this, job, path = m_path](const util::Error& e) {
        job->deleteLater();
        if (e || path != m_path)
            return;
        const imagebuild::History::Recovery r = job->result();
        if (!r.notices.isEmpty())
            reload(); // the interrupted builds are marked now
        Q_EMIT recovered(r.notices, r.interrupted);
    });
    job->start();
}

util::Error BuildHistoryPanel::reload() {
    auto records = imagebuild::History(m_path).load(500);
    if (!records.ok())
        return records.error();
    m_model->setRecords(records.value());
    return {};
}

const imagebuild::BuildRecord* BuildHistoryPanel::selectedRecord() const {
    const auto rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? nullptr : m_model->record(rows.first().row());
}

void BuildHistoryPanel::compareSelected() {
    const auto rows = m_table->selectionModel()->selectedRows();
    if (rows.size() != 2) {
        m_compare->setPlainText(Text::tr("Select two builds to compare."));
        return;
    }
    // Newest first in the table: compare the older (A) with the newer (B).
    const imagebuild::BuildRecord* b = m_model->record(std::min(rows.at(0).row(), rows.at(1).row()));
    const imagebuild::BuildRecord* a = m_model->record(std::max(rows.at(0).row(), rows.at(1).row()));
    delete m_comparing; // a comparison still running is replaced; its result is dropped
    m_compare->setPlainText(Text::tr("Comparing…"));
    auto* job = new util::TaskJob<QString>(
        [pathA = a->logPath, pathB = b->logPath](const util::CancelToken& token) {
            return buildlog::compareLogFiles(pathA, pathB, token);
        },
        this);
    m_comparing = job;
    connect(job, &util::Job::finished, this, [this, job](const util::Error& e) {
        m_compare->setPlainText(e ? e.toString() : job->result());
        job->deleteLater();
    });
    job->start();
}

} // namespace sagedock::app
