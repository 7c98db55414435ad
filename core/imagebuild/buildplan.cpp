#include "imagebuild/buildplan.h"

#include <QCryptographicHash>
#include <QDir>
#include <QRegularExpression>

#include <nlohmann/json.hpp>

namespace sagedock::imagebuild {

namespace {
std::string s(const QString& v) {
    return v.toStdString();
}
nlohmann::json list(const QStringList& l) {
    nlohmann::json a = nlohmann::json::array();
    for (const QString& v : l)
        a.push_back(s(v));
    return a;
}
} // namespace

int BuildPlan::stageIndex(const QString& name) const {
    for (int i = 0; i < stages.size(); ++i)
        if (stages.at(i).name == name)
            return i;
    return -1;
}

QString BuildPlan::key() const {
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData((contextDir + QLatin1Char('\n') + dockerfilePath + QLatin1Char('\n')).toUtf8());
    for (const PlannedStage& st : stages)
        h.addData((st.name + QLatin1Char(' ') + st.imageRef() + QLatin1Char('\n')).toUtf8());
    return QString::fromLatin1(h.result().toHex().left(16));
}

QString BuildPlan::generatorDisplay() const {
    if (mode != Mode::Sage)
        return {};
    QStringList words;
    for (const auto& e : generatorEnv)
        words << e.first + QLatin1Char('=') + shellQuote(e.second);
    words << QStringLiteral("bash") << shellQuote(generator);
    for (const QString& a : generatorArgs)
        words << shellQuote(a);
    words << QStringLiteral(">") << shellQuote(QDir(contextDir).relativeFilePath(dockerfilePath));
    return words.join(QLatin1Char(' '));
}

nlohmann::json BuildPlan::toJson() const {
    nlohmann::json j;
    j["mode"] = mode == Mode::Sage ? "sage" : "generic";
    j["context"] = s(contextDir);
    j["dockerfile"] = s(dockerfilePath);
    if (mode == Mode::Sage) {
        j["source"] = s(sourceDir);
        j["sage_version"] = s(sageVersion);
        j["system"] = s(system);
        j["packages"] = s(packages);
        j["modifiers"] = list(modifiers);
        j["tox_env"] = s(envName);
        j["generator"] = s(generator);
        j["generator_args"] = list(generatorArgs);
        nlohmann::json env = nlohmann::json::object();
        for (const auto& e : generatorEnv)
            env[s(e.first)] = s(e.second);
        j["generator_env"] = env;
        j["base_image"] = s(baseImage);
    }
    nlohmann::json args = nlohmann::json::array();
    for (const auto& a : buildArgs)
        args.push_back({{"name", s(a.first)}, {"value", s(a.second)}});
    j["build_args"] = args;
    j["tag"] = s(tag);
    j["extra_tags"] = list(extraTags);
    j["push_prefix"] = s(pushPrefix);
    j["inline_cache"] = inlineCache;
    j["docker_context"] = s(dockerContext);
    j["builder"] = s(buildxBuilder);
    nlohmann::json st = nlohmann::json::array();
    for (const PlannedStage& p : stages)
        st.push_back(
            {{"stage", s(p.name)},
             {"image", s(p.imageRef())},
             {"tags", list(p.tags)},
             {"cache_from", list(p.cacheFrom)},
             {"input_hash", p.inputHash.isEmpty() ? nlohmann::json() : nlohmann::json(s(p.inputHash))}});
    j["stages"] = st;
    j["key"] = s(key());
    return j;
}

QString shellQuote(const QString& word) {
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_./:=,@%+-]+$"));
    if (!word.isEmpty() && safe.match(word).hasMatch())
        return word;
    QString w = word;
    w.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + w + QLatin1Char('\'');
}

QString StageCommand::display() const {
    QStringList words;
    for (const auto& e : environment)
        words << e.first + QLatin1Char('=') + shellQuote(e.second);
    words << shellQuote(program);
    for (const QString& a : arguments)
        words << shellQuote(a);
    return words.join(QLatin1Char(' '));
}

StageCommand stageCommand(const BuildPlan& plan, int stageIndex, const CliCapabilities& caps) {
    StageCommand c;
    const PlannedStage& st = plan.stages.at(stageIndex);
    c.program = caps.program.isEmpty() ? QStringLiteral("docker") : caps.program;
    c.workingDirectory = plan.contextDir;
    QStringList& a = c.arguments;
    if (!plan.dockerContext.isEmpty())
        a << QStringLiteral("--context") << plan.dockerContext;
    switch (caps.mode) {
    case BuilderMode::Buildx:
        a << QStringLiteral("buildx") << QStringLiteral("build");
        if (!plan.buildxBuilder.isEmpty())
            a << QStringLiteral("--builder") << plan.buildxBuilder;
        a << QStringLiteral("--load");
        a << (caps.rawJson ? QStringLiteral("--progress=rawjson") : QStringLiteral("--progress=plain"));
        break;
    case BuilderMode::BuildKit:
        c.environment << qMakePair(QStringLiteral("DOCKER_BUILDKIT"), QStringLiteral("1"));
        a << QStringLiteral("build") << QStringLiteral("--progress=plain");
        break;
    case BuilderMode::Legacy:
        c.environment << qMakePair(QStringLiteral("DOCKER_BUILDKIT"), QStringLiteral("0"));
        a << QStringLiteral("build");
        break;
    }
    const QDir ctx(plan.contextDir);
    QString dockerfile = ctx.relativeFilePath(plan.dockerfilePath);
    if (dockerfile.startsWith(QLatin1String("..")))
        dockerfile = plan.dockerfilePath;
    a << QStringLiteral(".") << QStringLiteral("-f") << dockerfile << QStringLiteral("--target") << st.name;
    for (const QString& t : st.tags)
        a << QStringLiteral("--tag") << st.image + QLatin1Char(':') + t;
    for (const auto& arg : plan.buildArgs)
        a << QStringLiteral("--build-arg") << arg.first + QLatin1Char('=') + arg.second;
    for (const QString& from : st.cacheFrom)
        a << QStringLiteral("--cache-from") << from;
    if (plan.pull)
        a << QStringLiteral("--pull");
    if (plan.noCache)
        a << QStringLiteral("--no-cache");
    return c;
}

QStringList pushCommands(const BuildPlan& plan, int stageIndex, const CliCapabilities& caps) {
    QStringList out;
    if (plan.pushPrefix.isEmpty())
        return out;
    const PlannedStage& st = plan.stages.at(stageIndex);
    const QString program = caps.program.isEmpty() ? QStringLiteral("docker") : caps.program;
    for (const QString& t : st.tags)
        out << shellQuote(program) + QStringLiteral(" push ") + shellQuote(st.image + QLatin1Char(':') + t);
    return out;
}

} // namespace sagedock::imagebuild
