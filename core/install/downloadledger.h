#pragma once

#include <QString>

// What background downloads fetched for the release the download cache holds, kept beside the
// cache across runs and processes, so that the install that uses those downloads can record
// what its update downloaded (a background download in the window, `upkeep update` later).
// One line, "VERSION BYTES"; a missing or unreadable file counts as nothing fetched.
class DownloadLedger
{
public:
    explicit DownloadLedger(QString path)
        : m_path(std::move(path))
    { }

    // Bytes fetched for `version`; 0 when the ledger is about another version or there is none.
    [[nodiscard]] qint64 bytes(const QString& version) const;
    // Counts `bytes` more for `version`, starting again when the ledger was about another one.
    void add(const QString& version, qint64 bytes) const;
    // Forgets it (once the version it was about is installed).
    void clear() const;

private:
    QString m_path;
};
