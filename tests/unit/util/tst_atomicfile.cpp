// Files are replaced whole in both durability modes, leave no temporaries behind, and appends add
// exactly one line each.

#include "util/atomicfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace sagedock;

class TestAtomicFile : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void replacesWholeFile_data() {
        QTest::addColumn<int>("durability");
        QTest::newRow("synced") << int(util::Durability::Synced);
        QTest::newRow("unsynced") << int(util::Durability::Unsynced);
    }
    void replacesWholeFile() {
        QFETCH(int, durability);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("deep/er/file.json"));
        QVERIFY(!util::writeFileAtomically(path, "first version, longer", util::Durability(durability)));
        QVERIFY(!util::writeFileAtomically(path, "second", util::Durability(durability)));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("second"));
        QCOMPARE(QDir(dir.filePath(QStringLiteral("deep/er"))).entryList(QDir::Files),
                 QStringList{QStringLiteral("file.json")});
    }
    // `sagedock-cli matrix --output /dev/null` once renamed a temporary over /dev/null, turning the
    // device into a regular file for the whole machine. Devices are written in place.
    void writesDevicesInPlace_data() { replacesWholeFile_data(); }
    void writesDevicesInPlace() {
        QFETCH(int, durability);
        QVERIFY(!util::writeFileAtomically(QStringLiteral("/dev/null"), "discarded",
                                           util::Durability(durability)));
        struct stat st {};
        QCOMPARE(::stat("/dev/null", &st), 0);
        QVERIFY2(S_ISCHR(st.st_mode), "/dev/null must still be a character device");
        QCOMPARE(QDir(QStringLiteral("/dev")).entryList({QStringLiteral("null?*")}, QDir::Files),
                 QStringList{});
    }
    void keepsSymlinks_data() { replacesWholeFile_data(); }
    void keepsSymlinks() {
        QFETCH(int, durability);
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("real/report.json"));
        const QString link = dir.filePath(QStringLiteral("report.json"));
        QVERIFY(!util::writeFileAtomically(target, "old", util::Durability(durability)));
        QVERIFY(QFile::link(target, link));
        QVERIFY(!util::writeFileAtomically(link, "new", util::Durability(durability)));
        QVERIFY(QFileInfo(link).isSymLink());
        auto text = util::readWholeFile(target);
        QVERIFY(text.ok());
        QCOMPARE(text.value(), QByteArray("new"));
    }
    void refusesFolders() {
        QTemporaryDir dir;
        QCOMPARE(util::writeFileAtomically(dir.path(), "x", util::Durability::Unsynced).code,
                 util::ErrorCode::Io);
        QVERIFY(QFileInfo(dir.path()).isDir());
    }
    void reportsUnwritableFolder() {
        const util::Error e = util::writeFileAtomically(QStringLiteral("/proc/no-such-dir/x"), "data",
                                                        util::Durability::Unsynced);
        QCOMPARE(e.code, util::ErrorCode::Io);
        QVERIFY(!e.hint.isEmpty());
    }
    void appendsLines() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.jsonl"));
        QVERIFY(!util::appendLineDurably(path, R"({"a":1})"));
        QVERIFY(!util::appendLineDurably(path, "{\"b\":2}\n"));
        auto text = util::readWholeFile(path);
        QVERIFY(text.ok());
        QCOMPARE(text.value(), QByteArray("{\"a\":1}\n{\"b\":2}\n"));
        QCOMPARE(util::readWholeFile(path, 3).error().code, util::ErrorCode::TooLarge);
    }
    // A crash mid-append leaves a torn line; the next record must stay a line of its own.
    void appendAfterTornLineStartsANewLine_data() {
        QTest::addColumn<QByteArray>("before");
        QTest::addColumn<QByteArray>("after");
        QTest::newRow("empty file") << QByteArray() << QByteArray("{\"b\":2}\n");
        QTest::newRow("whole lines") << QByteArray("{\"a\":1}\n") << QByteArray("{\"a\":1}\n{\"b\":2}\n");
        QTest::newRow("torn last line") << QByteArray("{\"a\":1}\n{\"id\":\"x\",\"sta")
                                        << QByteArray("{\"a\":1}\n{\"id\":\"x\",\"sta\n{\"b\":2}\n");
        QTest::newRow("torn first line") << QByteArray("{\"id") << QByteArray("{\"id\n{\"b\":2}\n");
    }
    void appendAfterTornLineStartsANewLine() {
        QFETCH(QByteArray, before);
        QFETCH(QByteArray, after);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.jsonl"));
        if (!before.isEmpty())
            QVERIFY(util::writeFileAtomically(path, before, util::Durability::Unsynced).code ==
                    util::ErrorCode::None);
        QVERIFY(!util::appendLineDurably(path, "{\"b\":2}"));
        QCOMPARE(util::readWholeFile(path).value(), after);
    }
};

QTEST_GUILESS_MAIN(TestAtomicFile)
#include "tst_atomicfile.moc"
