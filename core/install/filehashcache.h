#pragma once

#include <QString>

#include <map>

// The sha256 of installed files, remembered by path with the file's size, times, inode and
// device, so that the check `upkeep update` starts with and the install after it read each file
// a patch starts from once, not twice. A file written, replaced or touched since is read again.
class FileHashCache
{
public:
    // The sha256 (lower-case hex) of the regular file at `path`; empty when it is missing, not a
    // regular file (a symlink, say) or cannot be read.
    [[nodiscard]] QString sha256(const QString& path);

private:
    struct Known {
        qint64 size = 0;
        qint64 modified = 0; // ns
        qint64 changed = 0;  // ns: any write or chmod moves it
        quint64 inode = 0;
        quint64 device = 0;
        QString sha256;
    };
    std::map<QString, Known> m_known;
};
