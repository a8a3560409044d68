#pragma once

#include "error.h"

#include "sha256.h"
#include <QByteArrayView>
#include <QCoreApplication>
#include <QString>

#include <functional>

// The bytes of one download gathered so far, kept in DESTINATION.part so that the next attempt,
// or the next run, goes on where this one stopped. Bytes are hashed as they arrive; the part
// becomes DESTINATION only when it holds exactly the signed length with the signed sha256, and a
// copy that does not match is deleted, never kept.
class PartialFile
{
    Q_DECLARE_TR_FUNCTIONS(PartialFile)

public:
    // Checks a finished file by what it holds (say, by decoding it): for files whose signed
    // metadata vouches for what they make rather than for their own bytes. The error says why a
    // file is refused.
    using Verifier = std::function<std::expected<void, Error>(const QString& file)>;

    // sha256 in lower-case hex; when empty, `verify` judges the finished file instead.
    PartialFile(QString destination, qint64 length, QString sha256, Verifier verify = {});
    ~PartialFile();
    Q_DISABLE_COPY(PartialFile)

    // Whether `destination` already holds `length` bytes with this sha256, or that `verify`
    // accepts (an earlier download).
    [[nodiscard]] static bool isInPlace(
        const QString& destination, qint64 length, const QString& sha256, const Verifier& verify = {});

    [[nodiscard]] QString path() const { return m_path; }
    // What a part left by an earlier attempt holds, without opening it: 0 when there is none, or
    // one too long to be this file's beginning.
    [[nodiscard]] qint64 sizeOnDisk() const;

    // Opens the part, creating it, and hashes what it holds; a part longer than the length is
    // emptied first.
    [[nodiscard]] std::expected<void, Error> open();
    // Closes the part and keeps it for a later attempt (an empty one goes).
    void close();
    [[nodiscard]] bool isOpen() const { return m_fd >= 0; }
    [[nodiscard]] qint64 size() const { return m_size; }
    [[nodiscard]] qint64 missing() const { return m_length - m_size; }

    // Adds bytes at the end; more than missing() are refused and none of them written.
    [[nodiscard]] std::expected<void, Error> append(QByteArrayView bytes);
    // Empties the part: what comes next is the file from its first byte.
    [[nodiscard]] std::expected<void, Error> restart();
    // With every byte in: when the sha256 matches (or the verifier accepts it), syncs the part to
    // disk and renames it to the destination (true); when it does not, deletes the part (false)
    // and refusal() says what the verifier found.
    [[nodiscard]] std::expected<bool, Error> finish();
    // Why the verifier refused the part at the last finish(): a sentence, or empty.
    [[nodiscard]] const QString& refusal() const { return m_refusal; }
    // Deletes the part.
    void discard();

private:
    void closeHandle();
    // The translated `sentence` with %1 for the part's path and %2 for errno's reason.
    Error ioError(const char* sentence) const;

    QString m_destination;
    QString m_path;
    qint64 m_length;
    QString m_sha256;
    Verifier m_verify;
    QString m_refusal;
    int m_fd = -1;
    qint64 m_size = 0;
    Sha256 m_hash;
};
