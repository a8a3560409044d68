#pragma once

// Runs a publisher's Scenario: two local mirrors (FaultServer) on the repository folder, or on a
// scratch copy of it when the scenario publishes, one ScratchInstallation the steps act on, the
// real `upkeep update` for updates and kills, and a TrialResult for each expect step (and for a
// step that could not be carried out, which ends the scenario).

#include "scenario.h"
#include "trialresult.h"

#include <QCoreApplication>
#include <QStringList>

#include <functional>
#include <vector>

class ScenarioRun
{
    Q_DECLARE_TR_FUNCTIONS(ScenarioRun)

public:
    struct Options {
        QString repository; // the repository folder; copied before a publish step changes it
        QByteArray rootBytes;
        QString app;
        QString version; // the release under test, as the report names the scenario's trials
        QString channel;
        QString upkeep;           // the `upkeep` program that updates
        QString publisher;        // the `upkeep-publish` program that publishes
        QStringList keyArguments; // --keys DIR ... for publish steps
        QString scratch;          // a folder of its own (made when absent)
        QString home;             // HOME and XDG folders of the updates
        quint32 seed = 0;         // for kills at a random moment
    };

    ScenarioRun(Scenario scenario, Options options)
        : m_scenario(std::move(scenario))
        , m_options(std::move(options))
    { }

    // Every step in turn; each result is told to `onResult` as it is made, and all are returned.
    std::vector<TrialResult> run(const std::function<void(const TrialResult&)>& onResult = {});

private:
    Scenario m_scenario;
    Options m_options;
};
