#include "fetcher.h"

#include "logging.h"
#include "net/httpexchange.h"
#include "net/httprequestpolicy.h"
#include "net/mirroraddress.h"
#include "net/partialfile.h"
#include "net/ratesampler.h"
#include "net/repositorysource.h"
#include "net/responseclassifier.h"
#include "net/retrypolicy.h"

#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QTimer>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

using Clock = std::chrono::steady_clock;
using Action = ResponseClassifier::Action;
using Next = RetryPolicy::Next;

constexpr auto kTick = 25ms; // how often pause, cancel, stalls, the limit and retries are looked at
constexpr auto kProgressInterval = 100ms;
constexpr qint64 kChunk = 256 * 1024; // the most bytes taken from a transfer at once
constexpr qint64 kTurn = 4 * kChunk;  // and in one turn, before the others and the event loop have theirs

} // namespace

// The state of one fetch(): the items as jobs, the transfers under way as attempts, all driven by
// one local event loop. Every QObject here lives on the fetching thread.
class Fetcher::Run
{
public:
    Run(Fetcher& owner, std::vector<MirrorAddress> mirrors, const std::vector<Item>& items);
    ~Run();
    Q_DISABLE_COPY(Run)

    std::expected<void, Error> exec();

private:
    enum class State { Waiting, Active, Done };

    struct Job {
        Item item;
        std::unique_ptr<PartialFile> part;
        State state = State::Waiting;
        int mirror = 0;
        int failures = 0; // on this mirror
        Clock::time_point notBefore;
        qint64 have = 0;                        // bytes at hand
        qint64 reached = 0;                     // the most bytes the part ever held
        std::vector<std::optional<Error>> said; // each mirror's last failure, for the final error
    };

    // One transfer of one job from one mirror: an HTTP exchange (with its redirects) or a copy.
    struct Attempt {
        Job* job = nullptr;
        int mirror = 0;
        std::unique_ptr<HttpExchange> exchange; // http and https
        std::unique_ptr<QFile> source;          // folders
        bool accepted = false;                  // the answer is good so far: its body goes into the part
        bool ended = false;                     // nothing more will come; what came may still wait to be taken
        bool over = false;
        bool pausedMeanwhile = false;
        Clock::time_point lastByte;
    };

    void tick();
    void deleteSpent();
    void startDue();
    void start(Job& job);
    void request(Attempt& attempt);
    void openSource(Attempt& attempt);
    void onAnswer(Attempt& attempt);
    void pump(Attempt& attempt);
    void pumpAll();
    void take(Attempt& attempt, const QByteArray& bytes);
    void conclude(Attempt& attempt);
    // Checks and puts in place a complete part: true when that ends the attempt (the file is in
    // place, or the disk failed and so did the run), false when the part was wrong and is gone.
    bool finishPart(Attempt& attempt);
    // Empties the job's part: what comes next is the file from its first byte. False when that
    // failed, and so did the run.
    bool restartPart(Attempt& attempt);
    void succeed(Attempt& attempt);
    void fail(Attempt& attempt, const Error& error, Next next);
    // The whole download fails (the local disk, the configuration).
    void stop(Attempt& attempt, const Error& error);
    void detach(Attempt& attempt);
    void finishRun(std::expected<void, Error> result);
    void report(bool last);

    [[nodiscard]] qint64 available(const Attempt& attempt) const;
    [[nodiscard]] int active() const;
    [[nodiscard]] QString where(const Attempt& attempt) const;
    [[nodiscard]] Error finalError(const Job& job) const;

    Fetcher& m_owner;
    const Options& m_options;
    TransferControl& m_control;
    std::vector<MirrorAddress> m_mirrors;
    std::vector<Job> m_jobs;
    int m_parallel;
    RetryPolicy m_retry;
    HttpRequestPolicy m_policy;
    std::unique_ptr<QNetworkAccessManager> m_manager;
    std::vector<std::unique_ptr<Attempt>> m_attempts; // deleted outside their exchanges' signals
    QObject m_context;                                // the receiver of every exchange's signals
    QEventLoop m_loop;
    QTimer m_tick;
    QTimer m_soon;      // tidies up, pumps and starts what is due once the event loop is free
    qint64 m_limit = 0; // the shared limiter's, as last seen: the read-ahead follows it
    bool m_paused = false;
    std::optional<std::expected<void, Error>> m_result;
    qint64 m_total = 0;
    qint64 m_received = 0; // bytes taken from mirrors, for the rate
    RateSampler m_rate;
    Clock::time_point m_lastReport;
    size_t m_turn = 0; // who is pumped first, so that a tight limit is shared
};

