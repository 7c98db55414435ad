#pragma once
// Reads the JSON lines of POST /images/create (pull) into per-layer progress and totals, and spots
// in-band errors ({"error": ...} under a 200). Works for Docker's and Podman's status strings.
// Usage:
//   engine::PullProgress progress;
//   for (const QByteArray& line : lines) if (auto err = progress.feedLine(line)) fail(*err);
//   progress.bytesDone(); progress.bytesTotal(); progress.layers();
//   if (progress.downloadsDone()) show(progress.bytesExtracted(), progress.bytesTotal());
//   const engine::PullProgressView view = engine::describePull(progress, rate, eta); bar(view);
//   label(view.text());

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QLocale>
#include <QString>

#include <optional>

namespace sagedock::engine {

struct LayerProgress {
    QString id;     // 12 hex digits of the layer digest
    QString status; // last status: Waiting, Downloading, Extracting, Pull complete, Already exists...
    qint64 current = 0;
    qint64 total = 0;
    qint64 extracted = 0;    // compressed bytes unpacked so far (Docker's "Extracting" progress)
    bool downloaded = false; // download finished (or not needed)
    bool done = false;       // extracted / already there
};

class PullProgress {
public:
    // No image has more than 127 layers (Docker's limit); a stream naming thousands is not a pull.
    static constexpr int kMaxLayers = 1000;
    // Returns the error message of an in-band error line; nullopt otherwise.
    std::optional<QString> feedLine(const QByteArray& line);
    // The stream named more than kMaxLayers layers: the rest is not read (feedLine returned why once).
    bool overLimit() const { return m_overLimit; }

    const QList<LayerProgress>& layers() const { return m_layers; }
    qint64 bytesDone() const;  // downloaded bytes over all layers (finished layers count fully)
    qint64 bytesTotal() const; // sum of the known layer sizes
    // Unpacking runs after a layer's download and takes seconds on a large layer: progress to show
    // once everything is downloaded, in the same unit as bytesTotal().
    qint64 bytesExtracted() const;
    bool downloadsDone() const; // every layer seen so far is downloaded (or already there)
    int layersDone() const;
    int layerCount() const { return int(m_layers.size()); }
    QString lastStatus() const { return m_lastStatus; } // "Digest: ...", "Status: Downloaded newer image..."
    QString digest() const { return m_digest; }
    bool upToDate() const { return m_upToDate; }

private:
    LayerProgress* layer(const QString& id); // null past kMaxLayers
    QList<LayerProgress> m_layers;
    QHash<QString, qsizetype> m_index; // id -> position in m_layers: constant time per line
    bool m_overLimit = false;
    QString m_lastStatus;
    QString m_digest;
    bool m_upToDate = false;
};

// What the Launch and Review pages and `sagedock-cli launch` show of a running pull, in one wording.
// Once everything is downloaded the engine unpacks the layers, for seconds on a large one: the view
// then follows the unpacking instead of sitting at 100 %.
struct PullProgressView {
    bool unpacking = false; // all downloads are done and the layers are being unpacked
    qint64 done = 0;        // bytes downloaded, or unpacked while unpacking
    qint64 total = 0;       // bytes; 0 while unknown
    // QProgressBar is int-based: both in kB (a coarser unit for totals past 2 TB). The maximum is 0 while the
    // size is unknown (a busy bar).
    int barMaximum = 0;
    int barValue = 0;
    QString summary; // "1.2 GB of 2.0 GB, layer 3 of 7, 12.0 MB/s, about 5 seconds left"
    QString layers;  // the layers in flight: "aaaaaaaaaaaa: 40%   bbbbbbbbbbbb: unpacking 10%"; may be empty
    QString text() const; // summary, with the layers on a second line when there are any
};

// bytesPerSecond <= 0 and etaSeconds < 0 mean unknown and are left out, as are both while unpacking.
PullProgressView describePull(const PullProgress& progress, qint64 bytesPerSecond, int etaSeconds,
                              const QLocale& locale = QLocale());

} // namespace sagedock::engine
