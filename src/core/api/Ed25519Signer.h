#pragma once

#include "api/PrivateKeySigner.h"

namespace marginwatch {

// Ed25519 (pure, no pre-hash).
class Ed25519Signer final : public PrivateKeySigner
{
public:
    explicit Ed25519Signer(evp_pkey_st* key); // takes ownership; must be an Ed25519 private key
    KeyType keyType() const override { return KeyType::Ed25519; }

private:
    bool usesDigest() const override { return false; }
};

} // namespace marginwatch
