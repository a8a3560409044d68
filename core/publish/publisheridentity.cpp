#include "publisheridentity.h"

#include "publish/manifestsignature.h"
#include "publish/manifestsigner.h"
#include "release/repositorypaths.h"
#include "trust/publishercheck.h"
#include "trust/repositoryclient.h"

#include <QFile>

#include <openssl/err.h>
#include <openssl/x509.h>

#include <algorithm>
#include <map>

using namespace Qt::StringLiterals;

namespace {

const QString kTargets = u"targets"_s;
const QString kManifestSuffix = u"/manifest.json"_s;
const QString kSignatureSuffix = u"/manifest.json.p7s"_s;

QString day(const QDateTime& time)
{
    return time.toUTC().date().toString(Qt::ISODate);
}

// APP/VERSION of a target APP/VERSION/FILE.
QString releaseOf(const QString& path)
{
    return path.section(u'/', 0, 1);
}

} // namespace

PublisherIdentity::PublisherIdentity(
    QString repository, RepositoryWriter& writer, KeyRing& keys, CertificateFolder folder)
    : m_repository(std::move(repository))
    , m_writer(writer)
    , m_keys(keys)
    , m_folder(std::move(folder))
{ }

QString PublisherIdentity::name() const
{
    return exists() ? m_writer.root().publisher->name : QString();
}

std::expected<Certificate, Error> PublisherIdentity::create(
    const QString& name, SigningKey::Algorithm algorithm, int days, const QDateTime& now, int listDays)
{
    if (exists()) {
        auto ca = caCertificate();
        return std::unexpected(Error{Error::Code::Usage,
            tr("%1 already has a publisher identity, %2 (CA serial %3). upkeep-publish does not replace one: "
               "its certificates and signatures would all have to change with it.")
                .arg(m_repository, this->name(), ca ? ca->serial() : tr("unreadable"))});
    }
    if (name.trimmed().isEmpty())
        return std::unexpected(Error{Error::Code::Usage, tr("The publisher's name is empty.")});
    const RoleKeys& root = m_writer.root().role(u"root"_s);
    auto held = m_keys.count(u"root"_s, root.keyIds);
    if (!held)
        return std::unexpected(held.error());
    if (*held < root.threshold) {
        return std::unexpected(Error{Error::Code::NotFound,
            tr("The CA goes into root metadata, which needs %1 of the root keys; the key folders given (%2) hold "
               "%3. Run ca init with the root keys.")
                .arg(root.threshold)
                .arg(m_keys.directories().join(u", "_s))
                .arg(*held)});
    }
    auto key = m_keys.create(kCaRole, algorithm);
    if (!key)
        return std::unexpected(key.error());
    auto certificate = CertificateAuthority::create(*key, name, now, days);
    if (!certificate)
        return std::unexpected(certificate.error());
    CertificateAuthority ca(*certificate, *key);
    auto list = ca.revocationList({}, 1, now, listDays);
    if (!list)
        return std::unexpected(list.error());
    m_writer.setPublisher(PublisherAnchor{name, certificate->der()});
    if (auto added = m_writer.addTarget(kTargets, RepositoryPaths::revocationList(), list->der(), {}); !added)
        return std::unexpected(added.error());
    return certificate;
}

std::expected<Certificate, Error> PublisherIdentity::caCertificate() const
{
    if (!exists()) {
        return std::unexpected(Error{Error::Code::NotFound,
            tr("%1 has no publisher identity; make one with \"upkeep-publish ca init\".").arg(m_repository)});
    }
    auto certificate = Certificate::fromDer(m_writer.root().publisher->certificate);
    if (!certificate)
        return std::unexpected(certificate.error().prefixed(tr("The CA certificate in root metadata")));
    return certificate;
}

std::expected<QByteArray, Error> PublisherIdentity::content(const RepositoryWriter::Target& target) const
{
    const QString file
        = m_repository + u"/targets/"_s + RepositoryClient::targetFileName(target.path, target.info, true);
    QFile input(file);
    if (!input.open(QIODevice::ReadOnly))
        return std::unexpected(
            Error{Error::Code::Io, tr("Cannot read %1 (%2): %3.").arg(target.path, file, input.errorString())});
    const QByteArray bytes = input.read(target.info.length + 1);
    if (auto verified = target.info.verify(bytes, target.path); !verified)
        return std::unexpected(verified.error());
    return bytes;
}

