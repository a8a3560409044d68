#pragma once

#include "subcommand.h"

#include <vector>

// The commands of upkeep-publish that manage the publisher's identity: "ca init" and "ca show" for the
// CA that root metadata names, "cert issue", "cert list", "cert renew" and "cert revoke" for the signer
// certificates that sign releases (PublisherIdentity does the work).
class IdentityCommands
{
public:
    [[nodiscard]] static std::vector<Subcommand> subcommands();
};
