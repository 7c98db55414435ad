#include "pages/matrixpage.h"

#include "appcontext.h"
#include "icons.h"
#include "matrix/matrixservice.h"
#include "matrix/renderers.h"
#include "models/matrixmodel.h"
#include "reference/catalog.h"
#include "reference/sagename.h"
#include "registry/registryclient.h"
#include "util/atomicfile.h"
#include "util/paths.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QShowEvent>
#include <QSplitter>
#include <QStyle>
#include <QSvgGenerator>
#include <QTableWidget>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

namespace sagedock::app {

namespace {

QString shortDigest(const QString& d) {
    const qsizetype colon = d.indexOf(QLatin1Char(':'));
    return colon >= 0 ? d.mid(colon + 1, 12) : d.left(12);
}

} // namespace

MatrixPage::MatrixPage(AppContext& context, QWidget* parent)
    : QWidget(parent)
    , m_context(context)
    , m_client(context.services().registry()) {
    m_model = new MatrixModel(this);
    m_proxy = new MatrixFilterModel(this);
    m_proxy->setSourceModel(m_model);
    createService();
    buildUi();
    applySettings();
    connect(&m_context, &AppContext::settingsChanged, this, [this] {
        // New insecure registries or credentials: a fresh client (and service) picks them up.
        cancelRefresh();
        delete m_tagsJob;
        m_tagsJob = nullptr;
        delete m_service;
        m_service = nullptr;
        m_client = m_context.services().registry();
        createService();
    });
}

void MatrixPage::createService() {
    m_service = new matrix::MatrixService(*m_client, this);
    connect(m_service, &matrix::MatrixService::started, this, &MatrixPage::onStarted);
    connect(m_service, &matrix::MatrixService::cellChanged, this, [this](int row, int column) {
        m_model->updateCell(row, column, m_service->snapshot().rows[row].cells[column]);
    });
    connect(m_service, &matrix::MatrixService::progress, this, &MatrixPage::onProgress);
    connect(m_service, &matrix::MatrixService::finished, this, &MatrixPage::onFinished);
}

MatrixPage::~MatrixPage() {
    // Child widgets are destroyed after this body; a combo box clearing itself then would call
    // reloadTags() on a half-destroyed page.
    for (QObject* child : findChildren<QObject*>())
        child->disconnect(this);
    delete m_tagsJob;
    delete m_service; // before the client it uses
    m_service = nullptr;
}

void MatrixPage::buildUi() {
    const auto& cat = reference::Catalog::bundled();
    auto* layout = new QVBoxLayout(this);

    auto* selectors = new QHBoxLayout;
    m_repoEdit = new QLineEdit(this);
    m_repoEdit->setObjectName(QStringLiteral("repositoryEdit"));
    m_repoEdit->setPlaceholderText(cat.defaultRepository());
    m_repoEdit->setToolTip(tr("Repository prefix the stage images live under; it ends in '/'."));
    m_repoEdit->setMinimumWidth(220);
    auto* repoLabel = new QLabel(tr("&Repository:"), this);
    repoLabel->setBuddy(m_repoEdit);

    m_tagCombo = new QComboBox(this);
    m_tagCombo->setObjectName(QStringLiteral("tagCombo"));
    m_tagCombo->setEditable(true);
    m_tagCombo->setInsertPolicy(QComboBox::NoInsert);
    m_tagCombo->setMinimumWidth(140);
    m_tagCombo->setToolTip(
        tr("dev, latest, versions, PR merges (NNNNN-merge) and refs, as the registry has them."));
    auto* tagLabel = new QLabel(tr("&Tag:"), this);
    tagLabel->setBuddy(m_tagCombo);

    m_packagesCombo = new QComboBox(this);
    m_packagesCombo->setObjectName(QStringLiteral("packagesCombo"));
    for (const QString& p : cat.packageSets())
        m_packagesCombo->addItem(p, p);
    m_packagesCombo->addItem(tr("standard and minimal"), QStringLiteral("standard,minimal"));
    m_packagesCombo->addItem(tr("all three"), cat.packageSets().join(QLatin1Char(',')));
    auto* packagesLabel = new QLabel(tr("&Packages:"), this);
    packagesLabel->setBuddy(m_packagesCombo);

    m_systemsCombo = new QComboBox(this);
    m_systemsCombo->setObjectName(QStringLiteral("systemsCombo"));
    m_systemsCombo->addItem(tr("Current CI (%n system(s))", nullptr, int(cat.ciSystems().size())),
                            QStringLiteral("ci"));
    m_systemsCombo->addItem(tr("All known (%n system(s))", nullptr, int(cat.allKnownSystems().size())),
                            QStringLiteral("all"));
    const QStringList releases = cat.releases();
    for (auto it = releases.crbegin(); it != releases.crend(); ++it)
        m_systemsCombo->addItem(
            tr("CI of %1 (%n system(s))", nullptr, int(cat.systemsForRelease(*it).size())).arg(*it),
            QString(QStringLiteral("release:") + *it));
    auto* systemsLabel = new QLabel(tr("&Systems:"), this);
    systemsLabel->setBuddy(m_systemsCombo);

    // Created in the order of the rows below, which is the tab order.
    m_filterEdit = new QLineEdit(this);
    m_filterEdit->setObjectName(QStringLiteral("filterEdit"));
    m_filterEdit->setPlaceholderText(tr("Filter systems, e.g. ubuntu or python3.12"));
    m_filterEdit->setClearButtonEnabled(true);
    m_onlyProblems = new QCheckBox(tr("Only &problems"), this);
    m_onlyProblems->setObjectName(QStringLiteral("onlyProblemsCheck"));
    m_onlyProblems->setToolTip(tr("Show only rows with a missing, failed, broken or parentless stage."));
    m_refreshButton = new QPushButton(icons::named("status-busy"), tr("Re&fresh"), this);
    m_refreshButton->setObjectName(QStringLiteral("refreshButton"));
    m_cancelButton = new QPushButton(tr("&Cancel"), this);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_cancelButton->setEnabled(false);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("progressBar"));
    m_progress->setFormat(tr("%v of %m repositories"));
    m_progress->setMinimumWidth(180);
    m_progress->setValue(0);
    m_progress->setMaximum(1);

