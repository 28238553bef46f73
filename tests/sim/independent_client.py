#!/usr/bin/env python3
"""An independent Binance client (stdlib only, written from Binance's documented signing algorithm and
formulas, not from marginwatch's code) checks marginwatch-sim from the outside:

- it authenticates unchanged (HMAC) and is refused with -1022 when its secret is wrong;
- `--accounts N --accounts-file FILE` writes the INI of `marginwatch --headless --accounts FILE`, with
  owner-only secret files, and every key reaches its own account;
- maintenance margin and liquidation prices recomputed here with Python's decimal module from the
  served brackets and positions equal the served figures (Binance's published formula);
- key permissions, sub-account summaries, Portfolio Margin (uniMMR), listen keys and a mark-price
  WebSocket frame read with a hand-written RFC 6455 reader.

usage: independent_client.py PATH/TO/marginwatch-sim
"""
import base64
import configparser
import decimal
import hashlib
import hmac
import itertools
import json
import os
import socket
import stat
import struct
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

from decimal import Decimal as D

decimal.getcontext().prec = 60
API_KEY = "IndependentClientKey0123456789"
SECRET = "independent-client-secret-2b5eb11e18796d12"
EIGHT = D("0.00000001")


def trunc8(value):
    return value.quantize(EIGHT, rounding=decimal.ROUND_DOWN)


def request(base, path, api_key, secret=None, params=None, method="GET"):
    query = urllib.parse.urlencode(params or {})
    if secret is not None:
        query += ("&" if query else "") + urllib.parse.urlencode(
            {"timestamp": int(time.time() * 1000), "recvWindow": 5000})
        query += "&signature=" + hmac.new(secret.encode(), query.encode(), hashlib.sha256).hexdigest()
    headers = {"X-MBX-APIKEY": api_key} if api_key else {}
    url = f"{base}{path}" + (f"?{query}" if query else "")
    req = urllib.request.Request(url, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            return response.status, json.loads(response.read()), response.headers
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read()), error.headers


def start(sim, args, tmp, env=None):
    port_file = os.path.join(tmp, "port")
    if os.path.exists(port_file):
        os.remove(port_file)
    process = subprocess.Popen([sim, "--port", "0", "--port-file", port_file] + args,
                               env=env or os.environ, stdout=subprocess.DEVNULL)
    deadline = time.time() + 20
    while not os.path.exists(port_file):
        if time.time() > deadline or process.poll() is not None:
            process.terminate()
            raise RuntimeError("simulator did not start")
        time.sleep(0.05)
    return process, "http://127.0.0.1:" + open(port_file).read().strip()


def websocket_first_frame(base, path):
    """Opens a WebSocket with a hand-made handshake and returns the first text frame's payload."""
    host, port = base.replace("http://", "").split(":")
    sock = socket.create_connection((host, int(port)), timeout=10)
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall((f"GET {path} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
    response = b""
    while b"\r\n\r\n" not in response:
        response += sock.recv(1)
    expected = base64.b64encode(hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode())
                                .digest()).decode()
    if not response.startswith(b"HTTP/1.1 101") or expected.encode() not in response:
        raise RuntimeError(f"bad handshake: {response!r}")

    def read(n):
        data = b""
        while len(data) < n:
            chunk = sock.recv(n - len(data))
            if not chunk:
                raise RuntimeError("connection closed")
            data += chunk
        return data

    while True:
        first, second = read(2)
        length = second & 0x7F
        if length == 126:
            length = struct.unpack(">H", read(2))[0]
        elif length == 127:
            length = struct.unpack(">Q", read(8))[0]
        if second & 0x80:
            raise RuntimeError("the server masked a frame")
        payload = read(length)
        if first & 0x0F == 0x1:
            sock.close()
            return json.loads(payload)


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, condition, message):
        if condition:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL: " + message)


def tier_of(tiers, notional):
    for t in tiers:
        if notional < D(str(t["notionalCap"])):
            return t
    return tiers[-1]


