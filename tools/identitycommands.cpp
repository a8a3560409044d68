#include "identitycommands.h"

#include "console.h"
#include "exitcode.h"
#include "keyfolders.h"
#include "numberoption.h"
#include "publish/publisheridentity.h"
#include "release/repositorypaths.h"
#include "repositorychange.h"
#include "repositorylock.h"
#include "requiredoption.h"
#include "json/jsonwriter.h"

#include <map>
#include <set>

using namespace Qt::StringLiterals;

namespace {

using namespace ExitCode;

QString day(const QDateTime& time)
{
    return time.toUTC().date().toString(Qt::ISODate);
}

QString when(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODate);
}

const QCommandLineOption kName(u"name"_s, u"The publisher's name, e.g. \"Example GmbH\"."_s, u"NAME"_s);
const QCommandLineOption kAlgorithm(
    u"algorithm"_s, u"The key: p256 (ECDSA P-256, the default) or ed25519 (the CA only)."_s, u"ALGORITHM"_s);
const NumberOption kCaDays(QCommandLineOption(u"days"_s, u"Days the CA certificate is valid (default 3650)."_s, u"N"_s),
    u"--days takes a number of days from 1 to 36500."_s, 1, 36500);
const NumberOption kCrlDays(QCommandLineOption(u"crl-days"_s,
                                u"Days each revocation list is valid (default 30); refresh renews it at half that, "
                                "with the CA key."_s,
                                u"N"_s),
    u"--crl-days takes a number of days from 1 to 366."_s, 1, 366);
const QCommandLineOption kSigner(
    u"signer"_s, u"Who or what signs with the certificate, e.g. \"build server\"."_s, u"NAME"_s);
const NumberOption kSignerDays(
    QCommandLineOption(u"days"_s, u"Days the signer certificate is valid (default 365)."_s, u"N"_s),
    u"--days takes a number of days from 1 to 3650."_s, 1, 3650);
const QCommandLineOption kJson(u"json"_s, u"Print JSON for scripts instead of text."_s);
const QCommandLineOption kReason(
    u"reason"_s, u"Why, by its RFC 5280 name: keyCompromise, superseded, cessationOfOperation, ..."_s, u"REASON"_s);
const QCommandLineOption kReplace(
    u"replace"_s, u"Issue a replacement certificate for the same signer and sign with it."_s);

KeyStore::NewKeys newKeys(const QCommandLineParser& parser)
{
    return parser.isSet(KeyFolders::kUnencryptedOption) ? KeyStore::NewKeys::Unencrypted : KeyStore::NewKeys::Encrypted;
}

// What a cert command works with: the key folders it was given, their keys, the repository's identity.
struct IdentityAtHand {
    const KeyFolders& folders;
    KeyRing& keys;
    RepositoryWriter& writer;
    PublisherIdentity& identity;
};

// Opens the key folders and the repository, and runs `body` on the repository's identity.
int withIdentity(const QString& command, const QString& repository, QCommandLineParser& parser,
    KeyStore::NewKeys newKeys, const std::function<int(IdentityAtHand)>& body)
{
    auto folders = KeyFolders::fromCommandLine(repository, parser, false);
    if (!folders)
        return fail(command, folders.error());
    auto lock = RepositoryLock::acquire(command, repository);
    if (!lock)
        return fail(command, lock.error());
    KeyRing keys = folders->open(newKeys);
    auto writer = RepositoryWriter::open(repository, keys);
    if (!writer)
        return fail(command, writer.error());
    PublisherIdentity identity(repository, *writer, keys, CertificateFolder(folders->all()));
    return body({*folders, keys, *writer, identity});
}

// Saves a certificate just issued beside its key; the key goes again when that fails.
std::expected<QString, Error> keepIssued(IdentityAtHand at, const PublisherIdentity::Signer& signer)
{
    auto saved = at.identity.folder().save(signer.certificate);
    if (!saved)
        at.keys.discardCreated();
    return saved;
}

