#pragma once

// One fault a release test puts on the way of an update: its name as the report prints it, and
// how the first mirror misbehaves for the file it targets (the largest file the update downloads).
// The mid-file faults spoil one answer only, so that a client that resumes or retries gets there;
// the error statuses stay, so that the client must go on to the second mirror.

#include "faultserver.h"

#include <QCoreApplication>
#include <QString>

#include <expected>
#include <vector>

struct Error;

class TrialFault
{
    Q_DECLARE_TR_FUNCTIONS(TrialFault)

public:
    enum class Kind {
        None,
        DroppedConnection,
        Stall,
        TruncatedBody,
        CorruptedBytes,
        RangeIgnored,
        NotFound,
        Unavailable
    };

    explicit TrialFault(Kind kind)
        : m_kind(kind)
    { }

    [[nodiscard]] Kind kind() const { return m_kind; }
    // "none", "dropped connection", "stall", "truncated body", "corrupted bytes", "Range ignored",
    // "404 from the first mirror", "503 from the first mirror".
    [[nodiscard]] QString name() const;
    // What the first mirror does to a file of `length` bytes (nothing for None).
    [[nodiscard]] std::vector<FaultServer::Fault> faults(qint64 length) const;

    // The faults of `set` ("none", "network" or "all"), the clean update first; a Usage error
    // naming the sets otherwise.
    static std::expected<std::vector<TrialFault>, Error> set(const QString& set);

private:
    Kind m_kind;
};
