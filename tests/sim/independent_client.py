#!/usr/bin/env python3
"""An independent Binance client (stdlib only, written from Binance's documented signing algorithm,
not from marginwatch's code) must authenticate against marginwatch-sim unchanged, and be refused
with -1022 when its secret is wrong.

usage: independent_client.py PATH/TO/marginwatch-sim
"""
import hashlib
import hmac
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

API_KEY = "IndependentClientKey0123456789"
SECRET = "independent-client-secret-2b5eb11e18796d12"


def signed_get(base, path, secret):
    params = urllib.parse.urlencode({"timestamp": int(time.time() * 1000), "recvWindow": 5000})
    signature = hmac.new(secret.encode(), params.encode(), hashlib.sha256).hexdigest()
    request = urllib.request.Request(f"{base}{path}?{params}&signature={signature}",
                                     headers={"X-MBX-APIKEY": API_KEY})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read()), response.headers
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read()), error.headers


def main():
    sim = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        port_file = os.path.join(tmp, "port")
        env = dict(os.environ, MARGINWATCH_SIM_API_SECRET=SECRET)
        process = subprocess.Popen([sim, "--port", "0", "--port-file", port_file, "--api-key", API_KEY,
                                    "--scenario", "single"], env=env, stdout=subprocess.DEVNULL)
        try:
            deadline = time.time() + 20
            while not os.path.exists(port_file):
                if time.time() > deadline or process.poll() is not None:
                    print("FAIL: simulator did not start")
                    return 1
                time.sleep(0.05)
            base = "http://127.0.0.1:" + open(port_file).read().strip()

            failures = 0
            status, body, headers = signed_get(base, "/fapi/v3/account", SECRET)
            if status != 200 or "totalWalletBalance" not in body or not headers.get("X-MBX-USED-WEIGHT-1M"):
                print(f"FAIL: correctly signed request: HTTP {status} {body}")
                failures += 1
            status, body, _ = signed_get(base, "/fapi/v3/account", SECRET + "x")
            if status != 400 or body.get("code") != -1022:
                print(f"FAIL: wrong secret must give HTTP 400 / -1022, got HTTP {status} {body}")
                failures += 1
            print(f"{2 - failures} passed, {failures} failed")
            return 1 if failures else 0
        finally:
            process.terminate()
            process.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
