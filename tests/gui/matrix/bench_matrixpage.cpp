// Benchmark helper for scripts/bench.d/matrix.sh (not a test): the Matrix page, offscreen, refreshes
// the full historical matrix from a registry prefix; prints the refresh time, the longest event-loop
// stall seen by a 5 ms timer during the refresh, and the process RSS (current and peak), as JSON.
// Usage: bench_matrixpage <registry-prefix>      e.g. 127.0.0.1:5000/sagemath/sage/

#include "appcontext.h"
#include "http/transport.h"
#include "matrix/snapshot.h"
#include "pages/matrixpage.h"
#include "util/settings.h"

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

namespace {

long statusKb(const char* field) {
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').first().toLong();
    }
    return -1;
}

} // namespace

int main(int argc, char* argv[]) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    // No test mode: the cache must be the one XDG_CACHE_HOME names (the bench gives a fresh one).
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_matrixpage <registry-prefix>\n");
        return 2;
    }
    QTemporaryDir tmp;
    QSettings qs(tmp.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    sagedock::util::Settings settings(&qs);
    settings.setMatrixRepository(QString::fromLocal8Bit(argv[1]));
    settings.setMatrixPackages(QStringLiteral("minimal,standard,maximal"));
    sagedock::app::AppContext context(settings, sagedock::http::Transport::shared());
    sagedock::app::MatrixPage page(context);
    page.resize(1400, 900);
    page.show();
    auto* systems = page.findChild<QComboBox*>(QStringLiteral("systemsCombo"));
    systems->setCurrentIndex(systems->findData(QStringLiteral("release:10.4")));

    QElapsedTimer sinceTick;
    qint64 maxGap = 0;
    QTimer ticker;
    ticker.setInterval(5);
    QObject::connect(&ticker, &QTimer::timeout, &app,
                     [&] { maxGap = std::max(maxGap, sinceTick.restart()); });
    QEventLoop loop;
    QObject::connect(&page, &sagedock::app::MatrixPage::refreshFinished, &loop, &QEventLoop::quit);
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    QElapsedTimer total;
    total.start();
    sinceTick.start();
    ticker.start();
    page.refresh(); // the same slot the Refresh button calls
    loop.exec();
    ticker.stop();
    const qint64 ms = total.elapsed();
    const auto s = page.visibleSnapshot().summary();
    std::printf("{\"refresh_ms\": %lld, \"max_stall_ms\": %lld, \"rss_mb\": %.1f, \"rss_peak_mb\": %.1f, "
                "\"cells\": %d, \"present\": %d}\n",
                static_cast<long long>(ms), static_cast<long long>(maxGap), statusKb("VmRSS:") / 1024.0,
                statusKb("VmHWM:") / 1024.0, s.cells, s.present);
    return s.cells > 0 ? 0 : 1;
}
