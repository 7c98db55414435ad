#pragma once
// The Builds page's "Any Dockerfile" fields: the Dockerfile (checked as it is typed: exists, readable,
// has named stages), the build context (default: the Dockerfile's folder), the stages in build order
// (pre-filled from the Dockerfile's `FROM … AS name` lines, edited as a comma list) and the image
// prefix (checked with the image-reference grammar). Tag, cache sources and push prefix are the page's
// shared fields. validationError() says what is wrong and how to fix it; changed() fires on any edit.
// Usage:
//   auto* form = new GenericBuildForm(this);
//   connect(form, &GenericBuildForm::changed, this, &Page::revalidate);
//   if (!form->validationError()) planner->planGeneric(form->options(common));

#include "imagebuild/buildplanner.h"
#include "util/error.h"

#include <QWidget>

class QLabel;
class QLineEdit;

namespace sagedock::app {

class GenericBuildForm final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GenericBuildForm)
public:
    explicit GenericBuildForm(QWidget* parent = nullptr);

    imagebuild::GenericBuildOptions options(const imagebuild::CommonBuildOptions& common) const;
    // The same as `sagedock-cli build` arguments (recorded in the history).
    QStringList cliArguments() const;
    // Null when a plan can be made from the fields.
    util::Error validationError() const;

    QString dockerfile() const;
    QString contextDir() const; // the context field, or the Dockerfile's folder when it is empty
    QStringList stages() const;
    QString imagePrefix() const;
    QStringList dockerfileStages() const { return m_namedStages; } // named stages, file order
    // Fills the fields (a re-run from the history, the last-used inputs). Empty stages = all named.
    void setValues(const QString& dockerfile, const QString& contextDir, const QStringList& stages,
                   const QString& imagePrefix);
    // Reads the Dockerfile again (it may have been edited since it was chosen).
    void refresh();

Q_SIGNALS:
    void changed();

private:
    void inspectDockerfile();

    QLineEdit* m_dockerfile;
    QLabel* m_dockerfileStatus;
    QLineEdit* m_context;
    QLineEdit* m_stages;
    QLineEdit* m_prefix;
    QString m_inspectedPath; // absolute path m_namedStages were read from
    QStringList m_namedStages;
    util::Error m_dockerfileError;
};

} // namespace sagedock::app
