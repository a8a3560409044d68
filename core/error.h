#pragma once

#include <QObject>
#include <QString>

#include <expected>

// What went wrong, as a code for programs and a sentence a user can act on.
// Every fallible core function returns std::expected<T, Error>; no exception leaves a module.
struct Error {
    Q_GADGET

public:
    enum class Code {
        InvalidInput,       // malformed data: JSON, PEM, hex, metadata of the wrong shape
        LimitExceeded,      // input larger or deeper than we agree to read (endless data)
        Unsupported,        // well-formed but of a kind we do not handle (key type, spec version)
        BadSignature,       // a signature that does not verify, or fewer valid ones than the threshold
        Expired,            // signed metadata past its expiry (a freeze attack, or a stale mirror)
        Rollback,           // a version older than one already trusted
        Mismatch,           // bytes that differ from what signed metadata says (length, hash, version)
        NotFound,           // a file the repository does not have
        Network,            // a transfer that failed
        Untrusted,          // a server whose TLS certificate this computer does not trust
        PassphraseRequired, // an encrypted key and no passphrase
        WrongPassphrase,    // an encrypted key the passphrase does not open
        AccessDenied,       // a server refused the credentials or their absence (HTTP 401, 403)
        Io,                 // reading or writing a local file failed
        Usage,              // a command used the wrong way
        Cancelled,          // the user stopped it
        Internal,           // a library failed where it should not
    };
    Q_ENUM(Code)

    Code code = Code::Internal;
    QString message;

    // "Context: message", so that a caller can say where a lower-level error happened.
    [[nodiscard]] Error prefixed(const QString& context) const;
};

Q_DECLARE_METATYPE(Error)
