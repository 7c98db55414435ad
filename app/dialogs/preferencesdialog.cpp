#include "preferencesdialog.h"

#include "languages.h"
#include "reference/catalog.h"
#include "util/settings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace sagedock::app {

namespace {
// A line edit with a "Browse…" button that picks a folder or a file.
QWidget* withBrowse(QLineEdit* edit, bool folder, QWidget* parent) {
    auto* row = new QWidget(parent);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    auto* browse = new QPushButton(QCoreApplication::translate("sagedock::app", "Browse…"), row);
    layout->addWidget(browse);
    QObject::connect(browse, &QPushButton::clicked, row, [edit, folder, row] {
        const QString chosen = folder ? QFileDialog::getExistingDirectory(row, QString(), edit->text())
                                      : QFileDialog::getOpenFileName(row, QString(), edit->text());
        if (!chosen.isEmpty())
            edit->setText(chosen);
    });
    return row;
}
} // namespace

PreferencesDialog::PreferencesDialog(util::Settings& settings, QWidget* parent)
    : QDialog(parent)
    , m_settings(settings) {
    setWindowTitle(tr("Preferences"));
    setObjectName(QStringLiteral("preferencesDialog"));
    auto* tabs = new QTabWidget(this);
    tabs->addTab(buildEngineTab(), tr("Engine"));
    tabs->addTab(buildRegistryTab(), tr("Registries"));
    tabs->addTab(buildLaunchTab(), tr("Launch"));
    tabs->addTab(buildGeneralTab(), tr("General"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(tabs);
    layout->addWidget(buttons);
    load();
    resize(620, 420);
}

QWidget* PreferencesDialog::buildEngineTab() {
    auto* page = new QWidget(this);
    auto* form = new QFormLayout(page);
    m_endpoint = new QLineEdit(page);
    m_endpoint->setObjectName(QStringLiteral("engineEndpoint"));
    m_endpoint->setPlaceholderText(tr("Automatic (DOCKER_HOST, docker context, default socket, Podman)"));
    form->addRow(tr("Engine endpoint:"), m_endpoint);
    auto* help =
        new QLabel(tr("Examples: unix:///var/run/docker.sock, unix:///run/user/1000/podman/podman.sock, "
                      "tcp://build-host:2376. Leave empty to choose like the docker command does."),
                   page);
    help->setWordWrap(true);
    form->addRow(help);
    return page;
}

QWidget* PreferencesDialog::buildRegistryTab() {
    auto* page = new QWidget(this);
    auto* form = new QFormLayout(page);
    m_matrixRepository = new QLineEdit(page);
    m_matrixRepository->setObjectName(QStringLiteral("matrixRepository"));
    form->addRow(tr("Stage image repository:"), m_matrixRepository);
    m_insecure = new QLineEdit(page);
    m_insecure->setObjectName(QStringLiteral("insecureRegistries"));
    m_insecure->setPlaceholderText(tr("host:port, host:port"));
    form->addRow(tr("Registries allowed over plain HTTP:"), m_insecure);
    m_caBundle = new QLineEdit(page);
    m_caBundle->setObjectName(QStringLiteral("extraCaBundle"));
    form->addRow(tr("Extra CA certificates (PEM):"), withBrowse(m_caBundle, false, page));
    auto* note =
        new QLabel(tr("Credentials come from your Docker configuration (docker login); SageDock never "
                      "stores or logs them."),
                   page);
    note->setWordWrap(true);
    form->addRow(note);
    return page;
}

QWidget* PreferencesDialog::buildLaunchTab() {
    auto* page = new QWidget(this);
    auto* form = new QFormLayout(page);
    m_notebooks = new QLineEdit(page);
    m_notebooks->setObjectName(QStringLiteral("notebooksFolder"));
    form->addRow(tr("Default notebooks folder:"), withBrowse(m_notebooks, true, page));
    m_port = new QSpinBox(page);
    m_port->setObjectName(QStringLiteral("jupyterPort"));
    m_port->setRange(1024, 65535);
    form->addRow(tr("First Jupyter port to try:"), m_port);
    m_readyTimeout = new QSpinBox(page);
    m_readyTimeout->setObjectName(QStringLiteral("readyTimeout"));
    m_readyTimeout->setRange(util::Settings::kMinReadyTimeoutSeconds,
                             util::Settings::kMaxReadyTimeoutSeconds);
    m_readyTimeout->setSuffix(tr(" s"));
    m_readyTimeout->setToolTip(tr("How long a launch waits for Jupyter to print its address before it "
                                  "gives up and shows the container's log."));
    form->addRow(tr("Wait for Jupyter at most:"), m_readyTimeout);
    m_openBrowser = new QCheckBox(tr("Open the browser when Jupyter is ready"), page);
    m_openBrowser->setObjectName(QStringLiteral("openBrowser"));
    form->addRow(m_openBrowser);
    m_keepContainers = new QCheckBox(tr("Keep containers after Stop (default: remove them)"), page);
    m_keepContainers->setObjectName(QStringLiteral("keepContainers"));
    form->addRow(m_keepContainers);
    m_publishAll = new QCheckBox(tr("Publish Jupyter on all network interfaces"), page);
    m_publishAll->setObjectName(QStringLiteral("publishAll"));
    form->addRow(m_publishAll);
    m_publishWarning =
        new QLabel(tr("Warning: anyone on your network who learns the token can run code as you. "
                      "By default SageDock publishes on 127.0.0.1 only."),
                   page);
    m_publishWarning->setWordWrap(true);
    m_publishWarning->setStyleSheet(QStringLiteral("color: #c92a2a;"));
    form->addRow(m_publishWarning);
    connect(m_publishAll, &QCheckBox::toggled, m_publishWarning, &QWidget::setVisible);
    m_terminal = new QLineEdit(page);
    m_terminal->setObjectName(QStringLiteral("terminalCommand"));
    m_terminal->setPlaceholderText(
        tr("Automatic ($TERMINAL, x-terminal-emulator, gnome-terminal, konsole, xterm)"));
    form->addRow(tr("Terminal for shells:"), m_terminal);
    return page;
}

QWidget* PreferencesDialog::buildGeneralTab() {
    auto* page = new QWidget(this);
    auto* form = new QFormLayout(page);
    m_language = new QComboBox(page);
    m_language->setObjectName(QStringLiteral("language"));
    for (const Language& language : availableLanguages())
        m_language->addItem(language.nativeName, language.code);
    form->addRow(tr("Language:"), m_language);
    m_languageNote = new QLabel(tr("A new language applies the next time SageDock starts."), page);
    m_languageNote->setWordWrap(true);
    form->addRow(m_languageNote);
    return page;
}

void PreferencesDialog::load() {
    m_endpoint->setText(m_settings.engineEndpoint());
    m_matrixRepository->setText(m_settings.matrixRepository());
    m_insecure->setText(m_settings.insecureRegistries().join(QStringLiteral(", ")));
    m_caBundle->setText(m_settings.extraCaBundle());
    m_notebooks->setText(m_settings.notebooksFolder());
    m_port->setValue(m_settings.jupyterPort());
    m_readyTimeout->setValue(m_settings.jupyterReadyTimeoutSeconds());
    m_openBrowser->setChecked(m_settings.openBrowser());
    m_keepContainers->setChecked(m_settings.keepContainersOnStop());
    m_publishAll->setChecked(m_settings.publishOnAllInterfaces());
    m_publishWarning->setVisible(m_publishAll->isChecked());
    m_terminal->setText(m_settings.terminalCommand());
    const int index = m_language->findData(m_settings.language());
    m_language->setCurrentIndex(index < 0 ? 0 : index);
}

void PreferencesDialog::accept() {
    m_settings.setEngineEndpoint(m_endpoint->text());
    QString repository = m_matrixRepository->text().trimmed();
    if (!repository.isEmpty() && !repository.endsWith(QLatin1Char('/')))
        repository += QLatin1Char('/'); // Sage joins prefix and name without a separator
    m_settings.setMatrixRepository(repository.isEmpty() ? reference::Catalog::bundled().defaultRepository()
                                                        : repository);
    QStringList insecure;
    for (const QString& entry : m_insecure->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!entry.trimmed().isEmpty())
            insecure.append(entry.trimmed());
    m_settings.setInsecureRegistries(insecure);
    m_settings.setExtraCaBundle(m_caBundle->text().trimmed());
    m_settings.setNotebooksFolder(m_notebooks->text().trimmed());
    m_settings.setJupyterPort(m_port->value());
    m_settings.setJupyterReadyTimeoutSeconds(m_readyTimeout->value());
    m_settings.setOpenBrowser(m_openBrowser->isChecked());
    m_settings.setKeepContainersOnStop(m_keepContainers->isChecked());
    m_settings.setPublishOnAllInterfaces(m_publishAll->isChecked());
    m_settings.setTerminalCommand(m_terminal->text().trimmed());
    m_settings.setLanguage(m_language->currentData().toString());
    m_settings.sync();
    QDialog::accept();
}

} // namespace sagedock::app
