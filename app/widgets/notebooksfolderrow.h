#pragma once
// The "Notebooks folder: [path] [Choose…]" row of the Launch and Review pages: the host folder that is
// mounted in the container as ~/notebooks. It starts from the saved preference and saves the folder
// when a launch uses it (commit()), so the other page shows it the next time it is shown. A folder
// saved elsewhere (the other page, Preferences) replaces the text unless the user has edited it here.
// Usage:
//   auto* folder = new NotebooksFolderRow(context, this);
//   options.notebooksFolder = folder->commit();

#include <QWidget>

class QLineEdit;

namespace sagedock::app {

class AppContext;

class NotebooksFolderRow : public QWidget {
    Q_OBJECT
public:
    explicit NotebooksFolderRow(AppContext& context, QWidget* parent = nullptr);

    // The folder in the box, or the default notebooks folder (~/SageMath) when the box is empty.
    QString folder() const;
    // Saves folder() as the preference and returns it; the box counts as unedited again.
    QString commit();

public Q_SLOTS:
    // Opens a folder dialog starting at the current folder.
    void choose();

protected:
    void showEvent(QShowEvent* event) override;

private:
    // Shows the saved folder unless the user has edited this box since the last commit().
    void reload();

    AppContext& m_context;
    QLineEdit* m_edit = nullptr;
};

} // namespace sagedock::app