// --algorithm for a certificate's key: P-256, or ed25519 where it can sign (the CA).
std::expected<SigningKey::Algorithm, Error> algorithm(const QCommandLineParser& parser, bool signer)
{
    const QString name = parser.value(kAlgorithm);
    if (name.isEmpty() || name == u"p256"_s)
        return SigningKey::Algorithm::EcdsaP256;
    if (name == u"ed25519"_s && !signer)
        return SigningKey::Algorithm::Ed25519;
    if (name == u"ed25519"_s) {
        return std::unexpected(Error{Error::Code::Usage,
            u"signer keys are P-256: OpenSSL 3.0 cannot make CMS signatures with ed25519 keys, so a release could "
            "not be signed with one (the CA may be ed25519)."_s});
    }
    return std::unexpected(Error{Error::Code::Usage, u"--algorithm is p256 or ed25519, not \"%1\"."_s.arg(name)});
}

QString status(const PublisherIdentity::SignerState& state)
{
    switch (state.status) {
    case PublisherIdentity::Status::Valid: return state.current ? u"valid, current"_s : u"valid"_s;
    case PublisherIdentity::Status::Expired: return u"expired"_s;
    case PublisherIdentity::Status::Revoked:
        return u"revoked on %1 (%2)"_s.arg(
            day(state.revocation->date), RevocationList::toString(state.revocation->reason));
    case PublisherIdentity::Status::NotYetValid: return u"not yet valid"_s;
    case PublisherIdentity::Status::KeyNotAtHand: return u"key not at hand"_s;
    }
    return {};
}

const char* statusWord(PublisherIdentity::Status status)
{
    switch (status) {
    case PublisherIdentity::Status::Valid: return "valid";
    case PublisherIdentity::Status::Expired: return "expired";
    case PublisherIdentity::Status::Revoked: return "revoked";
    case PublisherIdentity::Status::NotYetValid: return "not-yet-valid";
    case PublisherIdentity::Status::KeyNotAtHand: return "key-not-at-hand";
    }
    return "";
}

JsonObject certificateJson(const Certificate& certificate)
{
    return JsonObject{{"serial", certificate.serial().toStdString()}, {"subject", certificate.subject().toStdString()},
        {"issuer", certificate.issuer().toStdString()}, {"not_before", when(certificate.notBefore()).toStdString()},
        {"not_after", when(certificate.notAfter()).toStdString()},
        {"fingerprint", certificate.fingerprint().toStdString()}};
}

int runCaInit(const QString& repository, QCommandLineParser& parser)
{
    const QString command = u"ca init"_s;
    auto name = required(parser, kName);
    if (!name)
        return fail(command, name.error());
    auto chosen = algorithm(parser, false);
    if (!chosen)
        return fail(command, chosen.error());
    auto days = kCaDays.value(parser, CertificateAuthority::kCaDays);
    if (!days)
        return fail(command, days.error());
    auto listDays = kCrlDays.value(parser, CertificateAuthority::kRevocationListDays);
    if (!listDays)
        return fail(command, listDays.error());
    std::optional<Certificate> ca;
    std::optional<CertificateFolder> folder;
    std::set<QString> unsignedReleases; // APP/VERSION with no signature on some channel
    return RepositoryChange(command, repository)
        .run(
            parser,
            [&](RepositoryWriter& writer, KeyRing& keys, const KeyFolders& folders) -> std::expected<QString, Error> {
                PublisherIdentity identity(repository, writer, keys, CertificateFolder(folders.all()));
                auto made = identity.create(*name, *chosen, *days, QDateTime::currentDateTimeUtc(), *listDays);
                if (!made)
                    return std::unexpected(made.error());
                ca = *made;
                folder = identity.folder();
                for (const RepositoryWriter::Target& target : writer.targets()) {
                    if (target.path.endsWith(u"/manifest.json"_s)
                        && !writer.channelTargets(target.role).contains(target.path + u".p7s"_s))
                        unsignedReleases.insert(target.path.section(u'/', 0, 1));
                }
                auto publicKey = SigningKey::publicKeyOf(*made);
                QString text
                    = u"Made the publisher identity of %1 for %2: CA serial %3, valid until %4, in root "
                      "version %5 with an empty revocation list (%6).\n"
                      "The CA certificate is in %7; its private key (%8.%9.pem) stays offline with the "
                      "root keys.\n"
                      "Next, issue a certificate to sign releases with: upkeep-publish cert issue %2 "
                      "--keys DIR --signer NAME."_s.arg(*name, repository, made->serial(), day(made->notAfter()))
                          .arg(writer.root().header.version + 1)
                          .arg(RepositoryPaths::revocationList(), identity.folder().caFile(),
                              PublisherIdentity::kCaRole, publicKey ? publicKey->keyId() : QString());
                if (const auto unsigned_ = unsignedReleases.size(); unsigned_ > 0) {
                    text += u"\n%1 on offer %2 no signature; clients that check the publisher refuse %3 until "
                            "%4 signed: after cert issue, run upkeep-publish sign %5 --keys DIR."_s.arg(
                                unsigned_ == 1 ? u"1 release"_s : u"%1 releases"_s.arg(unsigned_),
                                unsigned_ == 1 ? u"has"_s : u"have"_s, unsigned_ == 1 ? u"it"_s : u"them"_s,
                                unsigned_ == 1 ? u"it is"_s : u"they are"_s, repository);
                }
                return text;
            },
            newKeys(parser), [&]() { return folder->saveAuthority(*ca); });
}

