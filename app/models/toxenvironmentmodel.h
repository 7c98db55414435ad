#pragma once
// The docker environments a checkout's tox.ini offers, as a two-level tree for the Builds page:
// one row per system (in the file's order), under it one row per environment (name, package set,
// modifiers). RawRole gives the raw values for sorting; EnvironmentRole the tox environment name
// (empty on system rows, which cannot be selected); SearchRole the text searchPattern() matches,
// for a QSortFilterProxyModel with recursive filtering.
// Usage:
//   model->setEnvironments(imagebuild::dockerEnvironments(ini));
//   proxy->setSourceModel(model); proxy->setRecursiveFilteringEnabled(true);
//   proxy->setFilterRole(ToxEnvironmentModel::SearchRole);
//   proxy->setFilterRegularExpression(ToxEnvironmentModel::searchPattern(u"jammy stand"_s));

#include "imagebuild/toxdockerenvironments.h"

#include <QAbstractItemModel>
#include <QRegularExpression>

namespace sagedock::app {

class ToxEnvironmentModel final : public QAbstractItemModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ToxEnvironmentModel)
public:
    enum Column { Name, Packages, Modifiers, ColumnCount };
    enum Roles { RawRole = Qt::UserRole + 1, EnvironmentRole, SystemRole, SearchRole };
    explicit ToxEnvironmentModel(QObject* parent = nullptr);

    void setEnvironments(const QList<imagebuild::DockerEnvironment>& environments);
    int environmentCount() const;
    // The index (column Name) of an environment row; invalid when it is not listed.
    QModelIndex indexOf(const QString& environment) const;

    // Every whitespace-separated word of `text` somewhere in the name, in any order, any case.
    static QRegularExpression searchPattern(const QString& text);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

private:
    struct System {
        QString name;
        QList<imagebuild::DockerEnvironment> environments;
    };
    // Environment rows carry their system's row + 1 as internal id; system rows carry 0.
    QList<System> m_systems;
};

} // namespace sagedock::app
