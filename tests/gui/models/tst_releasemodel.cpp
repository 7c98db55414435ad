// ReleaseModel under QAbstractItemModelTester: Docker Hub tags of sagemath/sagemath merged with the
// images on the engine (either half alone works), newest first, kinds, sizes as numbers behind the
// text, one reset per update, sorting through a proxy by raw values.

#include "models/releasemodel.h"
#include "modeltesting.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

using namespace sagedock;
using app::ReleaseModel;
using testsupport::columnTexts;
using testsupport::sortedTexts;

namespace {

const QString kRepository = QStringLiteral("sagemath/sagemath");

// Images on the engine, written "repo:tag[,repo:tag...]@bytes" to keep the tables readable.
QList<engine::ImageSummary> images(const QStringList& specs) {
    QList<engine::ImageSummary> out;
    int n = 0;
    for (const QString& spec : specs) {
        engine::ImageSummary image;
        image.id = QStringLiteral("sha256:%1").arg(++n, 64, 10, QLatin1Char('0'));
        image.repoTags = spec.section(QLatin1Char('@'), 0, 0).split(QLatin1Char(','));
        image.size = spec.section(QLatin1Char('@'), 1).toLongLong();
        image.created = QDateTime(QDate(2024, 7, 20), QTime(14, 3), Qt::UTC);
        out << image;
    }
    return out;
}

// One line a row: "tag local|remote size", in model order.
QStringList describe(const ReleaseModel& model) {
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex tag = model.index(row, ReleaseModel::TagColumn);
        out << QStringLiteral("%1 %2 %3")
                   .arg(tag.data().toString(), tag.data(ReleaseModel::LocalRole).toBool()
                                                   ? QStringLiteral("local")
                                                   : QStringLiteral("remote"))
                   .arg(tag.data(ReleaseModel::SizeRole).toLongLong());
    }
    return out;
}

} // namespace

class TestReleaseModel : public QObject {
    Q_OBJECT

