#pragma once

#include <QDialog>

// Help → About Upkeep: the version that runs, and who keeps this copy of Upkeep up to date (the
// system's package manager, Upkeep itself, or nothing), so that a user knows where its next
// version comes from.
class AboutDialog : public QDialog
{
    Q_OBJECT

public:
    // `updatedBy` is that sentence; empty when it is not known.
    explicit AboutDialog(const QString& updatedBy, QWidget* parent = nullptr);
};
