#include "command.h"

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

int usageError(Io& io, const QString& command, const QString& message) {
    io.err << "sagedock-cli " << command << ": " << message << "\n";
    io.err << "Try 'sagedock-cli " << command << " --help'.\n";
    io.err.flush();
    return ExitUsage;
}

} // namespace sagedock::cli
