#pragma once
// What the model tests share: reading a column, and sorting through a QSortFilterProxyModel by a
// model's raw-value role the way the pages do (so a test sees what a person clicking a header sees).
// Usage:
//   QCOMPARE(sortedTexts(&model, M::SizeColumn, Qt::AscendingOrder, M::SortRole, M::TagColumn), expected);

#include <QAbstractItemModel>
#include <QAbstractItemModelTester>
#include <QSortFilterProxyModel>
#include <QStringList>

namespace sagedock::testsupport {

// The texts of `column` in `model`, top to bottom.
inline QStringList columnTexts(const QAbstractItemModel& model, int column, int role = Qt::DisplayRole) {
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out << model.index(row, column).data(role).toString();
    return out;
}

// Sorts `source` by `sortColumn` through a proxy using `sortRole` and reads `readColumn` of the result.
inline QStringList sortedTexts(QAbstractItemModel* source, int sortColumn, Qt::SortOrder order, int sortRole,
                               int readColumn) {
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(source);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSortRole(sortRole);
    proxy.sort(sortColumn, order);
    return columnTexts(proxy, readColumn);
}

} // namespace sagedock::testsupport
