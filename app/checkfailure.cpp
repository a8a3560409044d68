#include "checkfailure.h"

namespace {

CheckFailure::Kind kindOf(Error::Code code)
{
    using Code = Error::Code;
    using Kind = CheckFailure::Kind;
    switch (code) {
    case Code::Network: return Kind::Unreachable;
    case Code::Untrusted: return Kind::Untrusted;
    case Code::NotFound: return Kind::Missing;
    case Code::AccessDenied: return Kind::Denied;
    case Code::Expired: return Kind::Expired;
    case Code::BadSignature:
    case Code::Rollback:
    case Code::Mismatch:
    case Code::LimitExceeded:
    case Code::InvalidInput:
    case Code::Unsupported: return Kind::Refused;
    default: return Kind::Local;
    }
}

} // namespace

CheckFailure::CheckFailure(const Error& error)
    : m_kind(kindOf(error.code))
    , m_details(error.message)
{ }

QString CheckFailure::summary() const
{
    switch (m_kind) {
    case Kind::Unreachable: return tr("Upkeep could not reach the publisher's server.");
    case Kind::Untrusted:
        return tr("Upkeep did not trust the server it reached: its certificate is not one this computer accepts.");
    case Kind::Missing: return tr("The publisher's server does not have the update information Upkeep asked for.");
    case Kind::Expired: return tr("The update information on the publisher's server has expired.");
    case Kind::Refused:
        return tr("Upkeep refused the update information it received, because it is not signed as it must be.");
    case Kind::Denied:
        return tr("The publisher's server did not let Upkeep in: it refused the password or the certificate.");
    case Kind::Local: return tr("Upkeep could not check because of a problem on this computer.");
    }
    return {};
}

QString CheckFailure::advice() const
{
    switch (m_kind) {
    case Kind::Unreachable:
        return tr("Check that this computer is connected to the network. The publisher's server may also be down "
                  "for a while; try again later.");
    case Kind::Untrusted:
        return tr("Nothing was downloaded from it. Check that this computer's date and time are right. A network that "
                  "intercepts secure connections (at some workplaces, hotels or airports) causes this too; try "
                  "another network. If it lasts, the publisher's certificate may have expired: tell the publisher.");
    case Kind::Missing:
        return tr("The publisher may be moving the server; try again later, and tell the publisher if it lasts.");
    case Kind::Expired:
        return tr("Check that this computer's date and time are right. If they are, the publisher has to renew the "
                  "information; try again later, and tell the publisher if it lasts.");
    case Kind::Refused:
        return tr("Nothing was changed on this computer. This happens while a publisher updates the server, or "
                  "when someone tampers with the connection; try again later, and tell the publisher if it lasts.");
    case Kind::Denied:
        return tr("If your password changed, sign in again with the new one. If you use a certificate, check that it "
                  "has not expired. If it lasts, ask the publisher whether your access still holds.");
    case Kind::Local: return tr("Try again; if it lasts, the details say what went wrong.");
    }
    return {};
}
