// libFuzzer target for a patch decoder, built once per format (FUZZ_PATCH_FORMAT): fuzz-zstdpatch
// and fuzz-bsdiffpatch. A patch is checked only by what it makes from the installed file, so any
// bytes may come from a mirror: what applyPatch claims must be true of the output on disk, the old
// file must never change, and no frame may make it allocate more than the sizes justify
// (scripts/fuzz runs these targets with -malloc_limit_mb).

#include "decoderinput.h"
#include "decoderrun.h"

#include "release/patchdecoder.h"

#include <cstddef>
#include <cstdint>

using namespace Qt::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const auto input = DecoderInput::parse(QByteArrayView(data, qsizetype(size)), true);
    if (!input)
        return -1;
    const DecoderRun run;
    run.write(u"old"_s, input->old);
    run.write(u"patch"_s, input->file);
    const auto applied = applyPatch(FUZZ_PATCH_FORMAT, run.path(u"old"_s), run.path(u"patch"_s), run.output(),
        input->expectedSize, input->expectedSha256, 0600);
    run.check(applied, input->expectedSize, input->expectedSha256);
    FUZZ_CHECK(run.read(u"old"_s) == input->old);
    return 0;
}
