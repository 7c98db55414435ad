// sagedock: the desktop app.

#include "appcontext.h"
#include "icons.h"
#include "languages.h"
#include "mainwindow.h"
#include "util/filemode.h"
#include "util/log.h"
#include "util/paths.h"
#include "util/settings.h"

#include <QApplication>

using namespace sagedock;

int main(int argc, char* argv[]) {
    sagedock::util::forbidWorldWritable(); // before anything creates a file or folder
    QApplication application(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("SageDock"));
    QApplication::setApplicationName(QStringLiteral("SageDock"));
    QApplication::setApplicationDisplayName(QStringLiteral("SageDock"));
    QApplication::setApplicationVersion(QStringLiteral(SAGEDOCK_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.sagedock.SageDock"));
    QApplication::setWindowIcon(app::icons::appIcon());

    util::initLogging({.directory = util::logDirectory()});
    util::logInfo(QStringLiteral("SageDock %1 starting (Qt %2)")
                      .arg(QStringLiteral(SAGEDOCK_VERSION), QString::fromLatin1(qVersion())));

    util::Settings settings;
    const QString language = app::installTranslators(settings.language());
    util::logInfo(QStringLiteral("language: %1").arg(language));

    app::AppContext context(settings); // its services own the transport, with the extra CA bundle
    app::MainWindow window(context);
    window.show();
    return application.exec();
}
