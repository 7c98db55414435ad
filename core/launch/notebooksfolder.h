#pragma once
// Whether a host folder may be bind-mounted read-write as a session's notebooks folder. The
// container can write anything there as the host user, so `/`, the user's HOME itself (or a folder
// holding it), system folders and anything a symlink makes resolve to them are refused; a file, a
// read-only file system or a folder the user cannot write are each one sentence. Nothing here
// changes a permission: no folder is ever opened to the world (docs/launch-users.md).
// Split in two so the decision is a pure function tested by a table:
//   auto facts = launch::inspectNotebooksFolder(path);       // reads the disk (lstat, realpath, statvfs)
//   if (util::Error e = launch::checkNotebooksFolder(facts)) // decides, no I/O
//       fail(e);

#include "util/error.h"

#include <QString>

namespace sagedock::launch {

struct NotebooksFolderFacts {
    QString path;     // absolute and clean, as the user gave it
    QString resolved; // every symlink resolved (the part that does not exist yet appended as given)
    QString home;     // the user's HOME, resolved
    bool hostRoot = false;
    bool exists = false;         // `path` exists (after following links)
    bool isDir = false;          // ... and is a directory
    bool writable = false;       // existing folder: the user may create files in it
    bool parentWritable = false; // missing folder: the nearest existing ancestor is a folder we may write
    bool readOnlyFs = false;     // the folder (or its nearest existing ancestor) is on a read-only mount
};

NotebooksFolderFacts inspectNotebooksFolder(const QString& path);
util::Error checkNotebooksFolder(const NotebooksFolderFacts& facts);

} // namespace sagedock::launch