    m_exportButton = new QToolButton(this);
    m_exportButton->setObjectName(QStringLiteral("exportButton"));
    m_exportButton->setText(tr("&Export"));
    m_exportButton->setPopupMode(QToolButton::InstantPopup);
    auto* exportMenu = new QMenu(m_exportButton);
    const QList<std::pair<QString, QString>> formats{{QStringLiteral("png"), tr("Image (PNG)…")},
                                                     {QStringLiteral("svg"), tr("Vector image (SVG)…")},
                                                     {QStringLiteral("html"), tr("HTML report…")},
                                                     {QStringLiteral("csv"), tr("CSV…")},
                                                     {QStringLiteral("json"), tr("JSON…")}};
    for (const auto& [format, label] : formats) {
        QAction* a = exportMenu->addAction(label);
        a->setObjectName(QStringLiteral("export-") + format);
        connect(a, &QAction::triggered, this, [this, format = format] { chooseExport(format); });
    }
    m_exportButton->setMenu(exportMenu);

    m_lastRefresh = new QLabel(tr("Not refreshed yet."), this);
    m_lastRefresh->setObjectName(QStringLiteral("lastRefreshLabel"));
    // Wrapped, on a line of its own: the summary grows with the counts and must not widen the page.
    m_lastRefresh->setWordWrap(true);

    // Two rows so that the page fits a 1280 px wide window next to the navigation (1366x768 laptops):
    // what the matrix shows, then how to view, refresh and export it.
    selectors->addWidget(repoLabel);
    selectors->addWidget(m_repoEdit, 3);
    selectors->addWidget(tagLabel);
    selectors->addWidget(m_tagCombo, 1);
    selectors->addWidget(packagesLabel);
    selectors->addWidget(m_packagesCombo);
    selectors->addWidget(systemsLabel);
    selectors->addWidget(m_systemsCombo);
    layout->addLayout(selectors);

