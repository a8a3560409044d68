#pragma once

#include <QLoggingCategory>

// One logging category per core domain. Quiet by default: only warnings and above show
// unless QT_LOGGING_RULES turns a category on, e.g. QT_LOGGING_RULES="upkeep.trust.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcTrust)
Q_DECLARE_LOGGING_CATEGORY(lcIdentity) // the publisher's certificates, CRLs and manifest signatures
Q_DECLARE_LOGGING_CATEGORY(lcNet)
Q_DECLARE_LOGGING_CATEGORY(lcRelease)
Q_DECLARE_LOGGING_CATEGORY(lcInstall)
Q_DECLARE_LOGGING_CATEGORY(lcPolicy)
Q_DECLARE_LOGGING_CATEGORY(lcTiming) // the phases of an update and how long each took
