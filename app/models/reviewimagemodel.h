#pragma once
// Platform images found for a PR, branch, tag or image reference on the Review page: one row an image
// (system, packages, stage, compressed size, created). Display text is formatted; the raw values are
// in roles so a QSortFilterProxyModel sorts size numerically, created chronologically and the stage
// in pipeline order (the bundled catalog's build order), not by the formatted text.
// Usage:
//   ReviewImageModel model; model.addImage({image, system, packages, stage, size, created});
//   proxy.setSourceModel(&model); proxy.setSortRole(ReviewImageModel::SortRole);

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>
#include <QString>

namespace sagedock::app {

class ReviewImageModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        ImageColumn = 0,
        SystemColumn,
        PackagesColumn,
        StageColumn,
        SizeColumn,
        CreatedColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, // the raw value of the column (below), or its text
        ImageRole,                   // QString: full image reference
        SizeRole,                    // qint64 compressed bytes, -1 unknown
        CreatedRole,                 // QDateTime, invalid when unknown
        StageIndexRole,              // int: position in the build pipeline, -1 unknown or none
    };

    struct Image {
        QString image;
        QString system;
        QString packages;
        QString stage;
        qint64 size = -1;
        QDateTime created;
    };

    explicit ReviewImageModel(QObject* parent = nullptr);

    void clear();
    void addImage(const Image& image);
    const QList<Image>& images() const { return m_rows; }
    QString imageAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Image> m_rows;
};

} // namespace sagedock::app