std::expected<RevocationList, Error> PublisherIdentity::revocationList() const
{
    for (const RepositoryWriter::Target& target : m_writer.targets()) {
        if (target.role != kTargets || target.path != RepositoryPaths::revocationList())
            continue;
        auto bytes = content(target);
        if (!bytes)
            return std::unexpected(bytes.error());
        auto list = RevocationList::fromDer(*bytes);
        if (!list)
            return std::unexpected(list.error().prefixed(target.path));
        return list;
    }
    return std::unexpected(Error{Error::Code::NotFound,
        tr("%1 has a publisher identity but the top-level targets list no %2.")
            .arg(m_repository, RepositoryPaths::revocationList())});
}

std::expected<CertificateAuthority, Error> PublisherIdentity::authority()
{
    auto ca = caCertificate();
    if (!ca)
        return std::unexpected(ca.error());
    auto publicKey = SigningKey::publicKeyOf(*ca);
    if (!publicKey)
        return std::unexpected(publicKey.error());
    auto keys = m_keys.keys(kCaRole, {publicKey->keyId()});
    if (!keys)
        return std::unexpected(keys.error());
    if (keys->empty()) {
        return std::unexpected(Error{Error::Code::NotFound,
            tr("This needs the publisher CA's key, %1.%2.pem, and the key folders given (%3) do not hold it.")
                .arg(kCaRole, publicKey->keyId(), m_keys.directories().join(u", "_s))});
    }
    return CertificateAuthority(*ca, keys->front());
}

std::expected<PublisherIdentity::Signer, Error> PublisherIdentity::issue(
    const QString& signerName, int days, const QDateTime& now)
{
    if (signerName.trimmed().isEmpty())
        return std::unexpected(Error{Error::Code::Usage, tr("The signer's name is empty.")});
    auto ca = authority();
    if (!ca)
        return std::unexpected(ca.error());
    auto key = m_keys.create(kSignerRole, SigningKey::Algorithm::EcdsaP256);
    if (!key)
        return std::unexpected(key.error());
    auto certificate = ca->issue(key->publicKey(), signerName, now, days);
    if (!certificate) {
        m_keys.discardCreated();
        return std::unexpected(certificate.error());
    }
    return Signer{*certificate, *key};
}

bool PublisherIdentity::issuedByCa(const Certificate& certificate, const Certificate& ca) const
{
    const bool issued = X509_NAME_cmp(X509_get_issuer_name(certificate.x509()), X509_get_subject_name(ca.x509())) == 0
        && X509_verify(certificate.x509(), X509_get0_pubkey(ca.x509())) == 1;
    ERR_clear_error();
    return issued;
}

std::expected<bool, Error> PublisherIdentity::keyAtHand(const Certificate& certificate) const
{
    auto publicKey = SigningKey::publicKeyOf(certificate);
    if (!publicKey)
        return std::unexpected(publicKey.error());
    auto held = m_keys.count(kSignerRole, {publicKey->keyId()});
    if (!held)
        return std::unexpected(held.error());
    return *held > 0;
}

std::expected<std::vector<PublisherIdentity::SignerState>, Error> PublisherIdentity::signers(const QDateTime& now) const
{
    auto list = revocationList();
    if (!list)
        return std::unexpected(list.error());
    return signers(now, *list);
}

