#include "widgets/logview.h"

#include "icons.h"

#include <QApplication>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPalette>
#include <QScrollBar>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace sagedock::app {

using buildlog::BuildEvent;
using buildlog::LineKind;
using buildlog::StepStatus;

LogLineModel::LogLineModel(QObject* parent)
    : QAbstractListModel(parent)
    , m_cachedIcon(icons::named("status-ok"))
    , m_executedIcon(icons::named("status-busy"))
    , m_errorIcon(icons::named("status-error"))
    , m_cancelledIcon(icons::named("status-missing")) {}

int LogLineModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_lines.size());
}

QVariant LogLineModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_lines.size() || index.column() != 0)
        return {};
    const Line& line = m_lines.at(index.row());
    const auto status = line.step >= 0 ? m_status.constFind(key(line.build, line.step)) : m_status.cend();
    const bool known = status != m_status.cend();
    switch (role) {
    case Qt::DisplayRole:
        return line.text;
    case KindRole:
        return int(line.kind);
    case StepRole:
        return line.step;
    case BuildRole:
        return line.build;
    case StatusRole:
        return known ? int(*status) : -1;
    case Qt::ForegroundRole:
        if (line.kind == LineKind::Error ||
            (known && *status == StepStatus::Error && line.kind != LineKind::Output))
            return QColor(0xc6, 0x28, 0x28);
        if (line.kind == LineKind::Warning)
            return QColor(0xb2, 0x6a, 0x00);
        if ((known && *status == StepStatus::Cached) || line.kind == LineKind::Cached)
            return QApplication::palette().color(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::FontRole: {
        const bool executed = known && (*status == StepStatus::Done || *status == StepStatus::Error);
        if (executed &&
            (line.kind == LineKind::Header || line.kind == LineKind::Done || line.kind == LineKind::Error)) {
            QFont f = QFontDatabase::systemFont(QFontDatabase::FixedFont);
            f.setBold(true);
            return f;
        }
        if (line.kind == LineKind::Group) {
            QFont f = QFontDatabase::systemFont(QFontDatabase::FixedFont);
            f.setItalic(true);
            return f;
        }
        return {};
    }
    case Qt::DecorationRole:
    case Qt::ToolTipRole: {
        if (line.kind != LineKind::Header && line.kind != LineKind::Error)
            return {};
        const bool deco = role == Qt::DecorationRole;
        if (line.kind == LineKind::Error && !known)
            return deco ? QVariant(m_errorIcon) : QVariant(tr("Error"));
        if (!known)
            return {};
        switch (*status) {
        case StepStatus::Cached:
            return deco ? QVariant(m_cachedIcon) : QVariant(tr("Cached: reused from the build cache"));
        case StepStatus::Done:
            return deco ? QVariant(m_executedIcon) : QVariant(tr("Executed: missed the cache"));
        case StepStatus::Error:
            return deco ? QVariant(m_errorIcon) : QVariant(tr("Failed"));
        case StepStatus::Canceled:
            return deco ? QVariant(m_cancelledIcon) : QVariant(tr("Cancelled"));
        case StepStatus::Running:
            return deco ? QVariant(m_executedIcon) : QVariant(tr("Running"));
        }
        return {};
    }
    default:
        return {};
    }
}

