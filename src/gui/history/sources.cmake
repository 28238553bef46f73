# The History tab (charts of the HistoryStore): owned by the io/history work, built into the GUI lib.
target_sources(marginwatch_gui PRIVATE
    history/HistoryView.h
    history/HistoryView.cpp)
