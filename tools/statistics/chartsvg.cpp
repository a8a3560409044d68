#include "chartsvg.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QGraphicsScene>
#include <QPainter>
#include <QSvgGenerator>
#include <QtCharts/QChart>

QByteArray ChartSvg::render(QChart* chart, QSize size, const QString& id)
{
    QGraphicsScene scene; // owns the chart from here on
    chart->setAnimationOptions(QChart::NoAnimation);
    scene.addItem(chart);
    chart->setGeometry(QRectF(QPointF(0, 0), size));
    scene.setSceneRect(QRectF(QPointF(0, 0), size));
    // The chart lays its axes, legend and plot out in posted events.
    QCoreApplication::sendPostedEvents();

    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setResolution(96); // a CSS pixel per pixel of the chart
    generator.setTitle(chart->title());
    generator.setDescription(QString());
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    QPainter painter(&generator);
    painter.setRenderHint(QPainter::Antialiasing);
    scene.render(&painter, QRectF(QPointF(0, 0), size), QRectF(QPointF(0, 0), size));
    painter.end();
    QByteArray svg = buffer.data();
    svg = svg.mid(std::max<qsizetype>(0, svg.indexOf("<svg")));
    // Every chart names its gradients alike; in one page the ids must differ.
    const QByteArray prefix = id.toUtf8() + '-';
    svg.replace("id=\"", "id=\"" + prefix);
    svg.replace("url(#", "url(#" + prefix);
    return svg;
}
