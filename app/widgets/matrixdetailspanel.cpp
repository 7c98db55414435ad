#include "widgets/matrixdetailspanel.h"

#include "icons.h"
#include "matrix/layercomparison.h"
#include "matrix/renderers.h"
#include "reference/catalog.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace sagedock::app {

namespace {

QString shortDigest(const QString& d) {
    const qsizetype colon = d.indexOf(QLatin1Char(':'));
    return colon >= 0 ? d.mid(colon + 1, 12) : d.left(12);
}

} // namespace

MatrixDetailsPanel::MatrixDetailsPanel(QWidget* parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("detailsPanel"));
    auto* dl = new QVBoxLayout(this);
    dl->setContentsMargins(0, 0, 0, 0);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("detailsTitle"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("detailsText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* pullRow = new QHBoxLayout;
    m_pullLine = new QLineEdit(this);
    m_pullLine->setObjectName(QStringLiteral("pullLine"));
    m_pullLine->setReadOnly(true);
    m_copyButton = new QPushButton(tr("C&opy"), this);
    m_copyButton->setObjectName(QStringLiteral("copyPullButton"));
    m_packagePageButton = new QPushButton(tr("Open package &page"), this);
    m_packagePageButton->setObjectName(QStringLiteral("packagePageButton"));
    m_launchButton = new QPushButton(icons::named("launch"), tr("&Launch…"), this);
    m_launchButton->setObjectName(QStringLiteral("launchButton"));
    m_launchButton->setToolTip(tr("Open this image on the Review page to start Jupyter or a shell in it"));
    pullRow->addWidget(m_pullLine, 1);
    pullRow->addWidget(m_copyButton);
    pullRow->addWidget(m_packagePageButton);
    pullRow->addWidget(m_launchButton);
    m_layerTable = new QTableWidget(this);
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
    dl->addWidget(m_title);
    dl->addWidget(m_text);
    dl->addLayout(pullRow);
    dl->addWidget(m_layerTable, 1);

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
    clear();
}

void MatrixDetailsPanel::clear() {
    m_title->setText(tr("Select a cell to compare its layers with the previous stage."));
    m_text->clear();
    m_pullLine->clear();
    m_copyButton->setEnabled(false);
    m_packagePageButton->setEnabled(false);
    m_packagePageUrl.clear();
    m_launchButton->setEnabled(false);
    m_selectedImage.clear();
    m_layerTable->setRowCount(0);
}

void MatrixDetailsPanel::showCell(const matrix::Snapshot& s, int row, int stage) {
    const matrix::Cell& cell = s.rows[row].cells[stage];
    const matrix::Cell* parent = stage > 0 ? &s.rows[row].cells[stage - 1] : nullptr;
    m_title->setText(cell.image);
    m_text->setText(
        matrix::cellDetails(cell, parent ? parent->stage : QString()).section(QLatin1Char('\n'), 1));
    m_pullLine->setText(QStringLiteral("docker pull ") + cell.image);
    m_copyButton->setEnabled(true);
    m_packagePageUrl = reference::Catalog::packagePageUrl(cell.image);
    m_packagePageButton->setEnabled(!m_packagePageUrl.isEmpty());
    m_packagePageButton->setToolTip(m_packagePageUrl);
    // Only an image that exists can be launched.
    m_selectedImage = cell.status == matrix::CellStatus::Present ? cell.image : QString();
    m_launchButton->setEnabled(!m_selectedImage.isEmpty());
    fillLayers(cell, parent);
}

void MatrixDetailsPanel::fillLayers(const matrix::Cell& cell, const matrix::Cell* parent) {
    const QList<matrix::LayerRow> rows = matrix::compareWithParent(cell, parent);
    m_layerTable->setRowCount(int(rows.size()));
    for (const matrix::LayerRow& r : rows) {
        QString state;
        const char* icon = "status-busy";
        switch (r.state) {
        case matrix::LayerState::Shared:
            state = tr("shared");
            icon = "status-ok";
            break;
        case matrix::LayerState::OnlyInParent:
            state = tr("only in parent");
            icon = "status-missing";
            break;
        case matrix::LayerState::DiffersFromParent:
            state = tr("differs from parent");
            icon = "status-broken";
            break;
        case matrix::LayerState::New:
            state = tr("new");
            break;
        }
        auto* digest = new QTableWidgetItem(shortDigest(r.layer.diffId));
        digest->setToolTip(r.layer.diffId);
        auto* by = new QTableWidgetItem(r.layer.createdBy.simplified());
        by->setToolTip(r.layer.createdBy);
        m_layerTable->setItem(r.index, 0, new QTableWidgetItem(QString::number(r.index + 1)));
        m_layerTable->setItem(r.index, 1, digest);
        m_layerTable->setItem(r.index, 2, new QTableWidgetItem(icons::named(icon), state));
        m_layerTable->setItem(r.index, 3, new QTableWidgetItem(matrix::humanSize(r.layer.size)));
        m_layerTable->setItem(r.index, 4, by);
    }
}

} // namespace sagedock::app
