#pragma once

#include "error.h"

// The exit codes every Upkeep program shares, so that a script reads both tools alike. A program's
// own codes follow from 3 (upkeep: 3 an update was rolled back, 4 status --verify found damage).
namespace ExitCode {
constexpr int Success = 0;
constexpr int Failure = 1;    // the command failed: nothing changed, or only complete steps
constexpr int UsageError = 2; // the command line was wrong

// The code of a command that stopped on `error`: a usage error for Error::Code::Usage, a failure otherwise.
constexpr int of(const Error& error)
{
    return error.code == Error::Code::Usage ? UsageError : Failure;
}
} // namespace ExitCode
