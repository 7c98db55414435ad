#pragma once
// The Matrix page: every stage image of every platform for one tag at a glance, with the layer-chain
// verdict per cell. Rows = systems grouped by distribution, columns = stages; package-set, systems
// and tag selectors (tags offered from the registry); a details panel comparing a stage's layers
// with its parent's; text filter and "only problems"; refresh progress with cancel; offline banner;
// export of the current view as PNG, SVG, HTML, CSV or JSON.
// Usage: pages.append({"matrix", tr("Matrix"), icons::named("matrix"), new MatrixPage(context, parent)});

#include "util/error.h"

#include <QWidget>

#include <memory>

class QLabel;
class QModelIndex;
class QTreeView;

namespace sagedock::registry {
class Client;
class TagsJob;
} // namespace sagedock::registry

namespace sagedock::matrix {
class RefreshJob;
struct Snapshot;
} // namespace sagedock::matrix

namespace sagedock::app {

class AppContext;
class MatrixDetailsPanel;
class MatrixModel;
class MatrixFilterModel;
class MatrixToolbar;

class MatrixPage final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MatrixPage)
public:
    explicit MatrixPage(AppContext& context, QWidget* parent = nullptr);
    ~MatrixPage() override;

    // Also reachable through the buttons; public for tests and the main window.
    void refresh();
    void cancelRefresh();
    void reloadTags();
    // format: "png", "svg", "html", "csv", "json". Exports what the view shows (filters applied).
    util::Error exportTo(const QString& format, const QString& path);
    // The rows the view shows, in view order, as a snapshot (for export).
    matrix::Snapshot visibleSnapshot() const;

    // The main window turns this on so the matrix fills in when a maintainer first opens the page;
    // tests that drive refresh() themselves leave it off.
    void setRefreshOnFirstShow(bool on) { m_refreshOnFirstShow = on; }

    MatrixModel* model() const { return m_model; }
    MatrixFilterModel* filterModel() const { return m_proxy; }

Q_SIGNALS:
    void refreshFinished(); // after the last cell or a cancel
    void tagsLoaded(const QStringList& tags);
    // "Launch…" in the details panel: the main window hands the image to the Review page.
    void launchRequested(const QString& image);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void buildUi();
    void onStarted();
    void onFinished(const util::Error& error);
    void fitColumns();
    void showDetails(const QModelIndex& proxyIndex);
    void chooseExport(const QString& format);
    void updateBanner(const matrix::Snapshot& s);
    void showError(const util::Error& error);

    AppContext& m_context;
    std::shared_ptr<registry::Client> m_client; // the services' client
    matrix::RefreshJob* m_job = nullptr;        // the last refresh, kept for its summary until the next
    registry::TagsJob* m_tagsJob = nullptr;
    MatrixModel* m_model = nullptr;
    MatrixFilterModel* m_proxy = nullptr;
    bool m_refreshOnFirstShow = false;

    MatrixToolbar* m_toolbar = nullptr;
    QLabel* m_offlineBanner = nullptr;
    QLabel* m_errorLabel = nullptr;
    QTreeView* m_view = nullptr;
    MatrixDetailsPanel* m_details = nullptr;
};

} // namespace sagedock::app
