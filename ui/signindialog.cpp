#include "signindialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

using namespace Qt::StringLiterals;

SignInDialog::SignInDialog(const QString& application, const QString& user, QWidget* parent)
    : QDialog(parent)
    , m_password(new QLineEdit(this))
{
    setObjectName(u"signInDialog"_s);
    setWindowTitle(tr("Sign in to %1's repository").arg(application));
    auto* layout = new QFormLayout(this);
    // The names come from the installation's configuration: plain text, never markup.
    auto* intro
        = new QLabel(tr("The server of %1 refused the password Upkeep has for %2. Type the password you were given.")
                         .arg(application, user),
            this);
    intro->setTextFormat(Qt::PlainText);
    intro->setWordWrap(true);
    layout->addRow(intro);
    auto* name = new QLabel(user, this);
    name->setTextFormat(Qt::PlainText);
    name->setObjectName(u"user"_s);
    layout->addRow(tr("User name:"), name);
    m_password->setObjectName(u"password"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setAccessibleName(tr("Password"));
    layout->addRow(tr("&Password:"), m_password);
    auto* kept = new QLabel(tr("Once the server accepts it, Upkeep keeps it in your desktop's password store, or where "
                               "none answers, in a file only you can read."),
        this);
    kept->setWordWrap(true);
    layout->addRow(kept);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_signIn = buttons->button(QDialogButtonBox::Ok);
    m_signIn->setText(tr("&Sign in"));
    m_signIn->setObjectName(u"signIn"_s);
    m_signIn->setEnabled(false);
    layout->addRow(buttons);
    connect(m_password, &QLineEdit::textChanged, this,
        [this](const QString& text) { m_signIn->setEnabled(!text.isEmpty()); });
    // Wide enough that its sentences read as lines, not as a column of words.
    setMinimumWidth(fontMetrics().averageCharWidth() * 64);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString SignInDialog::password() const
{
    return m_password->text();
}