std::expected<std::vector<PublisherIdentity::SignerState>, Error> PublisherIdentity::signers(
    const QDateTime& now, const RevocationList& list) const
{
    auto ca = caCertificate();
    if (!ca)
        return std::unexpected(ca.error());
    auto found = m_folder.signers();
    if (!found)
        return std::unexpected(found.error());
    // Newest first: issued last, by the start of its validity and then by when its file was written.
    std::erase_if(*found, [&](const CertificateFolder::Found& f) { return !issuedByCa(f.certificate, *ca); });
    std::ranges::sort(*found, [](const CertificateFolder::Found& a, const CertificateFolder::Found& b) {
        const auto key
            = [](const CertificateFolder::Found& f) { return std::pair(f.certificate.notBefore(), f.written); };
        return key(a) > key(b);
    });
    std::vector<SignerState> states;
    bool currentFound = false;
    for (const CertificateFolder::Found& f : *found) {
        SignerState state{f.certificate, Status::Valid, std::nullopt, false};
        state.revocation = list.revocation(f.certificate.serial());
        if (state.revocation) {
            state.status = Status::Revoked;
        } else if (f.certificate.notAfter() <= now) {
            state.status = Status::Expired;
        } else if (f.certificate.notBefore() > now) {
            state.status = Status::NotYetValid;
        } else {
            auto atHand = keyAtHand(f.certificate);
            if (!atHand)
                return std::unexpected(atHand.error());
            state.status = *atHand ? Status::Valid : Status::KeyNotAtHand;
        }
        state.current = !currentFound && state.status == Status::Valid;
        currentFound = currentFound || state.current;
        states.push_back(std::move(state));
    }
    return states;
}

std::expected<std::optional<PublisherIdentity::Signer>, Error> PublisherIdentity::currentSigner(const QDateTime& now)
{
    auto list = revocationList();
    if (!list)
        return std::unexpected(list.error());
    return currentSigner(now, *list);
}

std::expected<std::optional<PublisherIdentity::Signer>, Error> PublisherIdentity::currentSigner(
    const QDateTime& now, const RevocationList& list)
{
    auto states = signers(now, list);
    if (!states)
        return std::unexpected(states.error());
    const auto current = std::ranges::find_if(*states, &SignerState::current);
    if (current == states->end())
        return std::optional<Signer>();
    auto publicKey = SigningKey::publicKeyOf(current->certificate);
    if (!publicKey)
        return std::unexpected(publicKey.error());
    auto keys = m_keys.keys(kSignerRole, {publicKey->keyId()});
    if (!keys)
        return std::unexpected(keys.error());
    if (keys->empty())
        return std::optional<Signer>();
    return std::optional<Signer>(Signer{current->certificate, keys->front()});
}

std::expected<std::vector<PublisherIdentity::Signature>, Error> PublisherIdentity::signatures() const
{
    std::map<QString, Signature> found;
    for (const RepositoryWriter::Target& target : m_writer.targets()) {
        if (target.role == kTargets || !target.path.endsWith(kSignatureSuffix))
            continue;
        if (auto known = found.find(target.path); known != found.end()) {
            known->second.channels.append(target.role);
            continue;
        }
        auto bytes = content(target);
        if (!bytes)
            return std::unexpected(bytes.error());
        auto signer = ManifestSignature::signerOf(*bytes);
        if (!signer)
            return std::unexpected(signer.error().prefixed(target.path));
        found.emplace(target.path, Signature{target.path, {target.role}, *signer});
    }
    std::vector<Signature> all;
    for (auto& [path, signature] : found)
        all.push_back(std::move(signature));
    return all;
}

std::expected<RevocationList, Error> PublisherIdentity::publishList(CertificateAuthority& ca,
    const RevocationList& current, std::vector<RevocationList::Revocation> entries, const QDateTime& now)
{
    // As long as the list before: the publisher chose it at ca init, to match how often the CA key comes out.
    const int days = int(std::max<qint64>(1, current.thisUpdate().daysTo(current.nextUpdate())));
    auto list = ca.revocationList(entries, current.number().value_or(0) + 1, now, days);
    if (!list)
        return std::unexpected(list.error());
    if (auto replaced = m_writer.replaceTarget(RepositoryPaths::revocationList(), list->der()); !replaced)
        return std::unexpected(replaced.error());
    return list;
}

