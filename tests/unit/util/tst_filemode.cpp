// util::forbidWorldWritable(): whatever umask the session has, what SageDock creates — atomic files,
// appended history lines, folders made on the way, plain QFile writes — is never writable by others,
// and the user's other umask bits (group policy, private files) are kept.

#include "util/atomicfile.h"
#include "util/filemode.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace sagedock;

class TestFileMode : public QObject {
    Q_OBJECT
    mode_t m_original = 022;

private Q_SLOTS:
    void initTestCase() {
        m_original = ::umask(022);
        ::umask(m_original);
    }
    void cleanup() { ::umask(m_original); }

    void nothingWorldWritable_data() {
        QTest::addColumn<unsigned>("sessionUmask");
        QTest::addColumn<unsigned>("expectedUmask");
        QTest::addColumn<bool>("groupMayWrite");
        QTest::newRow("000 (containers, some desktops)") << 0000u << 0002u << true;
        QTest::newRow("002 (user private groups)") << 0002u << 0002u << true;
        QTest::newRow("022 (Debian default)") << 0022u << 0022u << false;
        QTest::newRow("077 (private)") << 0077u << 0077u << false;
        QTest::newRow("020 (odd: group masked, others not)") << 0020u << 0022u << false;
    }
    void nothingWorldWritable() {
        QFETCH(unsigned, sessionUmask);
        QFETCH(unsigned, expectedUmask);
        QFETCH(bool, groupMayWrite);
        ::umask(mode_t(sessionUmask));
        QCOMPARE(util::forbidWorldWritable(), expectedUmask);
        QCOMPARE(unsigned(::umask(mode_t(expectedUmask))), expectedUmask);

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString atomic = dir.filePath(QStringLiteral("made/on/the/way/cache.json"));
        QVERIFY(!util::writeFileAtomically(atomic, "{}"));
        const QString history = dir.filePath(QStringLiteral("history/builds.jsonl"));
        QVERIFY(QDir().mkpath(QFileInfo(history).absolutePath()));
        QVERIFY(!util::appendLineDurably(history, "{\"id\":\"a\"}"));
        QFile plain(dir.filePath(QStringLiteral("plain.txt")));
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.close();

        for (const QString& path :
             {atomic, QFileInfo(atomic).absolutePath(), dir.filePath(QStringLiteral("made")), history,
              QFileInfo(history).absolutePath(), plain.fileName()}) {
            const QFileInfo info(path);
            QVERIFY2(info.exists(), qPrintable(path));
            QVERIFY2(!(info.permissions() & QFileDevice::WriteOther),
                     qPrintable(path + QStringLiteral(" is world-writable")));
            // The owner can still write; group write follows the session's own choice.
            QVERIFY2(info.permissions() & QFileDevice::WriteOwner, qPrintable(path));
            if (info.isDir())
                QCOMPARE(bool(info.permissions() & QFileDevice::WriteGroup), groupMayWrite);
        }
    }
};

QTEST_MAIN(TestFileMode)
#include "tst_filemode.moc"
