#include "imagebuild/renderers.h"

namespace sagedock::imagebuild {

QStringList previewPreamble(const BuildPlan& plan) {
    QStringList lines{QStringLiteral("cd ") + shellQuote(plan.contextDir)};
    if (plan.mode == BuildPlan::Mode::Sage && plan.fromTox)
        lines += plan.generatorDisplay().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    else if (plan.mode == BuildPlan::Mode::Sage)
        lines << plan.generatorDisplay();
    return lines;
}

QStringList previewCommands(const BuildPlan& plan, const CliCapabilities& caps) {
    QStringList lines = previewPreamble(plan);
    for (const StageCommand& c : preCommands(plan, caps))
        lines << c.display();
    for (int i = 0; i < plan.stages.size(); ++i) {
        lines << stageCommand(plan, i, caps).display();
        lines += pushCommands(plan, i, caps);
    }
    return lines;
}

QString stageSummary(const StageResult& r) {
    QString line = QStringLiteral("%1: %2").arg(r.stage, stageStatusName(r.status));
    if (r.status != StageStatus::Skipped)
        line += QStringLiteral(" (%1 steps, %2 cached, %3 executed, %4 s)")
                    .arg(r.steps)
                    .arg(r.cached)
                    .arg(r.executed)
                    .arg(r.durationSeconds, 0, 'f', 1);
    if (r.firstExecuted)
        line += QStringLiteral("\n    first executed: %1\n    why: %2")
                    .arg(r.firstExecuted->step, r.firstExecuted->text.isEmpty()
                                                    ? buildlog::reasonCode(r.firstExecuted->reason)
                                                    : r.firstExecuted->text);
    for (const auto& c : r.cacheImports)
        line +=
            QStringLiteral("\n    cache import %1: %2%3")
                .arg(c.ref, c.ok ? QStringLiteral("ok") : QStringLiteral("FAILED"),
                     c.message.isEmpty() ? QString() : QStringLiteral(" (") + c.message + QLatin1Char(')'));
    if (!r.note.isEmpty())
        line += QStringLiteral("\n    ") + r.note;
    return line;
}

} // namespace sagedock::imagebuild
