#include "models/sessionmodel.h"

namespace sagedock::app {

SessionModel::SessionModel(QObject* parent)
    : QAbstractTableModel(parent) {}

void SessionModel::setSessions(const QList<launch::Session>& sessions) {
    beginResetModel();
    m_sessions = sessions;
    endResetModel();
}

const launch::Session* SessionModel::sessionAt(int row) const {
    return row >= 0 && row < m_sessions.size() ? &m_sessions.at(row) : nullptr;
}

void SessionModel::setNow(const QDateTime& now) {
    m_now = now;
    if (!m_sessions.isEmpty())
        Q_EMIT dataChanged(index(0, UptimeColumn), index(int(m_sessions.size()) - 1, UptimeColumn));
}

QString SessionModel::uptimeText(qint64 s) {
    if (s < 0)
        return {};
    if (s < 60)
        return tr("%n second(s)", nullptr, int(s));
    if (s < 3600)
        return tr("%n minute(s)", nullptr, int(s / 60));
    if (s < 86400)
        return tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
    return tr("%n day(s)", nullptr, int(s / 86400));
}

qint64 SessionModel::uptimeSeconds(const launch::Session& s) const {
    if (!s.isRunning() || !s.startedAt.isValid())
        return -1;
    const QDateTime now = m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc();
    return std::max<qint64>(0, s.startedAt.secsTo(now));
}

int SessionModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_sessions.size());
}

int SessionModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SessionModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_sessions.size())
        return {};
    const launch::Session& s = m_sessions.at(index.row());
    switch (role) {
    case IdRole:
        return s.id;
    case UrlRole:
        return s.url;
    case IsShellRole:
        return s.isShell();
    case SortRole:
        switch (index.column()) {
        case PortColumn:
            return s.port;
        case UptimeColumn:
            return uptimeSeconds(s);
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return s.name;
        case ImageColumn:
            return s.image;
        case FlavorColumn:
            return s.isShell() ? tr("%1 (shell)").arg(s.flavor) : s.flavor;
        case PortColumn:
            return s.port > 0 ? QString::number(s.port) : QStringLiteral("–");
        case UptimeColumn:
            return uptimeText(uptimeSeconds(s));
        case FolderColumn:
            return s.notebooks;
        case StateColumn:
            return s.isRunning() ? tr("Running") : tr("Stopped (%1)").arg(s.state);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == FolderColumn)
            return tr("%1 on this computer is %2 in the container").arg(s.notebooks, s.containerNotebooks);
        return s.id.left(12);
    default:
        break;
    }
    return {};
}

QVariant SessionModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case ImageColumn:
        return tr("Image");
    case FlavorColumn:
        return tr("Flavor");
    case PortColumn:
        return tr("Port");
    case UptimeColumn:
        return tr("Up");
    case FolderColumn:
        return tr("Notebooks folder");
    case StateColumn:
        return tr("State");
    }
    return {};
}

} // namespace sagedock::app
