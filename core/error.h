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
        InvalidInput, // malformed data: JSON, PEM, hex, a key or signature of the wrong shape
        LimitExceeded, // input larger or deeper than we agree to read
        Unsupported, // well-formed but of a kind we do not handle (key type, scheme)
        BadSignature, // a signature that does not verify
        PassphraseRequired, // an encrypted key and no passphrase
        WrongPassphrase, // an encrypted key the passphrase does not open
        Io, // reading or writing a file failed
        Internal, // the crypto library failed where it should not
    };
    Q_ENUM(Code)

    Code code = Code::Internal;
    QString message;

    // "Context: message", so that a caller can say where a lower-level error happened.
    [[nodiscard]] Error prefixed(const QString& context) const;
};

Q_DECLARE_METATYPE(Error)
