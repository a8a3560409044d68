#include "releasetestcommand.h"

#include "console.h"
#include "exitcode.h"
#include "junitreport.h"
#include "keyfolders.h"
#include "numberoption.h"
#include "release/version.h"
#include "releaseaudit.h"
#include "releasetrials.h"
#include "requiredoption.h"
#include "scenario.h"
#include "scenariorun.h"
#include "scratchfolder.h"
#include "trialfault.h"
#include "trialreport.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QMutex>
#include <QRandomGenerator>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace {

const QString kCommand = u"test"_s;
const QCommandLineOption kApp(u"app"_s, u"Application name."_s, u"APP"_s);
const QCommandLineOption kVersion(u"version"_s, u"The release to test."_s, u"VERSION"_s);
const QCommandLineOption kChannel(
    u"channel"_s, u"The channel its installations follow (default stable)."_s, u"CHANNEL"_s);
const QCommandLineOption kFrom(u"from"_s,
    u"Earlier releases to update from: all still offered (default), the N newest, or a list such as 1.2.0,1.3.0."_s,
    u"all|N|LIST"_s);
const QCommandLineOption kFaults(u"faults"_s,
    u"Faults each path is updated under: none, network (a dropped connection, a stall, a truncated body, corrupted "
    "bytes, Range ignored) or all (default; also a 404 and a 503 from the first mirror)."_s,
    u"SET"_s);
const NumberOption kKills(
    QCommandLineOption(u"kills"_s, u"Kill the updating upkeep at N random moments per path (default 3)."_s, u"N"_s),
    u"--kills takes a number from 0 to 100."_s, 0, 100);
const QCommandLineOption kSeed(
    u"seed"_s, u"Seed of the random moments; a run prints its own, to repeat it exactly."_s, u"N"_s);
const QCommandLineOption kJunit(u"junit"_s, u"Also write the results as JUnit XML."_s, u"FILE"_s);
const QCommandLineOption kScenario(u"scenario"_s,
    u"Also run a scenario of one's own (JSON steps: publish, install, fault, update, kill, expect); may be given "
    "more than once."_s,
    u"FILE"_s);
const QCommandLineOption kRoot(
    u"root"_s, u"The root metadata to trust (default: the repository's metadata/1.root.json)."_s, u"ROOT.json"_s);
const QCommandLineOption kUpkeep(u"upkeep"_s,
    u"The upkeep program that updates and is killed (default: the one beside upkeep-publish, else on PATH)."_s,
    u"PROGRAM"_s);
const QCommandLineOption kKeep(u"keep"_s, u"Keep the scratch folder and say where it is."_s);

// The upkeep that installs from the repository as users do: the one installed beside this program,
// else the one on PATH; empty when there is none.
QString findUpkeep()
{
    const QString beside = QDir(QCoreApplication::applicationDirPath()).filePath(u"upkeep"_s);
    if (QFileInfo(beside).isExecutable())
        return beside;
    return QStandardPaths::findExecutable(u"upkeep"_s);
}

// One line per trial as it ends, so that a long run shows it is moving.
void printProgress(const TrialResult& result)
{
    print(u"  %1  %2: %3 (%4)"_s.arg(result.skipped ? u"skip"_s
            : result.passed                         ? u"ok  "_s
                                                    : u"FAIL"_s,
        result.path(), result.fault, TrialReport::duration(result.milliseconds)));
}

struct Request {
    QString repository;
    QString app;
    QString version;
    QString channel = u"stable"_s;
    QString from = u"all"_s;
    QString faults = u"all"_s;
    int kills = 3;
    quint32 seed = 0;
    QString junit;
    std::vector<Scenario> scenarios;
    QByteArray root;
    QString upkeep;
    QStringList keyArguments; // --keys and --online-keys as given, for the scenarios' publish steps
};