    void fill(ReleaseModel& model) {
        model.setRepository(kRepository);
        model.setRemoteTags({QStringLiteral("10.3"), QStringLiteral("latest"), QStringLiteral("10.5.beta3"),
                             QStringLiteral("develop"), QStringLiteral("10.4")});
        // Sizes whose text sorts differently from their value: "10.5 GB" < "3.9 GB" < "4.3 GB".
        model.setLocalImages(images({QStringLiteral("sagemath/sagemath:develop@10456000000"),
                                     QStringLiteral("sagemath/sagemath:10.4@4312345678"),
                                     QStringLiteral("docker.io/sagemath/sagemath:10.3@3870000000")}));
    }

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void mergesTagsAndImages_data() {
        QTest::addColumn<QStringList>("remote");
        QTest::addColumn<QStringList>("local");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("online, nothing downloaded")
            << QStringList{QStringLiteral("10.3"),    QStringLiteral("latest"),  QStringLiteral("10.5.beta3"),
                           QStringLiteral("develop"), QStringLiteral("10.4"),    QStringLiteral("9.1-py3"),
                           QStringLiteral("9.8"),     QStringLiteral("10.5.rc0")}
            << QStringList{}
            << QStringList{QStringLiteral("latest remote -1"),   QStringLiteral("develop remote -1"),
                           QStringLiteral("10.5.rc0 remote -1"), QStringLiteral("10.5.beta3 remote -1"),
                           QStringLiteral("10.4 remote -1"),     QStringLiteral("10.3 remote -1"),
                           QStringLiteral("9.8 remote -1")}; // the -py3 split ended with 9.1: hidden
        QTest::newRow("offline, local images only")
            << QStringList{}
            << QStringList{QStringLiteral("sagemath/sagemath:10.4@4312345678"),
                           QStringLiteral("docker.io/sagemath/sagemath:10.3@3870000000"),
                           QStringLiteral("sagemath/sagemath-dev:10.4@9800000000"),
                           QStringLiteral("ghcr.io/sagemath/sage/sage-ubuntu-jammy-standard-with-targets:10.4"
                                          "@2900000000")}
            << QStringList{QStringLiteral("10.4 local 4312345678"), QStringLiteral("10.3 local 3870000000")};
        QTest::newRow("both: local marks a tag, local-only tags join")
            << QStringList{QStringLiteral("latest"), QStringLiteral("10.4"), QStringLiteral("10.5")}
            << QStringList{QStringLiteral("sagemath/sagemath:10.4@4312345678"),
                           QStringLiteral("sagemath/sagemath:my-patched-10.4@4400000000"),
                           QStringLiteral("sagemath/sagemath:10.2@3700000000")}
            << QStringList{QStringLiteral("latest remote -1"), QStringLiteral("10.5 remote -1"),
                           QStringLiteral("10.4 local 4312345678"), QStringLiteral("10.2 local 3700000000"),
                           QStringLiteral("my-patched-10.4 local 4400000000")};
        QTest::newRow("one image under two tags")
            << QStringList{QStringLiteral("latest"), QStringLiteral("10.5"), QStringLiteral("10.4")}
            << QStringList{QStringLiteral("sagemath/sagemath:latest,sagemath/sagemath:10.5@4498765432")}
            << QStringList{QStringLiteral("latest local 4498765432"), QStringLiteral("10.5 local 4498765432"),
                           QStringLiteral("10.4 remote -1")};
        QTest::newRow("nothing at all") << QStringList{} << QStringList{} << QStringList{};
    }
    void mergesTagsAndImages() {
        QFETCH(QStringList, remote);
        QFETCH(QStringList, local);
        QFETCH(QStringList, expected);
        ReleaseModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.setRepository(kRepository);
        model.setRemoteTags(remote);
        model.setLocalImages(images(local));
        QCOMPARE(reset.size(), 3); // one whole refresh per update, never row by row
        QCOMPARE(inserted.size(), 0);
        QCOMPARE(describe(model), expected);
        QCOMPARE(model.releases().size(), expected.size());
        for (int row = 0; row < model.rowCount(); ++row) {
            const QString tag = model.index(row, ReleaseModel::TagColumn).data().toString();
            QCOMPARE(model.imageAt(row), QString(kRepository + QLatin1Char(':') + tag));
            for (int column = 0; column < ReleaseModel::ColumnCount; ++column) {
                const QModelIndex i = model.index(row, column);
                QCOMPARE(i.data(ReleaseModel::ImageRole).toString(), model.imageAt(row));
                QCOMPARE(i.data(Qt::ToolTipRole).toString(), model.imageAt(row));
            }
        }
        QVERIFY(model.imageAt(int(expected.size())).isEmpty());
        QVERIFY(model.imageAt(-1).isEmpty());
    }

    void kinds_data() {
        QTest::addColumn<QString>("tag");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("bold");
        QTest::newRow("latest") << "latest"
                                << "latest"
                                << "Latest release" << true;
        QTest::newRow("develop") << "develop"
                                 << "develop"
                                 << "Development (newest beta)" << true;
        QTest::newRow("10.4") << "10.4"
                              << "release"
                              << "Release" << false;
        QTest::newRow("9.8") << "9.8"
                             << "release"
                             << "Release" << false;
        QTest::newRow("10.4.1 (a point release)") << "10.4.1"
                                                  << "release"
                                                  << "Release" << false;
        QTest::newRow("10.5.beta3") << "10.5.beta3"
                                    << "prerelease"
                                    << "Pre-release" << false;
        QTest::newRow("10.5.rc0") << "10.5.rc0"
                                  << "prerelease"
                                  << "Pre-release" << false;
        QTest::newRow("9.0rc1 (no dot)") << "9.0rc1"
                                         << "prerelease"
                                         << "Pre-release" << false;
        QTest::newRow("9.1-py3") << "9.1-py3"
                                 << "other"
                                 << "Other" << false;
        QTest::newRow("my-patched-10.4") << "my-patched-10.4"
                                         << "other"
                                         << "Other" << false;
    }
    void kinds() {
        QFETCH(QString, tag);
        QFETCH(QString, kind);
        QFETCH(QString, text);
        QFETCH(bool, bold);
        QCOMPARE(ReleaseModel::kindOf(tag), kind);
        ReleaseModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRepository(kRepository);
        model.setRemoteTags({tag});
        QCOMPARE(model.rowCount(), tag.endsWith(QLatin1String("-py3")) ? 0 : 1);
        if (model.rowCount() == 0)
            return;
        QCOMPARE(model.index(0, ReleaseModel::KindColumn).data(ReleaseModel::KindRole).toString(), kind);
        QCOMPARE(model.index(0, ReleaseModel::KindColumn).data().toString(), text);
        QCOMPARE(model.index(0, ReleaseModel::TagColumn).data(Qt::FontRole).value<QFont>().bold(), bold);
        QVERIFY(!model.index(0, ReleaseModel::KindColumn).data(Qt::FontRole).isValid());
    }

