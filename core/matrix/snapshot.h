#pragma once
// One build matrix for a repository prefix and a tag: rows = system × package set, columns = the
// selected stages in build order. Plain values, copied freely (the GUI keeps one, the CLI renders one).
// Usage:
//   const matrix::Snapshot& s = refreshJob->snapshot();
//   for (const auto& row : s.rows) for (const auto& cell : row.cells) if (cell.chain == Chain::Broken) ...;
//   matrix::Summary sum = s.summary();

#include "util/error.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace sagedock::matrix {

enum class CellStatus {
    Pending, // not answered yet (only while a refresh runs)
    Present,
    Missing, // the registry has no such repository or no such tag in it
    Error,   // the registry could not be asked or answered nonsense: see Cell::error
};

// How a present stage relates to the previous *selected* stage of the same row.
enum class Chain {
    None,          // null: the cell itself is not present, or its parent could not be read (error)
    First,         // the first selected stage: nothing to compare with
    Intact,        // rootfs.diff_ids start with all of the parent's
    Broken,        // both present, but not built on that parent image (see sharedLayers)
    ParentMissing, // the previous selected stage is absent for this tag
};

QString statusName(CellStatus status); // "pending", "present", "missing", "error"
QString chainName(Chain chain);        // "", "first", "intact", "broken", "parent-missing"

struct Layer {
    QString diffId;    // uncompressed digest (rootfs.diff_ids)
    QString digest;    // compressed blob digest from the manifest
    qint64 size = -1;  // compressed bytes
    QString createdBy; // the history entry that made this layer
    QDateTime created;
    bool operator==(const Layer&) const = default;
};

struct Cell {
    QString stage;
    QString image; // full reference with tag: "<prefix>sage-<system>-<packages>-<stage>:<tag>"
    CellStatus status = CellStatus::Pending;
    QString digest; // image manifest digest
    QDateTime created;
    qint64 size = -1; // compressed bytes (sum of layers)
    int layers = -1;
    Chain chain = Chain::None;
    int sharedLayers = -1; // Intact/Broken: leading layers in common with the parent
    int newLayers = -1;    // Intact/Broken: layers after the shared prefix
    util::Error error;
    QList<Layer> layerList;
    bool stale = false;  // answered from the cache while the registry was unreachable
    QDateTime fetchedAt; // when the registry last confirmed this answer

    bool isProblem() const; // missing, error, broken or parent-missing
    QStringList diffIds() const;
};

struct Row {
    QString system;
    QString packages;  // "standard", or with modifiers: "standard-sitepackages"
    QList<Cell> cells; // one per Snapshot::stages, same order
};

struct Summary {
    int cells = 0;
    int present = 0;
    int missing = 0;
    int broken = 0;
    int parentMissing = 0;
    int errors = 0;
    int pending = 0;
};

struct Snapshot {
    QString repository; // prefix ending in '/', e.g. "ghcr.io/sagemath/sage/"
    QString tag;
    QDateTime generated; // when the refresh started (UTC)
    QDateTime completed; // when the last answer arrived; invalid while running
    QStringList stages;
    QList<Row> rows;
    bool stale = false; // at least one answer came from the cache because the registry was unreachable

    Summary summary() const;
    bool isEmpty() const { return rows.isEmpty(); }
    // The cell whose chain this cell is judged against (previous selected stage), or nullptr.
    const Cell* parentOf(int row, int column) const;
};

} // namespace sagedock::matrix

Q_DECLARE_METATYPE(sagedock::matrix::Snapshot)
