# The History tab (charts of the HistoryStore): owned by the io/history work, built into the GUI lib.
target_sources(marginwatch_gui PRIVATE
    history/ChartTicks.h
    history/ChartTicks.cpp
    history/HistoryReadout.h
    history/HistoryReadout.cpp
    history/HistoryChartView.h
    history/HistoryChartView.cpp
    history/HistoryView.h
    history/HistoryView.cpp)
