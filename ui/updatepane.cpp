#include "updatepane.h"

#include "applicationmodel.h"
#include "changelogview.h"
#include "channelselector.h"
#include "datasize.h"
#include "dayandtime.h"
#include "historymodel.h"
#include "preferences.h"
#include "progresspanel.h"
#include "publisherdialog.h"
#include "releasemodel.h"
#include "signindialog.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

UpdatePane::UpdatePane(ApplicationModel* applications, ReleaseModel* releases, HistoryModel* history,
    ChannelModel* channels, QWidget* parent)
    : QWidget(parent)
    , m_releases(releases)
    , m_history(history)
    , m_title(new QLabel(this))
    , m_badge(new QLabel(tr("Critical update"), this))
    , m_versions(new QLabel(this))
    , m_publisher(new QLabel(this))
    , m_publisherDetails(new QPushButton(tr("&Details…"), this))
    , m_checked(new QLabel(this))
    , m_size(new QLabel(this))
    , m_notice(new QLabel(this))
    , m_held(new QLabel(this))
    , m_unhold(new QPushButton(tr("Resume upd&ates"), this))
    , m_failureDetails(new QPushButton(tr("D&etails…"), this))
    , m_signIn(new QPushButton(tr("S&ign in…"), this))
    , m_update(new QPushButton(tr("&Update now"), this))
    , m_schedule(new QToolButton(this))
    , m_remind(new QToolButton(this))
    , m_skip(new QPushButton(tr("S&kip this version"), this))
    , m_check(new QPushButton(tr("Check &now"), this))
    , m_progress(new ProgressPanel(this))
    , m_whatsNew(new QLabel(tr("What's new"), this))
    , m_changelog(new ChangelogView(this))
    , m_kept(new QLabel(this))
    , m_rollBack(new QToolButton(this))
    , m_channel(new ChannelSelector(channels, this))
{
    // What these show may quote a server (a problem's sentence, names and versions from the
    // repository): never taken for rich text.
    for (QLabel* label :
        {m_title, m_badge, m_versions, m_publisher, m_checked, m_size, m_notice, m_held, m_whatsNew, m_kept})
        label->setTextFormat(Qt::PlainText);
    QFont title = m_title->font();
    title.setPointSizeF(title.pointSizeF() * 1.4);
    title.setBold(true);
    m_title->setFont(title);
    m_title->setWordWrap(true);
    m_title->setAccessibleName(tr("Application and update"));
    m_badge->setStyleSheet(u"QLabel { background: #c01c28; color: white; border-radius: 4px; padding: 2px 8px; "
                           "font-weight: bold; }"_s);
    m_badge->setAccessibleName(tr("Critical update"));
    m_badge->setToolTip(tr("The publisher marked this update as critical, usually for security. It cannot be "
                           "skipped."));
    m_size->setAccessibleName(tr("Download size"));
    m_versions->setAccessibleName(tr("Versions"));
    m_publisher->setObjectName(u"publisher"_s);
    m_publisher->setAccessibleName(tr("Publisher"));
    m_publisherDetails->setObjectName(u"publisherDetails"_s);
    m_publisherDetails->setAccessibleName(tr("Details of the publisher's certificate"));
    m_notice->setObjectName(u"notice"_s);
    m_notice->setWordWrap(true);
    m_notice->setAccessibleName(tr("Notice"));
    m_notice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_checked->setObjectName(u"checked"_s);
    m_checked->setWordWrap(true);
    m_checked->setAccessibleName(tr("Checks for updates"));
    m_failureDetails->setObjectName(u"failureDetails"_s);
    m_failureDetails->setAccessibleName(tr("Details of the failed check"));
    m_signIn->setObjectName(u"signIn"_s);
    m_signIn->setAccessibleName(tr("Sign in to the private repository again"));
    m_kept->setObjectName(u"kept"_s);
    m_kept->setWordWrap(true);
    m_kept->setAccessibleName(tr("Kept versions"));
    m_rollBack->setText(tr("Roll &back…"));
    m_rollBack->setObjectName(u"rollBack"_s);
    m_rollBack->setAccessibleName(tr("Roll back to a kept version"));
    m_rollBack->setPopupMode(QToolButton::InstantPopup);
    m_rollBack->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_rollBack->setFocusPolicy(Qt::StrongFocus);
    m_rollBack->setMenu(new QMenu(m_rollBack));

    m_update->setDefault(true);
    m_update->setAccessibleName(tr("Update now"));
    m_schedule->setText(tr("&Schedule…"));
    m_schedule->setAccessibleName(tr("Schedule the update"));
    m_schedule->setPopupMode(QToolButton::InstantPopup);
    m_schedule->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_schedule->setFocusPolicy(Qt::StrongFocus);
    auto* schedule = new QMenu(m_schedule);
    schedule->setObjectName(u"scheduleMenu"_s);
    m_tonight = schedule->addAction(QString(), this, [this] { Q_EMIT scheduleChosen(Schedule::Tonight); });
    m_tonight->setObjectName(u"tonight"_s);
    setInstallTime(Preferences().installTime);
    schedule->addAction(tr("At a time…"), this, &UpdatePane::chooseTime)->setObjectName(u"atTime"_s);
    schedule->addAction(tr("When I quit Upkeep"), this, [this] { Q_EMIT scheduleChosen(Schedule::OnQuit); })
        ->setObjectName(u"onQuit"_s);
    m_schedule->setMenu(schedule);

    m_remind->setText(tr("&Remind me later"));
    m_remind->setAccessibleName(tr("Remind me later"));
    m_remind->setPopupMode(QToolButton::InstantPopup);
    m_remind->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_remind->setFocusPolicy(Qt::StrongFocus);
    auto* remind = new QMenu(m_remind);
    remind->setObjectName(u"remindMenu"_s);
    remind->addAction(tr("In an hour"), this, [this] { Q_EMIT remindChosen(Reminder::InAnHour); })
        ->setObjectName(u"inAnHour"_s);
    remind->addAction(tr("Tomorrow"), this, [this] { Q_EMIT remindChosen(Reminder::Tomorrow); })
        ->setObjectName(u"tomorrow"_s);
    remind->addAction(tr("Next week"), this, [this] { Q_EMIT remindChosen(Reminder::NextWeek); })
        ->setObjectName(u"nextWeek"_s);
    m_remind->setMenu(remind);

    m_skip->setAccessibleName(tr("Skip this version"));
    m_check->setAccessibleName(tr("Check for updates now"));

    QFont heading = m_whatsNew->font();
    heading.setBold(true);
    m_whatsNew->setFont(heading);
    m_changelog->setOpenExternalLinks(true);
    m_changelog->setTabChangesFocus(true);
    m_changelog->setAccessibleName(tr("Release notes"));
    m_whatsNew->setBuddy(m_changelog);

    auto* layout = new QVBoxLayout(this);
    auto* titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title, 1);
    titleRow->addWidget(m_badge, 0, Qt::AlignTop);
    layout->addLayout(titleRow);
    layout->addWidget(m_versions);
    // Details… right after the name, the rest of the line left empty; without it the line is the
    // publisher alone, wrapped over the whole width.
    auto* publisherRow = new QHBoxLayout;
    publisherRow->addWidget(m_publisher);
    publisherRow->addWidget(m_publisherDetails, 1, Qt::AlignLeft | Qt::AlignVCenter);
    layout->addLayout(publisherRow);
    layout->addWidget(m_checked);
    layout->addWidget(m_size);
    layout->addWidget(m_notice);
    auto* heldRow = new QHBoxLayout;
    heldRow->addWidget(m_held, 1);
    heldRow->addWidget(m_unhold);
    m_held->setWordWrap(true);
    m_unhold->setAccessibleName(tr("Resume updates"));
    layout->addLayout(heldRow);
    auto* actions = new QHBoxLayout;
    actions->addWidget(m_update);
    actions->addWidget(m_schedule);
    actions->addWidget(m_remind);
    actions->addWidget(m_skip);
    actions->addWidget(m_failureDetails);
    actions->addWidget(m_signIn);
    actions->addStretch();
    actions->addWidget(m_check);
    layout->addLayout(actions);
    layout->addWidget(m_progress);
    layout->addSpacing(6);
    layout->addWidget(m_whatsNew);
    layout->addWidget(m_changelog, 1);
    auto* keptRow = new QHBoxLayout;
    keptRow->addWidget(m_kept, 1);
    keptRow->addWidget(m_rollBack);
    layout->addLayout(keptRow);
    layout->addWidget(m_channel);
    // Without notes to show, the page keeps to the top instead of spreading its lines apart.
    layout->addStretch();

    setTabOrder(m_publisherDetails, m_unhold);
    setTabOrder(m_unhold, m_failureDetails);
    setTabOrder(m_failureDetails, m_signIn);
    setTabOrder(m_signIn, m_update);
    setTabOrder(m_update, m_schedule);
    setTabOrder(m_schedule, m_remind);
    setTabOrder(m_remind, m_skip);
    setTabOrder(m_skip, m_check);
    setTabOrder(m_check, m_progress->pauseButton());
    setTabOrder(m_progress->pauseButton(), m_progress->cancelButton());
    setTabOrder(m_progress->cancelButton(), m_changelog);
    setTabOrder(m_changelog, m_rollBack);
    setTabOrder(m_rollBack, m_channel->comboBox());

    connect(m_publisherDetails, &QPushButton::clicked, this, &UpdatePane::showPublisher);
    connect(m_update, &QPushButton::clicked, this, &UpdatePane::updateClicked);
    connect(m_skip, &QPushButton::clicked, this, &UpdatePane::skipClicked);
    connect(m_check, &QPushButton::clicked, this, &UpdatePane::checkClicked);
    connect(m_unhold, &QPushButton::clicked, this, &UpdatePane::unholdClicked);
    connect(m_failureDetails, &QPushButton::clicked, this, &UpdatePane::showFailureDetails);
    connect(m_signIn, &QPushButton::clicked, this, &UpdatePane::askPassword);
    connect(m_progress, &ProgressPanel::pauseClicked, this, &UpdatePane::pauseClicked);
    connect(m_progress, &ProgressPanel::resumeClicked, this, &UpdatePane::resumeClicked);
    connect(m_progress, &ProgressPanel::cancelClicked, this, &UpdatePane::cancelClicked);
    connect(m_channel, &ChannelSelector::channelChosen, this, &UpdatePane::channelChosen);
    connect(
        applications, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex& from, const QModelIndex& to) {
            if (m_current.isValid() && from.row() <= m_current.row() && m_current.row() <= to.row())
                refresh();
        });
    connect(applications, &QAbstractItemModel::modelReset, this, &UpdatePane::refresh);
    connect(releases, &QAbstractItemModel::modelReset, this, &UpdatePane::refreshChangelog);
    connect(releases, &QAbstractItemModel::dataChanged, this, &UpdatePane::refreshChangelog);
    connect(history, &HistoryModel::keptChanged, this, &UpdatePane::refreshKept);
    refresh();
    refreshKept();
}

