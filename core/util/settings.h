#pragma once
// The one place that knows SageDock's preferences: typed getters/setters with their defaults,
// over QSettings. Nothing else in the code base touches QSettings keys.
// Usage:
//   util::Settings settings;               // the user's settings
//   util::Settings scratch(&someQSettings); // tests
//   settings.setNotebooksFolder(dir);

#include <QSettings>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <memory>

namespace sagedock::util {

class Settings {
public:
    Settings();                            // QSettings("SageDock", "SageDock")
    explicit Settings(QSettings* backend); // not owned
    ~Settings();
    Settings(const Settings&) = delete;
    Settings& operator=(const Settings&) = delete;

    // Engine: empty means "resolve like the docker CLI" (DOCKER_HOST, context, default socket).
    QString engineEndpoint() const;
    void setEngineEndpoint(const QString& value);

    // Registries
    QStringList insecureRegistries() const; // host[:port] allowed over plain HTTP
    void setInsecureRegistries(const QStringList& value);
    QString extraCaBundle() const; // PEM file added to the system trust store
    void setExtraCaBundle(const QString& value);
    QString matrixRepository() const; // default "ghcr.io/sagemath/sage/"
    void setMatrixRepository(const QString& value);
    QString matrixTag() const; // default "dev"
    void setMatrixTag(const QString& value);
    QString matrixPackages() const; // default "standard"
    void setMatrixPackages(const QString& value);

    // Launch
    QString notebooksFolder() const; // default ~/SageMath
    void setNotebooksFolder(const QString& value);
    int jupyterPort() const; // first host port tried, default 8888
    void setJupyterPort(int value);
    // Seconds a launch waits for Jupyter's token URL before it gives up with the log's tail (a real
    // SageMath's first start on a slow disk takes tens of seconds); clamped to the range below.
    static constexpr int kDefaultReadyTimeoutSeconds = 120;
    static constexpr int kMinReadyTimeoutSeconds = 5;
    static constexpr int kMaxReadyTimeoutSeconds = 3600;
    int jupyterReadyTimeoutSeconds() const;
    void setJupyterReadyTimeoutSeconds(int value);
    bool openBrowser() const; // default true
    void setOpenBrowser(bool value);
    bool keepContainersOnStop() const; // default false: stop removes the container
    void setKeepContainersOnStop(bool value);
    bool publishOnAllInterfaces() const; // default false: 127.0.0.1 only
    void setPublishOnAllInterfaces(bool value);
    QString terminalCommand() const; // empty = $TERMINAL, x-terminal-emulator, ...
    void setTerminalCommand(const QString& value);

    // Builds
    QString buildSourceFolder() const;
    void setBuildSourceFolder(const QString& value);
    QString buildPushPrefix() const;
    void setBuildPushPrefix(const QString& value);
    QString buildMode() const; // "sage" (default) or "generic" (any Dockerfile)
    void setBuildMode(const QString& value);
    QString buildDockerfile() const; // generic mode
    void setBuildDockerfile(const QString& value);
    QString buildContextFolder() const; // generic mode; empty = the Dockerfile's folder
    void setBuildContextFolder(const QString& value);
    QStringList buildStages() const; // generic mode, in build order
    void setBuildStages(const QStringList& value);
    QString buildImagePrefix() const; // generic mode
    void setBuildImagePrefix(const QString& value);

    // UI
    QString language() const; // empty = follow the system; else "de", "en", ...
    void setLanguage(const QString& value);
    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray& value);
    QString currentPage() const;
    void setCurrentPage(const QString& value);

    void sync();

private:
    QVariant value(const char* key, const QVariant& fallback) const;
    void setValue(const char* key, const QVariant& value);

    std::unique_ptr<QSettings> m_owned;
    QSettings* m_settings = nullptr;
};

} // namespace sagedock::util