int runCaShow(const QString& repository, QCommandLineParser&)
{
    const QString command = u"ca show"_s;
    KeyRing keys({});
    auto writer = RepositoryWriter::open(repository, keys);
    if (!writer)
        return fail(command, writer.error());
    PublisherIdentity identity(repository, *writer, keys, CertificateFolder({}));
    auto ca = identity.caCertificate();
    if (!ca)
        return fail(command, ca.error());
    print(QString::fromLatin1(ca->pem()).trimmed());
    return Success;
}

int runCertIssue(const QString& repository, QCommandLineParser& parser)
{
    const QString command = u"cert issue"_s;
    auto signerName = required(parser, kSigner);
    if (!signerName)
        return fail(command, signerName.error());
    if (auto chosen = algorithm(parser, true); !chosen)
        return fail(command, chosen.error());
    auto days = kSignerDays.value(parser, CertificateAuthority::kSignerDays);
    if (!days)
        return fail(command, days.error());
    return withIdentity(command, repository, parser, newKeys(parser), [&](IdentityAtHand at) {
        if (!at.identity.exists())
            return fail(command, at.identity.caCertificate().error());
        auto signer = at.identity.issue(*signerName, *days, QDateTime::currentDateTimeUtc());
        if (!signer)
            return fail(command, signer.error());
        auto saved = keepIssued(at, *signer);
        if (!saved)
            return fail(command, saved.error());
        print(u"Issued the certificate %1 to %2 of %3, valid until %4: %5 (its key: %6.%7.pem).\n"
              "release signs with it from now on."_s.arg(signer->certificate.serial(), *signerName, at.identity.name(),
                  day(signer->certificate.notAfter()), *saved, PublisherIdentity::kSignerRole,
                  signer->key.publicKey().keyId()));
        return Success;
    });
}

