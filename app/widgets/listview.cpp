#include "widgets/listview.h"

#include <QHeaderView>
#include <QTreeView>

namespace sagedock::app {

QTreeView* newListView(const QString& objectName, QAbstractItemModel* model, QWidget* parent) {
    auto* view = new QTreeView(parent);
    view->setObjectName(objectName);
    view->setRootIsDecorated(false);
    view->setModel(model);
    view->setSortingEnabled(true);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    return view;
}

} // namespace sagedock::app
