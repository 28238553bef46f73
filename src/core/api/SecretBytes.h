#pragma once

#include <QByteArray>
#include <QDebug>

namespace marginwatch {

// Owns secret material (an HMAC secret, a PEM private key, a proxy password). The bytes are wiped
// (OPENSSL_cleanse) when the last copy goes away, and it cannot be streamed to QDebug by mistake:
// operator<< prints a placeholder.
class SecretBytes
{
public:
    SecretBytes() = default;
    explicit SecretBytes(QByteArray bytes);
    SecretBytes(const SecretBytes&) = default;
    SecretBytes& operator=(const SecretBytes&) = default;
    SecretBytes(SecretBytes&&) noexcept = default;
    SecretBytes& operator=(SecretBytes&&) noexcept = default;
    ~SecretBytes();

    bool isEmpty() const { return m_bytes.isEmpty(); }
    // Deliberately verbose name so every place that touches the raw secret stands out in review.
    const QByteArray& exposeSecret() const { return m_bytes; }
    void wipe();

private:
    QByteArray m_bytes;
};

inline QDebug operator<<(QDebug debug, const SecretBytes&)
{
    return debug << "<secret>";
}

} // namespace marginwatch
