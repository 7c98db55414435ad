// Which host folders may become a session's notebooks folder (launch/notebooksfolder.h): the pure
// decision by a table of facts, and the facts read from a real disk for the cases a table cannot fake
// (a symlink to /, a file, spaces and non-ASCII names).

#include "launch/notebooksfolder.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace sagedock;
using launch::NotebooksFolderFacts;
using util::ErrorCode;

Q_DECLARE_METATYPE(sagedock::launch::NotebooksFolderFacts)

namespace {

const QString kHome = QStringLiteral("/home/me");

// An existing, writable folder of the user's, resolved to itself.
NotebooksFolderFacts folder(const QString& path, const QString& resolved = {}) {
    NotebooksFolderFacts f;
    f.path = path;
    f.resolved = resolved.isEmpty() ? path : resolved;
    f.home = kHome;
    f.exists = true;
    f.isDir = true;
    f.writable = true;
    return f;
}

NotebooksFolderFacts missing(const QString& path, bool parentWritable) {
    NotebooksFolderFacts f = folder(path);
    f.exists = f.isDir = f.writable = false;
    f.parentWritable = parentWritable;
    return f;
}

template <typename Change> NotebooksFolderFacts with(NotebooksFolderFacts f, Change change) {
    change(f);
    return f;
}

} // namespace

class TestNotebooksFolder : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void decide_data() {
        QTest::addColumn<NotebooksFolderFacts>("facts");
        QTest::addColumn<int>("code");      // ErrorCode::None = accepted
        QTest::addColumn<QString>("words"); // in the one sentence
        const int ok = int(ErrorCode::None);
        const int bad = int(ErrorCode::InvalidArgument);
        const int denied = int(ErrorCode::PermissionDenied);

        QTest::newRow("own folder") << folder(kHome + QStringLiteral("/SageMath")) << ok << QString();
        QTest::newRow("missing, creatable")
            << missing(kHome + QStringLiteral("/New"), true) << ok << QString();
        QTest::newRow("spaces") << folder(kHome + QStringLiteral("/My Notebooks")) << ok << QString();
        QTest::newRow("non-ASCII") << folder(kHome + QStringLiteral("/Übungen ∑ 数学")) << ok << QString();
        QTest::newRow("below /tmp") << folder(QStringLiteral("/tmp/work/nb")) << ok << QString();
        QTest::newRow("below /opt") << folder(QStringLiteral("/opt/course/nb")) << ok << QString();
        QTest::newRow("/root as root") << with(folder(QStringLiteral("/root/SageMath")), [](auto& f) {
            f.hostRoot = true;
            f.home = QStringLiteral("/root");
        }) << ok << QString();

