#pragma once

#include "api/RequestSigner.h"

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
};

} // namespace marginwatch
