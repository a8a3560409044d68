#pragma once

// An X server of the test's own (Debian's Xvfb), for a real `upkeep` whose window must open:
// the program refuses Qt's offscreen platform, which shows no windows. The server picks a free
// display number itself, so that tests running at once do not collide, and stops when this goes.

#include <QProcess>
#include <QString>

class VirtualDisplay
{
public:
    VirtualDisplay() = default;
    ~VirtualDisplay();
    Q_DISABLE_COPY_MOVE(VirtualDisplay)

    // Starts Xvfb and waits until it accepts clients; whether it does.
    [[nodiscard]] bool start();
    // What DISPLAY says for it, ":N".
    [[nodiscard]] QString name() const { return m_name; }
    // Why it did not start, for a failure message.
    [[nodiscard]] QString problem() const { return m_problem; }

private:
    QProcess m_process;
    QString m_name;
    QString m_problem;
};
