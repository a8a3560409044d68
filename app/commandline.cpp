#include "commandline.h"

#include "commandframe.h"
#include "console.h"
#include "exitcode.h"
#include "install/downloadledger.h"
#include "install/installation.h"
#include "launcherlink.h"
#include "net/mirroraddress.h"
#include "programorigin.h"
#include "registry.h"
#include "requiredoption.h"
#include "secretline.h"
#include "json/jsonwriter.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

#include <cstdio>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

using namespace ExitCode;
constexpr int RolledBack = 3;
constexpr int Damaged = 4;

const QCommandLineOption kDir(u"dir"_s,
    u"The installation's folder (default: every registered one; for add --app upkeep, ~/.local/share/upkeep)."_s,
    u"D"_s);
const QCommandLineOption kJson(u"json"_s, u"Print JSON for scripts instead of text."_s);
const QCommandLineOption kRepo(
    u"repo"_s, u"Repository address, then mirrors: URL[,MIRROR...] (file://, http://, https://)."_s, u"URL"_s);
const QCommandLineOption kTrust(u"trust"_s, u"The repository's root metadata to trust."_s, u"ROOT.json"_s);
const QCommandLineOption kApp(u"app"_s, u"Application."_s, u"A"_s);
const QCommandLineOption kChannel(u"channel"_s, u"Channel to follow (stable, beta, nightly...)."_s, u"C"_s);
const QCommandLineOption kCa(u"ca"_s, u"Trust only this CA for https (a private repository)."_s, u"FILE"_s);
const QCommandLineOption kPublisherCa(
    u"publisher-ca"_s, u"Pin this publisher CA certificate (PEM): every release must also chain to it."_s, u"FILE"_s);
const QCommandLineOption kAuth(u"auth"_s,
    u"A private repository's user (HTTP Basic). The password is asked once (on a terminal, not shown), or read "
    "from UPKEEP_PASSWORD or a line of standard input, and kept in the desktop's secret store, or where none "
    "answers in D/.upkeep/password (mode 0600, less safe)."_s,
    u"USER"_s);
const QCommandLineOption kClientCert(
    u"client-cert"_s, u"A TLS client certificate (PEM) for a private repository; kept as a path."_s, u"FILE"_s);
const QCommandLineOption kClientKey(u"client-key"_s,
    u"The client certificate's private key (PEM, unencrypted, readable by you only); default: the certificate's "
    "file."_s,
    u"FILE"_s);
const QCommandLineOption kYes(u"yes"_s, u"Do not ask."_s);
const QCommandLineOption kDelete(u"delete"_s, u"Also delete the installation's folder."_s);
const QCommandLineOption kTo(u"to"_s, u"The version (default: the previous one)."_s, u"V"_s);
const QCommandLineOption kVerify(u"verify"_s, u"Check every installed file against its manifest."_s);
// The choice the window's channel selector offers towards a more stable channel: stay on the
// installed version until that channel catches up (without it), or go back now (with it).
const QCommandLineOption kRollBack(u"roll-back"_s,
    u"Go back now to the newest kept version that CHANNEL has published, older than the installed one."_s);

