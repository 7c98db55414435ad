#pragma once
// Running (and kept) SageDock sessions for the Sessions page: image, flavor, port, uptime, folder.
// Usage:
//   SessionModel model; connect(store, &launch::SessionStore::sessionsChanged, &model,
//   &SessionModel::setSessions);

#include "launch/session.h"

#include <QAbstractTableModel>
#include <QDateTime>

namespace sagedock::app {

class SessionModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        NameColumn = 0,
        ImageColumn,
        FlavorColumn,
        PortColumn,
        UptimeColumn,
        FolderColumn,
        StateColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1,
        IdRole,  // QString container id
        UrlRole, // QUrl (with token) or empty
        IsShellRole,
    };

    explicit SessionModel(QObject* parent = nullptr);

    void setSessions(const QList<sagedock::launch::Session>& sessions);
    const QList<launch::Session>& sessions() const { return m_sessions; }
    const launch::Session* sessionAt(int row) const;
    // "now" for the uptime column (tests pin it); default the current time.
    void setNow(const QDateTime& now);

    static QString uptimeText(qint64 seconds);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    qint64 uptimeSeconds(const launch::Session& s) const;
    QList<launch::Session> m_sessions;
    QDateTime m_now;
};

} // namespace sagedock::app
