#include "command.h"

#include "services/services.h"
#include "util/settings.h"

#include <QCoreApplication>
#include <QPointer>

namespace sagedock::cli {

namespace {
QList<Command>& registry() {
    static QList<Command> list;
    return list;
}
} // namespace

bool registerCommand(const Command& command) {
    registry().append(command);
    std::sort(registry().begin(), registry().end(),
              [](const Command& a, const Command& b) { return qstrcmp(a.name, b.name) < 0; });
    return true;
}

const QList<Command>& commands() {
    return registry();
}

services::Services& services() {
    static QPointer<services::Services> instance;
    if (!instance) {
        // Parented to the application so the clients go before static destruction begins; the
        // settings live exactly as long as the services reading them.
        auto* settings = new util::Settings;
        instance = new services::Services(*settings, {}, QCoreApplication::instance());
        QObject::connect(instance, &QObject::destroyed, [settings] { delete settings; });
    }
    return *instance;
}

int usageError(Io& io, const QString& command, const QString& message) {
    io.err << "sagedock-cli " << command << ": " << message << "\n";
    io.err << "Try 'sagedock-cli " << command << " --help'.\n";
    io.err.flush();
    return ExitUsage;
}

} // namespace sagedock::cli
