#include "singleinstance.h"

#include "desktopsession.h"

#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusReply>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcInstance, "upkeep.instance", QtWarningMsg)

namespace {

// The running Upkeep answers from its event loop, which never waits long.
constexpr int kAnswerMs = 10'000;

} // namespace

SingleInstance::SingleInstance(QDBusConnection bus, QObject* parent)
    : QObject(parent)
    , m_bus(std::move(bus))
{ }

SingleInstance::~SingleInstance()
{
    release();
}

void SingleInstance::release()
{
    // Given back at once, not when the process ends: a restart into a new version of Upkeep
    // execs in this same process and claims the name again.
    if (std::exchange(m_owned, false))
        m_bus.interface()->unregisterService(kService);
    if (std::exchange(m_exported, false))
        m_bus.unregisterObject(kPath);
}

SingleInstance::Claim SingleInstance::claim()
{
    if (!m_bus.isConnected()) {
        qCInfo(lcInstance, "no session bus (%s), so this Upkeep runs without asking whether another one does",
            qUtf8Printable(m_bus.lastError().message()));
        return Claim::NoBus;
    }
    // The object goes first, so that an Upkeep that finds the name taken finds the object behind it.
    m_exported = m_bus.registerObject(
        kPath, this, QDBusConnection::ExportScriptableSlots | QDBusConnection::ExportScriptableProperties);
    const QDBusReply<QDBusConnectionInterface::RegisterServiceReply> reply = m_bus.interface()->registerService(
        kService, QDBusConnectionInterface::DontQueueService, QDBusConnectionInterface::DontAllowReplacement);
    if (reply.isValid() && reply.value() == QDBusConnectionInterface::ServiceRegistered) {
        m_owned = true;
        return Claim::Owned;
    }
    m_bus.unregisterObject(kPath);
    m_exported = false;
    if (!reply.isValid()) {
        qCInfo(lcInstance, "the session bus does not give the name %s (%s), so this Upkeep runs on its own",
            kService.data(), qUtf8Printable(reply.error().message()));
        return Claim::NoBus;
    }
    return Claim::Taken;
}

std::expected<SingleInstance::Start, Error> SingleInstance::start(bool tray, const QString& folder)
{
    QString silence;
    // Twice: the Upkeep that holds the name may quit between the claim and the request.
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (claim() != Claim::Taken)
            return Start::First;
        // The tray of the running one is there already.
        if (tray)
            return Start::HandedOver;
        QDBusMessage request = QDBusMessage::createMethodCall(kService, kPath, kInterface, u"Activate"_s);
        request << folder;
        const QDBusMessage reply = m_bus.call(request, QDBus::Block, kAnswerMs);
        if (reply.type() == QDBusMessage::ReplyMessage)
            return Start::HandedOver;
        silence = reply.errorMessage();
    }
    return std::unexpected(Error{Error::Code::Internal,
        u"another Upkeep runs (it owns %1 on the session bus) but does not answer: %2"_s.arg(kService, silence)});
}

void SingleInstance::serve(DesktopSession& session)
{
    m_session = &session;
    // A quitting Upkeep may wait minutes for the installs scheduled for quitting; a new `upkeep`
    // meanwhile starts a desktop of its own instead of asking this one for a window that is about
    // to close.
    connect(&session, &DesktopSession::quitting, this, &SingleInstance::release);
    if (m_pending)
        Activate(*std::exchange(m_pending, std::nullopt));
}

bool SingleInstance::windowVisible() const
{
    return m_session && m_session->window()->isVisible();
}

QString SingleInstance::currentFolder() const
{
    return m_session ? m_session->window()->currentFolder() : QString();
}

void SingleInstance::Activate(const QString& folder)
{
    qCInfo(lcInstance, "asked to show the window%s%s", folder.isEmpty() ? "" : " on ", qUtf8Printable(folder));
    if (m_session)
        m_session->showWindow(folder);
    else
        m_pending = folder;
}
