#include "passwordstore.h"

#include "logging.h"

#include <QEventLoop>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace {

// Runs `job` to its end and says whether it succeeded; its error stays in the job.
bool run(QKeychain::Job& job)
{
    job.setAutoDelete(false);
    QEventLoop loop;
    bool finished = false; // a job may finish inside start(), before the loop runs
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    job.start();
    if (!finished)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    return job.error() == QKeychain::NoError;
}

} // namespace

PasswordStore::PasswordStore(const InstallLayout& layout, QString key)
    : m_file(layout.stateFolder() + u"/password"_s)
    , m_key(std::move(key))
{ }

std::expected<PasswordStore::Place, Error> PasswordStore::save(const QString& password) const
{
    QKeychain::WritePasswordJob job(QString::fromLatin1(kService));
    job.setKey(m_key);
    job.setTextData(password);
    if (run(job)) {
        QFile::remove(m_file); // an older copy in the less safe place
        return Place::SecretStore;
    }
    qCInfo(lcInstall).noquote() << "No secret store answered (" << job.errorString() << "); keeping the password in"
                                << m_file;
    // Made anew with mode 0600, so that it is private before a byte of the password is in it.
    QFile::remove(m_file);
    const int fd = ::open(
        QFile::encodeName(m_file).constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, S_IRUSR | S_IWUSR);
    QFile file;
    const QByteArray bytes = password.toUtf8();
    if (fd < 0 || !file.open(fd, QIODevice::WriteOnly, QFileDevice::AutoCloseHandle)
        || file.write(bytes) != bytes.size() || !file.flush() || ::fsync(fd) != 0) {
        const QString why = fd < 0 ? QString::fromLocal8Bit(std::strerror(errno)) : file.errorString();
        if (fd >= 0 && !file.isOpen())
            ::close(fd);
        file.close();
        QFile::remove(m_file);
        return std::unexpected(Error{Error::Code::Io, tr("Cannot keep the password in %1: %2.").arg(m_file, why)});
    }
    return Place::File;
}

std::expected<QString, Error> PasswordStore::load() const
{
    QKeychain::ReadPasswordJob job(QString::fromLatin1(kService));
    job.setKey(m_key);
    if (run(job))
        return job.textData();
    QFile file(m_file);
    if (file.open(QIODevice::ReadOnly))
        return QString::fromUtf8(file.readAll());
    return std::unexpected(Error{Error::Code::NotFound,
        tr("No password is kept for %1, neither in the secret store (%2) nor in %3.")
            .arg(m_key, job.errorString(), m_file)});
}

void PasswordStore::forget() const
{
    QKeychain::DeletePasswordJob job(QString::fromLatin1(kService));
    job.setKey(m_key);
    run(job);
    QFile::remove(m_file);
}
