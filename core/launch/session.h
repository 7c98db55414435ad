#pragma once
// A running (or stopped) SageDock session as read back from its labelled container. The URL holds
// the token and lives only in memory (it is re-read from the container's log, never stored).
// Usage: nlohmann::json j = session.toJson();

#include <QDateTime>
#include <QString>
#include <QUrl>

#include <nlohmann/json.hpp>

namespace sagedock::launch {

struct Session {
    QString id;
    QString name;
    QString image;
    QString flavor; // sagemath | sagemath-dev | stage
    QString mode;   // jupyter | shell
    QUrl url;       // with the token; empty for shells or before ready
    QString hostAddress;
    int port = 0; // host port
    QString workdir;
    QString notebooks;          // host folder
    QString containerNotebooks; // <home>/notebooks
    QString state;              // running, exited, ...
    QDateTime startedAt;
    QString reason; // why a shell was opened instead of Jupyter
    int owner = -1; // host uid that started it (label org.sagedock.owner); -1 = unknown (older SageDock)

    bool isShell() const { return mode == QLatin1String("shell"); }
    bool isRunning() const { return state == QLatin1String("running"); }
    // {"id","name","image","flavor","url","port","workdir","notebooks","container_notebooks"} (+ mode, state)
    nlohmann::json toJson() const;
    bool isOwnedBy(uint uid) const { return owner >= 0 && uint(owner) == uid; }
    // The command a terminal runs for a shell in it (the GUI opens a terminal window with it).
    QStringList execCommand() const; // docker exec -it <name> bash
    // What a person types instead, from any terminal or none: sagedock-cli shell <name>.
    QStringList cliShellCommand() const;
};

} // namespace sagedock::launch
