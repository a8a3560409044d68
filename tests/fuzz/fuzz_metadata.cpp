// libFuzzer target for the TUF metadata parsers and the client's trusted set. A role that parses
// must write itself back in a form that parses to the same role (a repository writer and a client
// must agree on every field), and no input may crash TrustedSet::fromRoot or TrustedSet::load.

#include "fuzzcheck.h"

#include "trust/rootmetadata.h"
#include "trust/signedmetadata.h"
#include "trust/snapshotmetadata.h"
#include "trust/targetsmetadata.h"
#include "trust/timestampmetadata.h"
#include "trust/trustedset.h"
#include "json/canonicaljson.h"
#include "json/jsonparser.h"

#include <cstddef>
#include <cstdint>

using namespace Qt::StringLiterals;

namespace {

const QString kFile = u"fuzz.json"_s;

// fromSigned → toSigned → canonical bytes → parse → fromSigned → toSigned gives the same object.
template <typename Role> void checkRoundTrip(const JsonValue& signedPart)
{
    const auto role = Role::fromSigned(signedPart, kFile);
    if (!role)
        return;
    const JsonValue written = role->toSigned();
    const auto reread = JsonParser().parse(canonicalJson(written));
    FUZZ_CHECK(reread.has_value(), qPrintable(reread.error().message));
    FUZZ_CHECK(*reread == written);
    const auto again = Role::fromSigned(*reread, kFile);
    FUZZ_CHECK(again.has_value(), qPrintable(again.error().message));
    FUZZ_CHECK(again->toSigned() == written);
}

// The envelope keeps `signed` and unknown members as they were, so writing it loses nothing.
void checkEnvelope(const SignedMetadata& metadata)
{
    const JsonValue written = metadata.toJson();
    const auto reread = SignedMetadata::parse(metadata.toBytes(), kFile);
    FUZZ_CHECK(reread.has_value(), qPrintable(reread.error().message));
    FUZZ_CHECK(reread->toJson() == written);
    FUZZ_CHECK(reread->signedPart() == metadata.signedPart());
}

// What save() writes, load() reads back to the same state.
void checkSaveLoad(const TrustedSet& set)
{
    const QByteArray saved = set.save();
    const auto loaded = TrustedSet::load(saved);
    FUZZ_CHECK(loaded.has_value(), qPrintable(loaded.error().message));
    FUZZ_CHECK(loaded->save() == saved);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArrayView input(data, qsizetype(size));

    if (const auto metadata = SignedMetadata::parse(input, kFile)) {
        checkEnvelope(*metadata);
        const QString type = metadata->type();
        if (type == QLatin1StringView(RootMetadata::kType))
            checkRoundTrip<RootMetadata>(metadata->signedPart());
        else if (type == QLatin1StringView(TimestampMetadata::kType))
            checkRoundTrip<TimestampMetadata>(metadata->signedPart());
        else if (type == QLatin1StringView(SnapshotMetadata::kType))
            checkRoundTrip<SnapshotMetadata>(metadata->signedPart());
        else if (type == QLatin1StringView(TargetsMetadata::kType))
            checkRoundTrip<TargetsMetadata>(metadata->signedPart());
    }

    if (const auto set = TrustedSet::fromRoot(input))
        checkSaveLoad(*set);
    if (const auto set = TrustedSet::load(input))
        checkSaveLoad(*set);
    return 0;
}