    auto* viewRow = new QHBoxLayout;
    viewRow->addWidget(m_filterEdit, 1);
    viewRow->addWidget(m_onlyProblems);
    viewRow->addWidget(m_refreshButton);
    viewRow->addWidget(m_cancelButton);
    viewRow->addWidget(m_progress);
    viewRow->addWidget(m_exportButton);
    layout->addLayout(viewRow);
    layout->addWidget(m_lastRefresh);

    m_offlineBanner = new QLabel(this);
    m_offlineBanner->setObjectName(QStringLiteral("offlineBanner"));
    m_offlineBanner->setWordWrap(true);
    m_offlineBanner->setStyleSheet(
        QStringLiteral("QLabel{background:#fff1b8;color:#202020;border:1px solid #d9b700;padding:6px}"));
    m_offlineBanner->hide();
    layout->addWidget(m_offlineBanner);
    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(QStringLiteral("QLabel{color:#a40000}"));
    m_errorLabel->hide();
    layout->addWidget(m_errorLabel);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    m_view = new QTreeView(splitter);
    m_view->setObjectName(QStringLiteral("matrixView"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(MatrixModel::SystemColumn, Qt::AscendingOrder);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(false);
    m_view->setSelectionBehavior(QAbstractItemView::SelectItems);
    // Interactive with fixed widths: ResizeToContents re-measures every row on every cell update.
    m_view->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->header()->setMinimumSectionSize(90);
    m_view->setAccessibleName(tr("Build matrix"));

    m_details = new QWidget(splitter);
    m_details->setObjectName(QStringLiteral("detailsPanel"));
    auto* dl = new QVBoxLayout(m_details);
    dl->setContentsMargins(0, 0, 0, 0);
    m_detailsTitle = new QLabel(m_details);
    m_detailsTitle->setObjectName(QStringLiteral("detailsTitle"));
    m_detailsTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_detailsTitle->font();
    bold.setBold(true);
    m_detailsTitle->setFont(bold);
    m_detailsText = new QLabel(m_details);
    m_detailsText->setObjectName(QStringLiteral("detailsText"));
    m_detailsText->setWordWrap(true);
    m_detailsText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* pullRow = new QHBoxLayout;
    m_pullLine = new QLineEdit(m_details);
    m_pullLine->setObjectName(QStringLiteral("pullLine"));
    m_pullLine->setReadOnly(true);
    m_copyButton = new QPushButton(tr("C&opy"), m_details);
    m_copyButton->setObjectName(QStringLiteral("copyPullButton"));
    m_packagePageButton = new QPushButton(tr("Open package &page"), m_details);
    m_packagePageButton->setObjectName(QStringLiteral("packagePageButton"));
    m_launchButton = new QPushButton(icons::named("launch"), tr("&Launch…"), m_details);
    m_launchButton->setObjectName(QStringLiteral("launchButton"));
    m_launchButton->setToolTip(tr("Open this image on the Review page to start Jupyter or a shell in it"));
    pullRow->addWidget(m_pullLine, 1);
    pullRow->addWidget(m_copyButton);
    pullRow->addWidget(m_packagePageButton);
    pullRow->addWidget(m_launchButton);
    m_layerTable = new QTableWidget(m_details);
    m_layerTable->setObjectName(QStringLiteral("layerTable"));
    m_layerTable->setColumnCount(5);
    m_layerTable->setHorizontalHeaderLabels(
        {tr("#"), tr("Layer"), tr("Compared with parent"), tr("Size"), tr("Created by")});
    m_layerTable->horizontalHeader()->setStretchLastSection(true);
    // A stage has a few dozen layers at most: measuring them is cheap, and no heading gets cut.
    for (int c = 0; c < 4; ++c)
        m_layerTable->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_layerTable->verticalHeader()->hide();
    m_layerTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    dl->addWidget(m_detailsTitle);
    dl->addWidget(m_detailsText);
    dl->addLayout(pullRow);
    dl->addWidget(m_layerTable, 1);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);
    clearDetails();

    connect(m_refreshButton, &QPushButton::clicked, this, &MatrixPage::refresh);
    connect(m_cancelButton, &QPushButton::clicked, this, &MatrixPage::cancelRefresh);
    connect(m_filterEdit, &QLineEdit::textChanged, this, [this](const QString& t) {
        m_proxy->setText(t);
        m_view->expandAll();
    });
    connect(m_onlyProblems, &QCheckBox::toggled, this, [this](bool on) {
        m_proxy->setOnlyProblems(on);
        m_view->expandAll();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { showDetails(current); });
    connect(m_copyButton, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_pullLine->text()); });
    connect(m_launchButton, &QPushButton::clicked, this, [this] {
        if (!m_selectedImage.isEmpty())
            Q_EMIT launchRequested(m_selectedImage);
    });
    connect(m_packagePageButton, &QPushButton::clicked, this, [this] {
        if (!m_packagePageUrl.isEmpty())
            QDesktopServices::openUrl(QUrl(m_packagePageUrl));
    });
    connect(m_repoEdit, &QLineEdit::editingFinished, this, &MatrixPage::reloadTags);
    connect(m_packagesCombo, &QComboBox::currentIndexChanged, this, &MatrixPage::reloadTags);
}