std::expected<PublisherIdentity::Revoked, Error> PublisherIdentity::revoke(
    const QString& serial, RevocationList::Reason reason, bool replace, int days, const QDateTime& now)
{
    auto current = revocationList();
    if (!current)
        return std::unexpected(current.error());
    auto caCert = caCertificate();
    if (!caCert)
        return std::unexpected(caCert.error());
    // The certificate from the key folders, or else from a signature it made.
    std::optional<Certificate> revoked;
    auto found = m_folder.signers();
    if (!found)
        return std::unexpected(found.error());
    for (const CertificateFolder::Found& f : *found) {
        if (f.certificate.serial().compare(serial, Qt::CaseInsensitive) == 0)
            revoked = f.certificate;
    }
    auto offered = signatures();
    if (!offered)
        return std::unexpected(offered.error());
    for (const Signature& signature : *offered) {
        if (!revoked && signature.signer.serial().compare(serial, Qt::CaseInsensitive) == 0)
            revoked = signature.signer;
    }
    if (!revoked || !issuedByCa(*revoked, *caCert)) {
        return std::unexpected(Error{Error::Code::NotFound,
            tr("No certificate of %1 has the serial %2: none in the key folders' certificates/ (%3) and none "
               "among the signatures of the releases on offer.")
                .arg(name(), serial, m_keys.directories().join(u", "_s))});
    }
    if (auto earlier = current->revocation(revoked->serial())) {
        return std::unexpected(Error{Error::Code::Usage,
            tr("The certificate %1 (%2) was revoked on %3 (%4) already.")
                .arg(revoked->serial(), revoked->commonName(), day(earlier->date),
                    RevocationList::describe(earlier->reason))});
    }

    auto ca = authority();
    if (!ca)
        return std::unexpected(ca.error());
    std::vector<RevocationList::Revocation> entries = current->entries();
    entries.push_back({revoked->serial(), now, reason});
    auto list = publishList(*ca, *current, entries, now);
    if (!list)
        return std::unexpected(list.error());
    Revoked result{*revoked, *list, std::nullopt, {}, std::nullopt};

    std::vector<const Signature*> stale;
    for (const Signature& signature : *offered) {
        if (list->revocation(signature.signer.serial()))
            stale.push_back(&signature);
    }
    std::optional<Signer> signer;
    if (replace) {
        auto issued = issue(revoked->commonName(), days, now);
        if (!issued)
            return std::unexpected(issued.error());
        result.replacement = *issued;
        signer = *issued;
    } else if (!stale.empty()) {
        auto other = currentSigner(now, *list);
        if (!other)
            return std::unexpected(other.error());
        signer = *other;
    }
    if (!stale.empty() && !signer) {
        QStringList releases;
        for (const Signature* signature : stale)
            releases.append(releaseOf(signature->path));
        return std::unexpected(Error{Error::Code::Usage,
            tr("Revoking %1 would leave %2 on offer without a valid signature, and no other valid signer "
               "certificate has its key in the key folders given. Add --replace to issue a replacement, or "
               "\"cert issue\" one first.")
                .arg(revoked->serial(), releases.join(u", "_s))});
    }
    for (const Signature* signature : stale) {
        if (auto signedAgain = signManifest(signature->path.chopped(4), *signer, *caCert, now); !signedAgain)
            return std::unexpected(signedAgain.error());
        result.resigned.append(releaseOf(signature->path));
    }
    if (!stale.empty())
        result.resignedBy = signer->certificate;
    return result;
}

std::expected<PublisherIdentity::Signer, Error> PublisherIdentity::requiredSigner(const QDateTime& now)
{
    auto signer = currentSigner(now);
    if (!signer)
        return std::unexpected(signer.error());
    if (!*signer) {
        return std::unexpected(Error{Error::Code::NotFound,
            tr("%1 has a publisher identity (%2), so every release is signed, and the key folders given (%3) hold no "
               "valid signer certificate with its key. Make one with \"upkeep-publish cert issue %1 --keys DIR "
               "--signer NAME\".")
                .arg(m_repository, name(), m_keys.directories().join(u", "_s))});
    }
    return std::move(**signer);
}

