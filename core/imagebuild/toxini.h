#pragma once
// A checkout's tox.ini read the way tox 4 (4.14) reads it, so that SageDock runs what `tox -e NAME`
// runs: configparser's sections and continuation lines, tox's comment stripping, factor conditions
// (`a-b:` all of, `a,b:` any of, `!a` negation, `{a,b}` groups), substitutions ({env:NAME:default}
// nested, {[section]key}, {posargs}/{posargs:default}/[], {toxinidir}, {envdir}, {envname}, ...,
// backslash escapes, unterminated braces kept as text, recursion bounded), setenv's lazy
// self-references, and tox's test for which environment names the file defines. Pure functions.
// Usage:
//   auto ini = imagebuild::ToxIni::parse(text);                 // or ToxIni::load(path)
//   if (!ini.ok()) fail(ini.error());
//   imagebuild::ToxContext ctx{.toxIniDir = root, .environment = env, .posArgs =
//   QStringList{"config.status"}}; auto e = imagebuild::evaluateToxEnvironment(*ini,
//   "docker-ubuntu-jammy-standard", ctx); if (e.ok()) run(e->commands, toxProcessEnvironment(*e, ctx));
// Not modelled (docker environments do not use them): keys other than setenv/passenv/commands/
// allowlist_externals, `file|` lines in setenv, references to other environments' settings.

#include "util/error.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace sagedock::imagebuild {

// The parsed file: sections in file order, each with its keys (lower-cased, as configparser does)
// and raw values (continuation lines joined with '\n', full-line comments dropped).
struct ToxIni {
    struct Section {
        QString name;
        QList<QPair<QString, QString>> values;
    };
    QList<Section> sections;

    static util::Result<ToxIni> parse(const QString& text);
    static util::Result<ToxIni> load(const QString& path);

    const Section* section(const QString& name) const;
    std::optional<QString> raw(const QString& section, const QString& key) const;
    // Every environment name tox accepts by listing: envlist, [testenv:...] sections and the
    // environments that factor conditions name, in tox's order, without duplicates.
    QStringList environments() const;
    // Empty when tox accepts `name` (every factor is defined somewhere, or a python factor);
    // otherwise the factors it does not know.
    QStringList unknownFactors(const QString& name) const;
    // The closest defined name: each unknown factor replaced by its closest known one (difflib's
    // measure, as tox uses); empty when some factor has no close match.
    QString closestName(const QString& name) const;
};

struct ToxContext {
    QString toxIniDir;                  // {toxinidir}: the folder of tox.ini
    QString workDir;                    // {toxworkdir}; empty: toxIniDir/.tox
    QMap<QString, QString> environment; // tox's own process environment ({env:...}, passenv)
    std::optional<QStringList> posArgs; // after `--`; nullopt when no `--` was given
};

struct ToxEnvironment {
    QString name;
    QString workDir;               // {toxworkdir}
    QString envDir;                // {envdir}
    QMap<QString, QString> setEnv; // after factor conditions and substitutions
    QStringList passEnv;           // the patterns the file lists (tox's defaults not included)
    QList<QStringList> commands;   // argv lists after substitution and tox's shlex split
    QStringList allowlistExternals;
};

// The environment tox gives the environment's commands: tox's default pass-through variables and
// passenv patterns matched (fnmatch, case-insensitive) in ctx.environment, then setenv, then tox's
// own variables (PATH with envdir/bin first, VIRTUAL_ENV, TOX_ENV_NAME, TOX_ENV_DIR, TOX_WORK_DIR,
// PIP_DISABLE_PIP_VERSION_CHECK, PYTHONIOENCODING).
QMap<QString, QString> toxProcessEnvironment(const ToxEnvironment& env, const ToxContext& ctx);

// Evaluates environment `name`; refuses names the file does not define (naming a close match),
// and circular setenv chains, with one sentence.
util::Result<ToxEnvironment> evaluateToxEnvironment(const ToxIni& ini, const QString& name,
                                                    const ToxContext& ctx);

// The words of a simple shell command line (quotes, backslashes, `>` / `<` redirections ended the
// words): what a planner needs to read the generator call out of `bash -c '...'`. Refuses $, `
// and other shell syntax it would have to run to know the words.
struct ShellCommand {
    QStringList argv;
    QString stdoutFile; // the target of `>`, if any
};
util::Result<ShellCommand> parseSimpleShellCommand(const QString& line);

} // namespace sagedock::imagebuild
