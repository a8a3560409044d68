#include "commandline.h"

#include "install/installation.h"
#include "registry.h"
#include "json/jsonwriter.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QRegularExpression>

#include <cstdio>
#include <functional>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

enum Exit { Success = 0, Failure = 1, UsageError = 2, RolledBack = 3, Damaged = 4 };

const QCommandLineOption kDir(u"dir"_s, u"The installation's folder (default: every registered one)."_s, u"D"_s);
const QCommandLineOption kJson(u"json"_s, u"Print JSON for scripts instead of text."_s);

QString jsonText(const JsonValue& value)
{
    return QString::fromUtf8(prettyJson(value)).trimmed();
}

void out(const QString& text)
{
    std::fputs(qPrintable(text + u'\n'), stdout);
    std::fflush(stdout);
}

int fail(const QString& command, const Error& error)
{
    std::fputs(qPrintable(u"upkeep %1: %2\n"_s.arg(command, error.message)), stderr);
    return error.code == Error::Code::Usage ? UsageError : Failure;
}

int misuse(const QString& command, const QString& message)
{
    return fail(command, Error{Error::Code::Usage, message});
}

QString megabytes(qint64 bytes)
{
    if (bytes < 1000)
        return bytes == 1 ? u"1 byte"_s : u"%1 bytes"_s.arg(bytes);
    if (bytes < 1000 * 1000)
        return u"%1 kB"_s.arg(QString::number(double(bytes) / 1000, 'f', 1));
    return u"%1 MB"_s.arg(QString::number(double(bytes) / 1e6, 'f', 1));
}

JsonValue recordJson(const History::Record& record)
{
    return JsonObject{{"time", record.time.toString(Qt::ISODateWithMs)}, {"kind", History::toString(record.kind)},
        {"from", record.from}, {"to", record.to}, {"channel", record.channel},
        {"outcome", History::toString(record.outcome)}, {"bytes", record.bytes}, {"duration_ms", record.durationMs},
        {"reason", record.reason}};
}

QString recordText(const History::Record& record)
{
    QString text = u"%1  %2  %3 -> %4  %5"_s.arg(record.time.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s),
        History::toString(record.kind), record.from.isEmpty() ? u"-"_s : record.from, record.to,
        History::toString(record.outcome));
    if (!record.reason.isEmpty())
        text += u"  (%1)"_s.arg(record.reason.simplified());
    return text;
}

QString recordSentence(const Installation& installation, const History::Record& record);

// The installations a command acts on: --dir, or all registered ones.
std::expected<std::vector<Installation>, Error> installations(QCommandLineParser& parser)
{
    const QStringList folders = parser.isSet(kDir) ? QStringList{parser.value(kDir)} : Registry().folders();
    if (folders.isEmpty())
        return std::unexpected(Error{Error::Code::Usage,
            u"no installation is registered; add one with \"upkeep add\" or name it with --dir."_s});
    std::vector<Installation> all;
    for (const QString& folder : folders) {
        auto installation = Installation::open(folder);
        if (!installation)
            return std::unexpected(installation.error());
        // Every command starts by finishing or undoing what a crash interrupted.
        auto recovered = installation->recover();
        if (!recovered)
            return std::unexpected(recovered.error());
        if (*recovered)
            std::fputs(qPrintable(u"upkeep: %1\n"_s.arg(recordSentence(*installation, **recovered))), stderr);
        all.push_back(std::move(*installation));
    }
    return all;
}

struct Offer {
    std::optional<ReleaseSelector::Release> release;
    qint64 download = 0;
    qint64 full = 0;
};

std::expected<Offer, Error> checkOne(Installation& installation)
{
    if (auto refreshed = installation.refresh(); !refreshed)
        return std::unexpected(refreshed.error());
    auto release = installation.offer();
    if (!release)
        return std::unexpected(release.error());
    Offer offer{*release, 0, 0};
    if (offer.release) {
        auto manifest = installation.manifest(*offer.release);
        if (!manifest)
            return std::unexpected(manifest.error());
        offer.download = installation.downloadSize(*manifest);
        offer.full = manifest->bundle ? manifest->bundle->size : offer.download;
    }
    return offer;
}

