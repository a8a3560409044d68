#include "filehashcache.h"

#include "sha256.h"
#include <QFile>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

qint64 nanoseconds(const timespec& time)
{
    return qint64(time.tv_sec) * 1'000'000'000 + time.tv_nsec;
}

} // namespace

QString FileHashCache::sha256(const QString& path)
{
    const QByteArray name = QFile::encodeName(path);
    struct stat before {
    };
    if (::lstat(name.constData(), &before) != 0 || !S_ISREG(before.st_mode)) {
        m_known.erase(path);
        return {};
    }
    const Known identity{qint64(before.st_size), nanoseconds(before.st_mtim), nanoseconds(before.st_ctim),
        quint64(before.st_ino), quint64(before.st_dev), {}};
    if (const auto known = m_known.find(path); known != m_known.end()) {
        const Known& k = known->second;
        if (k.size == identity.size && k.modified == identity.modified && k.changed == identity.changed
            && k.inode == identity.inode && k.device == identity.device)
            return k.sha256;
    }
    QFile file(path);
    Sha256 hash;
    if (!file.open(QIODevice::ReadOnly) || !hash.addData(&file)) {
        m_known.erase(path);
        return {};
    }
    // Remembered only when the file did not change while it was read.
    struct stat after {
    };
    const QString sha256 = hash.hex();
    if (::stat(name.constData(), &after) == 0 && after.st_ino == before.st_ino && after.st_size == before.st_size
        && nanoseconds(after.st_ctim) == identity.changed) {
        Known known = identity;
        known.sha256 = sha256;
        m_known.insert_or_assign(path, std::move(known));
    } else {
        m_known.erase(path);
    }
    return sha256;
}
