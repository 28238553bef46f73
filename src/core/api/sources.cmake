# Sources of the core 'api' area.
target_sources(marginwatch_core PRIVATE
    api/ApiFailure.h
    api/AccountPoller.h
    api/Credentials.h
    api/SecretBytes.h
    api/SecretBytes.cpp)
