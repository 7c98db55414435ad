// Files are replaced whole in both durability modes, leave no temporaries behind, and appends add
// exactly one line each.

#include "util/atomicfile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

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
};

QTEST_GUILESS_MAIN(TestAtomicFile)
#include "tst_atomicfile.moc"
