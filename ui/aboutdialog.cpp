#include "aboutdialog.h"

#include "trayicon.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

AboutDialog::AboutDialog(const QString& updatedBy, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(u"aboutDialog"_s);
    setWindowTitle(tr("About Upkeep"));

    auto* icon = new QLabel(this);
    icon->setPixmap(TrayIcon::applicationIcon().pixmap(64, 64));
    icon->setAlignment(Qt::AlignTop);

    auto* name = new QLabel(tr("Upkeep %1").arg(QApplication::applicationVersion()), this);
    name->setObjectName(u"version"_s);
    name->setTextFormat(Qt::PlainText);
    name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = name->font();
    bold.setPointSizeF(bold.pointSizeF() * 1.4);
    bold.setBold(true);
    name->setFont(bold);
    auto* what
        = new QLabel(tr("Keeps your applications up to date from the repositories their publishers sign."), this);
    what->setWordWrap(true);
    auto* origin = new QLabel(updatedBy, this);
    origin->setObjectName(u"updatedBy"_s);
    origin->setTextFormat(Qt::PlainText);
    origin->setWordWrap(true);
    origin->setTextInteractionFlags(Qt::TextSelectableByMouse);
    origin->setVisible(!updatedBy.isEmpty());
    auto* qt = new QLabel(
        tr("Built with Qt %1, running on Qt %2.").arg(QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion())),
        this);
    qt->setObjectName(u"qt"_s);

    auto* text = new QVBoxLayout;
    text->addWidget(name);
    text->addWidget(what);
    text->addSpacing(6);
    text->addWidget(origin);
    text->addSpacing(6);
    text->addWidget(qt);
    auto* body = new QHBoxLayout;
    body->addWidget(icon);
    body->addLayout(text, 1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(body);
    layout->addWidget(buttons);
    setMinimumWidth(440);
}
