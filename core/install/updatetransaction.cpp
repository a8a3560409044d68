#include "updatetransaction.h"

#include "atomicfile.h"
#include "install/healthcheck.h"
#include "install/versioncheck.h"
#include "logging.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {
// Journal note of a user's rollback: recovery finishes it rather than undoing it.
const QString kRollbackNote = u"rollback"_s;
// Journal note of an install that reuses a kept version: recovery must not delete it.
const QString kKeptNote = u"kept"_s;
} // namespace

std::expected<void, Error> UpdateTransaction::journal(
    Journal::Step step, const QString& from, const QString& to, const QString& note)
{
    auto appended
        = Journal(m_layout.journal()).append(Journal::Entry{step, QDateTime::currentDateTimeUtc(), from, to, note});
    if (appended && m_observer)
        m_observer(step);
    return appended;
}

std::expected<History::Record, Error> UpdateTransaction::finish(History::Record record)
{
    if (auto written = History(m_layout.history()).append(record); !written)
        return std::unexpected(written.error());
    if (auto done = journal(Journal::Step::Done, record.from, record.to); !done)
        return std::unexpected(done.error());
    if (auto cleared = Journal(m_layout.journal()).clear(); !cleared)
        return std::unexpected(cleared.error());
    return record;
}

std::expected<Manifest, Error> UpdateTransaction::installedManifest(const Version& version) const
{
    QFile file(m_layout.manifestFile(version));
    if (!file.open(QIODevice::ReadOnly))
        return std::unexpected(Error{
            Error::Code::NotFound, tr("The manifest of the installed version %1 is missing.").arg(version.toString())});
    return Manifest::parse(file.readAll());
}

std::expected<void, Error> UpdateTransaction::ensureIntact(const Manifest& target, const Manifest* installed)
{
    const std::vector<VersionCheck::Damage> damage
        = VersionCheck::check(m_layout.versionFolder(target.version), target);
    if (damage.empty())
        return {};
    const QString what = VersionCheck::describe(damage);
    qCInfo(lcInstall) << "version" << target.version.toString() << "is damaged:" << what;
    Stager stager(m_layout, m_contents);
    stager.setContentFolder(m_contentFolder);
    if (auto repaired = stager.repair(target, installed); !repaired) {
        return std::unexpected(
            Error{repaired.error().code == Error::Code::Cancelled ? Error::Code::Cancelled : Error::Code::Mismatch,
                tr("Version %1 is damaged and could not be repaired, so Upkeep does not switch to it: %2. %3")
                    .arg(target.version.toString(), what, repaired.error().message)});
    }
    qCInfo(lcInstall) << "version" << target.version.toString() << "repaired";
    return {};
}

std::expected<void, Error> UpdateTransaction::ensureCurrent(const QString& version)
{
    auto running = m_layout.currentVersion();
    if (version.isEmpty()) {
        // A fresh install that did not finish: nothing may look installed.
        ::unlink(QFile::encodeName(m_layout.currentLink()).constData());
        return {};
    }
    auto wanted = Version::parse(version);
    if (!wanted)
        return std::unexpected(wanted.error());
    if (running && *running == *wanted)
        return {};
    return switchCurrent(m_layout, *wanted);
}

