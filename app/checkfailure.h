#pragma once

#include "error.h"

#include <QCoreApplication>

// Why a check of the repository failed, as the window, the list and the tray tell it: what
// happened and what the user can do about it, in words a person understands. The engine's own
// sentence (the URL and the error) stays for the Details of it.
class CheckFailure
{
    Q_DECLARE_TR_FUNCTIONS(CheckFailure)

public:
    enum class Kind {
        Unreachable, // no answer: no network, a server that is down, its name not found
        Untrusted,   // a server whose TLS certificate this computer does not trust
        Missing,     // the server answered without the update information
        Expired,     // the update information is past its expiry (or this computer's clock is wrong)
        Refused,     // the update information is not signed as it must be, or was tampered with
        Denied,      // a private repository refused the password or the certificate (HTTP 401, 403)
        Local,       // a problem on this computer (a file Upkeep cannot read or write)
    };

    explicit CheckFailure(const Error& error);

    [[nodiscard]] Kind kind() const { return m_kind; }
    // What happened: "Upkeep could not reach the publisher's server."
    [[nodiscard]] QString summary() const;
    // What the user can do: "Check that this computer is connected to the network. …"
    [[nodiscard]] QString advice() const;
    // The engine's sentence, for Details.
    [[nodiscard]] const QString& details() const { return m_details; }

private:
    Kind m_kind;
    QString m_details;
};