void LogLineModel::append(const buildlog::BuildEvents& events, int maxLines) {
    qsizetype lines = 0;
    for (const BuildEvent& e : events)
        if (e.type == BuildEvent::Type::Line)
            ++lines;
    // Lines of a step shown earlier restyle when it finishes (a header dims once CACHED follows): only
    // the rows from that step's first line on are announced, not the whole log.
    qint64 restyleFrom = -1;
    auto setStatus = [&](const BuildEvent& e, StepStatus status) {
        const quint64 k = key(e.build, e.step);
        m_status.insert(k, status);
        if (const auto it = m_firstRow.constFind(k); it != m_firstRow.cend())
            restyleFrom = restyleFrom < 0 ? *it : std::min(restyleFrom, *it);
    };
    const int first = int(m_lines.size());
    if (lines > 0) {
        beginInsertRows({}, first, first + int(lines) - 1);
        m_lines.reserve(m_lines.size() + lines);
    }
    for (const BuildEvent& e : events) {
        if (e.type == BuildEvent::Type::Line) {
            if (e.step >= 0)
                m_firstRow.emplace(key(e.build, e.step), m_dropped + m_lines.size());
            m_lines.append(Line{e.text, e.lineKind, e.build, e.step});
        } else if (e.type == BuildEvent::Type::StepStarted) {
            setStatus(e, StepStatus::Running);
        } else if (e.type == BuildEvent::Type::StepFinished) {
            setStatus(e, e.status);
        }
    }
    if (lines > 0)
        endInsertRows();
    if (maxLines > 0 && m_lines.size() > maxLines) {
        // Drop a tenth more than needed so that trimming happens rarely, not on every batch.
        const int drop = int(std::min<qsizetype>(m_lines.size(), m_lines.size() - maxLines + maxLines / 10));
        beginRemoveRows({}, 0, drop - 1);
        m_lines.remove(0, drop);
        endRemoveRows();
        m_dropped += drop;
    }
    if (restyleFrom >= 0 && !m_lines.isEmpty()) {
        const int from = int(std::clamp<qint64>(restyleFrom - m_dropped, 0, m_lines.size() - 1));
        Q_EMIT dataChanged(
            index(from), index(int(m_lines.size()) - 1),
            {Qt::ForegroundRole, Qt::FontRole, Qt::DecorationRole, Qt::ToolTipRole, StatusRole});
    }
}

void LogLineModel::clear() {
    beginResetModel();
    m_lines.clear();
    m_status.clear();
    m_firstRow.clear();
    m_dropped = 0;
    endResetModel();
}

// ---------------------------------------------------------------------------------------------------------

LogView::LogView(QWidget* parent)
    : QWidget(parent)
    , m_model(new LogLineModel(this))
    , m_view(new QListView(this))
    , m_search(new QLineEdit(this))
    , m_follow(new QToolButton(this))
    , m_count(new QLabel(this))
    , m_searchStatus(new QLabel(this))
    , m_flushTimer(new QTimer(this))
    , m_fileTimer(new QTimer(this)) {
    resetParser();
    m_view->setObjectName(QStringLiteral("logList"));
    m_view->setModel(m_model);
    m_view->setUniformItemSizes(true); // constant-time layout: the view keeps up with any line count
    m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_view->setIconSize(QSize(12, 12));

    m_search->setObjectName(QStringLiteral("logSearch"));
    m_search->setPlaceholderText(tr("Search the log"));
    m_search->setClearButtonEnabled(true);
    auto* next = new QToolButton(this);
    next->setObjectName(QStringLiteral("logFindNext"));
    next->setText(tr("Next"));
    next->setToolTip(tr("Find the next line containing the text (Enter)"));
    auto* previous = new QToolButton(this);
    previous->setObjectName(QStringLiteral("logFindPrevious"));
    previous->setText(tr("Previous"));
    previous->setToolTip(tr("Find the previous line containing the text (Shift+Enter)"));
    m_follow->setObjectName(QStringLiteral("logFollow"));
    m_follow->setText(tr("Follow"));
    m_follow->setToolTip(tr("Keep the newest line in view"));
    m_follow->setCheckable(true);
    m_follow->setChecked(true);
    m_count->setObjectName(QStringLiteral("logLineCount"));
    m_searchStatus->setObjectName(QStringLiteral("logSearchStatus"));

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_search, 1);
    bar->addWidget(previous);
    bar->addWidget(next);
    bar->addWidget(m_searchStatus);
    bar->addStretch();
    bar->addWidget(m_count);
    bar->addWidget(m_follow);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    m_flushTimer->setSingleShot(true);
    m_flushTimer->setInterval(50);
    connect(m_flushTimer, &QTimer::timeout, this, &LogView::flush);
    m_fileTimer->setInterval(0);
    connect(m_fileTimer, &QTimer::timeout, this, &LogView::readFileSlice);
    connect(m_search, &QLineEdit::returnPressed, this,
            [this] { find(m_search->text(), QApplication::keyboardModifiers() & Qt::ShiftModifier); });
    connect(next, &QToolButton::clicked, this, [this] { find(m_search->text(), false); });
    connect(previous, &QToolButton::clicked, this, [this] { find(m_search->text(), true); });
    connect(m_follow, &QToolButton::toggled, this, [this](bool on) {
        if (on)
            m_view->scrollToBottom();
    });
    // Scrolling up by hand stops following; scrolling back to the end resumes it.
    connect(m_view->verticalScrollBar(), &QScrollBar::actionTriggered, this, [this] {
        QScrollBar* sb = m_view->verticalScrollBar();
        QTimer::singleShot(0, this, [this, sb] { m_follow->setChecked(sb->value() >= sb->maximum()); });
    });
    updateCount();
}

