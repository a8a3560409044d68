#pragma once

#include "error.h"

#include <QDateTime>
#include <QString>

#include <expected>

// The publisher's record of what the rollouts of a repository did, one line appended per decision or
// change ("TIME APP VERSION CHANNEL what"), in .upkeep-publish/rollout.log inside the repository:
// found later beside the metadata it explains, and never served (nginx answers 404 for hidden paths).
class RolloutJournal
{
public:
    explicit RolloutJournal(const QString& repository);

    [[nodiscard]] const QString& path() const { return m_path; }

    std::expected<void, Error> append(const QDateTime& time, const QString& app, const QString& version,
        const QString& channel, const QString& what) const;

private:
    QString m_path;
};