QString jsonText(const JsonValue& value)
{
    return QString::fromUtf8(prettyJson(value)).trimmed();
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
    JsonObject json{{"time", record.time.toString(Qt::ISODateWithMs)}, {"kind", History::toString(record.kind)},
        {"from", record.from}, {"to", record.to}, {"channel", record.channel},
        {"outcome", History::toString(record.outcome)}, {"bytes", record.bytes}, {"duration_ms", record.durationMs},
        {"reason", record.reason}};
    if (record.signer)
        json.emplace("signer", record.signer->toJson());
    return json;
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

// `text` as one word for a POSIX shell.
QString shellWord(const QString& text)
{
    static const QRegularExpression plain(u"^[A-Za-z0-9_./,:+=@%-]+$"_s);
    return plain.match(text).hasMatch() ? text : u"'%1'"_s.arg(QString(text).replace(u"'"_s, u"'\\''"_s));
}

// A registered installation a command without --dir leaves out: its folder is gone, or it
// cannot be opened (a config.json someone damaged, a crash that cannot be undone).
struct Skipped {
    QString folder;
    std::optional<Error> problem; // none: the folder is gone

    // The problem, naming the folder unless it does already.
    [[nodiscard]] Error said() const
    {
        return problem->message.contains(folder) ? *problem : problem->prefixed(folder);
    }
};

// The installations a command acts on: --dir, or all registered ones. With `skipped`, registered
// folders that are gone or cannot be opened are listed there instead of stopping the command.
std::expected<std::vector<Installation>, Error> installations(
    QCommandLineParser& parser, std::vector<Skipped>* skipped = nullptr)
{
    const Registry registry;
    const bool named = parser.isSet(kDir);
    const QStringList folders = named ? QStringList{parser.value(kDir)} : registry.folders();
    if (folders.isEmpty())
        return std::unexpected(Error{Error::Code::Usage,
            u"no installation is registered; add one with \"upkeep add\" or name it with --dir."_s});
    std::vector<Installation> all;
    for (const QString& folder : folders) {
        const QString clean = QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
        if (skipped && !QFileInfo::exists(folder) && registry.contains(folder)) {
            skipped->push_back({clean, std::nullopt});
            continue;
        }
        auto installation = Installation::open(folder);
        // Every command starts by finishing or undoing what a crash interrupted.
        auto recovered = installation ? installation->recover() : std::unexpected(installation.error());
        if (!recovered) {
            if (!skipped || named)
                return std::unexpected(recovered.error());
            skipped->push_back({clean, recovered.error()});
            continue;
        }
        if (*recovered)
            warn({}, recordSentence(*installation, **recovered));
        all.push_back(std::move(*installation));
    }
    return all;
}

// The installations a command without --dir acts on: every registered one that is still there
// and opens. The others are named on stderr, a line each, and skipped rather than failing the
// rest; one that does not open sets `code` to Failure (a gone folder does not: the registry
// merely lags). When nothing is left, the command fails (Failure) as nothing was done.
std::expected<std::vector<Installation>, Error> presentInstallations(
    QCommandLineParser& parser, const QString& command, int& code)
{
    std::vector<Skipped> skipped;
    auto all = installations(parser, &skipped);
    if (!all)
        return all;
    for (const Skipped& one : skipped) {
        if (one.problem) {
            code = std::max(code, fail(command, one.said()));
            continue;
        }
        warn(command,
            u"%1: registered, but the folder is gone; skipped (upkeep remove --dir %2 forgets it)"_s.arg(
                one.folder, shellWord(one.folder)));
    }
    if (all->empty())
        return std::unexpected(Error{Error::Code::NotFound,
            std::ranges::all_of(skipped, [](const Skipped& one) { return !one.problem; })
                ? u"every registered folder is gone; nothing to do."_s
                : u"no registered installation can be used; nothing to do."_s});
    return all;
}

struct Offer {
    std::optional<ReleaseSelector::Release> release;
    qint64 download = 0;
    qint64 full = 0;
};

// The password of `user` for `where`: UPKEEP_PASSWORD (scripts), else a line typed on the
// terminal without echo or given on standard input. Never an option: those end up in shell
// history and in `ps`.
std::expected<QString, Error> askPassword(const QString& user, const QString& where)
{
    if (qEnvironmentVariableIsSet("UPKEEP_PASSWORD"))
        return qEnvironmentVariable("UPKEEP_PASSWORD");
    const std::optional<QByteArray> line = SecretLine::read(u"Password for %1 at %2: "_s.arg(user, where));
    if (!line) {
        return std::unexpected(Error{Error::Code::Usage,
            u"no password was given for %1: type it on a terminal, or give it on standard input or in "
            "UPKEEP_PASSWORD."_s.arg(user)});
    }
    return QString::fromUtf8(*line);
}

// What to do when the repository refused who the installation said it was, or the installation
// did not trust the server.
Error withAdvice(const Error& error, const Installation& installation, bool adding)
{
    if (error.code == Error::Code::Untrusted) {
        const QString advice = adding
            ? u"Nothing was installed. If the server's certificate comes from a certificate authority of your own, "
              "give that authority's certificate with --ca FILE."_s
            : u"Nothing was changed. Check this computer's date and time; a network that intercepts secure "
              "connections causes this too."_s;
        return Error{error.code, error.message + u' ' + advice};
    }
    if (error.code != Error::Code::AccessDenied)
        return error;
    QString advice;
    if (adding)
        advice
            = u"Nothing was installed; give the right --auth user and password, or --client-cert and --client-key."_s;
    else if (!installation.config().authUser.isEmpty())
        advice
            = u"Give the password again with \"upkeep login --dir %1\"."_s.arg(shellWord(installation.layout().root()));
    else
        advice = u"Add the installation again with --auth or --client-cert."_s;
    return Error{error.code, error.message + u' ' + advice};
}

// `updating`: the offered release is installed next, so its manifest may come in its first pack.
std::expected<Offer, Error> checkOne(Installation& installation, bool adding = false, bool updating = false)
{
    if (auto refreshed = installation.refresh(); !refreshed)
        return std::unexpected(withAdvice(refreshed.error(), installation, adding));
    auto release = installation.offer();
    if (!release)
        return std::unexpected(release.error());
    Offer offer{*release, 0, 0};
    if (offer.release) {
        const DownloadLedger ledger(installation.layout().downloadLedger());
        const QString version = offer.release->version.toString();
        const qint64 before = ledger.bytes(version);
        auto manifest = installation.manifest(*offer.release, updating);
        if (!manifest)
            return std::unexpected(manifest.error());
        // What fetching ahead took just now (the pack that carries the manifest) is part of the
        // update's download, though the cache holds it already.
        offer.download = installation.downloadSize(*manifest) + ledger.bytes(version) - before;
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

// Upkeep itself, installed per user: where `add --app upkeep` puts it without --dir.
constexpr auto kSelf = u"upkeep";

QString selfFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/upkeep"_s;
}

// Says what `add --app upkeep` did about the command that starts it (~/.local/bin/upkeep).
JsonValue reportLauncher(const LauncherLink& link, const LauncherLink::Result& result, const QString& dir, bool json)
{
    const QString target = LauncherLink::target(dir);
    static const std::map<LauncherLink::Outcome, QString> names{{LauncherLink::Outcome::Made, u"made"_s},
        {LauncherLink::Outcome::Kept, u"kept"_s}, {LauncherLink::Outcome::Replaced, u"replaced"_s},
        {LauncherLink::Outcome::Occupied, u"occupied"_s}, {LauncherLink::Outcome::Missing, u"missing"_s}};
    if (!json) {
        switch (result.outcome) {
        case LauncherLink::Outcome::Made:
            print(u"%1 starts Upkeep now (a link to %2, which follows every update)."_s.arg(link.path(), target));
            break;
        case LauncherLink::Outcome::Kept: print(u"%1 already starts this Upkeep."_s.arg(link.path())); break;
        case LauncherLink::Outcome::Replaced:
            print(u"%1 starts this Upkeep now (a link to %2); it started %3 before."_s.arg(
                link.path(), target, result.previous));
            break;
        case LauncherLink::Outcome::Occupied:
            warn(u"add"_s,
                u"%1 is not a link Upkeep made, so it stays as it is; start this Upkeep as %2."_s.arg(
                    link.path(), target));
            break;
        case LauncherLink::Outcome::Missing:
            warn(u"add"_s,
                u"the release has no bin/upkeep, so %1 was not made; is this Upkeep's repository?"_s.arg(link.path()));
            break;
        }
        const QString bin = QFileInfo(link.path()).absolutePath();
        const bool linked = result.outcome == LauncherLink::Outcome::Made
            || result.outcome == LauncherLink::Outcome::Kept || result.outcome == LauncherLink::Outcome::Replaced;
        if (linked && !qEnvironmentVariable("PATH").split(u':').contains(bin))
            print(u"%1 is not on your PATH yet; Debian's ~/.profile adds it when you next log in."_s.arg(bin));
    }
    return JsonObject{{"path", link.path()}, {"outcome", names.at(result.outcome)}, {"previous", result.previous}};
}

// Says where the password of a private repository was kept; the place for --json.
QString reportPassword(const Installation& installation, PasswordStore::Place place, bool json)
{
    const QString user = installation.config().authUser;
    if (place == PasswordStore::Place::SecretStore) {
        if (!json)
            print(u"The password for %1 is kept in the desktop's secret store."_s.arg(user));
        return u"secret-store"_s;
    }
    if (!json) {
        print(u"No secret store answered, so the password for %1 is kept in %2, which only you can read; that is "
              "less safe than a secret store (it is there in clear for anything that reads your files)."_s.arg(
                  user, installation.passwordStore().fileName()));
    }
    return u"file"_s;
}

// Asks the password of an installation's private repository again, checks it with the
// repository and keeps it.
int runLogin(QCommandLineParser& parser)
{
    const QString command = u"login"_s;
    if (!parser.isSet(kDir))
        return misuse(command, u"name the installation with --dir."_s);
    auto installation = Installation::open(parser.value(kDir));
    if (!installation)
        return fail(command, installation.error());
    const InstallationConfig& config = installation->config();
    if (config.authUser.isEmpty()) {
        return misuse(command,
            u"%1 was added without --auth, so it has no password to give; add it again with --auth USER."_s.arg(
                installation->layout().root()));
    }
    auto password = askPassword(config.authUser, config.authOrigin);
    if (!password)
        return fail(command, password.error());
    installation->setPassword(*password);
    if (auto refreshed = installation->refresh(); !refreshed) {
        if (refreshed.error().code == Error::Code::AccessDenied)
            return fail(command, refreshed.error().message + u" The password was not kept."_s);
        return fail(command, refreshed.error());
    }
    auto kept = installation->keepPassword();
    if (!kept)
        return fail(command, kept.error());
    reportPassword(*installation, *kept, false);
    return Success;
}

int runAdd(QCommandLineParser& parser)
{
    const QString command = u"add"_s;
    const bool self = parser.value(kApp) == kSelf;
    for (const QCommandLineOption* option : {&kRepo, &kTrust, &kApp, &kChannel, &kDir}) {
        if (option == &kDir && self)
            continue;
        if (auto given = required(parser, *option); !given)
            return fail(command, given.error());
    }
    if (const ProgramOrigin origin = ProgramOrigin::running(); self && origin.kind() == ProgramOrigin::Kind::Package) {
        return fail(command,
            u"this Upkeep (%1) comes from the system's package, and apt keeps it up to date, so it does not also "
            "install and update itself; remove the package first to have Upkeep update itself from its "
            "repository."_s.arg(origin.program()));
    }
    const QString dir = parser.isSet(kDir) ? parser.value(kDir) : selfFolder();
    QFile root(parser.value(kTrust));
    if (!root.open(QIODevice::ReadOnly))
        return fail(command, u"cannot read %1: %2."_s.arg(root.fileName(), root.errorString()));
    const QStringList mirrors = parser.value(kRepo).split(u',', Qt::SkipEmptyParts);
    HttpCredentials access{{}, parser.value(kAuth), {}, parser.value(kClientCert), parser.value(kClientKey)};
    if (parser.isSet(kAuth)) {
        if (access.user.isEmpty() || access.user.contains(u':'))
            return misuse(command, u"--auth needs a user name without \":\"."_s);
        auto address = MirrorAddress::parse(mirrors.value(0));
        auto password = askPassword(access.user, address ? address->name() : mirrors.value(0));
        if (!password)
            return fail(command, password.error());
        access.password = *password;
    }
    auto installation = Installation::create(dir, mirrors, root.readAll(), parser.value(kApp), parser.value(kChannel),
        parser.value(kCa), parser.value(kPublisherCa), access);
    if (!installation)
        return fail(command, installation.error());
    // Until something is installed, a failure leaves no half-made installation behind.
    auto abandon = [&](const Error& error) {
        QDir(installation->layout().root()).removeRecursively();
        return fail(command, error);
    };
    auto offer = checkOne(*installation, true);
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
    JsonObject json = recordJson(*record).toObject();
    if (access.hasPassword()) {
        // Kept once the server took it, so that a mistyped password is not.
        if (auto kept = installation->keepPassword(); !kept)
            warn(command, kept.error().message);
        else
            json.emplace("password_kept", reportPassword(*installation, *kept, parser.isSet(kJson)));
    }
    if (!parser.isSet(kJson))
        print(recordSentence(*installation, *record));
    if (self && record->outcome == History::Outcome::Installed) {
        const LauncherLink link;
        auto linked = link.point(installation->layout().root());
        if (!linked)
            warn(command, linked.error().message);
        else
            json.emplace("launcher", reportLauncher(link, *linked, installation->layout().root(), parser.isSet(kJson)));
    }
    if (parser.isSet(kJson))
        print(jsonText(json));
    return resultCode(*record);
}

// Asks `question` on the terminal; true only for an answer starting with y.
bool confirmed(const QString& question)
{
    std::fputs(qPrintable(question + u" [y/N] "_s), stdout);
    std::fflush(stdout);
    char answer[16] = {};
    return std::fgets(answer, sizeof answer, stdin) && (answer[0] == 'y' || answer[0] == 'Y');
}

int runCheck(QCommandLineParser& parser, bool update)
{
    const QString command = update ? u"update"_s : u"check"_s;
    if (update && !parser.isSet(kYes) && !isatty(STDIN_FILENO))
        return misuse(
            command, u"there is no terminal to confirm on; run \"upkeep update --yes\" to update without asking."_s);
    int code = Success;
    auto all = presentInstallations(parser, command, code);
    if (!all)
        return fail(command, all.error());
    JsonArray results;
    for (Installation& installation : *all) {
        const auto running = installation.running();
        const QString dir = installation.layout().root();
        const bool held = installation.config().held;
        JsonObject result{{"dir", dir}, {"app", installation.config().app}, {"channel", installation.config().channel},
            {"installed", running ? running->toString() : QString()}, {"held", held}};
        if (update && held) {
            if (!parser.isSet(kJson))
                print(u"%1 in %2 is held; not updating it (\"upkeep unhold --dir %3\" releases it)."_s.arg(
                    installation.config().app, dir, shellWord(dir)));
            results.push_back(std::move(result));
            continue;
        }
        // Asked first, the user may decline: then nothing beyond the manifest is fetched ahead.
        auto offer = checkOne(installation, false, update && !held && parser.isSet(kYes));
        if (!offer) {
            code = std::max(code, fail(command, offer.error().prefixed(installation.layout().root())));
            result.emplace("error", offer.error().message);
            results.push_back(std::move(result));
            continue;
        }
        const QString app = installation.config().app;
        if (!offer->release) {
            if (!parser.isSet(kJson))
                print(u"%1 %2 is up to date (%3)."_s.arg(
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
        const std::optional<SignerFacts> signer = installation.signer(release);
        if (signer)
            result.emplace("signer", signer->toJson());
        if (!parser.isSet(kJson)) {
            print(u"%1 %2 -> %3 is available on %4%5: %6 to download instead of %7."_s.arg(app,
                running ? running->toString() : u"-"_s, release.version.toString(), release.channel,
                release.critical ? u" (critical)"_s : QString(), megabytes(offer->download), megabytes(offer->full)));
            if (signer)
                print(u"  Signed for %1 by %2 (certificate %3)."_s.arg(
                    signer->publisher, signer->subject, signer->serial));
            if (held)
                print(u"  %1 is held, so it is not installed until \"upkeep unhold --dir %2\"."_s.arg(
                    app, shellWord(dir)));
        }
        if (update) {
            if (!parser.isSet(kYes)) {
                if (!confirmed(u"Install %1 %2?"_s.arg(app, release.version.toString())))
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
                    print(recordSentence(installation, *record));
            }
        }
        results.push_back(std::move(result));
    }
    if (parser.isSet(kJson))
        print(jsonText(results));
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
    if (parser.isSet(kTo)) {
        auto version = Version::parse(parser.value(kTo));
        if (!version)
            return misuse(command, version.error().message);
        to = *version;
    }
    auto record = installation->rollback(to);
    if (!record)
        return fail(command, record.error());
    print(parser.isSet(kJson) ? jsonText(recordJson(*record)) : recordSentence(*installation, *record));
    return Success;
}

int runHistory(QCommandLineParser& parser)
{
    const QString command = u"history"_s;
    int code = Success;
    auto all = presentInstallations(parser, command, code);
    if (!all)
        return fail(command, all.error());
    JsonArray results;
    for (const Installation& installation : *all) {
        auto records = installation.history();
        if (!records)
            return fail(command, records.error());
        if (!parser.isSet(kJson)) {
            print(u"%1 (%2):"_s.arg(installation.config().app, installation.layout().root()));
            for (const auto& record : *records)
                print(u"  "_s + recordText(record));
            continue;
        }
        JsonArray list;
        for (const auto& record : *records)
            list.push_back(recordJson(record));
        results.push_back(
            JsonObject{{"dir", installation.layout().root()}, {"app", installation.config().app}, {"history", list}});
    }
    if (parser.isSet(kJson))
        print(jsonText(results));
    return code;
}

int runChannel(QCommandLineParser& parser)
{
    const QString command = u"channel"_s;
    if (parser.positionalArguments().size() != 1)
        return misuse(command, u"name one channel, for example \"upkeep channel beta --dir D\"."_s);
    const QString channel = parser.positionalArguments().first();
    const bool json = parser.isSet(kJson);
    int code = Success;
    auto all = presentInstallations(parser, command, code);
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
            print(u"%1 now follows %2."_s.arg(app, channel));
        if (steadier && !rollBack && running && !json) {
            const QString stays
                = u"%1 %2 stays installed until %3 publishes a newer release"_s.arg(app, installed, channel);
            if (!target) {
                print(stays + u"; no older version that %1 has published is kept to go back to."_s.arg(channel));
            } else if (!isatty(STDIN_FILENO)) {
                print(stays
                    + u"; to go back now to %1, the newest kept version that %2 has published, run "
                      "\"upkeep channel %2 --roll-back --dir %3\"."_s.arg(target->toString(), channel, shellWord(dir)));
            } else {
                print(stays + u'.');
                rollBack = confirmed(u"Go back now to %1, the newest kept version that %2 has published?"_s.arg(
                    target->toString(), channel));
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
                print(recordSentence(installation, *record));
        }
        const auto now = installation.running();
        result.emplace("installed", now ? now->toString() : QString());
        results.push_back(std::move(result));
    }
    if (json)
        print(jsonText(results));
    return code;
}

// Removes ~/.local/bin/upkeep when it starts the Upkeep installed in `dir`, and says so.
int unlinkLauncher(const QString& command, const QString& dir)
{
    const LauncherLink link;
    auto removed = link.removeFor(dir);
    if (!removed)
        return fail(command, removed.error());
    if (*removed)
        print(u"%1 is removed; it started the Upkeep in %2."_s.arg(link.path(), dir));
    return Success;
}

int runRemove(QCommandLineParser& parser)
{
    const QString command = u"remove"_s;
    if (!parser.isSet(kDir))
        return misuse(command, u"name the installation to remove with --dir."_s);
    const QString folder = parser.value(kDir);
    Registry registry;
    if (!QFileInfo::exists(folder) && !QFileInfo(folder).isSymLink() && registry.contains(folder)) {
        if (auto removed = registry.remove(folder); !removed)
            return fail(command, removed.error());
        print(u"%1 was already gone; Upkeep no longer manages it."_s.arg(folder));
        return unlinkLauncher(command, folder);
    }
    auto installation = Installation::open(folder);
    if (!installation)
        return fail(command, installation.error());
    const bool erase = parser.isSet(kDelete);
    const QString app = installation->config().app;
    const QString dir = installation->layout().root();
    // Deleting follows no link out of the installation, the named one included.
    if (erase && QFileInfo(dir).isSymLink()) {
        return misuse(
            command, u"%1 is a symbolic link; name the installation's folder itself to delete it."_s.arg(dir));
    }
    if (!parser.isSet(kYes)) {
        if (!isatty(STDIN_FILENO))
            return misuse(command,
                u"there is no terminal to confirm on; run \"upkeep remove --dir %1%2 --yes\" to remove without "
                "asking."_s.arg(shellWord(dir), erase ? u" --delete"_s : QString()));
        const QString question = erase ? u"Stop managing %1 and delete %2 with everything in it?"_s.arg(app, dir)
                                       : u"Stop managing %1 in %2 (its files stay)?"_s.arg(app, dir);
        if (!confirmed(question)) {
            print(u"Nothing changed."_s);
            return Success;
        }
    }
    // Not under a running update: its holder keeps the lock until it has finished.
    auto lock = installation->lock();
    if (!lock)
        return fail(command, lock.error());
    if (auto removed = registry.remove(dir); !removed)
        return fail(command, removed.error());
    if (!installation->config().authUser.isEmpty())
        installation->passwordStore().forget();
    if (!erase) {
        print(u"Upkeep no longer manages %1 in %2; its files stay."_s.arg(app, dir));
        return unlinkLauncher(command, dir);
    }
    if (auto deleted = installation->deleteFolder(*lock); !deleted)
        return fail(command, deleted.error());
    print(u"Upkeep no longer manages %1; %2 is deleted."_s.arg(app, dir));
    return unlinkLauncher(command, dir);
}

int runHold(QCommandLineParser& parser, bool held)
{
    const QString command = held ? u"hold"_s : u"unhold"_s;
    if (!parser.isSet(kDir))
        return misuse(command, u"name the installation with --dir."_s);
    auto installation = Installation::open(parser.value(kDir));
    if (!installation)
        return fail(command, installation.error());
    if (auto changed = installation->setHeld(held); !changed)
        return fail(command, changed.error());
    const QString app = installation->config().app;
    const QString dir = installation->layout().root();
    if (held)
        print(u"%1 in %2 is held: Upkeep still checks for updates but installs none until \"upkeep unhold --dir "
              "%3\"."_s.arg(app, dir, shellWord(dir)));
    else
        print(u"%1 in %2 is updated again."_s.arg(app, dir));
    return Success;
}

int runStatus(QCommandLineParser& parser)
{
    const QString command = u"status"_s;
    std::vector<Skipped> skipped;
    auto all = installations(parser, &skipped);
    if (!all)
        return fail(command, all.error());
    int code = Success;
    JsonArray results;
    for (const Skipped& one : skipped) {
        if (one.problem) {
            code = std::max(code, fail(command, one.said()));
            results.push_back(JsonObject{{"dir", one.folder}, {"error", one.problem->message}});
            continue;
        }
        warn(command,
            u"%1: registered, but the folder is gone; run upkeep remove --dir %2"_s.arg(
                one.folder, shellWord(one.folder)));
        results.push_back(JsonObject{{"dir", one.folder}, {"gone", true}});
        code = Failure;
    }
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
            {"kept", keptJson}, {"held", installation.config().held}};
        QString line
            = u"%1 %2 (%3) in %4; kept: %5"_s.arg(installation.config().app, running ? running->toString() : u"-"_s,
                installation.config().channel, installation.layout().root(), kept.join(u", "_s));
        if (installation.config().held)
            line += u"; held"_s;
        if (parser.isSet(kVerify)) {
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
            print(line);
        results.push_back(std::move(result));
    }
    if (parser.isSet(kJson))
        print(jsonText(results));
    return code;
}

} // namespace

int runCommandLine(const QStringList& arguments)
{
    const CommandFrame frame(
        {u"COMMAND [options]"_s, u"Keeps applications up to date from signed repositories."_s,
            u"0 success, 1 failure (nothing changed), 2 misuse, 3 an update failed its health check\n"
            "and was rolled back, 4 status --verify found damaged files.\n"
            "Without --dir, check, update, history and channel skip a registered folder that is gone\n"
            "(naming it on stderr; the exit code is the others'), and status exits 1 for it. One that\n"
            "cannot be opened (a damaged config.json) is skipped too, with exit code 1."_s},
        {
            {.name = u"add"_s,
                .summary = u"Register an installation and install the newest release."_s,
                .options
                = {kRepo, kTrust, kApp, kChannel, kCa, kPublisherCa, kAuth, kClientCert, kClientKey, kDir, kJson},
                .run = runAdd},
            {.name = u"login"_s,
                .summary = u"Give the password of a private repository again (asked, checked, kept)."_s,
                .options = {kDir},
                .run = runLogin},
            {.name = u"check"_s,
                .summary = u"Say which updates are available."_s,
                .options = {kDir, kJson},
                .run = [](QCommandLineParser& p) { return runCheck(p, false); }},
            {.name = u"update"_s,
                .summary = u"Install the available updates."_s,
                .options = {kDir, kYes, kJson},
                .run = [](QCommandLineParser& p) { return runCheck(p, true); }},
            {.name = u"rollback"_s,
                .summary = u"Go back to a kept version."_s,
                .options = {kDir, kTo, kJson},
                .run = runRollback},
            {.name = u"history"_s,
                .summary = u"Show every install, update and rollback."_s,
                .options = {kDir, kJson},
                .run = runHistory},
            {.name = u"channel"_s,
                .summary = u"Follow another channel."_s,
                .options = {kDir, kRollBack, kJson},
                .argument = u"CHANNEL"_s,
                .argumentHelp = u"Follow another channel."_s,
                .run = runChannel},
            {.name = u"remove"_s,
                .summary = u"Stop managing an installation; --delete also deletes its folder."_s,
                .options = {kDir, kDelete, kYes},
                .run = runRemove},
            {.name = u"hold"_s,
                .summary = u"Pause updates of an installation (check still reports them)."_s,
                .options = {kDir},
                .run = [](QCommandLineParser& p) { return runHold(p, true); }},
            {.name = u"unhold"_s,
                .summary = u"Update a held installation again."_s,
                .options = {kDir},
                .run = [](QCommandLineParser& p) { return runHold(p, false); }},
            {.name = u"status"_s,
                .summary = u"Show what is installed; --verify checks every file."_s,
                .options = {kDir, kVerify, kJson},
                .run = runStatus},
        });
    return frame.run(arguments);
}
