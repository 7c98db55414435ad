#pragma once
// The Builds page's "Sage source checkout" fields: the source folder (checked as it is typed: the Sage
// version and where its Dockerfile generator is), the tox environment, the arguments after `--` and
// the stages (the catalog's, in build order; the ones CI publishes ticked). Tag, cache sources and push
// prefix are the page's shared fields.
// The checkout's tox.ini is read off the UI thread whenever the folder changes; its docker
// environments are offered grouped by system with a search field, and choosing one fills system,
// package set and modifiers. Those three fields stay as a convenience: they always name the
// environment (imagebuild::toxEnvName), which must be one tox.ini accepts. Without a tox.ini the
// systems are the built-in table's (tox.ini at 10.9.beta3, then the catalog's base images); a
// tox.ini that cannot be read is an error shown in the form.
// validationError() says what is wrong and how to fix it; changed() fires on any edit, and when
// tox.ini has been read (toxIniState()).
// Usage:
//   auto* form = new SageBuildForm(this);
//   connect(form, &SageBuildForm::changed, this, &Page::revalidate);
//   if (!form->validationError()) planner->planSage(form->options(common));

#include "imagebuild/buildplanner.h"
#include "imagebuild/buildrecord.h"
#include "imagebuild/toxdockerenvironments.h"
#include "util/error.h"

#include <QPointer>
#include <QWidget>

#include <functional>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSortFilterProxyModel;
class QTreeView;

namespace sagedock::util {
class Job;
}

namespace sagedock::app {

class ToxEnvironmentModel;

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

    enum class ToxIniState { None, Reading, Absent, Invalid, Loaded };
    ToxIniState toxIniState() const { return m_toxState; }
    // The tox environment the fields name: docker-<system>-<packages>[-<modifiers>].
    QString toxEnvironment() const;
    ToxEnvironmentModel* toxModel() const { return m_toxModel; }
    // Calls `next` once tox.ini has been read: at once when no read is under way.
    void afterToxIniRead(std::function<void()> next);

Q_SIGNALS:
    void changed();

private:
    void detectSource();
    void readToxIni(const QString& dir);
    void toxIniRead(const util::Error& error, const std::optional<imagebuild::ToxIni>& ini,
                    const QList<imagebuild::DockerEnvironment>& environments);
    void fillSystems(const QStringList& systems);
    void environmentChosen(const QModelIndex& proxyIndex);
    void selectEnvironmentRow();
    void fieldsChanged();
    QStringList modifiers() const;
    util::Error posArgsError() const;
    std::optional<QStringList> posArgs() const;

    QLineEdit* m_source;
    QLabel* m_detected;
    QLineEdit* m_toxSearch;
    QTreeView* m_toxTree;
    QLabel* m_toxNote;
    QComboBox* m_system;
    QComboBox* m_packages;
    QLineEdit* m_modifiers;
    QLabel* m_toxEnv;
    QLineEdit* m_posArgs;
    QListWidget* m_stages;
    ToxEnvironmentModel* m_toxModel;
    QSortFilterProxyModel* m_toxProxy;
    util::Error m_sourceError; // what detectSource found wrong
    ToxIniState m_toxState = ToxIniState::None;
    util::Error m_toxError;                  // why tox.ini could not be read
    std::optional<imagebuild::ToxIni> m_ini; // the checkout's tox.ini, once read
    QStringList m_unknownFactors;            // of toxEnvironment() in m_ini
    QPointer<util::Job> m_toxJob;            // reading tox.ini; replaced when the folder changes
    QList<std::function<void()>> m_afterRead;
    bool m_syncingTree = false; // the tree follows the fields: no echo back into them
};

} // namespace sagedock::app