int runCertList(const QString& repository, QCommandLineParser& parser)
{
    const QString command = u"cert list"_s;
    return withIdentity(command, repository, parser, KeyStore::NewKeys::Encrypted, [&](IdentityAtHand at) {
        auto ca = at.identity.caCertificate();
        if (!ca)
            return fail(command, ca.error());
        auto list = at.identity.revocationList();
        if (!list)
            return fail(command, list.error());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        auto states = at.identity.signers(now);
        if (!states)
            return fail(command, states.error());
        auto signatures = at.identity.signatures();
        if (!signatures)
            return fail(command, signatures.error());
        // What each serial signed: APP/VERSION and the channels offering it.
        std::map<QString, std::vector<const PublisherIdentity::Signature*>> signedBy;
        for (const PublisherIdentity::Signature& signature : *signatures)
            signedBy[signature.signer.serial()].push_back(&signature);
        const auto releaseOf = [](const PublisherIdentity::Signature* s) { return s->path.section(u'/', 0, 1); };

        if (parser.isSet(kJson)) {
            JsonArray certificates;
            for (const PublisherIdentity::SignerState& state : *states) {
                JsonObject entry = certificateJson(state.certificate);
                entry.emplace("status", statusWord(state.status));
                entry.emplace("current", state.current);
                if (state.revocation) {
                    entry.emplace("revoked",
                        JsonObject{{"date", when(state.revocation->date).toStdString()},
                            {"reason", RevocationList::toString(state.revocation->reason).toStdString()}});
                }
                JsonArray signedReleases;
                for (const PublisherIdentity::Signature* signature : signedBy[state.certificate.serial()]) {
                    JsonArray channels;
                    for (const QString& channel : signature->channels)
                        channels.push_back(channel.toStdString());
                    signedReleases.push_back(
                        JsonObject{{"release", releaseOf(signature).toStdString()}, {"channels", std::move(channels)}});
                }
                entry.emplace("signed", std::move(signedReleases));
                certificates.push_back(std::move(entry));
            }
            const JsonObject json{{"publisher", at.identity.name().toStdString()}, {"ca", certificateJson(*ca)},
                {"revocation_list",
                    JsonObject{{"number", qint64(list->number().value_or(0))},
                        {"this_update", when(list->thisUpdate()).toStdString()},
                        {"next_update", when(list->nextUpdate()).toStdString()}}},
                {"certificates", std::move(certificates)}};
            print(QString::fromUtf8(prettyJson(json)).trimmed());
            return Success;
        }

        print(u"%1: CA %2 (%3), valid %4 to %5; revocation list number %6, valid until %7."_s
                  .arg(at.identity.name(), ca->serial(), ca->subject(), day(ca->notBefore()), day(ca->notAfter()))
                  .arg(list->number().value_or(0))
                  .arg(day(list->nextUpdate())));
        if (states->empty())
            print(u"No signer certificates in %1; issue one with cert issue."_s.arg(at.folders.all().join(u", "_s)));
        for (const PublisherIdentity::SignerState& state : *states) {
            QStringList releases;
            for (const PublisherIdentity::Signature* signature : signedBy[state.certificate.serial()])
                releases.append(u"%1 (%2)"_s.arg(releaseOf(signature), signature->channels.join(u", "_s)));
            print(u"%1  %2  %3 to %4  %5  signed: %6"_s.arg(state.certificate.serial(), state.certificate.subject(),
                day(state.certificate.notBefore()), day(state.certificate.notAfter()), status(state),
                releases.isEmpty() ? u"nothing on offer"_s : releases.join(u", "_s)));
        }
        return Success;
    });
}

// REPO SERIAL.
std::expected<std::pair<QString, QString>, Error> repositoryAndSerial(const QCommandLineParser& parser)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2)
        return std::unexpected(Error{Error::Code::Usage, u"expected a repository folder and a serial; see --help."_s});
    return std::pair{positional[0], positional[1]};
}

