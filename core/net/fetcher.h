#pragma once

#include "error.h"
#include "net/httpcredentials.h"
#include "net/retrypolicy.h"
#include "net/transfercontrol.h"

#include <QObject>
#include <QStringList>

#include <chrono>
#include <functional>
#include <memory>
#include <vector>

// Downloads the files an update needs from a repository's mirrors into the cache: several at a
// time, resuming partial files with HTTP Range, retrying with back-off, trying the mirrors in
// turn, within a bandwidth limit, and never taking more bytes than the signed metadata gives.
// Pause, resume and cancel come from a TransferControl that another thread may turn, and so does
// the limiter, which other fetches (of other installations, on other threads) may share.
class Fetcher : public QObject
{
    Q_OBJECT

public:
    struct Options {
        // A PEM file of the only certificate authorities trusted for https; empty for the system's
        // store. TLS errors are never ignored.
        QString caFile;
        // A private repository's credentials, sent to their own origin only.
        HttpCredentials credentials = {};
        // Transfers at once, 1 to kMaxParallel.
        int parallel = 4;
        // A transfer that receives nothing for this long is given up and resumed; time spent
        // paused does not count.
        std::chrono::milliseconds stallTimeout = std::chrono::seconds(30);
        // Tries of one file on one mirror before the next mirror, waiting firstBackoff after the
        // first failure and twice as long after each further one (RetryPolicy). A try that got
        // well further into the file than any before resumes at once and does not count.
        int attemptsPerMirror = RetryPolicy::kDefaultAttemptsPerMirror;
        std::chrono::milliseconds firstBackoff = RetryPolicy::kDefaultFirstBackoff;
    };

    struct Item {
        QString path;        // relative to each mirror's base, e.g. "objects/SHA.zst"
        qint64 length = 0;   // the exact length from signed metadata: never is more taken
        QString sha256;      // of the whole file, in hex; or empty, and `verify` checks it
        QString destination; // the finished file; the partial one is destination + ".part"
        // For files the signed metadata vouches for by what they make (an object by the sha256
        // of its content, a patch by that of its result): judges the finished file, and its error
        // says why a copy is refused.
        std::function<std::expected<void, Error>(const QString& file)> verify;
    };

    // mirrors: base addresses as an installation stores them, tried in this order: http:// or
    // https:// URLs, file:// URLs or plain folder paths.
    Fetcher(QStringList mirrors, Options options, std::shared_ptr<TransferControl> control = {});
    ~Fetcher() override;

    // Downloads every item, `parallel` at a time, into its destination, each checked against its
    // length and sha256. An item whose destination already holds the right bytes is not fetched
    // again; a ".part" left by an earlier attempt or run is resumed. On failure the error names
    // the file and what each mirror said; a cancel returns Error::Code::Cancelled. Partial files
    // are kept for the next fetch, corrupt ones deleted. Blocks, running a local event loop: for
    // worker threads and the command line, never the GUI thread. Each call makes its own network
    // access manager on the calling thread.
    [[nodiscard]] std::expected<void, Error> fetch(const std::vector<Item>& items);

    // Qt opens at most six connections to one server; more transfers would only queue there
    // (and be taken for stalled).
    static constexpr int kMaxParallel = 6;

    // Bytes that arrived from the mirrors in all fetch() calls so far, refused ones included:
    // what the download really cost, which the cache's sizes do not tell.
    [[nodiscard]] qint64 received() const { return m_received; }

Q_SIGNALS:
    // Emitted on the fetching thread, at most about ten times a second and once at the end.
    // done counts the bytes at hand (finished files, partial ones, what arrives) of total, the sum
    // of the lengths; it goes back when a copy is refused and started again. bytesPerSecond is the
    // average over the last few seconds; secondsLeft is -1 while unknown.
    void progress(qint64 done, qint64 total, qint64 bytesPerSecond, qint64 secondsLeft);

private:
    class Run; // one call of fetch()

    QStringList m_mirrors;
    Options m_options;
    std::shared_ptr<TransferControl> m_control;
    qint64 m_received = 0;
};
