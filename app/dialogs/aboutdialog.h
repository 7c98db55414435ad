#pragma once
// About SageDock: version, what it is for, library versions, where the logs are.

#include <QDialog>

namespace sagedock::app {

class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(QWidget* parent = nullptr);
};

} // namespace sagedock::app
