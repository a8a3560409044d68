#include "datasize.h"

#include <QLocale>

using namespace Qt::StringLiterals;

QString DataSize::format(qint64 bytes)
{
    double value = double(std::max<qint64>(bytes, 0));
    while (value >= 1000)
        value /= 1000;
    // 99.96 rounds to "100.0": such a figure needs no decimal either.
    const int precision = value >= 99.95 ? 0 : 1;
    const QLocale locale;
    QString text = locale.formattedDataSize(bytes, precision, QLocale::DataSizeSIFormat);
    // "27 MB" reads better than "27.0 MB".
    const QString zero = locale.decimalPoint() + locale.zeroDigit();
    const qsizetype at = text.indexOf(zero);
    if (at >= 0 && (at + zero.size() == text.size() || !text.at(at + zero.size()).isDigit()))
        text.remove(at, zero.size());
    return text;
}