// A progress line with rate and time left, redrawn in place, when stdout is a terminal.
Installation::ProgressCallback progressLine()
{
    if (!isatty(STDOUT_FILENO))
        return {};
    return [](const Installation::Progress& progress) {
        if (progress.phase != Installation::Progress::Phase::Download)
            return;
        const qint64 done = progress.done;
        const qint64 total = progress.total;
        const int percent = total > 0 ? int(100 * done / total) : 100;
        const QString left = progress.secondsLeft < 0 ? u"?"_s : QString::number(progress.secondsLeft);
        std::fputs(
            qPrintable(u"\r  downloading %1 of %2 (%3 %), %4/s, %5 s left   "_s.arg(megabytes(done), megabytes(total))
                           .arg(percent)
                           .arg(megabytes(progress.bytesPerSecond))
                           .arg(left)),
            stdout);
        if (done >= total)
            std::fputs("\n", stdout);
        std::fflush(stdout);
    };
}

int resultCode(const History::Record& record)
{
    return record.outcome == History::Outcome::RolledBackAutomatically ? RolledBack
        : record.outcome == History::Outcome::Failed                   ? Failure
                                                                       : Success;
}

QString recordSentence(const Installation& installation, const History::Record& record)
{
    const QString app = installation.config().app;
    switch (record.outcome) {
    case History::Outcome::Installed:
        return u"%1 %2 is installed (%3 downloaded)."_s.arg(app, record.to, megabytes(record.bytes));
    case History::Outcome::RolledBackAutomatically:
        return u"%1 %2 failed its health check and was rolled back; %3 runs. %4"_s.arg(
            app, record.to, record.from, record.reason);
    case History::Outcome::RolledBackByUser: return u"%1 is back on %2."_s.arg(app, record.to);
    case History::Outcome::Failed: return u"%1 %2 could not be installed: %3"_s.arg(app, record.to, record.reason);
    case History::Outcome::Interrupted: return u"%1: %2"_s.arg(app, record.reason);
    }
    return {};
}

int runAdd(QCommandLineParser& parser)
{
    const QString command = u"add"_s;
    for (const char* name : {"repo", "trust", "app", "channel", "dir"}) {
        if (parser.value(QString::fromLatin1(name)).isEmpty())
            return misuse(command, u"--%1 is required."_s.arg(QLatin1StringView(name)));
    }
    QFile root(parser.value(u"trust"_s));
    if (!root.open(QIODevice::ReadOnly))
        return fail(command, Error{Error::Code::Io, u"cannot read %1: %2."_s.arg(root.fileName(), root.errorString())});
    auto installation
        = Installation::create(parser.value(kDir), parser.value(u"repo"_s).split(u',', Qt::SkipEmptyParts),
            root.readAll(), parser.value(u"app"_s), parser.value(u"channel"_s), parser.value(u"ca"_s));
    if (!installation)
        return fail(command, installation.error());
    // Until something is installed, a failure leaves no half-made installation behind.
    auto abandon = [&](const Error& error) {
        QDir(installation->layout().root()).removeRecursively();
        return fail(command, error);
    };
    auto offer = checkOne(*installation);
    if (!offer)
        return abandon(offer.error());
    if (!offer->release) {
        return abandon(Error{Error::Code::NotFound,
            u"%1 has no release of %2 on %3 for this installation."_s.arg(
                installation->config().mirrors.first(), installation->config().app, installation->config().channel)});
    }
    installation->setProgress(progressLine());
    auto record = installation->install(*offer->release);
    if (!record)
        return abandon(record.error());
    if (auto registered = Registry().add(installation->layout().root()); !registered)
        return fail(command, registered.error());
    if (parser.isSet(kJson))
        out(jsonText(recordJson(*record)));
    else
        out(recordSentence(*installation, *record));
    return resultCode(*record);
}

