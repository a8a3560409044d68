#include "certificatefolder.h"

#include "atomicfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <set>

using namespace Qt::StringLiterals;

namespace {

const QString kFolder = u"/certificates"_s;

} // namespace

CertificateFolder::CertificateFolder(QStringList keyFolders)
    : m_folders(std::move(keyFolders))
{ }

QString CertificateFolder::caFile() const
{
    return m_folders.value(0) + kFolder + u"/ca.pem"_s;
}

std::expected<void, Error> CertificateFolder::saveAuthority(const Certificate& ca) const
{
    if (m_folders.isEmpty())
        return std::unexpected(Error{Error::Code::Usage, tr("No key folder was given for the CA certificate.")});
    if (!QDir().mkpath(m_folders.first() + kFolder))
        return std::unexpected(
            Error{Error::Code::Io, tr("Cannot create the folder %1.").arg(m_folders.first() + kFolder)});
    return writeFileAtomically(caFile(), ca.pem());
}

std::expected<QString, Error> CertificateFolder::save(const Certificate& signer) const
{
    if (m_folders.isEmpty())
        return std::unexpected(Error{Error::Code::Usage, tr("No key folder was given for the certificate.")});
    const QString folder = m_folders.first() + kFolder;
    if (!QDir().mkpath(folder))
        return std::unexpected(Error{Error::Code::Io, tr("Cannot create the folder %1.").arg(folder)});
    const QString path = folder + u'/' + signer.serial() + u".pem"_s;
    if (auto written = writeFileAtomically(path, signer.pem()); !written)
        return std::unexpected(written.error());
    return path;
}

std::expected<std::vector<CertificateFolder::Found>, Error> CertificateFolder::signers() const
{
    std::vector<Found> found;
    std::set<QString> serials;
    for (const QString& keyFolder : m_folders) {
        const QDir folder(keyFolder + kFolder);
        for (const QFileInfo& file : folder.entryInfoList({u"*.pem"_s}, QDir::Files, QDir::Name)) {
            if (file.fileName() == u"ca.pem"_s)
                continue;
            QFile input(file.filePath());
            if (!input.open(QIODevice::ReadOnly))
                return std::unexpected(
                    Error{Error::Code::Io, tr("Cannot read %1: %2.").arg(file.filePath(), input.errorString())});
            auto certificate = Certificate::fromPem(input.read(1024 * 1024));
            if (!certificate)
                return std::unexpected(certificate.error().prefixed(file.filePath()));
            if (serials.insert(certificate->serial()).second)
                found.push_back({*certificate, file.lastModified().toUTC()});
        }
    }
    return found;
}
