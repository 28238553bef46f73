#include "api/HmacSigner.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <utility>

namespace marginwatch {

HmacSigner::HmacSigner(SecretBytes secret)
    : m_secret(std::move(secret))
    // Looked up in OpenSSL's provider store once, not for every request.
    , m_mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr))
{}

HmacSigner::~HmacSigner()
{
    EVP_MAC_free(m_mac);
    m_secret.wipe();
}

QByteArray HmacSigner::sign(QByteArrayView totalParams) const
{
    // EVP_MAC (OpenSSL 3): the HMAC_CTX API is deprecated there.
    if (!m_mac)
        return {};
    EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(m_mac);
    char digest[] = "SHA256";
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
        OSSL_PARAM_construct_end(),
    };
    unsigned char out[EVP_MAX_MD_SIZE];
    size_t outLength = 0;
    const QByteArray& key = m_secret.exposeSecret();
    const bool ok = ctx
                    && EVP_MAC_init(ctx, reinterpret_cast<const unsigned char*>(key.constData()),
                                    static_cast<size_t>(key.size()), params)
                           == 1
                    && EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(totalParams.data()),
                                      static_cast<size_t>(totalParams.size()))
                           == 1
                    && EVP_MAC_final(ctx, out, &outLength, sizeof out) == 1;
    EVP_MAC_CTX_free(ctx); // also cleanses the keyed state
    if (!ok)
        return {};
    return QByteArray(reinterpret_cast<const char*>(out), static_cast<qsizetype>(outLength)).toHex();
}

} // namespace marginwatch
