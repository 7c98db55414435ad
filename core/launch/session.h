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

    bool isShell() const { return mode == QLatin1String("shell"); }
    bool isRunning() const { return state == QLatin1String("running"); }
    // {"id","name","image","flavor","url","port","workdir","notebooks","container_notebooks"} (+ mode, state)
    nlohmann::json toJson() const;
    // The command a person types for a shell in it.
    QStringList execCommand() const; // docker exec -it <name> bash
};

} // namespace sagedock::launch
