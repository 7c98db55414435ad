#pragma once
// The details panel under the build matrix: the selected cell's image and verdict, its pull command
// (copy), its package page and "Launch…", and its layers compared with the previous stage's, shared
// prefix first (matrix::compareWithParent).
// Usage:
//   auto* details = new MatrixDetailsPanel(splitter);
//   details->showCell(snapshot, row, stage);   // or clear()
//   connect(details, &MatrixDetailsPanel::launchRequested, this, ...);

#include <QString>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace sagedock::matrix {
struct Cell;
struct Snapshot;
} // namespace sagedock::matrix

namespace sagedock::app {

class MatrixDetailsPanel final : public QWidget {
    Q_OBJECT
public:
    explicit MatrixDetailsPanel(QWidget* parent = nullptr);

    void showCell(const matrix::Snapshot& snapshot, int row, int stage);
    void clear();

Q_SIGNALS:
    // "Launch…": an image that exists, for the Review page.
    void launchRequested(const QString& image);

private:
    void fillLayers(const matrix::Cell& cell, const matrix::Cell* parent);

    QLabel* m_title = nullptr;
    QLabel* m_text = nullptr;
    QTableWidget* m_layerTable = nullptr;
    QLineEdit* m_pullLine = nullptr;
    QPushButton* m_copyButton = nullptr;
    QPushButton* m_packagePageButton = nullptr;
    QPushButton* m_launchButton = nullptr;
    QString m_selectedImage;
    QString m_packagePageUrl;
};

} // namespace sagedock::app
