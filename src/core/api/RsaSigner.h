#pragma once

#include "api/PrivateKeySigner.h"

namespace marginwatch {

// RSASSA-PKCS1-v1_5 with SHA-256.
class RsaSigner final : public PrivateKeySigner
{
public:
    explicit RsaSigner(evp_pkey_st* key); // takes ownership; must be an RSA private key
    KeyType keyType() const override { return KeyType::Rsa; }

private:
    bool usesDigest() const override { return true; }
};

} // namespace marginwatch
