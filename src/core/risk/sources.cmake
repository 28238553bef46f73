# Sources of the core 'risk' area: leverage brackets and the stress model built on them (pure logic).
target_sources(marginwatch_core PRIVATE
    risk/LeverageBrackets.h
    risk/LeverageBrackets.cpp
    risk/StressModel.h
    risk/StressModel.cpp)