    // orderKey(newer) < orderKey(older): the list reads newest first.
    void versionOrder_data() {
        QTest::addColumn<QString>("newer");
        QTest::addColumn<QString>("older");
        QTest::newRow("latest before develop") << "latest"
                                               << "develop";
        QTest::newRow("develop before any version") << "develop"
                                                    << "10.8";
        QTest::newRow("release before its rc") << "10.5"
                                               << "10.5.rc1";
        QTest::newRow("rc1 before rc0") << "10.5.rc1"
                                        << "10.5.rc0";
        QTest::newRow("rc before beta") << "10.5.rc0"
                                        << "10.5.beta9";
        QTest::newRow("beta10 before beta9 (numerically)") << "10.5.beta10"
                                                           << "10.5.beta9";
        QTest::newRow("beta before the previous release") << "10.5.beta3"
                                                          << "10.4.1";
        QTest::newRow("point release before its release") << "10.4.1"
                                                          << "10.4";
        QTest::newRow("10.10 before 10.9 (numerically)") << "10.10"
                                                         << "10.9";
        QTest::newRow("10.0 before 9.8") << "10.0"
                                         << "9.8";
        QTest::newRow("9.0 before 8.9") << "9.0"
                                        << "8.9";
        QTest::newRow("11.0 before 10.8") << "11.0"
                                          << "10.8";
        QTest::newRow("11.0 before 9.8") << "11.0"
                                         << "9.8";
        QTest::newRow("8.0 before 7.6") << "8.0"
                                        << "7.6";
        QTest::newRow("99999.0 before 10.8") << "99999.0"
                                             << "10.8";
        QTest::newRow("a major too long for 64 bits before 11.0") << "123456789012345678901234567890.0"
                                                                  << "11.0";
        QTest::newRow("absurd major still before other tags") << "123456789012345678901234567890.0"
                                                              << "my-patched-10.4";
        QTest::newRow("any version before other tags") << "7.6"
                                                       << "my-patched-10.4";
    }
    void versionOrder() {
        QFETCH(QString, newer);
        QFETCH(QString, older);
        QVERIFY2(ReleaseModel::orderKey(newer) < ReleaseModel::orderKey(older),
                 qPrintable(QStringLiteral("%1 -> %2, %3 -> %4")
                                .arg(newer)
                                .arg(ReleaseModel::orderKey(newer))
                                .arg(older)
                                .arg(ReleaseModel::orderKey(older))));
    }

