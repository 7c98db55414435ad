#pragma once
// The list of the Launch, Review and Sessions pages: a flat QTreeView over a sort proxy, sorted by
// clicking a header, one row selected at a time, columns as wide as their contents. One place, so
// the three lists behave alike.
// Usage:
//   m_view = newListView(QStringLiteral("releaseView"), m_proxy, this);

#include <QString>

class QAbstractItemModel;
class QTreeView;
class QWidget;

namespace sagedock::app {

QTreeView* newListView(const QString& objectName, QAbstractItemModel* model, QWidget* parent);

} // namespace sagedock::app