Fetcher::Run::Run(Fetcher& owner, std::vector<MirrorAddress> mirrors, const std::vector<Item>& items)
    : m_owner(owner)
    , m_options(owner.m_options)
    , m_control(*owner.m_control)
    , m_mirrors(std::move(mirrors))
    , m_parallel(std::clamp(owner.m_options.parallel, 1, kMaxParallel))
    , m_retry(owner.m_options.attemptsPerMirror, owner.m_options.firstBackoff)
    , m_policy(owner.m_options.caFile, owner.m_options.credentials)
    , m_manager(std::make_unique<QNetworkAccessManager>())
{
    m_jobs.reserve(items.size()); // attempts point into it
    for (const Item& item : items) {
        Job job;
        job.item = item;
        job.part = std::make_unique<PartialFile>(item.destination, item.length, item.sha256, item.verify);
        job.said.resize(m_mirrors.size());
        m_total += item.length;
        m_jobs.push_back(std::move(job));
    }
    m_tick.setInterval(kTick);
    m_soon.setSingleShot(true);
    m_soon.setInterval(0);
    QObject::connect(&m_tick, &QTimer::timeout, &m_context, [this] { tick(); });
    QObject::connect(&m_soon, &QTimer::timeout, &m_context, [this] {
        deleteSpent();
        pumpAll();
        startDue();
    });
}

Fetcher::Run::~Run()
{
    for (const auto& attempt : m_attempts)
        detach(*attempt);
    m_tick.stop();
    m_soon.stop();
    m_attempts.clear();
    m_manager.reset();
}

std::expected<void, Error> Fetcher::Run::exec()
{
    if (m_control.isCancelled())
        return std::unexpected(Error{Error::Code::Cancelled, tr("The download was cancelled.")});
    bool allDone = true;
    for (Job& job : m_jobs) {
        if (PartialFile::isInPlace(job.item.destination, job.item.length, job.item.sha256, job.item.verify)) {
            job.state = State::Done;
            job.have = job.item.length;
            if (QFileInfo::exists(job.part->path()))
                job.part->discard(); // left over from before the destination was finished
        } else {
            job.have = job.part->sizeOnDisk();
            allDone = false;
        }
    }
    if (allDone) {
        report(true);
        return {};
    }

    m_lastReport = Clock::now();
    m_rate.add(m_lastReport, 0);
    m_paused = m_control.isPaused();
    m_limit = m_control.limiter().limit();
    m_tick.start();
    startDue();
    if (!m_result)
        m_loop.exec(QEventLoop::ExcludeUserInputEvents);
    m_tick.stop();
    m_soon.stop();
    report(true);
    if (!m_result) // the thread was told to quit, which ends every event loop on it
        return std::unexpected(Error{Error::Code::Cancelled, tr("The download was cancelled.")});
    return *m_result;
}

void Fetcher::Run::tick()
{
    if (m_result)
        return;
    if (m_control.isCancelled()) {
        finishRun(std::unexpected(Error{Error::Code::Cancelled, tr("The download was cancelled.")}));
        return;
    }
    deleteSpent();

    m_paused = m_control.isPaused();
    if (const qint64 limit = m_control.limiter().limit(); limit != m_limit) {
        m_limit = limit;
        for (const auto& attempt : m_attempts) {
            if (attempt->exchange && !attempt->over)
                attempt->exchange->setReadAhead(BandwidthLimiter::readAhead(limit));
        }
    }
    pumpAll();

    const auto now = Clock::now();
    for (size_t i = 0; i < m_attempts.size(); ++i) {
        Attempt& attempt = *m_attempts[i];
        if (attempt.over)
            continue;
        if (m_paused)
            attempt.pausedMeanwhile = true;
        // Bytes waiting to be taken (a limit, a pause) mean the server is not the one that stalls.
        if (m_paused || !attempt.exchange || attempt.ended || available(attempt) > 0) {
            attempt.lastByte = now;
            continue;
        }
        if (now - attempt.lastByte >= m_options.stallTimeout) {
            // A connection that died while paused shows as silence once resumed: not counted.
            fail(attempt, ResponseClassifier::stalled(attempt.exchange->url(), m_options.stallTimeout),
                attempt.pausedMeanwhile ? Next::RetryNow : Next::Retry);
        }
    }
    startDue();
    report(false);
}

