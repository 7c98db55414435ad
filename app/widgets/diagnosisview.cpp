#include "widgets/diagnosisview.h"

#include "icons.h"

#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace sagedock::app {

DiagnosisModel::DiagnosisModel(QObject* parent)
    : QAbstractTableModel(parent) {}

int DiagnosisModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_stages.size());
}

int DiagnosisModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DiagnosisModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Stage:
        return tr("Stage");
    case Steps:
        return tr("Steps");
    case Cached:
        return tr("Cached");
    case Executed:
        return tr("Executed");
    case Failed:
        return tr("Failed");
    case Duration:
        return tr("Duration");
    case FirstExecuted:
        return tr("First executed step");
    case Reason:
        return tr("Why it missed the cache");
    default:
        return {};
    }
}

const buildlog::StageDiagnosis* DiagnosisModel::stage(int row) const {
    return row >= 0 && row < m_stages.size() ? &m_stages.at(row) : nullptr;
}

QVariant DiagnosisModel::data(const QModelIndex& index, int role) const {
    const buildlog::StageDiagnosis* s = index.isValid() ? stage(index.row()) : nullptr;
    if (!s || index.column() < 0 || index.column() >= ColumnCount)
        return {};
    const bool raw = role == RawRole;
    if (role == ReasonCodeRole)
        return s->firstExecuted ? buildlog::reasonCode(s->firstExecuted->reason) : QString();
    if (role == Qt::DecorationRole && index.column() == Stage) {
        if (s->failed > 0)
            return icons::named("status-error");
        if (!s->finished)
            return icons::named("status-busy");
        return icons::named(s->executed > 0 ? "status-warning" : "status-ok");
    }
    if (role == Qt::ToolTipRole && index.column() == Stage) {
        if (s->failed > 0)
            return tr("Failed");
        if (!s->finished)
            return tr("Running");
        return s->executed > 0 ? tr("Rebuilt: the cache broke in this stage or before") : tr("Fully cached");
    }
    if (role == Qt::ToolTipRole && (index.column() == Reason || index.column() == FirstExecuted) &&
        s->firstExecuted)
        return s->firstExecuted->text;
    if (role == Qt::TextAlignmentRole && index.column() >= Steps && index.column() <= Duration)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && !raw)
        return {};
    switch (index.column()) {
    case Stage:
        return s->name;
    case Steps:
        return raw ? QVariant(s->steps) : QVariant(QString::number(s->steps));
    case Cached:
        return raw ? QVariant(s->cached) : QVariant(QString::number(s->cached));
    case Executed:
        return raw ? QVariant(s->executed) : QVariant(QString::number(s->executed));
    case Failed:
        return raw ? QVariant(s->failed) : QVariant(QString::number(s->failed));
    case Duration:
        if (raw)
            return s->durationSeconds;
        return s->durationSeconds < 0 ? tr("unknown") : tr("%1 s").arg(s->durationSeconds, 0, 'f', 1);
    case FirstExecuted:
        return s->firstExecuted ? s->firstExecuted->step : (raw ? QString() : tr("— (all cached)"));
    case Reason:
        if (!s->firstExecuted)
            return QString();
        return raw ? buildlog::reasonCode(s->firstExecuted->reason) : s->firstExecuted->text;
    default:
        return {};
    }
}

void DiagnosisModel::setStages(const QList<buildlog::StageDiagnosis>& stages) {
    // Stages only ever get added while a build runs: update in place, insert the new ones.
    bool sameHead = stages.size() >= m_stages.size();
    for (qsizetype i = 0; sameHead && i < m_stages.size(); ++i)
        sameHead = m_stages.at(i).name == stages.at(i).name;
    if (!sameHead) {
        beginResetModel();
        m_stages = stages;
        endResetModel();
        return;
    }
    const int old = int(m_stages.size());
    for (int i = 0; i < old; ++i)
        m_stages[i] = stages.at(i);
    if (old > 0)
        Q_EMIT dataChanged(index(0, 0), index(old - 1, ColumnCount - 1));
    if (stages.size() > old) {
        beginInsertRows({}, old, int(stages.size()) - 1);
        for (qsizetype i = old; i < stages.size(); ++i)
            m_stages.append(stages.at(i));
        endInsertRows();
    }
}

// ---------------------------------------------------------------------------------------------------------

