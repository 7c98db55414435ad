#include "pages.h"

#include "appcontext.h"
#include "icons.h"

#include <QCoreApplication>

namespace sagedock::app {

QList<PageEntry> createPages(AppContext& context, QWidget* parent) {
    Q_UNUSED(context);
    Q_UNUSED(parent);
    QList<PageEntry> pages;
    // One line per page, in the order people need them: casual users first, maintainers last.
    return pages;
}

} // namespace sagedock::app
