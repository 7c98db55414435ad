#pragma once
// The pages of the main window, in navigation order. See app/PAGES.md for adding one.

#include <QIcon>
#include <QList>
#include <QString>
#include <QWidget>

namespace sagedock::app {

class AppContext;

struct PageEntry {
    QString id;    // stable, stored in settings ("matrix", "launch", ...)
    QString title; // translated
    QIcon icon;
    QWidget* widget;
};

QList<PageEntry> createPages(AppContext& context, QWidget* parent);

} // namespace sagedock::app
