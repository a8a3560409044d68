#include "settingsdialog.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTimeEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

SettingsDialog::SettingsDialog(QWidget* parent)
    : QDialog(parent)
    , m_startAtLogin(new QCheckBox(tr("Start Upkeep in the tray when I &log in"), this))
    , m_interval(new QComboBox(this))
    , m_ask(new QRadioButton(tr("&Ask me"), this))
    , m_onQuit(new QRadioButton(tr("When I &quit Upkeep"), this))
    , m_atTime(new QRadioButton(tr("Every day &at"), this))
    , m_installTime(new QTimeEdit(this))
    , m_background(new QCheckBox(tr("&Download updates in the background"), this))
    , m_metered(new QCheckBox(tr("&Hold downloads on metered connections"), this))
    , m_bandwidth(new QSpinBox(this))
    , m_found(new QCheckBox(tr("Updates are &found"), this))
    , m_installed(new QCheckBox(tr("An update is i&nstalled"), this))
    , m_rolledBack(new QCheckBox(tr("An update is &rolled back"), this))
    , m_failed(new QCheckBox(tr("An update &fails"), this))
    , m_quiet(new QCheckBox(tr("&Quiet hours from"), this))
    , m_quietFrom(new QTimeEdit(this))
    , m_quietTo(new QTimeEdit(this))
    , m_statistics(new QCheckBox(tr("Send anonymous &statistics"), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::Apply, this))
{
    setWindowTitle(tr("Upkeep Settings"));
    setObjectName(u"settingsDialog"_s);

    m_interval->addItem(tr("Every hour"), int(Preferences::CheckInterval::Hourly));
    m_interval->addItem(tr("Every day"), int(Preferences::CheckInterval::Daily));
    m_interval->addItem(tr("Every week"), int(Preferences::CheckInterval::Weekly));
    m_interval->addItem(tr("Never (only when I ask)"), int(Preferences::CheckInterval::Never));
    m_interval->setAccessibleName(tr("How often to check for updates"));

    auto* checking = new QGroupBox(tr("Checking"), this);
    auto* checkingLayout = new QFormLayout(checking);
    auto* intervalLabel = new QLabel(tr("&Check for updates:"), checking);
    intervalLabel->setBuddy(m_interval);
    checkingLayout->addRow(intervalLabel, m_interval);
    m_startAtLogin->setAccessibleName(tr("Start Upkeep at login"));
    m_startAtLogin->setToolTip(tr("Upkeep waits in the tray and checks for updates while you work."));
    checkingLayout->addRow(m_startAtLogin);

    auto* installing = new QGroupBox(tr("Installing updates"), this);
    auto* installLayout = new QVBoxLayout(installing);
    auto* group = new QButtonGroup(this);
    group->addButton(m_ask);
    group->addButton(m_onQuit);
    group->addButton(m_atTime);
    m_ask->setAccessibleName(tr("Install when I choose"));
    m_onQuit->setAccessibleName(tr("Install when I quit Upkeep"));
    m_atTime->setAccessibleName(tr("Install every day at a set time"));
    m_installTime->setDisplayFormat(u"HH:mm"_s);
    m_installTime->setAccessibleName(tr("Time to install updates"));
    auto* atRow = new QHBoxLayout;
    atRow->addWidget(m_atTime);
    atRow->addWidget(m_installTime);
    atRow->addStretch();
    installLayout->addWidget(m_ask);
    installLayout->addWidget(m_onQuit);
    installLayout->addLayout(atRow);

    auto* network = new QGroupBox(tr("Network"), this);
    auto* networkLayout = new QFormLayout(network);
    m_background->setAccessibleName(tr("Download updates in the background"));
    m_background->setToolTip(tr("An update found is downloaded at once, so that installing it takes seconds."));
    m_metered->setAccessibleName(tr("Hold downloads on metered connections"));
    m_metered->setToolTip(tr("On a mobile hotspot or a metered plan, background downloads and scheduled updates "
                             "wait for another connection."));
    m_bandwidth->setRange(0, 1000000);
    m_bandwidth->setSingleStep(100);
    m_bandwidth->setSuffix(tr(" kB/s"));
    m_bandwidth->setSpecialValueText(tr("No limit"));
    m_bandwidth->setAccessibleName(tr("Bandwidth limit in kilobytes per second"));
    auto* bandwidthLabel = new QLabel(tr("&Bandwidth limit:"), network);
    bandwidthLabel->setBuddy(m_bandwidth);
    networkLayout->addRow(m_background);
    networkLayout->addRow(m_metered);
    networkLayout->addRow(bandwidthLabel, m_bandwidth);

    auto* notifications = new QGroupBox(tr("Notify me when"), this);
    auto* notifyLayout = new QVBoxLayout(notifications);
    for (QCheckBox* box : {m_found, m_installed, m_rolledBack, m_failed}) {
        box->setAccessibleName(tr("Notify: %1").arg(box->text().remove(u'&')));
        notifyLayout->addWidget(box);
    }
    m_quietFrom->setDisplayFormat(u"HH:mm"_s);
    m_quietTo->setDisplayFormat(u"HH:mm"_s);
    m_quiet->setAccessibleName(tr("Quiet hours"));
    m_quiet->setToolTip(tr("No notifications during these hours."));
    m_quietFrom->setAccessibleName(tr("Quiet hours start"));
    m_quietTo->setAccessibleName(tr("Quiet hours end"));
    auto* quietRow = new QHBoxLayout;
    quietRow->addWidget(m_quiet);
    quietRow->addWidget(m_quietFrom);
    quietRow->addWidget(new QLabel(tr("to"), notifications));
    quietRow->addWidget(m_quietTo);
    quietRow->addStretch();
    notifyLayout->addLayout(quietRow);

    auto* privacy = new QGroupBox(tr("Privacy"), this);
    auto* privacyLayout = new QVBoxLayout(privacy);
    m_statistics->setAccessibleName(tr("Send anonymous statistics"));
    auto* statisticsNote = new QLabel(
        tr("Tells the publisher which version was installed and whether it worked, with a random id that is "
           "never linked to you."),
        privacy);
    statisticsNote->setWordWrap(true);
    privacyLayout->addWidget(m_statistics);
    privacyLayout->addWidget(statisticsNote);

    m_buttons->button(QDialogButtonBox::Ok)->setAccessibleName(tr("Save the settings and close"));
    m_buttons->button(QDialogButtonBox::Apply)->setAccessibleName(tr("Save the settings"));
    m_buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Close without saving"));

    auto* columns = new QHBoxLayout;
    auto* left = new QVBoxLayout;
    left->addWidget(checking);
    left->addWidget(installing);
    left->addWidget(network);
    left->addStretch();
    auto* right = new QVBoxLayout;
    right->addWidget(notifications);
    right->addWidget(privacy);
    right->addStretch();
    columns->addLayout(left);
    columns->addLayout(right);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(columns);
    layout->addWidget(m_buttons);

    QWidget* order[]
        = {m_interval, m_startAtLogin, m_ask, m_onQuit, m_atTime, m_installTime, m_background, m_metered, m_bandwidth,
            m_found, m_installed, m_rolledBack, m_failed, m_quiet, m_quietFrom, m_quietTo, m_statistics, m_buttons};
    for (size_t i = 1; i < std::size(order); ++i)
        setTabOrder(order[i - 1], order[i]);

    connect(m_atTime, &QRadioButton::toggled, this, &SettingsDialog::updateEnabled);
    connect(m_quiet, &QCheckBox::toggled, this, &SettingsDialog::updateEnabled);
    connect(m_buttons, &QDialogButtonBox::clicked, this, [this](QAbstractButton* button) {
        switch (m_buttons->buttonRole(button)) {
        case QDialogButtonBox::AcceptRole:
            Q_EMIT applied(preferences());
            accept();
            break;
        case QDialogButtonBox::ApplyRole: Q_EMIT applied(preferences()); break;
        default: reject(); break;
        }
    });
    setPreferences(Preferences());
}