void UpdatePane::setNextCheck(std::function<QDateTime()> nextCheck)
{
    m_nextCheck = std::move(nextCheck);
    refresh();
}

void UpdatePane::setInstallTime(QTime time)
{
    const QString at = QLocale().toString(time, QLocale::ShortFormat);
    const bool night = time.hour() >= 18 || time.hour() < 6;
    m_tonight->setText(night ? tr("Tonight at %1").arg(at) : tr("At %1").arg(at));
}

void UpdatePane::setCurrent(const QModelIndex& index)
{
    m_current = index;
    refresh();
    refreshChangelog();
    refreshKept();
}

QString UpdatePane::sizeLine(qint64 download, qint64 full)
{
    auto size = [](qint64 bytes) { return DataSize::format(bytes); };
    if (download < 0 || full <= 0)
        return full > 0 ? tr("Full size %1").arg(size(full)) : QString();
    if (download == 0)
        return tr("Downloaded and ready to install.");
    if (download >= full)
        return tr("%1 to download").arg(size(download));
    return tr("%1 instead of %2").arg(size(download), size(full));
}

void UpdatePane::refresh()
{
    const QModelIndex index = m_current;
    const bool valid = index.isValid();
    using Status = ApplicationModel::Status;
    const auto status = valid ? index.data(ApplicationModel::StatusRole).value<Status>() : Status::Loading;
    const QString name = index.data(ApplicationModel::NameRole).toString();
    const QString installed = index.data(ApplicationModel::InstalledRole).toString();
    const QString available = index.data(ApplicationModel::AvailableRole).toString();
    const bool offer = !available.isEmpty();
    const bool critical = offer && index.data(ApplicationModel::CriticalRole).toBool();
    const bool updating = status == Status::Updating || status == Status::RollingBack;
    const QLocale locale;

    if (!valid)
        m_title->setText(tr("No application is managed yet"));
    else if (status == Status::Updating)
        m_title->setText(tr("Updating %1 to %2").arg(name, available));
    else if (offer)
        m_title->setText(tr("%1 %2 is available").arg(name, available));
    else if (status == Status::CheckFailed)
        m_title->setText(tr("Upkeep could not check %1 for updates").arg(name));
    else if (status == Status::Loading || status == Status::Problem)
        m_title->setText(name); // not known to be up to date: the notice says what went wrong
    else
        m_title->setText(tr("%1 is up to date").arg(name));
    m_badge->setVisible(critical);
    m_versions->setVisible(valid);
    m_versions->setText(valid ? tr("Installed: %1 · Channel: %2")
                                    .arg(installed.isEmpty() ? tr("nothing yet") : installed,
                                        index.data(ApplicationModel::ChannelRole).toString())
                              : QString());
    using Identity = ApplicationModel::Identity;
    const auto identity = valid ? index.data(ApplicationModel::IdentityRole).value<Identity>() : Identity::Unknown;
    const QString publisher = index.data(ApplicationModel::PublisherRole).toString();
    const bool signer = index.data(ApplicationModel::SignerRole).isValid();
    QString publishedBy;
    QString publishedTip;
    if (identity == Identity::None) {
        publishedBy = tr("This repository does not say who publishes it.");
        publishedTip = tr("Its updates are still checked against the repository's signing keys, but no "
                          "certificate names the publisher.");
    } else if (identity == Identity::Named && signer) {
        publishedBy
            = tr("Published by %1").arg(index.data(ApplicationModel::SignerRole).value<SignerFacts>().publisher);
    } else if (identity == Identity::Named) {
        publishedBy
            = tr("%1 publishes this repository. Upkeep has not verified who signed this version.").arg(publisher);
    }
    m_publisher->setText(publishedBy);
    m_publisher->setToolTip(publishedTip);
    m_publisher->setVisible(!publishedBy.isEmpty());
    // "Published by …" stays on one line beside Details…; a line without it wraps.
    const bool details = identity == Identity::Named && signer;
    m_publisherDetails->setVisible(details);
    m_publisher->setWordWrap(!details);
    m_checked->setText(valid && status != Status::Loading ? checkLine(status, index) : QString());
    m_checked->setVisible(!m_checked->text().isEmpty());
    m_size->setVisible(offer);
    m_size->setText(offer ? sizeLine(index.data(ApplicationModel::DownloadBytesRole).toLongLong(),
                        index.data(ApplicationModel::FullBytesRole).toLongLong())
                          : QString());

    QString notice;
    QString noticeStyle;
    if (!valid) {
        notice = tr("Add an installation with \"upkeep add\"; it appears here.");
    } else if (status == Status::Problem || status == Status::CheckFailed) {
        notice = index.data(ApplicationModel::MessageRole).toString();
        noticeStyle = u"QLabel { color: #c01c28; }"_s;
    } else if (status == Status::Postponed) {
        notice = tr("You will be reminded on %1.")
                     .arg(locale.toString(
                         index.data(ApplicationModel::RemindAtRole).toDateTime().toLocalTime(), QLocale::ShortFormat));
    } else if (status == Status::Scheduled) {
        const QDateTime at = index.data(ApplicationModel::ScheduledAtRole).toDateTime();
        notice = at.isValid()
            ? tr("Scheduled to install on %1.").arg(locale.toString(at.toLocalTime(), QLocale::ShortFormat))
            : tr("Scheduled to install when you quit Upkeep.");
    } else if (status == Status::Downloading) {
        const QVariant total = index.data(ApplicationModel::TotalRole);
        notice = total.isValid() && total.toLongLong() > 0
            ? tr("Downloading in the background: %1 of %2. Update now installs it as soon as it is here.")
                  .arg(DataSize::format(index.data(ApplicationModel::DoneRole).toLongLong()),
                      DataSize::format(total.toLongLong()))
            : tr("Downloading in the background. Update now installs it as soon as it is here.");
    } else if (status == Status::Checking) {
        notice = tr("Checking for updates…");
    } else if (status == Status::RollingBack) {
        notice = tr("Going back to a kept version…");
    } else if (critical) {
        notice = tr("This update fixes a serious problem. Install it soon.");
    }
    m_notice->setText(notice);
    m_notice->setStyleSheet(noticeStyle);
    m_notice->setVisible(!notice.isEmpty());

    // Held: nothing installs until the user resumes updates, which is the one action offered.
    const bool held = valid && index.data(ApplicationModel::HeldRole).toBool();
    m_held->setText(held
            ? tr("Updates paused: Upkeep checks for updates of %1 but installs none until you resume them.").arg(name)
            : QString());
    m_held->setVisible(held);
    m_unhold->setVisible(held);
    const bool actionable = offer && !updating && status != Status::Checking;
    m_update->setVisible(offer && !updating && !held);
    m_schedule->setVisible(offer && !updating && !held);
    m_remind->setVisible(offer && !updating && !held);
    m_skip->setVisible(offer && !updating && !critical);
    m_update->setEnabled(actionable);
    m_schedule->setEnabled(actionable);
    m_remind->setEnabled(actionable);
    m_skip->setEnabled(actionable);
    m_check->setVisible(!updating);
    m_check->setEnabled(valid && status != Status::Checking);
    m_check->setText(status == Status::CheckFailed ? tr("&Try again") : tr("Check &now"));
    m_failureDetails->setVisible(status == Status::CheckFailed);
    m_signIn->setVisible(
        status == Status::CheckFailed && !index.data(ApplicationModel::SignInRole).toString().isEmpty());
    m_rollBack->setEnabled(valid && !updating && status != Status::Checking);

    const QVariant total = index.data(ApplicationModel::TotalRole);
    m_progress->setVisible(status == Status::Updating && total.isValid());
    if (total.isValid()) {
        InstallProgress progress;
        progress.phase = InstallProgress::Phase(index.data(ApplicationModel::PhaseRole).toInt());
        progress.done = index.data(ApplicationModel::DoneRole).toLongLong();
        progress.total = total.toLongLong();
        progress.bytesPerSecond = index.data(ApplicationModel::BytesPerSecondRole).toLongLong();
        progress.secondsLeft = index.data(ApplicationModel::SecondsLeftRole).toLongLong();
        m_progress->setProgress(progress, index.data(ApplicationModel::PausedRole).toBool());
    }
    m_channel->setInstalledVersion(installed);
    m_channel->setEnabled(valid && !updating);
}

