#include "healthcheck.h"

#include "logging.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>

#include <algorithm>
#include <csignal>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

// How long a killed check may take to be reaped before we stop waiting for it.
constexpr int kReapMilliseconds = 5000;
// The longest single wait, so that output is drained (and trimmed) while the check runs.
constexpr int kPollMilliseconds = 100;

QString cannotStart(const QString& why)
{
    return HealthCheck::tr("The health check could not start: %1").arg(why);
}

// The canonical path of the program to run, or the reason it may not run.
std::expected<QString, QString> resolveProgram(const QString& folder, const QStringList& command)
{
    if (command.isEmpty() || command.front().isEmpty())
        return std::unexpected(cannotStart(HealthCheck::tr("it names no program.")));
    const QString& program = command.front();
    if (!Manifest::isSafePath(program))
        return std::unexpected(
            cannotStart(HealthCheck::tr("its program \"%1\" is not a plain relative path inside the version folder.")
                            .arg(program)));
    const QFileInfo info(folder + u'/' + program);
    if (!info.exists()) {
        if (info.isSymLink())
            return std::unexpected(
                cannotStart(HealthCheck::tr("its program \"%1\" is a symlink to nothing.").arg(program)));
        return std::unexpected(
            cannotStart(HealthCheck::tr("its program \"%1\" does not exist in the version folder.").arg(program)));
    }
    // A symlink (the program's or a parent folder's) may lead out of the folder.
    const QString canonical = info.canonicalFilePath();
    if (!canonical.startsWith(folder + u'/'))
        return std::unexpected(
            cannotStart(HealthCheck::tr("its program \"%1\" leads outside the version folder.").arg(program)));
    const QFileInfo target(canonical);
    if (!target.isFile() || !target.isExecutable())
        return std::unexpected(
            cannotStart(HealthCheck::tr("its program \"%1\" is not an executable file.").arg(program)));
    return canonical;
}

// Keeps the tail of what the check wrote: the end of its output is where it says what failed.
void keepTail(QByteArray& output, const QByteArray& more)
{
    output += more;
    if (output.size() > HealthCheck::kMaxOutputBytes)
        output.remove(0, output.size() - HealthCheck::kMaxOutputBytes);
}

QString decodeTail(QByteArray output, bool truncated)
{
    if (truncated) { // the cut may have split a UTF-8 sequence: drop its continuation bytes
        qsizetype start = 0;
        while (start < output.size() && start < 4 && (uchar(output[start]) & 0xC0) == 0x80)
            ++start;
        output.remove(0, start);
    }
    return QString::fromUtf8(output);
}

// All the check sees of the environment, whatever Upkeep itself was started with (a preloaded
// library, a changed PATH, tokens and passwords): a fixed PATH of the system's folders, so that
// the check finds the same tools on every machine its publisher tested it on and none that a user
// or another program put first; HOME; the user's language, in UTF-8 where none is set, so that its
// output reads in the history; and where the version and its installation are.
QProcessEnvironment cleanEnvironment(const QString& versionFolder, const QString& app)
{
    const QProcessEnvironment parent = QProcessEnvironment::systemEnvironment();
    QProcessEnvironment environment;
    environment.insert(u"PATH"_s, u"/usr/local/bin:/usr/bin:/bin"_s);
    environment.insert(u"HOME"_s, parent.value(u"HOME"_s, QDir::homePath()));
    environment.insert(u"LANG"_s, parent.value(u"LANG"_s, u"C.UTF-8"_s));
    if (parent.contains(u"LC_ALL"_s))
        environment.insert(u"LC_ALL"_s, parent.value(u"LC_ALL"_s));
    // InstallLayout keeps a version in ROOT/versions/VERSION.
    const QFileInfo folder(versionFolder);
    environment.insert(u"UPKEEP_APP"_s, app);
    environment.insert(u"UPKEEP_VERSION"_s, folder.fileName());
    environment.insert(u"UPKEEP_VERSION_DIR"_s, versionFolder);
    environment.insert(u"UPKEEP_INSTALL_DIR"_s, QDir::cleanPath(versionFolder + u"/../.."_s));
    return environment;
}

