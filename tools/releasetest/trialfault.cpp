#include "trialfault.h"

#include "error.h"

using namespace Qt::StringLiterals;

QString TrialFault::name() const
{
    switch (m_kind) {
    case Kind::None: return u"none"_s;
    case Kind::DroppedConnection: return u"dropped connection"_s;
    case Kind::Stall: return u"stall"_s;
    case Kind::TruncatedBody: return u"truncated body"_s;
    case Kind::CorruptedBytes: return u"corrupted bytes"_s;
    case Kind::RangeIgnored: return u"Range ignored"_s;
    case Kind::NotFound: return u"404 from the first mirror"_s;
    case Kind::Unavailable: return u"503 from the first mirror"_s;
    }
    return {};
}

std::vector<FaultServer::Fault> TrialFault::faults(qint64 length) const
{
    using Fault = FaultServer::Fault;
    // Mid-file: the client holds half of it when the fault strikes.
    const qint64 middle = std::max<qint64>(length / 2, 1);
    switch (m_kind) {
    case Kind::None: return {};
    case Kind::DroppedConnection: return {Fault::dropAfter(middle).only(1)};
    case Kind::Stall: return {Fault::stall(middle).only(1)};
    // A Content-Length that announces half the file: the answer looks complete, and only the
    // signed length tells the client it is not.
    case Kind::TruncatedBody: return {Fault::announceLength(middle).only(1)};
    case Kind::CorruptedBytes: return {Fault::flipByte(middle).only(1)};
    // The first answer drops midway, so that the client resumes with Range; the answer to that
    // is 200 and the whole file, which the client must not append to what it has.
    case Kind::RangeIgnored: return {Fault::dropAfter(middle).only(1), Fault::ignoreRange().only(2)};
    case Kind::NotFound: return {Fault::status(404)};
    case Kind::Unavailable: return {Fault::status(503)};
    }
    return {};
}

std::expected<std::vector<TrialFault>, Error> TrialFault::set(const QString& set)
{
    std::vector<TrialFault> faults{TrialFault(Kind::None)};
    if (set == u"none"_s)
        return faults;
    if (set != u"network"_s && set != u"all"_s) {
        return std::unexpected(
            Error{Error::Code::Usage, tr("\"%1\" is not a set of faults; choose none, network or all.").arg(set)});
    }
    for (Kind kind :
        {Kind::DroppedConnection, Kind::Stall, Kind::TruncatedBody, Kind::CorruptedBytes, Kind::RangeIgnored})
        faults.emplace_back(kind);
    if (set == u"all"_s) {
        faults.emplace_back(Kind::NotFound);
        faults.emplace_back(Kind::Unavailable);
    }
    return faults;
}
