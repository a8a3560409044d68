#include "trialpath.h"

#include <algorithm>

std::vector<TrialPath> TrialPath::of(const std::vector<TrialResult>& results)
{
    std::vector<TrialPath> paths;
    for (const TrialResult& result : results) {
        const QString name = result.path();
        auto path = std::ranges::find(paths, name, &TrialPath::name);
        if (path == paths.end())
            path = paths.insert(paths.end(), TrialPath{name, {}});
        path->trials.push_back(&result);
    }
    std::ranges::stable_partition(paths, &TrialPath::isAudit);
    return paths;
}

bool TrialPath::isAudit() const
{
    return !trials.empty() && trials.front()->kind == TrialResult::Kind::Audit;
}

bool TrialPath::passed() const
{
    return failures() == 0;
}

int TrialPath::failures() const
{
    return int(std::ranges::count(trials, false, &TrialResult::passed));
}

int TrialPath::skipped() const
{
    return int(std::ranges::count(trials, true, &TrialResult::skipped));
}

qint64 TrialPath::milliseconds() const
{
    qint64 total = 0;
    for (const TrialResult* trial : trials)
        total += trial->milliseconds;
    return total;
}

const TrialResult* TrialPath::clean() const
{
    const auto found = std::ranges::find_if(trials, [](const TrialResult* trial) {
        return trial->kind != TrialResult::Kind::Audit && trial->kind != TrialResult::Kind::Kill
            && trial->fault == kNoFault;
    });
    return found == trials.end() ? nullptr : *found;
}

std::pair<int, int> TrialPath::faultsSurvived() const
{
    std::pair<int, int> survived{0, 0};
    for (const TrialResult* trial : trials) {
        if (trial->kind == TrialResult::Kind::Audit || trial->kind == TrialResult::Kind::Kill
            || trial->fault == kNoFault)
            continue;
        ++survived.second;
        survived.first += trial->passed ? 1 : 0;
    }
    return survived;
}

std::pair<int, int> TrialPath::killsSurvived() const
{
    std::pair<int, int> survived{0, 0};
    for (const TrialResult* trial : trials) {
        if (trial->kind != TrialResult::Kind::Kill)
            continue;
        ++survived.second;
        survived.first += trial->passed ? 1 : 0;
    }
    return survived;
}

std::optional<bool> TrialPath::healthCheck() const
{
    std::optional<bool> health;
    for (const TrialResult* trial : trials) {
        if (trial->healthCheck == false)
            return false;
        if (trial->healthCheck == true)
            health = true;
    }
    return health;
}
