# Sources of the core 'cli' area: the command-line contract and the headless runs (no widgets).
target_sources(marginwatch_core PRIVATE
    cli/AccountsFile.h
    cli/AccountsFile.cpp
    cli/CommandLine.h
    cli/CommandLine.cpp
    cli/EnvironmentCredentials.h
    cli/EnvironmentCredentials.cpp
    cli/FailureExitCode.h
    cli/FailureExitCode.cpp
    cli/HeadlessRunner.h
    cli/HeadlessRunner.cpp
    cli/MultiAccountRunner.h
    cli/MultiAccountRunner.cpp
    cli/TerminationSignals.h
    cli/TerminationSignals.cpp)
