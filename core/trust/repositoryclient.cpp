#include "repositoryclient.h"

#include "atomicfile.h"
#include "logging.h"

#include <QFile>
#include <QUrl>

#include <deque>
#include <set>

using namespace Qt::StringLiterals;

namespace {
const QString kMetadata = u"metadata/"_s;
const QString kTargetsFolder = u"targets/"_s;

// Which failure decides the outcome when no mirror served a file that verifies: a mirror that says
// it does not have the file, then one that served something that failed verification (which is
// treated like a mirror without the file, but says more than one that did not answer at all), then
// one that did not answer. So a lying mirror never hides the answer of an honest one (a root
// chain that ends, say), and a dead mirror never hides what a live one said.
int significance(Error::Code code)
{
    switch (code) {
    case Error::Code::Network: return 0;
    case Error::Code::NotFound: return 2;
    default: return 1;
    }
}

// What the mirrors said when none served a file that verifies: one error naming each of them.
class MirrorFailures
{
public:
    explicit MirrorFailures(size_t mirrors)
        : m_several(mirrors > 1)
    { }

    void add(const QString& mirror, const QString& path, const Error& error)
    {
        qCInfo(lcTrust) << mirror << path << error.message;
        m_problems.append(m_several ? mirror + u": "_s + error.message : error.message);
        if (!m_worst || significance(error.code) > significance(m_worst->code))
            m_worst = error;
    }

    [[nodiscard]] Error error() const
    {
        if (!m_worst)
            return Error{Error::Code::Usage, RepositoryClient::tr("No repository address is configured.")};
        return Error{m_worst->code, m_problems.join(u"; "_s)};
    }

private:
    bool m_several = false;
    QStringList m_problems;
    std::optional<Error> m_worst;
};

// Role names become file names; anything unusual in them is percent-encoded, as other clients do.
QString roleFileName(const QString& role)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(role));
}
} // namespace

RepositoryClient::RepositoryClient(
    std::vector<std::shared_ptr<RepositorySource>> mirrors, QString stateFile, Limits limits)
    : m_mirrors(std::move(mirrors))
    , m_stateFile(std::move(stateFile))
    , m_limits(limits)
{ }

std::expected<void, Error> RepositoryClient::trustRoot(const QString& stateFile, QByteArrayView rootBytes)
{
    auto set = TrustedSet::fromRoot(rootBytes);
    if (!set)
        return std::unexpected(set.error());
    QFile::remove(TimestampValidators::fileBeside(stateFile)); // they name timestamps of another trusted state
    return writeFileAtomically(stateFile, set->save());
}

std::expected<void, Error> RepositoryClient::loadState()
{
    if (m_trusted)
        return {};
    QFile file(m_stateFile);
    if (!file.open(QIODevice::ReadOnly)) {
        return std::unexpected(Error{
            Error::Code::Io, tr("Cannot read the trusted metadata %1: %2.").arg(m_stateFile, file.errorString())});
    }
    auto set = TrustedSet::load(file.readAll());
    if (!set)
        return std::unexpected(set.error());
    m_trusted = std::move(*set);
    return {};
}

std::expected<const TrustedSet*, Error> RepositoryClient::trusted()
{
    if (auto loaded = loadState(); !loaded)
        return std::unexpected(loaded.error());
    return &*m_trusted;
}

std::expected<QByteArray, Error> RepositoryClient::fetchFromMirrors(
    const QString& path, qint64 maxLength, const std::function<std::expected<void, Error>(QByteArrayView)>& accept)
{
    MirrorFailures failures(m_mirrors.size());
    for (const auto& mirror : m_mirrors) {
        auto bytes = mirror->fetch(path, maxLength);
        if (bytes) {
            auto accepted = accept(*bytes);
            if (accepted)
                return *bytes;
            bytes = std::unexpected(accepted.error());
        }
        failures.add(mirror->name(), path, bytes.error());
    }
    return std::unexpected(failures.error());
}