void MatrixPage::applySettings() {
    const util::Settings& s = m_context.settings();
    m_repoEdit->setText(s.matrixRepository());
    m_tagCombo->setEditText(s.matrixTag());
    const int i = m_packagesCombo->findData(s.matrixPackages());
    if (i >= 0)
        m_packagesCombo->setCurrentIndex(i);
    else
        m_packagesCombo->addItem(s.matrixPackages(), s.matrixPackages());
}

QStringList MatrixPage::selectedPackages() const {
    return m_packagesCombo->currentData().toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
}

QStringList MatrixPage::selectedSystems() const {
    const auto& cat = reference::Catalog::bundled();
    const QString choice = m_systemsCombo->currentData().toString();
    if (choice == QLatin1String("all"))
        return cat.allKnownSystems();
    if (choice.startsWith(QLatin1String("release:")))
        return cat.systemsForRelease(choice.mid(8));
    return cat.ciSystems();
}

void MatrixPage::refresh() {
    matrix::MatrixRequest r;
    r.repositoryPrefix = m_repoEdit->text();
    r.tag = m_tagCombo->currentText().trimmed();
    if (r.tag.isEmpty())
        r.tag = QStringLiteral("dev");
    r.systems = selectedSystems();
    r.packages = selectedPackages();
    m_errorLabel->hide();
    if (const util::Error e = m_service->refresh(r)) {
        m_errorLabel->setText(e.toString());
        m_errorLabel->show();
        return;
    }
    util::Settings& s = m_context.settings();
    s.setMatrixRepository(r.normalized().repositoryPrefix);
    s.setMatrixTag(r.tag);
    s.setMatrixPackages(m_packagesCombo->currentData().toString());
}

void MatrixPage::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (m_refreshOnFirstShow) {
        m_refreshOnFirstShow = false;
        QTimer::singleShot(0, this, &MatrixPage::refresh); // after the page is painted
    }
}

void MatrixPage::cancelRefresh() {
    m_service->cancel();
}

void MatrixPage::onStarted() {
    clearDetails();
    m_model->setSnapshot(m_service->snapshot());
    m_view->expandAll();
    fitColumns();
    m_refreshButton->setEnabled(false);
    m_cancelButton->setEnabled(true);
    m_offlineBanner->hide();
    m_progress->setMaximum(std::max(1, m_service->total()));
    m_progress->setValue(0);
}

