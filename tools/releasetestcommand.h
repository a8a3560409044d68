#pragma once

#include "subcommand.h"

// "upkeep-publish test REPO --app A --version V": a release tried on the publisher's machine before
// it ships — what the repository holds for it checked, every earlier release still offered updated
// to it through local mirrors that misbehave and with the updater killed midway, a fresh install of
// it, and the publisher's own scenarios; a table, JUnit XML, and exit 1 when anything failed.
class ReleaseTestCommand
{
public:
    [[nodiscard]] static Subcommand subcommand();
};