std::expected<void, Error> RepositoryClient::refresh(const QDateTime& now)
{
    if (auto loaded = loadState(); !loaded)
        return std::unexpected(loaded.error());
    TrustedSet work = *m_trusted; // the trusted set changes only if every step succeeds

    // 5.3: every intermediate root, one version at a time.
    for (int i = 0; i < m_limits.maxRootRotations; ++i) {
        const QString path = kMetadata + u"%1.root.json"_s.arg(work.root().header.version + 1);
        auto next = fetchFromMirrors(path, m_limits.root, [&](QByteArrayView bytes) { return work.updateRoot(bytes); });
        if (!next && next.error().code == Error::Code::NotFound)
            break;
        if (!next)
            return std::unexpected(next.error());
    }
    if (auto fresh = work.checkRoot(now); !fresh)
        return std::unexpected(fresh.error());

    // 5.4 and 5.5: timestamp, then the snapshot it names unless it is the one already trusted (and
    // still valid); each targets role below likewise. So a check with nothing new costs the root
    // probe and the timestamp, and the expiry of everything kept is still checked against `now`.
    TimestampValidators validators = TimestampValidators::load(TimestampValidators::fileBeside(m_stateFile));
    if (auto timestamp = refreshTimestamp(work, validators, now); !timestamp)
        return std::unexpected(timestamp.error());
    if (!work.keepsSnapshot(now)) {
        const bool consistent = work.root().consistentSnapshot;
        const MetaFileInfo& snapshotInfo = work.timestamp()->snapshot;
        const QString snapshotPath
            = kMetadata + (consistent ? u"%1.snapshot.json"_s.arg(snapshotInfo.version) : u"snapshot.json"_s);
        auto snapshot = fetchFromMirrors(snapshotPath, snapshotInfo.length.value_or(m_limits.snapshot),
            [&](QByteArrayView bytes) { return work.updateSnapshot(bytes, now); });
        if (!snapshot)
            return std::unexpected(snapshot.error());
    }

    // 5.6: the top-level targets role and the roles it delegates to, breadth first. First the
    // roles the caller needs, each of which must load; then the others, each left out when it does
    // not load, and only while the limit on delegations leaves room, so that a role nobody here
    // follows can neither fail the refresh nor crowd out the roles that matter. With a target
    // folder, a role below the channels loads only when its paths may match under that folder, and
    // the limit bounds the roles one application's lookup loads, not the roles the repository has.
    const size_t maxRoles
        = m_targetFolder.isEmpty() ? size_t(TrustedSet::kMaxRoles) : size_t(TrustedSet::kMaxDelegations);
    const QString top = u"targets"_s;
    std::deque<std::pair<QString, QString>> required{{top, u"root"_s}};
    std::deque<std::pair<QString, QString>> optional;
    std::set<QString> tried;
    std::set<QString> loaded;
    auto delegate = [&](const QString& role, bool needed) {
        const auto& delegations = work.targets(role)->delegations;
        if (!delegations)
            return;
        for (const DelegatedRole& child : delegations->roles) {
            // A channel comes through the top-level delegation alone, as in a plain breadth-first
            // walk, even when the walk reaches a needed role's delegation of that name first.
            if (role != top && work.targets()->delegatedRole(child.name))
                continue;
            if (role != top && !m_targetFolder.isEmpty() && !child.mayMatchUnder(m_targetFolder))
                continue;
            const bool childNeeded = needed && (role != top || !m_requiredRoles || m_requiredRoles(work, child.name));
            (childNeeded ? required : optional).emplace_back(child.name, role);
        }
    };
    while (!required.empty()) {
        const auto [role, parent] = required.front();
        required.pop_front();
        if (!tried.insert(role).second)
            continue; // delegations may form a cycle; each role is loaded once
        if (loaded.size() >= maxRoles) {
            return std::unexpected(
                Error{Error::Code::LimitExceeded, tr("The repository delegates to more than %1 roles.").arg(maxRoles)});
        }
        if (auto fetched = updateTargets(work, role, parent, now); !fetched)
            return std::unexpected(fetched.error());
        loaded.insert(role);
        delegate(role, true);
    }
    while (!optional.empty()) {
        const auto [role, parent] = optional.front();
        optional.pop_front();
        if (!tried.insert(role).second)
            continue;
        if (loaded.size() >= maxRoles) {
            qCInfo(lcTrust) << "role" << role << "left out: the repository delegates to more than" << maxRoles
                            << "roles";
            continue;
        }
        if (auto fetched = updateTargets(work, role, parent, now); !fetched) {
            qCInfo(lcTrust) << "role" << role << "left out:" << fetched.error().message;
            continue;
        }
        loaded.insert(role);
        delegate(role, false);
    }
    work.retainTargets(loaded);

    if (auto saved = writeFileAtomically(m_stateFile, work.save()); !saved)
        return std::unexpected(saved.error());
    m_trusted = std::move(work);
    // Only now: an ETag kept for a timestamp newer than the trusted one would make a mirror's 304
    // hide that timestamp.
    validators.save();
    return {};
}

