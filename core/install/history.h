#pragma once

#include "error.h"
#include "trust/signerfacts.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <optional>
#include <vector>

// The append-only record of every install, update, rollback and failure of one installation,
// kept in ROOT/.upkeep/history.jsonl as one JSON object per line. Each record is appended and
// fdatasync'd in one write, so a crash can tear only the last line; that line is ignored, and a
// damaged line elsewhere is skipped with a warning rather than losing the whole history.
class History
{
    Q_DECLARE_TR_FUNCTIONS(History)

public:
    enum class Kind { Install, Update, Rollback, Failure };
    // How an update's downloads came: patches against the installed version (with whole files
    // for what is new), or whole files only (a fresh install's bundle, or no patch applied).
    enum class Transfer { Unknown, Patch, Full };
    enum class Outcome {
        Installed,               // the new version runs
        RolledBackAutomatically, // its health check failed, so the previous version runs again
        RolledBackByUser,        // the user went back to the previous version
        Failed,                  // the change stopped before the switch; nothing changed
        Interrupted,             // a crash or power cut stopped it; the next start finished or undid it
    };

    struct Record {
        QDateTime time; // UTC, to the millisecond
        Kind kind = Kind::Update;
        QString from; // the version before, empty for a fresh install
        QString to;   // the version after (or attempted)
        QString channel;
        Outcome outcome = Outcome::Installed;
        qint64 bytes = 0; // downloaded for it, by the install and by background downloads before it
        Transfer transfer = Transfer::Unknown;
        qint64 durationMs = 0;
        QString reason;       // free text, newlines kept
        QString healthOutput; // the health check's output, its last kMaxHealthOutputBytes kept
        // Who signed the release installed (or attempted), when its publisher has an identity.
        std::optional<SignerFacts> signer;
        friend bool operator==(const Record&, const Record&) = default;
    };

    static constexpr qsizetype kMaxHealthOutputBytes = 16 * 1024;

    explicit History(QString path)
        : m_path(std::move(path))
    { }

    std::expected<void, Error> append(const Record& record);
    // Every readable record, oldest first; empty when the history does not exist yet.
    [[nodiscard]] std::expected<std::vector<Record>, Error> records() const;

    static QString toString(Kind kind);
    static QString toString(Outcome outcome);
    static QString toString(Transfer transfer); // empty for Unknown
    static std::optional<Kind> kindFromString(const QString& name);
    static std::optional<Outcome> outcomeFromString(const QString& name);

private:
    QString m_path;
};
