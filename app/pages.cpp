#include "pages.h"

#include "appcontext.h"
#include "icons.h"
#include "pages/buildspage.h"
#include "pages/launchpage.h"
#include "pages/matrixpage.h"
#include "pages/reviewpage.h"
#include "pages/sessionspage.h"

#include <QCoreApplication>

namespace sagedock::app {

QList<PageEntry> createPages(AppContext& context, QWidget* parent) {
    QList<PageEntry> pages;
    // One line per page, in the order people need them: casual users first, maintainers last.
    pages.append({QStringLiteral("launch"), QCoreApplication::translate("sagedock::app", "Launch"),
                  icons::named("launch"), new LaunchPage(context, parent)});
    auto* reviewPage = new ReviewPage(context, parent);
    pages.append({QStringLiteral("review"), QCoreApplication::translate("sagedock::app", "Review"),
                  icons::named("review"), reviewPage});
    pages.append({QStringLiteral("sessions"), QCoreApplication::translate("sagedock::app", "Sessions"),
                  icons::named("sessions"), new SessionsPage(context, parent)});
    auto* matrixPage = new MatrixPage(context, parent);
    matrixPage->setRefreshOnFirstShow(true);
    QObject::connect(matrixPage, &MatrixPage::launchRequested, reviewPage,
                     [&context, reviewPage](const QString& image) {
                         reviewPage->review(image);
                         context.requestPage(QStringLiteral("review"));
                     });
    pages.append({QStringLiteral("matrix"), QCoreApplication::translate("sagedock::app", "Matrix"),
                  icons::named("matrix"), matrixPage});
    pages.append({QStringLiteral("builds"), QCoreApplication::translate("sagedock::app", "Builds"),
                  icons::named("builds"), new BuildsPage(context, parent)});
    return pages;
}

} // namespace sagedock::app
