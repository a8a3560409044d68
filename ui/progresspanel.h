#pragma once

#include "install/installprogress.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

// The progress of a running update: the overall bar, the current phase (download, verify,
// install, health check) with rate and time left, and the buttons to pause, resume or cancel.
class ProgressPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ProgressPanel(QWidget* parent = nullptr);

    void setProgress(const InstallProgress& progress, bool paused);

    [[nodiscard]] QPushButton* pauseButton() const { return m_pause; }
    [[nodiscard]] QPushButton* cancelButton() const { return m_cancel; }
    [[nodiscard]] QString phaseText() const;
    [[nodiscard]] QString detailText() const;

    // "1.2 MB of 12.4 MB · 850 kB/s · about 12 seconds left"
    [[nodiscard]] static QString describe(const InstallProgress& progress, bool paused);
    [[nodiscard]] static QString timeLeft(qint64 seconds);

Q_SIGNALS:
    void pauseClicked();
    void resumeClicked();
    void cancelClicked();

private:
    QProgressBar* m_bar;
    QLabel* m_phase;
    QLabel* m_detail;
    QPushButton* m_pause;
    QPushButton* m_cancel;
    bool m_paused = false;
};