def liquidation_price(wallet_and_others, legs, mark):
    """Binance's published formula for the legs of one symbol sharing a wallet, the bracket of each leg
    taken at the liquidation price; truncated to eight decimals; 0 when no price > 0 solves it."""
    best = None
    for combo in itertools.product(*[leg["tiers"] for leg in legs]):
        numerator = wallet_and_others
        denominator = D(0)
        for leg, t in zip(legs, combo):
            numerator += D(str(t["cum"])) - leg["side"] * leg["q"] * leg["ep"]
            denominator += leg["q"] * D(str(t["maintMarginRatio"])) - leg["side"] * leg["q"]
        if denominator == 0:
            continue
        lp = trunc8(numerator / denominator)
        if lp <= 0:
            continue
        if all(tier_of(leg["tiers"], trunc8(leg["q"] * lp)) is t for leg, t in zip(legs, combo)):
            if best is None or abs(lp - mark) < abs(best - mark):
                best = lp
    return best if best is not None else D(0)


def check_signing(sim, tmp, c):
    env = dict(os.environ, MARGINWATCH_SIM_API_SECRET=SECRET)
    process, base = start(sim, ["--api-key", API_KEY, "--scenario", "single"], tmp, env)
    try:
        status, body, headers = request(base, "/fapi/v3/account", API_KEY, SECRET)
        c.check(status == 200 and "totalWalletBalance" in body and headers.get("X-MBX-USED-WEIGHT-1M"),
                f"correctly signed request: HTTP {status} {body}")
        status, body, _ = request(base, "/fapi/v3/account", API_KEY, SECRET + "x")
        c.check(status == 400 and body.get("code") == -1022,
                f"wrong secret must give HTTP 400 / -1022, got HTTP {status} {body}")
    finally:
        process.terminate()
        process.wait(timeout=10)


