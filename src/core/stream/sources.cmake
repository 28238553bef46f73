# Sources of the core 'stream' area: the user-data and mark-price WebSockets (QtWebSockets), their
# events, and the live account built on them with REST reconciliation.
target_sources(marginwatch_core PRIVATE
    stream/LiveAccount.h
    stream/LiveAccount.cpp
    stream/LiveBook.h
    stream/LiveBook.cpp
    stream/MarkPriceStream.h
    stream/MarkPriceStream.cpp
    stream/RequestWeightMeter.h
    stream/RequestWeightMeter.cpp
    stream/StreamConnection.h
    stream/StreamConnection.cpp
    stream/StreamEndpoints.h
    stream/StreamEndpoints.cpp
    stream/StreamEvents.h
    stream/StreamEvents.cpp
    stream/StreamProxy.h
    stream/StreamProxy.cpp
    stream/UserDataStream.h
    stream/UserDataStream.cpp)
