#pragma once

#include "release/manifest.h"

#include <QCoreApplication>

#include <vector>

// Compares a version folder with the manifest it was installed from: each entry's type, content,
// mode and link target, and anything in the folder that the manifest does not list. Installed
// files are read-only (installedMode()), so that an application writing into its own folder
// cannot change every kept version through a shared inode. Nothing is read through a symlink.
class VersionCheck
{
    Q_DECLARE_TR_FUNCTIONS(VersionCheck)

public:
    struct Damage {
        QString path;    // relative to the version folder
        QString problem; // what is wrong with it, e.g. "changed content"
    };

    // Everything in `folder` that differs from `manifest`; empty when the folder is intact.
    static std::vector<Damage> check(const QString& folder, const Manifest& manifest);

    // The mode an entry is installed with: a file's manifest mode less the write bits, a folder's
    // as the manifest says (so that removing an installation needs no chmod).
    static int installedMode(const Manifest::Entry& entry);

    // Whether every folder on the way from `folder` to `relative` is a real folder, not a
    // symlink: nothing is read or linked through one (an unpacked bundle may hold absolute ones).
    static bool parentsAreFolders(const QString& folder, const QString& relative);

    // One line naming the damage, at most `shown` paths and how many more there are:
    // "bin/run (mode 0644, not 0555), lib/x.so (changed content) and 3 more".
    static QString describe(const std::vector<Damage>& damage, int shown = 8);
};