int runCertRenew(QCommandLineParser& parser)
{
    const QString command = u"cert renew"_s;
    auto arguments = repositoryAndSerial(parser);
    if (!arguments)
        return fail(command, arguments.error());
    const auto& [repository, serial] = *arguments;
    auto days = kSignerDays.value(parser, CertificateAuthority::kSignerDays);
    if (!days)
        return fail(command, days.error());
    return withIdentity(command, repository, parser, newKeys(parser), [&](IdentityAtHand at) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        auto states = at.identity.signers(now);
        if (!states)
            return fail(command, states.error());
        const auto old = std::ranges::find_if(*states, [&](const PublisherIdentity::SignerState& state) {
            return state.certificate.serial().compare(serial, Qt::CaseInsensitive) == 0;
        });
        if (old == states->end()) {
            return fail(command,
                u"no certificate of %1 with the serial %2 is in the key folders' certificates/ (%3)."_s.arg(
                    at.identity.name(), serial, at.folders.all().join(u", "_s)));
        }
        if (old->status == PublisherIdentity::Status::Revoked) {
            return fail(command,
                u"%1 was revoked on %2; issue a new certificate with cert issue instead."_s.arg(
                    old->certificate.serial(), day(old->revocation->date)));
        }
        auto signer = at.identity.issue(old->certificate.commonName(), *days, now);
        if (!signer)
            return fail(command, signer.error());
        auto saved = keepIssued(at, *signer);
        if (!saved)
            return fail(command, saved.error());
        print(u"Issued %1 to %2, valid until %3: %4. It is now the current signer certificate; %5 stays valid until "
              "%6 (it is not revoked)."_s.arg(signer->certificate.serial(), old->certificate.commonName(),
                  day(signer->certificate.notAfter()), *saved, old->certificate.serial(),
                  day(old->certificate.notAfter())));
        return Success;
    });
}

int runCertRevoke(QCommandLineParser& parser)
{
    const QString command = u"cert revoke"_s;
    auto arguments = repositoryAndSerial(parser);
    if (!arguments)
        return fail(command, arguments.error());
    const auto& [repository, serial] = *arguments;
    auto reasonName = required(parser, kReason);
    if (!reasonName)
        return fail(command, reasonName.error());
    const auto reason = RevocationList::fromString(*reasonName);
    if (!reason) {
        QStringList names;
        for (auto r : {RevocationList::Reason::Unspecified, RevocationList::Reason::KeyCompromise,
                 RevocationList::Reason::CaCompromise, RevocationList::Reason::AffiliationChanged,
                 RevocationList::Reason::Superseded, RevocationList::Reason::CessationOfOperation,
                 RevocationList::Reason::CertificateHold, RevocationList::Reason::PrivilegeWithdrawn,
                 RevocationList::Reason::AaCompromise})
            names.append(RevocationList::toString(r));
        return misuse(command,
            u"\"%1\" is not a reason of RFC 5280; the reasons are %2."_s.arg(*reasonName, names.join(u", "_s)));
    }
    auto days = kSignerDays.value(parser, CertificateAuthority::kSignerDays);
    if (!days)
        return fail(command, days.error());
    std::optional<Certificate> replacement;
    std::optional<CertificateFolder> folder;
    return RepositoryChange(command, repository)
        .run(
            parser,
            [&](RepositoryWriter& writer, KeyRing& keys, const KeyFolders& folders) -> std::expected<QString, Error> {
                PublisherIdentity identity(repository, writer, keys, CertificateFolder(folders.all()));
                if (!identity.exists())
                    return std::unexpected(identity.caCertificate().error());
                folder = identity.folder();
                auto revoked
                    = identity.revoke(serial, *reason, parser.isSet(kReplace), *days, QDateTime::currentDateTimeUtc());
                if (!revoked)
                    return std::unexpected(revoked.error());
                QString text = u"Revoked %1 (%2) for %3 in the revocation list number %4, valid until %5."_s
                                   .arg(revoked->certificate.serial(), revoked->certificate.commonName(),
                                       RevocationList::toString(*reason))
                                   .arg(revoked->list.number().value_or(0))
                                   .arg(day(revoked->list.nextUpdate()));
                if (revoked->replacement) {
                    replacement = revoked->replacement->certificate;
                    text += u"\nIssued the replacement %1 to %2, valid until %3; it is now the current signer "
                            "certificate."_s.arg(
                                replacement->serial(), replacement->commonName(), day(replacement->notAfter()));
                }
                if (revoked->resigned.isEmpty()) {
                    text += u"\nNo release on offer was signed by a revoked certificate."_s;
                } else {
                    text += u"\nSigned again with %1: %2."_s.arg(
                        revoked->resignedBy->serial(), revoked->resigned.join(u", "_s));
                }
                return text;
            },
            newKeys(parser),
            [&]() -> std::expected<void, Error> {
                if (!replacement)
                    return {};
                auto saved = folder->save(*replacement);
                if (!saved)
                    return std::unexpected(saved.error());
                return {};
            });
}

