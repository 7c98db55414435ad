#include "imagebuild/buildrunner.h"

#include "buildlog/diagnosis.h"
#include "buildlog/parser.h"
#include "engine/endpoint.h"
#include "engine/engineclient.h"
#include "http/request.h"
#include "imagebuild/buildhistory.h"
#include "util/log.h"
#include "util/processjob.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTimer>

#include <climits>

#include <unistd.h>

namespace sagedock::imagebuild {

namespace {
constexpr int kProgressIntervalMs = 100;
constexpr int kKillGraceMs = 5000;

buildlog::LogFormat formatFor(const CliCapabilities& caps) {
    if (caps.mode == BuilderMode::Legacy)
        return buildlog::LogFormat::Legacy;
    if (caps.mode == BuilderMode::Buildx && caps.rawJson)
        return buildlog::LogFormat::BuildKitRawJson;
    return buildlog::LogFormat::BuildKitPlain;
}

bool loopbackRegistry(const QString& image) {
    const QString host = image.section(QLatin1Char('/'), 0, 0);
    if (!image.contains(QLatin1Char('/')))
        return false;
    QString h = host;
    if (h.startsWith(QLatin1Char('['))) // [::1]:5000
        h = h.mid(1, h.indexOf(QLatin1Char(']')) - 1);
    else
        h = h.section(QLatin1Char(':'), 0, 0);
    return http::isLoopbackHost(h);
}
} // namespace

Runner::Runner(QObject* parent)
    : util::ValueJob<BuildRecord>(parent) {}

Runner::~Runner() {
    // Every child process runs in its own group (ProcessSpec's default): deleting its job sends
    // SIGKILL to the whole group and reaps it in the background, so nothing here waits.
    delete m_probe;
    delete m_build;
    delete m_tool;
    delete m_engineVersion;
}

void Runner::setPlan(const BuildPlan& plan, const RunOptions& options) {
    m_plan = plan;
    m_options = options;
}

void Runner::start(const BuildPlan& plan, const RunOptions& options) {
    if (isStarted())
        return;
    setPlan(plan, options);
    start();
}

void Runner::doStart() {
    const BuildPlan& plan = m_plan;
    const RunOptions& options = m_options;
    m_running = true;
    m_cancelled = false;
    m_current = -1;
    m_record = BuildRecord{};
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_record.id = now.toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'-")) +
                  QString::number(QRandomGenerator::global()->generate() & 0xffffff, 16);
    m_record.started = now;
    m_record.planKey = plan.key();
    m_record.arguments = options.arguments;
    m_record.plan = plan.toJson();

    const QString logDir =
        options.logDirectory.isEmpty() ? History::defaultLogDirectory() : options.logDirectory;
    QDir().mkpath(logDir);
    pruneLogDirectory(logDir, options.maxLogDirectoryBytes);
    m_record.logPath = QDir(logDir).filePath(m_record.id + QStringLiteral(".log"));
    m_log = std::make_unique<QFile>(m_record.logPath);
    if (!m_log->open(QIODevice::WriteOnly | QIODevice::Append))
        util::logWarning(QStringLiteral("build log %1: %2").arg(m_record.logPath, m_log->errorString()));
    m_logBytes = 0;
    m_logTruncated = false;
    if (plan.fromTox) // diagnose-log and people reading the log see which environment this was
        writeLog(toxLogHeader(plan).toUtf8());
    if (options.recordHistory) {
        // Builds an earlier process left running are settled first; then this build is in the
        // history from its first moment, so a kill -9 from here on leaves a record that names it.
        const History history(historyPath());
        for (const QString& notice : history.recover().notices)
            util::logWarning(notice);
        m_record.state = QStringLiteral("running");
        m_record.ownerPid = qint64(::getpid());
        writeRunningRecord();
    }

    if (options.resume || options.skipExisting) {
        for (const PlannedStage& st : plan.stages)
            if (st.inputHash.isEmpty()) {
                finishBuild(util::Error::make(util::ErrorCode::InvalidArgument,
                                              tr("Resume and skip-when-present need the stages' input "
                                                 "hashes; plan with computeInputHashes.")));
                return;
            }
    }
    if (options.resume)
        m_previous = History(options.historyPath.isEmpty() ? History::defaultPath() : options.historyPath)
                         .latest(plan.key());

    if (options.capabilities) {
        useCapabilities(*m_options.capabilities);
        return;
    }
    auto* probe = new CliProbe(this);
    m_probe = probe;
    if (plan.fromTox && !plan.toxDocker.isEmpty())
        probe->setCandidates({plan.toxDocker}); // tox runs the docker its PATH finds, and so do we
    else if (!options.dockerCandidates.isEmpty())
        probe->setCandidates(options.dockerCandidates);
    probe->setRequiredMode(options.builderMode);
    connect(probe, &util::Job::finished, this, [this, probe](const util::Error& e) {
        probe->deleteLater();
        m_probe = nullptr;
        if (e && m_plan.fromTox) {
            util::logWarning(toxProbeWarning(m_plan, e.toString()));
            useCapabilities(toxFallbackCapabilities(m_plan));
            return;
        }
        if (e) {
            // Recorded the way the CLI prints it: "message (hint)".
            finishBuild(util::Error::make(e.code, e.toString()));
            return;
        }
        useCapabilities(probe->result());
    });
    probe->start();
}

void Runner::useCapabilities(const CliCapabilities& caps) {
    m_caps = caps;
    m_record.cli = m_caps.program;
    m_record.cliVersion = m_caps.clientVersion;
    m_record.builder = builderModeName(m_caps.mode);
    Q_EMIT capabilitiesReady(m_caps);
    if (m_cancelled) {
        finishCancelled();
        return;
    }
    askEngineVersion();
    runPreCommands(0);
}

void Runner::runPreCommands(int index) {
    const QList<StageCommand> pre = preCommands(m_plan, m_caps);
    if (index >= pre.size() || m_cancelled) {
        nextStage();
        return;
    }
    const QString display = pre.at(index).display();
    writeLog(QStringLiteral("### sagedock: %1\n").arg(display).toUtf8());
    runTool(pre.at(index).arguments, [this, index, display](int code, const QByteArray& out) {
        writeLog(out);
        if (m_cancelled) {
            finishCancelled();
            return;
        }
        if (code != 0) { // tox stops at a failing command too
            finishBuild(tr("%1 failed (exit %2).").arg(display).arg(code));
            return;
        }
        runPreCommands(index + 1);
    });
}

void Runner::askEngineVersion() {
    // The engine's version is only for the record: asked beside the first stage, never waited for.
    // The engine API answers it over the same endpoint the CLI uses (resolved the same way, with the
    // plan's docker context), which costs a request instead of a Go process competing with the build.
    const auto endpoint = engine::resolveEndpoint(engine::EndpointInputs::fromProcess(m_plan.dockerContext));
    if (endpoint.ok() && endpoint.value().kind != engine::Endpoint::Kind::Ssh && m_options.engine &&
        engine::sameDaemon(m_options.engine->endpoint(), endpoint.value())) {
        m_engineApi = std::make_unique<QObject>();
        m_options.engine->version(m_engineApi.get(), [this](util::Result<engine::EngineInfo> info) {
            if (info.ok())
                m_record.engineVersion = info.value().version;
        });
        return;
    }
    QStringList args;
    if (!m_plan.dockerContext.isEmpty())
        args << QStringLiteral("--context") << m_plan.dockerContext;
    args << QStringLiteral("version") << QStringLiteral("--format") << QStringLiteral("{{.Server.Version}}");
    util::ProcessSpec spec;
    spec.program = m_caps.program;
    spec.arguments = args;
    m_engineVersion = new util::ProcessJob(spec, this);
    util::ProcessJob* ev = m_engineVersion;
    connect(ev, &util::Job::finished, this, [this, ev](const util::Error& e) {
        if (!e && ev->result().exitCode == 0)
            m_record.engineVersion = QString::fromUtf8(ev->result().standardOutput).trimmed();
        m_engineVersion = nullptr;
        ev->deleteLater();
    });
    ev->start();
}

bool Runner::doCancel() {
    m_cancelled = true;
    if (!m_running)
        return true; // cancelled before doStart: nothing began, nothing to record
    if (m_build) {
        // SIGINT to the group first: the docker CLI then ends the build session cleanly; the job sends
        // SIGKILL if it lingers, and onBuildFinished records the cancelled stage.
        m_build->cancel();
        return false;
    }
    if (m_tool) {
        m_tool->cancel(); // its callback sees m_cancelled
        return false;
    }
    // The probe (quick, and nothing of ours yet) or nothing at all is running: end here.
    delete m_probe;
    m_probe = nullptr;
    finishCancelled();
    return false;
}

void Runner::runTool(const QStringList& args, ToolDone done, int timeoutMs) {
    QStringList argv;
    if (!m_plan.dockerContext.isEmpty())
        argv << QStringLiteral("--context") << m_plan.dockerContext;
    argv += args;
    util::ProcessSpec spec;
    spec.program = m_caps.program;
    spec.arguments = argv;
    spec.timeoutMs = timeoutMs;
    spec.mergeChannels = true;
    m_tool = new util::ProcessJob(spec, this);
    util::ProcessJob* p = m_tool;
    connect(p, &util::Job::finished, this, [this, p, done](const util::Error& e) {
        if (m_tool == p)
            m_tool = nullptr;
        p->deleteLater();
        // Not started, timed out or cancelled: a failed tool to the callback (-1, like a crash).
        done(e ? -1 : p->result().exitCode,
             e && e.code == util::ErrorCode::Process ? e.message.toUtf8() : p->result().standardOutput);
    });
    p->start();
}

void Runner::nextStage() {
    if (m_cancelled) {
        finishCancelled();
        return;
    }
    ++m_current;
    if (m_current >= m_plan.stages.size()) {
        finishBuild();
        return;
    }
    const int i = m_current;
    auto buildOrSkip = [this, i](bool) {
        if (m_options.skipExisting) {
            trySkipExisting(i, [this, i](bool skipped) {
                if (!skipped)
                    buildStage(i);
            });
        } else {
            buildStage(i);
        }
    };
    if (m_options.resume && m_previous) {
        tryResume(i, [buildOrSkip](bool resumed) {
            if (!resumed)
                buildOrSkip(false);
        });
        return;
    }
    buildOrSkip(false);
}

void Runner::tryResume(int index, std::function<void(bool)> done) {
    const PlannedStage& st = m_plan.stages.at(index);
    const StageResult* prev = m_previous->stage(st.name);
    // Resume stops at the first stage that cannot be reused: later ones build on it.
    if (!prev || !stageSucceeded(prev->status) || prev->inputHash != st.inputHash ||
        prev->imageId.isEmpty()) {
        m_previous.reset();
        done(false);
        return;
    }
    const QString wantId = prev->imageId;
    const QString prevId = m_previous->id;
    runTool(
        {QStringLiteral("image"), QStringLiteral("inspect"), QStringLiteral("--format"),
         QStringLiteral("{{.Id}}"), st.imageRef()},
        [this, index, wantId, prevId, done](int code, const QByteArray& out) {
            if (m_cancelled) {
                finishCancelled();
                return;
            }
            if (code != 0 || QString::fromUtf8(out).trimmed() != wantId) {
                m_previous.reset();
                done(false);
                return;
            }
            StageResult r;
            r.status = StageStatus::Skipped;
            r.imageId = wantId;
            r.note = tr("resumed: built by %1").arg(prevId);
            finishStage(index, r);
            done(true);
            nextStage();
        },
        30000);
}

void Runner::trySkipExisting(int index, std::function<void(bool)> done) {
    const PlannedStage st = m_plan.stages.at(index);
    const QString inputRef = st.inputRef();
    auto skipped = [this, index](const QString& note) {
        runTool(
            {QStringLiteral("image"), QStringLiteral("inspect"), QStringLiteral("--format"),
             QStringLiteral("{{.Id}}"), m_plan.stages.at(index).inputRef()},
            [this, index, note](int code, const QByteArray& out) {
                StageResult r;
                r.status = StageStatus::Skipped;
                r.imageId = code == 0 ? QString::fromUtf8(out).trimmed() : QString();
                r.note = note;
                finishStage(index, r);
                nextStage();
            },
            30000);
    };
    runTool(
        {QStringLiteral("image"), QStringLiteral("inspect"), QStringLiteral("--format"),
         QStringLiteral("{{.Id}}"), inputRef},
        [this, index, inputRef, done, skipped](int code, const QByteArray&) {
            if (m_cancelled) {
                finishCancelled();
                return;
            }
            if (code == 0) {
                tagAll(index, inputRef, [skipped, inputRef, this](bool ok) {
                    if (ok)
                        skipped(tr("inputs unchanged: %1 exists locally").arg(inputRef));
                    else
                        finishBuild(tr("Could not tag %1.").arg(inputRef));
                });
                return;
            }
            if (m_plan.pushPrefix.isEmpty()) {
                done(false);
                return;
            }
            QStringList args{QStringLiteral("manifest"), QStringLiteral("inspect")};
            if (loopbackRegistry(inputRef))
                args << QStringLiteral("--insecure");
            args << inputRef;
            runTool(args, [this, index, inputRef, done, skipped](int code, const QByteArray&) {
                if (m_cancelled) {
                    finishCancelled();
                    return;
                }
                if (code != 0) {
                    done(false);
                    return;
                }
                runTool({QStringLiteral("pull"), QStringLiteral("--quiet"), inputRef},
                        [this, index, inputRef, done, skipped](int code, const QByteArray& out) {
                            if (m_cancelled) {
                                finishCancelled();
                                return;
                            }
                            if (code != 0) {
                                util::logWarning(QStringLiteral("pull %1 failed: %2")
                                                     .arg(inputRef, QString::fromUtf8(out).trimmed()));
                                done(false);
                                return;
                            }
                            tagAll(index, inputRef, [skipped, inputRef, done](bool ok) {
                                if (ok)
                                    skipped(tr("inputs unchanged: pulled %1").arg(inputRef));
                                else
                                    done(false);
                            });
                        });
            });
        },
        30000);
}

void Runner::tagAll(int index, const QString& from, std::function<void(bool)> done) {
    auto remaining = std::make_shared<QStringList>();
    const PlannedStage& st = m_plan.stages.at(index);
    for (const QString& t : st.tags)
        *remaining << st.image + QLatin1Char(':') + t;
    auto step = std::make_shared<std::function<void()>>();
    *step = [this, remaining, from, done, step] {
        if (remaining->isEmpty()) {
            done(true);
            *step = nullptr; // break the cycle
            return;
        }
        const QString ref = remaining->takeFirst();
        runTool({QStringLiteral("tag"), from, ref}, [done, step](int code, const QByteArray&) {
            if (code != 0) {
                done(false);
                *step = nullptr;
                return;
            }
            (*step)();
        });
    };
    (*step)();
}

void Runner::buildStage(int index) {
    const PlannedStage& st = m_plan.stages.at(index);
    m_stageCaps = m_caps;
    if (!st.toxBuildArgv.isEmpty()) { // the loop's DOCKER_BUILDKIT picks the builder, as under tox
        m_stageCaps.mode = toxBuilderMode(st, m_caps);
        m_stageCaps.rawJson = false;
    }
    m_parser = buildlog::Parser::create(formatFor(m_stageCaps), {.lineEvents = m_options.lineEvents});
    m_diagnoser = std::make_unique<buildlog::Diagnoser>();
    m_diagnoser->setFormat(formatFor(m_stageCaps));
    m_progress = StageProgress{};
    m_progress.stepsTotal = st.countedSteps;
    m_legacyContainer.clear();
    m_iidFile = QFileInfo(m_record.logPath).path() + QLatin1Char('/') + m_record.id + QLatin1Char('-') +
                QString::number(index) + QStringLiteral(".iid");
    QFile::remove(m_iidFile);

    StageCommand cmd = stageCommand(m_plan, index, m_caps);
    const QString display = cmd.display();
    // The image ID comes from --iidfile: no extra `docker inspect` per stage.
    cmd.arguments << QStringLiteral("--iidfile") << m_iidFile;
    writeLog(QStringLiteral("### sagedock stage %1: %2\n").arg(st.name, display).toUtf8());

    QStringList env = util::ProcessJob::systemEnvironment(); // later entries win
    for (const auto& e : cmd.environment)
        env << e.first + QLatin1Char('=') + e.second;
    env << QStringLiteral("BUILDKIT_PROGRESS=plain"); // tox's setenv
    util::ProcessSpec spec;
    spec.program = cmd.program;
    spec.arguments = cmd.arguments;
    spec.environment = env;
    spec.workingDirectory = cmd.workingDirectory;
    spec.killGraceMs = kKillGraceMs;
    spec.mergeChannels = true;
    spec.maxCapturedBytes = 0; // the log file keeps the output
    m_build = new util::ProcessJob(spec, this);
    util::ProcessJob* p = m_build;
    connect(p, &util::ProcessJob::standardOutputReceived, this, &Runner::onBuildOutput);
    connect(p, &util::ProcessJob::started, this, [this](qint64 pid) {
        // The build runs in its own process group (the pid): recorded, so that if this process dies
        // the next start finds and stops it instead of letting it run on unnoticed.
        m_record.childPid = pid;
        writeRunningRecord();
    });
    connect(p, &util::Job::finished, this, [this, p](const util::Error& e) {
        m_build = nullptr;
        m_record.childPid = 0;
        p->deleteLater();
        onBuildFinished(e, p->result().exitCode);
    });
    m_stageTimer.start();
    m_progressTimer.start();
    m_record.stages.append(StageResult{});
    StageResult& live = m_record.stages.last();
    live.stage = st.name;
    live.image = st.imageRef();
    live.status = StageStatus::Running;
    live.command = display;
    Q_EMIT stageStarted(index, display);
    p->start();
    if (m_options.stageTimeoutMs > 0)
        QTimer::singleShot(m_options.stageTimeoutMs, p, [this] { cancel(); });
}

void Runner::onBuildOutput(const QByteArray& data) {
    if (data.isEmpty())
        return;
    writeLog(data);
    Q_EMIT logData(m_current, data);
    buildlog::BuildEvents events;
    m_parser->feed(data, events);
    if (m_stageCaps.mode == BuilderMode::Legacy) {
        static const QRegularExpression running(QStringLiteral(" ---> Running in ([0-9a-f]{12})"));
        auto it = running.globalMatch(QString::fromUtf8(data));
        while (it.hasNext())
            m_legacyContainer = it.next().captured(1);
    }
    for (const buildlog::BuildEvent& e : events) {
        if (e.type == buildlog::BuildEvent::Type::StepStarted) {
            if (e.info.kind == buildlog::StepKind::Instruction || e.info.kind == buildlog::StepKind::From)
                m_progress.currentStep = e.info.name;
            if (m_stageCaps.mode == BuilderMode::Legacy)
                m_progress.stepsTotal = std::max(m_progress.stepsTotal, e.info.total);
        }
    }
    m_diagnoser->addEvents(events);
    if (!events.isEmpty())
        Q_EMIT buildEvents(m_current, events);
    emitProgress(false);
}

void Runner::emitProgress(bool force) {
    if (!force && m_progressTimer.elapsed() < kProgressIntervalMs)
        return;
    m_progressTimer.restart();
    const buildlog::Diagnosis d = m_diagnoser->result();
    m_progress.cached = d.cached;
    m_progress.executed = d.executed;
    m_progress.stepsDone = d.cached + d.executed + d.failed;
    m_progress.stepsTotal = std::max(m_progress.stepsTotal, d.steps);
    m_progress.elapsedSeconds = m_stageTimer.elapsed() / 1000.0;
    Q_EMIT stageProgress(m_current, m_progress);
}

void Runner::onBuildFinished(const util::Error& error, int exitCode) {
    if (error && error.code == util::ErrorCode::Process && !m_cancelled) { // docker did not start
        StageResult r;
        r.status = StageStatus::Failed;
        r.note = tr("%1 could not be started: %2").arg(m_caps.program, error.message);
        finishStage(m_current, r);
        finishBuild(r.note);
        return;
    }
    // All output has arrived through standardOutputReceived before finished().
    buildlog::BuildEvents events;
    m_parser->finish(events);
    m_diagnoser->addEvents(events);
    if (!events.isEmpty())
        Q_EMIT buildEvents(m_current, events);
    emitProgress(true);

    const int index = m_current;
    const buildlog::Diagnosis d = m_diagnoser->result();
    StageResult r = m_record.stages.last();
    r.steps = d.steps;
    r.cached = d.cached;
    r.executed = d.executed;
    r.failed = d.failed;
    r.cacheImports = d.cacheImports;
    r.durationSeconds = m_stageTimer.elapsed() / 1000.0;
    // The first executed step of the build: the earliest stage in Dockerfile order that has one.
    const DockerfileInfo info = DockerfileInfo::parse(m_plan.dockerfileText);
    int best = INT_MAX;
    for (const buildlog::StageDiagnosis& sd : d.stages) {
        if (!sd.firstExecuted)
            continue;
        const int order = info.stageIndex(sd.name) < 0 ? INT_MAX - 1 : info.stageIndex(sd.name);
        if (order < best) {
            best = order;
            r.firstExecuted = sd.firstExecuted;
        }
    }
    const bool ok = !error && exitCode == 0 && !m_cancelled;
    if (m_cancelled) {
        r.status = StageStatus::Cancelled;
        r.note = tr("Cancelled.");
    } else if (!ok) {
        r.status = StageStatus::Failed;
        r.note = d.errors.isEmpty() ? tr("docker build exited with code %1.").arg(exitCode)
                                    : d.errors.last().message;
    } else {
        r.status = (d.steps > 0 && d.executed == 0) ? StageStatus::Cached : StageStatus::Built;
        QFile iid(m_iidFile);
        if (iid.open(QIODevice::ReadOnly))
            r.imageId = QString::fromUtf8(iid.readAll()).trimmed();
    }
    QFile::remove(m_iidFile);
    m_record.stages.last() = r;

    if (!ok) {
        auto end = [this, index, r] {
            finishStage(index, r);
            if (r.status == StageStatus::Cancelled)
                finishCancelled();
            else
                finishBuild(r.note);
        };
        // A killed legacy build can leave its intermediate container behind: remove it.
        if (m_cancelled && !m_legacyContainer.isEmpty()) {
            const QString id = m_legacyContainer;
            m_legacyContainer.clear();
            runTool(
                {QStringLiteral("rm"), QStringLiteral("-f"), id}, [end](int, const QByteArray&) { end(); },
                30000);
            return;
        }
        end();
        return;
    }
    QStringList pushRefs;
    const PlannedStage& st = m_plan.stages.at(index);
    if (m_plan.fromTox) {
        pushRefs = st.toxPushRefs; // the loop's pushes, in its order
    } else if (!m_plan.pushPrefix.isEmpty()) {
        for (const QString& t : st.tags)
            pushRefs << st.image + QLatin1Char(':') + t;
    }
    if (m_options.skipExisting && !pushRefs.isEmpty())
        pushRefs << st.inputRef();
    auto afterTag = [this, index, pushRefs] {
        if (pushRefs.isEmpty()) {
            finishStage(index, m_record.stages.last());
            nextStage();
            return;
        }
        pushStage(index, pushRefs, [this, index] {
            finishStage(index, m_record.stages.last());
            nextStage();
        });
    };
    if (m_options.skipExisting) {
        // Remember the inputs under their hash tag, so the next build (here or elsewhere) can skip.
        runTool(
            {QStringLiteral("tag"), st.imageRef(), st.inputRef()},
            [afterTag](int, const QByteArray&) { afterTag(); }, 30000);
        return;
    }
    afterTag();
}

void Runner::pushStage(int index, QStringList refs, std::function<void()> done) {
    if (refs.isEmpty() || m_cancelled) {
        done();
        return;
    }
    const QString ref = refs.takeFirst();
    writeLog(QStringLiteral("### sagedock push %1\n").arg(ref).toUtf8());
    runTool({QStringLiteral("push"), ref}, [this, index, ref, refs, done](int code, const QByteArray& out) {
        writeLog(out);
        if (code == 0)
            m_record.stages.last().pushed << ref;
        else // tox: "(ignoring errors)"
            util::logWarning(
                QStringLiteral("docker push %1 failed: %2").arg(ref, QString::fromUtf8(out).right(300)));
        pushStage(index, refs, done);
    });
}

void Runner::finishStage(int index, StageResult result) {
    const PlannedStage& st = m_plan.stages.at(index);
    result.stage = st.name;
    result.image = st.imageRef();
    result.tags = st.tags;
    result.inputHash = st.inputHash;
    // A built stage replaces its live row; a resumed or skipped one never had one.
    if (!m_record.stages.isEmpty() && m_record.stages.last().stage == st.name)
        m_record.stages.last() = result;
    else
        m_record.stages.append(result);
    Q_EMIT stageFinished(index, result);
}

void Runner::finishCancelled() {
    finishBuild(util::Error::make(util::ErrorCode::Cancelled, tr("Cancelled.")));
}

void Runner::finishBuild(const QString& error) {
    finishBuild(util::Error::make(util::ErrorCode::Process, error));
}

void Runner::finishBuild(const util::Error& error) {
    if (!m_running)
        return;
    m_running = false;
    m_record.finished = QDateTime::currentDateTimeUtc();
    m_record.error = error ? error.toString() : QString();
    bool allOk = !error && m_record.stages.size() == m_plan.stages.size();
    for (const StageResult& r : m_record.stages)
        allOk = allOk && stageSucceeded(r.status);
    m_record.success = allOk;
    m_engineApi.reset();    // an unanswered version request is dropped with its context
    delete m_engineVersion; // an unanswered `docker version` is killed, not waited for
    m_engineVersion = nullptr;
    if (m_log) {
        if (error)
            writeLog(QStringLiteral("### sagedock: %1\n").arg(m_record.error).toUtf8());
        m_log->close();
    }
    m_record.state = QStringLiteral("finished");
    m_record.ownerPid = 0;
    m_record.childPid = 0;
    if (m_options.recordHistory) {
        History history(historyPath());
        if (auto e = history.append(m_record))
            util::logWarning(QStringLiteral("build history: %1").arg(e.toString()));
    }
    setResult(m_record);
    emitResult(error);
}

void Runner::writeLog(const QByteArray& data) {
    if (!m_log || !m_log->isOpen() || m_logTruncated)
        return;
    if (m_logBytes + data.size() > m_options.maxLogBytes) {
        m_logTruncated = true;
        m_log->write(QStringLiteral("\n### sagedock: log truncated at %1 bytes\n").arg(m_logBytes).toUtf8());
        m_log->flush();
        return;
    }
    m_log->write(data);
    // Straight to the file: a kill -9 must not take the last output with it.
    m_log->flush();
    m_logBytes += data.size();
}

QString Runner::historyPath() const {
    return m_options.historyPath.isEmpty() ? History::defaultPath() : m_options.historyPath;
}

void Runner::writeRunningRecord() {
    if (!m_options.recordHistory || !m_running)
        return;
    if (auto e = History(historyPath()).append(m_record))
        util::logWarning(QStringLiteral("build history: %1").arg(e.toString()));
}

} // namespace sagedock::imagebuild
