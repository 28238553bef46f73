# Sources of the core 'io' area.
target_sources(marginwatch_core PRIVATE)