int runCheck(QCommandLineParser& parser, bool update)
{
    const QString command = update ? u"update"_s : u"check"_s;
    if (update && !parser.isSet(u"yes"_s) && !isatty(STDIN_FILENO))
        return misuse(
            command, u"there is no terminal to confirm on; run \"upkeep update --yes\" to update without asking."_s);
    auto all = installations(parser);
    if (!all)
        return fail(command, all.error());
    int code = Success;
    JsonArray results;
    for (Installation& installation : *all) {
        const auto running = installation.running();
        JsonObject result{{"dir", installation.layout().root()}, {"app", installation.config().app},
            {"channel", installation.config().channel}, {"installed", running ? running->toString() : QString()}};
        auto offer = checkOne(installation);
        if (!offer) {
            code = std::max(code, fail(command, offer.error().prefixed(installation.layout().root())));
            result.emplace("error", offer.error().message);
            results.push_back(std::move(result));
            continue;
        }
        const QString app = installation.config().app;
        if (!offer->release) {
            if (!parser.isSet(kJson))
                out(u"%1 %2 is up to date (%3)."_s.arg(
                    app, running ? running->toString() : u"-"_s, installation.config().channel));
            results.push_back(std::move(result));
            continue;
        }
        const ReleaseSelector::Release& release = *offer->release;
        result.emplace("available", release.version.toString());
        result.emplace("available_channel", release.channel);
        result.emplace("critical", release.critical);
        result.emplace("download_bytes", offer->download);
        result.emplace("full_bytes", offer->full);
        if (!parser.isSet(kJson)) {
            out(u"%1 %2 -> %3 is available on %4%5: %6 to download instead of %7."_s.arg(app,
                running ? running->toString() : u"-"_s, release.version.toString(), release.channel,
                release.critical ? u" (critical)"_s : QString(), megabytes(offer->download), megabytes(offer->full)));
        }
        if (update) {
            if (!parser.isSet(u"yes"_s)) {
                std::fputs(qPrintable(u"Install %1 %2? [y/N] "_s.arg(app, release.version.toString())), stdout);
                std::fflush(stdout);
                char answer[16] = {};
                if (!std::fgets(answer, sizeof answer, stdin) || (answer[0] != 'y' && answer[0] != 'Y'))
                    continue;
            }
            installation.setProgress(progressLine());
            auto record = installation.install(release);
            if (!record) {
                code = std::max(code, fail(command, record.error()));
                result.emplace("error", record.error().message);
            } else {
                code = std::max(code, resultCode(*record));
                result.emplace("result", recordJson(*record));
                if (!parser.isSet(kJson))
                    out(recordSentence(installation, *record));
            }
        }
        results.push_back(std::move(result));
    }
    if (parser.isSet(kJson))
        out(jsonText(results));
    return code;
}

int runRollback(QCommandLineParser& parser)
{
    const QString command = u"rollback"_s;
    if (!parser.isSet(kDir))
        return misuse(command, u"name the installation to roll back with --dir."_s);
    auto installation = Installation::open(parser.value(kDir));
    if (!installation)
        return fail(command, installation.error());
    if (auto recovered = installation->recover(); !recovered)
        return fail(command, recovered.error());
    std::optional<Version> to;
    if (parser.isSet(u"to"_s)) {
        auto version = Version::parse(parser.value(u"to"_s));
        if (!version)
            return misuse(command, version.error().message);
        to = *version;
    }
    auto record = installation->rollback(to);
    if (!record)
        return fail(command, record.error());
    out(parser.isSet(kJson) ? jsonText(recordJson(*record)) : recordSentence(*installation, *record));
    return Success;
}

int runHistory(QCommandLineParser& parser)
{
    const QString command = u"history"_s;
    auto all = installations(parser);
    if (!all)
        return fail(command, all.error());
    JsonArray results;
    for (const Installation& installation : *all) {
        auto records = installation.history();
        if (!records)
            return fail(command, records.error());
        if (!parser.isSet(kJson)) {
            out(u"%1 (%2):"_s.arg(installation.config().app, installation.layout().root()));
            for (const auto& record : *records)
                out(u"  "_s + recordText(record));
            continue;
        }
        JsonArray list;
        for (const auto& record : *records)
            list.push_back(recordJson(record));
        results.push_back(
            JsonObject{{"dir", installation.layout().root()}, {"app", installation.config().app}, {"history", list}});
    }
    if (parser.isSet(kJson))
        out(jsonText(results));
    return Success;
}

// The choice the window's channel selector offers towards a more stable channel: stay on the
// installed version until that channel catches up (without it), or go back now (with it).
const QCommandLineOption kRollBack(u"roll-back"_s,
    u"Go back now to the newest kept version that CHANNEL has published, older than the installed one."_s);

// `text` as one word for a POSIX shell.
QString shellWord(const QString& text)
{
    static const QRegularExpression plain(u"^[A-Za-z0-9_./,:+=@%-]+$"_s);
    return plain.match(text).hasMatch() ? text : u"'%1'"_s.arg(QString(text).replace(u"'"_s, u"'\\''"_s));
}