LogView::~LogView() = default;

void LogView::resetParser() {
    buildlog::ParserOptions options;
    options.lineEvents = true;
    m_parser = buildlog::Parser::create(buildlog::LogFormat::Unknown, options);
}

void LogView::appendData(QByteArrayView chunk) {
    m_parser->feed(chunk, m_pending);
    if (!m_flushTimer->isActive())
        m_flushTimer->start();
}

void LogView::finish() {
    m_parser->finish(m_pending);
    flush();
}

void LogView::clear() {
    m_fileTimer->stop();
    m_file.reset();
    m_flushTimer->stop();
    m_pending.clear();
    resetParser();
    m_model->clear();
    m_searchStatus->clear();
    updateCount();
}

void LogView::flush() {
    m_flushTimer->stop();
    if (m_pending.isEmpty())
        return;
    const buildlog::BuildEvents events = std::exchange(m_pending, {});
    m_model->append(events, m_maxLines);
    buildlog::BuildEvents parsed;
    for (const BuildEvent& e : events)
        if (e.type != BuildEvent::Type::Line)
            parsed.append(e);
    if (!parsed.isEmpty())
        Q_EMIT eventsParsed(parsed);
    if (m_follow->isChecked())
        m_view->scrollToBottom();
    updateCount();
}

bool LogView::loadFile(const QString& path, QString* error) {
    clear();
    m_file = std::make_unique<QFile>(path);
    if (!m_file->open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("Cannot read %1: %2").arg(path, m_file->errorString());
        m_file.reset();
        return false;
    }
    m_fileTimer->start();
    return true;
}

void LogView::readFileSlice() {
    if (!m_file)
        return;
    // 256 KiB per event-loop turn keeps each turn to a few milliseconds.
    const QByteArray slice = m_file->read(256 * 1024);
    if (!slice.isEmpty()) {
        appendData(slice);
        return;
    }
    m_fileTimer->stop();
    m_file.reset();
    finish();
    Q_EMIT fileLoaded();
}

void LogView::setMaximumLines(int lines) {
    m_maxLines = std::max(1000, lines);
}

bool LogView::follow() const {
    return m_follow->isChecked();
}

void LogView::setFollow(bool on) {
    m_follow->setChecked(on);
}

int LogView::lineCount() const {
    return m_model->rowCount();
}

buildlog::LogFormat LogView::format() const {
    return m_parser->format();
}

void LogView::updateCount() {
    const int n = m_model->rowCount();
    m_count->setText(m_model->droppedLines() > 0
                         ? tr("%n line(s), %1 older dropped", nullptr, n).arg(m_model->droppedLines())
                         : tr("%n line(s)", nullptr, n));
}

bool LogView::find(const QString& text, bool backwards) {
    flush();
    const int n = m_model->rowCount();
    if (text.isEmpty() || n == 0) {
        m_searchStatus->clear();
        return false;
    }
    const int current =
        m_view->currentIndex().isValid() ? m_view->currentIndex().row() : (backwards ? n : -1);
    for (int i = 1; i <= n; ++i) {
        const int row = ((backwards ? current - i : current + i) % n + n) % n;
        const QModelIndex idx = m_model->index(row);
        if (m_model->data(idx, Qt::DisplayRole).toString().contains(text, Qt::CaseInsensitive)) {
            m_follow->setChecked(false);
            m_view->setCurrentIndex(idx);
            m_view->scrollTo(idx, QAbstractItemView::PositionAtCenter);
            m_searchStatus->clear();
            return true;
        }
    }
    m_searchStatus->setText(tr("No match"));
    return false;
}

} // namespace sagedock::app
