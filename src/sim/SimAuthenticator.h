#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

#include <memory>

namespace marginwatch {

// The exchange's check of a signed request, as Binance documents and behaves: API key header, then
// the mandatory timestamp, recvWindow bounds, the signature over the exact bytes sent, and the
// timestamp window. Written against OpenSSL directly (not the client's signer) so that the client
// is verified by independent code.
class SimAuthenticator
{
public:
    struct Verdict
    {
        int httpStatus = 200;
        int code = 0; // Binance error code, 0 = accepted
        QString message;
        bool accepted() const { return code == 0; }
    };

    SimAuthenticator();
    ~SimAuthenticator();
    SimAuthenticator(const SimAuthenticator&) = delete;
    SimAuthenticator& operator=(const SimAuthenticator&) = delete;

    void addHmacKey(const QString& apiKey, const QByteArray& secret);
    // RSA or Ed25519 public key in PEM (SubjectPublicKeyInfo). False if it cannot be read.
    bool addPublicKey(const QString& apiKey, const QByteArray& publicKeyPem);

    // The API-key header alone (endpoints that take the key without a signature, like listenKey).
    Verdict checkKey(const QByteArray& apiKeyHeader) const;
    // rawQuery: the query exactly as it arrived (percent-encoded); body: the request body.
    Verdict verify(const QByteArray& apiKeyHeader, const QByteArray& rawQuery, const QByteArray& body,
                   qint64 serverTimeMs) const;

    static Verdict error(int httpStatus, int code, const QString& message);

private:
    struct Key;
    QHash<QString, std::shared_ptr<Key>> m_keys;
};

} // namespace marginwatch