def check_accounts(sim, tmp, c):
    ini = os.path.join(tmp, "accounts.ini")
    process, base = start(sim, ["--accounts", "3", "--accounts-file", ini, "--account-scenarios", "single,hedge,pm",
                                "--positions", "6", "--sub-accounts", "1=2,3", "--permissions",
                                "withdrawals,noiprestrict", "--tick-interval", "0", "--mark-interval", "100"], tmp)
    try:
        parser = configparser.ConfigParser()
        parser.read(ini)
        c.check(parser.sections() == ["sim1", "sim2", "sim3"], f"sections {parser.sections()}")
        keys = {}
        for name in parser.sections():
            section = parser[name]
            secret_file = section["secret_file"]
            mode = stat.S_IMODE(os.stat(secret_file).st_mode)
            c.check(mode == 0o600, f"{secret_file} has mode {oct(mode)}, not 0600")
            c.check(section["name"] == name and section["base_url"] == base, f"section {name}: {dict(section)}")
            keys[name] = (section["api_key"], open(secret_file).read())
        c.check(stat.S_IMODE(os.stat(ini).st_mode) == 0o600, "the INI file is not owner-only")

        status, config, _ = request(base, "/fapi/v1/accountConfig", *keys["sim2"])
        c.check(status == 200 and config["dualSidePosition"] is True, f"sim2 is the hedge account: {config}")
        status, body, _ = request(base, "/fapi/v3/account", *keys["sim3"])
        c.check(status == 401 and body["code"] == -2015, f"Portfolio Margin on /fapi: {status} {body}")

        # Portfolio Margin: uniMMR = accountEquity / accountMaintMargin.
        status, pm, _ = request(base, "/papi/v1/account", *keys["sim3"])
        c.check(status == 200 and D(pm["accountMaintMargin"]) > 0, f"/papi/v1/account: {status} {pm}")
        c.check(D(pm["uniMMR"]) == trunc8(D(pm["accountEquity"]) / D(pm["accountMaintMargin"])),
                f"uniMMR {pm['uniMMR']} is not equity / maintenance")

        # Permissions, on the /sapi budget.
        status, restrictions, headers = request(base, "/sapi/v1/account/apiRestrictions", *keys["sim1"])
        c.check(status == 200 and restrictions["enableWithdrawals"] is True and restrictions["ipRestrict"] is False,
                f"apiRestrictions: {restrictions}")
        c.check(headers.get("X-SAPI-USED-IP-WEIGHT-1M") is not None and headers.get("X-MBX-USED-WEIGHT-1M") is None,
                "apiRestrictions must report X-SAPI-USED-IP-WEIGHT-1M only")
        status, summary, _ = request(base, "/sapi/v2/sub-account/futures/accountSummary", *keys["sim1"],
                                     params={"futuresType": 1})
        subs = summary["futureAccountSummaryResp"]["subAccountList"]
        c.check([s["email"] for s in subs] == ["sim2@marginwatch-sim.invalid", "sim3@marginwatch-sim.invalid"],
                f"sub-accounts: {subs}")
        total = sum(D(s["totalWalletBalance"]) for s in subs)
        c.check(D(summary["futureAccountSummaryResp"]["totalWalletBalance"]) == total, "summary total")

        # Brackets, maintenance margin and liquidation prices of sim1 (single-asset, one-way).
        _, brackets, _ = request(base, "/fapi/v1/leverageBracket", *keys["sim1"])
        tiers = {entry["symbol"]: entry["brackets"] for entry in brackets}
        _, account, _ = request(base, "/fapi/v3/account", *keys["sim1"])
        _, risk, _ = request(base, "/fapi/v3/positionRisk", *keys["sim1"])
        _, symbol_config, _ = request(base, "/fapi/v1/symbolConfig", *keys["sim1"])
        isolated = {s["symbol"]: s["marginType"] == "ISOLATED" for s in symbol_config}
        c.check(any(isolated.values()), "sim1 has an isolated position")
        total_mm = D(0)
        for p in risk:
            notional = abs(D(p["notional"]))
            t = tier_of(tiers[p["symbol"]], notional)
            mm = trunc8(notional * D(str(t["maintMarginRatio"]))) - D(str(t["cum"]))
            c.check(D(p["maintMargin"]) == mm, f"{p['symbol']} maintMargin {p['maintMargin']} != {mm}")
            total_mm += D(p["maintMargin"])
        c.check(D(account["totalMaintMargin"]) == total_mm, "totalMaintMargin is the sum of the positions'")
        cross_wallet = D(account["assets"][0]["crossWalletBalance"])
        for p in risk:
            amount = D(p["positionAmt"])
            leg = {"side": 1 if amount > 0 else -1, "q": abs(amount), "ep": D(p["entryPrice"]),
                   "tiers": tiers[p["symbol"]]}
            if isolated[p["symbol"]]:
                wallet = D(p["isolatedWallet"])
            else:
                wallet = cross_wallet + sum(D(q["unRealizedProfit"]) - D(q["maintMargin"]) for q in risk
                                            if q["symbol"] != p["symbol"] and not isolated[q["symbol"]])
            expected = liquidation_price(wallet, [leg], D(p["markPrice"]))
            c.check(D(p["liquidationPrice"]) == expected,
                    f"{p['symbol']} liquidationPrice {p['liquidationPrice']} != {expected}")

        # exchangeInfo, listen keys and a mark-price frame.
        status, info, _ = request(base, "/fapi/v1/exchangeInfo", None)
        btc = next(s for s in info["symbols"] if s["symbol"] == "BTCUSDT")
        tick = next(f["tickSize"] for f in btc["filters"] if f["filterType"] == "PRICE_FILTER")
        c.check(tick == "0.10" and btc["pricePrecision"] == 2, f"BTCUSDT tick {tick}")
        status, created, _ = request(base, "/fapi/v1/listenKey", keys["sim1"][0], method="POST")
        c.check(status == 200 and len(created["listenKey"]) == 64, f"POST listenKey: {status} {created}")
        status, kept, _ = request(base, "/fapi/v1/listenKey", keys["sim1"][0], method="PUT")
        c.check(status == 200 and kept["listenKey"] == created["listenKey"], f"PUT listenKey: {kept}")
        frame = websocket_first_frame(base, "/market/stream?streams=btcusdt@markPrice@1s")
        mark = next(p["markPrice"] for p in risk if p["symbol"] == "BTCUSDT")
        c.check(frame["stream"] == "btcusdt@markPrice@1s" and frame["data"]["e"] == "markPriceUpdate"
                and frame["data"]["p"] == mark, f"mark frame {frame} (REST mark {mark})")
    finally:
        process.terminate()
        process.wait(timeout=10)


def main():
    sim = sys.argv[1]
    c = Checks()
    with tempfile.TemporaryDirectory() as tmp:
        check_signing(sim, tmp, c)
        check_accounts(sim, tmp, c)
    print(f"{c.passed} passed, {c.failed} failed")
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
