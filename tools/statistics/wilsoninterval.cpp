#include "wilsoninterval.h"

#include <algorithm>
#include <cmath>

WilsonInterval WilsonInterval::of(qint64 k, qint64 n)
{
    if (n <= 0)
        return {};
    constexpr double z = 1.959963984540054; // the normal quantile of 97.5 %
    const double total = double(n);
    const double p = double(std::clamp<qint64>(k, 0, n)) / total;
    const double z2 = z * z;
    const double denominator = 1 + z2 / total;
    const double centre = (p + z2 / (2 * total)) / denominator;
    const double half = z / denominator * std::sqrt(p * (1 - p) / total + z2 / (4 * total * total));
    return {p, std::max(0.0, centre - half), std::min(1.0, centre + half)};
}