DiagnosisView::DiagnosisView(QWidget* parent)
    : QWidget(parent)
    , m_model(new DiagnosisModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_table(new QTableView(this))
    , m_summary(new QLabel(this))
    , m_detail(new QLabel(this))
    , m_notes(new QListWidget(this))
    , m_refresh(new QTimer(this)) {
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(DiagnosisModel::RawRole);
    m_table->setObjectName(QStringLiteral("diagnosisStages"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(false); // stage order is the build order until the user sorts
    m_table->horizontalHeader()->setSectionsClickable(true);
    connect(m_table->horizontalHeader(), &QHeaderView::sectionClicked, this,
            [this](int) { m_table->setSortingEnabled(true); });
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    m_summary->setObjectName(QStringLiteral("diagnosisSummary"));
    m_summary->setWordWrap(true);
    m_detail->setObjectName(QStringLiteral("diagnosisDetail"));
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notes->setObjectName(QStringLiteral("diagnosisNotes"));
    m_notes->setWordWrap(true);

    auto* lower = new QWidget(this);
    auto* lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->addWidget(m_detail);
    lowerLayout->addWidget(m_notes, 1);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(lower);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);

    m_refresh->setSingleShot(true);
    m_refresh->setInterval(200);
    connect(m_refresh, &QTimer::timeout, this, &DiagnosisView::refresh);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &DiagnosisView::showSelected);
    setDiagnosis({});
}

DiagnosisView::~DiagnosisView() = default;

void DiagnosisView::addEvents(const buildlog::BuildEvents& events) {
    m_diagnoser.addEvents(events);
    if (!m_refresh->isActive())
        m_refresh->start();
}

void DiagnosisView::setFormat(buildlog::LogFormat format) {
    m_diagnoser.setFormat(format);
    if (!m_refresh->isActive())
        m_refresh->start();
}

void DiagnosisView::refresh() {
    setDiagnosis(m_diagnoser.result());
}

void DiagnosisView::clear() {
    m_refresh->stop();
    m_diagnoser = buildlog::Diagnoser();
    setDiagnosis({});
}

void DiagnosisView::setDiagnosis(const buildlog::Diagnosis& d) {
    m_diagnosis = d;
    m_model->setStages(d.stages);
    if (d.stages.isEmpty()) {
        m_summary->setText(tr("No build steps yet."));
    } else {
        m_summary->setText(tr("%1 log, %2 stage(s): %3 step(s), %4 cached, %5 executed, %6 failed.")
                               .arg(buildlog::formatName(d.format))
                               .arg(d.stages.size())
                               .arg(d.steps)
                               .arg(d.cached)
                               .arg(d.executed)
                               .arg(d.failed));
    }
    m_notes->clear();
    for (const buildlog::CacheImport& ci : d.cacheImports) {
        auto* item = new QListWidgetItem(icons::named(ci.ok ? "status-ok" : "status-error"),
                                         ci.ok ? tr("Cache import OK: %1").arg(ci.ref)
                                               : tr("Cache import FAILED: %1 — %2").arg(ci.ref, ci.message),
                                         m_notes);
        item->setData(Qt::UserRole, QStringLiteral("cache-import"));
    }
    for (const buildlog::DiagnosisError& e : d.errors) {
        auto* item = new QListWidgetItem(icons::named("status-error"),
                                         e.step.isEmpty() ? tr("Error: %1").arg(e.message)
                                                          : tr("Error in %1: %2").arg(e.step, e.message),
                                         m_notes);
        item->setData(Qt::UserRole, QStringLiteral("error"));
    }
    for (const buildlog::DiagnosisWarning& w : d.warnings) {
        auto* item =
            new QListWidgetItem(icons::named("status-warning"), tr("Warning: %1").arg(w.message), m_notes);
        item->setData(Qt::UserRole, w.kind);
    }
    // Point at the first stage where the cache broke, the question people open this panel with.
    if (!m_table->currentIndex().isValid() ||
        !m_model->stage(m_proxy->mapToSource(m_table->currentIndex()).row())) {
        for (int row = 0; row < m_model->rowCount(); ++row) {
            if (m_model->stage(row)->firstExecuted) {
                m_table->setCurrentIndex(m_proxy->mapFromSource(m_model->index(row, 0)));
                break;
            }
        }
    }
    showSelected();
}

void DiagnosisView::showSelected() {
    const QModelIndex current = m_proxy->mapToSource(m_table->currentIndex());
    const buildlog::StageDiagnosis* s = current.isValid() ? m_model->stage(current.row()) : nullptr;
    if (!s) {
        m_detail->setText(m_diagnosis.stages.isEmpty() ? QString()
                                                       : tr("Select a stage to see why it was rebuilt."));
        return;
    }
    if (!s->firstExecuted) {
        m_detail->setText(tr("Stage %1: every step came from the cache.").arg(s->name));
        return;
    }
    m_detail->setText(tr("Stage %1 — first executed step: %2\nWhy: %3")
                          .arg(s->name, s->firstExecuted->step, s->firstExecuted->text));
}

} // namespace sagedock::app