std::expected<History::Record, Error> UpdateTransaction::install(
    const Manifest& target, const QString& channel, const std::function<qint64()>& downloaded)
{
    QElapsedTimer timer;
    timer.start();
    if (auto recovered = recover(channel); !recovered)
        return std::unexpected(recovered.error());
    if (auto created = m_layout.create(); !created)
        return std::unexpected(created.error());

    auto running = m_layout.currentVersion();
    std::optional<Manifest> installed;
    if (running) {
        if (*running == target.version)
            return std::unexpected(
                Error{Error::Code::Usage, tr("Version %1 is already running.").arg(target.version.toString())});
        if (auto manifest = installedManifest(*running))
            installed = std::move(*manifest);
    }
    const QString from = running ? running->toString() : QString();
    const QString to = target.version.toString();
    History::Record record;
    record.time = QDateTime::currentDateTimeUtc();
    record.kind = running ? History::Kind::Update : History::Kind::Install;
    record.from = from;
    record.to = to;
    record.channel = channel;
    record.signer = m_signer;
    record.transfer = m_transfer;

    // A version kept from before (after a rollback, or left by a failed health check) is checked
    // against its manifest first, and repaired when it is damaged.
    const bool alreadyStaged = QFileInfo(m_layout.versionFolder(target.version)).isDir();
    if (auto begun = journal(Journal::Step::Begin, from, to, alreadyStaged ? kKeptNote : QString()); !begun)
        return std::unexpected(begun.error());
    std::expected<void, Error> staged;
    if (alreadyStaged) {
        staged = ensureIntact(target, installed ? &*installed : nullptr);
    } else {
        Stager stager(m_layout, m_contents);
        stager.setContentFolder(m_contentFolder);
        if (auto built = stager.stage(target, installed ? &*installed : nullptr); !built)
            staged = std::unexpected(built.error());
    }
    if (!staged) {
        record.kind = History::Kind::Failure;
        record.outcome = History::Outcome::Failed;
        record.reason = staged.error().message;
        record.durationMs = timer.elapsed();
        record.bytes = downloaded ? downloaded() : 0;
        if (auto finished = finish(record); !finished)
            return std::unexpected(finished.error());
        return std::unexpected(staged.error());
    }
    if (auto saved = writeFileAtomically(m_layout.manifestFile(target.version), target.toBytes()); !saved)
        return std::unexpected(saved.error());
    if (auto step = journal(Journal::Step::Staged, from, to); !step)
        return std::unexpected(step.error());

    if (auto switched = switchCurrent(m_layout, target.version); !switched)
        return std::unexpected(switched.error());
    if (auto step = journal(Journal::Step::Switched, from, to); !step)
        return std::unexpected(step.error());

    if (target.healthCheck) {
        const HealthCheck::Result check
            = HealthCheck(m_layout.versionFolder(target.version), target.app, *target.healthCheck).run();
        if (!check.passed) {
            qCWarning(lcInstall) << "health check of" << to << "failed:" << check.reason;
            if (auto back = ensureCurrent(from); !back)
                return std::unexpected(back.error());
            if (auto step = journal(Journal::Step::Reverted, from, to, check.reason); !step)
                return std::unexpected(step.error());
            record.outcome = running ? History::Outcome::RolledBackAutomatically : History::Outcome::Failed;
            record.reason = check.reason;
            record.healthOutput = check.output;
            record.durationMs = timer.elapsed();
            record.bytes = downloaded ? downloaded() : 0;
            return finish(record);
        }
    }
    if (auto step = journal(Journal::Step::Checked, from, to); !step)
        return std::unexpected(step.error());
    record.outcome = History::Outcome::Installed;
    record.durationMs = timer.elapsed();
    record.bytes = downloaded ? downloaded() : 0;
    auto finished = finish(record);
    if (finished)
        prune();
    return finished;
}

std::expected<History::Record, Error> UpdateTransaction::rollback(const Version& to, const QString& channel)
{
    if (auto recovered = recover(channel); !recovered)
        return std::unexpected(recovered.error());
    auto running = m_layout.currentVersion();
    if (!running)
        return std::unexpected(running.error());
    if (*running == to)
        return std::unexpected(Error{Error::Code::Usage, tr("Version %1 is already running.").arg(to.toString())});
    if (!QFileInfo(m_layout.versionFolder(to)).isDir()) {
        QStringList kept;
        for (const Version& version : m_layout.keptVersions())
            kept.append(version.toString());
        return std::unexpected(Error{Error::Code::NotFound,
            tr("Version %1 is not kept here; the kept versions are %2.").arg(to.toString(), kept.join(u", "_s))});
    }
    QElapsedTimer timer;
    timer.start();
    auto target = installedManifest(to);
    if (!target)
        return std::unexpected(Error{target.error().code,
            tr("Version %1 cannot be checked before going back to it: %2").arg(to.toString(), target.error().message)});
    const auto installed = installedManifest(*running);
    if (auto intact = ensureIntact(*target, installed ? &*installed : nullptr); !intact)
        return std::unexpected(intact.error());
    const QString from = running->toString();
    if (auto begun = journal(Journal::Step::Begin, from, to.toString(), kRollbackNote); !begun)
        return std::unexpected(begun.error());
    if (auto switched = switchCurrent(m_layout, to); !switched)
        return std::unexpected(switched.error());
    if (auto step = journal(Journal::Step::Switched, from, to.toString(), kRollbackNote); !step)
        return std::unexpected(step.error());
    History::Record record;
    record.time = QDateTime::currentDateTimeUtc();
    record.kind = History::Kind::Rollback;
    record.from = from;
    record.to = to.toString();
    record.channel = channel;
    record.outcome = History::Outcome::RolledBackByUser;
    record.durationMs = timer.elapsed();
    return finish(record);
}