int runSign(const QString& repository, QCommandLineParser& parser)
{
    const QString command = u"sign"_s;
    return withIdentity(command, repository, parser, KeyStore::NewKeys::Encrypted, [&](IdentityAtHand at) {
        auto made = at.identity.signUnsigned(QDateTime::currentDateTimeUtc());
        if (!made)
            return fail(command, made.error());
        // Nothing signed, nothing committed: no new snapshot or timestamp for clients to fetch.
        if (made->releases.isEmpty()) {
            print(u"Every release on offer is signed; nothing to do."_s);
            return Success;
        }
        if (auto committed = at.writer.commit(); !committed)
            return fail(command, committed.error());
        print(u"Signed %1 with %2 (%3): %4."_s.arg(
            made->releases.size() == 1 ? u"1 release"_s : u"%1 releases"_s.arg(made->releases.size()),
            made->signer.serial(), made->signer.commonName(), made->releases.join(u", "_s)));
        return Success;
    });
}

Subcommand command(const QString& name, const QString& summary, const QList<QCommandLineOption>& options,
    const QString& argument, const std::function<int(QCommandLineParser&)>& run)
{
    return {.name = name,
        .summary = summary,
        .options = options,
        .argument = argument,
        .argumentHelp = argument == u"REPO"_s ? u"The repository folder."_s
                                              : u"The repository folder and the certificate's serial."_s,
        .run = run};
}

// A command on one repository folder, its one positional argument.
std::function<int(QCommandLineParser&)> onRepository(
    const QString& name, int (*run)(const QString& repository, QCommandLineParser&))
{
    return [name, run](QCommandLineParser& parser) {
        const QStringList positional = parser.positionalArguments();
        if (positional.size() != 1)
            return misuse(name, u"expected one repository folder; see --help."_s);
        return run(positional.first(), parser);
    };
}

} // namespace

std::vector<Subcommand> IdentityCommands::subcommands()
{
    const QCommandLineOption& keys = KeyFolders::kKeysOption;
    const QCommandLineOption& online = KeyFolders::kOnlineKeysOption;
    const QCommandLineOption& unencrypted = KeyFolders::kUnencryptedOption;
    return {
        command(u"ca init"_s, u"Give the repository a publisher CA (a new root version; needs the root keys)."_s,
            {keys, online, unencrypted, kName, kAlgorithm, kCaDays.option(), kCrlDays.option()}, u"REPO"_s,
            onRepository(u"ca init"_s, runCaInit)),
        command(u"ca show"_s, u"Print the publisher's CA certificate (PEM) from root metadata."_s, {}, u"REPO"_s,
            onRepository(u"ca show"_s, runCaShow)),
        command(u"cert issue"_s, u"Issue a code-signing certificate and key to a signer (needs the CA key)."_s,
            {keys, online, unencrypted, kSigner, kSignerDays.option(), kAlgorithm}, u"REPO"_s,
            onRepository(u"cert issue"_s, runCertIssue)),
        command(u"cert list"_s, u"List the signer certificates: status and what each signed."_s, {keys, online, kJson},
            u"REPO"_s, onRepository(u"cert list"_s, runCertList)),
        command(u"cert renew"_s, u"Issue a new certificate for a signer; the old one stays valid until it expires."_s,
            {keys, online, unencrypted, kSignerDays.option()}, u"REPO SERIAL"_s, runCertRenew),
        command(u"cert revoke"_s,
            u"Revoke a certificate and sign again every release on offer it signed, in one step."_s,
            {keys, online, unencrypted, kReason, kReplace, kSignerDays.option()}, u"REPO SERIAL"_s, runCertRevoke),
        command(u"sign"_s,
            u"Sign every release on offer that has no valid signature with the current signer certificate, in one "
            "commit."_s,
            {keys, online}, u"REPO"_s, onRepository(u"sign"_s, runSign)),
    };
}
