# Sources of the core 'alerts' area: pure logic deciding when the user is told something.
target_sources(marginwatch_core PRIVATE
    alerts/MarginAlertTracker.h
    alerts/MarginAlertTracker.cpp
    alerts/AccountZone.h
    alerts/AccountZone.cpp
    alerts/StalenessWatch.h
    alerts/StalenessWatch.cpp)