std::expected<std::optional<History::Record>, Error> UpdateTransaction::recover(const QString& channel)
{
    auto pending = Journal(m_layout.journal()).pending();
    if (!pending)
        return std::unexpected(pending.error());
    if (pending->empty())
        return std::optional<History::Record>();
    const Journal::Entry& first = pending->front();
    const Journal::Step last = pending->back().step;
    History::Record record;
    record.time = QDateTime::currentDateTimeUtc();
    record.from = first.from;
    record.to = first.to;
    record.channel = channel;
    record.kind = first.from.isEmpty() ? History::Kind::Install : History::Kind::Update;
    qCInfo(lcInstall) << "recovering a change" << first.from << "->" << first.to << "stopped after"
                      << Journal::toString(last);

    if (first.note == kRollbackNote) {
        // The user chose the older version, and it is complete: finish the switch.
        if (auto done = ensureCurrent(first.to); !done)
            return std::unexpected(done.error());
        record.kind = History::Kind::Rollback;
        record.outcome = History::Outcome::RolledBackByUser;
        record.reason = tr("Finished after an interruption.");
    } else if (last == Journal::Step::Checked) {
        // The new version passed its health check; only the record was missing.
        if (auto done = ensureCurrent(first.to); !done)
            return std::unexpected(done.error());
        record.outcome = History::Outcome::Installed;
        record.reason = tr("Finished after an interruption.");
    } else if (last == Journal::Step::Reverted) {
        if (auto done = ensureCurrent(first.from); !done)
            return std::unexpected(done.error());
        record.outcome = first.from.isEmpty() ? History::Outcome::Failed : History::Outcome::RolledBackAutomatically;
        record.reason = pending->back().note;
    } else {
        // Before the health check passed: undo. The previous version runs again and the
        // unfinished one is removed, so that the next attempt starts clean.
        if (auto done = ensureCurrent(first.from); !done)
            return std::unexpected(done.error());
        if (auto version = Version::parse(first.to)) {
            removeVersionFolder(m_layout.stagingFolder(*version));
            if (first.to != first.from && first.note != kKeptNote) {
                removeVersionFolder(m_layout.versionFolder(*version));
                QFile::remove(m_layout.manifestFile(*version));
            }
        }
        record.outcome = History::Outcome::Interrupted;
        record.reason = first.from.isEmpty()
            ? tr("The installation of %1 was interrupted; nothing is installed yet.").arg(first.to)
            : tr("The update to %1 was interrupted; %2 runs as before.").arg(first.to, first.from);
    }
    auto finished = finish(record);
    if (!finished)
        return std::unexpected(finished.error());
    return std::optional<History::Record>(*finished);
}

std::expected<std::vector<Version>, Error> UpdateTransaction::prune(int keep)
{
    auto running = m_layout.currentVersion();
    std::optional<Version> previous;
    if (auto records = History(m_layout.history()).records(); records) {
        for (auto it = records->rbegin(); it != records->rend(); ++it) {
            if (it->outcome == History::Outcome::Installed || it->outcome == History::Outcome::RolledBackByUser) {
                if (auto version = Version::parse(it->from))
                    previous = *version;
                break;
            }
        }
    }
    std::vector<Version> kept = m_layout.keptVersions(); // oldest first
    std::vector<Version> removed;
    for (const Version& version : kept) {
        if (qsizetype(kept.size() - removed.size()) <= keep)
            break;
        if ((running && version == *running) || (previous && version == *previous))
            continue;
        if (!removeVersionFolder(m_layout.versionFolder(version)))
            return std::unexpected(
                Error{Error::Code::Io, tr("Cannot remove the old version %1.").arg(version.toString())});
        QFile::remove(m_layout.manifestFile(version));
        removed.push_back(version);
    }
    return removed;
}