void Fetcher::Run::deleteSpent()
{
    // Called from timers only, never from an exchange's own signals.
    std::erase_if(m_attempts, [](const std::unique_ptr<Attempt>& attempt) { return attempt->over; });
}

void Fetcher::Run::startDue()
{
    if (m_result || m_control.isPaused() || m_control.isCancelled())
        return;
    const auto now = Clock::now();
    for (Job& job : m_jobs) {
        if (m_result || active() >= m_parallel)
            return;
        if (job.state == State::Waiting && job.notBefore <= now)
            start(job);
    }
}

void Fetcher::Run::start(Job& job)
{
    job.state = State::Active;
    auto owned = std::make_unique<Attempt>();
    Attempt& attempt = *owned;
    m_attempts.push_back(std::move(owned));
    attempt.job = &job;
    attempt.mirror = job.mirror;
    attempt.lastByte = Clock::now();

    if (auto opened = job.part->open(); !opened) {
        stop(attempt, opened.error());
        return;
    }
    job.have = job.part->size();
    job.reached = std::max(job.reached, job.have);
    if (job.part->missing() == 0) {
        // Complete from an earlier run: only its check (sha256, or what it makes) is left. One that fails
        // is nobody's failure here; it goes and the download starts over.
        if (finishPart(attempt))
            return;
        qCDebug(lcNet) << job.part->path() << "was complete but corrupt; starting over";
        job.have = 0;
        if (auto reopened = job.part->open(); !reopened) {
            stop(attempt, reopened.error());
            return;
        }
    }
    if (m_mirrors[size_t(attempt.mirror)].isFolder())
        openSource(attempt);
    else
        request(attempt);
}

void Fetcher::Run::request(Attempt& attempt)
{
    const QUrl url = HttpRequestPolicy::fileUrl(m_mirrors[size_t(attempt.mirror)].server(), attempt.job->item.path);
    attempt.exchange = std::make_unique<HttpExchange>(*m_manager, m_policy, url,
        HttpExchange::Options{.from = attempt.job->part->size(), .readAhead = BandwidthLimiter::readAhead(m_limit)});
    Attempt* const pointer = &attempt;
    HttpExchange* const exchange = attempt.exchange.get();
    QObject::connect(exchange, &HttpExchange::answered, &m_context, [this, pointer] { onAnswer(*pointer); });
    QObject::connect(exchange, &HttpExchange::readyRead, &m_context, [this, pointer] { pump(*pointer); });
    QObject::connect(exchange, &HttpExchange::finished, &m_context, [this, pointer] {
        pointer->ended = true;
        pump(*pointer);
    });
    if (auto started = exchange->start(); !started)
        stop(attempt, started.error());
}

void Fetcher::Run::openSource(Attempt& attempt)
{
    const Job& job = *attempt.job;
    const MirrorAddress& mirror = m_mirrors[size_t(attempt.mirror)];
    const QString file = mirror.folder() + u'/' + job.item.path;
    const QFileInfo info(file);
    if (!info.isFile()) {
        fail(attempt, RepositorySource::noFile(mirror.name(), job.item.path), Next::NextMirror);
        return;
    }
    if (info.size() != job.item.length) {
        const bool longer = info.size() > job.item.length;
        fail(attempt,
            Error{longer ? Error::Code::LimitExceeded : Error::Code::Mismatch,
                tr("%1 is %2 bytes where the signed metadata gives %3.")
                    .arg(file)
                    .arg(info.size())
                    .arg(job.item.length)},
            Next::NextMirror);
        return;
    }
    attempt.source = std::make_unique<QFile>(file);
    const qint64 from = job.part->size();
    if (!attempt.source->open(QIODevice::ReadOnly) || !attempt.source->seek(from)) {
        fail(attempt, Error{Error::Code::Io, tr("Cannot read %1: %2.").arg(file, attempt.source->errorString())},
            Next::Retry);
        return;
    }
    qCDebug(lcNet) << "copying" << file << "from byte" << from;
    m_soon.start();
}

