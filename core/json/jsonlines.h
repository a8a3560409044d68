#pragma once

#include "error.h"
#include "json/jsonvalue.h"

#include <QString>

#include <functional>
#include <vector>

// A file of one JSON object per line (the history, the journal), written so that a power cut
// costs at most the line being written: each append is one line, synced before it returns; on
// reading, a last line without its newline (torn by a crash) is left out, and a line in the
// middle that is no JSON object is skipped and told to the caller.
class JsonLines
{
public:
    explicit JsonLines(QString path)
        : m_path(std::move(path))
    { }

    struct Line {
        int number = 0; // from 1
        JsonValue value;
    };

    // Appends `object` as one line (control characters in its strings escaped) and syncs it. The
    // error's message is the system's reason.
    [[nodiscard]] std::expected<void, Error> append(const JsonObject& object) const;
    // Every complete line that holds a JSON object, in order; none when the file does not exist.
    // `damaged` hears the number of each complete line that does not. The error's message is the
    // system's reason.
    [[nodiscard]] std::expected<std::vector<Line>, Error> read(const std::function<void(int number)>& damaged) const;

    // The canonical JSON of `object` on one line: canonical JSON keeps control characters raw
    // inside strings; escaped, they cannot break a line, and the result is standard JSON.
    [[nodiscard]] static QByteArray line(const JsonObject& object);

private:
    QString m_path;
};
