#pragma once

#include "error.h"

#include <QByteArray>
#include <QString>

// Where a repository's files come from: a folder, a web server, a CDN. The client asks for a
// path relative to the repository's root and the most bytes it is willing to take; a source
// never returns more (endless data) and says NotFound for a file it does not have.
class RepositorySource
{
public:
    virtual ~RepositorySource() = default;

    // For messages: where this source is ("https://updates.example.com/app", "/srv/repo").
    [[nodiscard]] virtual QString name() const = 0;
    [[nodiscard]] virtual std::expected<QByteArray, Error> fetch(const QString& path, qint64 maxLength) = 0;

    // A path a repository may name: relative, "/"-separated, without empty, "." or ".." parts
    // or backslashes. Everything the client fetches or writes by a name from metadata passes this.
    [[nodiscard]] static bool isSafePath(const QString& path);
};
