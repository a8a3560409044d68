#pragma once

#include <QDialog>

class QLineEdit;
class QPushButton;

// Asks the password of a private repository's user again, after the server refused the one
// Upkeep had (the window's side of `upkeep login`). The password is typed without echo and
// handed on only when Sign in is pressed.
class SignInDialog : public QDialog
{
    Q_OBJECT

public:
    SignInDialog(const QString& application, const QString& user, QWidget* parent = nullptr);

    [[nodiscard]] QString password() const;

private:
    QLineEdit* m_password;
    QPushButton* m_signIn;
};