QString UpdatePane::checkLine(ApplicationModel::Status status, const QModelIndex& index) const
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime last = index.data(ApplicationModel::LastCheckRole).toDateTime();
    QString line;
    if (status == ApplicationModel::Status::CheckFailed)
        line = tr("Last successful check: %1.").arg(last.isValid() ? DayAndTime::format(last, now) : tr("never"));
    else if (last.isValid())
        line = tr("Last checked %1.").arg(DayAndTime::format(last, now));
    else
        line = tr("Not checked yet.");
    if (!m_nextCheck)
        return line;
    const QDateTime next = m_nextCheck();
    if (!next.isValid())
        return line + u' ' + tr("Upkeep checks only when you ask.");
    if (next <= now)
        return line + u' ' + tr("Next check shortly.");
    return line + u' ' + tr("Next check %1.").arg(DayAndTime::format(next, now));
}

void UpdatePane::refreshKept()
{
    QStringList kept;
    for (const Version& version : m_history->keptVersions())
        kept.append(version.toString());
    m_kept->setText(kept.isEmpty() ? QString() : tr("Kept on this computer: %1").arg(kept.join(u", "_s)));
    m_kept->setVisible(m_current.isValid() && !kept.isEmpty());
    QMenu* menu = m_rollBack->menu();
    menu->clear();
    for (const Version& version : m_history->rollBackTargets()) {
        const QString target = version.toString();
        menu->addAction(tr("Roll back to %1").arg(target), this, [this, target] { Q_EMIT rollbackChosen(target); })
            ->setObjectName(target);
    }
    m_rollBack->setVisible(m_current.isValid() && !menu->isEmpty());
}

