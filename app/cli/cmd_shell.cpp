// `sagedock-cli shell SESSION [-- COMMAND...]`: an interactive shell (or COMMAND) in a running session,
// as the user the session runs as, in its working directory. The CLI replaces itself with the docker
// CLI's `exec` (argv, no shell string), so the terminal, its signals and job control belong to the
// shell, and the exit status is the shell's. With a terminal: a TTY (-t); without one (a pipe, a CI
// job): one sentence on stderr, and the command reads standard input.

#include "command.h"
#include "output.h"
#include "sessioncli.h"

#include "engine/engineclient.h"
#include "launch/desktop.h"
#include "launch/sessionstore.h"

#include <QStandardPaths>

#include <cerrno>
#include <cstring>
#include <vector>

#include <unistd.h>

using namespace sagedock;

SAGEDOCK_CLI_COMMAND(
    "shell", "Open an interactive shell (or run a command) in a running session.",
    [](QCommandLineParser& p) {
        p.addPositionalArgument(QStringLiteral("session"), QStringLiteral("Session name or id (prefix)."));
        p.addPositionalArgument(QStringLiteral("command"),
                                QStringLiteral("What to run instead of bash (after --)."),
                                QStringLiteral("[-- COMMAND...]"));
    },
    [](const QCommandLineParser& p, cli::Io& io, cli::Done done) {
        const QStringList args = p.positionalArguments();
        if (args.isEmpty()) {
            done(cli::usageError(io, QStringLiteral("shell"), QStringLiteral("expected a SESSION argument")));
            return;
        }
        const QString docker = QStandardPaths::findExecutable(QStringLiteral("docker"));
        if (docker.isEmpty()) {
            done(cli::printError(
                io,
                util::Error::make(util::ErrorCode::NotFound,
                                  QStringLiteral("A shell needs the docker command-line tool, which is not "
                                                 "on PATH."),
                                  QStringLiteral("Install docker-cli (or docker.io)."))));
            return;
        }
        cli::listSessions(
            io, done,
            [&io, done, args, docker](launch::SessionStore*, const QList<launch::Session>& sessions) {
                auto selected = launch::selectSessions(sessions, {args.first()}, false, false, ::getuid());
                if (!selected.ok()) {
                    done(cli::printError(io, selected.error()));
                    return;
                }
                const launch::Session s = selected.value().first();
                if (!s.isRunning()) {
                    done(cli::printError(
                        io, util::Error::make(
                                util::ErrorCode::Conflict,
                                QStringLiteral("The session %1 is not running (%2).").arg(s.name, s.state),
                                QStringLiteral("Start a new one with `sagedock-cli launch`."))));
                    return;
                }
                const bool tty = ::isatty(STDIN_FILENO) && ::isatty(STDOUT_FILENO);
                const QStringList command = args.mid(1);
                if (!tty)
                    io.err << "sagedock-cli: no terminal here, so "
                           << (command.isEmpty() ? QStringLiteral("the shell") : command.first())
                           << " reads commands from standard input without a prompt; run "
                              "this from a terminal for an interactive shell.\n";
                const QStringList argv =
                    launch::dockerExecArgv(cli::engineClient().value()->endpoint(), s, tty, command);
                io.out.flush();
                io.err.flush();
                std::vector<QByteArray> storage;
                for (const QString& a : argv)
                    storage.push_back(a.toLocal8Bit());
                std::vector<char*> cargv;
                for (QByteArray& a : storage)
                    cargv.push_back(a.data());
                cargv.push_back(nullptr);
                const QByteArray program = docker.toLocal8Bit();
                ::execv(program.constData(), cargv.data());
                // Only reached when exec failed.
                done(cli::printError(
                    io, util::Error::make(util::ErrorCode::Process,
                                          QStringLiteral("Could not run %1: %2.")
                                              .arg(docker, QString::fromLocal8Bit(std::strerror(errno))),
                                          QStringLiteral("Check the docker CLI installation."))));
            });
    })
