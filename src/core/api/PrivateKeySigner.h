#pragma once

#include "api/RequestSigner.h"

// OpenSSL stays out of headers: only its opaque key type is named.
struct evp_pkey_st;

namespace marginwatch {

// Shared part of the asymmetric signers: owns the parsed private key (freed, and so cleansed by
// OpenSSL, with the signer) and produces percent-encoded base64.
class PrivateKeySigner : public RequestSigner
{
public:
    ~PrivateKeySigner() override;
    QByteArray sign(QByteArrayView totalParams) const override;

protected:
    // Takes ownership of `key`.
    explicit PrivateKeySigner(evp_pkey_st* key);
    virtual bool usesDigest() const = 0; // RSA hashes with SHA-256 first; Ed25519 signs the message

private:
    evp_pkey_st* m_key = nullptr;
};

} // namespace marginwatch
