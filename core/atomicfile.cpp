#include "atomicfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include <fcntl.h>
#include <unistd.h>

std::expected<void, Error> writeFileAtomically(const QString& path, QByteArrayView data)
{
    QSaveFile file(path);
    // QSaveFile fsyncs the temporary file before it renames it over `path`.
    if (!file.open(QIODevice::WriteOnly) || file.write(data.data(), data.size()) != data.size() || !file.commit()) {
        return std::unexpected(Error{Error::Code::Io,
            QCoreApplication::translate("AtomicFile", "Cannot write %1: %2.")
                .arg(QDir::toNativeSeparators(path), file.errorString())});
    }
    const QByteArray folder = QFile::encodeName(QFileInfo(path).absolutePath());
    const int fd = ::open(folder.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
    return {};
}
