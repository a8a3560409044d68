// upkeep-publish: creates and signs Upkeep repositories (TUF 1.0) that any static web server can host.

#include "commandframe.h"
#include "console.h"
#include "exitcode.h"
#include "identitycommands.h"
#include "keyfolders.h"
#include "net/directorysource.h"
#include "numberoption.h"
#include "publish/memorybudget.h"
#include "publish/publisheridentity.h"
#include "publish/releasepublisher.h"
#include "publish/repositorywriter.h"
#include "publisheraudit.h"
#include "releasetestcommand.h"
#include "repositorychange.h"
#include "requiredoption.h"
#include "rolloutcommand.h"
#include "statisticscommand.h"
#include "trust/repositoryclient.h"
#include "upkeepversion.h"
#include "json/jsonparser.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <functional>
#include <optional>

#include <sys/resource.h>

using namespace Qt::StringLiterals;

namespace {

using namespace ExitCode;

// "a", "a and b", "a, b and c".
QString listed(const QStringList& items)
{
    if (items.size() < 2)
        return items.join(QString());
    return items.first(items.size() - 1).join(u", "_s) + u" and "_s + items.last();
}

// Bound to the options of KeyFolders, which are made before main() runs.
const QCommandLineOption& kKeys = KeyFolders::kKeysOption;
const QCommandLineOption& kOnlineKeys = KeyFolders::kOnlineKeysOption;
const QCommandLineOption& kUnencrypted = KeyFolders::kUnencryptedOption;
const QCommandLineOption kChannel(u"channel"_s, u"Channel (a delegated role, e.g. stable)."_s, u"CHANNEL"_s);
const QCommandLineOption kApp(u"app"_s, u"Application name."_s, u"APP"_s);
const QCommandLineOption kVersion(u"version"_s, u"Application version."_s, u"VERSION"_s);
// init
const QString kRootNumbers = u"--root-keys and --root-threshold take whole numbers."_s;
const NumberOption kRootKeys(
    QCommandLineOption(u"root-keys"_s, u"How many root keys to create (default 1)."_s, u"N"_s), kRootNumbers);
const NumberOption kRootThreshold(
    QCommandLineOption(u"root-threshold"_s, u"How many root keys must sign (default 1)."_s, u"M"_s), kRootNumbers);
const QCommandLineOption kChannels(
    u"channels"_s, u"Channels from the most stable on (default stable,beta,nightly)."_s, u"LIST"_s);
// add-target
const QCommandLineOption kPath(u"path"_s, u"Target path, APP/VERSION/FILE."_s, u"PATH"_s);
const QCommandLineOption kFile(u"file"_s, u"The file to publish."_s, u"FILE"_s);
const QCommandLineOption kCustom(u"custom"_s, u"JSON object of release facts for clients."_s, u"JSON"_s);
// release
const QCommandLineOption kFrom(
    u"from"_s, u"A folder, or a .tar, .tar.gz, .tar.xz, .tar.zst or .zip archive."_s, u"PATH"_s);
const QCommandLineOption kNotes(u"notes"_s, u"Release notes (Markdown), published as CHANGELOG.md."_s, u"FILE.md"_s);
const QCommandLineOption kCritical(u"critical"_s, u"Mark the update critical (it cannot be skipped)."_s);
const NumberOption kRollout(
    QCommandLineOption(u"rollout"_s, u"Offer it to this percentage of installations (default 100)."_s, u"PERCENT"_s),
    u"--rollout takes a percentage from 1 to 100."_s);
const QCommandLineOption kMinFrom(u"min-from"_s, u"The oldest version that may update to this one."_s, u"VERSION"_s);
const QCommandLineOption kHealthCheck(
    u"health-check"_s, u"Command run in the new version's folder after installing."_s, u"CMD ARGS"_s);
const NumberOption kHealthTimeout(
    QCommandLineOption(u"health-timeout"_s, u"Seconds the health check may take (default 30)."_s, u"SECONDS"_s),
    u"--health-timeout takes a number of seconds."_s);
const NumberOption kPatchDepth(QCommandLineOption(u"patch-depth"_s,
                                   u"Make patches from the K newest earlier releases of each channel (default 3; 0 "
                                   "for none)."_s,
                                   u"K"_s),
    u"--patch-depth takes a number of earlier releases."_s);
const QCommandLineOption kMemory(u"memory"_s,
    u"Memory the jobs may take side by side, such as 512M or 2G (default half the machine's)."_s, u"LIMIT"_s);
const NumberOption kKeepReleases(QCommandLineOption(u"keep-releases"_s,
                                     u"Keep the N newest releases of the app on the channel in the metadata (and "
                                     "the ones their min-from needs); drop older ones."_s,
                                     u"N"_s),
    u"--keep-releases takes a number of releases, at least 1."_s);
// promote
const QCommandLineOption kTo(u"to"_s, u"The channel to promote to."_s, u"CHANNEL"_s);
// refresh
const NumberOption kExpiresDays(
    QCommandLineOption(u"expires-days"_s, u"Days the new timestamp stays valid (default 7)."_s, u"N"_s),
    u"--expires-days takes a number of days from 1 to 366."_s, 1, 366);
const QCommandLineOption kStrict(
    u"strict"_s, u"Fail when a role expires within the window and its keys are not at hand to re-sign it."_s);
// rotate-key and revoke-key
const QCommandLineOption kRole(
    u"role"_s, u"root, timestamp, snapshot, targets, a channel or an app's role CHANNEL.APP."_s, u"ROLE"_s);
const QCommandLineOption kRotatedKey(u"keyid"_s, u"Which key, when the role has several."_s, u"ID"_s);
const QCommandLineOption kRevokedKey(u"keyid"_s, u"The key to remove."_s, u"ID"_s);
// verify
const QCommandLineOption kRoot(u"root"_s, u"The root metadata to trust."_s, u"ROOT.json"_s);

// Opens the repository, applies `change`, commits; prints `done` on success.
int changeRepository(const QString& command, const QString& repository, QCommandLineParser& parser,
    const std::function<std::expected<QString, Error>(RepositoryWriter&)>& change,
    KeyStore::NewKeys newKeys = KeyStore::NewKeys::Encrypted)
{
    return RepositoryChange(command, repository)
        .run(
            parser, [&](RepositoryWriter& writer, KeyRing&, const KeyFolders&) { return change(writer); }, newKeys);
}

int runInit(const QString& repository, QCommandLineParser& parser)
{
    const QString command = u"init"_s;
    auto folders = KeyFolders::fromCommandLine(repository, parser, true);
    if (!folders)
        return fail(command, folders.error());
    RepositoryWriter::InitOptions options;
    auto rootKeys = kRootKeys.value(parser, options.rootKeys);
    auto rootThreshold = kRootThreshold.value(parser, options.rootThreshold);
    for (const auto* number : {&rootKeys, &rootThreshold}) {
        if (!*number)
            return fail(command, number->error());
    }
    options.rootKeys = *rootKeys;
    options.rootThreshold = *rootThreshold;
    if (parser.isSet(kChannels))
        options.channels = parser.value(kChannels).split(u',', Qt::SkipEmptyParts);
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
    auto path = required(parser, kPath);
    auto file = required(parser, kFile);
    for (const auto* value : {&channel, &path, &file}) {
        if (!*value)
            return fail(command, value->error());
    }
    JsonValue custom;
    if (parser.isSet(kCustom)) {
        auto parsed = JsonParser().parse(parser.value(kCustom).toUtf8());
        if (!parsed)
            return misuse(command, u"--custom: "_s + parsed.error().message);
        if (!parsed->isObject())
            return misuse(command, u"--custom must be a JSON object."_s);
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
    auto from = required(parser, kFrom);
    for (const auto* value : {&app, &version, &channel, &from}) {
        if (!*value)
            return fail(command, value->error());
    }
    ReleasePublisher::Options options;
    options.app = *app;
    options.version = *version;
    options.channel = *channel;
    options.source = *from;
    options.notesFile = parser.value(kNotes);
    options.critical = parser.isSet(kCritical);
    options.minimumFrom = parser.value(kMinFrom);
    options.healthCheck = parser.value(kHealthCheck);
    auto rollout = kRollout.value(parser, options.rolloutPercent);
    auto patchDepth = kPatchDepth.value(parser, options.patchDepth);
    auto healthTimeout = kHealthTimeout.value(parser, options.healthCheckTimeout);
    for (const auto* number : {&rollout, &patchDepth, &healthTimeout}) {
        if (!*number)
            return fail(command, number->error());
    }
    std::optional<int> keepReleases;
    if (parser.isSet(kKeepReleases.option())) {
        auto keep = kKeepReleases.value(parser, 0);
        if (!keep || *keep < 1)
            return misuse(command, u"--keep-releases takes a number of releases, at least 1."_s);
        keepReleases = *keep;
    }
    options.rolloutPercent = *rollout;
    options.patchDepth = *patchDepth;
    options.healthCheckTimeout = *healthTimeout;
    if (parser.isSet(kMemory)) {
        auto limit = MemoryBudget::parse(parser.value(kMemory));
        if (!limit)
            return fail(command, limit.error());
        options.memoryLimit = *limit;
    }
    QElapsedTimer clock;
    clock.start();
    return RepositoryChange(command, repository)
        .run(parser,
            [&](RepositoryWriter& writer, KeyRing& keys, const KeyFolders& folders) -> std::expected<QString, Error> {
                // In a repository with a publisher identity the manifest is signed by the current signer, found
                // before anything is written.
                PublisherIdentity identity(repository, writer, keys, CertificateFolder(folders.all()));
                if (identity.exists()) {
                    auto signer = identity.requiredSigner(options.now);
                    if (!signer)
                        return std::unexpected(signer.error());
                    auto ca = identity.caCertificate();
                    if (!ca)
                        return std::unexpected(ca.error());
                    options.signing = ReleasePublisher::Signing{signer->certificate, signer->key, {*ca}};
                }
                ReleasePublisher publisher(repository, writer);
                auto manifest = publisher.publish(options);
                if (!manifest)
                    return std::unexpected(manifest.error());
                for (const QString& warning : publisher.report().warnings)
                    warn(command, u"warning: "_s + warning);
                QString pruned;
                if (keepReleases) {
                    auto dropped = writer.prune(options.app, options.channel, *keepReleases);
                    if (!dropped)
                        return std::unexpected(dropped.error());
                    if (!dropped->isEmpty())
                        pruned = u"\nDropped %1 older releases from the metadata (%2); their files stay."_s
                                     .arg(dropped->size())
                                     .arg(dropped->join(u", "_s));
                }
                rusage usage{};
                getrusage(RUSAGE_SELF, &usage);
                const ReleasePublisher::Report& report = publisher.report();
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
                           .arg(manifest->bundle->size)
                    + u"\nTook %1 s on %2; peak memory %3 (limit %4)."_s
                          .arg(double(clock.elapsed()) / 1000.0, 0, 'f', 1)
                          .arg(report.threads == 1 ? u"1 core"_s : u"%1 cores"_s.arg(report.threads))
                          .arg(MemoryBudget::describe(qint64(usage.ru_maxrss) * 1024),
                              MemoryBudget::describe(report.memoryLimit))
                    + (options.signing ? u"\nSigned its manifest with the certificate %1 (%2)."_s.arg(
                           options.signing->certificate.serial(), options.signing->certificate.commonName())
                                       : QString())
                    + pruned;
            });
}

int runPrune(const QString& repository, QCommandLineParser& parser)
{
    const QString command = u"prune"_s;
    auto app = required(parser, kApp);
    auto channel = required(parser, kChannel);
    for (const auto* value : {&app, &channel}) {
        if (!*value)
            return fail(command, value->error());
    }
    auto keep = kKeepReleases.value(parser, 0);
    if (!keep || *keep < 1)
        return misuse(command, u"prune needs --keep-releases N, at least 1."_s);
    return changeRepository(
        command, repository, parser, [&](RepositoryWriter& writer) -> std::expected<QString, Error> {
            auto dropped = writer.prune(*app, *channel, *keep);
            if (!dropped)
                return std::unexpected(dropped.error());
            if (dropped->isEmpty())
                return u"%1 on %2 has no release beyond the %3 kept."_s.arg(*app, *channel).arg(*keep);
            return u"Dropped %1 releases of %2 from %3 (%4); their files stay on the repository."_s.arg(dropped->size())
                .arg(*app, *channel, dropped->join(u", "_s));
        });
}

int runPromote(const QString& repository, QCommandLineParser& parser)
{
    const QString command = u"promote"_s;
    auto app = required(parser, kApp);
    auto version = required(parser, kVersion);
    auto to = required(parser, kTo);
    for (const auto* value : {&app, &version, &to}) {
        if (!*value)
            return fail(command, value->error());
    }
    auto rollout = kRollout.value(parser, 100);
    if (!rollout)
        return fail(command, rollout.error());
    if (*rollout < 1 || *rollout > 100)
        return misuse(command, u"--rollout takes a percentage from 1 to 100."_s);
    return changeRepository(
        command, repository, parser, [&](RepositoryWriter& writer) -> std::expected<QString, Error> {
            auto count = writer.promote(*app, *version, *to);
            if (!count)
                return std::unexpected(count.error());
            const QString promoted = u"Promoted %1 %2 to %3 (%4 %5)."_s.arg(*app, *version, *to)
                                         .arg(*count)
                                         .arg(*count == 1 ? u"file"_s : u"files"_s);
            if (*rollout == 100)
                return promoted;
            if (auto set = writer.setRollout(*app, *version, *to, *rollout); !set)
                return std::unexpected(set.error());
            return promoted + u" Offered to %1% of its installations."_s.arg(*rollout);
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
    auto days = kExpiresDays.value(parser, expiry.timestamp);
    if (!days)
        return fail(command, days.error());
    expiry.timestamp = *days;
    expiry.snapshot = std::max(expiry.snapshot, *days);
    // Roles that would expire before the timestamp signed now, or the next few runs from cron, are renewed too.
    const int window = std::max(7, expiry.timestamp);
    std::vector<RepositoryWriter::DueRole> due;
    std::optional<QString> listLeft; // why the publisher's revocation list, due, was not renewed
    QDateTime listExpires;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const int code
        = RepositoryChange(command, repository)
              .run(parser,
                  [&](RepositoryWriter& writer, KeyRing& keys,
                      const KeyFolders& folders) -> std::expected<QString, Error> {
                      writer.setExpiry(expiry);
                      auto found = writer.renewExpiring(now, window);
                      if (!found)
                          return std::unexpected(found.error());
                      due = std::move(*found);
                      QString text = u"Re-signed the timestamp (valid %1 days) and the snapshot (valid %2 days)."_s
                                         .arg(expiry.timestamp)
                                         .arg(expiry.snapshot);
                      QStringList renewed;
                      for (const RepositoryWriter::DueRole& role : due) {
                          if (role.renewed())
                              renewed.append(role.role);
                      }
                      if (!renewed.isEmpty())
                          text
                              += u"\nAlso re-signed %1, which would have expired within %2 days."_s.arg(listed(renewed))
                                     .arg(window);
                      // The revocation list is renewed when half its life is gone, where the CA key can be opened.
                      PublisherIdentity identity(repository, writer, keys, CertificateFolder(folders.all()));
                      if (!identity.exists())
                          return text;
                      auto list = identity.revocationList();
                      if (!list)
                          return std::unexpected(list.error());
                      if (!PublisherIdentity::isDue(*list, now))
                          return text;
                      listExpires = list->nextUpdate();
                      auto renewedList = identity.renewRevocationList(now);
                      if (!renewedList) {
                          listLeft = renewedList.error().message;
                          return text;
                      }
                      return text
                          + u"\nAlso renewed the publisher's revocation list (number %1, valid until %2)."_s
                                .arg(renewedList->number().value_or(0))
                                .arg(renewedList->nextUpdate().toUTC().toString(Qt::ISODate));
                  });
    if (code != Success)
        return code;

    // A role whose keys are offline cannot be renewed here; whoever reads cron's mail must know in time.
    QStringList left;
    for (const RepositoryWriter::DueRole& role : due) {
        if (role.renewed())
            continue;
        left.append(role.role);
        warn(command,
            u"warning: %1 expires %2, within %3 days, and cannot be re-signed here: it needs %4 of its keys, and the "
            "key folders given hold %5. Run refresh with its keys before then."_s
                .arg(role.role, role.expires.toUTC().toString(Qt::ISODate))
                .arg(window)
                .arg(role.threshold)
                .arg(role.held));
    }
    if (listLeft) {
        left.append(u"the publisher's revocation list"_s);
        warn(command,
            u"warning: the publisher's revocation list expires %1, and clients refuse every release of this "
            "repository once it has; it was not renewed here: %2 Run refresh with the CA key before then."_s.arg(
                listExpires.toUTC().toString(Qt::ISODate), *listLeft));
    }
    if (parser.isSet(kStrict) && !left.isEmpty()) {
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
    auto role = required(parser, kRole);
    if (!role)
        return fail(command, role.error());
    const QString keyId = parser.value(revoke ? kRevokedKey : kRotatedKey);
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
    auto rootPath = required(parser, kRoot);
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
        warn(command, problem.message);
    // Where the repository has a publisher identity, what a client checks before installing a release too.
    auto publisher = PublisherAudit(client).run(QDateTime::currentDateTimeUtc());
    if (!publisher)
        return fail(command, publisher.error());
    QStringList failed;
    if (!audit->problems.empty())
        failed.append(
            u"%1 of %2 targets failed"_s.arg(audit->problems.size()).arg(audit->problems.size() + audit->verified));
    if (*publisher) {
        const PublisherAudit::Result& result = **publisher;
        for (const Error& problem : result.problems)
            warn(command, problem.message);
        if (!result.list)
            failed.append(u"the revocation list of %1 failed"_s.arg(result.publisher));
        if (result.verified < result.signatures) {
            failed.append(u"%1 of %2 release signatures of %3 failed"_s.arg(result.signatures - result.verified)
                              .arg(result.signatures)
                              .arg(result.publisher));
        }
    }
    if (!failed.isEmpty())
        return fail(command, failed.join(u"; "_s) + u'.');
    print(u"%1: valid. Root version %2, %3 roles, %4 targets verified; the timestamp expires %5."_s.arg(repository)
              .arg(trusted->root().header.version)
              .arg(trusted->targetsRoles().size())
              .arg(audit->verified)
              .arg(trusted->timestamp()->header.expires.toString(Qt::ISODate)));
    if (*publisher) {
        const PublisherAudit::Result& result = **publisher;
        print(u"Publisher %1: %2 release %3 verified against revocation list number %4, valid until %5."_s
                  .arg(result.publisher)
                  .arg(result.verified)
                  .arg(result.verified == 1 ? u"signature"_s : u"signatures"_s)
                  .arg(result.list->number().value_or(0))
                  .arg(result.list->nextUpdate().toUTC().toString(Qt::ISODate)));
    }
    return Success;
}

// Every command acts on one repository folder, its one positional argument.
Subcommand repositoryCommand(const QString& name, const QString& summary, const QList<QCommandLineOption>& options,
    const std::function<int(const QString& repository, QCommandLineParser&)>& run)
{
    return {.name = name,
        .summary = summary,
        .options = options,
        .argument = u"REPO"_s,
        .argumentHelp = u"The repository folder."_s,
        .run = [name, run](QCommandLineParser& parser) {
            const QStringList positional = parser.positionalArguments();
            if (positional.size() != 1)
                return misuse(name, u"expected one repository folder; see --help."_s);
            return run(positional.first(), parser);
        }};
}

} // namespace

int main(int argc, char* argv[])
{
    // The report's charts are graphics widgets: only `stats --html` makes a QApplication, on the offscreen
    // platform, so that the publisher's tool runs on a server with no display and every other command starts
    // as a plain Core program.
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    std::unique_ptr<QCoreApplication> app;
    // Outlives the application: a cron job has no runtime folder, and Qt would say so on stderr,
    // which cron mails, for a folder the offscreen platform never uses.
    std::optional<QTemporaryDir> runtime;
    if (StatisticsCommand::drawsCharts(arguments)) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
            runtime.emplace();
            if (runtime->isValid())
                qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtime->path()));
        }
        app = std::make_unique<QApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication::setApplicationName(u"upkeep-publish"_s);
    QCoreApplication::setApplicationVersion(QString::fromLatin1(UPKEEP_VERSION));
    std::vector<Subcommand> commands{
        repositoryCommand(u"init"_s, u"Create a repository and its keys."_s,
            {kKeys, kOnlineKeys, kUnencrypted, kRootKeys.option(), kRootThreshold.option(), kChannels}, runInit),
        repositoryCommand(u"add-target"_s, u"Sign a file into a channel as APP/VERSION/FILE."_s,
            {kKeys, kOnlineKeys, kChannel, kPath, kFile, kCustom}, runAddTarget),
        repositoryCommand(u"release"_s, u"Publish a release from a folder or an archive onto a channel."_s,
            {kKeys, kOnlineKeys, kApp, kVersion, kChannel, kFrom, kNotes, kCritical, kRollout.option(), kMinFrom,
                kHealthCheck, kHealthTimeout.option(), kPatchDepth.option(), kMemory, kKeepReleases.option()},
            runRelease),
        repositoryCommand(u"prune"_s,
            u"Drop an app's releases on a channel from the metadata, keeping the N newest and what they need."_s,
            {kKeys, kOnlineKeys, kApp, kChannel, kKeepReleases.option()}, runPrune),
        repositoryCommand(u"promote"_s, u"Put a published version on another channel."_s,
            {kKeys, kOnlineKeys, kApp, kVersion, kTo, kRollout.option()}, runPromote),
        repositoryCommand(u"yank"_s, u"Withdraw a version from one channel, or from all."_s,
            {kKeys, kOnlineKeys, kApp, kVersion, kChannel}, runYank),
        repositoryCommand(u"refresh"_s, u"Re-sign timestamp and snapshot before they expire (safe from cron)."_s,
            {kKeys, kOnlineKeys, kExpiresDays.option(), kStrict}, runRefresh),
        repositoryCommand(u"rotate-key"_s, u"Replace a role's key; a new root is signed by old and new root keys."_s,
            {kKeys, kOnlineKeys, kUnencrypted, kRole, kRotatedKey},
            [](const QString& repo, QCommandLineParser& p) { return runRotateKey(repo, p, false); }),
        repositoryCommand(u"revoke-key"_s,
            u"Remove a key from a role (a new one is added if the threshold needs it)."_s,
            {kKeys, kOnlineKeys, kUnencrypted, kRole, kRevokedKey},
            [](const QString& repo, QCommandLineParser& p) { return runRotateKey(repo, p, true); }),
        repositoryCommand(u"verify"_s,
            u"Check a repository (any TUF 1.0 repository) as a client would, with its publisher's signatures."_s,
            {kRoot}, runVerify),
    };
    std::ranges::move(IdentityCommands::subcommands(), std::back_inserter(commands));
    commands.push_back(StatisticsCommand::subcommand());
    commands.push_back(RolloutCommand::subcommand());
    commands.push_back(ReleaseTestCommand::subcommand());
    const CommandFrame frame(
        {u"COMMAND REPO [options]"_s,
            u"Creates and signs Upkeep repositories (TUF 1.0) that any web server can host.\n"
            "Passphrases come from UPKEEP_PASSPHRASE (UPKEEP_ONLINE_PASSPHRASE for --online-keys) or a\n"
            "prompt, never from a flag. New keys are encrypted; only --unencrypted-keys writes them in the\n"
            "clear."_s,
            u"0 success, 1 failure (nothing or only complete steps written), 2 misuse, 3 a rollout halted."_s},
        std::move(commands));
    return frame.run(QCoreApplication::arguments());
}
