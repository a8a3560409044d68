#pragma once

#include "subcommand.h"

// "upkeep-publish rollout REPO --app A --version V --channel C": where a staged rollout stands, its plan
// and halt rule set, and, run from cron with the statistics log, the rollout advanced or halted.
class RolloutCommand
{
public:
    // Exit code of a run that halted a rollout (or would, with --dry-run), so that cron mails it.
    static constexpr int Halted = 3;

    [[nodiscard]] static Subcommand subcommand();
};