void MatrixPage::fitColumns() {
    // Widths from the names alone: letting the view measure 600+ rows per column (ResizeToContents)
    // stalls the event loop for ~100 ms. Just wide enough, so that the five stages of the current CI
    // fit a 1280 px window beside the system names.
    const QFontMetrics metrics(m_view->font());
    const int padding = metrics.averageCharWidth() + 8; // the cell margins, with a little air
    int system =
        metrics.horizontalAdvance(m_proxy->headerData(MatrixModel::SystemColumn, Qt::Horizontal).toString());
    int packages = metrics.horizontalAdvance(
        m_proxy->headerData(MatrixModel::PackagesColumn, Qt::Horizontal).toString());
    for (const matrix::Row& row : m_service->snapshot().rows) {
        system = std::max(system, metrics.horizontalAdvance(row.system));
        packages = std::max(packages, metrics.horizontalAdvance(row.packages));
    }
    // Systems sit one level below their distribution: two indentation steps of branch decoration.
    m_view->setColumnWidth(MatrixModel::SystemColumn,
                           std::min(system + 2 * m_view->indentation() + padding, 360));
    m_view->setColumnWidth(MatrixModel::PackagesColumn, packages + padding);
    // The longest cell texts: a group's bold problem count, and an icon with "no parent" or "BROKEN n/m".
    QFont bold = m_view->font();
    bold.setBold(true);
    int cell = QFontMetrics(bold).horizontalAdvance(MatrixModel::tr("%n problem(s)", nullptr, 22));
    const int icon = m_view->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, m_view);
    matrix::Cell sample;
    sample.status = matrix::CellStatus::Present;
    sample.layers = 22;
    sample.sharedLayers = 11;
    for (const matrix::Chain chain : {matrix::Chain::Broken, matrix::Chain::ParentMissing}) {
        sample.chain = chain;
        cell = std::max(cell, icon + metrics.averageCharWidth() +
                                  metrics.horizontalAdvance(matrix::cellLabel(sample)));
    }
    for (int c = MatrixModel::FirstStageColumn; c < m_proxy->columnCount(); ++c)
        m_view->setColumnWidth(
            c, std::max(cell, metrics.horizontalAdvance(m_proxy->headerData(c, Qt::Horizontal).toString())) +
                   padding);
}

void MatrixPage::onProgress(int done, int total) {
    m_progress->setMaximum(std::max(1, total));
    m_progress->setValue(done);
}

void MatrixPage::onFinished(const util::Error& error) {
    m_refreshButton->setEnabled(true);
    m_cancelButton->setEnabled(false);
    const matrix::Snapshot& s = m_service->snapshot();
    const QDateTime done = s.completed.isValid() ? s.completed : QDateTime::currentDateTimeUtc();
    const matrix::Summary sum = s.summary();
    QString text = tr("Last refresh %1: %2 present, %3 missing, %4 broken, %5 without parent, %6 errors.")
                       .arg(QLocale().toString(done.toLocalTime(), QLocale::ShortFormat))
                       .arg(sum.present)
                       .arg(sum.missing)
                       .arg(sum.broken)
                       .arg(sum.parentMissing)
                       .arg(sum.errors);
    if (error.code == util::ErrorCode::Cancelled)
        text =
            tr("Refresh cancelled at %1 of %2 repositories.").arg(m_service->done()).arg(m_service->total());
    m_lastRefresh->setText(text);
    updateBanner();
    Q_EMIT refreshFinished();
    if (m_tagCombo->count() == 0)
        reloadTags();
}

void MatrixPage::updateBanner() {
    const matrix::Snapshot& s = m_service->snapshot();
    int network = 0;
    int cells = 0;
    QString reason;
    for (const matrix::Row& row : s.rows) {
        for (const matrix::Cell& c : row.cells) {
            ++cells;
            if (c.status == matrix::CellStatus::Error &&
                (c.error.code == util::ErrorCode::Network || c.error.code == util::ErrorCode::Timeout ||
                 c.error.code == util::ErrorCode::Tls)) {
                ++network;
                reason = c.error.toString();
            }
        }
    }
    if (s.stale) {
        m_offlineBanner->setText(
            tr("⚠ Offline: the registry could not be reached, so some cells show the last "
               "known answers from the cache."));
        m_offlineBanner->show();
    } else if (cells > 0 && network == cells) {
        m_offlineBanner->setText(
            tr("⚠ Offline: the registry could not be reached and nothing is cached for this "
               "selection. %1")
                .arg(reason));
        m_offlineBanner->show();
    } else {
        m_offlineBanner->hide();
    }
}

