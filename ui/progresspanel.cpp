#include "progresspanel.h"

#include "applicationmodel.h"
#include "datasize.h"

#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>

using namespace Qt::StringLiterals;

ProgressPanel::ProgressPanel(QWidget* parent)
    : QWidget(parent)
    , m_bar(new QProgressBar(this))
    , m_phase(new QLabel(this))
    , m_detail(new QLabel(this))
    , m_pause(new QPushButton(tr("&Pause"), this))
    , m_cancel(new QPushButton(tr("&Cancel update"), this))
{
    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    QFont bold = m_phase->font();
    bold.setBold(true);
    m_phase->setFont(bold);
    m_phase->setTextFormat(Qt::PlainText);
    m_detail->setTextFormat(Qt::PlainText);
    m_bar->setRange(0, 1000);
    m_bar->setTextVisible(false);
    m_bar->setAccessibleName(tr("Update progress"));
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pause->setAccessibleName(tr("Pause or resume the download"));
    m_cancel->setAccessibleName(tr("Cancel the update"));
    layout->addWidget(m_phase, 0, 0, 1, 3);
    layout->addWidget(m_bar, 1, 0, 1, 3);
    layout->addWidget(m_detail, 2, 0);
    layout->addWidget(m_pause, 2, 1);
    layout->addWidget(m_cancel, 2, 2);
    layout->setColumnStretch(0, 1);
    connect(m_pause, &QPushButton::clicked, this, [this] {
        if (m_paused)
            Q_EMIT resumeClicked();
        else
            Q_EMIT pauseClicked();
    });
    connect(m_cancel, &QPushButton::clicked, this, &ProgressPanel::cancelClicked);
}

void ProgressPanel::setProgress(const InstallProgress& progress, bool paused)
{
    m_paused = paused;
    const qint64 total = std::max<qint64>(progress.total, 1);
    const bool downloading = progress.phase == InstallProgress::Phase::Download;
    m_bar->setValue(downloading && progress.total > 0 ? int(1000 * std::min(progress.done, total) / total) : 1000);
    // The later phases cannot be measured; a busy bar says work goes on.
    m_bar->setMaximum(downloading || progress.phase == InstallProgress::Phase::Verify ? 1000 : 0);
    m_phase->setText(paused ? tr("Paused") : ApplicationModel::phaseText(progress.phase));
    m_detail->setText(describe(progress, paused));
    m_pause->setText(paused ? tr("&Resume") : tr("&Pause"));
    // Only a download can wait; once installing has begun it finishes or rolls back.
    m_pause->setEnabled(downloading);
    m_cancel->setEnabled(downloading || progress.phase == InstallProgress::Phase::Verify);
}

QString ProgressPanel::phaseText() const
{
    return m_phase->text();
}

QString ProgressPanel::detailText() const
{
    return m_detail->text();
}

QString ProgressPanel::describe(const InstallProgress& progress, bool paused)
{
    auto size = [](qint64 bytes) { return DataSize::format(bytes); };
    // Nothing to fetch: a background download already brought everything.
    if (progress.total <= 0)
        return tr("Already downloaded");
    if (progress.phase != InstallProgress::Phase::Download)
        return tr("%1 downloaded").arg(size(progress.total));
    QString text = tr("%1 of %2").arg(size(progress.done), size(progress.total));
    if (paused)
        return text;
    if (progress.bytesPerSecond > 0)
        text += u" · "_s + tr("%1/s").arg(size(progress.bytesPerSecond));
    if (progress.secondsLeft >= 0 && progress.done < progress.total)
        text += u" · "_s + timeLeft(progress.secondsLeft);
    return text;
}

QString ProgressPanel::timeLeft(qint64 seconds)
{
    if (seconds <= 1)
        return tr("1 second left");
    if (seconds < 60)
        return tr("%1 seconds left").arg(seconds);
    const qint64 minutes = (seconds + 30) / 60;
    if (minutes == 1)
        return tr("about 1 minute left");
    if (minutes < 60)
        return tr("about %1 minutes left").arg(minutes);
    const qint64 hours = (seconds + 1800) / 3600;
    return hours == 1 ? tr("about 1 hour left") : tr("about %1 hours left").arg(hours);
}
