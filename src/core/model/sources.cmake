# Sources of the core 'model' area.
target_sources(marginwatch_core PRIVATE
    model/Decimal.h
    model/AccountSnapshot.h
    model/ModelRoles.h
    model/SnapshotParser.h
    model/Decimal.cpp
    model/SnapshotParser.cpp
    model/ServerTimeParser.h model/ServerTimeParser.cpp
    model/AccountSemantics.h
    model/AccountSemantics.cpp
    model/KeyedTableModel.h model/KeyedTableModel.cpp
    model/AccountTableModels.h model/AccountTableModels.cpp
    model/AccountSortFilterProxy.h model/AccountSortFilterProxy.cpp)