void MatrixPage::reloadTags() {
    delete m_tagsJob;
    m_tagsJob = nullptr;
    const auto& cat = reference::Catalog::bundled();
    QString prefix = m_repoEdit->text().trimmed();
    if (prefix.isEmpty())
        prefix = cat.defaultRepository();
    if (!prefix.endsWith(QLatin1Char('/')))
        prefix += QLatin1Char('/');
    const QStringList systems = selectedSystems();
    const QStringList packages = selectedPackages();
    if (systems.isEmpty() || packages.isEmpty())
        return;
    // The first system's with-targets repository stands for the whole matrix: CI tags every stage alike.
    const auto repo =
        registry::Repository::parse(prefix + reference::SageName::compose(systems.first(), packages.first(),
                                                                          QStringLiteral("with-targets")));
    if (!repo.ok())
        return;
    m_tagsJob = m_client->listTags(repo.value());
    connect(m_tagsJob, &registry::Job::finished, this, [this, job = m_tagsJob] {
        m_tagsJob = nullptr;
        job->deleteLater();
        if (job->error())
            return; // the refresh shows registry problems per cell; the tag box stays editable
        setTags(reference::Catalog::orderedTags(job->result().tags));
    });
}

void MatrixPage::setTags(const QStringList& tags) {
    const QString current = m_tagCombo->currentText();
    m_tagCombo->clear();
    m_tagCombo->addItems(tags);
    m_tagCombo->setEditText(current.isEmpty() && !tags.isEmpty() ? tags.first() : current);
    Q_EMIT tagsLoaded(tags);
}

void MatrixPage::clearDetails() {
    m_detailsTitle->setText(tr("Select a cell to compare its layers with the previous stage."));
    m_detailsText->clear();
    m_pullLine->clear();
    m_copyButton->setEnabled(false);
    m_packagePageButton->setEnabled(false);
    m_packagePageUrl.clear();
    m_launchButton->setEnabled(false);
    m_selectedImage.clear();
    m_layerTable->setRowCount(0);
}

void MatrixPage::showDetails(const QModelIndex& proxyIndex) {
    int row = -1;
    int stage = -1;
    if (!m_model->cellAt(m_proxy->mapToSource(proxyIndex), &row, &stage)) {
        clearDetails();
        return;
    }
    const matrix::Snapshot& s = m_model->snapshot();
    const matrix::Cell& cell = s.rows[row].cells[stage];
    const matrix::Cell* parent = stage > 0 ? &s.rows[row].cells[stage - 1] : nullptr;
    const QString parentStage = parent ? parent->stage : QString();
    m_detailsTitle->setText(cell.image);
    m_detailsText->setText(matrix::cellDetails(cell, parentStage).section(QLatin1Char('\n'), 1));
    m_pullLine->setText(QStringLiteral("docker pull ") + cell.image);
    m_copyButton->setEnabled(true);
    m_packagePageUrl = reference::Catalog::packagePageUrl(cell.image);
    m_packagePageButton->setEnabled(!m_packagePageUrl.isEmpty());
    m_packagePageButton->setToolTip(m_packagePageUrl);
    // Only an image that exists can be launched.
    m_selectedImage = cell.status == matrix::CellStatus::Present ? cell.image : QString();
    m_launchButton->setEnabled(!m_selectedImage.isEmpty());

    // Layer by layer: this stage's layers against its parent's, shared prefix first.
    const QList<matrix::Layer>& mine = cell.layerList;
    const QList<matrix::Layer> theirs =
        parent && parent->status == matrix::CellStatus::Present ? parent->layerList : QList<matrix::Layer>();
    const qsizetype n = std::max(mine.size(), theirs.size());
    m_layerTable->setRowCount(int(n));
    bool diverged = false;
    for (qsizetype i = 0; i < n; ++i) {
        const bool have = i < mine.size();
        const bool parentHas = i < theirs.size();
        const matrix::Layer& l = have ? mine[i] : theirs[i];
        QString state;
        QString icon;
        if (have && parentHas && !diverged && mine[i].diffId == theirs[i].diffId) {
            state = tr("shared");
            icon = QStringLiteral("status-ok");
        } else {
            if (have && parentHas)
                diverged = true;
            if (!have) {
                state = tr("only in parent");
                icon = QStringLiteral("status-missing");
            } else if (parentHas) {
                state = tr("differs from parent");
                icon = QStringLiteral("status-broken");
            } else {
                state = tr("new");
                icon = QStringLiteral("status-busy");
            }
        }
        auto* num = new QTableWidgetItem(QString::number(i + 1));
        auto* digest = new QTableWidgetItem(shortDigest(l.diffId));
        digest->setToolTip(l.diffId);
        auto* st = new QTableWidgetItem(icons::named(icon.toLatin1().constData()), state);
        auto* size = new QTableWidgetItem(matrix::humanSize(l.size));
        auto* by = new QTableWidgetItem(l.createdBy.simplified());
        by->setToolTip(l.createdBy);
        m_layerTable->setItem(int(i), 0, num);
        m_layerTable->setItem(int(i), 1, digest);
        m_layerTable->setItem(int(i), 2, st);
        m_layerTable->setItem(int(i), 3, size);
        m_layerTable->setItem(int(i), 4, by);
    }
}

