#pragma once

#include "error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <optional>

// Where a repository's files come from: a folder, a web server, a CDN. The client asks for a
// path relative to the repository's root and the most bytes it is willing to take; a source
// never returns more (endless data) and says NotFound for a file it does not have.
class RepositorySource
{
    Q_DECLARE_TR_FUNCTIONS(RepositorySource)

public:
    virtual ~RepositorySource() = default;

    // For messages: where this source is ("https://updates.example.com/app", "/srv/repo").
    [[nodiscard]] virtual QString name() const = 0;
    [[nodiscard]] virtual std::expected<QByteArray, Error> fetch(const QString& path, qint64 maxLength) = 0;

    // The same, unless the file is still the copy an earlier fetch said `validator` for (an HTTP
    // ETag; empty for none), which costs a web server a few header bytes instead of the file.
    // A source that cannot tell (a folder) always fetches. No bytes means unchanged.
    struct Fetched {
        std::optional<QByteArray> bytes;
        QByteArray validator; // for the next call; empty when the source gave none
    };
    [[nodiscard]] virtual std::expected<Fetched, Error> fetchIfChanged(
        const QString& path, qint64 maxLength, const QByteArray& validator);

    // A path a repository may name: relative, "/"-separated, without empty, "." or ".." parts
    // or backslashes. Everything the client fetches or writes by a name from metadata passes this.
    [[nodiscard]] static bool isSafePath(const QString& path);

    // The refusals of that contract, in the same words from a folder, a web server and the fetcher:
    // a path that is not safe, a file `source` does not have, and `what` (a path, an address) that
    // brings more than the `allowed` bytes.
    [[nodiscard]] static Error unsafePath(const QString& path);
    [[nodiscard]] static Error noFile(const QString& source, const QString& path);
    [[nodiscard]] static Error tooLong(const QString& what, qint64 allowed);
};
