#include "models/toxenvironmentmodel.h"

namespace sagedock::app {

ToxEnvironmentModel::ToxEnvironmentModel(QObject* parent)
    : QAbstractItemModel(parent) {}

void ToxEnvironmentModel::setEnvironments(const QList<imagebuild::DockerEnvironment>& environments) {
    beginResetModel();
    m_systems.clear();
    for (const imagebuild::DockerEnvironment& e : environments) {
        auto it = std::find_if(m_systems.begin(), m_systems.end(),
                               [&](const System& s) { return s.name == e.system; });
        if (it == m_systems.end()) {
            m_systems.append({e.system, {}});
            it = m_systems.end() - 1;
        }
        it->environments << e;
    }
    endResetModel();
}

int ToxEnvironmentModel::environmentCount() const {
    int n = 0;
    for (const System& s : m_systems)
        n += int(s.environments.size());
    return n;
}

QModelIndex ToxEnvironmentModel::indexOf(const QString& environment) const {
    for (int s = 0; s < m_systems.size(); ++s)
        for (int e = 0; e < m_systems.at(s).environments.size(); ++e)
            if (m_systems.at(s).environments.at(e).name == environment)
                return createIndex(e, Name, quintptr(s + 1));
    return {};
}

QRegularExpression ToxEnvironmentModel::searchPattern(const QString& text) {
    // One lookahead per word: all of them, in any order.
    QString pattern;
    for (const QString& word : text.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts))
        pattern += QStringLiteral("(?=.*%1)").arg(QRegularExpression::escape(word));
    return QRegularExpression(u'^' + pattern, QRegularExpression::CaseInsensitiveOption);
}

QModelIndex ToxEnvironmentModel::index(int row, int column, const QModelIndex& parent) const {
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, quintptr(0));
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex ToxEnvironmentModel::parent(const QModelIndex& child) const {
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int ToxEnvironmentModel::rowCount(const QModelIndex& parent) const {
    if (!parent.isValid())
        return int(m_systems.size());
    if (parent.internalId() != 0 || parent.column() != 0) // environments have no children
        return 0;
    return int(m_systems.at(parent.row()).environments.size());
}

int ToxEnvironmentModel::columnCount(const QModelIndex&) const {
    return ColumnCount;
}

QVariant ToxEnvironmentModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid())
        return {};
    if (index.internalId() == 0) {
        const System& s = m_systems.at(index.row());
        switch (role) {
        case Qt::DisplayRole:
            if (index.column() == Name)
                return s.name;
            if (index.column() == Packages)
                return tr("%n environment(s)", nullptr, int(s.environments.size()));
            return {};
        case RawRole:
            if (index.column() == Name)
                return s.name;
            if (index.column() == Packages)
                return int(s.environments.size());
            return QString();
        case SystemRole:
        case SearchRole:
            return s.name;
        case EnvironmentRole:
            return QString();
        }
        return {};
    }
    const imagebuild::DockerEnvironment& e =
        m_systems.at(int(index.internalId() - 1)).environments.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case RawRole:
        if (index.column() == Name)
            return e.name;
        if (index.column() == Packages)
            return e.packages;
        return e.modifiers.join(u'-');
    case Qt::ToolTipRole:
        return tr("tox -e %1").arg(e.name);
    case EnvironmentRole:
    case SearchRole:
        return e.name;
    case SystemRole:
        return e.system;
    }
    return {};
}

QVariant ToxEnvironmentModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("System / tox environment");
    case Packages:
        return tr("Packages");
    case Modifiers:
        return tr("Modifiers");
    }
    return {};
}

Qt::ItemFlags ToxEnvironmentModel::flags(const QModelIndex& index) const {
    if (!index.isValid())
        return Qt::NoItemFlags;
    // A system is a heading; only an environment can be chosen.
    return index.internalId() == 0 ? Qt::ItemIsEnabled : Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

} // namespace sagedock::app
