#pragma once

#include <QByteArray>
#include <QSize>
#include <QString>

class QChart;

// A Qt Charts chart drawn into SVG, to be put inline in a page: vector, sharp at any zoom, no script and
// no file beside the page. Needs a QApplication (charts are graphics widgets); the offscreen platform does.
class ChartSvg
{
public:
    // The <svg> element, without an XML declaration; takes `chart` over. Its ids start with `id`, so that
    // several charts fit in one page.
    [[nodiscard]] static QByteArray render(QChart* chart, QSize size, const QString& id);
};
