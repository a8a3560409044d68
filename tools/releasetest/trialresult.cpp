#include "trialresult.h"

using namespace Qt::StringLiterals;

QString TrialResult::path() const
{
    switch (kind) {
    case Kind::Audit: return u"repository"_s;
    case Kind::FreshInstall: return u"fresh install of %1"_s.arg(to);
    case Kind::Scenario: return u"scenario \"%1\""_s.arg(from);
    case Kind::Update:
    case Kind::Kill: break;
    }
    return from.isEmpty() ? to : u"%1 → %2"_s.arg(from, to);
}
