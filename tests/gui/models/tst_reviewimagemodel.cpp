// ReviewImageModel under QAbstractItemModelTester: the platform images of a Sage PR as they stream in
// (one rowsInserted each), raw values behind the formatted size and date, stages in pipeline order
// (unknown ones last), a clear that resets once, sorting through a proxy.

#include "models/releasemodel.h"
#include "models/reviewimagemodel.h"
#include "modeltesting.h"
#include "reference/catalog.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

#include <limits>

using namespace sagedock;
using app::ReviewImageModel;
using testsupport::columnTexts;
using testsupport::sortedTexts;

namespace {

ReviewImageModel::Image image(const QString& system, const QString& packages, const QString& stage,
                              qint64 size, const QDateTime& created) {
    QString name = system + QLatin1Char('-') + packages;
    if (!stage.isEmpty())
        name += QLatin1Char('-') + stage;
    return {QStringLiteral("ghcr.io/sagemath/sage/sage-") + name + QStringLiteral(":10.5.beta3"),
            system,
            packages,
            stage,
            size,
            created};
}

QDateTime at(int month, int day, int hour) {
    return QDateTime(QDate(2024, month, day), QTime(hour, 0), Qt::UTC);
}

// The images a PR's CI pushed, in the order the registry answered. Their formatted sizes sort differently
// as text ("1.9 GB" < "312.4 MB" < "95.0 MB"), as do their dates in the US short format.
QList<ReviewImageModel::Image> prImages() {
    return {
        image(QStringLiteral("ubuntu-jammy"), QStringLiteral("standard"), QStringLiteral("with-targets"),
              1'934'567'890, at(8, 24, 9)),
        image(QStringLiteral("fedora-41"), QStringLiteral("minimal"), QStringLiteral("configured"),
              312'400'000, at(8, 3, 17)),
        image(QStringLiteral("debian-bookworm"), QStringLiteral("standard"),
              QStringLiteral("with-system-packages"), 95'000'000, at(11, 30, 22)),
        image(QStringLiteral("ubuntu-noble"), QStringLiteral("maximal"),
              QStringLiteral("with-targets-optional"), 2'745'000'000, at(9, 2, 6)),
        // A stage this SageDock does not know yet, and an image with no stage: both after the known.
        image(QStringLiteral("archlinux-latest"), QStringLiteral("standard"),
              QStringLiteral("with-targets-extra"), 2'100'000'000, at(12, 1, 8)),
        {QStringLiteral("sagemath/sagemath:10.5.beta3"), {}, {}, {}, -1, {}},
    };
}

} // namespace

class TestReviewImageModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    // Rows stream in one by one as the registry answers; a new search clears them in one reset.
    void streamsAndClears() {
        ReviewImageModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.clear(); // nothing to clear: no reset
        QCOMPARE(reset.size(), 0);
        const QList<ReviewImageModel::Image> images = prImages();
        for (const auto& i : images)
            model.addImage(i);
        QCOMPARE(inserted.size(), images.size());
        for (int n = 0; n < inserted.size(); ++n) {
            QVERIFY(!inserted.at(n).at(0).value<QModelIndex>().isValid());
            QCOMPARE(inserted.at(n).at(1).toInt(), n);
            QCOMPARE(inserted.at(n).at(2).toInt(), n);
        }
        QCOMPARE(model.rowCount(), int(images.size()));
        QCOMPARE(model.images().size(), images.size());
        QCOMPARE(model.imageAt(0), images.at(0).image);
        QVERIFY(model.imageAt(int(images.size())).isEmpty());
        QVERIFY(model.imageAt(-1).isEmpty());
        model.clear();
        QCOMPARE(reset.size(), 1);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(inserted.size(), images.size());
    }

    void row_data() {
        QTest::addColumn<int>("row");
        QTest::addColumn<QStringList>("texts");
        QTest::addColumn<qint64>("size");
        QTest::addColumn<QDateTime>("created");
        QTest::addColumn<int>("stageIndex");
        const QList<ReviewImageModel::Image> images = prImages();
        const QStringList texts[] = {
            {images[0].image, QStringLiteral("ubuntu-jammy"), QStringLiteral("standard"),
             QStringLiteral("with-targets"), QStringLiteral("1.9 GB"),
             QLocale().toString(at(8, 24, 9).toLocalTime(), QLocale::ShortFormat)},
            {images[1].image, QStringLiteral("fedora-41"), QStringLiteral("minimal"),
             QStringLiteral("configured"), QStringLiteral("312.4 MB"),
             QLocale().toString(at(8, 3, 17).toLocalTime(), QLocale::ShortFormat)},
            {images[4].image, QStringLiteral("archlinux-latest"), QStringLiteral("standard"),
             QStringLiteral("with-targets-extra"), QStringLiteral("2.1 GB"),
             QLocale().toString(at(12, 1, 8).toLocalTime(), QLocale::ShortFormat)},
            {QStringLiteral("sagemath/sagemath:10.5.beta3"), QString(), QString(), QString(), QString(),
             QString()},
        };
        QTest::newRow("with-targets") << 0 << texts[0] << qint64(1'934'567'890) << at(8, 24, 9) << 5;
        QTest::newRow("configured") << 1 << texts[1] << qint64(312'400'000) << at(8, 3, 17) << 2;
        QTest::newRow("unknown stage") << 4 << texts[2] << qint64(2'100'000'000) << at(12, 1, 8) << -1;
        QTest::newRow("reference only: blanks") << 5 << texts[3] << qint64(-1) << QDateTime() << -1;
    }
    void row() {
        QFETCH(int, row);
        QFETCH(QStringList, texts);
        QFETCH(qint64, size);
        QFETCH(QDateTime, created);
        QFETCH(int, stageIndex);
        ReviewImageModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (const auto& i : prImages())
            model.addImage(i);
        QStringList shown;
        for (int c = 0; c < ReviewImageModel::ColumnCount; ++c)
            shown << model.index(row, c).data().toString();
        QCOMPARE(shown, texts);
        using M = ReviewImageModel;
        QCOMPARE(model.index(row, M::SizeColumn).data(M::SizeRole).toLongLong(), size);
        QCOMPARE(model.index(row, M::SizeColumn).data(M::SortRole).toLongLong(), size);
        QCOMPARE(model.index(row, M::CreatedColumn).data(M::CreatedRole).toDateTime(), created);
        QCOMPARE(model.index(row, M::CreatedColumn).data(M::SortRole).toDateTime(), created);
        QCOMPARE(model.index(row, M::StageColumn).data(M::StageIndexRole).toInt(), stageIndex);
        QCOMPARE(model.index(row, M::StageColumn).data(M::SortRole).toInt(),
                 stageIndex >= 0 ? stageIndex : std::numeric_limits<int>::max());
        QCOMPARE(model.index(row, M::SystemColumn).data(M::SortRole).toString(), texts.at(M::SystemColumn));
        // Every cell of a row knows its image: the page reads it from whichever cell is current.
        for (int c = 0; c < M::ColumnCount; ++c) {
            QCOMPARE(model.index(row, c).data(M::ImageRole).toString(), texts.first());
            QCOMPARE(model.index(row, c).data(Qt::ToolTipRole).toString(), texts.first());
        }
    }

    // The stage index is the bundled catalog's build order, all seven stages.
    void stageIndex_data() {
        QTest::addColumn<QString>("stage");
        QTest::addColumn<int>("index");
        const QStringList stages = reference::Catalog::bundled().stages();
        QCOMPARE(stages.size(), 7);
        for (int n = 0; n < stages.size(); ++n)
            QTest::newRow(qPrintable(stages.at(n))) << stages.at(n) << n;
        QTest::newRow("none") << QString() << -1;
        QTest::newRow("unknown") << QStringLiteral("with-targets-extra") << -1;
    }
    void stageIndex() {
        QFETCH(QString, stage);
        QFETCH(int, index);
        ReviewImageModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.addImage(
            image(QStringLiteral("ubuntu-jammy"), QStringLiteral("standard"), stage, 1, at(8, 24, 9)));
        QCOMPARE(model.index(0, ReviewImageModel::StageColumn).data(ReviewImageModel::StageIndexRole).toInt(),
                 index);
    }

    void headers() {
        ReviewImageModel model;
        const QStringList expected{QStringLiteral("Image"),    QStringLiteral("System"),
                                   QStringLiteral("Packages"), QStringLiteral("Stage"),
                                   QStringLiteral("Size"),     QStringLiteral("Created")};
        QCOMPARE(model.columnCount(), int(expected.size()));
        for (int c = 0; c < model.columnCount(); ++c)
            QCOMPARE(model.headerData(c, Qt::Horizontal).toString(), expected.at(c));
        QVERIFY(!model.headerData(0, Qt::Vertical).isValid());
        QVERIFY(!model.headerData(0, Qt::Horizontal, Qt::ToolTipRole).isValid());
    }

    void sortsByValue_data() {
        QTest::addColumn<int>("column");
        QTest::addColumn<int>("order");
        QTest::addColumn<QStringList>("systems");
        // Unknown size (-1) first, then by bytes.
        QTest::newRow("size by bytes") << int(ReviewImageModel::SizeColumn) << int(Qt::AscendingOrder)
                                       << QStringList{QString(),
                                                      QStringLiteral("debian-bookworm"),
                                                      QStringLiteral("fedora-41"),
                                                      QStringLiteral("ubuntu-jammy"),
                                                      QStringLiteral("archlinux-latest"),
                                                      QStringLiteral("ubuntu-noble")};
        QTest::newRow("newest first")
            << int(ReviewImageModel::CreatedColumn) << int(Qt::DescendingOrder)
            << QStringList{QStringLiteral("archlinux-latest"), QStringLiteral("debian-bookworm"),
                           QStringLiteral("ubuntu-noble"),     QStringLiteral("ubuntu-jammy"),
                           QStringLiteral("fedora-41"),        QString()};
        QTest::newRow("stage in pipeline order, unknown last")
            << int(ReviewImageModel::StageColumn) << int(Qt::AscendingOrder)
            << QStringList{QStringLiteral("debian-bookworm"),  QStringLiteral("fedora-41"),
                           QStringLiteral("ubuntu-jammy"),     QStringLiteral("ubuntu-noble"),
                           QStringLiteral("archlinux-latest"), QString()};
        QTest::newRow("system by text") << int(ReviewImageModel::SystemColumn) << int(Qt::AscendingOrder)
                                        << QStringList{QString(),
                                                       QStringLiteral("archlinux-latest"),
                                                       QStringLiteral("debian-bookworm"),
                                                       QStringLiteral("fedora-41"),
                                                       QStringLiteral("ubuntu-jammy"),
                                                       QStringLiteral("ubuntu-noble")};
    }
    void sortsByValue() {
        QFETCH(int, column);
        QFETCH(int, order);
        QFETCH(QStringList, systems);
        ReviewImageModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (const auto& i : prImages())
            model.addImage(i);
        QCOMPARE(sortedTexts(&model, column, Qt::SortOrder(order), ReviewImageModel::SortRole,
                             ReviewImageModel::SystemColumn),
                 systems);
        // The formatted text alone would order them differently: the raw values matter.
        if (column == ReviewImageModel::SizeColumn)
            QVERIFY(sortedTexts(&model, column, Qt::SortOrder(order), Qt::DisplayRole,
                                ReviewImageModel::SystemColumn) != systems);
    }
};

QTEST_MAIN(TestReviewImageModel)
#include "tst_reviewimagemodel.moc"
