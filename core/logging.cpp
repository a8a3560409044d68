#include "logging.h"

Q_LOGGING_CATEGORY(lcTrust, "upkeep.trust", QtWarningMsg)
Q_LOGGING_CATEGORY(lcIdentity, "upkeep.identity", QtWarningMsg)
Q_LOGGING_CATEGORY(lcNet, "upkeep.net", QtWarningMsg)
Q_LOGGING_CATEGORY(lcRelease, "upkeep.release", QtWarningMsg)
Q_LOGGING_CATEGORY(lcInstall, "upkeep.install", QtWarningMsg)
Q_LOGGING_CATEGORY(lcPolicy, "upkeep.policy", QtWarningMsg)
Q_LOGGING_CATEGORY(lcTiming, "upkeep.timing", QtWarningMsg)
