#include "passphraseprompt.h"

#include "secretline.h"

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

std::unexpected<Error> required(const QString& message)
{
    return std::unexpected(Error{Error::Code::PassphraseRequired, message});
}

} // namespace

PassphrasePrompt::PassphrasePrompt(QString variable, QString folder)
    : m_variable(std::move(variable))
    , m_folder(std::move(folder))
{ }

std::expected<QByteArray, Error> PassphrasePrompt::ask(const QString& prompt)
{
    std::optional<QByteArray> passphrase = SecretLine::read(prompt);
    if (!passphrase)
        return required(u"No passphrase was entered."_s);
    return *passphrase;
}

std::expected<QByteArray, Error> PassphrasePrompt::operator()(KeyStore::PassphraseUse use) const
{
    using Use = KeyStore::PassphraseUse;
    const QByteArray variable = m_variable.toLatin1();
    const bool set = qEnvironmentVariableIsSet(variable.constData());
    const QByteArray value = qgetenv(variable.constData());
    if (set && !value.isEmpty())
        return value;

    const bool terminal = isatty(STDIN_FILENO);
    if (use == Use::OpenKey) {
        if (set)
            return required(u"%1 is empty."_s.arg(m_variable));
        if (!terminal)
            return required(u"Set %1, or run upkeep-publish on a terminal to be asked for it."_s.arg(m_variable));
        auto answer = ask(u"Passphrase for the keys in %1: "_s.arg(m_folder));
        if (answer && answer->isEmpty())
            return required(u"No passphrase was typed."_s);
        return answer;
    }

    if (use == Use::EncryptAmongEncrypted) {
        if (set || !terminal) {
            return required(u"The keys in %1 are encrypted, and so is a new key beside them. Set %2, or run "
                            "upkeep-publish on a terminal to be asked for it."_s.arg(m_folder, m_variable));
        }
        auto answer = ask(u"Passphrase for the keys in %1: "_s.arg(m_folder));
        if (answer && answer->isEmpty())
            return required(u"No passphrase was typed for the keys in %1."_s.arg(m_folder));
        return answer;
    }

    if (set) {
        return required(
            u"%1 is empty, and an empty passphrase does not leave the new keys in %2 unencrypted. Set a "
            "passphrase, or pass --unencrypted-keys to write unencrypted keys on purpose."_s.arg(m_variable, m_folder));
    }
    if (!terminal) {
        return required(u"No passphrase to encrypt the new keys in %1 with. Set %2, or run upkeep-publish on a "
                        "terminal to be asked for one; to write unencrypted keys on purpose, pass "
                        "--unencrypted-keys."_s.arg(m_folder, m_variable));
    }
    auto answer = ask(u"Passphrase for the new keys in %1: "_s.arg(m_folder));
    if (!answer)
        return answer;
    if (answer->isEmpty()) {
        return required(
            u"No passphrase was typed for the new keys in %1; an empty one does not leave them "
            "unencrypted. Type one, or pass --unencrypted-keys to write unencrypted keys on purpose."_s.arg(m_folder));
    }
    auto again = ask(u"The same passphrase again: "_s);
    if (!again)
        return again;
    if (*again != *answer)
        return required(u"The two passphrases typed for the new keys in %1 differ."_s.arg(m_folder));
    return answer;
}
