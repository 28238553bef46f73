# Sources of the core 'cli' area.
target_sources(marginwatch_core PRIVATE)
