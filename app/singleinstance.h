#pragma once

#include "error.h"

#include <QDBusConnection>
#include <QObject>

#include <expected>
#include <optional>

class DesktopSession;

// Keeps one Upkeep desktop to a session, as KDE's unique applications do. The first `upkeep`
// owns the name io.upkeep.Upkeep on the session bus and exports this object at
// /io/upkeep/Upkeep; a later `upkeep` asks it there to show its window and exits, and a later
// `upkeep --tray` just exits. The object also tells any tool what the window shows. Without a
// session bus every Upkeep is the first, as before there was one.
class SingleInstance : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "io.upkeep.Upkeep")
    Q_PROPERTY(bool WindowVisible READ windowVisible)
    Q_PROPERTY(QString CurrentFolder READ currentFolder)

public:
    static constexpr QLatin1StringView kService{"io.upkeep.Upkeep"};
    static constexpr QLatin1StringView kPath{"/io/upkeep/Upkeep"};
    static constexpr QLatin1StringView kInterface{"io.upkeep.Upkeep"};

    enum class Start {
        First,      // this one runs the desktop
        HandedOver, // another runs it and has the request
    };

    explicit SingleInstance(QDBusConnection bus, QObject* parent = nullptr);
    ~SingleInstance() override;

    // Claims the name (the bus decides between two started at once). When another Upkeep holds
    // it, asks that one to show its window on `folder` (any application when empty), unless
    // `tray`. An error when that one does not answer.
    [[nodiscard]] std::expected<Start, Error> start(bool tray, const QString& folder);
    // Requests go to `session` from now on, including one that came before it existed, until it
    // begins quitting: then the name is given back.
    void serve(DesktopSession& session);
    // Gives the name and the object back, so that the next Upkeep to start is the first.
    void release();

    [[nodiscard]] bool windowVisible() const;
    // The installation folder the window shows; empty before there is one.
    [[nodiscard]] QString currentFolder() const;

public Q_SLOTS:
    // Shows, raises and activates the window, on the installation in `folder` when not empty.
    Q_SCRIPTABLE void Activate(const QString& folder);

private:
    enum class Claim { Owned, Taken, NoBus };
    [[nodiscard]] Claim claim();

    QDBusConnection m_bus;
    bool m_exported = false;
    bool m_owned = false;
    DesktopSession* m_session = nullptr;
    std::optional<QString> m_pending; // an Activate that came before serve()
};