void UpdatePane::showFailureDetails()
{
    auto* box = new QMessageBox(this);
    box->setObjectName(u"checkFailure"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setIcon(QMessageBox::Warning);
    box->setTextFormat(Qt::PlainText);
    box->setWindowTitle(m_title->text());
    box->setText(m_current.data(ApplicationModel::MessageRole).toString());
    box->setDetailedText(m_current.data(ApplicationModel::DetailsRole).toString());
    box->setStandardButtons(QMessageBox::Close);
    box->open();
}

void UpdatePane::askPassword()
{
    auto* dialog = new SignInDialog(m_current.data(ApplicationModel::NameRole).toString(),
        m_current.data(ApplicationModel::SignInRole).toString(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { Q_EMIT signInChosen(dialog->password()); });
    dialog->open();
}

void UpdatePane::refreshChangelog()
{
    // What the offer brings; up to date, the installed version's own notes.
    const bool offer = m_releases->rowCount() > 0;
    const QString markdown = offer ? m_releases->markdown() : m_releases->installedMarkdown();
    m_whatsNew->setText(offer ? tr("What's new") : tr("About the installed version"));
    m_whatsNew->setVisible(!markdown.isEmpty());
    m_changelog->setVisible(!markdown.isEmpty());
    if (m_changelog->property("markdown").toString() != markdown) {
        m_changelog->setMarkdown(markdown);
        m_changelog->setProperty("markdown", markdown);
    }
}

void UpdatePane::chooseTime()
{
    QDialog dialog(this);
    dialog.setObjectName(u"scheduleDialog"_s);
    dialog.setWindowTitle(tr("Schedule the update"));
    auto* layout = new QFormLayout(&dialog);
    auto* when = new QDateTimeEdit(QDateTime::currentDateTime().addSecs(3600), &dialog);
    when->setCalendarPopup(true);
    when->setMinimumDateTime(QDateTime::currentDateTime());
    when->setAccessibleName(tr("Install at"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    buttons->button(QDialogButtonBox::Ok)->setObjectName(u"schedule"_s);
    layout->addRow(tr("Install &at:"), when);
    layout->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() == QDialog::Accepted)
        Q_EMIT scheduleAtChosen(when->dateTime().toUTC());
}

void UpdatePane::showPublisher()
{
    const QVariant signer = m_current.data(ApplicationModel::SignerRole);
    if (!signer.isValid())
        return;
    auto* dialog
        = new PublisherDialog(signer.value<SignerFacts>(), m_current.data(ApplicationModel::NameRole).toString(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

QString UpdatePane::titleText() const
{
    return m_title->text();
}

QString UpdatePane::sizeText() const
{
    return m_size->text();
}

QString UpdatePane::noticeText() const
{
    return m_notice->text();
}

QString UpdatePane::checkedText() const
{
    return m_checked->text();
}

QString UpdatePane::keptText() const
{
    return m_kept->text();
}