void Fetcher::Run::onAnswer(Attempt& attempt)
{
    if (attempt.over || attempt.accepted)
        return;
    attempt.lastByte = Clock::now();
    Job& job = *attempt.job;
    const ResponseClassifier::Request asked{
        m_mirrors[size_t(attempt.mirror)].name(), job.item.path, job.part->size(), job.item.length, true};
    const ResponseClassifier::Verdict verdict = ResponseClassifier::classify(asked, attempt.exchange->answer());
    switch (verdict.action) {
    case Action::Restart:
        qCDebug(lcNet) << where(attempt) << "ignores Range; taking the whole file again";
        if (!restartPart(attempt))
            return;
        [[fallthrough]];
    case Action::Accept:
        attempt.accepted = true;
        pump(attempt);
        return;
    case Action::RetryFromStart:
        if (restartPart(attempt))
            fail(attempt, *verdict.error, Next::RetryNow);
        return;
    case Action::Retry:
    case Action::Redirect: // the exchange follows redirects before an answer comes
        fail(attempt, verdict.error.value_or(ResponseClassifier::statusError(attempt.exchange->answer())), Next::Retry);
        return;
    case Action::NextMirror: fail(attempt, *verdict.error, Next::NextMirror); return;
    case Action::Stop: stop(attempt, *verdict.error); return;
    }
}

qint64 Fetcher::Run::available(const Attempt& attempt) const
{
    if (attempt.exchange)
        return attempt.accepted ? attempt.exchange->bytesAvailable() : 0;
    if (attempt.source)
        return std::max<qint64>(attempt.source->size() - attempt.source->pos(), 0);
    return 0;
}

void Fetcher::Run::pump(Attempt& attempt)
{
    qint64 turn = kTurn;
    while (!attempt.over && !m_paused && turn > 0) {
        const qint64 ready = available(attempt);
        if (ready <= 0)
            break;
        // One byte past the length is enough to know the body is too long.
        const qint64 wanted = std::min({ready, kChunk, turn, attempt.job->part->missing() + 1});
        const qint64 allowed = m_control.limiter().take(wanted, Clock::now());
        if (allowed <= 0)
            break; // the next tick brings more
        const QByteArray bytes = attempt.exchange ? attempt.exchange->read(allowed) : attempt.source->read(allowed);
        if (bytes.isEmpty()) {
            if (attempt.source) {
                fail(attempt,
                    Error{Error::Code::Io,
                        tr("Cannot read %1: %2.").arg(attempt.source->fileName(), attempt.source->errorString())},
                    Next::Retry);
            }
            return;
        }
        turn -= bytes.size();
        take(attempt, bytes);
    }
    if (attempt.over)
        return;
    if (attempt.source && attempt.source->atEnd())
        attempt.ended = true;
    if (attempt.ended && available(attempt) == 0)
        conclude(attempt);
    else if (turn <= 0)
        m_soon.start(); // more is there: after the others have had their turn
}

void Fetcher::Run::pumpAll()
{
    if (m_attempts.empty())
        return;
    // Replies may end, and jobs start, while the others are pumped: go by a list made first.
    std::vector<Attempt*> order;
    order.reserve(m_attempts.size());
    for (const auto& attempt : m_attempts)
        order.push_back(attempt.get());
    std::rotate(order.begin(), order.begin() + std::ptrdiff_t(m_turn++ % order.size()), order.end());
    for (Attempt* attempt : order) {
        if (m_result)
            return;
        if (!attempt->over)
            pump(*attempt);
    }
}