int runChannel(QCommandLineParser& parser)
{
    const QString command = u"channel"_s;
    if (parser.positionalArguments().size() != 1)
        return misuse(command, u"name one channel, for example \"upkeep channel beta --dir D\"."_s);
    const QString channel = parser.positionalArguments().first();
    const bool json = parser.isSet(kJson);
    auto all = installations(parser);
    if (!all)
        return fail(command, all.error());
    JsonArray results;
    for (Installation& installation : *all) {
        const QString app = installation.config().app;
        const QString dir = installation.layout().root();
        const auto running = installation.running();
        const QString installed = running ? running->toString() : u"-"_s;
        const auto names = installation.channels();
        const bool steadier = names && names->contains(channel)
            && names->indexOf(channel) < names->indexOf(installation.config().channel);
        bool rollBack = parser.isSet(kRollBack);
        std::optional<Version> target;
        if (rollBack || steadier) {
            auto found = installation.rollBackTarget(channel);
            if (!found)
                return fail(command, found.error());
            target = *found;
        }
        if (rollBack && !target) {
            return fail(command,
                Error{Error::Code::NotFound,
                    u"no kept version of %1 older than %2 is on %3, so nothing changed; without --roll-back, %1 "
                    "follows %3 and stays on %2 until %3 catches up."_s.arg(app, installed, channel)});
        }
        if (auto changed = installation.setChannel(channel); !changed)
            return fail(command, changed.error());
        if (!json)
            out(u"%1 now follows %2."_s.arg(app, channel));
        if (steadier && !rollBack && running && !json) {
            const QString stays
                = u"%1 %2 stays installed until %3 publishes a newer release"_s.arg(app, installed, channel);
            if (!target) {
                out(stays + u"; no older version that %1 has published is kept to go back to."_s.arg(channel));
            } else if (!isatty(STDIN_FILENO)) {
                out(stays
                    + u"; to go back now to %1, the newest kept version that %2 has published, run "
                      "\"upkeep channel %2 --roll-back --dir %3\"."_s.arg(target->toString(), channel, shellWord(dir)));
            } else {
                out(stays + u'.');
                std::fputs(qPrintable(u"Go back now to %1, the newest kept version that %2 has published? [y/N] "_s.arg(
                               target->toString(), channel)),
                    stdout);
                std::fflush(stdout);
                char answer[16] = {};
                rollBack = std::fgets(answer, sizeof answer, stdin) && (answer[0] == 'y' || answer[0] == 'Y');
            }
        }
        JsonObject result{{"dir", dir}, {"app", app}, {"channel", channel}};
        if (rollBack || steadier)
            result.emplace("roll_back_to", target ? target->toString() : QString());
        if (rollBack) {
            auto record = installation.rollback(*target);
            if (!record)
                return fail(command, record.error());
            result.emplace("result", recordJson(*record));
            if (!json)
                out(recordSentence(installation, *record));
        }
        const auto now = installation.running();
        result.emplace("installed", now ? now->toString() : QString());
        results.push_back(std::move(result));
    }
    if (json)
        out(jsonText(results));
    return Success;
}

int runStatus(QCommandLineParser& parser)
{
    const QString command = u"status"_s;
    auto all = installations(parser);
    if (!all)
        return fail(command, all.error());
    int code = Success;
    JsonArray results;
    for (const Installation& installation : *all) {
        const auto running = installation.running();
        QStringList kept;
        JsonArray keptJson;
        for (const Version& version : installation.layout().keptVersions()) {
            kept.append(version.toString());
            keptJson.emplace_back(version.toString());
        }
        JsonObject result{{"dir", installation.layout().root()}, {"app", installation.config().app},
            {"channel", installation.config().channel}, {"installed", running ? running->toString() : QString()},
            {"kept", keptJson}};
        QString line
            = u"%1 %2 (%3) in %4; kept: %5"_s.arg(installation.config().app, running ? running->toString() : u"-"_s,
                installation.config().channel, installation.layout().root(), kept.join(u", "_s));
        if (parser.isSet(u"verify"_s)) {
            auto damaged = installation.verify();
            if (!damaged)
                return fail(command, damaged.error());
            JsonArray list;
            for (const VersionCheck::Damage& item : *damaged)
                list.push_back(JsonObject{{"path", item.path}, {"problem", item.problem}});
            result.emplace("damaged", list);
            line += damaged->empty() ? u"; every file matches its manifest."_s
                                     : u"; DAMAGED: %1."_s.arg(VersionCheck::describe(*damaged, 1000));
            if (!damaged->empty())
                code = Damaged;
        }
        if (!parser.isSet(kJson))
            out(line);
        results.push_back(std::move(result));
    }
    if (parser.isSet(kJson))
        out(jsonText(results));
    return code;
}

