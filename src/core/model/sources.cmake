# Sources of the core 'model' area.
target_sources(marginwatch_core PRIVATE
    model/Decimal.h model/Decimal.cpp
    model/AccountSnapshot.h
    model/AccountFields.h
    model/ModelRoles.h
    model/SnapshotParser.h model/SnapshotParser.cpp
    model/parse/JsonFieldReader.h model/parse/JsonFieldReader.cpp
    model/parse/StringInterner.h model/parse/StringInterner.cpp
    model/parse/RecordReader.h
    model/parse/EndpointBodies.h
    model/parse/AccountBody.cpp
    model/parse/PositionRiskBody.cpp
    model/parse/AccountConfigBody.cpp
    model/parse/SymbolConfigBody.cpp
    model/AccountsOverviewModel.h
    model/AccountsOverviewModel.cpp
    model/ServerTimeParser.h model/ServerTimeParser.cpp
    model/AccountSemantics.h model/AccountSemantics.cpp
    model/KeyedTableModel.h model/KeyedTableModel.cpp
    model/AccountTableModels.h model/AccountTableModels.cpp
    model/AccountSortFilterProxy.h model/AccountSortFilterProxy.cpp
    model/SymbolPrecision.h
    model/ExchangeInfoParser.h model/ExchangeInfoParser.cpp
    model/NumberDisplay.h model/NumberDisplay.cpp)
