#include "imagebuild/buildrecord.h"

#include "util/jsonnumber.h"

#include <limits>

namespace sagedock::imagebuild {

namespace {
std::string s(const QString& v) {
    return v.toStdString();
}
QString q(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}
// The history file may be torn or edited: every value is checked before use (json::value() throws
// on a type mismatch, get<int>() of 1e300 is undefined).
int i(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end()
               ? int(util::jsonInteger(*it, std::numeric_limits<int>::min(), std::numeric_limits<int>::max())
                         .value_or(0))
               : 0;
}
bool b(const nlohmann::json& j, const char* key, bool fallback) {
    auto it = j.find(key);
    return it != j.end() && it->is_boolean() ? it->get<bool>() : fallback;
}
QStringList ql(const nlohmann::json& j, const char* key) {
    QStringList out;
    auto it = j.find(key);
    if (it != j.end() && it->is_array())
        for (const auto& v : *it)
            if (v.is_string())
                out << QString::fromStdString(v.get<std::string>());
    return out;
}
nlohmann::json jl(const QStringList& l) {
    nlohmann::json a = nlohmann::json::array();
    for (const QString& v : l)
        a.push_back(s(v));
    return a;
}
buildlog::MissReason reasonFromCode(const QString& code) {
    for (int r = 0; r <= int(buildlog::MissReason::LegacyRebuildsEveryStage); ++r)
        if (buildlog::reasonCode(buildlog::MissReason(r)) == code)
            return buildlog::MissReason(r);
    return buildlog::MissReason::Unknown;
}
} // namespace

QString stageStatusName(StageStatus status) {
    switch (status) {
    case StageStatus::Pending:
        return QStringLiteral("pending");
    case StageStatus::Running:
        return QStringLiteral("running");
    case StageStatus::Built:
        return QStringLiteral("built");
    case StageStatus::Cached:
        return QStringLiteral("cached");
    case StageStatus::Skipped:
        return QStringLiteral("skipped");
    case StageStatus::Failed:
        return QStringLiteral("failed");
    case StageStatus::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

StageStatus stageStatusFromName(const QString& name) {
    for (int v = 0; v <= int(StageStatus::Cancelled); ++v)
        if (stageStatusName(StageStatus(v)) == name)
            return StageStatus(v);
    return StageStatus::Pending;
}

nlohmann::json StageResult::toJson() const {
    nlohmann::json j;
    j["stage"] = s(stage);
    j["image"] = s(image);
    j["status"] = s(stageStatusName(status));
    j["steps"] = steps;
    j["cached"] = cached;
    j["executed"] = executed;
    j["failed"] = failed;
    if (firstExecuted)
        j["first_executed"] = {{"step", s(firstExecuted->step)},
                               {"reason", s(buildlog::reasonCode(firstExecuted->reason))},
                               {"detail", s(firstExecuted->detail)},
                               {"text", s(firstExecuted->text)}};
    else
        j["first_executed"] = nullptr;
    j["duration_s"] = durationSeconds;
    j["image_id"] = imageId.isEmpty() ? nlohmann::json() : nlohmann::json(s(imageId));
    j["tags"] = jl(tags);
    j["input_hash"] = inputHash.isEmpty() ? nlohmann::json() : nlohmann::json(s(inputHash));
    nlohmann::json imports = nlohmann::json::array();
    for (const auto& c : cacheImports)
        imports.push_back({{"ref", s(c.ref)}, {"ok", c.ok}, {"message", s(c.message)}});
    j["cache_imports"] = imports;
    j["note"] = s(note);
    j["pushed"] = jl(pushed);
    j["command"] = s(command);
    return j;
}

StageResult StageResult::fromJson(const nlohmann::json& j) {
    StageResult r;
    r.stage = q(j, "stage");
    r.image = q(j, "image");
    r.status = stageStatusFromName(q(j, "status"));
    r.steps = i(j, "steps");
    r.cached = i(j, "cached");
    r.executed = i(j, "executed");
    r.failed = i(j, "failed");
    auto fe = j.find("first_executed");
    if (fe != j.end() && fe->is_object()) {
        buildlog::FirstExecuted f;
        f.step = q(*fe, "step");
        f.reason = reasonFromCode(q(*fe, "reason"));
        f.detail = q(*fe, "detail");
        f.text = q(*fe, "text");
        r.firstExecuted = f;
    }
    auto d = j.find("duration_s");
    r.durationSeconds = d != j.end() && d->is_number() ? d->get<double>() : 0;
    r.imageId = q(j, "image_id");
    r.tags = ql(j, "tags");
    r.inputHash = q(j, "input_hash");
    auto ci = j.find("cache_imports");
    if (ci != j.end() && ci->is_array())
        for (const auto& c : *ci) {
            buildlog::CacheImport imp;
            imp.ref = q(c, "ref");
            imp.ok = b(c, "ok", true);
            imp.message = q(c, "message");
            r.cacheImports << imp;
        }
    r.note = q(j, "note");
    r.pushed = ql(j, "pushed");
    r.command = q(j, "command");
    return r;
}

nlohmann::json BuildRecord::toJson() const {
    nlohmann::json j;
    j["id"] = s(id);
    j["started"] = s(started.toUTC().toString(Qt::ISODateWithMs));
    j["finished"] = s(finished.toUTC().toString(Qt::ISODateWithMs));
    j["plan_key"] = s(planKey);
    j["arguments"] = jl(arguments);
    j["plan"] = plan;
    j["cli"] = s(cli);
    j["cli_version"] = s(cliVersion);
    j["builder"] = s(builder);
    j["engine_version"] = s(engineVersion);
    nlohmann::json st = nlohmann::json::array();
    for (const StageResult& r : stages)
        st.push_back(r.toJson());
    j["stages"] = st;
    j["log"] = s(logPath);
    j["success"] = success;
    j["error"] = s(error);
    j["state"] = s(state);
    if (ownerPid > 0)
        j["owner_pid"] = ownerPid;
    if (childPid > 0)
        j["child_pid"] = childPid;
    return j;
}

BuildRecord BuildRecord::fromJson(const nlohmann::json& j) {
    BuildRecord r;
    r.id = q(j, "id");
    r.started = QDateTime::fromString(q(j, "started"), Qt::ISODateWithMs);
    r.finished = QDateTime::fromString(q(j, "finished"), Qt::ISODateWithMs);
    r.planKey = q(j, "plan_key");
    r.arguments = ql(j, "arguments");
    if (j.contains("plan"))
        r.plan = j.at("plan");
    r.cli = q(j, "cli");
    r.cliVersion = q(j, "cli_version");
    r.builder = q(j, "builder");
    r.engineVersion = q(j, "engine_version");
    auto st = j.find("stages");
    if (st != j.end() && st->is_array())
        for (const auto& v : *st)
            r.stages << StageResult::fromJson(v);
    r.logPath = q(j, "log");
    r.success = b(j, "success", false);
    r.error = q(j, "error");
    // Records written before the running record existed are finished ones.
    r.state = j.contains("state") ? q(j, "state") : QStringLiteral("finished");
    if (r.state.isEmpty())
        r.state = QStringLiteral("finished");
    const auto pid = [&j](const char* key) {
        auto it = j.find(key);
        return it != j.end() ? util::jsonInteger(*it, 0).value_or(0) : qint64(0);
    };
    r.ownerPid = pid("owner_pid");
    r.childPid = pid("child_pid");
    return r;
}

const StageResult* BuildRecord::stage(const QString& name) const {
    for (const StageResult& r : stages)
        if (r.stage == name)
            return &r;
    return nullptr;
}

namespace {
QString planString(const nlohmann::json& plan, const char* key) {
    return plan.contains(key) && plan.at(key).is_string()
               ? QString::fromStdString(plan.at(key).get<std::string>())
               : QString();
}

// The image prefix of a generic build: as given (--image-prefix), else taken back from the first
// stage's image ([push prefix]<prefix>-<stage>:<tag>) for records that lack the arguments.
QString genericImagePrefix(const BuildRecord& record) {
    const QString option = QStringLiteral("--image-prefix");
    for (qsizetype i = 0; i < record.arguments.size(); ++i) {
        const QString& a = record.arguments.at(i);
        if (a == option && i + 1 < record.arguments.size())
            return record.arguments.at(i + 1);
        if (a.startsWith(option + QLatin1Char('='))) // the CLI accepts --image-prefix=NAME too
            return a.mid(option.size() + 1);
    }
    if (record.stages.isEmpty())
        return {};
    const StageResult& first = record.stages.first();
    QString image = first.image.left(first.image.lastIndexOf(QLatin1Char(':')));
    const QString push = planString(record.plan, "push_prefix");
    if (!push.isEmpty() && image.startsWith(push))
        image = image.mid(push.size());
    if (image.endsWith(QLatin1Char('-') + first.stage))
        return image.chopped(first.stage.size() + 1);
    if (image.endsWith(first.stage))
        return image.chopped(first.stage.size());
    return image; // a record written by hand or by another version: take the image as the prefix
}
} // namespace

RecordInputs recordInputs(const BuildRecord& record) {
    const nlohmann::json& p = record.plan;
    RecordInputs in;
    in.tag = planString(p, "tag");
    in.pushPrefix = planString(p, "push_prefix");
    in.generic = planString(p, "mode") == QLatin1String("generic");
    if (!in.generic) // records without the plan's stage list: the stages that ran
        for (const StageResult& s : record.stages)
            in.stages << s.stage;
    if (p.contains("stages") && p.at("stages").is_array()) {
        in.stages.clear();
        for (const auto& s : p.at("stages"))
            in.stages << q(s, "stage");
    }
    if (in.generic) {
        in.dockerfile = planString(p, "dockerfile");
        in.context = planString(p, "context");
        in.imagePrefix = genericImagePrefix(record);
    } else {
        in.source = planString(p, "source");
        in.system = planString(p, "system");
        in.packages = planString(p, "packages");
        in.sageVersion = planString(p, "sage_version");
        in.toxEnv = planString(p, "tox_env");
    }
    return in;
}

} // namespace sagedock::imagebuild
