#include "launch/desktop.h"

#include <QFileInfo>
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

QStringList dockerExecArgv(const engine::Endpoint& endpoint, const Session& session, bool tty,
                           const QStringList& command) {
    QStringList argv{QStringLiteral("docker")};
    if (!endpoint.host.isEmpty())
        argv << QStringLiteral("--host") << endpoint.host;
    if (endpoint.kind == engine::Endpoint::Kind::Tcp && endpoint.tls) {
        argv << (endpoint.tlsVerify ? QStringLiteral("--tlsverify") : QStringLiteral("--tls"));
        if (!endpoint.caFile.isEmpty())
            argv << QStringLiteral("--tlscacert") << endpoint.caFile;
        if (!endpoint.certFile.isEmpty())
            argv << QStringLiteral("--tlscert") << endpoint.certFile;
        if (!endpoint.keyFile.isEmpty())
            argv << QStringLiteral("--tlskey") << endpoint.keyFile;
    }
    argv << QStringLiteral("exec") << QStringLiteral("-i");
    if (tty)
        argv << QStringLiteral("-t");
    if (!session.workdir.isEmpty())
        argv << QStringLiteral("-w") << session.workdir;
    argv << (session.name.isEmpty() ? session.id : session.name);
    argv += command.isEmpty() ? QStringList{QStringLiteral("bash")} : command;
    return argv;
}

util::ProcessJob* startDetached(const QStringList& argv, QObject* parent) {
    if (argv.isEmpty())
        return nullptr;
    util::ProcessSpec spec;
    spec.program = argv.first();
    spec.arguments = argv.mid(1);
    spec.detached = true;
    auto* job = new util::ProcessJob(std::move(spec), parent);
    job->start();
    return job;
}

util::ProcessJob* openInBrowser(const QUrl& url, QObject* parent) {
    const QString browser = QString::fromLocal8Bit(qgetenv("BROWSER"));
    for (const QString& candidate : {browser, QStringLiteral("xdg-open")}) {
        if (candidate.isEmpty())
            continue;
        if (const QString path = QStandardPaths::findExecutable(candidate); !path.isEmpty())
            return startDetached({path, url.toString()}, parent);
    }
    return nullptr;
}

} // namespace sagedock::launch
