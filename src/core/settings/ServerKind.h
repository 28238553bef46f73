#pragma once

namespace marginwatch {

// Which server an account lives on. "Environment" is kept for environment variables only.
enum class ServerKind
{
    Production,  // fapi.binance.com: real money
    DemoTrading, // demo-fapi.binance.com: Binance's own Demo Trading, play money, its own API keys
    Custom,      // any compatible URL
    Simulator,   // the simulator of the exchange built into marginwatch, on this computer
};

} // namespace marginwatch
