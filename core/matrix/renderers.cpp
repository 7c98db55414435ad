#include "matrix/renderers.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>

namespace sagedock::matrix {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::matrix)
};

std::string toStd(const QString& s) {
    return s.toStdString();
}

nlohmann::json orNull(const QString& s) {
    return s.isEmpty() ? nlohmann::json() : nlohmann::json(toStd(s));
}

QString isoUtc(const QDateTime& t) {
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QString();
}

QString csvField(const QString& s) {
    if (s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')) || s.contains(QLatin1Char('\n')) ||
        s.contains(QLatin1Char('\r'))) {
        QString q = s;
        q.replace(QLatin1String("\""), QLatin1String("\"\""));
        return QLatin1Char('"') + q + QLatin1Char('"');
    }
    return s;
}

QString numberOrEmpty(qint64 n) {
    return n >= 0 ? QString::number(n) : QString();
}

// Symbols that carry the state without colour (HTML report and GUI share the choice).
QString cellSymbol(const Cell& c) {
    switch (c.status) {
    case CellStatus::Pending:
        return QStringLiteral("…");
    case CellStatus::Missing:
        return QStringLiteral("○");
    case CellStatus::Error:
        return QStringLiteral("⚠");
    case CellStatus::Present:
        break;
    }
    switch (c.chain) {
    case Chain::Broken:
        return QStringLiteral("✖");
    case Chain::ParentMissing:
        return QStringLiteral("◌");
    default:
        return QStringLiteral("✔");
    }
}

QString cssClass(const Cell& c) {
    switch (c.status) {
    case CellStatus::Pending:
        return QStringLiteral("pending");
    case CellStatus::Missing:
        return QStringLiteral("missing");
    case CellStatus::Error:
        return QStringLiteral("error");
    case CellStatus::Present:
        break;
    }
    switch (c.chain) {
    case Chain::Broken:
        return QStringLiteral("broken");
    case Chain::ParentMissing:
        return QStringLiteral("orphan");
    default:
        return QStringLiteral("ok");
    }
}

