// libFuzzer target for the object decoder. An object is checked only by what it makes, so any
// bytes may come from a mirror: decodeObject and verifyObject must agree on every input, what they
// claim must be true of the output on disk, and no frame may make them allocate more than the
// manifest's size justifies (scripts/fuzz runs this target with -malloc_limit_mb).

#include "decoderinput.h"
#include "decoderrun.h"

#include "release/objectdecoder.h"

#include <cstddef>
#include <cstdint>

using namespace Qt::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const auto input = DecoderInput::parse(QByteArrayView(data, qsizetype(size)), false);
    if (!input)
        return -1;
    const DecoderRun run;
    run.write(u"object"_s, input->file);
    const QString object = run.path(u"object"_s);
    const auto verified = verifyObject(object, input->expectedSize, input->expectedSha256);
    const auto decoded = decodeObject(object, run.output(), input->expectedSize, input->expectedSha256, 0600);
    FUZZ_CHECK(verified.has_value() == decoded.has_value());
    if (!verified)
        FUZZ_CHECK(verified.error().message == decoded.error().message, qPrintable(verified.error().message));
    run.check(decoded, input->expectedSize, input->expectedSha256);
    return 0;
}
