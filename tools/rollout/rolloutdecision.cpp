#include "rolloutdecision.h"

#include "percentage.h"

using namespace Qt::StringLiterals;

RolloutDecision RolloutDecision::decide(
    const RolloutPlan& plan, int share, const QDateTime& now, const Numbers& numbers)
{
    RolloutDecision decision;
    decision.share = share;
    if (plan.halted) {
        decision.reason
            = u"The rollout was halted %1: %2"_s.arg(plan.haltedAt.toUTC().toString(Qt::ISODate), plan.haltReason);
        return decision;
    }
    const std::optional<int> next = plan.nextStep(share);
    if (next)
        decision.nextDue = plan.stepSince.addSecs(plan.everySeconds);
    const QString limit = RolloutPlan::basisPointsText(plan.haltAboveBasisPoints);
    const bool enough = numbers.attempts >= plan.minEvents;
    // Integers, so that a rate exactly at the limit is at it: failures / attempts > basis points / 10000.
    const bool above = numbers.failures * 10000 > qint64(plan.haltAboveBasisPoints) * numbers.attempts;
    if (enough && above) {
        decision.action = Action::Halt;
        decision.share = 0;
        decision.nextDue = {};
        decision.reason = u"%1, above the limit of %2: halted at %3%."_s.arg(describe(numbers), limit).arg(share);
        return decision;
    }
    if (!next) {
        decision.reason
            = u"The rollout is complete at %1%; it still halts if more than %2 fail."_s.arg(share).arg(limit);
        return decision;
    }
    if (now < decision.nextDue) {
        decision.reason
            = u"The next step, %1%, is due %2."_s.arg(*next).arg(decision.nextDue.toUTC().toString(Qt::ISODate));
        return decision;
    }
    if (!enough) {
        decision.reason = u"The next step, %1%, is due, but it waits for %2 updates: %3 so far."_s.arg(*next)
                              .arg(plan.minEvents)
                              .arg(numbers.attempts);
        return decision;
    }
    decision.action = Action::Advance;
    decision.share = *next;
    decision.nextDue = plan.nextStep(*next) ? now.addSecs(plan.everySeconds) : QDateTime();
    decision.reason = u"%1, at or below the limit of %2: advanced from %3% to %4%."_s.arg(describe(numbers), limit)
                          .arg(share)
                          .arg(*next);
    return decision;
}

QString RolloutDecision::describe(const Numbers& numbers)
{
    const WilsonInterval rate = numbers.rate();
    return u"%1 of %2 %3 failed or %4 rolled back (%5, 95% interval %6..%7)"_s.arg(numbers.failures)
        .arg(numbers.attempts)
        .arg(numbers.attempts == 1 ? u"update"_s : u"updates"_s)
        .arg(numbers.failures == 1 ? u"was"_s : u"were"_s)
        .arg(percentage(rate.rate), percentage(rate.low), percentage(rate.high));
}
