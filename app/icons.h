#pragma once
// Icons compiled into the app (resources/icons/*.svg). Usage: icons::named("matrix")

#include <QIcon>

namespace sagedock::app::icons {

QIcon named(const char* name); // ":/icons/<name>.svg"
QIcon appIcon();

} // namespace sagedock::app::icons
