#pragma once

#include <QByteArray>
#include <QString>

// The publisher's identity as root metadata carries it ("upkeep_publisher"): the organisation's
// name and its CA certificate, the anchor every release signer must chain to. Only the root keys
// can change it, so neither the CA nor TUF alone can be bypassed.
struct PublisherAnchor {
    QString name;
    QByteArray certificate; // DER

    friend bool operator==(const PublisherAnchor&, const PublisherAnchor&) = default;
};