    void columnsAndHeaders() {
        ReleaseModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        fill(model);
        QCOMPARE(model.columnCount(), int(ReleaseModel::ColumnCount));
        QCOMPARE(model.headerData(ReleaseModel::TagColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Version"));
        QCOMPARE(model.headerData(ReleaseModel::KindColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Kind"));
        QCOMPARE(model.headerData(ReleaseModel::LocalColumn, Qt::Horizontal).toString(),
                 QStringLiteral("On this computer"));
        QCOMPARE(model.headerData(ReleaseModel::SizeColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Size"));
        QVERIFY(!model.headerData(0, Qt::Vertical).isValid());
        QCOMPARE(columnTexts(model, ReleaseModel::TagColumn),
                 (QStringList{QStringLiteral("latest"), QStringLiteral("develop"),
                              QStringLiteral("10.5.beta3"), QStringLiteral("10.4"), QStringLiteral("10.3")}));
        // The Local column says it in words, not only with a colour.
        QCOMPARE(columnTexts(model, ReleaseModel::LocalColumn),
                 (QStringList{QStringLiteral("Not downloaded"), QStringLiteral("Downloaded"),
                              QStringLiteral("Not downloaded"), QStringLiteral("Downloaded"),
                              QStringLiteral("Downloaded")}));
        QCOMPARE(columnTexts(model, ReleaseModel::SizeColumn),
                 (QStringList{QString(), QStringLiteral("10.5 GB"), QString(), QStringLiteral("4.3 GB"),
                              QStringLiteral("3.9 GB")}));
        QCOMPARE(model.index(3, ReleaseModel::SizeColumn).data(ReleaseModel::SizeRole).toLongLong(),
                 4312345678LL);
        QCOMPARE(model.index(0, ReleaseModel::SizeColumn).data(ReleaseModel::SizeRole).toLongLong(), -1LL);
        QVERIFY(!model.index(0, ReleaseModel::TagColumn).data(Qt::DecorationRole).isValid());

        // A different repository keeps the tags but finds none of the images.
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setRepository(QStringLiteral("sagemath/sagemath-dev"));
        QCOMPARE(reset.size(), 1);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.imageAt(0), QStringLiteral("sagemath/sagemath-dev:latest"));
        QVERIFY(!model.index(3, 0).data(ReleaseModel::LocalRole).toBool());
    }

    // Sorting through a proxy by SortRole: tags by version, sizes by bytes, downloaded first.
    void sortsByValue_data() {
        QTest::addColumn<int>("column");
        QTest::addColumn<int>("order");
        QTest::addColumn<QStringList>("tags");
        const QStringList newestFirst{QStringLiteral("latest"), QStringLiteral("develop"),
                                      QStringLiteral("10.5.beta3"), QStringLiteral("10.4"),
                                      QStringLiteral("10.3")};
        QStringList oldestFirst = newestFirst;
        std::reverse(oldestFirst.begin(), oldestFirst.end());
        QTest::newRow("version ascending: newest first")
            << int(ReleaseModel::TagColumn) << int(Qt::AscendingOrder) << newestFirst;
        QTest::newRow("version descending")
            << int(ReleaseModel::TagColumn) << int(Qt::DescendingOrder) << oldestFirst;
        QTest::newRow("kind sorts like the version")
            << int(ReleaseModel::KindColumn) << int(Qt::AscendingOrder) << newestFirst;
        // Unknown sizes (-1) first, then 3.9 GB < 4.3 GB < 10.5 GB (as text 10.5 GB would lead).
        QTest::newRow("size by bytes")
            << int(ReleaseModel::SizeColumn) << int(Qt::AscendingOrder)
            << QStringList{QStringLiteral("latest"), QStringLiteral("10.5.beta3"), QStringLiteral("10.3"),
                           QStringLiteral("10.4"), QStringLiteral("develop")};
        QTest::newRow("downloaded first")
            << int(ReleaseModel::LocalColumn) << int(Qt::AscendingOrder)
            << QStringList{QStringLiteral("develop"), QStringLiteral("10.4"), QStringLiteral("10.3"),
                           QStringLiteral("latest"), QStringLiteral("10.5.beta3")};
    }
    void sortsByValue() {
        QFETCH(int, column);
        QFETCH(int, order);
        QFETCH(QStringList, tags);
        ReleaseModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        fill(model);
        QCOMPARE(sortedTexts(&model, column, Qt::SortOrder(order), ReleaseModel::SortRole,
                             ReleaseModel::TagColumn),
                 tags);
    }
};

QTEST_MAIN(TestReleaseModel)
#include "tst_releasemodel.moc"
