#pragma once
// SageMath releases for the Launch page: tags of a Docker Hub repository (sagemath/sagemath) merged
// with the images already on the engine, newest first; `latest` and `develop` are marked, local
// availability and size shown. Works with either half alone (offline: local images only).
// Usage:
//   ReleaseModel model; model.setRepository("sagemath/sagemath");
//   model.setRemoteTags(tags); model.setLocalImages(images);
//   proxy.setSourceModel(&model); proxy.setSortRole(ReleaseModel::SortRole);

#include "engine/types.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QStringList>

namespace sagedock::app {

class ReleaseModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TagColumn = 0, KindColumn, LocalColumn, SizeColumn, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole + 1, // newest first when sorted ascending
        ImageRole,                   // QString: repository:tag
        LocalRole,                   // bool
        SizeRole,                    // qint64 bytes, -1 unknown
        KindRole,                    // QString: latest, develop, release, prerelease, other
    };

    struct Release {
        QString tag;
        QString kind;
        bool remote = false;
        bool local = false;
        qint64 size = -1;
    };

    explicit ReleaseModel(QObject* parent = nullptr);

    void setRepository(const QString& repository); // familiar form, e.g. "sagemath/sagemath"
    QString repository() const { return m_repository; }
    void setRemoteTags(const QStringList& tags);
    void setLocalImages(const QList<engine::ImageSummary>& images); // any images; filtered by repository
    const QList<Release>& releases() const { return m_rows; }
    QString imageAt(int row) const;

    // Sort key: latest, develop, then versions newest first, then other tags.
    static QString kindOf(const QString& tag);
    static qint64 orderKey(const QString& tag); // smaller = earlier in the list

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void rebuild();

    QString m_repository;
    QStringList m_remote;
    QList<engine::ImageSummary> m_local;
    QList<Release> m_rows;
};

QString humanSize(qint64 bytes);                  // "1.2 GB"; empty when negative (unknown)
QString shortDateTime(const QDateTime& dateTime); // local time, short locale format; empty when invalid

} // namespace sagedock::app
