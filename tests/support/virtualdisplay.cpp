#include "virtualdisplay.h"

#include <QDeadlineTimer>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

VirtualDisplay::~VirtualDisplay()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(5000))
        m_process.kill();
    m_process.waitForFinished();
}

bool VirtualDisplay::start()
{
    const QString xvfb = QStandardPaths::findExecutable(u"Xvfb"_s);
    if (xvfb.isEmpty()) {
        m_problem = u"Xvfb is not installed (scripts/setup installs it)"_s;
        return false;
    }
    // Xvfb writes the number it chose to standard output once it accepts clients.
    m_process.start(xvfb, {u"-displayfd"_s, u"1"_s, u"-nolisten"_s, u"tcp"_s, u"-screen"_s, u"0"_s, u"1280x800x24"_s});
    const QDeadlineTimer deadline(30000);
    while (!m_process.canReadLine() && m_process.state() != QProcess::NotRunning && !deadline.hasExpired())
        m_process.waitForReadyRead(int(deadline.remainingTime()));
    if (!m_process.canReadLine()) {
        m_problem = u"Xvfb did not start: %1"_s.arg(QString::fromLocal8Bit(m_process.readAllStandardError()));
        return false;
    }
    m_name = u":"_s + QString::fromLatin1(m_process.readLine().trimmed());
    return true;
}