QString secondsText(int seconds)
{
    return seconds == 1 ? HealthCheck::tr("1 second") : HealthCheck::tr("%1 seconds").arg(seconds);
}

} // namespace

HealthCheck::Result HealthCheck::run() const
{
    Result result;
    const QFileInfo folderInfo(m_versionFolder);
    if (!folderInfo.isAbsolute() || !folderInfo.isDir()) {
        result.reason = cannotStart(folderInfo.isAbsolute()
                ? tr("the version folder %1 does not exist.").arg(m_versionFolder)
                : tr("the version folder %1 is not an absolute path.").arg(m_versionFolder));
        qCWarning(lcInstall).noquote() << result.reason;
        return result;
    }
    const QString folder = folderInfo.canonicalFilePath();
    auto program = resolveProgram(folder, m_check.command);
    if (!program) {
        result.reason = program.error();
        qCWarning(lcInstall).noquote() << result.reason;
        return result;
    }

    QProcess process;
    process.setProgram(*program);
    process.setArguments(m_check.command.mid(1));
    process.setWorkingDirectory(folder);
    process.setProcessEnvironment(cleanEnvironment(folder, m_app));
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setStandardInputFile(QProcess::nullDevice());
    // Its own process group, so that one kill(-pid) reaches every child it spawned.
    process.setChildProcessModifier([] { ::setpgid(0, 0); });

    const int timeoutSeconds = std::max(1, m_check.timeoutSeconds);
    qCDebug(lcInstall) << "health check:" << process.program() << process.arguments() << "in" << folder << "for"
                       << timeoutSeconds << "s";
    QElapsedTimer clock;
    clock.start();
    const QDeadlineTimer deadline(std::chrono::seconds{timeoutSeconds});
    process.start();
    const pid_t group = pid_t(process.processId()); // known once forked, before anything reaps it
    if (!process.waitForStarted(int(std::max<qint64>(deadline.remainingTime(), 1)))) {
        result.milliseconds = clock.elapsed();
        result.reason = cannotStart(process.errorString() + u'.');
        qCWarning(lcInstall).noquote() << result.reason;
        return result;
    }

    QByteArray output;
    bool truncated = false;
    auto drain = [&] {
        const QByteArray more = process.readAll();
        truncated = truncated || output.size() + more.size() > kMaxOutputBytes;
        keepTail(output, more);
    };
    while (process.state() != QProcess::NotRunning) {
        if (deadline.hasExpired()) {
            result.timedOut = true;
            break;
        }
        const int slice = int(std::clamp<qint64>(deadline.remainingTime(), 1, kPollMilliseconds));
        // waitForReadyRead() returns at once when the check closed its output but runs on.
        if (!process.waitForReadyRead(slice) && process.state() != QProcess::NotRunning)
            process.waitForFinished(slice);
        drain();
    }
    // On time-out the group goes while its leader is still unreaped. After a normal exit, children
    // left in the group go too: the group's id stays taken while any of them lives. (Without a
    // pid, no kill: kill(-0) would reach our own group.)
    if ((group <= 0 || ::kill(-group, SIGKILL) != 0) && result.timedOut)
        process.kill();
    if (result.timedOut)
        process.waitForFinished(kReapMilliseconds);
    drain();
    result.milliseconds = clock.elapsed();
    result.output = decodeTail(output, truncated);

    if (result.timedOut) {
        result.reason = tr("The health check did not finish within %1.").arg(secondsText(timeoutSeconds));
    } else if (process.exitStatus() == QProcess::CrashExit) {
        result.reason = tr("The health check crashed.");
    } else {
        result.exitCode = process.exitCode();
        result.passed = result.exitCode == 0;
        result.reason = result.passed ? tr("The health check passed.")
                                      : tr("The health check exited with code %1.").arg(result.exitCode);
    }
    qCDebug(lcInstall).noquote() << result.reason << "after" << result.milliseconds << "ms";
    return result;
}
