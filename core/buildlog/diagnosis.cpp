#include "buildlog/diagnosis.h"

#include "buildlog/parser.h"

#include <algorithm>
#include <climits>

#include <QFile>
#include <QRegularExpression>
#include <QSet>

#include <cmath>
#include <nlohmann/json.hpp>

namespace sagedock::buildlog {

QString reasonCode(MissReason reason) {
    switch (reason) {
    case MissReason::BaseImageChanged:
        return QStringLiteral("base-image-changed");
    case MissReason::BuildArgChanged:
        return QStringLiteral("build-arg-changed");
    case MissReason::CopyInputChanged:
        return QStringLiteral("copy-input-changed");
    case MissReason::InstructionChanged:
        return QStringLiteral("instruction-changed");
    case MissReason::ParentStageRebuilt:
        return QStringLiteral("parent-stage-rebuilt");
    case MissReason::CacheImportFailed:
        return QStringLiteral("cache-import-failed");
    case MissReason::NoCacheSource:
        return QStringLiteral("no-cache-source");
    case MissReason::InlineCacheFinalStageOnly:
        return QStringLiteral("inline-cache-final-stage-only");
    case MissReason::LegacyRebuildsEveryStage:
        return QStringLiteral("legacy-rebuilds-every-stage");
    case MissReason::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

const StageDiagnosis* Diagnosis::stage(const QString& name) const {
    for (const StageDiagnosis& s : stages)
        if (s.name == name)
            return &s;
    return nullptr;
}

namespace {

struct StepRecord {
    StepInfo info;
    StepStatus status = StepStatus::Running;
    double seconds = -1;
    QString error;
    bool pulled = false; // a FROM step that downloaded layers: the base image changed
    QString resolved;    // "resolve <ref>@sha256:..." or legacy "Digest: sha256:..."
    qsizetype order = 0;
};

bool executed(StepStatus s) {
    return s == StepStatus::Done || s == StepStatus::Error;
}

QString stageKey(const StepInfo& info) {
    return info.platform.isEmpty() ? info.stage : info.platform + u' ' + info.stage;
}

// "$NAME" / "${NAME}" references in a command (BuildKit expands ARGs in step names, the legacy builder
// does not).
QStringList referencedVariables(const QString& text) {
    static const QRegularExpression re(QStringLiteral("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)"));
    QStringList names;
    for (auto it = re.globalMatch(text); it.hasNext();) {
        const QString name = it.next().captured(1);
        if (!names.contains(name))
            names.append(name);
    }
    return names;
}

bool isLayerDownload(const QString& t) {
    return t.startsWith(u"extracting sha256:") || (t.startsWith(u"sha256:") && t.contains(u" / ")) ||
           t.startsWith(u"Pulling from ") || t.startsWith(u"Status: Downloaded newer image") ||
           t.endsWith(u": Pull complete");
}

} // namespace

// Memory independent of the log's size: a real build has hundreds of steps, a CI log of many builds
// a few thousand; a log with more is diagnosed on its first kMaxSteps steps (and says so). The same
// for the builder's warnings and errors, whose first ones are the useful ones.
constexpr qsizetype kMaxSteps = 20000;
constexpr qsizetype kMaxMessages = 500;
constexpr qsizetype kMaxMessageChars = 4096;

struct Diagnoser::State {
    LogFormat format = LogFormat::Unknown;
    qint64 droppedSteps = 0;
    qint64 droppedMessages = 0;
    QList<StepRecord> steps;
    QHash<QPair<int, int>, qsizetype> byId; // (build, id) -> index in steps
    int maxBuild = -1;
    QList<DiagnosisError> buildErrors;
    QList<DiagnosisWarning> builderWarnings;
    bool maxDepth = false;
    int maxDepthBuild = 0;

    StepRecord* find(int build, int id) {
        const auto it = byId.constFind(qMakePair(build, id));
        return it == byId.cend() ? nullptr : &steps[*it];
    }
};

Diagnoser::Diagnoser()
    : d(std::make_unique<State>()) {}
Diagnoser::~Diagnoser() = default;
Diagnoser::Diagnoser(Diagnoser&&) noexcept = default;
Diagnoser& Diagnoser::operator=(Diagnoser&&) noexcept = default;

void Diagnoser::setFormat(LogFormat format) {
    d->format = format;
}

void Diagnoser::addEvents(const BuildEvents& events) {
    for (const BuildEvent& e : events)
        addEvent(e);
}

void Diagnoser::addEvent(const BuildEvent& e) {
    d->maxBuild = std::max(d->maxBuild, e.build);
    switch (e.type) {
    case BuildEvent::Type::BuildStarted:
    case BuildEvent::Type::Line:
        return;
    case BuildEvent::Type::StepStarted: {
        if (d->steps.size() >= kMaxSteps) {
            ++d->droppedSteps;
            return;
        }
        StepRecord r;
        r.info = e.info;
        r.info.build = e.build;
        r.order = d->steps.size();
        d->byId.insert(qMakePair(e.build, e.step), d->steps.size());
        d->steps.append(std::move(r));
        return;
    }
    case BuildEvent::Type::StepFinished:
        if (StepRecord* r = d->find(e.build, e.step)) {
            r->status = e.status;
            r->seconds = e.seconds;
            r->error = e.text.left(kMaxMessageChars);
            if (e.text.contains(u"max depth exceeded")) {
                d->maxDepth = true;
                d->maxDepthBuild = e.build;
            }
        }
        return;
    case BuildEvent::Type::StepProgress:
        if (StepRecord* r = d->find(e.build, e.step); r && r->info.kind == StepKind::From) {
            if (isLayerDownload(e.text))
                r->pulled = true;
            if (e.text.startsWith(u"resolve ") || e.text.startsWith(u"Digest: "))
                r->resolved = e.text.section(u' ', 1, 1);
        }
        return;
    case BuildEvent::Type::StepOutput:
        if (e.text.contains(u"max depth exceeded")) {
            d->maxDepth = true;
            d->maxDepthBuild = e.build;
        }
        return;
    case BuildEvent::Type::Warning: {
        if (d->builderWarnings.size() >= kMaxMessages) {
            ++d->droppedMessages;
            return;
        }
        const StepRecord* r = d->find(e.build, e.step);
        d->builderWarnings.append(DiagnosisWarning{QStringLiteral("builder-warning"),
                                                   e.text.left(kMaxMessageChars),
                                                   r ? r->info.name : QString(), 0});
        return;
    }
    case BuildEvent::Type::BuildError:
        if (e.text.contains(u"max depth exceeded")) {
            d->maxDepth = true;
            d->maxDepthBuild = e.build;
        }
        if (d->buildErrors.size() >= kMaxMessages) {
            ++d->droppedMessages;
            return;
        }
        d->buildErrors.append(DiagnosisError{QString(), e.text.left(kMaxMessageChars)});
        return;
    }
}

QList<Diagnoser::StepOutcome> Diagnoser::stepOutcomes() const {
    QList<StepOutcome> outcomes;
    QHash<QString, qsizetype> seen;
    for (const StepRecord& r : std::as_const(d->steps)) {
        if (!countsForCache(r.info.kind))
            continue;
        const QString key = stageKey(r.info) + u'|' + QString::number(r.info.index);
        const auto it = seen.constFind(key);
        if (it == seen.cend()) {
            seen.insert(key, outcomes.size());
            outcomes.append(StepOutcome{stageKey(r.info), r.info.index, r.info.name, r.status});
            continue;
        }
        // A step seen in several builds of one log: executed anywhere wins over cached, failed over all.
        StepOutcome& o = outcomes[*it];
        if (r.status == StepStatus::Error || (executed(r.status) && o.status != StepStatus::Error) ||
            o.status == StepStatus::Running)
            o.status = r.status;
    }
    return outcomes;
}

Diagnosis Diagnoser::result() const {
    Diagnosis out;
    out.format = d->format;
    out.builds = d->maxBuild + 1;
    if (d->steps.isEmpty() && d->buildErrors.isEmpty())
        out.builds = 0;

    struct StageWork {
        StageDiagnosis diag;
        QString platform, stage;
        QString parent; // known parent stage (legacy FROM <stage>, rawjson inputs)
        bool externalFrom = false;
        const StepRecord* from = nullptr;
        QHash<QString, const StepRecord*> unique; // "index|instruction" -> representative
        QHash<QString, int> executions;
        QHash<QString, StepStatus> status;
        const StepRecord* first = nullptr;
        bool anyTiming = false;
        double seconds = 0;
        QList<const StepRecord*> args; // legacy ARG steps
    };
    QList<StageWork> stages;
    QHash<QString, qsizetype> stageIndex;
    bool anyCachedAnywhere = false;
    bool anyTiming = false;
    QHash<int, QString> lastStageByBuild; // per build, the stage that appeared last (its target)

    for (const StepRecord& r : std::as_const(d->steps)) {
        if (r.seconds >= 0)
            anyTiming = true;
        if (r.info.kind == StepKind::CacheImport) {
            CacheImport ci;
            ci.ref = r.info.name.mid(r.info.name.indexOf(u" from ") + 6).trimmed();
            ci.ok = r.status == StepStatus::Done || r.status == StepStatus::Cached;
            ci.message = r.status == StepStatus::Running ? tr("did not finish") : r.error;
            bool dup = false;
            for (const CacheImport& other : std::as_const(out.cacheImports))
                dup = dup || (other.ref == ci.ref && other.ok == ci.ok && other.message == ci.message);
            if (!dup)
                out.cacheImports.append(ci);
            continue;
        }
        if (r.info.kind != StepKind::Instruction && r.info.kind != StepKind::From)
            continue;
        if (r.info.stage.isEmpty())
            continue;
        const QString key = stageKey(r.info);
        auto it = stageIndex.constFind(key);
        if (it == stageIndex.cend()) {
            StageWork w;
            w.diag.name = key;
            w.diag.platform = r.info.platform;
            w.platform = r.info.platform;
            w.stage = r.info.stage;
            it = stageIndex.insert(key, stages.size());
            stages.append(std::move(w));
        }
        StageWork& w = stages[*it];
        lastStageByBuild.insert(r.info.build, key);
        if (r.seconds >= 0) {
            w.anyTiming = true;
            w.seconds += r.seconds;
        }
        if (r.info.kind == StepKind::From) {
            if (!r.info.parentStage.isEmpty())
                w.parent = r.info.parentStage;
            else
                w.externalFrom = true;
            if (!w.from || r.pulled)
                w.from = &r;
            continue;
        }
        if (!r.info.parentStage.isEmpty() && w.parent.isEmpty())
            w.parent = r.info.parentStage;
        if (r.info.keyword == u"ARG")
            w.args.append(&r);
        const QString stepKey = QString::number(r.info.index) + u'|' + r.info.instruction;
        if (!w.unique.contains(stepKey))
            w.unique.insert(stepKey, &r);
        if (executed(r.status))
            w.executions[stepKey] += 1;
        StepStatus& agg = w.status[stepKey];
        if (agg == StepStatus::Running || r.status == StepStatus::Error ||
            (executed(r.status) && agg != StepStatus::Error))
            agg = r.status;
        if (r.status == StepStatus::Cached)
            anyCachedAnywhere = true;
        if (executed(r.status) && (!w.first || r.info.index < w.first->info.index))
            w.first = &r;
    }
    QSet<QString> finalStages;
    for (const QString& s : std::as_const(lastStageByBuild))
        finalStages.insert(s);

    bool importsTried = !out.cacheImports.isEmpty();
    bool importsAllFailed = importsTried;
    for (const CacheImport& ci : std::as_const(out.cacheImports))
        importsAllFailed = importsAllFailed && !ci.ok;

    for (qsizetype i = 0; i < stages.size(); ++i) {
        StageWork& w = stages[i];
        StageDiagnosis& s = w.diag;
        s.steps = int(w.unique.size());
        s.finished = true;
        for (auto it = w.status.cbegin(); it != w.status.cend(); ++it) {
            if (it.value() == StepStatus::Cached)
                ++s.cached;
            else if (it.value() == StepStatus::Done)
                ++s.executed;
            else if (it.value() == StepStatus::Error)
                ++s.failed;
            if (it.value() == StepStatus::Running)
                s.finished = false;
        }
        s.durationSeconds = anyTiming ? w.seconds : -1;
        for (auto it = w.executions.cbegin(); it != w.executions.cend(); ++it) {
            if (it.value() < 2)
                continue;
            const QString name = w.unique.value(it.key())->info.name;
            out.warnings.append(DiagnosisWarning{
                QStringLiteral("executed-twice"),
                tr("Step \"%1\" was executed %2 times in this log: a later build did not reuse the cache of "
                   "the first (\"everything built twice\"). Check that every build uses the same build "
                   "arguments and base image, and that the builder keeps its cache between builds.")
                    .arg(name)
                    .arg(it.value()),
                name, it.value()});
        }
        if (!w.first)
            continue;

        // Why did the first executed step miss the cache?
        const StepRecord& first = *w.first;
        FirstExecuted fe;
        fe.step = first.info.name;
        bool cachedBefore = false;
        for (auto it = w.unique.cbegin(); it != w.unique.cend(); ++it)
            if (it.value()->info.index < first.info.index && w.status.value(it.key()) == StepStatus::Cached)
                cachedBefore = true;
        QString parent = w.parent;
        if (parent.isEmpty() && !w.externalFrom && i > 0) {
            // BuildKit plain logs do not name a stage's parent; Sage's stages form a chain in log order.
            for (qsizetype j = i - 1; j >= 0; --j)
                if (stages[j].platform == w.platform) {
                    parent = stages[j].stage;
                    break;
                }
        }
        const StageWork* parentWork = nullptr;
        if (!parent.isEmpty()) {
            const QString pk = w.platform.isEmpty() ? parent : w.platform + u' ' + parent;
            if (const auto pit = stageIndex.constFind(pk); pit != stageIndex.cend() && *pit != i)
                parentWork = &stages[*pit];
        }
        const bool parentRebuilt = parentWork && parentWork->first;

        if (cachedBefore || (parentWork && !parentRebuilt)) {
            const QString& kw = first.info.keyword;
            if (kw == u"COPY" || kw == u"ADD") {
                fe.reason = MissReason::CopyInputChanged;
                fe.detail = first.info.instruction;
                fe.text = tr("The files copied by this %1 changed (content, permissions or owner; mtime does "
                             "not count) — or a .dockerignore edit changed what the context holds.")
                              .arg(kw);
            } else if (kw == u"RUN") {
                fe.reason = MissReason::BuildArgChanged;
                QStringList declared;
                for (const StepRecord* a : std::as_const(w.args))
                    if (a->info.index < first.info.index)
                        declared.append(a->info.instruction.section(u' ', 1, 1).section(u'=', 0, 0));
                const QStringList used = referencedVariables(first.info.instruction);
                QStringList named;
                for (const QString& u : used)
                    if (declared.isEmpty() || declared.contains(u))
                        named.append(u);
                if (named.isEmpty() && !declared.isEmpty())
                    named = declared;
                fe.detail = named.join(QStringLiteral(", "));
                if (!fe.detail.isEmpty())
                    fe.text = tr("A build argument used by this RUN changed: %1.").arg(fe.detail);
                else
                    fe.text = tr("The RUN command or a build argument in its scope changed (BuildKit prints "
                                 "argument values expanded; compare with an earlier log to see which).");
            } else {
                fe.reason = MissReason::InstructionChanged;
                fe.detail = first.info.instruction;
                fe.text = tr("The %1 instruction itself changed.").arg(kw);
            }
        } else if (parentRebuilt) {
            fe.reason = MissReason::ParentStageRebuilt;
            fe.detail = parentWork->stage;
            fe.text = tr("Stage %1, which this stage builds on, was rebuilt (see its first executed step).")
                          .arg(parentWork->stage);
        } else if (w.from && w.from->pulled) {
            fe.reason = MissReason::BaseImageChanged;
            fe.detail = w.from->resolved.isEmpty() ? w.from->info.instruction : w.from->resolved;
            fe.text = tr("The base image was pulled anew (%1): its digest changed, so no cached step "
                         "matches. Pin the base image by digest to make this deliberate.")
                          .arg(fe.detail);
        } else if (d->format == LogFormat::Legacy && !anyCachedAnywhere) {
            fe.reason = MissReason::LegacyRebuildsEveryStage;
            fe.text = tr("No usable cache source: the legacy builder rebuilds every stage up to the target "
                         "and cannot import BuildKit cache from a registry. Build with BuildKit "
                         "(DOCKER_BUILDKIT=1 or docker buildx) and --cache-from.");
        } else if (importsTried && importsAllFailed) {
            fe.reason = MissReason::CacheImportFailed;
            QStringList refs;
            for (const CacheImport& ci : std::as_const(out.cacheImports))
                refs.append(ci.ref);
            fe.detail = refs.join(QStringLiteral(", "));
            fe.text = tr("No usable cache source: importing the cache from %1 failed (%2).")
                          .arg(fe.detail, out.cacheImports.first().message);
        } else if (importsTried && !finalStages.contains(w.diag.name)) {
            fe.reason = MissReason::InlineCacheFinalStageOnly;
            fe.text = tr("No usable cache source for this stage: the imported cache is inline or mode=min, "
                         "which only carries the final stage's layers. Export the cache with "
                         "--cache-to type=registry,mode=max, or build and push each stage as its own image.");
        } else if (!importsTried && !anyCachedAnywhere) {
            fe.reason = MissReason::NoCacheSource;
            fe.text = tr("No usable cache source: nothing was cached locally and no --cache-from was given "
                         "(a cold build). Pass --cache-from with an image built with an exported cache.");
        } else {
            fe.reason = MissReason::BaseImageChanged;
            fe.detail = w.from ? w.from->info.instruction : QString();
            fe.text = importsTried ? tr("The imported cache had no match for the first step: the base image "
                                        "digest (or the build arguments) differ from the build that "
                                        "exported it.")
                                   : tr("The first step after the base image missed while other stages hit: "
                                        "the base image most likely resolved to a new digest.");
        }
        s.firstExecuted = fe;
    }

    for (StageWork& w : stages) {
        out.steps += w.diag.steps;
        out.cached += w.diag.cached;
        out.executed += w.diag.executed;
        out.failed += w.diag.failed;
        out.stages.append(std::move(w.diag));
    }

    for (const StepRecord& r : std::as_const(d->steps))
        if (r.status == StepStatus::Error && r.info.kind != StepKind::CacheImport)
            out.errors.append(DiagnosisError{r.info.name, r.error});
    for (const DiagnosisError& be : std::as_const(d->buildErrors)) {
        bool dup = false;
        for (const DiagnosisError& e : std::as_const(out.errors))
            dup = dup || e.message == be.message ||
                  (!e.message.isEmpty() && be.message.contains(e.message)) ||
                  (!be.message.isEmpty() && e.message.contains(be.message));
        if (!dup)
            out.errors.append(be);
    }

    if (d->maxDepth) {
        int layers = 0;
        for (const StepRecord& r : std::as_const(d->steps))
            if (r.info.build == d->maxDepthBuild &&
                (r.info.keyword == u"RUN" || r.info.keyword == u"COPY" || r.info.keyword == u"ADD"))
                ++layers;
        out.warnings.append(DiagnosisWarning{
            QStringLiteral("max-depth-exceeded"),
            tr("max depth exceeded: the image has more layers than the storage driver allows (about 125). "
               "This build adds %1 layer-creating steps on top of its base image; incremental builds stack "
               "layers on the previous image each time. Start again from a fresh base image.")
                .arg(layers),
            QString(), layers});
    }
    if (d->format == LogFormat::Legacy && out.executed > 0)
        out.warnings.append(DiagnosisWarning{
            QStringLiteral("legacy-builder"),
            tr("This log comes from the legacy builder: it builds every stage before the target and ignores "
               "BuildKit cache sources. Use BuildKit for cache imports from a registry."),
            QString(), 0});
    out.warnings.append(d->builderWarnings);
    if (d->droppedSteps > 0)
        out.warnings.append(DiagnosisWarning{
            QStringLiteral("too-many-steps"),
            tr("The log has %1 more steps than the %2 SageDock diagnoses; the numbers cover the first %2.")
                .arg(d->droppedSteps)
                .arg(kMaxSteps),
            QString(), int(std::min<qint64>(d->droppedSteps, INT_MAX))});
    if (d->droppedMessages > 0)
        out.warnings.append(DiagnosisWarning{
            QStringLiteral("too-many-messages"),
            tr("The builder reported %1 more warnings or errors than the %2 kept; the first ones are shown.")
                .arg(d->droppedMessages)
                .arg(kMaxMessages),
            QString(), int(std::min<qint64>(d->droppedMessages, INT_MAX))});
    return out;
}

Diagnosis diagnose(QByteArrayView log, LogFormat format) {
    auto parser = Parser::create(format);
    Diagnoser d;
    d.addEvents(parser->feed(log));
    d.addEvents(parser->finish());
    d.setFormat(parser->format());
    return d.result();
}

util::Result<Diagnoser> diagnoseFile(const QString& path, LogFormat format) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return util::Error::make(
            util::ErrorCode::Io,
            QCoreApplication::translate("sagedock::buildlog", "Cannot read %1: %2")
                .arg(path, file.errorString()),
            QCoreApplication::translate("sagedock::buildlog", "Check the path and the file's permissions."));
    return diagnoseDevice(file, path, format);
}

util::Result<Diagnoser> diagnoseDevice(QIODevice& device, const QString& name, LogFormat format) {
    auto parser = Parser::create(format);
    Diagnoser d;
    QByteArray chunk(1 << 20, Qt::Uninitialized);
    BuildEvents events;
    for (;;) {
        const qint64 n = device.read(chunk.data(), chunk.size());
        if (n < 0)
            return util::Error::make(util::ErrorCode::Io,
                                     QCoreApplication::translate("sagedock::buildlog", "Cannot read %1: %2")
                                         .arg(name, device.errorString()));
        if (n == 0) // QFile blocks until data or end of file, also on a pipe
            break;
        events.clear();
        parser->feed(QByteArrayView(chunk.constData(), n), events);
        d.addEvents(events);
    }
    d.addEvents(parser->finish());
    d.setFormat(parser->format());
    return util::Result<Diagnoser>(std::move(d));
}

Comparison compare(const Diagnoser& a, const Diagnoser& b) {
    Comparison c;
    const QList<Diagnoser::StepOutcome> oa = a.stepOutcomes();
    const QList<Diagnoser::StepOutcome> ob = b.stepOutcomes();
    QHash<QString, qsizetype> indexB;
    for (qsizetype i = 0; i < ob.size(); ++i)
        indexB.insert(ob[i].stage + u'|' + QString::number(ob[i].index), i);
    QSet<QString> matched;
    for (const Diagnoser::StepOutcome& x : oa) {
        const QString key = x.stage + u'|' + QString::number(x.index);
        const auto it = indexB.constFind(key);
        if (it == indexB.cend()) {
            c.onlyInA.append(StepComparison{x.stage, x.index, x.name, QString()});
            continue;
        }
        matched.insert(key);
        const Diagnoser::StepOutcome& y = ob[*it];
        if (x.status == StepStatus::Cached && executed(y.status))
            c.cachedInAExecutedInB.append(StepComparison{x.stage, x.index, x.name, y.name});
        else if (executed(x.status) && y.status == StepStatus::Cached)
            c.executedInACachedInB.append(StepComparison{x.stage, x.index, x.name, y.name});
    }
    for (const Diagnoser::StepOutcome& y : ob)
        if (!matched.contains(y.stage + u'|' + QString::number(y.index)))
            c.onlyInB.append(StepComparison{y.stage, y.index, QString(), y.name});
    return c;
}

namespace {
std::string s8(const QString& s) {
    return s.toStdString();
}
nlohmann::json seconds(double s) {
    if (s < 0)
        return nullptr;
    return std::round(s * 1000.0) / 1000.0;
}
nlohmann::json stepsJson(const QList<StepComparison>& list) {
    nlohmann::json arr = nlohmann::json::array();
    for (const StepComparison& s : list) {
        nlohmann::json j = {{"stage", s8(s.stage)}, {"index", s.index}};
        j["step_a"] = s.stepA.isEmpty() ? nlohmann::json(nullptr) : nlohmann::json(s8(s.stepA));
        j["step_b"] = s.stepB.isEmpty() ? nlohmann::json(nullptr) : nlohmann::json(s8(s.stepB));
        arr.push_back(std::move(j));
    }
    return arr;
}
} // namespace

nlohmann::json toJson(const Diagnosis& dg) {
    nlohmann::json stages = nlohmann::json::array();
    for (const StageDiagnosis& s : dg.stages) {
        nlohmann::json first = nullptr;
        if (s.firstExecuted)
            first = {{"step", s8(s.firstExecuted->step)}, {"reason", s8(s.firstExecuted->text)}};
        stages.push_back({{"name", s8(s.name)},
                          {"steps", s.steps},
                          {"cached", s.cached},
                          {"executed", s.executed},
                          {"failed", s.failed},
                          {"duration_s", seconds(s.durationSeconds)},
                          {"first_executed", first}});
    }
    nlohmann::json imports = nlohmann::json::array();
    for (const CacheImport& ci : dg.cacheImports)
        imports.push_back({{"ref", s8(ci.ref)}, {"ok", ci.ok}, {"message", s8(ci.message)}});
    nlohmann::json errors = nlohmann::json::array();
    for (const DiagnosisError& e : dg.errors)
        errors.push_back({{"step", e.step.isEmpty() ? nlohmann::json(nullptr) : nlohmann::json(s8(e.step))},
                          {"message", s8(e.message)}});
    nlohmann::json warnings = nlohmann::json::array();
    for (const DiagnosisWarning& w : dg.warnings) {
        nlohmann::json j = {{"kind", s8(w.kind)}, {"message", s8(w.message)}};
        if (!w.step.isEmpty())
            j["step"] = s8(w.step);
        if (w.count > 0)
            j["count"] = w.count;
        warnings.push_back(std::move(j));
    }
    return {{"format", s8(formatName(dg.format))},
            {"stages", stages},
            {"cache_imports", imports},
            {"totals",
             {{"steps", dg.steps}, {"cached", dg.cached}, {"executed", dg.executed}, {"failed", dg.failed}}},
            {"errors", errors},
            {"warnings", warnings}};
}

nlohmann::json toJson(const Comparison& c) {
    return {{"cached_in_a_executed_in_b", stepsJson(c.cachedInAExecutedInB)},
            {"executed_in_a_cached_in_b", stepsJson(c.executedInACachedInB)},
            {"only_in_a", stepsJson(c.onlyInA)},
            {"only_in_b", stepsJson(c.onlyInB)}};
}

} // namespace sagedock::buildlog