std::expected<Request, Error> request(const QCommandLineParser& parser)
{
    Request request;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return std::unexpected(Error{Error::Code::Usage, u"expected one repository folder; see --help."_s});
    request.repository = positional.first();
    if (!QFileInfo(QDir(request.repository).filePath(u"metadata"_s)).isDir())
        return std::unexpected(
            Error{Error::Code::Usage, u"%1 is no repository: it has no metadata folder."_s.arg(request.repository)});
    for (auto [field, option] : {std::pair{&request.app, &kApp}, {&request.version, &kVersion}}) {
        auto value = required(parser, *option);
        if (!value)
            return std::unexpected(value.error());
        *field = *value;
    }
    if (!Version::parse(request.version))
        return std::unexpected(
            Error{Error::Code::Usage, u"--version takes a version such as 1.5.0, not \"%1\"."_s.arg(request.version)});
    if (parser.isSet(kChannel))
        request.channel = parser.value(kChannel);
    if (parser.isSet(kFrom))
        request.from = parser.value(kFrom);
    if (parser.isSet(kFaults))
        request.faults = parser.value(kFaults);
    if (auto faults = TrialFault::set(request.faults); !faults)
        return std::unexpected(faults.error());
    auto kills = kKills.value(parser, request.kills);
    if (!kills)
        return std::unexpected(kills.error());
    request.kills = *kills;
    if (parser.isSet(kSeed)) {
        bool ok = false;
        request.seed = parser.value(kSeed).trimmed().toUInt(&ok);
        if (!ok)
            return std::unexpected(Error{Error::Code::Usage, u"--seed takes a whole number from 0 to 4294967295."_s});
    } else {
        request.seed = QRandomGenerator::system()->generate();
    }
    request.junit = parser.value(kJunit);
    if (!request.junit.isEmpty()) {
        // Found out now rather than after every trial has run.
        const QFileInfo folder(QFileInfo(request.junit).absolutePath());
        if (!folder.isDir() || !folder.isWritable())
            return std::unexpected(Error{Error::Code::Usage,
                u"--junit %1: the folder %2 %3."_s.arg(request.junit, folder.filePath(),
                    folder.isDir() ? u"cannot be written to"_s : u"does not exist"_s)});
    }
    for (const QString& file : parser.values(kScenario)) {
        auto scenario = Scenario::read(file);
        if (!scenario)
            return std::unexpected(Error{Error::Code::Usage, scenario.error().message});
        request.scenarios.push_back(std::move(*scenario));
    }
    const QString rootFile
        = parser.isSet(kRoot) ? parser.value(kRoot) : QDir(request.repository).filePath(u"metadata/1.root.json"_s);
    QFile root(rootFile);
    if (!root.open(QIODevice::ReadOnly))
        return std::unexpected(Error{Error::Code::Io, u"cannot read %1: %2."_s.arg(rootFile, root.errorString())});
    request.root = root.readAll();
    request.upkeep = parser.isSet(kUpkeep) ? parser.value(kUpkeep) : findUpkeep();
    const bool needsUpkeep = request.kills > 0 || !request.scenarios.empty();
    if (needsUpkeep && !QFileInfo(request.upkeep).isExecutable()) {
        return std::unexpected(Error{Error::Code::Usage,
            parser.isSet(kUpkeep) ? u"--upkeep %1 is no program that can run."_s.arg(request.upkeep)
                                  : u"no upkeep beside upkeep-publish or on PATH, which the kills and scenarios run; "
                                    "name it with --upkeep PROGRAM, or give --kills 0."_s});
    }
    for (const QString& folder : parser.values(KeyFolders::kKeysOption))
        request.keyArguments << u"--keys"_s << QFileInfo(folder).absoluteFilePath();
    if (parser.isSet(KeyFolders::kOnlineKeysOption))
        request.keyArguments << u"--online-keys"_s
                             << QFileInfo(parser.value(KeyFolders::kOnlineKeysOption)).absoluteFilePath();
    return request;
}

