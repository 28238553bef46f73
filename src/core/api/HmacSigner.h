#pragma once

#include "api/RequestSigner.h"

// OpenSSL stays out of headers: only its opaque type is named.
struct evp_mac_st;

namespace marginwatch {

// HMAC-SHA256 over totalParams with the API secret; lowercase hex.
class HmacSigner final : public RequestSigner
{
public:
    explicit HmacSigner(SecretBytes secret);
    ~HmacSigner() override;

    KeyType keyType() const override { return KeyType::Hmac; }
    QByteArray sign(QByteArrayView totalParams) const override;

private:
    SecretBytes m_secret; // wiped with the signer
    evp_mac_st* m_mac = nullptr;
};

} // namespace marginwatch
