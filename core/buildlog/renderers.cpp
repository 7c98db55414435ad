#include "buildlog/renderers.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>

namespace sagedock::buildlog {

namespace {
struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::buildlog)
};

QString seconds(double s) {
    return s < 0 ? QStringLiteral("-") : QString::number(s, 'f', 1) + QStringLiteral(" s");
}

QString stageRow(const QString& name, qsizetype width, int steps, int cached, int executed, int failed) {
    return name.leftJustified(width) + QStringLiteral("  ") + QString::number(steps).rightJustified(5) +
           QStringLiteral("  ") + QString::number(cached).rightJustified(6) + QStringLiteral("  ") +
           QString::number(executed).rightJustified(8) + QStringLiteral("  ") +
           QString::number(failed).rightJustified(6);
}

// "  [stage 3] RUN …", and where B's step reads differently (an expanded build argument), how.
void appendSteps(QStringList& lines, const QList<StepComparison>& steps, const QString& prefix = {}) {
    for (const StepComparison& s : steps) {
        lines << QStringLiteral("  %1[%2 %3] %4")
                     .arg(prefix, s.stage)
                     .arg(s.index)
                     .arg(s.stepA.isEmpty() ? s.stepB : s.stepA);
        if (!s.stepA.isEmpty() && !s.stepB.isEmpty() && s.stepA != s.stepB)
            lines << QStringLiteral("    ") + Text::tr("differs in B: %1").arg(s.stepB);
    }
}
} // namespace

QString renderDiagnosis(const QString& name, const Diagnosis& d) {
    QStringList out;
    out << QStringLiteral("%1: %2, %3 %4")
               .arg(name, formatName(d.format))
               .arg(d.builds)
               .arg(d.builds == 1 ? QStringLiteral("build") : QStringLiteral("builds"))
        << QString();
    qsizetype width = 5;
    for (const StageDiagnosis& s : d.stages)
        width = std::max(width, s.name.size());
    out << QStringLiteral("Stage").leftJustified(width) +
               QStringLiteral("  Steps  Cached  Executed  Failed  Duration");
    for (const StageDiagnosis& s : d.stages)
        out << stageRow(s.name, width, s.steps, s.cached, s.executed, s.failed) + QStringLiteral("  ") +
                   seconds(s.durationSeconds).rightJustified(8);
    out << stageRow(QStringLiteral("Total"), width, d.steps, d.cached, d.executed, d.failed);

    bool header = false;
    for (const StageDiagnosis& s : d.stages) {
        if (!s.firstExecuted)
            continue;
        if (!header)
            out << QString() << QStringLiteral("First executed step per stage (where the cache broke):");
        header = true;
        out << QStringLiteral("  ") + s.name + QStringLiteral(": ") + s.firstExecuted->step
            << QStringLiteral("    ") + s.firstExecuted->text;
    }
    if (!d.cacheImports.isEmpty()) {
        out << QString() << QStringLiteral("Cache imports:");
        for (const CacheImport& ci : d.cacheImports)
            out << QStringLiteral("  ") + (ci.ok ? QStringLiteral("ok      ") : QStringLiteral("FAILED  ")) +
                       ci.ref + (ci.message.isEmpty() ? QString() : QStringLiteral(": ") + ci.message);
    }
    if (!d.errors.isEmpty()) {
        out << QString() << QStringLiteral("Errors:");
        for (const DiagnosisError& e : d.errors)
            out << QStringLiteral("  ") + (e.step.isEmpty() ? QString() : e.step + QStringLiteral(": ")) +
                       e.message;
    }
    if (!d.warnings.isEmpty()) {
        out << QString() << QStringLiteral("Warnings:");
        for (const DiagnosisWarning& w : d.warnings)
            out << QStringLiteral("  [") + w.kind + QStringLiteral("] ") + w.message;
    }
    return out.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QString renderComparison(const QString& nameA, const QString& nameB, const Comparison& c) {
    QStringList lines;
    lines << QStringLiteral("A: ") + nameA << QStringLiteral("B: ") + nameB;
    lines << Text::tr("Cached in A, executed in B:");
    appendSteps(lines, c.cachedInAExecutedInB);
    lines << Text::tr("Executed in A, cached in B:");
    appendSteps(lines, c.executedInACachedInB);
    lines
        << Text::tr("Only in A: %1 steps; only in B: %2 steps.").arg(c.onlyInA.size()).arg(c.onlyInB.size());
    appendSteps(lines, c.onlyInA, QStringLiteral("A "));
    appendSteps(lines, c.onlyInB, QStringLiteral("B "));
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

util::Result<QString> compareLogFiles(const QString& pathA, const QString& pathB,
                                      const util::CancelToken& token) {
    auto a = diagnoseFile(pathA);
    if (!a.ok())
        return a.error();
    if (token.isCancelled())
        return util::Error::make(util::ErrorCode::Cancelled, Text::tr("Cancelled."));
    auto b = diagnoseFile(pathB);
    if (!b.ok())
        return b.error();
    return renderComparison(pathA, pathB, compare(a.value(), b.value()));
}

} // namespace sagedock::buildlog
