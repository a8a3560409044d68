#include "rowstatus.h"

#include "checkfailure.h"

RowStatus RowStatus::of(const Facts& facts)
{
    using Status = ApplicationModel::Status;
    using Job = InstallationWorker::Job;
    RowStatus row;
    const std::optional<Deferral>& deferral = facts.deferral;
    const bool aboutOffer = deferral && deferral->version == facts.offered;
    if (facts.job == Job::Install || facts.updating)
        row.status = Status::Updating;
    else if (facts.downloading)
        row.status = Status::Downloading;
    else if (facts.job == Job::Rollback || facts.job == Job::Channel)
        row.status = Status::RollingBack;
    else if (facts.job == Job::Check)
        row.status = Status::Checking;
    else if (!facts.loaded)
        row.status = facts.problem.isEmpty() ? Status::Loading : Status::Problem;
    else if (!facts.problem.isEmpty())
        row.status = Status::Problem;
    else if (facts.offered.isEmpty() && facts.checkFailure) {
        row.status = Status::CheckFailed;
        const CheckFailure failure(*facts.checkFailure);
        row.message = failure.summary() + u' ' + failure.advice();
        row.details = failure.details();
        if (failure.kind() == CheckFailure::Kind::Denied)
            row.signInUser = facts.authUser;
    } else if (facts.offered.isEmpty())
        row.status = Status::UpToDate;
    else if (aboutOffer && deferral->kind == Deferral::Kind::RemindAt && deferral->when > facts.now) {
        row.status = Status::Postponed;
        row.remindAt = deferral->when;
    } else if (aboutOffer && deferral->kind != Deferral::Kind::RemindAt) {
        row.status = Status::Scheduled;
        row.scheduledAt = deferral->when;
    } else {
        row.status = Status::UpdateAvailable;
    }
    if (row.status == Status::Problem)
        row.message = facts.problem;
    return row;
}