struct Command {
    QString name;
    QString summary;
    QList<QCommandLineOption> options;
    QString positional;
    std::function<int(QCommandLineParser&)> run;
};

QString overview(const std::vector<Command>& commands)
{
    QString text
        = u"Usage: upkeep COMMAND [options]\n\nKeeps applications up to date from signed repositories.\n\nCommands:\n"_s;
    for (const Command& command : commands)
        text += u"  %1%2\n"_s.arg(command.name, -10).arg(command.summary);
    text += u"\nRun \"upkeep COMMAND --help\" for a command's options.\n"
            "Exit codes: 0 success, 1 failure (nothing changed), 2 misuse, 3 an update failed its health check\n"
            "and was rolled back, 4 status --verify found damaged files.\n"_s;
    return text;
}

} // namespace

int runCommandLine(const QStringList& arguments)
{
    auto option = [](const char* name, const char* description, const char* value = nullptr) {
        return QCommandLineOption(QString::fromLatin1(name), QString::fromLatin1(description),
            value ? QString::fromLatin1(value) : QString());
    };
    const std::vector<Command> commands{
        {u"add"_s, u"Register an installation and install the newest release."_s,
            {option("repo", "Repository address, then mirrors: URL[,MIRROR...] (file://, http://, https://).", "URL"),
                option("trust", "The repository's root metadata to trust.", "ROOT.json"),
                option("app", "Application.", "A"),
                option("channel", "Channel to follow (stable, beta, nightly...).", "C"),
                option("ca", "Trust only this CA for https (a private repository).", "FILE"), kDir, kJson},
            {}, runAdd},
        {u"check"_s, u"Say which updates are available."_s, {kDir, kJson}, {},
            [](auto& p) { return runCheck(p, false); }},
        {u"update"_s, u"Install the available updates."_s, {kDir, option("yes", "Do not ask."), kJson}, {},
            [](auto& p) { return runCheck(p, true); }},
        {u"rollback"_s, u"Go back to a kept version."_s,
            {kDir, option("to", "The version (default: the previous one).", "V"), kJson}, {}, runRollback},
        {u"history"_s, u"Show every install, update and rollback."_s, {kDir, kJson}, {}, runHistory},
        {u"channel"_s, u"Follow another channel."_s, {kDir, kRollBack, kJson}, u"CHANNEL"_s, runChannel},
        {u"status"_s, u"Show what is installed; --verify checks every file."_s,
            {kDir, option("verify", "Check every installed file against its manifest."), kJson}, {}, runStatus},
    };
    if (arguments.size() < 2 || arguments[1] == u"--help"_s || arguments[1] == u"-h"_s) {
        std::fputs(qPrintable(overview(commands)), arguments.size() < 2 ? stderr : stdout);
        return arguments.size() < 2 ? UsageError : Success;
    }
    if (arguments[1] == u"--version"_s) {
        out(u"upkeep "_s + QCoreApplication::applicationVersion());
        return Success;
    }
    const auto command
        = std::find_if(commands.begin(), commands.end(), [&](const Command& c) { return c.name == arguments[1]; });
    if (command == commands.end()) {
        std::fputs(qPrintable(u"upkeep: unknown command \"%1\".\n\n"_s.arg(arguments[1]) + overview(commands)), stderr);
        return UsageError;
    }
    QCommandLineParser parser;
    parser.setApplicationDescription(command->summary);
    parser.addHelpOption();
    parser.addOptions(command->options);
    if (!command->positional.isEmpty())
        parser.addPositionalArgument(command->positional, command->summary);
    QStringList rest = arguments;
    rest.removeAt(1);
    if (!parser.parse(rest))
        return misuse(command->name, parser.errorText());
    if (parser.isSet(u"help"_s)) {
        QString help = parser.helpText();
        help.replace(arguments.first(), u"upkeep "_s + command->name);
        std::fputs(qPrintable(help), stdout);
        return Success;
    }
    if (command->positional.isEmpty() && !parser.positionalArguments().isEmpty())
        return misuse(
            command->name, u"unexpected argument \"%1\"; see --help."_s.arg(parser.positionalArguments().first()));
    return command->run(parser);
}