int run(QCommandLineParser& parser)
{
    const QDateTime started = QDateTime::currentDateTime();
    auto asked = request(parser);
    if (!asked)
        return fail(kCommand, asked.error());
    // What the engine logs on the way (a health check that failed on purpose) is in the report
    // already; the user's own rules still win.
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(u"upkeep.*=false"_s);

    auto work = ScratchFolder::make(QDir::tempPath());
    if (!work)
        return fail(kCommand, work.error());
    const bool keep = parser.isSet(kKeep);
    if (keep)
        work->keep();
    // Health checks run from here too: they see the scratch home, never the publisher's own.
    const QString home = work->filePath(u"home"_s);
    QDir().mkpath(home);
    qputenv("HOME", QFile::encodeName(home));
    for (const char* variable : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"}) {
        const QString folder = home + u'/' + QString::fromLatin1(variable).toLower();
        QDir().mkpath(folder);
        qputenv(variable, QFile::encodeName(folder));
    }

    print(u"Testing %1 %2 on %3 of %4 (seed %5: --seed %5 runs the same trials again)."_s
              .arg(asked->app, asked->version, asked->channel, asked->repository)
              .arg(asked->seed));
    std::vector<TrialResult> results;

    print(u"Checking what the repository holds for it:"_s);
    auto audit = ReleaseAudit({.repository = asked->repository,
                                  .app = asked->app,
                                  .version = asked->version,
                                  .channel = asked->channel,
                                  .trustedRoot = asked->root})
                     .run();
    if (!audit) {
        // A version or channel the repository does not have is a command line to correct.
        if (audit.error().code != Error::Code::NotFound)
            return fail(kCommand, audit.error());
        return misuse(kCommand,
            audit.error().message
                + (parser.isSet(kChannel) ? QString()
                                          : u" If it is on another channel, name that one with --channel."_s));
    }
    for (const TrialResult& result : *audit)
        printProgress(result);
    results = std::move(*audit);

    print(u"Installing and updating in %1:"_s.arg(QDir::toNativeSeparators(work->path())));
    ReleaseTrials::Options options;
    options.repository = asked->repository;
    options.rootBytes = asked->root;
    options.app = asked->app;
    options.version = asked->version;
    options.channel = asked->channel;
    options.from = asked->from;
    options.faults = asked->faults;
    options.kills = asked->kills;
    options.seed = asked->seed;
    options.upkeep = asked->upkeep;
    options.scratch = work->filePath(u"trials"_s);
    options.keepScratch = keep;
    ReleaseTrials trials(options);
    auto outcome = trials.run(printProgress);
    if (!outcome)
        return fail(kCommand, outcome.error());
    std::ranges::move(outcome->trials, std::back_inserter(results));

    for (std::size_t i = 0; i < asked->scenarios.size(); ++i) {
        const Scenario& scenario = asked->scenarios[i];
        print(u"Scenario \"%1\" (%2):"_s.arg(scenario.name, scenario.file));
        ScenarioRun::Options scenarioOptions{.repository = asked->repository,
            .rootBytes = asked->root,
            .app = asked->app,
            .version = asked->version,
            .channel = asked->channel,
            .upkeep = asked->upkeep,
            .publisher = QCoreApplication::applicationFilePath(),
            .keyArguments = asked->keyArguments,
            .scratch = work->filePath(u"scenario-%1"_s.arg(i + 1)),
            .home = home,
            .seed = asked->seed + quint32(i)};
        for (TrialResult& result : ScenarioRun(scenario, scenarioOptions).run(printProgress))
            results.push_back(std::move(result));
    }

    print({});
    const TrialReport report(results, started.msecsTo(QDateTime::currentDateTime()));
    print(report.text().chopped(report.text().endsWith(u'\n') ? 1 : 0));
    if (!asked->junit.isEmpty()) {
        JUnitReport junit(results,
            {.app = asked->app,
                .version = asked->version,
                .started = started,
                .hostname = {},
                .properties = {{u"channel"_s, asked->channel}, {u"seed"_s, QString::number(asked->seed)},
                    {u"faults"_s, asked->faults}, {u"kills"_s, QString::number(asked->kills)}}});
        if (auto saved = junit.save(asked->junit); !saved)
            return fail(kCommand, saved.error());
        print(u"Wrote the results as JUnit XML to %1."_s.arg(asked->junit));
    }
    if (keep)
        print(u"Kept the scratch folder %1."_s.arg(work->path()));
    return report.verdict() == TrialReport::Verdict::Passed ? ExitCode::Success : ExitCode::Failure;
}

} // namespace

Subcommand ReleaseTestCommand::subcommand()
{
    return {.name = kCommand,
        .summary = u"Test a release before it ships: every update to it under faults and kills, exactly checked."_s,
        .options = {KeyFolders::kKeysOption, KeyFolders::kOnlineKeysOption, kApp, kVersion, kChannel, kFrom, kFaults,
            kKills.option(), kSeed, kJunit, kScenario, kRoot, kUpkeep, kKeep},
        .argument = u"REPO"_s,
        .argumentHelp = u"The repository folder; nothing in it changes."_s,
        .run = run};
}
