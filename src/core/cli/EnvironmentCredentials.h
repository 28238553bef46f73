#pragma once

#include "api/Credentials.h"
#include "util/Expected.h"

#include <QProcessEnvironment>

namespace marginwatch {

// Credentials of a headless run, from the environment only (a secret on the command line would be
// visible to every user through ps and /proc):
//   BINANCE_API_KEY + BINANCE_API_SECRET        HMAC
//   BINANCE_API_KEY + BINANCE_PRIVATE_KEY_FILE  PEM of an RSA or Ed25519 private key (type detected)
// The error is one line saying what is missing or wrong; it never contains secret material.
Expected<Credentials> credentialsFromEnvironment(const QProcessEnvironment& environment);

// The same, from this process's own environment, for a process that is about to use them: it is
// first excluded from core dumps, and BINANCE_API_SECRET is then scrubbed from the environment
// (its bytes overwritten where /proc/<pid>/environ shows them, then unset), so that the secret's
// one copy is the returned one.
Expected<Credentials> takeCredentialsFromProcessEnvironment();

} // namespace marginwatch
