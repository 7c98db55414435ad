#include "pages/matrixpage.h"

#include "appcontext.h"
#include "matrix/refreshjob.h"
#include "matrix/renderers.h"
#include "models/matrixmodel.h"
#include "reference/catalog.h"
#include "registry/registryclient.h"
#include "util/atomicfile.h"
#include "util/paths.h"
#include "widgets/matrixdetailspanel.h"
#include "widgets/matrixtoolbar.h"

#include <QDir>
#include <QFileDialog>
#include <QFontMetrics>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QShowEvent>
#include <QSplitter>
#include <QStyle>
#include <QSvgGenerator>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace sagedock::app {

MatrixPage::MatrixPage(AppContext& context, QWidget* parent)
    : QWidget(parent)
    , m_context(context)
    , m_client(context.services().registry()) {
    m_model = new MatrixModel(this);
    m_proxy = new MatrixFilterModel(this);
    m_proxy->setSourceModel(m_model);
    buildUi();
    const util::Settings& s = m_context.settings();
    m_toolbar->setSelection(s.matrixRepository(), s.matrixTag(), s.matrixPackages());
    connect(&m_context, &AppContext::settingsChanged, this, [this] {
        // New insecure registries or credentials: a fresh client picks them up.
        cancelRefresh();
        delete m_tagsJob;
        m_tagsJob = nullptr;
        delete m_job; // before the client it uses
        m_job = nullptr;
        m_client = m_context.services().registry();
    });
}

MatrixPage::~MatrixPage() {
    // Child widgets are destroyed after this body; a combo box clearing itself then would call
    // reloadTags() on a half-destroyed page.
    for (QObject* child : findChildren<QObject*>())
        child->disconnect(this);
    delete m_tagsJob;
    delete m_job; // before the client it uses
}

void MatrixPage::buildUi() {
    auto* layout = new QVBoxLayout(this);
    m_toolbar = new MatrixToolbar(this);
    layout->addWidget(m_toolbar);

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
    m_details = new MatrixDetailsPanel(splitter);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);

    connect(m_toolbar, &MatrixToolbar::refreshRequested, this, &MatrixPage::refresh);
    connect(m_toolbar, &MatrixToolbar::cancelRequested, this, &MatrixPage::cancelRefresh);
    connect(m_toolbar, &MatrixToolbar::exportRequested, this, &MatrixPage::chooseExport);
    connect(m_toolbar, &MatrixToolbar::selectionChanged, this, &MatrixPage::reloadTags);
    connect(m_toolbar, &MatrixToolbar::filterChanged, this, [this](const QString& t) {
        m_proxy->setText(t);
        m_view->expandAll();
    });
    connect(m_toolbar, &MatrixToolbar::onlyProblemsToggled, this, [this](bool on) {
        m_proxy->setOnlyProblems(on);
        m_view->expandAll();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { showDetails(current); });
    connect(m_details, &MatrixDetailsPanel::launchRequested, this, &MatrixPage::launchRequested);
}

void MatrixPage::refresh() {
    const matrix::MatrixRequest r = m_toolbar->request();
    m_errorLabel->hide();
    if (const util::Error e = r.normalized().validate())
        return showError(e);
    delete m_job; // a refresh still running is abandoned: it reports nothing more
    m_job = new matrix::RefreshJob(*m_client, r, this);
    connect(m_job, &matrix::RefreshJob::cellChanged, this, [this, job = m_job](int row, int column) {
        m_model->updateCell(row, column, job->snapshot().rows[row].cells[column]);
    });
    connect(m_job, &util::Job::progressChanged, this,
            [this, job = m_job] { m_toolbar->setProgress(job->processed(), job->total()); });
    connect(m_job, &util::Job::finished, this, &MatrixPage::onFinished);
    onStarted();
    m_job->start();
    util::Settings& s = m_context.settings();
    s.setMatrixRepository(r.normalized().repositoryPrefix);
    s.setMatrixTag(r.tag);
    s.setMatrixPackages(m_toolbar->packagesChoice());
}

void MatrixPage::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (m_refreshOnFirstShow) {
        m_refreshOnFirstShow = false;
        QTimer::singleShot(0, this, &MatrixPage::refresh); // after the page is painted
    }
}

void MatrixPage::cancelRefresh() {
    if (m_job)
        m_job->cancel();
}

void MatrixPage::showError(const util::Error& error) {
    m_errorLabel->setText(error.toString());
    m_errorLabel->show();
}

void MatrixPage::onStarted() {
    m_details->clear();
    m_model->setSnapshot(m_job->snapshot());
    m_view->expandAll();
    fitColumns();
    m_toolbar->setRunning(true);
    m_offlineBanner->hide();
    m_toolbar->setProgress(0, m_job->total());
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
    for (const matrix::Row& row : m_model->snapshot().rows) {
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

void MatrixPage::onFinished(const util::Error& error) {
    m_toolbar->setRunning(false);
    const matrix::Snapshot& s = m_job->snapshot();
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
        text = tr("Refresh cancelled at %1 of %2 repositories.").arg(m_job->processed()).arg(m_job->total());
    m_toolbar->setSummary(text);
    updateBanner(s);
    Q_EMIT refreshFinished();
    if (!m_toolbar->hasTags())
        reloadTags();
}

void MatrixPage::updateBanner(const matrix::Snapshot& s) {
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
    const matrix::MatrixRequest selection = m_toolbar->request();
    if (selection.systems.isEmpty() || selection.packages.isEmpty())
        return;
    // The first system's with-targets repository stands for the whole matrix: CI tags every stage alike.
    const matrix::MatrixRequest r = selection.normalized();
    const auto repo = registry::Repository::parse(
        r.repositoryFor(r.systems.first(), r.packages.first(), QStringLiteral("with-targets")));
    if (!repo.ok())
        return;
    m_tagsJob = m_client->listTags(repo.value());
    connect(m_tagsJob, &util::Job::finished, this, [this, job = m_tagsJob](const util::Error& error) {
        m_tagsJob = nullptr;
        job->deleteLater();
        if (error)
            return; // the refresh shows registry problems per cell; the tag box stays editable
        const QStringList tags = reference::Catalog::orderedTags(job->result().tags);
        m_toolbar->setTags(tags);
        Q_EMIT tagsLoaded(tags);
    });
}

void MatrixPage::showDetails(const QModelIndex& proxyIndex) {
    int row = -1;
    int stage = -1;
    if (m_model->cellAt(m_proxy->mapToSource(proxyIndex), &row, &stage))
        m_details->showCell(m_model->snapshot(), row, stage);
    else
        m_details->clear();
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
    if (const util::Error e = exportTo(format, path))
        showError(e);
}

} // namespace sagedock::app
