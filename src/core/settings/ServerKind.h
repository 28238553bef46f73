#pragma once

namespace marginwatch {

// Which server an account lives on. "Environment" is kept for environment variables only.
enum class ServerKind
{
    Production, // fapi.binance.com: real money
    Simulator,  // the built-in simulator of the exchange on this computer
    Custom,     // any compatible URL
};

} // namespace marginwatch