std::expected<void, Error> RepositoryClient::refreshTimestamp(
    TrustedSet& work, TimestampValidators& validators, const QDateTime& now)
{
    // A mirror that replays the timestamp already trusted (still valid, so not refused) would hide
    // a newer one on another mirror for as long as it liked. Unless the first answer is newer than
    // the trusted one, every mirror is asked, and the newest timestamp that verifies wins.
    const QString path = kMetadata + u"timestamp.json"_s;
    const qint64 trusted = work.timestamp() ? work.timestamp()->header.version : 0;
    std::optional<TrustedSet> best;
    MirrorFailures failures(m_mirrors.size());

    // A mirror asked with If-None-Match may answer 304: its timestamp.json is still the one it sent
    // with that ETag, which verified then and is no newer than the trusted one (ETags are kept only
    // with the trusted state they led to). That is what a mirror replaying the trusted timestamp
    // says, and it is taken the same way: nothing newer here, and the trusted timestamp must still
    // be valid. So a 304, forged or not, can hold the client at what it trusts only until that
    // expires, as a replay can; and once it has expired the mirror is asked for the file itself,
    // so that a re-signed timestamp with a colliding ETag cannot be missed.
    for (const auto& mirror : m_mirrors) {
        TrustedSet candidate = work;
        const QByteArray validator = work.timestamp() ? validators.of(mirror->name()) : QByteArray();
        auto fetched = mirror->fetchIfChanged(path, m_limits.timestamp, validator);
        if (fetched && !fetched->bytes && !candidate.checkTimestampUnchanged(now))
            fetched = mirror->fetchIfChanged(path, m_limits.timestamp, {});
        if (fetched) {
            auto accepted = fetched->bytes ? candidate.updateTimestamp(*fetched->bytes, now)
                                           : candidate.checkTimestampUnchanged(now);
            if (!accepted)
                fetched = std::unexpected(accepted.error());
        }
        if (!fetched) {
            validators.set(mirror->name(), {});
            failures.add(mirror->name(), path, fetched.error());
            continue;
        }
        validators.set(mirror->name(), fetched->validator);
        const qint64 version = candidate.timestamp()->header.version;
        if (!best || version > best->timestamp()->header.version)
            best = std::move(candidate);
        if (version > trusted)
            break;
    }
    if (!best)
        return std::unexpected(failures.error());
    work = std::move(*best);
    return {};
}

std::expected<void, Error> RepositoryClient::updateTargets(
    TrustedSet& work, const QString& role, const QString& parent, const QDateTime& now)
{
    if (work.keepsTargets(role, parent, now))
        return {};
    const MetaFileInfo* info = work.snapshotEntry(role);
    if (!info)
        return std::unexpected(
            Error{Error::Code::NotFound, tr("The snapshot does not list the role \"%1\".").arg(role)});
    const QString name = roleFileName(role) + u".json"_s;
    const QString path = kMetadata + (work.root().consistentSnapshot ? u"%1.%2"_s.arg(info->version).arg(name) : name);
    auto fetched = fetchFromMirrors(path, info->length.value_or(m_limits.targets),
        [&](QByteArrayView bytes) { return work.updateTargets(role, parent, bytes, now); });
    if (!fetched)
        return std::unexpected(fetched.error());
    return {};
}

QString RepositoryClient::targetFileName(const QString& path, const TargetFileInfo& info, bool consistent)
{
    if (!consistent)
        return path;
    QString digest = info.hashes.sha256();
    if (digest.isEmpty()) {
        const JsonObject& all = info.hashes.toJson().toObject();
        if (!all.empty())
            digest = all.begin()->second.toString();
    }
    const qsizetype slash = path.lastIndexOf(u'/');
    return path.left(slash + 1) + digest + u'.' + path.mid(slash + 1);
}

std::expected<QByteArray, Error> RepositoryClient::fetchTarget(const QString& path)
{
    auto set = trusted();
    if (!set)
        return std::unexpected(set.error());
    auto found = (*set)->findTarget(path);
    if (!found)
        return std::unexpected(found.error());
    if (!RepositorySource::isSafePath(path))
        return std::unexpected(
            Error{Error::Code::InvalidInput, tr("Refused the unsafe target path \"%1\".").arg(path)});
    const QString file = kTargetsFolder + targetFileName(path, found->info, (*set)->root().consistentSnapshot);
    return fetchFromMirrors(
        file, found->info.length, [&](QByteArrayView bytes) { return found->info.verify(bytes, path); });
}

std::expected<RepositoryClient::Audit, Error> RepositoryClient::verifyAllTargets()
{
    auto set = trusted();
    if (!set)
        return std::unexpected(set.error());
    Audit audit;
    std::set<QString> checked;
    for (const QString& role : (*set)->targetsRoles()) {
        for (const auto& [path, info] : (*set)->targets(role)->targets) {
            if (!checked.insert(path).second)
                continue;
            // Check the file the delegation search resolves to, as a client would download it.
            auto fetched = fetchTarget(path);
            if (fetched)
                ++audit.verified;
            else if (fetched.error().message.contains(path))
                audit.problems.push_back(fetched.error());
            else
                audit.problems.push_back(fetched.error().prefixed(path));
        }
    }
    return audit;
}

std::expected<QByteArray, Error> RepositoryClient::fetchVerified(
    const QString& path, qint64 length, const QString& sha256)
{
    if (!RepositorySource::isSafePath(path))
        return std::unexpected(RepositorySource::unsafePath(path));
    TargetFileInfo info;
    info.length = length;
    info.hashes = FileHashes::fromSha256(sha256);
    return fetchFromMirrors(path, length, [&](QByteArrayView bytes) { return info.verify(bytes, path); });
}
