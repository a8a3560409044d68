#pragma once

#include <QtGlobal>

// The Wilson score interval of a share, k of n, at 95 %: where the true rate lies, honest for few events
// and for rates near 0 (2 failures of 40 updates is 1.4 %..16.5 %, not 5 % ± 6.8 %).
struct WilsonInterval {
    double rate = 0; // k / n; 0 for no events
    double low = 0;
    double high = 1;

    [[nodiscard]] static WilsonInterval of(qint64 k, qint64 n);
};
