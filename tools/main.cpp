// upkeep-publish: creates and signs Upkeep repositories (TUF 1.0) that any static web server can host.

#include "keyfolders.h"
#include "net/directorysource.h"
#include "publish/releasepublisher.h"
#include "publish/repositorywriter.h"
#include "trust/repositoryclient.h"
#include "upkeepversion.h"
#include "json/jsonparser.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cstdio>
#include <functional>

using namespace Qt::StringLiterals;

namespace {

// Exit codes, the same for every command.
enum Exit { Success = 0, Failure = 1, UsageError = 2 };

void print(const QString& text)
{
    std::fputs(qPrintable(text + u'\n'), stdout);
}

int fail(const QString& command, const QString& message, Exit code = Failure)
{
    std::fputs(qPrintable(u"upkeep-publish %1: %2\n"_s.arg(command, message)), stderr);
    return code;
}

int fail(const QString& command, const Error& error)
{
    return fail(command, error.message, error.code == Error::Code::Usage ? UsageError : Failure);
}

// "a", "a and b", "a, b and c".
QString listed(const QStringList& items)
{
    if (items.size() < 2)
        return items.join(QString());
    return items.first(items.size() - 1).join(u", "_s) + u" and "_s + items.last();
}

struct Command {
    QString name;
    QString summary;
    QString arguments;
    std::function<void(QCommandLineParser&)> options;
    std::function<int(const QString& repository, QCommandLineParser&)> run;
};

const QCommandLineOption kKeys(u"keys"_s,
    u"Folder of the private keys, kept outside the repository: all of them, or the offline ones (root, targets, "
    "channels) when --online-keys holds the others. May be given several times."_s,
    u"DIR"_s);
const QCommandLineOption kOnlineKeys(u"online-keys"_s,
    u"Folder of the timestamp and snapshot keys, apart from the offline ones; its passphrase comes from "
    "UPKEEP_ONLINE_PASSPHRASE."_s,
    u"DIR"_s);
const QCommandLineOption kUnencrypted(
    u"unencrypted-keys"_s, u"Write new private keys unencrypted (never do this for keys that matter)."_s);
const QCommandLineOption kChannel(u"channel"_s, u"Channel (a delegated role, e.g. stable)."_s, u"CHANNEL"_s);
const QCommandLineOption kApp(u"app"_s, u"Application name."_s, u"APP"_s);
const QCommandLineOption kVersion(u"version"_s, u"Application version."_s, u"VERSION"_s);

// The key folders: --keys or --online-keys (--keys for init), never inside the repository.
std::expected<KeyFolders, Error> keyFolders(const QString& repository, QCommandLineParser& parser, bool creating)
{
    const QStringList offline = parser.values(kKeys);
    const QString online = parser.value(kOnlineKeys);
    if (offline.isEmpty() && (creating || online.isEmpty()))
        return std::unexpected(Error{Error::Code::Usage, u"--keys DIR is required."_s});
    return KeyFolders::check(repository, offline, online);
}

std::expected<QString, Error> required(QCommandLineParser& parser, const QCommandLineOption& option)
{
    if (!parser.isSet(option) || parser.value(option).isEmpty())
        return std::unexpected(Error{Error::Code::Usage, u"--%1 is required."_s.arg(option.names().first())});
    return parser.value(option);
}

// Opens the repository, applies `change`, commits; prints `done` on success.
int changeRepository(const QString& command, const QString& repository, QCommandLineParser& parser,
    const std::function<std::expected<QString, Error>(RepositoryWriter&)>& change,
    KeyStore::NewKeys newKeys = KeyStore::NewKeys::Encrypted)
{
    auto folders = keyFolders(repository, parser, false);
    if (!folders)
        return fail(command, folders.error());
    KeyRing keys = folders->open(newKeys);
    auto writer = RepositoryWriter::open(repository, keys);
    if (!writer)
        return fail(command, writer.error());
    auto done = change(*writer);
    if (!done)
        return fail(command, done.error());
    if (auto committed = writer->commit(); !committed)
        return fail(command, committed.error());
    print(*done);
    return Success;
}

int runInit(const QString& repository, QCommandLineParser& parser)
{
    const QString command = u"init"_s;
    auto folders = keyFolders(repository, parser, true);
    if (!folders)
        return fail(command, folders.error());
    RepositoryWriter::InitOptions options;
    bool numbers = true;
    if (parser.isSet(u"root-keys"_s))
        options.rootKeys = parser.value(u"root-keys"_s).toInt(&numbers);
    bool thresholdNumber = true;
    if (parser.isSet(u"root-threshold"_s))
        options.rootThreshold = parser.value(u"root-threshold"_s).toInt(&thresholdNumber);
    if (!numbers || !thresholdNumber)
        return fail(command, u"--root-keys and --root-threshold take whole numbers."_s, UsageError);
    if (parser.isSet(u"channels"_s))
        options.channels = parser.value(u"channels"_s).split(u',', Qt::SkipEmptyParts);
    const bool unencrypted = parser.isSet(kUnencrypted);
    KeyRing keys = folders->open(unencrypted ? KeyStore::NewKeys::Unencrypted : KeyStore::NewKeys::Encrypted);
    auto writer = RepositoryWriter::create(repository, keys, options);
    if (!writer)
        return fail(command, writer.error());
    if (auto committed = writer->commit(); !committed)
        return fail(command, committed.error());
    print(u"Created the repository %1 with the channels %2."_s.arg(repository, writer->channels().join(u", "_s)));
    print(u"Clients trust it through %1/metadata/1.root.json."_s.arg(repository));
    if (folders->online().isEmpty()) {
        print(u"The private keys are in %1; keep the root keys offline."_s.arg(folders->offline().first()));
    } else {
        print(u"The offline keys (root, targets and the channels) are in %1; keep them offline."_s.arg(
            folders->offline().first()));
        print(
            u"The online keys (timestamp and snapshot) are in %1; refresh needs only these."_s.arg(folders->online()));
    }
    if (unencrypted) {
        print(u"The private keys are not encrypted (--unencrypted-keys): whoever can read them can sign for this "
              "repository."_s);
    }
    return Success;
}

int runAddTarget(const QString& repository, QCommandLineParser& parser)
{
    const QString command = u"add-target"_s;
    auto channel = required(parser, kChannel);
    auto path = required(parser, QCommandLineOption(u"path"_s));
    auto file = required(parser, QCommandLineOption(u"file"_s));
    for (const auto* value : {&channel, &path, &file}) {
        if (!*value)
            return fail(command, value->error());
    }
    JsonValue custom;
    if (parser.isSet(u"custom"_s)) {
        auto parsed = JsonParser().parse(parser.value(u"custom"_s).toUtf8());
        if (!parsed)
            return fail(command, u"--custom: "_s + parsed.error().message, UsageError);
        if (!parsed->isObject())
            return fail(command, u"--custom must be a JSON object."_s, UsageError);
        custom = *parsed;
    }
    QFile input(*file);
    if (!input.open(QIODevice::ReadOnly))
        return fail(command, u"cannot read %1: %2."_s.arg(*file, input.errorString()));
    const QByteArray content = input.readAll();
    return changeRepository(
        command, repository, parser, [&](RepositoryWriter& writer) -> std::expected<QString, Error> {
            if (auto added = writer.addTarget(*channel, *path, content, custom); !added)
                return std::unexpected(added.error());
            return u"Signed %1 (%2 bytes) into %3."_s.arg(*path).arg(content.size()).arg(*channel);
        });
}

int runRelease(const QString& repository, QCommandLineParser& parser)
{
    const QString command = u"release"_s;
    auto app = required(parser, kApp);
    auto version = required(parser, kVersion);
    auto channel = required(parser, kChannel);
    auto from = required(parser, QCommandLineOption(u"from"_s));
    for (const auto* value : {&app, &version, &channel, &from}) {
        if (!*value)
            return fail(command, value->error());
    }
    ReleasePublisher::Options options;
    options.app = *app;
    options.version = *version;
    options.channel = *channel;
    options.source = *from;
    options.notesFile = parser.value(u"notes"_s);
    options.critical = parser.isSet(u"critical"_s);
    options.minimumFrom = parser.value(u"min-from"_s);
    options.healthCheck = parser.value(u"health-check"_s);
    if (parser.isSet(u"rollout"_s)) {
        bool number = false;
        options.rolloutPercent = parser.value(u"rollout"_s).toInt(&number);
        if (!number)
            return fail(command, u"--rollout takes a percentage from 1 to 100."_s, UsageError);
    }
    if (parser.isSet(u"patch-depth"_s)) {
        bool number = false;
        options.patchDepth = parser.value(u"patch-depth"_s).toInt(&number);
        if (!number)
            return fail(command, u"--patch-depth takes a number of earlier releases."_s, UsageError);
    }
    if (parser.isSet(u"health-timeout"_s)) {
        bool number = false;
        options.healthCheckTimeout = parser.value(u"health-timeout"_s).toInt(&number);
        if (!number)
            return fail(command, u"--health-timeout takes a number of seconds."_s, UsageError);
    }
    return changeRepository(
        command, repository, parser, [&](RepositoryWriter& writer) -> std::expected<QString, Error> {
            auto manifest = ReleasePublisher(repository, writer).publish(options);
            if (!manifest)
                return std::unexpected(manifest.error());
            qint64 compressed = 0;
            for (const auto& [sha, object] : manifest->objects)
                compressed += object.size;
            const auto files = std::count_if(manifest->entries.begin(), manifest->entries.end(),
                [](const Manifest::Entry& e) { return e.type == Manifest::Entry::Type::File; });
            qint64 patchBytes = 0;
            qsizetype patches = 0;
            for (const auto& [to, list] : manifest->patches) {
                patches += qsizetype(list.size());
                for (const Manifest::Patch& patch : list)
                    patchBytes += patch.size;
            }
            return u"Released %1 %2 on %3: %4 files, %5 bytes (%6 bytes compressed in %7 objects; %8 patches from "
                   u"earlier releases, %9 bytes; bundle %10 bytes)."_s
                       .arg(manifest->app, manifest->version.toString(), options.channel)
                       .arg(files)
                       .arg(manifest->totalFileBytes())
                       .arg(compressed)
                       .arg(manifest->objects.size())
                       .arg(patches)
                       .arg(patchBytes)
                       .arg(manifest->bundle->size);
        });
}

int runPromote(const QString& repository, QCommandLineParser& parser)
{
    const QString command = u"promote"_s;
    auto app = required(parser, kApp);
    auto version = required(parser, kVersion);
    auto to = required(parser, QCommandLineOption(u"to"_s));
    for (const auto* value : {&app, &version, &to}) {
        if (!*value)
            return fail(command, value->error());
    }
    return changeRepository(
        command, repository, parser, [&](RepositoryWriter& writer) -> std::expected<QString, Error> {
            auto count = writer.promote(*app, *version, *to);
            if (!count)
                return std::unexpected(count.error());
            return u"Promoted %1 %2 to %3 (%4 %5)."_s.arg(*app, *version, *to)
                .arg(*count)
                .arg(*count == 1 ? u"file"_s : u"files"_s);
        });
}

int runYank(const QString& repository, QCommandLineParser& parser)
{
    const QString command = u"yank"_s;
    auto app = required(parser, kApp);
    auto version = required(parser, kVersion);
    for (const auto* value : {&app, &version}) {
        if (!*value)
            return fail(command, value->error());
    }
    const QString channel = parser.value(kChannel);
    return changeRepository(
        command, repository, parser, [&](RepositoryWriter& writer) -> std::expected<QString, Error> {
            auto count = writer.yank(*app, *version, channel);
            if (!count)
                return std::unexpected(count.error());
            return u"Yanked %1 %2 from %3 (%4 %5)."_s
                .arg(*app, *version, channel.isEmpty() ? u"every channel"_s : channel)
                .arg(*count)
                .arg(*count == 1 ? u"entry"_s : u"entries"_s);
        });
}

int runRefresh(const QString& repository, QCommandLineParser& parser)
{
    const QString command = u"refresh"_s;
    RepositoryWriter::Expiry expiry;
    if (parser.isSet(u"expires-days"_s)) {
        bool number = false;
        const int days = parser.value(u"expires-days"_s).toInt(&number);
        if (!number || days < 1 || days > 366)
            return fail(command, u"--expires-days takes a number of days from 1 to 366."_s, UsageError);
        expiry.timestamp = days;
        expiry.snapshot = std::max(expiry.snapshot, days);
    }
    // Roles that would expire before the timestamp signed now, or the next few runs from cron, are renewed too.
    const int window = std::max(7, expiry.timestamp);
    std::vector<RepositoryWriter::DueRole> due;
    const int code
        = changeRepository(command, repository, parser, [&](RepositoryWriter& writer) -> std::expected<QString, Error> {
              writer.setExpiry(expiry);
              auto found = writer.renewExpiring(QDateTime::currentDateTimeUtc(), window);
              if (!found)
                  return std::unexpected(found.error());
              due = std::move(*found);
              QString text
                  = u"Re-signed the timestamp (valid %1 days) and the snapshot (valid %2 days)."_s.arg(expiry.timestamp)
                        .arg(expiry.snapshot);
              QStringList renewed;
              for (const RepositoryWriter::DueRole& role : due) {
                  if (role.renewed())
                      renewed.append(role.role);
              }
              if (!renewed.isEmpty())
                  text += u"\nAlso re-signed %1, which would have expired within %2 days."_s.arg(listed(renewed))
                              .arg(window);
              return text;
          });
    if (code != Success)
        return code;

    // A role whose keys are offline cannot be renewed here; whoever reads cron's mail must know in time.
    QStringList left;
    for (const RepositoryWriter::DueRole& role : due) {
        if (role.renewed())
            continue;
        left.append(role.role);
        std::fputs(qPrintable(u"upkeep-publish refresh: warning: %1 expires %2, within %3 days, and cannot be "
                              "re-signed here: it needs %4 of its keys, and the key folders given hold %5. Run "
                              "refresh with its keys before then.\n"_s
                                  .arg(role.role, role.expires.toUTC().toString(Qt::ISODate))
                                  .arg(window)
                                  .arg(role.threshold)
                                  .arg(role.held)),
            stderr);
    }
    if (parser.isSet(u"strict"_s) && !left.isEmpty()) {
        return fail(command,
            u"--strict: %1 %2 within %3 days and cannot be re-signed here."_s
                .arg(listed(left), left.size() == 1 ? u"expires"_s : u"expire"_s)
                .arg(window));
    }
    return Success;
}

int runRotateKey(const QString& repository, QCommandLineParser& parser, bool revoke)
{
    const QString command = revoke ? u"revoke-key"_s : u"rotate-key"_s;
    auto role = required(parser, QCommandLineOption(u"role"_s));
    if (!role)
        return fail(command, role.error());
    const QString keyId = parser.value(u"keyid"_s);
    const bool unencrypted = parser.isSet(kUnencrypted);
    return changeRepository(
        command, repository, parser,
        [&](RepositoryWriter& writer) -> std::expected<QString, Error> {
            auto added = revoke ? writer.revokeKey(*role, keyId) : writer.rotateKey(*role, keyId);
            if (!added)
                return std::unexpected(added.error());
            QString text = revoke ? u"Revoked %1 from the %2 role."_s.arg(keyId, *role)
                                  : u"Rotated the %1 role's key."_s.arg(*role);
            if (!added->isEmpty())
                text += u" Its new key is %1."_s.arg(*added);
            if (!added->isEmpty() && unencrypted)
                text += u"\nThe new key is not encrypted (--unencrypted-keys)."_s;
            return text;
        },
        unencrypted ? KeyStore::NewKeys::Unencrypted : KeyStore::NewKeys::Encrypted);
}

int runVerify(const QString& repository, QCommandLineParser& parser)
{
    const QString command = u"verify"_s;
    auto rootPath = required(parser, QCommandLineOption(u"root"_s));
    if (!rootPath)
        return fail(command, rootPath.error());
    QFile rootFile(*rootPath);
    if (!rootFile.open(QIODevice::ReadOnly))
        return fail(command, u"cannot read %1: %2."_s.arg(*rootPath, rootFile.errorString()));
    QTemporaryDir state;
    const QString stateFile = state.filePath(u"trusted-metadata.json"_s);
    if (auto trusted = RepositoryClient::trustRoot(stateFile, rootFile.readAll()); !trusted)
        return fail(command, trusted.error().prefixed(*rootPath));
    RepositoryClient client({std::make_shared<DirectorySource>(repository)}, stateFile);
    if (auto refreshed = client.refresh(); !refreshed)
        return fail(command, refreshed.error());
    auto audit = client.verifyAllTargets();
    if (!audit)
        return fail(command, audit.error());
    const TrustedSet* trusted = *client.trusted();
    for (const Error& problem : audit->problems)
        std::fputs(qPrintable(u"upkeep-publish verify: %1\n"_s.arg(problem.message)), stderr);
    if (!audit->problems.empty())
        return fail(command,
            u"%1 of %2 targets failed."_s.arg(audit->problems.size()).arg(audit->problems.size() + audit->verified));
    print(u"%1: valid. Root version %2, %3 roles, %4 targets verified; the timestamp expires %5."_s.arg(repository)
              .arg(trusted->root().header.version)
              .arg(trusted->targetsRoles().size())
              .arg(audit->verified)
              .arg(trusted->timestamp()->header.expires.toString(Qt::ISODate)));
    return Success;
}

std::vector<Command> commands()
{
    auto option = [](const char* name, const char* description, const char* value = nullptr) {
        return QCommandLineOption(QString::fromLatin1(name), QString::fromLatin1(description),
            value ? QString::fromLatin1(value) : QString());
    };
    return {
        {u"init"_s, u"Create a repository and its keys."_s, u"REPO"_s,
            [&](QCommandLineParser& p) {
                p.addOption(kKeys);
                p.addOption(kOnlineKeys);
                p.addOption(kUnencrypted);
                p.addOption(option("root-keys", "How many root keys to create (default 1).", "N"));
                p.addOption(option("root-threshold", "How many root keys must sign (default 1).", "M"));
                p.addOption(
                    option("channels", "Channels from the most stable on (default stable,beta,nightly).", "LIST"));
            },
            runInit},
        {u"add-target"_s, u"Sign a file into a channel as APP/VERSION/FILE."_s, u"REPO"_s,
            [&](QCommandLineParser& p) {
                p.addOption(kKeys);
                p.addOption(kOnlineKeys);
                p.addOption(kChannel);
                p.addOption(option("path", "Target path, APP/VERSION/FILE.", "PATH"));
                p.addOption(option("file", "The file to publish.", "FILE"));
                p.addOption(option("custom", "JSON object of release facts for clients.", "JSON"));
            },
            runAddTarget},
        {u"release"_s, u"Publish a release from a folder or an archive onto a channel."_s, u"REPO"_s,
            [&](QCommandLineParser& p) {
                p.addOption(kKeys);
                p.addOption(kOnlineKeys);
                p.addOption(kApp);
                p.addOption(kVersion);
                p.addOption(kChannel);
                p.addOption(option("from", "A folder, or a .tar, .tar.gz, .tar.xz, .tar.zst or .zip archive.", "PATH"));
                p.addOption(option("notes", "Release notes (Markdown), published as CHANGELOG.md.", "FILE.md"));
                p.addOption(option("critical", "Mark the update critical (it cannot be skipped)."));
                p.addOption(
                    option("rollout", "Offer it to this percentage of installations (default 100).", "PERCENT"));
                p.addOption(option("min-from", "The oldest version that may update to this one.", "VERSION"));
                p.addOption(
                    option("health-check", "Command run in the new version's folder after installing.", "CMD ARGS"));
                p.addOption(option("health-timeout", "Seconds the health check may take (default 30).", "SECONDS"));
                p.addOption(option("patch-depth",
                    "Make patches from the K newest earlier releases of each channel (default 3; 0 for none).", "K"));
            },
            runRelease},
        {u"promote"_s, u"Put a published version on another channel."_s, u"REPO"_s,
            [&](QCommandLineParser& p) {
                p.addOption(kKeys);
                p.addOption(kOnlineKeys);
                p.addOption(kApp);
                p.addOption(kVersion);
                p.addOption(option("to", "The channel to promote to.", "CHANNEL"));
            },
            runPromote},
        {u"yank"_s, u"Withdraw a version from one channel, or from all."_s, u"REPO"_s,
            [&](QCommandLineParser& p) {
                p.addOption(kKeys);
                p.addOption(kOnlineKeys);
                p.addOption(kApp);
                p.addOption(kVersion);
                p.addOption(kChannel);
            },
            runYank},
        {u"refresh"_s, u"Re-sign timestamp and snapshot before they expire (safe from cron)."_s, u"REPO"_s,
            [&](QCommandLineParser& p) {
                p.addOption(kKeys);
                p.addOption(kOnlineKeys);
                p.addOption(option("expires-days", "Days the new timestamp stays valid (default 7).", "N"));
                p.addOption(option("strict",
                    "Fail when a role expires within the window and its keys are not at hand to re-sign it."));
            },
            runRefresh},
        {u"rotate-key"_s, u"Replace a role's key; a new root is signed by old and new root keys."_s, u"REPO"_s,
            [&](QCommandLineParser& p) {
                p.addOption(kKeys);
                p.addOption(kOnlineKeys);
                p.addOption(kUnencrypted);
                p.addOption(option("role", "root, timestamp, snapshot, targets or a channel.", "ROLE"));
                p.addOption(option("keyid", "Which key, when the role has several.", "ID"));
            },
            [](const QString& repo, QCommandLineParser& p) { return runRotateKey(repo, p, false); }},
        {u"revoke-key"_s, u"Remove a key from a role (a new one is added if the threshold needs it)."_s, u"REPO"_s,
            [&](QCommandLineParser& p) {
                p.addOption(kKeys);
                p.addOption(kOnlineKeys);
                p.addOption(kUnencrypted);
                p.addOption(option("role", "root, timestamp, snapshot, targets or a channel.", "ROLE"));
                p.addOption(option("keyid", "The key to remove.", "ID"));
            },
            [](const QString& repo, QCommandLineParser& p) { return runRotateKey(repo, p, true); }},
        {u"verify"_s, u"Check a repository (any TUF 1.0 repository) as a client would."_s, u"REPO"_s,
            [&](QCommandLineParser& p) { p.addOption(option("root", "The root metadata to trust.", "ROOT.json")); },
            runVerify},
    };
}

QString overview(const std::vector<Command>& all)
{
    QString text = u"Usage: upkeep-publish COMMAND REPO [options]\n\n"
                   "Creates and signs Upkeep repositories (TUF 1.0) that any web server can host.\n"
                   "Passphrases come from UPKEEP_PASSPHRASE (UPKEEP_ONLINE_PASSPHRASE for --online-keys) or a\n"
                   "prompt, never from a flag. New keys are encrypted; only --unencrypted-keys writes them in the\n"
                   "clear.\n\nCommands:\n"_s;
    for (const Command& command : all)
        text += u"  %1%2\n"_s.arg(command.name, -12).arg(command.summary);
    text += u"\nRun \"upkeep-publish COMMAND --help\" for a command's options.\n"
            "Exit codes: 0 success, 1 failure (nothing or only complete steps written), 2 misuse.\n"_s;
    return text;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"upkeep-publish"_s);
    QCoreApplication::setApplicationVersion(QString::fromLatin1(UPKEEP_VERSION));
    const std::vector<Command> all = commands();
    QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() < 2 || arguments[1] == u"--help"_s || arguments[1] == u"-h"_s || arguments[1] == u"help"_s) {
        std::fputs(qPrintable(overview(all)), arguments.size() < 2 ? stderr : stdout);
        return arguments.size() < 2 ? UsageError : Success;
    }
    if (arguments[1] == u"--version"_s) {
        print(u"upkeep-publish "_s + QCoreApplication::applicationVersion());
        return Success;
    }
    const auto command = std::find_if(all.begin(), all.end(), [&](const Command& c) { return c.name == arguments[1]; });
    if (command == all.end()) {
        std::fputs(
            qPrintable(u"upkeep-publish: unknown command \"%1\".\n\n"_s.arg(arguments[1]) + overview(all)), stderr);
        return UsageError;
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(command->summary);
    parser.addHelpOption();
    parser.addPositionalArgument(command->arguments, u"The repository folder."_s);
    command->options(parser);
    arguments.removeAt(1);
    if (!parser.parse(arguments))
        return fail(command->name, parser.errorText(), UsageError);
    if (parser.isSet(u"help"_s)) {
        QString help = parser.helpText();
        help.replace(QCoreApplication::arguments().constFirst(), u"upkeep-publish "_s + command->name);
        std::fputs(qPrintable(help), stdout);
        return Success;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return fail(command->name, u"expected one repository folder; see --help."_s, UsageError);
    return command->run(positional.first(), parser);
}
