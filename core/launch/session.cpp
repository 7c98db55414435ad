#include "launch/session.h"

#include <QStringList>

namespace sagedock::launch {

nlohmann::json Session::toJson() const {
    const auto s = [](const QString& v) {
        return v.isEmpty() ? nlohmann::json(nullptr) : nlohmann::json(v.toStdString());
    };
    nlohmann::json j;
    j["id"] = id.toStdString();
    j["name"] = name.toStdString();
    j["image"] = image.toStdString();
    j["flavor"] = flavor.toStdString();
    j["url"] = url.isEmpty() ? nlohmann::json(nullptr) : nlohmann::json(url.toString().toStdString());
    j["port"] = port > 0 ? nlohmann::json(port) : nlohmann::json(nullptr);
    j["workdir"] = s(workdir);
    j["notebooks"] = s(notebooks);
    j["container_notebooks"] = s(containerNotebooks);
    j["mode"] = mode.toStdString();
    j["state"] = s(state);
    j["owner"] = owner >= 0 ? nlohmann::json(owner) : nlohmann::json(nullptr);
    return j;
}

QStringList Session::execCommand() const {
    return {QStringLiteral("docker"), QStringLiteral("exec"), QStringLiteral("-it"),
            name.isEmpty() ? id : name, QStringLiteral("bash")};
}

QStringList Session::cliShellCommand() const {
    return {QStringLiteral("sagedock-cli"), QStringLiteral("shell"), name.isEmpty() ? id : name};
}

} // namespace sagedock::launch
