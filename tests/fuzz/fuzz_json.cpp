// libFuzzer target for the strict JSON parser. Whatever it accepts must survive both writers:
// canonical JSON (what signatures cover) and pretty JSON (what files on disk hold) must read back
// as the same value, and canonical JSON must be a fixed point, or a signature made over one
// reading would not verify over another.

#include "fuzzcheck.h"

#include "json/canonicaljson.h"
#include "json/jsonparser.h"
#include "json/jsonwriter.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArrayView input(data, qsizetype(size));
    const auto value = JsonParser().parse(input);
    if (!value)
        return 0;

    const QByteArray canonical = canonicalJson(*value);
    // Pretty output indents each nesting level, so it may be longer than the parser's default limit.
    const QByteArray pretty = prettyJson(*value);
    const JsonParser rereader(JsonLimits{.maxBytes = std::max(canonical.size(), pretty.size())});

    const auto fromCanonical = rereader.parse(canonical);
    FUZZ_CHECK(fromCanonical.has_value(), qPrintable(fromCanonical.error().message));
    FUZZ_CHECK(*fromCanonical == *value);
    FUZZ_CHECK(canonicalJson(*fromCanonical) == canonical);

    const auto fromPretty = rereader.parse(pretty);
    FUZZ_CHECK(fromPretty.has_value(), qPrintable(fromPretty.error().message));
    FUZZ_CHECK(*fromPretty == *value);
    return 0;
}
