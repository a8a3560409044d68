#pragma once

#include "publish/publishingonly.h"

#include "error.h"
#include "publish/memorybudget.h"

#include <functional>
#include <vector>

// Runs the publisher's independent jobs (objects, patches, the bundle) side by side on a number
// of worker threads, each job starting only once its memory estimate fits the MemoryBudget. Jobs
// start in the order given, so the caller puts the longest first; the first failure stops the
// jobs not started yet and is returned once the running ones are done.
class JobPool
{
public:
    struct Job {
        qint64 memory = 0; // estimated peak bytes, reserved while it runs
        std::function<std::expected<void, Error>()> run;
    };

    // threads 0: std::thread::hardware_concurrency().
    JobPool(MemoryBudget& budget, int threads = 0);

    [[nodiscard]] int threads() const { return m_threads; }
    [[nodiscard]] MemoryBudget& budget() const { return m_budget; }

    std::expected<void, Error> run(const std::vector<Job>& jobs);

private:
    MemoryBudget& m_budget;
    int m_threads;
};
