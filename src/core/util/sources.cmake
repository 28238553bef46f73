# Sources of the core 'util' area: small vocabulary types shared by every area.
target_sources(marginwatch_core PRIVATE
    util/Expected.h
    util/LocalClock.h)
