#include "engine/types.h"

#include "util/jsonnumber.h"
#include "util/redact.h"

#include <QRegularExpression>

namespace sagedock::engine {

namespace {

QString str(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

qint64 num(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() ? util::jsonInteger(*it).value_or(0) : 0; // 1e300 must not be UB
}

bool flag(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_boolean() && it->get<bool>();
}

QStringList strings(const nlohmann::json& j, const char* key) {
    QStringList out;
    auto it = j.find(key);
    if (it == j.end())
        return out;
    if (it->is_string()) // Cmd may be a plain string in old images
        out << QString::fromStdString(it->get<std::string>());
    else if (it->is_array())
        for (const auto& v : *it)
            if (v.is_string())
                out << QString::fromStdString(v.get<std::string>());
    return out;
}

QMap<QString, QString> stringMap(const nlohmann::json& j, const char* key) {
    QMap<QString, QString> out;
    auto it = j.find(key);
    if (it != j.end() && it->is_object())
        for (auto e = it->begin(); e != it->end(); ++e)
            if (e->is_string())
                out.insert(QString::fromStdString(e.key()), QString::fromStdString(e->get<std::string>()));
    return out;
}

QStringList keys(const nlohmann::json& j, const char* key) {
    QStringList out;
    auto it = j.find(key);
    if (it != j.end() && it->is_object())
        for (auto e = it->begin(); e != it->end(); ++e)
            out << QString::fromStdString(e.key());
    return out;
}

const nlohmann::json& object(const nlohmann::json& j, const char* key) {
    static const nlohmann::json empty = nlohmann::json::object();
    auto it = j.find(key);
    return it != j.end() && it->is_object() ? *it : empty;
}

QDateTime isoTime(const QString& s) {
    if (s.isEmpty() || s.startsWith(QLatin1String("0001-")))
        return {};
    return QDateTime::fromString(s, Qt::ISODateWithMs);
}

// "8888/tcp" -> (8888, "tcp")
std::pair<int, QString> splitPort(const QString& key) {
    const qsizetype slash = key.indexOf(QLatin1Char('/'));
    if (slash < 0)
        return {key.toInt(), QStringLiteral("tcp")};
    return {key.left(slash).toInt(), key.mid(slash + 1)};
}

QList<PortBinding> portMap(const nlohmann::json& j) {
    QList<PortBinding> out;
    if (!j.is_object())
        return out;
    for (auto e = j.begin(); e != j.end(); ++e) {
        const auto [port, proto] = splitPort(QString::fromStdString(e.key()));
        if (!e->is_array())
            continue;
        for (const auto& b : *e) {
            PortBinding pb;
            pb.containerPort = port;
            pb.protocol = proto;
            pb.hostIp = str(b, "HostIp");
            pb.hostPort = str(b, "HostPort").toInt();
            out << pb;
        }
    }
    return out;
}

nlohmann::json toJsonArray(const QStringList& list) {
    nlohmann::json a = nlohmann::json::array();
    for (const QString& s : list)
        a.push_back(s.toStdString());
    return a;
}

} // namespace

nlohmann::json CreateSpec::toJson() const {
    nlohmann::json j;
    j["Image"] = image.toStdString();
    if (!cmd.isEmpty())
        j["Cmd"] = toJsonArray(cmd);
    if (entrypoint)
        j["Entrypoint"] = entrypoint->isEmpty() ? nlohmann::json::array({""}) : toJsonArray(*entrypoint);
    if (!workingDir.isEmpty())
        j["WorkingDir"] = workingDir.toStdString();
    if (!user.isEmpty())
        j["User"] = user.toStdString();
    if (!env.isEmpty())
        j["Env"] = toJsonArray(env);
    nlohmann::json labelsJson = nlohmann::json::object();
    for (auto it = labels.begin(); it != labels.end(); ++it)
        labelsJson[it.key().toStdString()] = it.value().toStdString();
    j["Labels"] = labelsJson;
    j["Tty"] = tty;
    j["AttachStdout"] = false;
    j["AttachStderr"] = false;
    if (stopTimeoutSec >= 0)
        j["StopTimeout"] = stopTimeoutSec;
    nlohmann::json host = nlohmann::json::object();
    nlohmann::json exposed = nlohmann::json::object();
    nlohmann::json bindings = nlohmann::json::object();
    for (const PortBinding& p : ports) {
        const std::string key = std::to_string(p.containerPort) + "/" + p.protocol.toStdString();
        exposed[key] = nlohmann::json::object();
        // HostPort is a string in the API.
        bindings[key].push_back({{"HostIp", p.hostIp.toStdString()},
                                 {"HostPort", p.hostPort > 0 ? std::to_string(p.hostPort) : std::string()}});
    }
    if (!ports.isEmpty()) {
        j["ExposedPorts"] = exposed;
        host["PortBindings"] = bindings;
    }
    if (!binds.isEmpty())
        host["Binds"] = toJsonArray(binds);
    if (!groupAdd.isEmpty())
        host["GroupAdd"] = toJsonArray(groupAdd);
    host["AutoRemove"] = autoRemove;
    if (init)
        host["Init"] = true;
    j["HostConfig"] = host;
    return j;
}

EngineInfo engineInfoFromJson(const nlohmann::json& j) {
    EngineInfo info;
    info.version = str(j, "Version");
    info.maxApiVersion = str(j, "ApiVersion");
    info.minApiVersion = str(j, "MinAPIVersion");
    info.os = str(j, "Os");
    info.arch = str(j, "Arch");
    info.kernel = str(j, "KernelVersion");
    info.product = QStringLiteral("Docker");
    auto comps = j.find("Components");
    if (comps != j.end() && comps->is_array())
        for (const auto& c : *comps)
            if (str(c, "Name").contains(QLatin1String("Podman"), Qt::CaseInsensitive))
                info.product = QStringLiteral("Podman");
    return info;
}

ImageSummary imageSummaryFromJson(const nlohmann::json& j) {
    ImageSummary s;
    s.id = str(j, "Id");
    s.repoTags = strings(j, "RepoTags");
    s.repoTags.removeAll(QStringLiteral("<none>:<none>"));
    s.repoDigests = strings(j, "RepoDigests");
    s.repoDigests.removeAll(QStringLiteral("<none>@<none>"));
    s.created = QDateTime::fromSecsSinceEpoch(num(j, "Created"), Qt::UTC);
    s.size = num(j, "Size");
    s.labels = stringMap(j, "Labels");
    return s;
}

ImageDetails imageDetailsFromJson(const nlohmann::json& j) {
    ImageDetails d;
    d.id = str(j, "Id");
    d.digest = d.id; // the image ID is the digest of its config
    d.repoTags = strings(j, "RepoTags");
    d.repoDigests = strings(j, "RepoDigests");
    d.created = isoTime(str(j, "Created"));
    d.size = num(j, "Size");
    d.os = str(j, "Os");
    d.architecture = str(j, "Architecture");
    const nlohmann::json& c = object(j, "Config");
    d.user = str(c, "User");
    d.workingDir = str(c, "WorkingDir");
    d.entrypoint = strings(c, "Entrypoint");
    d.cmd = strings(c, "Cmd");
    d.env = strings(c, "Env");
    d.exposedPorts = keys(c, "ExposedPorts");
    d.labels = stringMap(c, "Labels");
    d.diffIds = strings(object(j, "RootFS"), "Layers");
    return d;
}

bool isEngineId(const QString& id) {
    static const QRegularExpression re(QStringLiteral(R"(^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$)"));
    return re.match(id).hasMatch();
}

ContainerSummary containerSummaryFromJson(const nlohmann::json& j) {
    ContainerSummary s;
    s.id = str(j, "Id");
    const QStringList names = strings(j, "Names");
    s.name = names.isEmpty() ? QString() : names.first();
    if (s.name.startsWith(QLatin1Char('/')))
        s.name.remove(0, 1);
    // Shown in `ps`, the sessions list and logs: the engine's words are server text.
    s.name = util::serverText(s.name, false, 256);
    s.image = util::serverText(str(j, "Image"), false, 512);
    s.state = util::serverText(str(j, "State"), false, 64);
    s.status = util::serverText(str(j, "Status"), false, 256);
    s.created = QDateTime::fromSecsSinceEpoch(num(j, "Created"), Qt::UTC);
    s.labels = stringMap(j, "Labels");
    auto ports = j.find("Ports");
    if (ports != j.end() && ports->is_array())
        for (const auto& p : *ports) {
            PortBinding pb;
            pb.containerPort = int(num(p, "PrivatePort"));
            pb.hostPort = int(num(p, "PublicPort"));
            pb.hostIp = str(p, "IP");
            pb.protocol = str(p, "Type");
            s.ports << pb;
        }
    return s;
}

ContainerDetails containerDetailsFromJson(const nlohmann::json& j) {
    ContainerDetails d;
    d.id = str(j, "Id");
    d.name = str(j, "Name");
    if (d.name.startsWith(QLatin1Char('/')))
        d.name.remove(0, 1);
    d.imageId = str(j, "Image");
    d.created = isoTime(str(j, "Created"));
    const nlohmann::json& state = object(j, "State");
    d.state = str(state, "Status");
    d.running = flag(state, "Running");
    d.exitCode = int(num(state, "ExitCode"));
    d.startedAt = isoTime(str(state, "StartedAt"));
    const nlohmann::json& c = object(j, "Config");
    d.image = str(c, "Image");
    d.tty = flag(c, "Tty");
    d.user = str(c, "User");
    d.workingDir = str(c, "WorkingDir");
    d.cmd = strings(c, "Cmd");
    d.labels = stringMap(c, "Labels");
    const nlohmann::json& net = object(j, "NetworkSettings");
    auto actual = net.find("Ports");
    if (actual != net.end())
        d.ports = portMap(*actual);
    if (d.ports.isEmpty())
        d.ports = portMap(object(object(j, "HostConfig"), "PortBindings"));
    auto mounts = j.find("Mounts");
    if (mounts != j.end() && mounts->is_array())
        for (const auto& m : *mounts)
            d.mounts << MountInfo{str(m, "Type"), str(m, "Source"), str(m, "Destination"), flag(m, "RW")};
    return d;
}

} // namespace sagedock::engine