        QTest::newRow("empty") << NotebooksFolderFacts{} << bad << "No notebooks folder";
        QTest::newRow("root") << folder(QStringLiteral("/")) << bad << "root of the file system";
        QTest::newRow("link to root")
            << folder(kHome + QStringLiteral("/nb"), QStringLiteral("/")) << bad << "leads to /";
        QTest::newRow("home itself") << folder(kHome) << bad << "home folder itself";
        QTest::newRow("link to home")
            << folder(QStringLiteral("/tmp/h"), kHome) << bad << "home folder itself";
        QTest::newRow("holds the home") << folder(QStringLiteral("/home")) << bad << "contains your home";
        for (const char* system :
             {"/usr", "/usr/local/share", "/etc", "/bin", "/sbin", "/var", "/proc", "/sys", "/dev", "/boot",
              "/lib", "/lib64", "/libx32", "/opt", "/tmp", "/run/user", "/var/lib/docker"})
            QTest::newRow(system) << folder(QLatin1String(system)) << bad << "system folder";
        QTest::newRow("link to /etc")
            << folder(kHome + QStringLiteral("/e"), QStringLiteral("/etc")) << bad << "leads to /etc";
        QTest::newRow("/root when not root") << folder(QStringLiteral("/root/nb")) << bad << "system folder";
        QTest::newRow("file") << with(folder(kHome + QStringLiteral("/x.txt")), [](auto& f) {
            f.isDir = false;
        }) << bad << "is a file";
        QTest::newRow("read-only fs")
            << with(folder(QStringLiteral("/media/cd/nb")), [](auto& f) { f.readOnlyFs = true; }) << denied
            << "read-only file system";
        QTest::newRow("not writable")
            << with(folder(QStringLiteral("/srv/shared/nb")), [](auto& f) { f.writable = false; }) << denied
            << "cannot write";
        QTest::newRow("missing, not creatable")
            << missing(QStringLiteral("/srv/other/nb"), false) << denied << "cannot be created";
        QTest::newRow("colon") << folder(kHome + QStringLiteral("/a:b")) << bad << "':' or ','";
        QTest::newRow("line break") << folder(kHome + QStringLiteral("/a\nb")) << bad << "control character";
    }

    void decide() {
        QFETCH(NotebooksFolderFacts, facts);
        QFETCH(int, code);
        QFETCH(QString, words);
        const util::Error e = launch::checkNotebooksFolder(facts);
        QCOMPARE(int(e.code), code);
        QVERIFY2(e.message.contains(words), qPrintable(e.message));
        if (e) {
            QVERIFY(!e.hint.isEmpty());
            // One sentence: no line break in what the user reads.
            QVERIFY(!e.message.trimmed().contains(QLatin1Char('\n')) ||
                    words.contains(QLatin1String("control")));
        }
    }

    // The facts as the disk gives them: a symlink resolves to its target; nothing is changed.
    void inspect_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("code");
        QTest::newRow("folder with spaces and non-ASCII") << "folder" << int(ErrorCode::None);
        QTest::newRow("missing below a folder") << "missing" << int(ErrorCode::None);
        QTest::newRow("file") << "file" << int(ErrorCode::InvalidArgument);
        QTest::newRow("symlink to /") << "link-root" << int(ErrorCode::InvalidArgument);
        QTest::newRow("symlink to /etc") << "link-etc" << int(ErrorCode::InvalidArgument);
        QTest::newRow("missing below a symlink to /usr")
            << "below-link-usr" << int(ErrorCode::InvalidArgument);
    }

    void inspect() {
        QFETCH(QString, kind);
        QFETCH(int, code);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString base = dir.filePath(QStringLiteral("Meine Übungen"));
        QVERIFY(QDir().mkpath(base));
        QString path = base;
        if (kind == QLatin1String("missing")) {
            path = base + QStringLiteral("/neu");
        } else if (kind == QLatin1String("file")) {
            path = base + QStringLiteral("/x.txt");
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
        } else if (kind.startsWith(QLatin1String("link")) || kind.startsWith(QLatin1String("below"))) {
            path = base + QStringLiteral("/link");
            const QString target = kind.endsWith(QLatin1String("root"))  ? QStringLiteral("/")
                                   : kind.endsWith(QLatin1String("etc")) ? QStringLiteral("/etc")
                                                                         : QStringLiteral("/usr");
            QVERIFY(QFile::link(target, path));
            if (kind.startsWith(QLatin1String("below")))
                path += QStringLiteral("/sub");
        }
        const QFileInfo before(QStringLiteral("/"));
        const auto facts = launch::inspectNotebooksFolder(path);
        QCOMPARE(facts.path, path);
        const util::Error e = launch::checkNotebooksFolder(facts);
        QVERIFY2(int(e.code) == code, qPrintable(e.message));
        // Deciding changes nothing on disk.
        QCOMPARE(QFileInfo(QStringLiteral("/")).permissions(), before.permissions());
        QCOMPARE(QFileInfo::exists(base + QStringLiteral("/neu")), false);
    }
};

QTEST_GUILESS_MAIN(TestNotebooksFolder)
#include "tst_notebooksfolder.moc"
