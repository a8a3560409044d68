#pragma once

#include <QWidget>

class HistoryModel;
class QPushButton;
class QTreeView;

// An application's history: each install, update and rollback with its date, versions,
// outcome and why, and "Roll back to this version" for kept versions, after confirmation.
class HistoryView : public QWidget
{
    Q_OBJECT

public:
    explicit HistoryView(HistoryModel* model, QWidget* parent = nullptr);

    [[nodiscard]] QTreeView* view() const { return m_view; }
    [[nodiscard]] QPushButton* rollBackButton() const { return m_rollBack; }
    void setApplicationName(const QString& name) { m_app = name; }
    // Asks whether to roll back to `version` (a kept one); rollbackRequested() when the user agrees.
    void confirmRollback(const QString& version);

Q_SIGNALS:
    void rollbackRequested(const QString& version);

private:
    void selectionChanged();
    void rollBack();

    HistoryModel* m_model;
    QTreeView* m_view;
    QPushButton* m_rollBack;
    QString m_app;
};
