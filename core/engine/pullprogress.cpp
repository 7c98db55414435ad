#include "engine/pullprogress.h"

#include "util/jsonnumber.h"
#include "util/redact.h"

#include <QCoreApplication>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <limits>

namespace sagedock::engine {

namespace {
struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::engine)
};

// Every string of the stream is the engine's (and through it a registry's): server text, short.
QString str(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? util::serverText(QString::fromStdString(it->get<std::string>()))
                                            : QString();
}
template <typename F> qint64 sumOver(const QList<LayerProgress>& layers, F bytes) {
    qint64 sum = 0;
    for (const LayerProgress& l : layers)
        sum += bytes(l);
    return sum;
}
} // namespace

LayerProgress* PullProgress::layer(const QString& id) {
    if (const auto it = m_index.constFind(id); it != m_index.constEnd())
        return &m_layers[*it];
    if (m_layers.size() >= kMaxLayers)
        return nullptr;
    m_index.insert(id, m_layers.size());
    m_layers.append(LayerProgress{id, {}, 0, 0, 0, false, false});
    return &m_layers.last();
}

std::optional<QString> PullProgress::feedLine(const QByteArray& raw) {
    if (m_overLimit)
        return std::nullopt;
    const QByteArray line = raw.trimmed();
    if (line.isEmpty())
        return std::nullopt;
    const nlohmann::json j = nlohmann::json::parse(line.toStdString(), nullptr, false);
    if (!j.is_object())
        return std::nullopt; // tolerate noise; the HTTP status decides failures before streaming
    // In-band errors: checked on every line (they arrive after a 200).
    if (auto e = j.find("errorDetail"); e != j.end() && e->is_object()) {
        const QString m = str(*e, "message");
        if (!m.isEmpty())
            return m;
    }
    if (const QString e = str(j, "error"); !e.isEmpty())
        return e;

    const QString status = str(j, "status");
    const QString id = str(j, "id");
    if (status.startsWith(QLatin1String("Digest: ")))
        m_digest = status.mid(8).trimmed();
    const bool isLayer = !id.isEmpty() && !status.startsWith(QLatin1String("Pulling from")) &&
                         !status.startsWith(QLatin1String("Digest")) &&
                         !status.startsWith(QLatin1String("Status"));
    if (!isLayer) {
        if (!status.isEmpty())
            m_lastStatus = status;
        if (status.contains(QLatin1String("Image is up to date")))
            m_upToDate = true;
        return std::nullopt;
    }
    // Podman ends with {"status":"Download complete","id":<image id>} after the layers: harmless here.
    LayerProgress* found = layer(id);
    if (!found) {
        m_overLimit = true;
        return Text::tr("The engine reported more than %1 layers for one image; SageDock stopped reading "
                        "the pull.")
            .arg(kMaxLayers);
    }
    LayerProgress& l = *found;
    l.status = status;
    qint64 current = -1, total = -1;
    if (auto d = j.find("progressDetail"); d != j.end() && d->is_object()) {
        // Clamped: a hostile stream's 1e300 or 2^63 must not overflow the sums or the bar.
        if (auto c = d->find("current"); c != d->end())
            current = util::jsonInteger(*c, -1, util::kMaxJsonBytes).value_or(-1);
        if (auto t = d->find("total"); t != d->end())
            total = util::jsonInteger(*t, -1, util::kMaxJsonBytes).value_or(-1);
    }
    if (status == QLatin1String("Downloading")) {
        if (current >= 0)
            l.current = current;
        if (total > 0)
            l.total = total;
    } else if (status == QLatin1String("Download complete") ||
               status == QLatin1String("Verifying Checksum")) {
        l.downloaded = true;
        if (l.total > 0)
            l.current = l.total;
    } else if (status == QLatin1String("Already exists")) {
        l.downloaded = true;
        l.done = true;
    } else if (status == QLatin1String("Pull complete")) {
        l.downloaded = true;
        l.done = true;
        if (l.total > 0)
            l.current = l.extracted = l.total;
    } else if (status == QLatin1String("Extracting")) {
        l.downloaded = true;
        if (l.total > 0)
            l.current = l.total;
        // Docker counts the compressed bytes read so far against the layer's size; never past it.
        if (current >= 0)
            l.extracted = l.total > 0 ? std::min(current, l.total) : current;
    }
    return std::nullopt;
}

qint64 PullProgress::bytesDone() const {
    return sumOver(m_layers,
                   [](const LayerProgress& l) { return l.downloaded && l.total > 0 ? l.total : l.current; });
}

qint64 PullProgress::bytesTotal() const {
    return sumOver(m_layers, [](const LayerProgress& l) { return l.total; });
}

qint64 PullProgress::bytesExtracted() const {
    return sumOver(m_layers,
                   [](const LayerProgress& l) { return l.done && l.total > 0 ? l.total : l.extracted; });
}

bool PullProgress::downloadsDone() const {
    if (m_layers.isEmpty())
        return false;
    for (const LayerProgress& l : m_layers)
        if (!l.downloaded)
            return false;
    return true;
}

int PullProgress::layersDone() const {
    int n = 0;
    for (const LayerProgress& l : m_layers)
        n += l.done ? 1 : 0;
    return n;
}

QString PullProgressView::text() const {
    return layers.isEmpty() ? summary : summary + QLatin1Char('\n') + layers;
}

PullProgressView describePull(const PullProgress& p, qint64 bytesPerSecond, int etaSeconds,
                              const QLocale& locale) {
    const auto size = [&locale](qint64 bytes) {
        return locale.formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
    };
    PullProgressView v;
    v.total = p.bytesTotal();
    v.unpacking = p.downloadsDone() && v.total > 0;
    v.done = v.unpacking ? p.bytesExtracted() : p.bytesDone();
    if (v.total > 0)
        v.done = std::min(v.done, v.total); // an engine may count past a layer's size
    // The bar is int-based: kB, and a coarser scale for totals past 2 TB.
    const qint64 scale = std::max<qint64>(1024, v.total / std::numeric_limits<int>::max() + 1);
    v.barMaximum = v.total > 0 ? int(v.total / scale) : 0;
    v.barValue = v.total > 0 ? int(v.done / scale) : 0; // a busy bar while the size is unknown
    v.summary =
        (v.unpacking ? Text::tr("Unpacking: %1 of %2, layer %3 of %4") : Text::tr("%1 of %2, layer %3 of %4"))
            .arg(size(v.done), size(v.total))
            .arg(p.layersDone())
            .arg(p.layerCount());
    if (!v.unpacking && bytesPerSecond > 0)
        v.summary += Text::tr(", %1/s").arg(size(bytesPerSecond));
    if (!v.unpacking && etaSeconds >= 0)
        v.summary += Text::tr(", about %n second(s) left", nullptr, etaSeconds);
    QStringList active;
    for (const LayerProgress& l : p.layers()) {
        if (l.done || l.total <= 0)
            continue;
        if (l.status == QLatin1String("Downloading"))
            active << Text::tr("%1: %2%").arg(l.id).arg(std::min<qint64>(100, l.current * 100 / l.total));
        else if (l.status == QLatin1String("Extracting"))
            active << Text::tr("%1: unpacking %2%")
                          .arg(l.id)
                          .arg(std::min<qint64>(100, l.extracted * 100 / l.total));
    }
    v.layers = active.join(QStringLiteral("   "));
    return v;
}

} // namespace sagedock::engine
