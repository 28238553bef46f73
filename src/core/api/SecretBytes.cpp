#include "api/SecretBytes.h"

#include <openssl/crypto.h>

#include <utility>

namespace marginwatch {

SecretBytes::SecretBytes(QByteArray bytes)
    : m_bytes(std::move(bytes))
{}

SecretBytes::~SecretBytes()
{
    wipe();
}

void SecretBytes::wipe()
{
    // Only the last owner of the shared buffer may scrub it; a detached copy would scrub nothing
    // useful and detaching would leave the original behind.
    if (!m_bytes.isEmpty() && !m_bytes.isDetached()) {
        m_bytes = QByteArray();
        return;
    }
    if (!m_bytes.isEmpty())
        OPENSSL_cleanse(m_bytes.data(), static_cast<size_t>(m_bytes.size()));
    m_bytes = QByteArray();
}

} // namespace marginwatch
