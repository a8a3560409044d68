#pragma once

#include <QtGlobal>

// Where an install is and how fast it goes, as Installation tells it while it moves on. Its own
// header, so that the models and widgets that show it need not include the installer.
struct InstallProgress {
    enum class Phase { Download, Verify, Install, HealthCheck };
    Phase phase = Phase::Download;
    qint64 done = 0;           // bytes downloaded so far (Download), else as `total` once done
    qint64 total = 0;          // bytes to download in all for this install
    qint64 bytesPerSecond = 0; // recent download rate
    qint64 secondsLeft = -1;   // of the download; -1 when not known
};
