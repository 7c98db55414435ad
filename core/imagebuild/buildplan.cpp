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
    if (fromTox) {
        QStringList lines;
        for (const QStringList& argv : toxRealCommands) {
            QStringList words;
            for (const QString& w : argv)
                words << shellQuote(w);
            lines << words.join(QLatin1Char(' '));
        }
        return lines.join(QLatin1Char('\n'));
    }
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
        if (fromTox) {
            nlohmann::json real = nlohmann::json::array();
            for (const QStringList& c : toxRealCommands)
                real.push_back(list(c));
            nlohmann::json pre = nlohmann::json::array();
            for (const QStringList& c : toxPreCommands)
                pre.push_back(list(c));
            j["tox"] = {{"commands_run", real}, {"pre_commands", pre}, {"docker", s(toxDocker)}};
        }
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
             {"input_hash", p.inputHash.isEmpty() ? nlohmann::json() : nlohmann::json(s(p.inputHash))},
             {"tox_build_argv", list(p.toxBuildArgv)},
             {"tox_push", list(p.toxPushRefs)}});
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

BuilderMode toxBuilderMode(const PlannedStage& stage, const CliCapabilities& caps) {
    if (stage.toxDockerBuildkit)
        return *stage.toxDockerBuildkit == QLatin1String("0") ? BuilderMode::Legacy : BuilderMode::BuildKit;
    // Unset: a 23+ CLI builds with buildx when it has it, older ones with the legacy builder.
    const bool buildxDefault =
        caps.mode == BuilderMode::Buildx && caps.clientVersion.section(QLatin1Char('.'), 0, 0).toInt() >= 23;
    return buildxDefault ? BuilderMode::Buildx : BuilderMode::Legacy;
}

namespace {
// A tox stage: the loop's `docker build` argv verbatim, with DOCKER_BUILDKIT as the loop set it; SageDock
// adds only --progress=plain (its live log, BuildKit only) after the build verb, and what the user
// asked for beyond the tox environment (--cache-from, --pull, --no-cache) at the end.
StageCommand toxStageCommand(const BuildPlan& plan, const PlannedStage& st, const CliCapabilities& caps) {
    StageCommand c;
    c.program = caps.program.isEmpty() ? QStringLiteral("docker") : caps.program;
    c.workingDirectory = plan.contextDir;
    if (st.toxDockerBuildkit)
        c.environment << qMakePair(QStringLiteral("DOCKER_BUILDKIT"), *st.toxDockerBuildkit);
    c.arguments = st.toxBuildArgv;
    if (toxBuilderMode(st, caps) != BuilderMode::Legacy) {
        const qsizetype verb = c.arguments.indexOf(QStringLiteral("build"));
        c.arguments.insert(verb + 1, QStringLiteral("--progress=plain"));
    }
    for (const QString& from : st.cacheFrom)
        c.arguments << QStringLiteral("--cache-from") << from;
    if (plan.pull)
        c.arguments << QStringLiteral("--pull");
    if (plan.noCache)
        c.arguments << QStringLiteral("--no-cache");
    return c;
}
} // namespace

CliCapabilities toxFallbackCapabilities(const BuildPlan& plan) {
    CliCapabilities caps;
    caps.program = plan.toxDocker.isEmpty() ? QStringLiteral("docker") : plan.toxDocker;
    caps.mode = BuilderMode::Legacy; // only consulted when the loop leaves DOCKER_BUILDKIT unset
    return caps;
}

QString toxProbeWarning(const BuildPlan& plan, const QString& probeError) {
    return QStringLiteral("%1 did not tell its version (%2); building as tox would, with the builder "
                          "the loop's DOCKER_BUILDKIT selects")
        .arg(toxFallbackCapabilities(plan).program, probeError);
}

QString toxLogHeader(const BuildPlan& plan) {
    return QStringLiteral("### sagedock: tox environment %1 in %2\n").arg(plan.envName, plan.sourceDir);
}

QString toxEnvironmentOfLogLine(const QString& line) {
    static const QRegularExpression header(QStringLiteral("^### sagedock: tox environment (\\S+) in "));
    const auto m = header.match(line);
    return m.hasMatch() ? m.captured(1) : QString();
}

QList<StageCommand> preCommands(const BuildPlan& plan, const CliCapabilities& caps) {
    QList<StageCommand> out;
    for (const QStringList& argv : plan.toxPreCommands) {
        StageCommand c;
        c.program = caps.program.isEmpty() ? QStringLiteral("docker") : caps.program;
        c.workingDirectory = plan.contextDir;
        c.arguments = argv;
        out << c;
    }
    return out;
}

StageCommand stageCommand(const BuildPlan& plan, int stageIndex, const CliCapabilities& caps) {
    StageCommand c;
    const PlannedStage& st = plan.stages.at(stageIndex);
    if (!st.toxBuildArgv.isEmpty())
        return toxStageCommand(plan, st, caps);
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
    const PlannedStage& st = plan.stages.at(stageIndex);
    const QString program = caps.program.isEmpty() ? QStringLiteral("docker") : caps.program;
    if (plan.fromTox) {
        for (const QString& ref : st.toxPushRefs)
            out << shellQuote(program) + QStringLiteral(" push ") + shellQuote(ref);
        return out;
    }
    if (plan.pushPrefix.isEmpty())
        return out;
    for (const QString& t : st.tags)
        out << shellQuote(program) + QStringLiteral(" push ") + shellQuote(st.image + QLatin1Char(':') + t);
    return out;
}

} // namespace sagedock::imagebuild
