#pragma once
// The Builds page's fields both modes share: tag (checked with the tag grammar), cache sources, push
// prefix, the builder (richest available, buildx, classic BuildKit, legacy), resume and
// skip-when-present. changed() fires when the tag is edited.
// Usage:
//   auto* options = new BuildOptionsForm(settings.buildPushPrefix(), this);
//   planner->planSage(sageForm->options(options->commonOptions()));

#include "imagebuild/buildplanner.h"
#include "imagebuild/buildrunner.h"
#include "util/error.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;

namespace sagedock::app {

class BuildOptionsForm final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BuildOptionsForm)
public:
    explicit BuildOptionsForm(const QString& pushPrefix, QWidget* parent = nullptr);

    imagebuild::CommonBuildOptions commonOptions() const;
    // Resume, skip-when-present and the builder; the caller adds the history path and arguments.
    imagebuild::RunOptions runOptions() const;
    util::Error validationError() const; // an invalid tag
    QString pushPrefix() const;
    void setTag(const QString& tag);
    void setPushPrefix(const QString& prefix);
    void setTagPlaceholder(const QString& text);
    // The mode's fields and these are separate forms (QFormLayouts): one label width lines them up.
    void alignLabels(const QList<QWidget*>& otherForms);

Q_SIGNALS:
    void changed();

private:
    QLineEdit* m_tag;
    QLineEdit* m_cacheFrom;
    QLineEdit* m_pushPrefix;
    QComboBox* m_builderMode;
    QCheckBox* m_resume;
    QCheckBox* m_skipExisting;
};

} // namespace sagedock::app
