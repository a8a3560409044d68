#include "rolloutstate.h"

#include <algorithm>

using namespace Qt::StringLiterals;

std::expected<RolloutState, Error> RolloutState::fromCustom(const JsonValue& custom)
{
    RolloutState state;
    if (const JsonValue* rollout = custom.find("rollout"); rollout && rollout->isInteger())
        state.share = int(std::clamp<qint64>(rollout->toInteger(), 0, 100));
    if (const JsonValue* plan = custom.find(RolloutPlan::kFact)) {
        auto parsed = RolloutPlan::fromJson(*plan);
        if (!parsed)
            return std::unexpected(parsed.error());
        state.plan = *parsed;
    }
    return state;
}

RolloutState RolloutState::planned(const Settings& settings, const QDateTime& now) const
{
    RolloutState next = *this;
    RolloutPlan newPlan = plan.value_or(RolloutPlan{});
    if (settings.steps) {
        newPlan.steps = *settings.steps;
        next.share = std::max(share, newPlan.steps.first());
        newPlan.halted = false;
        newPlan.haltedAt = {};
        newPlan.haltReason.clear();
    }
    newPlan.everySeconds = settings.everySeconds.value_or(newPlan.everySeconds);
    newPlan.haltAboveBasisPoints = settings.haltAboveBasisPoints.value_or(newPlan.haltAboveBasisPoints);
    newPlan.minEvents = settings.minEvents.value_or(newPlan.minEvents);
    if (!plan || next.share != share)
        newPlan.stepSince = now;
    next.plan = newPlan;
    return next;
}

RolloutState RolloutState::decided(const RolloutDecision& decision, const QDateTime& now) const
{
    RolloutState next = *this;
    if (decision.action == RolloutDecision::Action::Hold || !next.plan)
        return next;
    if (decision.share != share)
        next.plan->stepSince = now;
    next.share = decision.share;
    if (decision.action == RolloutDecision::Action::Halt) {
        next.plan->halted = true;
        next.plan->haltedAt = now;
        next.plan->haltReason = decision.reason;
    }
    return next;
}

QString RolloutState::describe(const QString& release, const QDateTime& now) const
{
    QStringList lines{u"%1: offered to %2% of installations."_s.arg(release).arg(share)};
    if (!plan) {
        lines.append(u"No rollout plan; set one with --plan, e.g. --plan 5,25,50,100 --every 24h."_s);
        return lines.join(u'\n');
    }
    const qsizetype step = plan->steps.indexOf(share);
    lines.append(u"Plan: %1, a step every %2; %3 since %4."_s.arg(RolloutPlan::stepsText(plan->steps),
        RolloutPlan::durationText(plan->everySeconds),
        step >= 0 ? u"step %1 of %2"_s.arg(step + 1).arg(plan->steps.size()) : u"at %1%"_s.arg(share),
        plan->stepSince.toUTC().toString(Qt::ISODate)));
    if (plan->halted) {
        lines.append(u"Halted %1: %2"_s.arg(plan->haltedAt.toUTC().toString(Qt::ISODate), plan->haltReason));
    } else if (const auto next = plan->nextStep(share)) {
        const QDateTime due = plan->stepSince.addSecs(plan->everySeconds);
        lines.append(u"Next step: %1%, due %2%3."_s.arg(*next).arg(
            due.toUTC().toString(Qt::ISODate), due <= now ? u" (now, given enough updates)"_s : QString()));
    } else {
        lines.append(u"Complete; still watched."_s);
    }
    lines.append(u"Halts when more than %1 of at least %2 updates fail or are rolled back."_s
                     .arg(RolloutPlan::basisPointsText(plan->haltAboveBasisPoints))
                     .arg(plan->minEvents));
    return lines.join(u'\n');
}
