#include "rolloutcommand.h"

#include "console.h"
#include "exitcode.h"
#include "keyfolders.h"
#include "numberoption.h"
#include "publish/repositorywriter.h"
#include "release/repositorypaths.h"
#include "repositorychange.h"
#include "requiredoption.h"
#include "rolloutdecision.h"
#include "rolloutjournal.h"
#include "rolloutplan.h"
#include "rolloutstate.h"
#include "statisticsfilter.h"
#include "statisticslogreader.h"
#include "statisticssummary.h"

using namespace Qt::StringLiterals;

namespace {

const QString kCommand = u"rollout"_s;
const QCommandLineOption kApp(u"app"_s, u"Application name."_s, u"APP"_s);
const QCommandLineOption kVersion(u"version"_s, u"The release rolled out."_s, u"VERSION"_s);
const QCommandLineOption kChannel(u"channel"_s, u"The channel it is rolled out on."_s, u"CHANNEL"_s);
const QCommandLineOption kPlan(
    u"plan"_s, u"The steps, percentages ending in 100 (e.g. 5,25,50,100); restarts a halted rollout."_s, u"STEPS"_s);
const QCommandLineOption kEvery(
    u"every"_s, u"The least time a step lasts, e.g. 24h (s, m, h, d; default 24h)."_s, u"TIME"_s);
const QCommandLineOption kHaltAbove(u"halt-above"_s,
    u"Halt when a larger share of the updates than this failed or rolled back (default 2%)."_s, u"PERCENT"_s);
const NumberOption kMinEvents(
    QCommandLineOption(u"min-events"_s, u"Updates it takes to halt or advance (default 50)."_s, u"N"_s),
    u"--min-events takes a number of updates from 1 on."_s, 1);
const QCommandLineOption kLog(u"log"_s,
    u"Statistics logs (rotated .gz too) to decide on: advance or halt the rollout. Further logs may follow as "
    "words of their own, as a shell glob gives them."_s,
    u"FILE"_s);
const QCommandLineOption kYankOnHalt(u"yank-on-halt"_s, u"When halting, also withdraw the release from the channel."_s);
const QCommandLineOption kDryRun(u"dry-run"_s, u"Say what would be done and change nothing."_s);

struct Request {
    QString repository;
    QString app;
    QString version;
    QString channel;
    QStringList logs;
    RolloutState::Settings settings;
};

std::expected<Request, Error> request(const QCommandLineParser& parser)
{
    Request request;
    QStringList positional = parser.positionalArguments();
    if (positional.isEmpty() || (positional.size() > 1 && !parser.isSet(kLog)))
        return std::unexpected(Error{Error::Code::Usage, u"expected one repository folder; see --help."_s});
    request.repository = positional.takeFirst();
    request.logs = parser.values(kLog) + positional; // a shell glob after --log gives several words
    for (auto [field, option] :
        {std::pair{&request.app, &kApp}, {&request.version, &kVersion}, {&request.channel, &kChannel}}) {
        auto value = required(parser, *option);
        if (!value)
            return std::unexpected(value.error());
        *field = *value;
    }
    if (parser.isSet(kPlan)) {
        auto steps = RolloutPlan::parseSteps(parser.value(kPlan));
        if (!steps)
            return std::unexpected(steps.error());
        request.settings.steps = *steps;
    }
    if (parser.isSet(kEvery)) {
        auto every = RolloutPlan::parseDuration(parser.value(kEvery));
        if (!every)
            return std::unexpected(every.error());
        request.settings.everySeconds = *every;
    }
    if (parser.isSet(kHaltAbove)) {
        auto haltAbove = RolloutPlan::parseBasisPoints(parser.value(kHaltAbove));
        if (!haltAbove)
            return std::unexpected(haltAbove.error());
        request.settings.haltAboveBasisPoints = *haltAbove;
    }
    if (parser.isSet(kMinEvents.option())) {
        auto minEvents = kMinEvents.parse(parser.value(kMinEvents.option()));
        if (!minEvents)
            return std::unexpected(minEvents.error());
        request.settings.minEvents = *minEvents;
    }
    return request;
}

// The updates to the release on the channel that the logs hold, in any order.
std::expected<RolloutDecision::Numbers, Error> numbers(const Request& request)
{
    const StatisticsFilter filter{
        .since = {}, .app = request.app, .channel = request.channel, .version = request.version};
    StatisticsSummary summary;
    StatisticsLogReader reader([&](const StatisticsEvent& event) {
        if (filter.accepts(event))
            summary.add(event);
    });
    for (const QString& log : request.logs) {
        if (auto read = reader.read(log); !read)
            return std::unexpected(read.error());
    }
    for (const StatisticsSummary::Release& release : summary.releases()) {
        if (release.app == request.app && release.version == request.version)
            return RolloutDecision::Numbers{release.attempts, release.failures()};
    }
    return RolloutDecision::Numbers{};
}

// Where the release's rollout on the channel stands in the repository; a usage error when the
// repository has no such channel or the channel no such release.
std::expected<RolloutState, Error> standing(const RepositoryWriter& writer, const Request& request)
{
    if (!writer.channels().contains(request.channel)) {
        return std::unexpected(Error{Error::Code::Usage,
            u"the repository has no channel \"%1\"; it has %2."_s.arg(
                request.channel, writer.channels().join(u", "_s))});
    }
    auto version = Version::parse(request.version);
    if (!version)
        return std::unexpected(Error{Error::Code::Usage, version.error().message});
    const std::map<QString, TargetFileInfo> targets = writer.channelTargets(request.channel);
    const auto target = targets.find(RepositoryPaths::manifest(request.app, *version));
    if (target == targets.end()) {
        return std::unexpected(
            Error{Error::Code::Usage, u"%1 has no %2 %3."_s.arg(request.channel, request.app, request.version)});
    }
    return RolloutState::fromCustom(target->second.custom);
}

int run(QCommandLineParser& parser)
{
    auto given = request(parser);
    if (!given)
        return fail(kCommand, given.error());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString release = u"%1 %2 on %3"_s.arg(given->app, given->version, given->channel);

    // Read without keys: showing where a rollout stands, or a dry run, needs none.
    KeyRing noKeys({});
    auto reader = RepositoryWriter::open(given->repository, noKeys);
    if (!reader)
        return fail(kCommand, reader.error());
    auto before = standing(*reader, *given);
    if (!before)
        return fail(kCommand, before.error());

    const bool setsPlan = given->settings.any();
    if (setsPlan && !before->plan && !given->settings.steps)
        return misuse(kCommand, u"%1 has no rollout plan yet: give --plan."_s.arg(release));
    if (!given->logs.isEmpty() && !before->plan && !given->settings.steps)
        return misuse(kCommand, u"%1 has no rollout plan to decide on: give --plan."_s.arg(release));
    RolloutState after = setsPlan ? before->planned(given->settings, now) : *before;

    std::optional<RolloutDecision> decision;
    std::optional<RolloutDecision::Numbers> counted;
    if (!given->logs.isEmpty()) {
        auto found = numbers(*given);
        if (!found)
            return fail(kCommand, found.error());
        counted = *found;
        decision = RolloutDecision::decide(*after.plan, after.share, now, *found);
        after = after.decided(*decision, now);
    }

    const bool halts = decision && decision->action == RolloutDecision::Action::Halt;
    const bool yanks = halts && parser.isSet(kYankOnHalt);
    const bool changes = setsPlan || (decision && decision->action != RolloutDecision::Action::Hold);
    print((changes && !parser.isSet(kDryRun) ? after : *before).describe(release, now));
    if (counted)
        print(u"Updates to %1 on %2: %3."_s.arg(given->version, given->channel, RolloutDecision::describe(*counted)));
    QStringList done;
    if (setsPlan)
        done.append(
            u"Set the plan %1, a step every %2, halting above %3 of at least %4 updates; offered to %5%."_s
                .arg(RolloutPlan::stepsText(after.plan->steps), RolloutPlan::durationText(after.plan->everySeconds),
                    RolloutPlan::basisPointsText(after.plan->haltAboveBasisPoints))
                .arg(after.plan->minEvents)
                .arg(after.share));
    if (decision)
        done.append(decision->reason);
    if (yanks)
        done.append(u"Withdrew %1 %2 from %3 (--yank-on-halt)."_s.arg(given->app, given->version, given->channel));
    const int code = halts ? RolloutCommand::Halted : ExitCode::Success;
    if (!changes) {
        if (decision)
            print(decision->reason + u" Nothing to do."_s);
        return code;
    }
    if (parser.isSet(kDryRun)) {
        print(u"Dry run, nothing changed; it would do this: "_s + done.join(u' '));
        return code;
    }

    const RolloutJournal journal(given->repository);
    const int changed
        = RepositoryChange(kCommand, given->repository)
              .run(parser, [&](RepositoryWriter& writer, KeyRing&, const KeyFolders&) -> std::expected<QString, Error> {
                  // Decided on what was read before the repository was locked: another change in
                  // between (a second cron run, a publisher's own rollout) makes the decision stale.
                  if (auto locked = standing(writer, *given); !locked || *locked != *before) {
                      return std::unexpected(Error{Error::Code::Io,
                          u"the rollout of %1 changed while this run decided; nothing was changed, run it again."_s.arg(
                              release)});
                  }
                  if (auto set = writer.setRollout(given->app, given->version, given->channel, after.share); !set)
                      return std::unexpected(set.error());
                  if (auto set = writer.setReleaseFact(
                          given->app, given->version, given->channel, RolloutPlan::kFact, after.plan->toJson());
                      !set)
                      return std::unexpected(set.error());
                  if (yanks) {
                      if (auto yanked = writer.yank(given->app, given->version, given->channel); !yanked)
                          return std::unexpected(yanked.error());
                  }
                  return done.join(u'\n');
              });
    if (changed != ExitCode::Success)
        return changed;
    if (auto logged = journal.append(now, given->app, given->version, given->channel, done.join(u' ')); !logged)
        warn(kCommand, logged.error().message + u" The change itself is signed and written."_s);
    return code;
}

} // namespace

Subcommand RolloutCommand::subcommand()
{
    return {.name = kCommand,
        .summary = u"Show, plan, advance or halt a release's staged rollout on a channel (safe from cron)."_s,
        .options = {KeyFolders::kKeysOption, KeyFolders::kOnlineKeysOption, kApp, kVersion, kChannel, kPlan, kEvery,
            kHaltAbove, kMinEvents.option(), kLog, kYankOnHalt, kDryRun},
        .argument = u"REPO"_s,
        .argumentHelp = u"The repository folder."_s,
        .run = run};
}
