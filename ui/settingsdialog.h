#pragma once

#include "preferences.h"

#include <QDialog>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QRadioButton;
class QSpinBox;
class QTimeEdit;

// Upkeep's settings: whether to start at login, how often to check, when to install, holding downloads on metered
// connections, a bandwidth limit, which notifications to show and when to keep quiet, and
// anonymous statistics. OK and Apply hand the preferences over at once (applied()).
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(QWidget* parent = nullptr);

    void setPreferences(const Preferences& preferences);
    [[nodiscard]] Preferences preferences() const;

    [[nodiscard]] QCheckBox* startAtLoginBox() const { return m_startAtLogin; }
    [[nodiscard]] QComboBox* intervalBox() const { return m_interval; }
    [[nodiscard]] QRadioButton* installAskButton() const { return m_ask; }
    [[nodiscard]] QRadioButton* installOnQuitButton() const { return m_onQuit; }
    [[nodiscard]] QRadioButton* installAtTimeButton() const { return m_atTime; }
    [[nodiscard]] QTimeEdit* installTimeEdit() const { return m_installTime; }
    [[nodiscard]] QCheckBox* backgroundBox() const { return m_background; }
    [[nodiscard]] QCheckBox* meteredBox() const { return m_metered; }
    [[nodiscard]] QSpinBox* bandwidthBox() const { return m_bandwidth; }
    [[nodiscard]] QCheckBox* quietHoursBox() const { return m_quiet; }
    [[nodiscard]] QTimeEdit* quietFromEdit() const { return m_quietFrom; }
    [[nodiscard]] QTimeEdit* quietToEdit() const { return m_quietTo; }
    [[nodiscard]] QCheckBox* statisticsBox() const { return m_statistics; }
    [[nodiscard]] QCheckBox* notificationBox(Preferences::Notification notification) const;
    [[nodiscard]] QDialogButtonBox* buttons() const { return m_buttons; }

Q_SIGNALS:
    void applied(const Preferences& preferences);

private:
    void updateEnabled();

    QCheckBox* m_startAtLogin;
    QComboBox* m_interval;
    QRadioButton* m_ask;
    QRadioButton* m_onQuit;
    QRadioButton* m_atTime;
    QTimeEdit* m_installTime;
    QCheckBox* m_background;
    QCheckBox* m_metered;
    QSpinBox* m_bandwidth;
    QCheckBox* m_found;
    QCheckBox* m_installed;
    QCheckBox* m_rolledBack;
    QCheckBox* m_failed;
    QCheckBox* m_quiet;
    QTimeEdit* m_quietFrom;
    QTimeEdit* m_quietTo;
    QCheckBox* m_statistics;
    QDialogButtonBox* m_buttons;
};
