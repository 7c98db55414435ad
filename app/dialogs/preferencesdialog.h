#pragma once
// Preferences: engine endpoint, registries, notebooks folder, language, launch defaults.
// Reads and writes util::Settings only; saving happens on OK.

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace sagedock::util {
class Settings;
}

namespace sagedock::app {

class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    explicit PreferencesDialog(util::Settings& settings, QWidget* parent = nullptr);

    void accept() override;

private:
    QWidget* buildEngineTab();
    QWidget* buildRegistryTab();
    QWidget* buildLaunchTab();
    QWidget* buildGeneralTab();
    void load();

    util::Settings& m_settings;
    QLineEdit* m_endpoint = nullptr;
    QLineEdit* m_insecure = nullptr;
    QLineEdit* m_caBundle = nullptr;
    QLineEdit* m_matrixRepository = nullptr;
    QLineEdit* m_notebooks = nullptr;
    QSpinBox* m_port = nullptr;
    QSpinBox* m_readyTimeout = nullptr;
    QCheckBox* m_openBrowser = nullptr;
    QCheckBox* m_keepContainers = nullptr;
    QCheckBox* m_publishAll = nullptr;
    QLabel* m_publishWarning = nullptr;
    QLineEdit* m_terminal = nullptr;
    QComboBox* m_language = nullptr;
    QLabel* m_languageNote = nullptr;
};

} // namespace sagedock::app
