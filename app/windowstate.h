#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

class MainWindow;

// What the window looks like, carried across a restart into a new version of Upkeep: where it
// is, which application it shows, and whether it is open or Upkeep sits in the tray only.
struct WindowState {
    QByteArray geometry; // QWidget::saveGeometry()
    QString selected;    // the selected application's folder
    bool visible = true;

    [[nodiscard]] static WindowState of(const MainWindow& window);
    // Places the window and selects the application; showing it is the caller's (visible).
    void restore(MainWindow& window) const;

    [[nodiscard]] QByteArray toJson() const;
    // nullopt for anything but what toJson() makes.
    [[nodiscard]] static std::optional<WindowState> fromJson(const QByteArray& bytes);

    friend bool operator==(const WindowState&, const WindowState&) = default;
};
