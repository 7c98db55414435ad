#pragma once
// The Builds page's history tab: past builds (newest first) with re-run, show log and diagnosis, and
// the comparison of two builds' logs — which steps one ran that the other took from the cache. The
// comparison reads and parses both logs as a util::TaskJob on the pool, never on the UI thread; its
// text is buildlog::compareLogFiles', the same as `sagedock-cli diagnose-log A --compare B` prints.
// Usage:
//   auto* history = new BuildHistoryPanel(this);
//   connect(history, &BuildHistoryPanel::rerunRequested, this, &Page::rerun);
//   history->setHistoryPath(path); // loads it
//   connect(history, &BuildHistoryPanel::recovered, this, &Page::tellUser); // once, after start-up
// Once the event loop runs, History::recover() runs on the pool (never on the UI thread): builds a
// killed SageDock left "running" become "interrupted" and torn lines are skipped; recovered() carries
// its sentences, usually none (each is said once: recover() records that it was said).

#include "imagebuild/buildrecord.h"
#include "util/error.h"

#include <QPointer>
#include <QWidget>

class QPlainTextEdit;
class QTableView;

namespace sagedock::util {
class Job;
}

namespace sagedock::app {

class BuildHistoryModel;
class EmptyState;

class BuildHistoryPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BuildHistoryPanel)
public:
    explicit BuildHistoryPanel(QWidget* parent = nullptr);
    ~BuildHistoryPanel() override;

    BuildHistoryModel* model() const { return m_model; }
    QString historyPath() const { return m_path; }
    void setHistoryPath(const QString& path); // and reloads
    util::Error reload();

Q_SIGNALS:
    void rerunRequested(const sagedock::imagebuild::BuildRecord& record);
    void showLogRequested(const QString& logPath);
    void buildRequested(); // the empty state's button: go to the Build tab
    void recovered(const QStringList& notices, const QStringList& interruptedIds);

private:
    const imagebuild::BuildRecord* selectedRecord() const;
    void compareSelected();
    void recover();

    QString m_path;
    BuildHistoryModel* m_model;
    QTableView* m_table;
    EmptyState* m_empty = nullptr; // instead of an empty table
    QPlainTextEdit* m_compare;
    QPointer<util::Job> m_comparing;
    QString m_recoveredPath; // recover() ran (or runs) for this history file
};

} // namespace sagedock::app
