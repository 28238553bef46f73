# Sources of the core 'api' area: signing, request building, the REST client, clock sync,
# weight tracking, failure diagnosis, and the poller / one-shot fetcher built on them.
target_sources(marginwatch_core PRIVATE
    api/AccountPoller.h
    api/AccountPoller.cpp
    api/ApiFailure.h
    api/ApiFailure.cpp
    api/Backoff.h
    api/Backoff.cpp
    api/BinanceHttpClient.h
    api/BinanceHttpClient.cpp
    api/BinanceNetworkAccessManager.h
    api/BinanceNetworkAccessManager.cpp
    api/ClientTuning.h
    api/Credentials.h
    api/Ed25519Signer.h
    api/FailureDiagnosis.h
    api/FailureDiagnosis.cpp
    api/HmacSigner.h
    api/HmacSigner.cpp
    api/PrivateKeySigner.h
    api/PrivateKeySigner.cpp
    api/RateLimitTiming.h
    api/RateLimitTiming.cpp
    api/RequestSigner.h
    api/RequestSigner.cpp
    api/RsaSigner.h
    api/SecretBytes.h
    api/SecretBytes.cpp
    api/ServerClock.h
    api/ServerClock.cpp
    api/SignedRequestBuilder.h
    api/SignedRequestBuilder.cpp
    api/SnapshotCycle.h
    api/SnapshotCycle.cpp
    api/SnapshotFetcher.cpp
    api/WeightTracker.h
    api/WeightTracker.cpp)
