#pragma once
// The user's desktop, seen from core: the terminal emulator for a shell in a session, and the
// browser for the CLI (the GUI uses QDesktopServices). argv lists only, never shell strings. Both
// run as detached util::ProcessJobs: they outlive SageDock, and nothing waits for them.
// Usage:
//   QStringList argv = launch::terminalArgv(session.execCommand(), settings.terminalCommand());
//   util::ProcessJob* job = launch::startDetached(argv, this);
//   if (!job) show(session.execCommand().join(' '));
//   else connect(job, &util::Job::finished, this, [job](const util::Error& e) { ...; job->deleteLater(); });

#include "engine/endpoint.h"
#include "launch/session.h"
#include "util/processjob.h"

#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>

namespace sagedock::launch {

// argv that opens `command` in a terminal: the preference, then $TERMINAL, x-terminal-emulator,
// gnome-terminal, konsole, xterm. Empty when none is installed. `find` looks a program up on PATH.
QStringList terminalArgv(const QStringList& command, const QString& preferred = {},
                         const std::function<QString(const QString&)>& find = {},
                         const QString& terminalEnv = QString::fromLocal8Bit(qgetenv("TERMINAL")));

// Starts argv detached; the job is started and finishes once the program runs (or with the reason it
// could not start). nullptr when argv is empty.
util::ProcessJob* startDetached(const QStringList& argv, QObject* parent = nullptr);

// argv for an interactive command (default bash) in a running session through the docker CLI, on the
// same engine as SageDock's client: `docker --host H [TLS files] exec -i [-t] -w WORKDIR NAME CMD...`.
// -t only when `tty` (stdin and stdout are terminals): without one the command reads stdin and no
// prompt is drawn. Pure: the caller decides `tty` and runs (or execs) the result.
QStringList dockerExecArgv(const engine::Endpoint& endpoint, const Session& session, bool tty,
                           const QStringList& command = {});

// xdg-open (or $BROWSER) on the URL, detached, like startDetached(). nullptr when neither exists.
util::ProcessJob* openInBrowser(const QUrl& url, QObject* parent = nullptr);

} // namespace sagedock::launch
