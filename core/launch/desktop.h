#pragma once
// The user's desktop, seen from core: the terminal emulator for a shell in a session, and the
// browser for the CLI (the GUI uses QDesktopServices). argv lists only, never shell strings.
// Usage:
//   QStringList argv = launch::terminalArgv(session.execCommand(), settings.terminalCommand());
//   if (argv.isEmpty()) show(session.execCommand().join(' '));

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

// Starts argv detached (no wait); false when it could not start.
bool startDetached(const QStringList& argv);

// xdg-open (or $BROWSER) on the URL, detached. False when neither exists.
bool openInBrowser(const QUrl& url);

} // namespace sagedock::launch
