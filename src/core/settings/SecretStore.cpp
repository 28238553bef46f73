#include "settings/SecretStore.h"

namespace marginwatch {

SecretStore::SecretStore(QObject* parent)
    : QObject(parent)
{}

SecretStore::~SecretStore() = default;

} // namespace marginwatch
