#include "jobpool.h"

#include <mutex>
#include <optional>
#include <thread>

JobPool::JobPool(MemoryBudget& budget, int threads)
    : m_budget(budget)
    , m_threads(threads > 0 ? threads : int(std::max(1u, std::thread::hardware_concurrency())))
{ }

std::expected<void, Error> JobPool::run(const std::vector<Job>& jobs)
{
    std::mutex mutex;
    size_t next = 0;
    std::optional<Error> failure;
    auto work = [&] {
        while (true) {
            size_t index = 0;
            {
                const std::lock_guard lock(mutex);
                if (failure || next >= jobs.size())
                    return;
                index = next++;
            }
            const Job& job = jobs[index];
            m_budget.acquire(job.memory);
            bool stopped = false;
            {
                const std::lock_guard lock(mutex);
                stopped = failure.has_value();
            }
            auto done = stopped ? std::expected<void, Error>() : job.run();
            m_budget.release(job.memory);
            if (!done) {
                const std::lock_guard lock(mutex);
                if (!failure)
                    failure = done.error();
            }
        }
    };
    {
        std::vector<std::jthread> workers;
        for (int i = 1; i < std::min<int>(m_threads, int(jobs.size())); ++i)
            workers.emplace_back(work);
        work();
    }
    if (failure)
        return std::unexpected(*failure);
    return {};
}
