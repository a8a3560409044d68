#pragma once

#include "error.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <optional>
#include <vector>

// The write-ahead journal of one change to an installation (an update, a rollback). Each step
// is appended as one JSON line and fsync'd before the step's effect is made, so after a crash
// the journal says how far the change got and the next start can finish or undo it.
// A line torn by the crash is ignored: its step had not begun.
class Journal
{
    Q_DECLARE_TR_FUNCTIONS(Journal)

public:
    enum class Step {
        Begin,    // about to stage versions/TO beside the running FROM
        Staged,   // versions/TO is complete and verified
        Switched, // current points to TO
        Checked,  // TO passed its health check (or has none)
        Reverted, // current points back to FROM
        Done,     // the change is over; nothing to recover
    };

    struct Entry {
        Step step = Step::Begin;
        QDateTime time;
        QString from; // the version running before the change
        QString to;   // the version the change installs
        QString note; // why (a rollback's reason), free text
    };

    explicit Journal(QString path)
        : m_path(std::move(path))
    { }

    std::expected<void, Error> append(const Entry& entry);
    // The steps of the change in progress (empty when the last change is Done or none began).
    [[nodiscard]] std::expected<std::vector<Entry>, Error> pending() const;
    // Forgets finished changes; called after Done, so the journal stays small.
    std::expected<void, Error> clear();

    static QString toString(Step step);
    static std::optional<Step> stepFromString(const QString& name);

private:
    QString m_path;
};
