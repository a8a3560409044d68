#pragma once

#include "publish/publishingonly.h"

#include "error.h"
#include "trust/certificate.h"

#include <QCoreApplication>
#include <QStringList>

#include <optional>
#include <vector>

// The public half of the publisher's identity in the key folders: DIR/certificates/ca.pem, the CA
// certificate, and DIR/certificates/SERIAL.pem for each signer certificate issued, beside the
// private keys (KeyStore: publisher-ca.KEYID.pem, signer.KEYID.pem). New files go to the first
// folder; certificates are found in every one.
class CertificateFolder
{
    Q_DECLARE_TR_FUNCTIONS(CertificateFolder)

public:
    // A signer certificate with when its file was written, which orders certificates issued within one second.
    struct Found {
        Certificate certificate;
        QDateTime written;
    };

    explicit CertificateFolder(QStringList keyFolders);

    [[nodiscard]] QString caFile() const;
    std::expected<void, Error> saveAuthority(const Certificate& ca) const;
    // DIR/certificates/SERIAL.pem in the first folder.
    std::expected<QString, Error> save(const Certificate& signer) const;
    // Every SERIAL.pem of every folder, each serial once (the first folder's file wins).
    [[nodiscard]] std::expected<std::vector<Found>, Error> signers() const;

private:
    QStringList m_folders;
};
