#include "widgets/matrixtoolbar.h"

#include "icons.h"
#include "reference/catalog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace sagedock::app {

MatrixToolbar::MatrixToolbar(QWidget* parent)
    : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    // Created in the order of the rows, which is the tab order.
    buildSelectors();
    buildViewRow();
    m_lastRefresh = new QLabel(tr("Not refreshed yet."), this);
    m_lastRefresh->setObjectName(QStringLiteral("lastRefreshLabel"));
    // Wrapped, on a line of its own: the summary grows with the counts and must not widen the page.
    m_lastRefresh->setWordWrap(true);
    layout->addWidget(m_lastRefresh);

    connect(m_refreshButton, &QPushButton::clicked, this, &MatrixToolbar::refreshRequested);
    connect(m_cancelButton, &QPushButton::clicked, this, &MatrixToolbar::cancelRequested);
    connect(m_filterEdit, &QLineEdit::textChanged, this, &MatrixToolbar::filterChanged);
    connect(m_onlyProblems, &QCheckBox::toggled, this, &MatrixToolbar::onlyProblemsToggled);
    connect(m_repoEdit, &QLineEdit::editingFinished, this, &MatrixToolbar::selectionChanged);
    connect(m_packagesCombo, &QComboBox::currentIndexChanged, this, &MatrixToolbar::selectionChanged);
}

void MatrixToolbar::buildSelectors() {
    const auto& cat = reference::Catalog::bundled();
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

    auto* row = new QHBoxLayout;
    row->addWidget(repoLabel);
    row->addWidget(m_repoEdit, 3);
    row->addWidget(tagLabel);
    row->addWidget(m_tagCombo, 1);
    row->addWidget(packagesLabel);
    row->addWidget(m_packagesCombo);
    row->addWidget(systemsLabel);
    row->addWidget(m_systemsCombo);
    static_cast<QVBoxLayout*>(layout())->addLayout(row);
}

void MatrixToolbar::buildViewRow() {
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
        connect(a, &QAction::triggered, this, [this, format = format] { Q_EMIT exportRequested(format); });
    }
    m_exportButton->setMenu(exportMenu);

    auto* row = new QHBoxLayout;
    row->addWidget(m_filterEdit, 1);
    row->addWidget(m_onlyProblems);
    row->addWidget(m_refreshButton);
    row->addWidget(m_cancelButton);
    row->addWidget(m_progress);
    row->addWidget(m_exportButton);
    static_cast<QVBoxLayout*>(layout())->addLayout(row);
}

matrix::MatrixRequest MatrixToolbar::request() const {
    matrix::MatrixRequest r;
    r.repositoryPrefix = m_repoEdit->text();
    r.tag = m_tagCombo->currentText().trimmed();
    if (r.tag.isEmpty())
        r.tag = QStringLiteral("dev");
    r.systems = selectedSystems();
    r.packages = selectedPackages();
    return r;
}

QString MatrixToolbar::packagesChoice() const {
    return m_packagesCombo->currentData().toString();
}

QStringList MatrixToolbar::selectedPackages() const {
    return packagesChoice().split(QLatin1Char(','), Qt::SkipEmptyParts);
}

QStringList MatrixToolbar::selectedSystems() const {
    const auto& cat = reference::Catalog::bundled();
    const QString choice = m_systemsCombo->currentData().toString();
    if (choice == QLatin1String("all"))
        return cat.allKnownSystems();
    if (choice.startsWith(QLatin1String("release:")))
        return cat.systemsForRelease(choice.mid(8));
    return cat.ciSystems();
}

void MatrixToolbar::setSelection(const QString& repository, const QString& tag,
                                 const QString& packagesChoice) {
    m_repoEdit->setText(repository);
    m_tagCombo->setEditText(tag);
    const int i = m_packagesCombo->findData(packagesChoice);
    if (i >= 0)
        m_packagesCombo->setCurrentIndex(i);
    else
        m_packagesCombo->addItem(packagesChoice, packagesChoice);
}

void MatrixToolbar::setTags(const QStringList& tags) {
    const QString current = m_tagCombo->currentText();
    m_tagCombo->clear();
    m_tagCombo->addItems(tags);
    m_tagCombo->setEditText(current.isEmpty() && !tags.isEmpty() ? tags.first() : current);
}

bool MatrixToolbar::hasTags() const {
    return m_tagCombo->count() > 0;
}

void MatrixToolbar::setRunning(bool running) {
    m_refreshButton->setEnabled(!running);
    m_cancelButton->setEnabled(running);
}

void MatrixToolbar::setProgress(qint64 done, qint64 total) {
    m_progress->setMaximum(int(std::max<qint64>(1, total)));
    m_progress->setValue(int(done));
}

void MatrixToolbar::setSummary(const QString& text) {
    m_lastRefresh->setText(text);
}

} // namespace sagedock::app
