#pragma once
// The Builds page's "Sage source checkout" fields: the source folder (checked as it is typed: the Sage
// version and where its Dockerfile generator is), the system (tox.ini's table first, then every system
// the catalog has a base image for), the package set and the stages (the catalog's, in build order;
// the ones CI publishes ticked). Tag, cache sources and push prefix are the page's shared fields.
// validationError() says what is wrong and how to fix it; changed() fires on any edit.
// Usage:
//   auto* form = new SageBuildForm(this);
//   connect(form, &SageBuildForm::changed, this, &Page::revalidate);
//   if (!form->validationError()) planner->planSage(form->options(common));

#include "imagebuild/buildplanner.h"
#include "imagebuild/buildrecord.h"
#include "util/error.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;

namespace sagedock::app {

class SageBuildForm final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SageBuildForm)
public:
    explicit SageBuildForm(QWidget* parent = nullptr);

    imagebuild::SageBuildOptions options(const imagebuild::CommonBuildOptions& common) const;
    // Null when a plan can be made from the fields.
    util::Error validationError() const;

    QString sourceFolder() const;
    void setSourceFolder(const QString& folder);
    QStringList stages() const; // the ticked ones, in build order
    // Fills the fields from a recorded Sage build (a re-run from the history).
    void setValues(const imagebuild::RecordInputs& inputs);

Q_SIGNALS:
    void changed();

private:
    void detectSource();

    QLineEdit* m_source;
    QLabel* m_detected;
    QComboBox* m_system;
    QComboBox* m_packages;
    QListWidget* m_stages;
    util::Error m_sourceError; // what detectSource found wrong
};

} // namespace sagedock::app
