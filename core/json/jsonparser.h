#pragma once

#include "error.h"
#include "json/jsonvalue.h"

#include <QByteArrayView>
#include <QCoreApplication>

// Limits on what the parser agrees to read, so that hostile metadata cannot exhaust memory or
// the stack. The defaults fit every TUF role file with room to spare: the deepest of them nests
// six levels, and the fetcher caps each file's length well below 16 MiB.
struct JsonLimits {
    qsizetype maxBytes = 16 * 1024 * 1024;
    int maxDepth = 64;
};

// A strict JSON parser for signed metadata. It reads ordinary (pretty-printed) JSON and the
// canonical form alike, and refuses what could make two readers see different documents:
// duplicate keys, invalid UTF-8 (overlong forms, surrogates, lone \u escapes), floating-point
// numbers, integers outside 64 bits, a byte-order mark, trailing data.
// Inside strings, raw control characters are accepted because canonical JSON writes them raw.
class JsonParser
{
    Q_DECLARE_TR_FUNCTIONS(JsonParser)

public:
    explicit JsonParser(JsonLimits limits = {})
        : m_limits(limits)
    { }

    [[nodiscard]] std::expected<JsonValue, Error> parse(QByteArrayView text) const;

private:
    JsonLimits m_limits;
};
