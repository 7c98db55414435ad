#include "launch/desktop.h"

#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

namespace sagedock::launch {

QStringList terminalArgv(const QStringList& command, const QString& preferred,
                         const std::function<QString(const QString&)>& findIn, const QString& terminalEnv) {
    const auto find =
        findIn ? findIn : [](const QString& name) { return QStandardPaths::findExecutable(name); };
    QStringList candidates;
    if (!preferred.isEmpty())
        candidates << preferred;
    if (!terminalEnv.isEmpty())
        candidates << terminalEnv;
    candidates << QStringLiteral("x-terminal-emulator") << QStringLiteral("gnome-terminal")
               << QStringLiteral("konsole") << QStringLiteral("xterm");
    for (const QString& candidate : candidates) {
        const QString path = QFileInfo(candidate).isAbsolute() ? candidate : find(candidate);
        if (path.isEmpty())
            continue;
        const QString base = QFileInfo(candidate).fileName();
        // gnome-terminal takes the command after "--"; the others (and x-terminal-emulator) after "-e".
        if (base == QLatin1String("gnome-terminal"))
            return QStringList{path, QStringLiteral("--")} + command;
        return QStringList{path, QStringLiteral("-e")} + command;
    }
    return {};
}

bool startDetached(const QStringList& argv) {
    if (argv.isEmpty())
        return false;
    return QProcess::startDetached(argv.first(), argv.mid(1));
}

bool openInBrowser(const QUrl& url) {
    const QString browser = QString::fromLocal8Bit(qgetenv("BROWSER"));
    for (const QString& candidate : {browser, QStringLiteral("xdg-open")}) {
        if (candidate.isEmpty())
            continue;
        const QString path = QStandardPaths::findExecutable(candidate);
        if (!path.isEmpty() && startDetached({path, url.toString()}))
            return true;
    }
    return false;
}

} // namespace sagedock::launch
