#include "icons.h"

#include <QString>

namespace sagedock::app::icons {

QIcon named(const char* name) {
    return QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(name)));
}

QIcon appIcon() {
    // Prefer the installed theme icon (packaging installs it under the reverse-DNS id).
    return QIcon::fromTheme(QStringLiteral("io.github.sagedock.SageDock"), named("sagedock"));
}

} // namespace sagedock::app::icons
