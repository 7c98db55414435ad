#pragma once
// Subcommands register themselves: one .cpp per command with a SAGEDOCK_CLI_COMMAND at the bottom.
// A command runs asynchronously on the core's jobs and calls `done(exitCode)` once.
// Exit codes: 0 ok, 1 failure (or a --fail-on condition met), 2 usage error.

#include <QCommandLineParser>
#include <QStringList>
#include <QTextStream>

#include <functional>

namespace sagedock::services {
class Services;
}

namespace sagedock::cli {

enum ExitCode { ExitOk = 0, ExitFailure = 1, ExitUsage = 2 };

struct Io {
    QTextStream& out;
    QTextStream& err;
};

using Done = std::function<void(int exitCode)>;

struct Command {
    const char* name;
    const char* summary; // one line for `sagedock-cli --help`
    // Sets up `parser` (options, positional arguments) for this command.
    std::function<void(QCommandLineParser& parser)> describe;
    // Runs after parsing succeeded; must call done() exactly once (now or later).
    std::function<void(const QCommandLineParser& parser, Io& io, Done done)> run;
};

bool registerCommand(const Command& command);
const QList<Command>& commands();

// The CLI's one services object (the user's settings; the same transport, engine client and registry
// client as the GUI would build from them), created on first use and destroyed with the application.
services::Services& services();

// Prints "sagedock-cli NAME: message" to stderr and returns ExitUsage, for argument errors.
int usageError(Io& io, const QString& command, const QString& message);

} // namespace sagedock::cli

#define SAGEDOCK_CLI_CONCAT_(a, b) a##b
#define SAGEDOCK_CLI_CONCAT(a, b) SAGEDOCK_CLI_CONCAT_(a, b)
#define SAGEDOCK_CLI_COMMAND(...)                                                                            \
    namespace {                                                                                              \
    [[maybe_unused]] const bool SAGEDOCK_CLI_CONCAT(registered_, __LINE__) =                                 \
        ::sagedock::cli::registerCommand(::sagedock::cli::Command{__VA_ARGS__});                             \
    }
