#pragma once
// The two toolbar rows of the Matrix page and the line under them: what the matrix shows (repository
// prefix, tag with the registry's tags offered, package sets, systems), then how to view, refresh
// and export it (filter, "only problems", refresh, cancel, progress, export menu), then the summary
// of the last refresh. Two rows so the page fits a 1280 px window beside the navigation.
// Usage:
//   auto* toolbar = new MatrixToolbar(this);
//   connect(toolbar, &MatrixToolbar::refreshRequested, this, [=] { start(toolbar->request()); });
//   toolbar->setRunning(true); toolbar->setProgress(done, total);

#include "matrix/matrixrequest.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QToolButton;

namespace sagedock::app {

class MatrixToolbar final : public QWidget {
    Q_OBJECT
public:
    explicit MatrixToolbar(QWidget* parent = nullptr);

    // The selection as a request (tag "dev" when the box is empty), not yet normalized.
    matrix::MatrixRequest request() const;
    QStringList selectedSystems() const;
    QStringList selectedPackages() const;
    QString packagesChoice() const; // the package-set entry as saved in the settings ("standard,minimal")
    // Fills the selectors from saved settings; an unknown package-set entry is added.
    void setSelection(const QString& repository, const QString& tag, const QString& packagesChoice);
    // Offers the registry's tags; the tag typed so far stays (or the first tag when none was).
    void setTags(const QStringList& tags);
    bool hasTags() const;

    void setRunning(bool running);
    void setProgress(qint64 done, qint64 total);
    void setSummary(const QString& text);

Q_SIGNALS:
    void refreshRequested();
    void cancelRequested();
    void exportRequested(const QString& format);
    // The repository was edited or another package set chosen: the offered tags may differ.
    void selectionChanged();
    void filterChanged(const QString& text);
    void onlyProblemsToggled(bool on);

private:
    void buildSelectors();
    void buildViewRow();

    QLineEdit* m_repoEdit = nullptr;
    QComboBox* m_tagCombo = nullptr;
    QComboBox* m_packagesCombo = nullptr;
    QComboBox* m_systemsCombo = nullptr;
    QLineEdit* m_filterEdit = nullptr;
    QCheckBox* m_onlyProblems = nullptr;
    QPushButton* m_refreshButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QProgressBar* m_progress = nullptr;
    QToolButton* m_exportButton = nullptr;
    QLabel* m_lastRefresh = nullptr;
};

} // namespace sagedock::app
