#include "pages.h"

#include "appcontext.h"
#include "icons.h"
#include "pages/launchpage.h"
#include "pages/reviewpage.h"
#include "pages/sessionspage.h"
#include "pages/matrixpage.h"
#include "pages/buildspage.h"

#include <QCoreApplication>

namespace sagedock::app {

QList<PageEntry> createPages(AppContext& context, QWidget* parent) {
    Q_UNUSED(context);
    Q_UNUSED(parent);
    QList<PageEntry> pages;
    // One line per page, in the order people need them: casual users first, maintainers last.
    pages.append({QStringLiteral("launch"), QCoreApplication::translate("sagedock::app", "Launch"),
                  icons::named("launch"), new LaunchPage(context, parent)});
    pages.append({QStringLiteral("review"), QCoreApplication::translate("sagedock::app", "Review"),
                  icons::named("review"), new ReviewPage(context, parent)});
    pages.append({QStringLiteral("sessions"), QCoreApplication::translate("sagedock::app", "Sessions"),
                  icons::named("sessions"), new SessionsPage(context, parent)});
    pages.append({QStringLiteral("matrix"), QCoreApplication::translate("sagedock::app", "Matrix"),
                  icons::named("matrix"), new MatrixPage(context, parent)});
    pages.append({QStringLiteral("builds"), QCoreApplication::translate("sagedock::app", "Builds"),
                  icons::named("builds"), new BuildsPage(context, parent)});
    return pages;
}

} // namespace sagedock::app
