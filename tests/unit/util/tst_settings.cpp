// The typed settings facade: defaults a new user sees, and values that round-trip.

#include "util/settings.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using sagedock::util::Settings;

class TestSettings : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void defaults() {
        QTemporaryDir dir;
        QSettings backend(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        Settings s(&backend);
        QCOMPARE(s.engineEndpoint(), QString());
        QCOMPARE(s.matrixRepository(), QStringLiteral("ghcr.io/sagemath/sage/"));
        QCOMPARE(s.matrixTag(), QStringLiteral("dev"));
        QCOMPARE(s.jupyterPort(), 8888);
        QCOMPARE(s.jupyterReadyTimeoutSeconds(), 120);
        QVERIFY(s.openBrowser());
        QVERIFY(!s.publishOnAllInterfaces()); // 127.0.0.1 only unless the user opts in
        QVERIFY(!s.keepContainersOnStop());
        QCOMPARE(s.notebooksFolder(), QDir::home().filePath(QStringLiteral("SageMath")));
        QCOMPARE(s.language(), QString());
    }
    void roundTrip() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.ini"));
        {
            QSettings backend(path, QSettings::IniFormat);
            Settings s(&backend);
            s.setEngineEndpoint(QStringLiteral("  unix:///run/podman/podman.sock "));
            s.setInsecureRegistries({QStringLiteral("10.0.0.5:5000")});
            s.setJupyterPort(9999);
            s.setJupyterReadyTimeoutSeconds(300);
            s.setLanguage(QStringLiteral("de"));
            s.setOpenBrowser(false);
            s.sync();
        }
        QSettings backend(path, QSettings::IniFormat);
        Settings s(&backend);
        QCOMPARE(s.engineEndpoint(), QStringLiteral("unix:///run/podman/podman.sock"));
        QCOMPARE(s.insecureRegistries(), QStringList{QStringLiteral("10.0.0.5:5000")});
        QCOMPARE(s.jupyterPort(), 9999);
        QCOMPARE(s.jupyterReadyTimeoutSeconds(), 300);
        QCOMPARE(s.language(), QStringLiteral("de"));
        QVERIFY(!s.openBrowser());
    }
    void invalidPortFallsBack() {
        QTemporaryDir dir;
        QSettings backend(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        Settings s(&backend);
        s.setJupyterPort(70000);
        QCOMPARE(s.jupyterPort(), 8888);
    }
    // A hand-edited value outside what a launch can use is brought back into range, not obeyed.
    void readyTimeoutIsClamped_data() {
        QTest::addColumn<QVariant>("stored");
        QTest::addColumn<int>("seconds");
        QTest::newRow("zero") << QVariant(0) << 5;
        QTest::newRow("negative") << QVariant(-30) << 5;
        QTest::newRow("a day") << QVariant(86400) << 3600;
        QTest::newRow("text") << QVariant(QStringLiteral("soon")) << 120;
        QTest::newRow("in range") << QVariant(45) << 45;
    }
    void readyTimeoutIsClamped() {
        QFETCH(QVariant, stored);
        QFETCH(int, seconds);
        QTemporaryDir dir;
        QSettings backend(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        backend.setValue(QStringLiteral("launch/readyTimeoutSeconds"), stored);
        Settings s(&backend);
        QCOMPARE(s.jupyterReadyTimeoutSeconds(), seconds);
    }
};

QTEST_GUILESS_MAIN(TestSettings)
#include "tst_settings.moc"
