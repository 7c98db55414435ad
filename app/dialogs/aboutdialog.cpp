#include "aboutdialog.h"

#include "icons.h"
#include "util/log.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace sagedock::app {

AboutDialog::AboutDialog(QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("About SageDock"));
    setObjectName(QStringLiteral("aboutDialog"));
    auto* icon = new QLabel(this);
    icon->setPixmap(icons::appIcon().pixmap(96, 96));
    icon->setAlignment(Qt::AlignTop);
    const QString logFile = util::logFilePath();
    auto* text = new QLabel(this);
    text->setObjectName(QStringLiteral("aboutText"));
    text->setTextFormat(Qt::RichText);
    text->setTextInteractionFlags(Qt::TextBrowserInteraction);
    text->setOpenExternalLinks(true);
    text->setWordWrap(true);
    text->setText(tr("<h2>SageDock %1</h2>"
                     "<p>A native desktop app and command line tool for the SageMath container images: "
                     "launch Jupyter from any Sage image with your notebooks kept on your computer, "
                     "see every platform's stage images for a tag at a glance, and learn which build "
                     "step broke the cache.</p>"
                     "<p>Built with Qt %2, libcurl, nlohmann_json and spdlog.</p>"
                     "<p>Log file: <tt>%3</tt></p>")
                      .arg(QStringLiteral(SAGEDOCK_VERSION), QString::fromLatin1(qVersion()),
                           logFile.isEmpty() ? tr("(not written)") : logFile.toHtmlEscaped()));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* row = new QHBoxLayout;
    row->addWidget(icon);
    row->addWidget(text, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(buttons);
    resize(520, 300);
}

} // namespace sagedock::app
