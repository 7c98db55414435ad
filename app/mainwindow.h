#pragma once
// The main window: a navigation list on the left, the pages on the right, the engine status in the
// status bar, Preferences and About in the menus. Pages come from createPages() (app/pages.cpp).

#include <QMainWindow>

class QListWidget;
class QStackedWidget;

namespace sagedock::app {

class AppContext;
class EngineStatusWidget;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(AppContext& context, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Shows the page with this id ("matrix", "launch", ...); false if there is none.
    bool showPage(const QString& id);
    QString currentPageId() const;
    EngineStatusWidget* engineStatus() const { return m_engineStatus; }

public Q_SLOTS:
    void openPreferences();
    void openAbout();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();

    AppContext& m_context;
    QListWidget* m_navigation = nullptr;
    QStackedWidget* m_stack = nullptr;
    EngineStatusWidget* m_engineStatus = nullptr;
    QStringList m_pageIds;
};

} // namespace sagedock::app
