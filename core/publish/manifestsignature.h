#pragma once

#include "publish/publishingonly.h"

#include "error.h"
#include "trust/certificate.h"

#include <QCoreApplication>

// Who made a manifest signature already published (APP/VERSION/manifest.json.p7s): the certificate
// of its one signer, read from the CMS structure without checking anything, so that `cert list`
// tells what each certificate signed and `cert revoke` finds the releases to sign again.
class ManifestSignature
{
    Q_DECLARE_TR_FUNCTIONS(ManifestSignature)

public:
    // The certificate inside `der` that its one SignerInfo names.
    static std::expected<Certificate, Error> signerOf(QByteArrayView der);
};
