#include "testprogram.h"

#include <QDeadlineTimer>

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

constexpr int kTimeoutMs = 120'000;

// The other side of a pseudo-terminal, for what the user types; closed when it goes.
class PseudoTerminal
{
public:
    PseudoTerminal()
        : m_fd(::posix_openpt(O_RDWR | O_NOCTTY))
    {
        if (m_fd < 0 || ::grantpt(m_fd) != 0 || ::unlockpt(m_fd) != 0)
            qFatal("TestProgram: cannot open a pseudo-terminal");
    }
    ~PseudoTerminal() { ::close(m_fd); }
    Q_DISABLE_COPY_MOVE(PseudoTerminal)

    // The terminal the program reads from.
    [[nodiscard]] QString name() const { return QString::fromLocal8Bit(::ptsname(m_fd)); }
    [[nodiscard]] bool type(const QByteArray& line) const
    {
        return ::write(m_fd, line.constData(), size_t(line.size())) == line.size();
    }

private:
    int m_fd;
};

} // namespace

QString ProgramRun::describe() const
{
    const QString end = crashed ? u"crashed"_s : exitCode < 0 ? u"did not finish"_s : u"exit code %1"_s.arg(exitCode);
    return u"%1\n--- stdout:\n%2--- stderr:\n%3"_s.arg(end, out, err);
}

TestProgram::TestProgram(QString path)
    : m_path(std::move(path))
{ }

TestProgram::TestProgram(QString path, Options options)
    : m_path(std::move(path))
    , m_options(std::move(options))
{ }

std::unique_ptr<QProcess> TestProgram::prepare() const
{
    auto process = std::make_unique<QProcess>();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString& name :
        {u"UPKEEP_PASSPHRASE"_s, u"UPKEEP_ONLINE_PASSPHRASE"_s, u"UPKEEP_PASSWORD"_s, u"QT_LOGGING_RULES"_s})
        environment.remove(name);
    if (!m_options.configHome.isEmpty())
        environment.insert(u"XDG_CONFIG_HOME"_s, m_options.configHome);
    for (const QString& variable : m_options.environment)
        environment.insert(variable.section(u'=', 0, 0), variable.section(u'=', 1));
    process->setProcessEnvironment(environment);
    if (!m_options.workingDirectory.isEmpty())
        process->setWorkingDirectory(m_options.workingDirectory);
    return process;
}

std::unique_ptr<QProcess> TestProgram::start(const QStringList& arguments) const
{
    std::unique_ptr<QProcess> process = prepare();
    process->setStandardInputFile(QProcess::nullDevice());
    process->start(m_path, arguments);
    process->waitForStarted();
    return process;
}

ProgramRun TestProgram::run(const QStringList& arguments, const QList<Exchange>& dialogue) const
{
    std::unique_ptr<QProcess> process = prepare();
    std::unique_ptr<PseudoTerminal> terminal;
    if (dialogue.isEmpty()) {
        process->setStandardInputFile(QProcess::nullDevice());
    } else {
        terminal = std::make_unique<PseudoTerminal>();
        process->setStandardInputFile(terminal->name());
        process->setReadChannel(QProcess::StandardError);
    }
    process->start(m_path, arguments);

    ProgramRun run;
    const QDeadlineTimer deadline(kTimeoutMs);
    if (terminal && process->waitForStarted()) {
        for (const Exchange& exchange : dialogue) {
            while (!run.err.endsWith(exchange.prompt) && process->state() != QProcess::NotRunning
                && !deadline.hasExpired()) {
                process->waitForReadyRead(200);
                run.err += QString::fromUtf8(process->readAllStandardError());
            }
            if (!run.err.endsWith(exchange.prompt) || !terminal->type(exchange.answer + '\n'))
                break;
        }
    }
    // A program that ended during the dialogue has finished already; one that never started has not.
    const bool finished = process->state() == QProcess::NotRunning
        ? process->error() != QProcess::FailedToStart
        : process->waitForFinished(int(std::max<qint64>(deadline.remainingTime(), 0)));
    if (!finished) {
        process->kill();
        process->waitForFinished();
    } else if (process->exitStatus() == QProcess::NormalExit) {
        run.exitCode = process->exitCode();
    } else {
        run.crashed = true;
    }
    run.out = QString::fromUtf8(process->readAllStandardOutput());
    run.err += QString::fromUtf8(process->readAllStandardError());
    return run;
}