void SettingsDialog::setPreferences(const Preferences& p)
{
    m_interval->setCurrentIndex(m_interval->findData(int(p.checkInterval)));
    m_startAtLogin->setChecked(p.startAtLogin);
    m_ask->setChecked(p.installWhen == Preferences::InstallWhen::Ask);
    m_onQuit->setChecked(p.installWhen == Preferences::InstallWhen::OnQuit);
    m_atTime->setChecked(p.installWhen == Preferences::InstallWhen::AtTime);
    m_installTime->setTime(p.installTime);
    m_background->setChecked(p.downloadInBackground);
    m_metered->setChecked(p.holdOnMetered);
    m_bandwidth->setValue(int(p.bandwidthLimit / 1000));
    m_found->setChecked(p.notifyUpdateFound);
    m_installed->setChecked(p.notifyInstalled);
    m_rolledBack->setChecked(p.notifyRolledBack);
    m_failed->setChecked(p.notifyFailed);
    m_quiet->setChecked(p.quietHours);
    m_quietFrom->setTime(p.quietFrom);
    m_quietTo->setTime(p.quietTo);
    m_statistics->setChecked(p.statistics);
    updateEnabled();
}

Preferences SettingsDialog::preferences() const
{
    Preferences p;
    p.checkInterval = Preferences::CheckInterval(m_interval->currentData().toInt());
    p.startAtLogin = m_startAtLogin->isChecked();
    p.installWhen = m_onQuit->isChecked() ? Preferences::InstallWhen::OnQuit
        : m_atTime->isChecked()           ? Preferences::InstallWhen::AtTime
                                          : Preferences::InstallWhen::Ask;
    p.installTime = m_installTime->time();
    p.downloadInBackground = m_background->isChecked();
    p.holdOnMetered = m_metered->isChecked();
    p.bandwidthLimit = qint64(m_bandwidth->value()) * 1000;
    p.notifyUpdateFound = m_found->isChecked();
    p.notifyInstalled = m_installed->isChecked();
    p.notifyRolledBack = m_rolledBack->isChecked();
    p.notifyFailed = m_failed->isChecked();
    p.quietHours = m_quiet->isChecked();
    p.quietFrom = m_quietFrom->time();
    p.quietTo = m_quietTo->time();
    p.statistics = m_statistics->isChecked();
    return p;
}

QCheckBox* SettingsDialog::notificationBox(Preferences::Notification notification) const
{
    switch (notification) {
    case Preferences::Notification::UpdateFound: return m_found;
    case Preferences::Notification::Installed: return m_installed;
    case Preferences::Notification::RolledBack: return m_rolledBack;
    case Preferences::Notification::Failed: return m_failed;
    }
    return nullptr;
}

void SettingsDialog::updateEnabled()
{
    m_installTime->setEnabled(m_atTime->isChecked());
    m_quietFrom->setEnabled(m_quiet->isChecked());
    m_quietTo->setEnabled(m_quiet->isChecked());
}
