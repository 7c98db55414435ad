#include "util/settings.h"

#include "util/paths.h"

#include <algorithm>

namespace sagedock::util {

namespace {
// Keys live here and nowhere else.
constexpr const char* kEngineEndpoint = "engine/endpoint";
constexpr const char* kInsecureRegistries = "registry/insecure";
constexpr const char* kExtraCaBundle = "registry/extraCaBundle";
constexpr const char* kMatrixRepository = "matrix/repository";
constexpr const char* kMatrixTag = "matrix/tag";
constexpr const char* kMatrixPackages = "matrix/packages";
constexpr const char* kNotebooksFolder = "launch/notebooksFolder";
constexpr const char* kJupyterPort = "launch/jupyterPort";
constexpr const char* kReadyTimeout = "launch/readyTimeoutSeconds";
constexpr const char* kOpenBrowser = "launch/openBrowser";
constexpr const char* kKeepContainers = "launch/keepContainersOnStop";
constexpr const char* kPublishAll = "launch/publishOnAllInterfaces";
constexpr const char* kTerminal = "launch/terminalCommand";
constexpr const char* kBuildSource = "build/sourceFolder";
constexpr const char* kBuildPushPrefix = "build/pushPrefix";
constexpr const char* kBuildMode = "build/mode";
constexpr const char* kBuildDockerfile = "build/dockerfile";
constexpr const char* kBuildContext = "build/contextFolder";
constexpr const char* kBuildStages = "build/stages";
constexpr const char* kBuildImagePrefix = "build/imagePrefix";
constexpr const char* kLanguage = "ui/language";
constexpr const char* kGeometry = "ui/windowGeometry";
constexpr const char* kCurrentPage = "ui/currentPage";
} // namespace

Settings::Settings()
    : m_owned(std::make_unique<QSettings>(QStringLiteral("SageDock"), QStringLiteral("SageDock")))
    , m_settings(m_owned.get()) {}

Settings::Settings(QSettings* backend)
    : m_settings(backend) {}

Settings::~Settings() = default;

QVariant Settings::value(const char* key, const QVariant& fallback) const {
    return m_settings->value(QLatin1String(key), fallback);
}

void Settings::setValue(const char* key, const QVariant& value) {
    m_settings->setValue(QLatin1String(key), value);
}

void Settings::sync() {
    m_settings->sync();
}

QString Settings::engineEndpoint() const {
    return value(kEngineEndpoint, QString()).toString();
}
void Settings::setEngineEndpoint(const QString& v) {
    setValue(kEngineEndpoint, v.trimmed());
}

QStringList Settings::insecureRegistries() const {
    return value(kInsecureRegistries, QStringList()).toStringList();
}
void Settings::setInsecureRegistries(const QStringList& v) {
    setValue(kInsecureRegistries, v);
}

QString Settings::extraCaBundle() const {
    return value(kExtraCaBundle, QString()).toString();
}
void Settings::setExtraCaBundle(const QString& v) {
    setValue(kExtraCaBundle, v);
}

QString Settings::matrixRepository() const {
    return value(kMatrixRepository, QStringLiteral("ghcr.io/sagemath/sage/")).toString();
}
void Settings::setMatrixRepository(const QString& v) {
    setValue(kMatrixRepository, v);
}

QString Settings::matrixTag() const {
    return value(kMatrixTag, QStringLiteral("dev")).toString();
}
void Settings::setMatrixTag(const QString& v) {
    setValue(kMatrixTag, v);
}

QString Settings::matrixPackages() const {
    return value(kMatrixPackages, QStringLiteral("standard")).toString();
}
void Settings::setMatrixPackages(const QString& v) {
    setValue(kMatrixPackages, v);
}

QString Settings::notebooksFolder() const {
    return value(kNotebooksFolder, defaultNotebooksDirectory()).toString();
}
void Settings::setNotebooksFolder(const QString& v) {
    setValue(kNotebooksFolder, v);
}

int Settings::jupyterPort() const {
    const int port = value(kJupyterPort, 8888).toInt();
    return (port > 0 && port < 65536) ? port : 8888;
}
void Settings::setJupyterPort(int v) {
    setValue(kJupyterPort, v);
}

int Settings::jupyterReadyTimeoutSeconds() const {
    bool ok = false;
    const int seconds = value(kReadyTimeout, kDefaultReadyTimeoutSeconds).toInt(&ok);
    return ok ? std::clamp(seconds, kMinReadyTimeoutSeconds, kMaxReadyTimeoutSeconds)
              : kDefaultReadyTimeoutSeconds;
}
void Settings::setJupyterReadyTimeoutSeconds(int v) {
    setValue(kReadyTimeout, v);
}

bool Settings::openBrowser() const {
    return value(kOpenBrowser, true).toBool();
}
void Settings::setOpenBrowser(bool v) {
    setValue(kOpenBrowser, v);
}

bool Settings::keepContainersOnStop() const {
    return value(kKeepContainers, false).toBool();
}
void Settings::setKeepContainersOnStop(bool v) {
    setValue(kKeepContainers, v);
}

bool Settings::publishOnAllInterfaces() const {
    return value(kPublishAll, false).toBool();
}
void Settings::setPublishOnAllInterfaces(bool v) {
    setValue(kPublishAll, v);
}

QString Settings::terminalCommand() const {
    return value(kTerminal, QString()).toString();
}
void Settings::setTerminalCommand(const QString& v) {
    setValue(kTerminal, v);
}

QString Settings::buildSourceFolder() const {
    return value(kBuildSource, QString()).toString();
}
void Settings::setBuildSourceFolder(const QString& v) {
    setValue(kBuildSource, v);
}

QString Settings::buildPushPrefix() const {
    return value(kBuildPushPrefix, QString()).toString();
}
void Settings::setBuildPushPrefix(const QString& v) {
    setValue(kBuildPushPrefix, v);
}

QString Settings::buildMode() const {
    return value(kBuildMode, QStringLiteral("sage")).toString();
}
void Settings::setBuildMode(const QString& v) {
    setValue(kBuildMode, v);
}

QString Settings::buildDockerfile() const {
    return value(kBuildDockerfile, QString()).toString();
}
void Settings::setBuildDockerfile(const QString& v) {
    setValue(kBuildDockerfile, v);
}

QString Settings::buildContextFolder() const {
    return value(kBuildContext, QString()).toString();
}
void Settings::setBuildContextFolder(const QString& v) {
    setValue(kBuildContext, v);
}

QStringList Settings::buildStages() const {
    return value(kBuildStages, QStringList()).toStringList();
}
void Settings::setBuildStages(const QStringList& v) {
    setValue(kBuildStages, v);
}

QString Settings::buildImagePrefix() const {
    return value(kBuildImagePrefix, QString()).toString();
}
void Settings::setBuildImagePrefix(const QString& v) {
    setValue(kBuildImagePrefix, v);
}

QString Settings::language() const {
    return value(kLanguage, QString()).toString();
}
void Settings::setLanguage(const QString& v) {
    setValue(kLanguage, v);
}

QByteArray Settings::windowGeometry() const {
    return value(kGeometry, QByteArray()).toByteArray();
}
void Settings::setWindowGeometry(const QByteArray& v) {
    setValue(kGeometry, v);
}

QString Settings::currentPage() const {
    return value(kCurrentPage, QString()).toString();
}
void Settings::setCurrentPage(const QString& v) {
    setValue(kCurrentPage, v);
}

} // namespace sagedock::util