void Fetcher::Run::take(Attempt& attempt, const QByteArray& bytes)
{
    Job& job = *attempt.job;
    attempt.lastByte = Clock::now();
    m_received += bytes.size();
    m_owner.m_received += bytes.size();
    if (bytes.size() > job.part->missing()) {
        // More than the signed length: whatever this is, it is not the file.
        job.part->discard();
        job.have = 0;
        fail(attempt, RepositorySource::tooLong(where(attempt), job.item.length), Next::NextMirror);
        return;
    }
    if (auto appended = job.part->append(bytes); !appended) {
        stop(attempt, appended.error());
        return;
    }
    job.have = job.part->size();
}

void Fetcher::Run::conclude(Attempt& attempt)
{
    Job& job = *attempt.job;
    if (job.part->missing() == 0 && (attempt.accepted || attempt.source)) {
        if (finishPart(attempt))
            return;
        job.have = 0;
        QString message = tr("The copy of %1 from %2 does not match the signed metadata; it was discarded.")
                              .arg(job.item.path, m_mirrors[size_t(attempt.mirror)].name());
        if (!job.part->refusal().isEmpty())
            message += u' ' + job.part->refusal();
        fail(attempt, Error{Error::Code::Mismatch, message}, Next::Retry);
        return;
    }
    if (attempt.source) { // shorter than when it was opened
        fail(attempt,
            Error{Error::Code::Mismatch,
                tr("%1 ends after %2 of %3 bytes.")
                    .arg(attempt.source->fileName())
                    .arg(job.part->size())
                    .arg(job.item.length)},
            Next::NextMirror);
        return;
    }

    // A connection lost while paused is the pause's doing, not the server's.
    const Next again = attempt.pausedMeanwhile ? Next::RetryNow : Next::Retry;
    if (const auto& failure = attempt.exchange->failure()) {
        switch (failure->action) {
        case Action::Stop: stop(attempt, *failure->error); return;
        case Action::NextMirror: fail(attempt, *failure->error, Next::NextMirror); return;
        default: fail(attempt, *failure->error, again); return;
        }
    }
    if (!attempt.accepted) {
        fail(attempt, ResponseClassifier::statusError(attempt.exchange->answer()), again);
        return;
    }
    fail(attempt,
        Error{Error::Code::Network,
            tr("%1 ended after %2 of %3 bytes.").arg(where(attempt)).arg(job.part->size()).arg(job.item.length)},
        again);
}

bool Fetcher::Run::finishPart(Attempt& attempt)
{
    auto finished = attempt.job->part->finish();
    if (!finished)
        stop(attempt, finished.error());
    else if (*finished)
        succeed(attempt);
    return !finished || *finished;
}

bool Fetcher::Run::restartPart(Attempt& attempt)
{
    if (auto restarted = attempt.job->part->restart(); !restarted) {
        stop(attempt, restarted.error());
        return false;
    }
    attempt.job->have = 0;
    return true;
}

void Fetcher::Run::succeed(Attempt& attempt)
{
    detach(attempt);
    Job& job = *attempt.job;
    job.part->close();
    job.state = State::Done;
    job.have = job.item.length;
    qCDebug(lcNet) << job.item.destination << "is in place";
    if (std::all_of(m_jobs.begin(), m_jobs.end(), [](const Job& each) { return each.state == State::Done; }))
        finishRun({});
    else
        m_soon.start();
}

void Fetcher::Run::fail(Attempt& attempt, const Error& error, Next next)
{
    qCDebug(lcNet) << error.message;
    detach(attempt);
    Job& job = *attempt.job;
    job.have = job.part->size();
    const bool furthered = RetryPolicy::isProgress(job.reached, job.have, job.item.length);
    job.reached = std::max(job.reached, job.have);
    job.part->close();
    job.said[size_t(attempt.mirror)] = error;
    job.state = State::Waiting;
    const RetryPolicy::Decision decision = m_retry.after(next, job.failures, furthered);
    job.failures = decision.failures;
    job.notBefore = Clock::now() + decision.wait;
    if (decision.nextMirror && ++job.mirror == int(m_mirrors.size())) {
        finishRun(std::unexpected(finalError(job)));
        return;
    }
    m_soon.start();
}

void Fetcher::Run::stop(Attempt& attempt, const Error& error)
{
    qCDebug(lcNet) << error.message;
    detach(attempt);
    attempt.job->have = attempt.job->part->size();
    attempt.job->part->close();
    finishRun(std::unexpected(error));
}

