#pragma once
// Before a Jupyter launch from the Launch or Review page: does a session already run Jupyter on that
// notebooks folder? Lists the sessions (async; busy() meanwhile) and, when one does, asks "Open It /
// Start Another / Cancel" (QMessageBox sameFolderDialog, buttons openExistingButton and
// startAnotherButton). A listing error is not a reason to refuse: the launch reports engine trouble.
// Usage:
//   m_check = new SameFolderCheck(this);
//   m_check->run(store, options, [this](SameFolderCheck::Decision d, const launch::Session& running) {
//       if (d == SameFolderCheck::Decision::Launch) startLaunch(options);
//       else if (d == SameFolderCheck::Decision::OpenExisting) showReady(running);
//   });

#include "launch/launchplan.h"
#include "launch/session.h"

#include <QObject>

#include <functional>

class QWidget;

namespace sagedock::launch {
class SessionStore;
}

namespace sagedock::app {

class SameFolderCheck : public QObject {
    Q_OBJECT
public:
    enum class Decision { Launch, OpenExisting, Cancel };
    using Decided = std::function<void(Decision, const launch::Session& running)>;

    // The dialog is a child of `page`.
    explicit SameFolderCheck(QWidget* page);

    // Checks options.notebooksFolder among the sessions carrying options.extraLabels (tests mark theirs).
    // `store` null: Launch at once.
    void run(launch::SessionStore* store, const launch::LaunchOptions& options, Decided decided);
    // Listing the sessions (the pages keep Launch disabled meanwhile).
    bool busy() const { return m_busy; }

Q_SIGNALS:
    void busyChanged(bool busy);

private:
    void ask(const launch::Session& running, Decided decided);

    QWidget* m_page;
    bool m_busy = false;
};

} // namespace sagedock::app