matrix::Snapshot MatrixPage::visibleSnapshot() const {
    matrix::Snapshot out = m_model->snapshot();
    out.rows.clear();
    for (int g = 0; g < m_proxy->rowCount(); ++g) {
        const QModelIndex group = m_proxy->index(g, 0);
        for (int r = 0; r < m_proxy->rowCount(group); ++r) {
            const int row = m_proxy->index(r, 0, group).data(MatrixModel::SnapshotRowRole).toInt();
            if (row >= 0 && row < m_model->snapshot().rows.size())
                out.rows << m_model->snapshot().rows[row];
        }
    }
    return out;
}

util::Error MatrixPage::exportTo(const QString& format, const QString& path) {
    auto ioError = [&](const QString& what) {
        return util::Error::make(util::ErrorCode::Io, tr("Could not write %1: %2").arg(path, what),
                                 tr("Choose a folder you can write to."));
    };
    if (format == QLatin1String("png")) {
        if (!m_view->grab().save(path, "PNG"))
            return ioError(tr("saving the image failed"));
        return {};
    }
    if (format == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(m_view->size());
        svg.setViewBox(QRect(QPoint(0, 0), m_view->size()));
        svg.setTitle(tr("Sage build matrix"));
        QPainter painter;
        if (!painter.begin(&svg))
            return ioError(tr("the SVG file could not be opened"));
        m_view->render(&painter);
        painter.end();
        return {};
    }
    const matrix::Snapshot snap = visibleSnapshot();
    QByteArray bytes;
    if (format == QLatin1String("html"))
        bytes = matrix::renderHtml(snap);
    else if (format == QLatin1String("csv"))
        bytes = matrix::renderCsv(snap);
    else if (format == QLatin1String("json"))
        bytes = matrix::renderJson(snap);
    else
        return util::Error::make(util::ErrorCode::InvalidArgument,
                                 tr("Unknown export format '%1'.").arg(format));
    return util::writeFileAtomically(path, bytes);
}

void MatrixPage::chooseExport(const QString& format) {
    const QString suggested =
        QDir(QDir::homePath())
            .filePath(QStringLiteral("sage-matrix-%1.%2").arg(m_model->snapshot().tag, format));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the matrix"), suggested,
                                                      tr("%1 files (*.%2)").arg(format.toUpper(), format));
    if (path.isEmpty())
        return;
    if (const util::Error e = exportTo(format, path)) {
        m_errorLabel->setText(e.toString());
        m_errorLabel->show();
    }
}

} // namespace sagedock::app
