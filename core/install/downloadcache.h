#pragma once

#include "error.h"
#include "net/partialfile.h"
#include "release/updateplan.h"

#include <QCoreApplication>

// An installation's download cache (.upkeep/cache): each download of an update waits there,
// finished or as a part to resume, across attempts and runs until the version it is for is
// staged. It names the files, says how a finished one is checked, and drops what is no use.
class DownloadCache
{
    Q_DECLARE_TR_FUNCTIONS(DownloadCache)

public:
    explicit DownloadCache(QString folder);

    [[nodiscard]] const QString& folder() const { return m_folder; }
    // Creates the folder when it is not there.
    [[nodiscard]] std::expected<void, Error> create() const;

    // The flat file name a download is kept under: its repository path with '/' as '_'.
    [[nodiscard]] static QString fileName(const UpdatePlan::Download& download);
    // Where `download` is kept once finished; its part is beside it, with ".part".
    [[nodiscard]] QString file(const UpdatePlan::Download& download) const;
    // Where to make something from the downloads (a patched manifest, an unpacked bundle) that
    // the caller removes once used.
    [[nodiscard]] QString workPath(const QString& name) const;
    // Where the content `sha256` waits once made from the downloads (a pack's member, or what
    // checking a patch made) until it is staged: made once, not once to check and again to stage.
    [[nodiscard]] QString contentFile(const QString& sha256) const;
    // Whether `download` has finished arriving (it is checked again before it is used).
    [[nodiscard]] bool holds(const UpdatePlan::Download& download) const;
    // Bytes of `download` still to fetch: none once finished, else what its part lacks.
    [[nodiscard]] qint64 missing(const UpdatePlan::Download& download) const;

    // How a finished `download` that has no sha256 of its own is checked, by what it makes: an
    // object by decoding it, a patch by applying it to the installed file (a relative one is in
    // `installedFolder`, keeping what it makes as contentFile()). The error says why the file is
    // refused. None for a download with a sha256.
    [[nodiscard]] PartialFile::Verifier verifier(
        const UpdatePlan::Download& download, const QString& installedFolder) const;

    // Removes `download`, finished.
    void remove(const UpdatePlan::Download& download) const;
    // Removes every file, finished or partial, that none of `downloads` is or makes, and every
    // contentFile() but those of `contents` (made ahead by a pack, or a manifest restored from one):
    // those of a release offered earlier would never be used.
    void keepOnly(const std::vector<UpdatePlan::Download>& downloads, const QStringList& contents = {}) const;
    // Removes every download, finished or partial (once the version they were for is staged).
    void clear() const;

private:
    QString m_folder;
};
