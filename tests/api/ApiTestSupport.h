#pragma once
// Shared set-up for the tests that run the client against the real simulator on loopback.

#include "api/AccountPoller.h"
#include "sim/SimulatorServer.h"

#include <QByteArray>
#include <QTest>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <chrono>
#include <memory>

namespace apitest {

using namespace std::chrono_literals;

// Timings short enough for a fast suite; production keeps ClientTuning's defaults.
inline marginwatch::ClientTuning fastTuning()
{
    marginwatch::ClientTuning tuning;
    tuning.minimumPollInterval = 10ms;
    tuning.backoffBase = 20ms;
    tuning.backoffCap = 200ms;
    tuning.jitterSeed = 7;
    return tuning;
}

struct KeyPair
{
    QByteArray privatePem;
    QByteArray publicPem;
};

inline KeyPair generateKeyPair(marginwatch::KeyType type)
{
    EVP_PKEY_CTX* ctx =
        EVP_PKEY_CTX_new_from_name(nullptr, type == marginwatch::KeyType::Rsa ? "RSA" : "ED25519", nullptr);
    EVP_PKEY* key = nullptr;
    EVP_PKEY_keygen_init(ctx);
    if (type == marginwatch::KeyType::Rsa)
        EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, 2048);
    EVP_PKEY_generate(ctx, &key);
    EVP_PKEY_CTX_free(ctx);
    auto write = [key](bool privateKey) {
        BIO* bio = BIO_new(BIO_s_mem());
        if (privateKey)
            PEM_write_bio_PKCS8PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
        else
            PEM_write_bio_PUBKEY(bio, key);
        char* data = nullptr;
        const long length = BIO_get_mem_data(bio, &data);
        QByteArray pem(data, static_cast<qsizetype>(length));
        BIO_free(bio);
        return pem;
    };
    KeyPair pair{write(true), write(false)};
    EVP_PKEY_free(key);
    return pair;
}

// A listening simulator (no background ticking, so counts are deterministic) and a matching config.
struct SimSetup
{
    std::unique_ptr<marginwatch::SimulatorServer> sim;
    marginwatch::ClientConfig config;
};

inline SimSetup startSim(marginwatch::KeyType type = marginwatch::KeyType::Hmac, const QString& faults = {},
                         int slowDelayMs = 15000)
{
    marginwatch::SimOptions options;
    options.tickIntervalMs = 0;
    options.faults = faults;
    options.slowDelayMs = slowDelayMs;
    SimSetup setup;
    setup.sim = std::make_unique<marginwatch::SimulatorServer>(options);
    if (!setup.sim->listen(0))
        qFatal("simulator does not listen: %s", qPrintable(setup.sim->errorString()));
    setup.config.baseUrl = setup.sim->baseUrl();
    setup.config.pollInterval = 50ms;
    setup.config.transferTimeout = 3000ms;
    setup.config.credentials.keyType = type;
    if (type == marginwatch::KeyType::Hmac) {
        const marginwatch::DemoCredentials demo = setup.sim->generateDemoCredentials();
        setup.config.credentials.apiKey = demo.apiKey;
        setup.config.credentials.secret = marginwatch::SecretBytes(demo.secret);
    } else {
        const KeyPair pair = generateKeyPair(type);
        const QString apiKey =
            type == marginwatch::KeyType::Rsa ? QStringLiteral("rsaTestKey") : QStringLiteral("edTestKey");
        setup.sim->addPublicKey(apiKey, pair.publicPem);
        setup.config.credentials.apiKey = apiKey;
        setup.config.credentials.secret = marginwatch::SecretBytes(pair.privatePem);
    }
    return setup;
}

} // namespace apitest
