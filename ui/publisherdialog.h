#pragma once

#include "trust/signerfacts.h"

#include <QDialog>

class QLabel;

// Who signed a release, as Upkeep verified it: the signer certificate's subject, issuer,
// serial, validity and SHA-256 fingerprint, when the release was signed, and the revocation
// list it was checked against. Every value is selectable text, for comparing with what the
// publisher announces.
class PublisherDialog : public QDialog
{
    Q_OBJECT

public:
    PublisherDialog(const SignerFacts& signer, const QString& application, QWidget* parent = nullptr);

    // "AB:CD:…" as two lines of sixteen pairs, so that it wraps at the same place everywhere.
    [[nodiscard]] static QString fingerprintLines(const QString& fingerprint);
    // "Not revoked — checked against the list of 6 Dec 2026, next update due 5 Jan 2027."
    [[nodiscard]] static QString revocationText(const SignerFacts& signer);

private:
    QLabel* value(const QString& text, const QString& objectName, const QString& accessibleName);
};