void Fetcher::Run::detach(Attempt& attempt)
{
    attempt.over = true;
    if (attempt.exchange)
        attempt.exchange->abandon();
    attempt.source.reset();
    m_soon.start(); // deletes the attempt, and its exchange, outside their signals
}

void Fetcher::Run::finishRun(std::expected<void, Error> result)
{
    if (m_result)
        return;
    m_result = std::move(result);
    for (const auto& attempt : m_attempts) {
        if (!attempt->over) {
            detach(*attempt);
            attempt->job->have = attempt->job->part->size();
        }
    }
    for (Job& job : m_jobs)
        job.part->close(); // kept for the next fetch
    m_loop.quit();
}

int Fetcher::Run::active() const
{
    return int(std::count_if(
        m_attempts.begin(), m_attempts.end(), [](const std::unique_ptr<Attempt>& attempt) { return !attempt->over; }));
}

QString Fetcher::Run::where(const Attempt& attempt) const
{
    return attempt.exchange ? HttpRequestPolicy::display(attempt.exchange->url()) : attempt.source->fileName();
}

Error Fetcher::Run::finalError(const Job& job) const
{
    // The code of the last mirror that had the file, or NotFound when none had it.
    Error::Code code = Error::Code::NotFound;
    QStringList sentences;
    for (const std::optional<Error>& said : job.said) {
        if (!said)
            continue;
        sentences.append(said->message);
        if (said->code != Error::Code::NotFound)
            code = said->code;
    }
    return Error{code, tr("Cannot download %1. %2").arg(job.item.path, sentences.join(u' '))};
}

void Fetcher::Run::report(bool last)
{
    const auto now = Clock::now();
    m_rate.add(now, m_received);
    if (!last && now - m_lastReport < kProgressInterval)
        return;
    m_lastReport = now;

    qint64 done = 0;
    for (const Job& job : m_jobs)
        done += job.have;
    const qint64 rate = m_rate.bytesPerSecond();
    Q_EMIT m_owner.progress(done, m_total, rate, RateSampler::secondsLeft(m_total - done, rate));
}

Fetcher::Fetcher(QStringList mirrors, Options options, std::shared_ptr<TransferControl> control)
    : m_mirrors(std::move(mirrors))
    , m_options(std::move(options))
    , m_control(control ? std::move(control) : std::make_shared<TransferControl>())
{ }

Fetcher::~Fetcher() = default;

std::expected<void, Error> Fetcher::fetch(const std::vector<Item>& items)
{
    if (m_mirrors.isEmpty())
        return std::unexpected(Error{Error::Code::InvalidInput, tr("There is no mirror to download from.")});
    std::vector<MirrorAddress> mirrors;
    for (const QString& address : std::as_const(m_mirrors)) {
        auto mirror = MirrorAddress::parse(address);
        if (!mirror)
            return std::unexpected(mirror.error());
        mirrors.push_back(std::move(*mirror));
    }

    static const QRegularExpression sha256Pattern(u"^[0-9a-f]{64}$"_s);
    std::vector<Item> unique;
    for (Item item : items) {
        item.sha256 = item.sha256.toLower();
        if (!RepositorySource::isSafePath(item.path))
            return std::unexpected(RepositorySource::unsafePath(item.path));
        const bool checkable = sha256Pattern.match(item.sha256).hasMatch() || (item.sha256.isEmpty() && item.verify);
        if (item.length < 0 || !checkable || item.destination.isEmpty()) {
            return std::unexpected(Error{Error::Code::InvalidInput,
                tr("The download of %1 needs a length, a sha256 or a check, and a destination.").arg(item.path)});
        }
        const auto same = std::find_if(
            unique.begin(), unique.end(), [&item](const Item& other) { return other.destination == item.destination; });
        if (same == unique.end()) {
            unique.push_back(std::move(item));
        } else if (same->length != item.length || same->sha256 != item.sha256) {
            return std::unexpected(Error{Error::Code::InvalidInput,
                tr("Two different downloads, %1 and %2, go to %3.").arg(same->path, item.path, item.destination)});
        }
    }

    Run run(*this, std::move(mirrors), unique);
    return run.exec();
}