QString cellDetailsImpl(const Cell& c, const QString& parentStage, const QDateTime& now) {
    QStringList lines;
    lines << c.image;
    switch (c.status) {
    case CellStatus::Pending:
        lines << Text::tr("Waiting for the registry.");
        break;
    case CellStatus::Missing:
        lines << Text::tr("Not in the registry for this tag.");
        break;
    case CellStatus::Error:
        lines << c.error.toString();
        break;
    case CellStatus::Present:
        lines << c.digest;
        if (c.created.isValid())
            lines << Text::tr("Created %1 (%2)").arg(relativeTime(c.created, now), isoUtc(c.created));
        lines << Text::tr("%1 in %n layer(s)", nullptr, c.layers).arg(humanSize(c.size));
        if (const QString s = chainSentence(c, parentStage); !s.isEmpty())
            lines << s;
        break;
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace

QString cellDetails(const Cell& cell, const QString& parentStage, const QDateTime& now) {
    return cellDetailsImpl(cell, parentStage, now);
}

QString humanSize(qint64 bytes) {
    if (bytes < 0)
        return QStringLiteral("?");
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

QString relativeTime(const QDateTime& when, const QDateTime& now) {
    if (!when.isValid())
        return Text::tr("at an unknown time");
    const qint64 s = when.secsTo(now);
    if (s < 0)
        return Text::tr("in the future");
    if (s < 60)
        return Text::tr("just now");
    if (s < 3600)
        return Text::tr("%n minute(s) ago", nullptr, int(s / 60));
    if (s < 86400)
        return Text::tr("%n hour(s) ago", nullptr, int(s / 3600));
    if (s < 86400 * 60)
        return Text::tr("%n day(s) ago", nullptr, int(s / 86400));
    if (s < 86400 * 730)
        return Text::tr("%n month(s) ago", nullptr, int(s / (86400 * 30)));
    return Text::tr("%n year(s) ago", nullptr, int(s / (86400 * 365)));
}

QString cellLabel(const Cell& c) {
    switch (c.status) {
    case CellStatus::Pending:
        return QStringLiteral("...");
    case CellStatus::Missing:
        return Text::tr("missing");
    case CellStatus::Error:
        return Text::tr("ERROR");
    case CellStatus::Present:
        break;
    }
    switch (c.chain) {
    case Chain::Broken:
        return Text::tr("BROKEN %1/%2").arg(c.sharedLayers).arg(c.layers);
    case Chain::ParentMissing:
        return Text::tr("no parent");
    case Chain::None:
        return Text::tr("present");
    case Chain::First:
    case Chain::Intact:
        break;
    }
    return Text::tr("ok");
}

QString chainSentence(const Cell& c, const QString& parentStage) {
    if (c.status != CellStatus::Present)
        return {};
    switch (c.chain) {
    case Chain::First:
        return Text::tr("First selected stage: nothing to compare with.");
    case Chain::Intact:
        return Text::tr("Built on %1: shares all %2 of its layers and adds %3.")
            .arg(parentStage)
            .arg(c.sharedLayers)
            .arg(c.newLayers);
    case Chain::Broken:
        return Text::tr("Not built on %1: only the first %2 layers match; %3 layers differ from there on.")
            .arg(parentStage)
            .arg(c.sharedLayers)
            .arg(c.newLayers);
    case Chain::ParentMissing:
        return Text::tr("%1 does not exist for this tag, so the chain cannot be checked.").arg(parentStage);
    case Chain::None:
        return Text::tr("%1 could not be read, so the chain is unknown.").arg(parentStage);
    }
    return {};
}

nlohmann::json toJson(const Summary& s) {
    return {{"cells", s.cells},
            {"present", s.present},
            {"missing", s.missing},
            {"broken", s.broken},
            {"parent_missing", s.parentMissing},
            {"errors", s.errors}};
}

nlohmann::json toJson(const Snapshot& snapshot) {
    nlohmann::json stages = nlohmann::json::array();
    for (const QString& s : snapshot.stages)
        stages.push_back(toStd(s));
    nlohmann::json rows = nlohmann::json::array();
    for (const Row& row : snapshot.rows) {
        nlohmann::json cells = nlohmann::json::array();
        for (const Cell& c : row.cells) {
            const bool present = c.status == CellStatus::Present;
            const bool compared = c.chain == Chain::Intact || c.chain == Chain::Broken;
            cells.push_back({
                {"stage", toStd(c.stage)},
                {"image", toStd(c.image)},
                {"status", toStd(statusName(c.status))},
                {"digest", present ? orNull(c.digest) : nlohmann::json()},
                {"created", present ? orNull(isoUtc(c.created)) : nlohmann::json()},
                {"size", present && c.size >= 0 ? nlohmann::json(c.size) : nlohmann::json()},
                {"layers", present && c.layers >= 0 ? nlohmann::json(c.layers) : nlohmann::json()},
                {"chain", orNull(chainName(c.chain))},
                {"shared_layers", compared ? nlohmann::json(c.sharedLayers) : nlohmann::json()},
                {"new_layers", compared ? nlohmann::json(c.newLayers) : nlohmann::json()},
                {"error", c.status == CellStatus::Error ? orNull(c.error.toString()) : nlohmann::json()},
            });
        }
        rows.push_back({{"system", toStd(row.system)}, {"packages", toStd(row.packages)}, {"cells", cells}});
    }
    return {{"repository", toStd(snapshot.repository)},
            {"tag", toStd(snapshot.tag)},
            {"generated", toStd(isoUtc(snapshot.generated))},
            {"stages", stages},
            {"rows", rows},
            {"summary", toJson(snapshot.summary())}};
}

QByteArray renderJson(const Snapshot& snapshot) {
    return QByteArray::fromStdString(toJson(snapshot).dump(2)) + '\n';
}

QByteArray renderCsv(const Snapshot& snapshot) {
    QStringList lines;
    lines << QStringLiteral(
        "system,packages,stage,image,status,digest,created,size,layers,chain,shared_layers,"
        "new_layers,error");
    for (const Row& row : snapshot.rows) {
        for (const Cell& c : row.cells) {
            const bool present = c.status == CellStatus::Present;
            const bool compared = c.chain == Chain::Intact || c.chain == Chain::Broken;
            QStringList f{row.system,
                          row.packages,
                          c.stage,
                          c.image,
                          statusName(c.status),
                          present ? c.digest : QString(),
                          present ? isoUtc(c.created) : QString(),
                          present ? numberOrEmpty(c.size) : QString(),
                          present ? numberOrEmpty(c.layers) : QString(),
                          chainName(c.chain),
                          compared ? QString::number(c.sharedLayers) : QString(),
                          compared ? QString::number(c.newLayers) : QString(),
                          c.status == CellStatus::Error ? c.error.toString() : QString()};
            for (QString& s : f)
                s = csvField(s);
            lines << f.join(QLatin1Char(','));
        }
    }
    return (lines.join(QStringLiteral("\r\n")) + QStringLiteral("\r\n")).toUtf8();
}

QString renderText(const Snapshot& snapshot) {
    // Columns sized to their widest entry; labels alone carry the state (no colour in a pipe).
    QList<QStringList> table;
    QStringList header{Text::tr("system"), Text::tr("packages")};
    header << snapshot.stages;
    table << header;
    for (const Row& row : snapshot.rows) {
        QStringList line{row.system, row.packages};
        for (const Cell& c : row.cells)
            line << cellLabel(c);
        table << line;
    }
    QList<qsizetype> widths(header.size(), 0);
    for (const QStringList& line : table) {
        for (qsizetype i = 0; i < line.size(); ++i)
            widths[i] = std::max(widths[i], line[i].size());
    }
    QString out;
    out += Text::tr("%1 tag %2").arg(snapshot.repository, snapshot.tag) + QLatin1Char('\n');
    for (const QStringList& line : table) {
        QStringList padded;
        for (qsizetype i = 0; i < line.size(); ++i)
            padded << line[i].leftJustified(widths[i]);
        out += padded.join(QStringLiteral("  ")).trimmed() + QLatin1Char('\n');
    }
    const Summary s = snapshot.summary();
    out += Text::tr("%1 cells: %2 present, %3 missing, %4 broken, %5 parent missing, %6 errors")
               .arg(s.cells)
               .arg(s.present)
               .arg(s.missing)
               .arg(s.broken)
               .arg(s.parentMissing)
               .arg(s.errors) +
           QLatin1Char('\n');
    for (int r = 0; r < snapshot.rows.size(); ++r) {
        const Row& row = snapshot.rows[r];
        for (int c = 0; c < row.cells.size(); ++c) {
            const Cell& cell = row.cells[c];
            const QString parent = c > 0 ? snapshot.stages[c - 1] : QString();
            if (cell.status == CellStatus::Error)
                out += QStringLiteral("  ") + cell.image + QStringLiteral(": ") + cell.error.toString() +
                       QLatin1Char('\n');
            else if (cell.chain == Chain::Broken)
                out += QStringLiteral("  ") + cell.image + QStringLiteral(": ") +
                       chainSentence(cell, parent) + QLatin1Char('\n');
        }
    }
    if (snapshot.stale)
        out += Text::tr("Some answers came from the cache because the registry could not be reached.") +
               QLatin1Char('\n');
    return out;
}

QByteArray renderHtml(const Snapshot& snapshot) {
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const Summary s = snapshot.summary();
    auto esc = [](const QString& t) { return t.toHtmlEscaped(); };
    QString h;
    h += QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>");
    h += esc(Text::tr("Sage build matrix: %1 tag %2").arg(snapshot.repository, snapshot.tag));
    h += QStringLiteral("</title>\n<style>\n"
                        "body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}\n"
                        "table{border-collapse:collapse;font-size:13px}\n"
                        "th,td{border:1px solid #bbb;padding:3px 6px;text-align:left;white-space:nowrap}\n"
                        "th{background:#eee}\n"
                        "td.ok{background:#d9f2d9}td.broken{background:#f8c9c4;font-weight:bold}\n"
                        "td.missing{background:#eeeeee;color:#555}td.error{background:#ffe0a3}\n"
                        "td.orphan{background:#fff3bf}td.pending{background:#fff}\n"
                        "tr.group th{background:#dde6f0;text-align:left}\n"
                        ".legend span{margin-right:1.2em}\n"
                        "code{font-size:12px}\n"
                        "</style></head><body>\n<h1>");
    h += esc(Text::tr("Sage build matrix"));
    h += QStringLiteral("</h1>\n<p>");
    h += esc(Text::tr("Repository prefix %1, tag %2, generated %3.")
                 .arg(snapshot.repository, snapshot.tag, isoUtc(snapshot.generated)));
    if (snapshot.stale)
        h += QStringLiteral(" <strong>") +
             esc(Text::tr("Some answers came from the cache because the registry could not be reached.")) +
             QStringLiteral("</strong>");
    h += QStringLiteral("</p>\n<p class=\"legend\">");
    h += QStringLiteral("<span>✔ ") + esc(Text::tr("ok: present, built on the previous stage")) +
         QStringLiteral("</span>");
    h += QStringLiteral("<span>✖ ") + esc(Text::tr("BROKEN: not built on the previous stage")) +
         QStringLiteral("</span>");
    h += QStringLiteral("<span>◌ ") + esc(Text::tr("no parent: previous stage missing")) +
         QStringLiteral("</span>");
    h += QStringLiteral("<span>○ ") + esc(Text::tr("missing")) + QStringLiteral("</span>");
    h += QStringLiteral("<span>⚠ ") + esc(Text::tr("error")) + QStringLiteral("</span></p>\n");
    h += QStringLiteral("<p>") +
         esc(Text::tr("%1 cells: %2 present, %3 missing, %4 broken, %5 parent missing, %6 errors.")
                 .arg(s.cells)
                 .arg(s.present)
                 .arg(s.missing)
                 .arg(s.broken)
                 .arg(s.parentMissing)
                 .arg(s.errors)) +
         QStringLiteral("</p>\n<table>\n<tr><th>") + esc(Text::tr("system")) + QStringLiteral("</th><th>") +
         esc(Text::tr("packages")) + QStringLiteral("</th>");
    for (const QString& stage : snapshot.stages)
        h += QStringLiteral("<th>") + esc(stage) + QStringLiteral("</th>");
    h += QStringLiteral("</tr>\n");
    for (const Row& row : snapshot.rows) {
        h += QStringLiteral("<tr><th>") + esc(row.system) + QStringLiteral("</th><td>") + esc(row.packages) +
             QStringLiteral("</td>");
        for (int c = 0; c < row.cells.size(); ++c) {
            const Cell& cell = row.cells[c];
            const QString parent = c > 0 ? snapshot.stages[c - 1] : QString();
            h += QStringLiteral("<td class=\"") + cssClass(cell) + QStringLiteral("\" title=\"") +
                 esc(cellDetails(cell, parent, now)) + QStringLiteral("\">") + cellSymbol(cell) +
                 QLatin1Char(' ') + esc(cellLabel(cell)) + QStringLiteral("</td>");
        }
        h += QStringLiteral("</tr>\n");
    }
    h += QStringLiteral("</table>\n");
    QString problems;
    for (const Row& row : snapshot.rows) {
        for (int c = 0; c < row.cells.size(); ++c) {
            const Cell& cell = row.cells[c];
            const QString parent = c > 0 ? snapshot.stages[c - 1] : QString();
            QString text;
            if (cell.status == CellStatus::Error)
                text = cell.error.toString();
            else if (cell.chain == Chain::Broken || cell.chain == Chain::ParentMissing)
                text = chainSentence(cell, parent);
            if (!text.isEmpty())
                problems += QStringLiteral("<li><code>") + esc(cell.image) + QStringLiteral("</code>: ") +
                            esc(text) + QStringLiteral("</li>\n");
        }
    }
    if (!problems.isEmpty())
        h += QStringLiteral("<h2>") + esc(Text::tr("Problems")) + QStringLiteral("</h2>\n<ul>\n") + problems +
             QStringLiteral("</ul>\n");
    h += QStringLiteral("<p><small>") +
         esc(Text::tr("Generated by SageDock %1.").arg(QStringLiteral(SAGEDOCK_VERSION))) +
         QStringLiteral("</small></p>\n</body></html>\n");
    return h.toUtf8();
}

} // namespace sagedock::matrix
