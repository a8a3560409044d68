#include "publisherdialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QString when(const QDateTime& time)
{
    return QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
}

QString day(const QDateTime& time)
{
    return QLocale().toString(time.toLocalTime().date(), QLocale::ShortFormat);
}

} // namespace

PublisherDialog::PublisherDialog(const SignerFacts& signer, const QString& application, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(u"publisherDialog"_s);
    setWindowTitle(tr("Publisher of %1").arg(application));

    auto* heading = new QLabel(signer.publisher, this);
    heading->setObjectName(u"publisher"_s);
    heading->setTextFormat(Qt::PlainText);
    heading->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    heading->setFocusPolicy(Qt::StrongFocus);
    heading->setAccessibleName(tr("Publisher"));
    QFont bold = heading->font();
    bold.setPointSizeF(bold.pointSizeF() * 1.2);
    bold.setBold(true);
    heading->setFont(bold);
    auto* explanation = new QLabel(tr("Upkeep verified that this release was signed with a certificate that %1 "
                                      "issued, and that the certificate was valid and not revoked.")
                                       .arg(signer.publisher),
        this);
    explanation->setObjectName(u"explanation"_s);
    explanation->setTextFormat(Qt::PlainText);
    explanation->setWordWrap(true);

    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->addRow(tr("Subject:"), value(signer.subject, u"subject"_s, tr("Subject")));
    form->addRow(tr("Issuer:"), value(signer.issuer, u"issuer"_s, tr("Issuer")));
    QLabel* serial = value(signer.serial, u"serial"_s, tr("Serial number"));
    serial->setFont(fixed);
    form->addRow(tr("Serial number:"), serial);
    form->addRow(tr("Valid:"),
        value(tr("%1 – %2").arg(when(signer.notBefore), when(signer.notAfter)), u"validity"_s, tr("Valid")));
    QLabel* fingerprint = value(fingerprintLines(signer.fingerprint), u"fingerprint"_s, tr("SHA-256 fingerprint"));
    fingerprint->setFont(fixed);
    form->addRow(tr("SHA-256 fingerprint:"), fingerprint);
    form->addRow(tr("Signed:"), value(when(signer.signedAt), u"signedAt"_s, tr("Signed")));
    form->addRow(tr("Revocation:"), value(revocationText(signer), u"revocation"_s, tr("Revocation")));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* close = buttons->button(QDialogButtonBox::Close);
    close->setObjectName(u"close"_s);
    close->setAccessibleName(tr("Close"));
    close->setDefault(true);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(explanation);
    layout->addSpacing(6);
    layout->addLayout(form);
    layout->addStretch();
    layout->addWidget(buttons);
    close->setFocus();
}

QLabel* PublisherDialog::value(const QString& text, const QString& objectName, const QString& accessibleName)
{
    auto* label = new QLabel(text, this);
    label->setObjectName(objectName);
    // Quoted from a certificate: never taken for rich text.
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setFocusPolicy(Qt::StrongFocus); // Tab reaches it, to select and copy from the keyboard
    label->setAccessibleName(accessibleName);
    return label;
}

QString PublisherDialog::fingerprintLines(const QString& fingerprint)
{
    QStringList pairs = fingerprint.split(u':');
    if (pairs.size() <= 16)
        return fingerprint;
    return pairs.mid(0, 16).join(u':') + u":\n"_s + pairs.mid(16).join(u':');
}

QString PublisherDialog::revocationText(const SignerFacts& signer)
{
    return tr("Not revoked — checked against the list of %1, next update due %2.")
        .arg(day(signer.crlUpdated), day(signer.crlNextUpdate));
}