std::expected<void, Error> PublisherIdentity::signManifest(
    const QString& manifestPath, const Signer& signer, const Certificate& ca, const QDateTime& now)
{
    const std::vector<RepositoryWriter::Target> targets = m_writer.targets();
    const QString signaturePath = manifestPath + u".p7s"_s;
    const auto isManifest
        = [&](const RepositoryWriter::Target& t) { return t.role != kTargets && t.path == manifestPath; };
    const auto manifest = std::ranges::find_if(targets, isManifest);
    if (manifest == targets.end()) {
        return std::unexpected(Error{Error::Code::NotFound,
            tr("%1 is on offer without the manifest it signs, %2.").arg(signaturePath, manifestPath)});
    }
    auto bytes = content(*manifest);
    if (!bytes)
        return std::unexpected(bytes.error());
    auto der = ManifestSigner::sign(*bytes, signer.certificate, signer.key, {ca}, now);
    if (!der)
        return std::unexpected(der.error());
    const auto listsSignature = [&](const QString& role) {
        return std::ranges::any_of(
            targets, [&](const RepositoryWriter::Target& t) { return t.role == role && t.path == signaturePath; });
    };
    if (std::ranges::any_of(targets, [&](const RepositoryWriter::Target& t) { return t.path == signaturePath; })) {
        if (auto replaced = m_writer.replaceTarget(signaturePath, *der); !replaced)
            return std::unexpected(replaced.error());
    }
    for (const RepositoryWriter::Target& target : targets) {
        if (!isManifest(target) || listsSignature(target.role))
            continue;
        if (auto added = m_writer.addTarget(target.role, signaturePath, *der, {}); !added)
            return std::unexpected(added.error());
    }
    return {};
}

std::expected<PublisherIdentity::Signed, Error> PublisherIdentity::signUnsigned(const QDateTime& now)
{
    auto ca = caCertificate();
    if (!ca)
        return std::unexpected(ca.error());
    auto list = revocationList();
    if (!list)
        return std::unexpected(list.error());
    auto signer = requiredSigner(now);
    if (!signer)
        return std::unexpected(signer.error());

    // The client's verdict on each manifest as each channel offers it, with the signature beside it there.
    const PublisherCheck check(*m_writer.root().publisher);
    const std::vector<RepositoryWriter::Target> targets = m_writer.targets();
    std::map<std::pair<QString, QString>, const RepositoryWriter::Target*> byRolePath;
    for (const RepositoryWriter::Target& target : targets)
        byRolePath.emplace(std::pair(target.role, target.path), &target);
    std::map<QString, bool> refused; // by manifest path
    for (const RepositoryWriter::Target& manifest : targets) {
        if (manifest.role == kTargets || !manifest.path.endsWith(kManifestSuffix))
            continue;
        bool& verdict = refused[manifest.path];
        if (verdict)
            continue;
        const auto signature = byRolePath.find(std::pair(manifest.role, manifest.path + u".p7s"_s));
        if (signature == byRolePath.end()) {
            verdict = true;
            continue;
        }
        auto manifestBytes = content(manifest);
        if (!manifestBytes)
            return std::unexpected(manifestBytes.error());
        // A signature file that does not match its metadata is one no client gets: made again too.
        auto signatureBytes = content(*signature->second);
        verdict = !signatureBytes || !check.verifyManifest(*manifestBytes, *signatureBytes, *list, now, manifest.path);
    }

    Signed result{signer->certificate, {}};
    for (const auto& [path, verdict] : refused) {
        if (!verdict)
            continue;
        if (auto made = signManifest(path, *signer, *ca, now); !made)
            return std::unexpected(made.error());
        result.releases.append(releaseOf(path));
    }
    return result;
}

bool PublisherIdentity::isDue(const RevocationList& list, const QDateTime& now)
{
    const qint64 lifetime = list.thisUpdate().secsTo(list.nextUpdate());
    return now.secsTo(list.nextUpdate()) < lifetime / 2;
}

std::expected<RevocationList, Error> PublisherIdentity::renewRevocationList(const QDateTime& now)
{
    auto current = revocationList();
    if (!current)
        return std::unexpected(current.error());
    auto ca = authority();
    if (!ca)
        return std::unexpected(ca.error());
    return publishList(*ca, *current, current->entries(), now);
}
