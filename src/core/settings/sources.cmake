# Sources of the core 'settings' area.
target_sources(marginwatch_core PRIVATE)
