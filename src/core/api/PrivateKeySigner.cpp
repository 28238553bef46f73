#include "api/PrivateKeySigner.h"

#include "api/Ed25519Signer.h"
#include "api/RsaSigner.h"

#include <openssl/evp.h>

namespace marginwatch {

PrivateKeySigner::PrivateKeySigner(evp_pkey_st* key)
    : m_key(key)
{}

PrivateKeySigner::~PrivateKeySigner()
{
    // OpenSSL clears private key components when the last reference is freed.
    EVP_PKEY_free(m_key);
}

QByteArray PrivateKeySigner::sign(QByteArrayView totalParams) const
{
    if (!m_key)
        return {};
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    if (!ctx)
        return {};
    // Ed25519 takes no digest (it hashes internally, one-shot only); RSA PKCS#1 v1.5 is the
    // default padding for an RSA key.
    const EVP_MD* md = usesDigest() ? EVP_sha256() : nullptr;
    const auto* data = reinterpret_cast<const unsigned char*>(totalParams.data());
    const auto dataLength = static_cast<size_t>(totalParams.size());
    QByteArray signature;
    size_t length = 0;
    if (EVP_DigestSignInit(ctx, nullptr, md, nullptr, m_key) == 1
        && EVP_DigestSign(ctx, nullptr, &length, data, dataLength) == 1) {
        signature.resize(static_cast<qsizetype>(length));
        if (EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(signature.data()), &length, data, dataLength)
            == 1)
            signature.resize(static_cast<qsizetype>(length));
        else
            signature.clear();
    }
    EVP_MD_CTX_free(ctx);
    if (signature.isEmpty())
        return {};
    return percentEncodeSignature(signature.toBase64());
}

RsaSigner::RsaSigner(evp_pkey_st* key)
    : PrivateKeySigner(key)
{}

Ed25519Signer::Ed25519Signer(evp_pkey_st* key)
    : PrivateKeySigner(key)
{}

} // namespace marginwatch
