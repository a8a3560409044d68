#pragma once

#include <QWidget>

class ChannelModel;
class QComboBox;
class QLabel;

// Chooses the channel an application follows, explaining each one. Moving to a less stable
// channel asks for confirmation; moving to a more stable one offers to stay on the installed
// version until that channel catches up, or to roll back now.
class ChannelSelector : public QWidget
{
    Q_OBJECT

public:
    explicit ChannelSelector(ChannelModel* model, QWidget* parent = nullptr);

    [[nodiscard]] QComboBox* comboBox() const { return m_combo; }
    // The installed version, named in the question when moving to a more stable channel.
    void setInstalledVersion(const QString& version) { m_installed = version; }

Q_SIGNALS:
    // The user confirmed: follow `channel`, and with `rollBackNow` go back to one of its versions.
    void channelChosen(const QString& channel, bool rollBackNow);

protected:
    // Swallows wheel events on the combo box, so that scrolling past it chooses nothing.
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void chosen(int row);
    void showCurrent();
    void explain(int row);

    ChannelModel* m_model;
    QComboBox* m_combo;
    QLabel* m_explanation;
    QString m_installed;
};
