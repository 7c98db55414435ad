// recordInputs(): the form values a recorded build is re-run from (Builds page "Run again", history
// panel). Table rows are records as the history holds them: Sage and generic builds, the image prefix
// given either way on the command line or only visible in the first stage's image, and records written
// by hand or by another version whose stage image does not end with the stage's name.

#include "imagebuild/buildrecord.h"

#include <QTest>

using namespace sagedock;

namespace {
imagebuild::BuildRecord generic(const QStringList& arguments, const QString& firstImage,
                                const QString& push) {
    imagebuild::BuildRecord r;
    r.arguments = arguments;
    r.plan = {{"mode", "generic"}, {"dockerfile", "ci/Dockerfile"}, {"context", "."}, {"tag", "dev"}};
    if (!push.isEmpty())
        r.plan["push_prefix"] = push.toStdString();
    if (!firstImage.isNull()) {
        imagebuild::StageResult s;
        s.stage = QStringLiteral("app");
        s.image = firstImage;
        r.stages = {s};
    }
    return r;
}
} // namespace

class TestRecordInputs : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sageBuild() {
        imagebuild::BuildRecord r;
        r.plan = {{"mode", "sage"},
                  {"source", "/home/ada/sage"},
                  {"system", "ubuntu-jammy"},
                  {"packages", "standard"},
                  {"sage_version", "10.5.beta3"},
                  {"tox_env", "docker-ubuntu-jammy-standard"},
                  {"tag", "dev"},
                  {"stages", {{{"stage", "with-system-packages"}}, {{"stage", "bootstrapped"}}}}};
        const auto in = imagebuild::recordInputs(r);
        QVERIFY(!in.generic);
        QCOMPARE(in.source, QStringLiteral("/home/ada/sage"));
        QCOMPARE(in.system, QStringLiteral("ubuntu-jammy"));
        QCOMPARE(in.packages, QStringLiteral("standard"));
        QCOMPARE(in.sageVersion, QStringLiteral("10.5.beta3"));
        QCOMPARE(in.toxEnv, QStringLiteral("docker-ubuntu-jammy-standard"));
        QCOMPARE(in.tag, QStringLiteral("dev"));
        QCOMPARE(in.stages,
                 QStringList({QStringLiteral("with-system-packages"), QStringLiteral("bootstrapped")}));
    }

    void genericImagePrefix_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("firstImage");
        QTest::addColumn<QString>("pushPrefix");
        QTest::addColumn<QString>("imagePrefix");
        const QStringList plain{QStringLiteral("build"), QStringLiteral("--dockerfile"),
                                QStringLiteral("ci/Dockerfile")};
        QTest::newRow("--image-prefix NAME")
            << (plain + QStringList{"--image-prefix", "myapp"}) << "myapp-app:dev" << QString() << "myapp";
        QTest::newRow("--image-prefix=NAME")
            << (plain + QStringList{"--image-prefix=myapp"}) << "myapp-app:dev" << QString() << "myapp";
        QTest::newRow("from the stage image") << plain << "myapp-app:dev" << QString() << "myapp";
        QTest::newRow("from the stage image, push prefix removed") << plain << "ghcr.io/ada/myapp-app:dev"
                                                                   << "ghcr.io/ada/"
                                                                   << "myapp";
        QTest::newRow("stage image without a dash") << plain << "myappapp:dev" << QString() << "myapp";
        QTest::newRow("stage image not named after the stage") << plain << "x:dev" << QString() << "x";
        QTest::newRow("empty stage image") << plain << "" << QString() << "";
        QTest::newRow("no stages") << plain << QString() << QString() << "";
    }
    void genericImagePrefix() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, firstImage);
        QFETCH(QString, pushPrefix);
        QFETCH(QString, imagePrefix);
        const auto in = imagebuild::recordInputs(generic(arguments, firstImage, pushPrefix));
        QVERIFY(in.generic);
        QCOMPARE(in.dockerfile, QStringLiteral("ci/Dockerfile"));
        QCOMPARE(in.imagePrefix, imagePrefix);
    }
};

QTEST_MAIN(TestRecordInputs)
#include "tst_recordinputs.moc"
