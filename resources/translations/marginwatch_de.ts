<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AccountFields</name>
    <message>
        <source>Initial margin</source>
        <translation>Initial-Margin</translation>
    </message>
    <message>
        <source>Margin held for positions and open orders at the current mark price.</source>
        <translation>Für Positionen und offene Orders hinterlegte Margin zum aktuellen Markpreis.</translation>
    </message>
    <message>
        <source>Maintenance margin</source>
        <translation>Wartungsmargin</translation>
    </message>
    <message>
        <source>The margin needed to keep the positions open.</source>
        <translation>Die Margin, die nötig ist, um die Positionen offen zu halten.</translation>
    </message>
    <message>
        <source>Wallet balance</source>
        <translation>Wallet-Guthaben</translation>
    </message>
    <message>
        <source>Deposits, transfers and realized PnL, without open positions&apos; PnL.</source>
        <translation>Einzahlungen, Überträge und realisierter PnL, ohne den PnL offener Positionen.</translation>
    </message>
    <message>
        <source>Unrealized PnL</source>
        <translation>Unrealisierter PnL</translation>
    </message>
    <message>
        <source>Profit or loss of the open positions at the mark price.</source>
        <translation>Gewinn oder Verlust der offenen Positionen zum Markpreis.</translation>
    </message>
    <message>
        <source>Margin balance</source>
        <translation>Margin-Saldo</translation>
    </message>
    <message>
        <source>Wallet balance plus unrealized PnL: what backs your positions.</source>
        <translation>Wallet-Guthaben plus unrealisierter PnL: das, was Ihre Positionen deckt.</translation>
    </message>
    <message>
        <source>Position initial margin</source>
        <translation>Initial-Margin der Positionen</translation>
    </message>
    <message>
        <source>Initial margin required for positions with the current mark price.</source>
        <translation>Für Positionen nötige Initial-Margin zum aktuellen Markpreis.</translation>
    </message>
    <message>
        <source>Open order initial margin</source>
        <translation>Initial-Margin offener Orders</translation>
    </message>
    <message>
        <source>Initial margin required for open orders with the current mark price.</source>
        <translation>Für offene Orders nötige Initial-Margin zum aktuellen Markpreis.</translation>
    </message>
    <message>
        <source>Cross wallet balance</source>
        <translation>Cross-Wallet-Guthaben</translation>
    </message>
    <message>
        <source>Crossed wallet balance.</source>
        <translation>Wallet-Guthaben im Cross-Margin-Modus.</translation>
    </message>
    <message>
        <source>Cross unrealized PnL</source>
        <translation>Unrealisierter Cross-PnL</translation>
    </message>
    <message>
        <source>Unrealized profit of crossed positions.</source>
        <translation>Unrealisierter PnL der Cross-Margin-Positionen.</translation>
    </message>
    <message>
        <source>Available balance</source>
        <translation>Verfügbares Guthaben</translation>
    </message>
    <message>
        <source>What is free for new positions.</source>
        <translation>Was für neue Positionen frei ist.</translation>
    </message>
    <message>
        <source>Max withdraw</source>
        <translation>Max. Auszahlung</translation>
    </message>
    <message>
        <source>The most that can be transferred out now.</source>
        <translation>Der Betrag, der jetzt höchstens übertragen werden kann.</translation>
    </message>
    <message>
        <source>Asset</source>
        <translation>Asset</translation>
    </message>
    <message>
        <source>The margin asset.</source>
        <translation>Das Margin-Asset.</translation>
    </message>
    <message>
        <source>Wallet balance of this asset.</source>
        <translation>Wallet-Guthaben dieses Assets.</translation>
    </message>
    <message>
        <source>Unrealized profit of this asset&apos;s positions.</source>
        <translation>Unrealisierter PnL der Positionen in diesem Asset.</translation>
    </message>
    <message>
        <source>Wallet balance plus unrealized profit.</source>
        <translation>Wallet-Guthaben plus unrealisierter PnL.</translation>
    </message>
    <message>
        <source>Maint. margin</source>
        <translation>Wartungsmargin</translation>
    </message>
    <message>
        <source>Maintenance margin required.</source>
        <translation>Nötige Wartungsmargin.</translation>
    </message>
    <message>
        <source>Total initial margin required with the current mark price.</source>
        <translation>Gesamte nötige Initial-Margin zum aktuellen Markpreis.</translation>
    </message>
    <message>
        <source>Position IM</source>
        <translation>Positions-IM</translation>
    </message>
    <message>
        <source>Open order IM</source>
        <translation>Order-IM</translation>
    </message>
    <message>
        <source>Cross wallet</source>
        <translation>Cross-Wallet</translation>
    </message>
    <message>
        <source>Cross unPnL</source>
        <translation>Cross-uPnL</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Verfügbar</translation>
    </message>
    <message>
        <source>Available balance.</source>
        <translation>Verfügbares Guthaben.</translation>
    </message>
    <message>
        <source>Maximum amount for transfer out.</source>
        <translation>Höchstbetrag, der übertragen werden kann.</translation>
    </message>
    <message>
        <source>Updated (UTC)</source>
        <translation>Aktualisiert (UTC)</translation>
    </message>
    <message>
        <source>Last update time reported by the exchange.</source>
        <translation>Zeit der letzten Änderung laut Börse.</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>Symbol</translation>
    </message>
    <message>
        <source>The contract.</source>
        <translation>Der Kontrakt.</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Seite</translation>
    </message>
    <message>
        <source>BOTH in one-way mode; LONG or SHORT in hedge mode.</source>
        <translation>BOTH im One-Way-Modus; LONG oder SHORT im Hedge-Modus.</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Position amount; negative for a short position in one-way mode.</source>
        <translation>Positionsgröße; im One-Way-Modus negativ für eine Short-Position.</translation>
    </message>
    <message>
        <source>Unrealized profit with the current mark price.</source>
        <translation>Unrealisierter PnL zum aktuellen Markpreis.</translation>
    </message>
    <message>
        <source>Isolated margin</source>
        <translation>Isolated-Margin</translation>
    </message>
    <message>
        <source>Margin of an isolated position.</source>
        <translation>Margin einer Isolated-Position.</translation>
    </message>
    <message>
        <source>Notional</source>
        <translation>Nominalwert</translation>
    </message>
    <message>
        <source>Position value at the mark price.</source>
        <translation>Positionswert zum Markpreis.</translation>
    </message>
    <message>
        <source>Isolated wallet</source>
        <translation>Isolated-Wallet</translation>
    </message>
    <message>
        <source>Wallet balance of an isolated position.</source>
        <translation>Wallet-Guthaben einer Isolated-Position.</translation>
    </message>
    <message>
        <source>Initial margin required with the current mark price.</source>
        <translation>Nötige Initial-Margin zum aktuellen Markpreis.</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Einstieg</translation>
    </message>
    <message>
        <source>Average entry price (positionRisk).</source>
        <translation>Durchschnittlicher Einstiegspreis (positionRisk).</translation>
    </message>
    <message>
        <source>Break-even</source>
        <translation>Break-even</translation>
    </message>
    <message>
        <source>Price at which the position breaks even after fees (positionRisk).</source>
        <translation>Preis, bei dem die Position nach Gebühren ausgeglichen ist (positionRisk).</translation>
    </message>
    <message>
        <source>Mark</source>
        <translation>Markpreis</translation>
    </message>
    <message>
        <source>Mark price used for PnL and liquidation (positionRisk).</source>
        <translation>Markpreis, nach dem PnL und Liquidation berechnet werden (positionRisk).</translation>
    </message>
    <message>
        <source>Liquidation</source>
        <translation>Liq.-Preis</translation>
    </message>
    <message>
        <source>Estimated liquidation price (positionRisk); 0 means none.</source>
        <translation>Geschätzter Liquidationspreis (positionRisk); 0 heißt keiner.</translation>
    </message>
    <message>
        <source>Leverage</source>
        <translation>Hebel</translation>
    </message>
    <message>
        <source>Leverage set for this symbol (symbolConfig).</source>
        <translation>Für dieses Symbol eingestellter Hebel (symbolConfig).</translation>
    </message>
    <message>
        <source>Margin type</source>
        <translation>Margin-Art</translation>
    </message>
    <message>
        <source>CROSSED or ISOLATED (symbolConfig).</source>
        <translation>CROSSED oder ISOLATED (symbolConfig).</translation>
    </message>
</context>
<context>
    <name>AccountSemantics</name>
    <message>
        <source>Single-asset mode — totals are USDT only</source>
        <translation>Single-Asset-Modus — Summen nur in USDT</translation>
    </message>
    <message>
        <source>Multi-assets mode — totals in USD across %1 assets</source>
        <translation>Multi-Assets-Modus — Summen in USD über %1 Assets</translation>
    </message>
    <message>
        <source>Account mode unknown — totals may be USDT only</source>
        <translation>Kontomodus unbekannt — Summen womöglich nur in USDT</translation>
    </message>
    <message>
        <source>In single-asset mode every total, the available balance and the maximum withdrawal cover the USDT asset only; other assets such as USDC are listed below but are not in these totals.</source>
        <translation>Im Single-Asset-Modus umfassen alle Summen, das verfügbare Guthaben und die maximale Auszahlung nur das Asset USDT; andere Assets wie USDC stehen unten in der Liste, sind aber nicht in diesen Summen enthalten.</translation>
    </message>
    <message>
        <source>In multi-assets mode the totals are the USD value of all assets together, margin is shared between them, and the maximum withdrawal is a virtual USD amount.</source>
        <translation>Im Multi-Assets-Modus sind die Summen der USD-Wert aller Assets zusammen, die Margin wird zwischen ihnen geteilt, und die maximale Auszahlung ist ein virtueller USD-Betrag.</translation>
    </message>
    <message>
        <source>The exchange did not say whether this account is in single-asset or multi-assets mode, so the totals may cover USDT only.</source>
        <translation>Die Börse hat nicht mitgeteilt, ob dieses Konto im Single-Asset- oder im Multi-Assets-Modus ist; die Summen umfassen daher womöglich nur USDT.</translation>
    </message>
    <message>
        <source>One-way mode</source>
        <translation>One-Way-Modus</translation>
    </message>
    <message>
        <source>Hedge mode</source>
        <translation>Hedge-Modus</translation>
    </message>
    <message>
        <source>Position mode unknown</source>
        <translation>Positionsmodus unbekannt</translation>
    </message>
</context>
<context>
    <name>AccountTableModels</name>
    <message>
        <source>To liq.</source>
        <translation>Bis Liq.</translation>
    </message>
    <message>
        <source>Distance from the mark price to the liquidation price, in percent of the mark.</source>
        <translation>Abstand vom Markpreis zum Liquidationspreis, in Prozent des Markpreises.</translation>
    </message>
    <message>
        <source>Margin ratio</source>
        <translation>Margin-Verhältnis</translation>
    </message>
    <message>
        <source>Maintenance margin ÷ margin balance. At 100 % the account is liquidated.</source>
        <translation>Wartungsmargin ÷ Margin-Saldo. Bei 100 % wird das Konto liquidiert.</translation>
    </message>
</context>
<context>
    <name>ApiKey</name>
    <message>
        <source>Enter the API key.</source>
        <translation>Geben Sie den API-Schlüssel ein.</translation>
    </message>
    <message>
        <source>The API key contains spaces or line breaks; copy it again without them.</source>
        <translation>Der API-Schlüssel enthält Leerzeichen oder Zeilenumbrüche; kopieren Sie ihn noch einmal ohne sie.</translation>
    </message>
    <message>
        <source>The API key contains characters that cannot be part of a Binance API key.</source>
        <translation>Der API-Schlüssel enthält Zeichen, die in einem Binance-API-Schlüssel nicht vorkommen können.</translation>
    </message>
</context>
<context>
    <name>Autostart</name>
    <message>
        <source>The autostart entry %1 could not be removed.</source>
        <translation>Der Autostart-Eintrag %1 konnte nicht entfernt werden.</translation>
    </message>
    <message>
        <source>The folder of %1 could not be created.</source>
        <translation>Der Ordner von %1 konnte nicht angelegt werden.</translation>
    </message>
    <message>
        <source>The autostart entry %1 could not be written: %2</source>
        <translation>Der Autostart-Eintrag %1 konnte nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>BaseUrl</name>
    <message>
        <source>the base URL is not a valid URL (expected e.g. %1)</source>
        <translation>die Basis-URL ist keine gültige URL (erwartet z. B. %1)</translation>
    </message>
    <message>
        <source>plain http:// is accepted only for this computer (127.0.0.1, ::1, localhost); use https:// for %1 so the API key and account data are encrypted</source>
        <translation>unverschlüsseltes http:// ist nur für diesen Computer erlaubt (127.0.0.1, ::1, localhost); verwenden Sie https:// für %1, damit API-Schlüssel und Kontodaten verschlüsselt übertragen werden</translation>
    </message>
    <message>
        <source>the base URL must start with https:// (it starts with %1://)</source>
        <translation>die Basis-URL muss mit https:// beginnen (sie beginnt mit %1://)</translation>
    </message>
    <message>
        <source>the base URL must not contain a user name or password (credentials do not belong in a URL)</source>
        <translation>die Basis-URL darf keinen Benutzernamen und kein Passwort enthalten (Zugangsdaten gehören nicht in eine URL)</translation>
    </message>
</context>
<context>
    <name>BinanceHttpClient</name>
    <message>
        <source>recvWindow must be between 1 and 60000 ms (Binance rejects larger values with error -1131); it is %1 ms</source>
        <translation>recvWindow muss zwischen 1 und 60000 ms liegen (Binance lehnt größere Werte mit Fehler -1131 ab); eingestellt sind %1 ms</translation>
    </message>
    <message>
        <source>no API key is configured</source>
        <translation>es ist kein API-Schlüssel eingerichtet</translation>
    </message>
    <message>
        <source>no API secret is configured</source>
        <translation>es ist kein API-Secret eingerichtet</translation>
    </message>
    <message>
        <source>no private key is configured</source>
        <translation>es ist kein privater Schlüssel eingerichtet</translation>
    </message>
    <message>
        <source>the request timeout must be positive</source>
        <translation>das Zeitlimit für Anfragen muss positiv sein</translation>
    </message>
    <message>
        <source>the proxy needs a host and a port</source>
        <translation>der Proxy braucht einen Host und einen Port</translation>
    </message>
</context>
<context>
    <name>CsvFileSetCommit</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>Endpoint</name>
    <message>
        <source>PRODUCTION</source>
        <translation>PRODUKTION</translation>
    </message>
    <message>
        <source>BINANCE DEMO TRADING</source>
        <translation>BINANCE DEMO-TRADING</translation>
    </message>
    <message>
        <source>SIMULATOR</source>
        <translation>SIMULATOR</translation>
    </message>
    <message>
        <source>Real money: this window watches your Binance production account.</source>
        <translation>Echtes Geld: Dieses Fenster überwacht Ihr Binance-Produktivkonto.</translation>
    </message>
    <message>
        <source>Binance Demo Trading (%1): Binance&apos;s own practice environment with play money and its own API keys. Not your real account.</source>
        <translation>Binance Demo-Trading (%1): die Übungsumgebung von Binance mit Spielgeld und eigenen API-Schlüsseln. Nicht Ihr echtes Konto.</translation>
    </message>
    <message>
        <source>The simulator built into marginwatch: a made-up account on this computer, no exchange and no real account involved. Add your account to watch a real one.</source>
        <translation>Der in marginwatch eingebaute Simulator: ein erfundenes Konto auf diesem Computer, ohne Börse und ohne echtes Konto. Fügen Sie Ihr Konto hinzu, um ein echtes zu überwachen.</translation>
    </message>
    <message>
        <source>A custom endpoint, not Binance production.</source>
        <translation>Ein eigener Endpunkt, nicht die Binance-Produktivumgebung.</translation>
    </message>
</context>
<context>
    <name>FailureText</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>this IP is banned by Binance until %1 after repeated rate-limit errors; no request is sent to %2 until then. Use a longer polling interval and fewer programs polling from this IP</source>
        <translation>diese IP ist nach wiederholten Rate-Limit-Fehlern bis %1 von Binance gesperrt; bis dahin geht keine Anfrage an %2. Verwenden Sie ein längeres Abfrageintervall und weniger Programme, die von dieser IP abfragen</translation>
    </message>
    <message>
        <source> (the server named a later end, beyond Binance&apos;s longest ban of %1; marginwatch tries again after that)</source>
        <translation> (der Server nannte ein späteres Ende, jenseits der längsten Binance-Sperre von %1; marginwatch versucht es danach erneut)</translation>
    </message>
    <message>
        <source> (the server asked for %1, longer than marginwatch believes; this is its limit)</source>
        <translation> (der Server verlangte %1, länger als marginwatch für glaubhaft hält; das ist seine Obergrenze)</translation>
    </message>
    <message>
        <source> as the server asked</source>
        <translation>, wie vom Server verlangt</translation>
    </message>
    <message>
        <source>rate limit hit (HTTP 429): too many requests from this IP (all programs on it share the limit); waiting %1 before the next request%2. Use a longer polling interval</source>
        <translation>Rate-Limit erreicht (HTTP 429): zu viele Anfragen von dieser IP (alle Programme darauf teilen sich das Limit); %1 Wartezeit bis zur nächsten Anfrage%2. Verwenden Sie ein längeres Abfrageintervall</translation>
    </message>
    <message>
        <source>%1, but the request reached the server outside recvWindow (%2 ms): the connection is slow or the clock just jumped; marginwatch re-synchronises and retries. On a slow connection raise recvWindow (at most 60000 ms)</source>
        <translation>%1, aber die Anfrage erreichte den Server außerhalb von recvWindow (%2 ms): Die Verbindung ist langsam oder die Uhr ist gerade gesprungen; marginwatch synchronisiert neu und versucht es erneut. Erhöhen Sie bei einer langsamen Verbindung recvWindow (höchstens 60000 ms)</translation>
    </message>
    <message>
        <source>%1; the request&apos;s timestamp fell outside recvWindow (%2 ms). marginwatch corrects for the offset and retries; turn on automatic time synchronisation (NTP) on this computer</source>
        <translation>%1; der Zeitstempel der Anfrage lag außerhalb von recvWindow (%2 ms). marginwatch gleicht den Versatz aus und versucht es erneut; schalten Sie auf diesem Computer die automatische Zeitsynchronisierung (NTP) ein</translation>
    </message>
    <message>
        <source>the signature was rejected: the secret or key type is wrong. Check that the secret (or private key) belongs to this API key and that the key type (HMAC, RSA, Ed25519) matches</source>
        <translation>die Signatur wurde abgelehnt: Secret oder Schlüsseltyp sind falsch. Prüfen Sie, ob das Secret (oder der private Schlüssel) zu diesem API-Schlüssel gehört und ob der Schlüsseltyp (HMAC, RSA, Ed25519) stimmt</translation>
    </message>
    <message>
        <source>the API key&apos;s format is invalid: it was probably pasted incompletely or with extra characters. Copy the key again from Binance API Management</source>
        <translation>das Format des API-Schlüssels ist ungültig: Er wurde wahrscheinlich unvollständig oder mit zusätzlichen Zeichen eingefügt. Kopieren Sie den Schlüssel erneut aus der Binance-API-Verwaltung</translation>
    </message>
    <message>
        <source>Binance refused the API key: usually the API key&apos;s IP whitelist (this computer&apos;s public IP is not on it) or a missing &apos;Enable Futures&apos; permission; also check the key is not deleted and belongs to this server (production or Binance Demo Trading)</source>
        <translation>Binance hat den API-Schlüssel abgelehnt: meist wegen der IP-Whitelist des Schlüssels (die öffentliche IP dieses Computers steht nicht darauf) oder einer fehlenden Berechtigung „Enable Futures“; prüfen Sie auch, ob der Schlüssel nicht gelöscht ist und zu diesem Server gehört (Produktion oder Binance Demo-Trading)</translation>
    </message>
    <message>
        <source>too many requests from this IP (all programs on it share the limit of 2400 weight per minute); use a longer polling interval</source>
        <translation>zu viele Anfragen von dieser IP (alle Programme darauf teilen sich das Limit von 2400 Gewicht pro Minute); verwenden Sie ein längeres Abfrageintervall</translation>
    </message>
    <message>
        <source>recvWindow is too large: set it to 60000 ms or less</source>
        <translation>recvWindow ist zu groß: Stellen Sie höchstens 60000 ms ein</translation>
    </message>
    <message>
        <source>the server rejected the request&apos;s parameters (%1); the base URL may not be a Binance USD-M Futures endpoint</source>
        <translation>der Server hat die Parameter der Anfrage abgelehnt (%1); die Basis-URL ist womöglich kein Endpunkt für Binance USD-M Futures</translation>
    </message>
    <message>
        <source>the exchange is having trouble (%1); retrying with backoff. If it lasts, check Binance&apos;s status page</source>
        <translation>die Börse hat Probleme (%1); neuer Versuch mit wachsenden Pausen. Hält es an, sehen Sie auf der Statusseite von Binance nach</translation>
    </message>
    <message>
        <source>Binance rejected the request: %1</source>
        <translation>Binance hat die Anfrage abgelehnt: %1</translation>
    </message>
    <message>
        <source>no message</source>
        <translation>keine Meldung</translation>
    </message>
    <message>
        <source>the server refused the credentials (HTTP 401): check the API key and its secret</source>
        <translation>der Server hat die Zugangsdaten abgelehnt (HTTP 401): Prüfen Sie den API-Schlüssel und sein Secret</translation>
    </message>
    <message>
        <source>the request was refused by Binance&apos;s web application firewall (HTTP 403): often a region block or a VPN/proxy exit that Binance refuses; try another network or set a proxy in the settings</source>
        <translation>die Anfrage wurde von der Web Application Firewall von Binance abgewiesen (HTTP 403): oft eine Regionssperre oder ein VPN-/Proxy-Ausgang, den Binance ablehnt; versuchen Sie ein anderes Netz oder richten Sie in den Einstellungen einen Proxy ein</translation>
    </message>
    <message>
        <source>the server answered with a web page (HTTP %1) instead of JSON: the exchange or a proxy in between is having trouble; retrying with backoff</source>
        <translation>der Server antwortete mit einer Webseite (HTTP %1) statt mit JSON: Die Börse oder ein Proxy dazwischen hat Probleme; neuer Versuch mit wachsenden Pausen</translation>
    </message>
    <message>
        <source>the exchange is having trouble (HTTP %1); retrying with backoff. If it lasts, check Binance&apos;s status page</source>
        <translation>die Börse hat Probleme (HTTP %1); neuer Versuch mit wachsenden Pausen. Hält es an, sehen Sie auf der Statusseite von Binance nach</translation>
    </message>
    <message>
        <source>the endpoint was not found (HTTP 404): check the base URL (%1 or %2)</source>
        <translation>der Endpunkt wurde nicht gefunden (HTTP 404): Prüfen Sie die Basis-URL (%1 oder %2)</translation>
    </message>
    <message>
        <source>the server answered with a web page (HTTP %1) instead of JSON: the base URL may point to a website, or a captive portal or proxy answered in its place</source>
        <translation>der Server antwortete mit einer Webseite (HTTP %1) statt mit JSON: Die Basis-URL zeigt womöglich auf eine Website, oder ein Captive Portal oder Proxy hat an ihrer Stelle geantwortet</translation>
    </message>
    <message>
        <source>the server refused the request (HTTP %1) without a Binance error code: check the base URL and proxy settings</source>
        <translation>der Server hat die Anfrage ohne Binance-Fehlercode abgelehnt (HTTP %1): Prüfen Sie die Basis-URL und die Proxy-Einstellungen</translation>
    </message>
    <message>
        <source>no error</source>
        <translation>kein Fehler</translation>
    </message>
    <message>
        <source>connection refused: nothing is listening at the base URL; check the URL and port</source>
        <translation>Verbindung abgelehnt: Unter der Basis-URL lauscht nichts; prüfen Sie URL und Port</translation>
    </message>
    <message>
        <source>the server closed the connection before answering; usually temporary</source>
        <translation>der Server hat die Verbindung vor der Antwort geschlossen; meist vorübergehend</translation>
    </message>
    <message>
        <source>host not found: check the base URL and this computer&apos;s network/DNS; where Binance is blocked, set a proxy in the settings</source>
        <translation>Host nicht gefunden: Prüfen Sie die Basis-URL sowie Netzwerk und DNS dieses Computers; wo Binance gesperrt ist, richten Sie in den Einstellungen einen Proxy ein</translation>
    </message>
    <message>
        <source>the connection to the server timed out; check the network or the proxy</source>
        <translation>Zeitüberschreitung bei der Verbindung zum Server; prüfen Sie das Netzwerk oder den Proxy</translation>
    </message>
    <message>
        <source>no complete answer within %1 s (transfer timeout): the network or the exchange is slow</source>
        <translation>keine vollständige Antwort innerhalb von %1 s (Übertragungs-Zeitlimit): Das Netzwerk oder die Börse ist langsam</translation>
    </message>
    <message>
        <source>the secure connection (TLS) failed: the server&apos;s certificate could not be verified (a proxy or antivirus intercepting HTTPS, or a wrong system date); marginwatch never disables this check</source>
        <translation>die sichere Verbindung (TLS) ist fehlgeschlagen: Das Zertifikat des Servers ließ sich nicht prüfen (ein Proxy oder Virenscanner, der HTTPS abfängt, oder ein falsches Systemdatum); marginwatch schaltet diese Prüfung nie ab</translation>
    </message>
    <message>
        <source>the network is temporarily unavailable; usually temporary</source>
        <translation>das Netzwerk ist gerade nicht verfügbar; meist vorübergehend</translation>
    </message>
    <message>
        <source>the network connection was lost; check that this computer is online</source>
        <translation>die Netzwerkverbindung ist abgerissen; prüfen Sie, ob dieser Computer online ist</translation>
    </message>
    <message>
        <source>the system does not allow network access in the background</source>
        <translation>das System erlaubt keinen Netzwerkzugriff im Hintergrund</translation>
    </message>
    <message>
        <source>too many redirects: the base URL does not point at the Binance API</source>
        <translation>zu viele Weiterleitungen: Die Basis-URL zeigt nicht auf die Binance-API</translation>
    </message>
    <message>
        <source>the server redirected from HTTPS to plain HTTP; refused for safety. Check the base URL</source>
        <translation>der Server hat von HTTPS auf unverschlüsseltes HTTP weitergeleitet; aus Sicherheitsgründen abgelehnt. Prüfen Sie die Basis-URL</translation>
    </message>
    <message>
        <source>unknown network error; check the network connection</source>
        <translation>unbekannter Netzwerkfehler; prüfen Sie die Netzwerkverbindung</translation>
    </message>
    <message>
        <source>the proxy refused the connection: check the proxy host and port in the settings</source>
        <translation>der Proxy hat die Verbindung abgelehnt: Prüfen Sie Proxy-Host und -Port in den Einstellungen</translation>
    </message>
    <message>
        <source>the proxy closed the connection unexpectedly; check the proxy</source>
        <translation>der Proxy hat die Verbindung unerwartet geschlossen; prüfen Sie den Proxy</translation>
    </message>
    <message>
        <source>the proxy host was not found: check the proxy host name in the settings</source>
        <translation>der Proxy-Host wurde nicht gefunden: Prüfen Sie den Proxy-Hostnamen in den Einstellungen</translation>
    </message>
    <message>
        <source>the proxy did not answer in time; check the proxy</source>
        <translation>der Proxy hat nicht rechtzeitig geantwortet; prüfen Sie den Proxy</translation>
    </message>
    <message>
        <source>the proxy requires a user name and password, or refused the ones given; check them in the settings</source>
        <translation>der Proxy verlangt Benutzername und Passwort oder hat die angegebenen abgelehnt; prüfen Sie sie in den Einstellungen</translation>
    </message>
    <message>
        <source>unknown proxy error; check the proxy settings</source>
        <translation>unbekannter Proxy-Fehler; prüfen Sie die Proxy-Einstellungen</translation>
    </message>
    <message>
        <source>access denied by the server</source>
        <translation>Zugriff vom Server verweigert</translation>
    </message>
    <message>
        <source>the server does not permit this operation</source>
        <translation>der Server erlaubt diesen Vorgang nicht</translation>
    </message>
    <message>
        <source>the endpoint was not found: check the base URL</source>
        <translation>der Endpunkt wurde nicht gefunden: Prüfen Sie die Basis-URL</translation>
    </message>
    <message>
        <source>the server requires authentication: check the API key and secret</source>
        <translation>der Server verlangt eine Anmeldung: Prüfen Sie API-Schlüssel und Secret</translation>
    </message>
    <message>
        <source>the request could not be sent again; usually temporary</source>
        <translation>die Anfrage konnte nicht erneut gesendet werden; meist vorübergehend</translation>
    </message>
    <message>
        <source>the server reported a conflict</source>
        <translation>der Server meldete einen Konflikt</translation>
    </message>
    <message>
        <source>the endpoint no longer exists on the server: check the base URL</source>
        <translation>den Endpunkt gibt es auf dem Server nicht mehr: Prüfen Sie die Basis-URL</translation>
    </message>
    <message>
        <source>the server refused the request</source>
        <translation>der Server hat die Anfrage abgelehnt</translation>
    </message>
    <message>
        <source>the base URL&apos;s scheme is not supported (use https://)</source>
        <translation>das Schema der Basis-URL wird nicht unterstützt (verwenden Sie https://)</translation>
    </message>
    <message>
        <source>the server rejected the request as invalid</source>
        <translation>der Server hat die Anfrage als ungültig abgelehnt</translation>
    </message>
    <message>
        <source>the server&apos;s answer broke the HTTP protocol (a proxy or firewall in between?); usually temporary</source>
        <translation>die Antwort des Servers verletzte das HTTP-Protokoll (ein Proxy oder eine Firewall dazwischen?); meist vorübergehend</translation>
    </message>
    <message>
        <source>the exchange reported an internal error; usually temporary</source>
        <translation>die Börse meldete einen internen Fehler; meist vorübergehend</translation>
    </message>
    <message>
        <source>the server does not implement this request: check the base URL</source>
        <translation>der Server kennt diese Anfrage nicht: Prüfen Sie die Basis-URL</translation>
    </message>
    <message>
        <source>the exchange is unavailable right now; usually temporary</source>
        <translation>die Börse ist gerade nicht erreichbar; meist vorübergehend</translation>
    </message>
    <message>
        <source>the server reported an unknown error; usually temporary</source>
        <translation>der Server meldete einen unbekannten Fehler; meist vorübergehend</translation>
    </message>
    <message>
        <source>network error %1; check the network connection</source>
        <translation>Netzwerkfehler %1; prüfen Sie die Netzwerkverbindung</translation>
    </message>
    <message>
        <source>the server&apos;s answer could not be decoded (its compression is broken, or it expands far beyond any real answer): a proxy in between or the server is misbehaving; usually temporary</source>
        <translation>die Antwort des Servers ließ sich nicht dekodieren (ihre Kompression ist defekt, oder sie entpackt sich weit über jede echte Antwort hinaus): Ein Proxy dazwischen oder der Server verhält sich fehlerhaft; meist vorübergehend</translation>
    </message>
    <message>
        <source>the server&apos;s answer is too large (more than %1 MB, far beyond any account) and was cut off: the base URL may not point at the Binance API, or a proxy in between is misbehaving</source>
        <translation>die Antwort des Servers ist zu groß (mehr als %1 MB, weit über jedem Konto) und wurde abgeschnitten: Die Basis-URL zeigt womöglich nicht auf die Binance-API, oder ein Proxy dazwischen verhält sich fehlerhaft</translation>
    </message>
    <message>
        <source>no complete answer within %1 s: the server kept sending too slowly to finish (the network or the exchange is overloaded, or something in between is stalling the answer); usually temporary</source>
        <translation>keine vollständige Antwort innerhalb von %1 s: Der Server sendete zu langsam, um fertig zu werden (Netzwerk oder Börse sind überlastet, oder etwas dazwischen hält die Antwort auf); meist vorübergehend</translation>
    </message>
    <message>
        <source>the server sent an empty answer; usually temporary</source>
        <translation>der Server schickte eine leere Antwort; meist vorübergehend</translation>
    </message>
    <message>
        <source>the server answered with a web page instead of JSON: a captive portal, a proxy or a wrong base URL answered in the exchange&apos;s place</source>
        <translation>der Server antwortete mit einer Webseite statt mit JSON: Ein Captive Portal, ein Proxy oder eine falsche Basis-URL hat an Stelle der Börse geantwortet</translation>
    </message>
    <message>
        <source>the server&apos;s answer cannot be used (%1); usually temporary (a truncated or corrupted answer), otherwise the API changed</source>
        <translation>die Antwort des Servers ist nicht verwendbar (%1); meist vorübergehend (eine abgeschnittene oder beschädigte Antwort), andernfalls hat sich die API geändert</translation>
    </message>
    <message>
        <source> (the server asked for %1, too short to slow down)</source>
        <translation> (der Server verlangte %1, zu kurz, um die Abfragen zu bremsen)</translation>
    </message>
</context>
<context>
    <name>GuiLauncher</name>
    <message>
        <source>marginwatch</source>
        <translation>marginwatch</translation>
    </message>
</context>
<context>
    <name>HistoryConnection</name>
    <message>
        <source>opening it</source>
        <translation>beim Öffnen</translation>
    </message>
    <message>
        <source>%1 does not accept WAL mode.</source>
        <translation>%1 lässt den WAL-Modus nicht zu.</translation>
    </message>
    <message>
        <source>The history database %1 is damaged (%2).</source>
        <translation>Die Verlaufsdatenbank %1 ist beschädigt (%2).</translation>
    </message>
    <message>
        <source>Database error while %1 (%2): %3</source>
        <translation>Datenbankfehler %1 (%2): %3</translation>
    </message>
</context>
<context>
    <name>HistoryPruner</name>
    <message>
        <source>removing old history</source>
        <translation>beim Entfernen alter Verlaufsdaten</translation>
    </message>
</context>
<context>
    <name>HistoryQueries</name>
    <message>
        <source>reading history</source>
        <translation>beim Lesen des Verlaufs</translation>
    </message>
    <message>
        <source>exporting history</source>
        <translation>beim Exportieren des Verlaufs</translation>
    </message>
</context>
<context>
    <name>HistorySchema</name>
    <message>
        <source>setting up the tables</source>
        <translation>beim Einrichten der Tabellen</translation>
    </message>
    <message>
        <source>%1 was written by a newer version of marginwatch.</source>
        <translation>%1 wurde von einer neueren Version von marginwatch geschrieben.</translation>
    </message>
    <message>
        <source>creating the tables</source>
        <translation>beim Anlegen der Tabellen</translation>
    </message>
    <message>
        <source>upgrading the history to one series per account</source>
        <translation>beim Umstellen des Verlaufs auf eine Reihe je Konto</translation>
    </message>
    <message>
        <source>adding new columns</source>
        <translation>beim Hinzufügen neuer Spalten</translation>
    </message>
</context>
<context>
    <name>HistoryStore</name>
    <message>
        <source>cannot move %1 to %2: %3</source>
        <translation>%1 kann nicht nach %2 verschoben werden: %3</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>n/a</source>
        <translation>k. A.</translation>
    </message>
    <message>
        <source>%1 — Margin balance %2 · Unrealized PnL %3 · Margin ratio %4</source>
        <translation>%1 — Margin-Saldo %2 · Unrealisierter PnL %3 · Margin-Verhältnis %4</translation>
    </message>
</context>
<context>
    <name>KeyPermissionAdvice</name>
    <message>
        <source>This key can move your money out — create a read-only key.</source>
        <translation>Dieser Schlüssel kann Ihr Geld abziehen — erstellen Sie einen Schlüssel nur mit Leserechten.</translation>
    </message>
    <message>
        <source>In Binance&apos;s API Management, delete this key and create a new one with only &quot;Enable Reading&quot; ticked, or edit this key and untick &quot;Enable Withdrawals&quot;.</source>
        <translation>Löschen Sie diesen Schlüssel in der Binance-API-Verwaltung und erstellen Sie einen neuen, bei dem nur „Enable Reading“ angehakt ist, oder bearbeiten Sie diesen Schlüssel und entfernen Sie den Haken bei „Enable Withdrawals“.</translation>
    </message>
    <message>
        <source>&quot;Enable Spot &amp; Margin Trading&quot;</source>
        <translation>„Enable Spot &amp; Margin Trading“</translation>
    </message>
    <message>
        <source>&quot;Enable Margin Loan, Repay &amp; Transfer&quot;</source>
        <translation>„Enable Margin Loan, Repay &amp; Transfer“</translation>
    </message>
    <message>
        <source>&quot;Enable European Options&quot;</source>
        <translation>„Enable European Options“</translation>
    </message>
    <message>
        <source>&quot;Enable FIX API trading&quot;</source>
        <translation>„Enable FIX API trading“</translation>
    </message>
    <message>
        <source>&quot;Permits Internal Transfer&quot;</source>
        <translation>„Permits Internal Transfer“</translation>
    </message>
    <message>
        <source>&quot;Permits Universal Transfer&quot;</source>
        <translation>„Permits Universal Transfer“</translation>
    </message>
    <message>
        <source>&quot;Enable Portfolio Margin Trading&quot;</source>
        <translation>„Enable Portfolio Margin Trading“</translation>
    </message>
    <message>
        <source>A monitor needs none of these: untick %1.</source>
        <translation>Ein Monitor braucht nichts davon: Entfernen Sie den Haken bei %1.</translation>
    </message>
    <message>
        <source>This key can place futures orders. Binance&apos;s documentation says a new key can read with &quot;Enable Reading&quot; alone; some users report that USDⓈ-M account reads need &quot;Enable Futures&quot;. Untick it, press Test connection, and tick it again only if reading then fails.</source>
        <translation>Dieser Schlüssel kann Futures-Orders platzieren. Laut Binance-Dokumentation kann ein neuer Schlüssel schon mit „Enable Reading“ allein lesen; manche Nutzer berichten, dass USDⓈ-M-Kontoabfragen „Enable Futures“ brauchen. Entfernen Sie den Haken, klicken Sie auf „Verbindung testen“ und setzen Sie ihn nur wieder, wenn das Lesen dann fehlschlägt.</translation>
    </message>
    <message>
        <source>Anyone who has this key can use it from any computer: choose &quot;Restrict access to trusted IPs only&quot; and enter this computer&apos;s public IP address.</source>
        <translation>Wer diesen Schlüssel hat, kann ihn von jedem Computer aus nutzen: Wählen Sie „Restrict access to trusted IPs only“ und tragen Sie die öffentliche IP-Adresse dieses Computers ein.</translation>
    </message>
    <message>
        <source>&quot;Enable Reading&quot; is off: marginwatch cannot read the account with this key.</source>
        <translation>„Enable Reading“ ist aus: marginwatch kann das Konto mit diesem Schlüssel nicht lesen.</translation>
    </message>
    <message>
        <source>This key can do more than read: a monitor should have a read-only key.</source>
        <translation>Dieser Schlüssel kann mehr als lesen: Ein Monitor sollte einen Schlüssel nur mit Leserechten haben.</translation>
    </message>
    <message>
        <source>This key is not limited to trusted IP addresses.</source>
        <translation>Dieser Schlüssel ist nicht auf vertrauenswürdige IP-Adressen beschränkt.</translation>
    </message>
    <message>
        <source>This key cannot read the account.</source>
        <translation>Dieser Schlüssel kann das Konto nicht lesen.</translation>
    </message>
    <message>
        <source>Read-only and limited to trusted IP addresses: a safe key for a monitor.</source>
        <translation>Nur Leserechte und auf vertrauenswürdige IP-Adressen beschränkt: ein sicherer Schlüssel für einen Monitor.</translation>
    </message>
    <message>
        <source>warning: this API key can withdraw (enableWithdrawals): it can move your money out — create a read-only key in Binance&apos;s API Management</source>
        <translation>Warnung: Dieser API-Schlüssel kann auszahlen (enableWithdrawals): Er kann Ihr Geld abziehen — erstellen Sie in der Binance-API-Verwaltung einen Schlüssel nur mit Leserechten</translation>
    </message>
    <message>
        <source>Binance Demo Trading has no key-permission endpoint: check the key in Demo Trading&apos;s API Management (its keys cannot reach real funds).</source>
        <translation>Binance Demo-Trading hat keinen Endpunkt für Schlüsselrechte: Prüfen Sie den Schlüssel in der API-Verwaltung von Demo-Trading (seine Schlüssel erreichen kein echtes Geld).</translation>
    </message>
    <message>
        <source>This is a Portfolio Margin account: Binance answers its USDⓈ-M Futures endpoints (/fapi) with -2015 whatever the key may do. Its risk figure is the unified maintenance margin ratio (uniMMR) of /papi/v1/account, not the futures margin ratio.</source>
        <translation>Dies ist ein Portfolio-Margin-Konto: Binance beantwortet die USDⓈ-M-Futures-Endpunkte (/fapi) dafür mit -2015, egal was der Schlüssel darf. Seine Risikokennzahl ist das einheitliche Wartungsmargin-Verhältnis (uniMMR) aus /papi/v1/account, nicht das Futures-Margin-Verhältnis.</translation>
    </message>
</context>
<context>
    <name>KeychainSecretStore</name>
    <message>
        <source>No secret is stored for this profile.</source>
        <translation>Für dieses Profil ist kein Secret gespeichert.</translation>
    </message>
    <message>
        <source>The keychain could not delete the secret</source>
        <translation>Der Schlüsselbund konnte das Secret nicht löschen</translation>
    </message>
    <message>
        <source>Access to the keychain was denied</source>
        <translation>Der Zugriff auf den Schlüsselbund wurde verweigert</translation>
    </message>
    <message>
        <source>The keychain refused access</source>
        <translation>Der Schlüsselbund hat den Zugriff abgelehnt</translation>
    </message>
    <message>
        <source>No keychain service is available on this system</source>
        <translation>Auf diesem System ist kein Schlüsselbund-Dienst verfügbar</translation>
    </message>
    <message>
        <source>The keychain does not support this operation</source>
        <translation>Der Schlüsselbund unterstützt diesen Vorgang nicht</translation>
    </message>
    <message>
        <source>The keychain reported an error</source>
        <translation>Der Schlüsselbund meldete einen Fehler</translation>
    </message>
    <message>
        <source>The OS keychain cannot be used: %1 Secrets are kept in memory until the app quits and will have to be entered again next time.</source>
        <translation>Der Schlüsselbund des Systems ist nicht nutzbar: %1 Secrets bleiben im Speicher, bis die App beendet wird, und müssen beim nächsten Mal erneut eingegeben werden.</translation>
    </message>
</context>
<context>
    <name>MemorySecretStore</name>
    <message>
        <source>No secret is stored for this profile.</source>
        <translation>Für dieses Profil ist kein Secret gespeichert.</translation>
    </message>
    <message>
        <source>The secret cannot be stored: the profile has no identifier.</source>
        <translation>Das Secret kann nicht gespeichert werden: Das Profil hat keine Kennung.</translation>
    </message>
    <message>
        <source>The secret is empty.</source>
        <translation>Das Secret ist leer.</translation>
    </message>
    <message>
        <source>session memory (no keychain available)</source>
        <translation>Sitzungsspeicher (kein Schlüsselbund verfügbar)</translation>
    </message>
</context>
<context>
    <name>Preferences</name>
    <message>
        <source>The warning margin ratio must be above 0 % and at most 100 %.</source>
        <translation>Das Margin-Verhältnis für die Warnung muss über 0 % und höchstens 100 % betragen.</translation>
    </message>
    <message>
        <source>The danger margin ratio must be above 0 % and at most 100 %.</source>
        <translation>Das Margin-Verhältnis für die Gefahr muss über 0 % und höchstens 100 % betragen.</translation>
    </message>
    <message>
        <source>The warning margin ratio must be lower than the danger margin ratio.</source>
        <translation>Das Margin-Verhältnis für die Warnung muss unter dem für die Gefahr liegen.</translation>
    </message>
    <message>
        <source>The stale-data alert must be between 1 second and 24 hours.</source>
        <translation>Der Alarm für veraltete Daten muss zwischen 1 Sekunde und 24 Stunden liegen.</translation>
    </message>
</context>
<context>
    <name>PrivateKeyFile</name>
    <message>
        <source>the private key file is empty</source>
        <translation>die Datei des privaten Schlüssels ist leer</translation>
    </message>
    <message>
        <source>the key is not in PEM format (expected a &apos;-----BEGIN PRIVATE KEY-----&apos; block)</source>
        <translation>der Schlüssel ist nicht im PEM-Format (erwartet wird ein Block „-----BEGIN PRIVATE KEY-----“)</translation>
    </message>
    <message>
        <source>the private key is encrypted with a passphrase; export it unencrypted (PKCS#8) for marginwatch and protect the file&apos;s permissions instead</source>
        <translation>der private Schlüssel ist mit einer Passphrase verschlüsselt; exportieren Sie ihn für marginwatch unverschlüsselt (PKCS#8) und schützen Sie stattdessen die Dateirechte</translation>
    </message>
    <message>
        <source>this is a public key; marginwatch needs the private key (the public one is what you register with Binance)</source>
        <translation>das ist ein öffentlicher Schlüssel; marginwatch braucht den privaten (den öffentlichen hinterlegen Sie bei Binance)</translation>
    </message>
    <message>
        <source>out of memory while reading the private key</source>
        <translation>kein Speicher mehr beim Lesen des privaten Schlüssels</translation>
    </message>
    <message>
        <source>the private key could not be read: the PEM block is damaged or not a supported private key</source>
        <translation>der private Schlüssel ließ sich nicht lesen: Der PEM-Block ist beschädigt oder kein unterstützter privater Schlüssel</translation>
    </message>
    <message>
        <source>unsupported key type: Binance accepts HMAC secrets, RSA and Ed25519 private keys</source>
        <translation>Schlüsseltyp nicht unterstützt: Binance akzeptiert HMAC-Secrets sowie private RSA- und Ed25519-Schlüssel</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>cannot open the private key file (%1)</source>
        <translation>die Datei des privaten Schlüssels lässt sich nicht öffnen (%1)</translation>
    </message>
    <message>
        <source>not a regular file; a private key must be a plain file (not a pipe, device or directory)</source>
        <translation>keine reguläre Datei; ein privater Schlüssel muss eine gewöhnliche Datei sein (keine Pipe, kein Gerät, kein Verzeichnis)</translation>
    </message>
    <message>
        <source>too large to be a private key (a PEM key is a few KB)</source>
        <translation>zu groß für einen privaten Schlüssel (ein PEM-Schlüssel hat wenige KB)</translation>
    </message>
</context>
<context>
    <name>Profile</name>
    <message>
        <source>Enter the server URL for the custom server.</source>
        <translation>Geben Sie die Server-URL für den eigenen Server ein.</translation>
    </message>
    <message>
        <source>The custom server URL is not a valid URL (expected e.g. %1).</source>
        <translation>Die URL des eigenen Servers ist keine gültige URL (erwartet z. B. %1).</translation>
    </message>
    <message>
        <source>Plain http:// is allowed only for a server on this computer (localhost, 127.0.0.1, ::1). Use https:// for %1 so the API key and account data are encrypted.</source>
        <translation>Unverschlüsseltes http:// ist nur für einen Server auf diesem Computer erlaubt (localhost, 127.0.0.1, ::1). Verwenden Sie https:// für %1, damit API-Schlüssel und Kontodaten verschlüsselt übertragen werden.</translation>
    </message>
    <message>
        <source>The custom server URL must start with https://.</source>
        <translation>Die URL des eigenen Servers muss mit https:// beginnen.</translation>
    </message>
    <message>
        <source>The custom server URL must not contain a user name or password.</source>
        <translation>Die URL des eigenen Servers darf keinen Benutzernamen und kein Passwort enthalten.</translation>
    </message>
    <message>
        <source>The profile has no identifier (internal error; create the profile again).</source>
        <translation>Das Profil hat keine Kennung (interner Fehler; legen Sie das Profil neu an).</translation>
    </message>
    <message>
        <source>Give the profile a name.</source>
        <translation>Geben Sie dem Profil einen Namen.</translation>
    </message>
    <message>
        <source>Choose the %1 private key file (PEM).</source>
        <translation>Wählen Sie die Datei mit dem privaten %1-Schlüssel (PEM).</translation>
    </message>
    <message>
        <source>The private key file %1 does not exist or cannot be read.</source>
        <translation>Die Schlüsseldatei %1 existiert nicht oder ist nicht lesbar.</translation>
    </message>
    <message>
        <source>The refresh interval must be between 1 second and 1 hour.</source>
        <translation>Das Abfrageintervall muss zwischen 1 Sekunde und 1 Stunde liegen.</translation>
    </message>
    <message>
        <source>The receive window must be between 1 and 60000 ms (Binance rejects larger values).</source>
        <translation>Das Empfangsfenster (recvWindow) muss zwischen 1 und 60000 ms liegen (Binance lehnt größere Werte ab).</translation>
    </message>
    <message>
        <source>Enter the proxy host.</source>
        <translation>Geben Sie den Proxy-Host ein.</translation>
    </message>
    <message>
        <source>Enter the proxy port.</source>
        <translation>Geben Sie den Proxy-Port ein.</translation>
    </message>
</context>
<context>
    <name>RequestSigner</name>
    <message>
        <source>the API secret is empty</source>
        <translation>das API-Secret ist leer</translation>
    </message>
    <message>
        <source>the private key is empty</source>
        <translation>der private Schlüssel ist leer</translation>
    </message>
    <message>
        <source>a PEM private key was given as an HMAC secret; choose the RSA or Ed25519 key type</source>
        <translation>ein privater PEM-Schlüssel wurde als HMAC-Secret angegeben; wählen Sie den Schlüsseltyp RSA oder Ed25519</translation>
    </message>
    <message>
        <source>the private key is an %1 key, not %2 as configured</source>
        <translation>der private Schlüssel ist ein %1-Schlüssel, nicht %2 wie eingestellt</translation>
    </message>
</context>
<context>
    <name>ServerClock</name>
    <message>
        <source>time: the server&apos;s time (%1) is more than a day away from this computer&apos;s clock (%2); either this computer&apos;s date is wrong (turn on automatic time synchronisation) or the base URL is not a Binance API</source>
        <translation>Zeit: Die Serverzeit (%1) liegt mehr als einen Tag neben der Uhr dieses Computers (%2); entweder ist das Datum dieses Computers falsch (schalten Sie die automatische Zeitsynchronisierung ein) oder die Basis-URL ist keine Binance-API</translation>
    </message>
    <message>
        <source>local clock agrees with the server</source>
        <translation>die lokale Uhr stimmt mit dem Server überein</translation>
    </message>
    <message>
        <source>local clock is %1 s behind the server</source>
        <translation>die lokale Uhr geht %1 s gegenüber dem Server nach</translation>
    </message>
    <message>
        <source>local clock is %1 s ahead of the server</source>
        <translation>die lokale Uhr geht %1 s gegenüber dem Server vor</translation>
    </message>
</context>
<context>
    <name>SessionFactory</name>
    <message>
        <source>The built-in simulator could not start: %1</source>
        <translation>Der eingebaute Simulator konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>Simulator</source>
        <translation>Simulator</translation>
    </message>
    <message>
        <source>Account from the environment</source>
        <translation>Konto aus den Umgebungsvariablen</translation>
    </message>
    <message>
        <source>No OS keychain is available, so the API secret of “%1” could not be kept. Enter it to watch the account.</source>
        <translation>Es ist kein Schlüsselbund des Systems verfügbar, daher konnte das API-Secret von „%1“ nicht aufbewahrt werden. Geben Sie es ein, um das Konto zu überwachen.</translation>
    </message>
    <message>
        <source>The API secret of “%1” is not stored. Enter it to watch the account.</source>
        <translation>Das API-Secret von „%1“ ist nicht gespeichert. Geben Sie es ein, um das Konto zu überwachen.</translation>
    </message>
    <message>
        <source>The API secret of “%1” could not be read: %2</source>
        <translation>Das API-Secret von „%1“ konnte nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Accounts</source>
        <translation>&amp;Konten</translation>
    </message>
    <message>
        <source>Use a &lt;b&gt;read-only&lt;/b&gt; API key: in Binance API Management enable &lt;i&gt;Reading&lt;/i&gt; (Futures) and nothing else, and restrict it to your IP address. marginwatch never trades or withdraws. The selected profile is the one watched.</source>
        <translation>Verwenden Sie einen API-Schlüssel &lt;b&gt;nur mit Leserechten&lt;/b&gt;: Aktivieren Sie in der Binance-API-Verwaltung nur &lt;i&gt;Lesen&lt;/i&gt; (Futures) und beschränken Sie ihn auf Ihre IP-Adresse. marginwatch handelt nie und zahlt nie aus. Überwacht wird das ausgewählte Profil.</translation>
    </message>
    <message>
        <source>A&amp;dd</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>https://testnet.binancefuture.com</source>
        <translation>https://testnet.binancefuture.com</translation>
    </message>
    <message>
        <source>&amp;Key type:</source>
        <translation>Schlüssel&amp;typ:</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API-S&amp;chlüssel:</translation>
    </message>
    <message>
        <source>&amp;Secret:</source>
        <translation>S&amp;ecret:</translation>
    </message>
    <message>
        <source>Private key &amp;file:</source>
        <translation>Privater Schlüssel (&amp;Datei):</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>Du&amp;rchsuchen…</translation>
    </message>
    <message>
        <source>&amp;Poll every:</source>
        <translation>&amp;Abfrage alle:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>&amp;recvWindow:</source>
        <translation>&amp;recvWindow:</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Pro&amp;xy:</source>
        <translation>Pro&amp;xy:</translation>
    </message>
    <message>
        <source>Proxy &amp;host:</source>
        <translation>Proxy-&amp;Host:</translation>
    </message>
    <message>
        <source>Proxy &amp;user:</source>
        <translation>Proxy-&amp;Benutzer:</translation>
    </message>
    <message>
        <source>Proxy pass&amp;word:</source>
        <translation>Proxy-Pass&amp;wort:</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>A&amp;lerts</source>
        <translation>A&amp;larme</translation>
    </message>
    <message>
        <source>&amp;Warn at margin ratio:</source>
        <translation>&amp;Warnung ab Margin-Verhältnis:</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>&amp;Danger at margin ratio:</source>
        <translation>&amp;Gefahr ab Margin-Verhältnis:</translation>
    </message>
    <message>
        <source>Alert when data is stale for:</source>
        <translation>Alarm, wenn die Daten veraltet sind seit:</translation>
    </message>
    <message>
        <source>Play a &amp;sound with alerts</source>
        <translation>Bei Alarmen einen &amp;Ton abspielen</translation>
    </message>
    <message>
        <source>&amp;Keep watching in the system tray when the window is closed</source>
        <translation>Nach dem Schließen des Fensters im Infobereich &amp;weiter überwachen</translation>
    </message>
    <message>
        <source>Start at &amp;login, minimized to the tray</source>
        <translation>Bei der &amp;Anmeldung starten, minimiert im Infobereich</translation>
    </message>
    <message>
        <source>The margin ratio is maintenance margin ÷ margin balance; at 100 % positions are liquidated. An alert fires once per crossing and re-arms only after the ratio falls 2 points below the threshold.</source>
        <translation>Das Margin-Verhältnis ist Wartungsmargin ÷ Margin-Saldo; bei 100 % werden Positionen liquidiert. Ein Alarm kommt einmal je Überschreitung und wird erst wieder scharf, wenn das Verhältnis 2 Punkte unter die Schwelle fällt.</translation>
    </message>
    <message>
        <source>A&amp;ppearance</source>
        <translation>&amp;Darstellung</translation>
    </message>
    <message>
        <source>T&amp;heme:</source>
        <translation>Desi&amp;gn:</translation>
    </message>
    <message>
        <source>Hide assets with zero &amp;balances</source>
        <translation>Assets ohne &amp;Guthaben ausblenden</translation>
    </message>
    <message>
        <source>Hide &amp;closed positions</source>
        <translation>Geschlossene &amp;Positionen ausblenden</translation>
    </message>
</context>
<context>
    <name>SignedRequestBuilder</name>
    <message>
        <source>the request could not be signed (the cryptographic library failed)</source>
        <translation>die Anfrage konnte nicht signiert werden (die Kryptografie-Bibliothek ist fehlgeschlagen)</translation>
    </message>
</context>
<context>
    <name>StreamEndpoints</name>
    <message>
        <source>the stream URL is not a valid URL (expected e.g. %1)</source>
        <translation>die Stream-URL ist keine gültige URL (erwartet z. B. %1)</translation>
    </message>
    <message>
        <source>the stream URL must not contain a user name or password</source>
        <translation>die Stream-URL darf keinen Benutzernamen und kein Passwort enthalten</translation>
    </message>
    <message>
        <source>the stream URL must start with wss:// (it starts with %1://)</source>
        <translation>die Stream-URL muss mit wss:// beginnen (sie beginnt mit %1://)</translation>
    </message>
    <message>
        <source>plain ws:// is accepted only for this computer; use wss:// for %1</source>
        <translation>unverschlüsseltes ws:// ist nur für diesen Computer erlaubt; verwenden Sie wss:// für %1</translation>
    </message>
</context>
<context>
    <name>StreamEvents</name>
    <message>
        <source>is not text</source>
        <translation>ist kein Text</translation>
    </message>
    <message>
        <source>is too long</source>
        <translation>ist zu lang</translation>
    </message>
    <message>
        <source>is not a decimal string</source>
        <translation>ist keine Dezimalzahl als Text</translation>
    </message>
    <message>
        <source>is not a decimal number</source>
        <translation>ist keine Dezimalzahl</translation>
    </message>
    <message>
        <source>is not a whole number in range</source>
        <translation>ist keine ganze Zahl im gültigen Bereich</translation>
    </message>
    <message>
        <source>is not true or false</source>
        <translation>ist weder true noch false</translation>
    </message>
    <message>
        <source>is not a list</source>
        <translation>ist keine Liste</translation>
    </message>
    <message>
        <source>has too many entries</source>
        <translation>hat zu viele Einträge</translation>
    </message>
    <message>
        <source>is not an object</source>
        <translation>ist kein Objekt</translation>
    </message>
    <message>
        <source>%1: field &quot;%2&quot; %3</source>
        <translation>%1: Feld „%2“ %3</translation>
    </message>
    <message>
        <source>holds an entry that is not an object</source>
        <translation>enthält einen Eintrag, der kein Objekt ist</translation>
    </message>
    <message>
        <source>is not BOTH, LONG or SHORT</source>
        <translation>ist weder BOTH noch LONG noch SHORT</translation>
    </message>
    <message>
        <source>is not a leverage from 1 to 125</source>
        <translation>ist kein Hebel von 1 bis 125</translation>
    </message>
    <message>
        <source>and &quot;ai&quot; are both missing</source>
        <translation>und „ai“ fehlen beide</translation>
    </message>
    <message>
        <source>a stream frame is not valid JSON: %1</source>
        <translation>ein Stream-Frame ist kein gültiges JSON: %1</translation>
    </message>
    <message>
        <source>a stream answer has no usable id</source>
        <translation>eine Stream-Antwort hat keine brauchbare ID</translation>
    </message>
    <message>
        <source>the stream refused a request</source>
        <translation>der Stream hat eine Anfrage abgelehnt</translation>
    </message>
    <message>
        <source>a user-data event is not a JSON object</source>
        <translation>ein User-Data-Ereignis ist kein JSON-Objekt</translation>
    </message>
    <message>
        <source>user-data event</source>
        <translation>User-Data-Ereignis</translation>
    </message>
    <message>
        <source>a mark-price frame is neither an object nor a list</source>
        <translation>ein Markpreis-Frame ist weder Objekt noch Liste</translation>
    </message>
    <message>
        <source>a mark-price frame has too many entries</source>
        <translation>ein Markpreis-Frame hat zu viele Einträge</translation>
    </message>
    <message>
        <source>a mark-price entry is not an object</source>
        <translation>ein Markpreis-Eintrag ist kein Objekt</translation>
    </message>
    <message>
        <source>mark price</source>
        <translation>Markpreis</translation>
    </message>
    <message>
        <source>is not markPriceUpdate</source>
        <translation>ist nicht markPriceUpdate</translation>
    </message>
    <message>
        <source>mark price of %1 is not positive</source>
        <translation>der Markpreis von %1 ist nicht positiv</translation>
    </message>
</context>
<context>
    <name>StressModel</name>
    <message>
        <source>The leverage brackets could not be read: %1</source>
        <translation>Die Hebelstufen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The leverage brackets have not been fetched yet.</source>
        <translation>Die Hebelstufen wurden noch nicht abgerufen.</translation>
    </message>
    <message>
        <source>The mark and entry prices of %1 are not known yet.</source>
        <translation>Markpreis und Einstiegspreis von %1 sind noch nicht bekannt.</translation>
    </message>
    <message>
        <source>The leverage brackets do not list %1.</source>
        <translation>Die Hebelstufen führen %1 nicht auf.</translation>
    </message>
    <message>
        <source>The unrealized profits are too large to add up.</source>
        <translation>Die unrealisierten PnL sind zu groß, um sie zu addieren.</translation>
    </message>
    <message>
        <source>Left out (not margined in USDT, so not in the USDT totals): %1.</source>
        <translation>Nicht berücksichtigt (nicht in USDT margined, daher nicht in den USDT-Summen): %1.</translation>
    </message>
    <message>
        <source>Multi-assets mode: %1 counted at today&apos;s value after Binance&apos;s haircut; the haircut rates and the collateral&apos;s own price moves are not modelled.</source>
        <translation>Multi-Assets-Modus: %1 zum heutigen Wert nach dem Haircut von Binance gezählt; die Haircut-Sätze und die eigenen Kursbewegungen der Sicherheiten werden nicht modelliert.</translation>
    </message>
    <message>
        <source>The figures at this shock are too large to compute exactly.</source>
        <translation>Die Zahlen bei diesem Schock sind zu groß, um sie exakt zu berechnen.</translation>
    </message>
</context>
<context>
    <name>UserDataStream</name>
    <message>
        <source>the stream refused the listen key: %1</source>
        <translation>der Stream hat den Listen-Key abgelehnt: %1</translation>
    </message>
</context>
<context>
    <name>marginwatch::AccountTableView</name>
    <message>
        <source>Reset columns</source>
        <translation>Spalten zurücksetzen</translation>
    </message>
</context>
<context>
    <name>marginwatch::AccountWindow</name>
    <message>
        <source>Export snapshot</source>
        <translation>Snapshot exportieren</translation>
    </message>
    <message>
        <source>CSV file stem (three files are written)</source>
        <translation>Stamm der CSV-Dateinamen (drei Dateien werden geschrieben)</translation>
    </message>
    <message>
        <source>The key&apos;s permissions could not be read: %1</source>
        <translation>Die Rechte des Schlüssels konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Open Settings (Ctrl+,) to fix the profile, or watch the simulator.</source>
        <translation>Öffnen Sie die Einstellungen (Strg+,), um das Profil zu korrigieren, oder beobachten Sie den Simulator.</translation>
    </message>
    <message>
        <source>marginwatch</source>
        <translation>marginwatch</translation>
    </message>
    <message>
        <source>%1 — %2 — marginwatch</source>
        <translation>%1 — %2 — marginwatch</translation>
    </message>
    <message>
        <source>Hide closed positions</source>
        <translation>Geschlossene Positionen ausblenden</translation>
    </message>
    <message>
        <source>&amp;Positions</source>
        <translation>&amp;Positionen</translation>
    </message>
    <message>
        <source>Hide zero balances</source>
        <translation>Nullsalden ausblenden</translation>
    </message>
    <message>
        <source>&amp;Assets</source>
        <translation>&amp;Assets</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Verlauf</translation>
    </message>
    <message>
        <source>S&amp;tress</source>
        <translation>S&amp;tresstest</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Export snapshot…</source>
        <translation>Snapshot &amp;exportieren…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>E&amp;instellungen…</translation>
    </message>
    <message>
        <source>&amp;Close window</source>
        <translation>Fenster &amp;schließen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Refresh now</source>
        <translation>&amp;Jetzt aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Pause updates</source>
        <translation>Aktualisierung &amp;pausieren</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Design</translation>
    </message>
    <message>
        <source>Follow &amp;system</source>
        <translation>&amp;System folgen</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>&amp;Konto</translation>
    </message>
    <message>
        <source>&amp;Add your account…</source>
        <translation>Eigenes Konto &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>Watch the &amp;simulator</source>
        <translation>&amp;Simulator beobachten</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About marginwatch</source>
        <translation>Ü&amp;ber marginwatch</translation>
    </message>
    <message>
        <source>About marginwatch</source>
        <translation>Über marginwatch</translation>
    </message>
    <message>
        <source>&lt;b&gt;marginwatch %1&lt;/b&gt;&lt;p&gt;A monitor for Binance USDⓈ-M Futures accounts: balances, margin and positions, live.&lt;/p&gt;&lt;p&gt;Use a read-only API key: marginwatch never trades.&lt;/p&gt;&lt;p&gt;Licensed under the GPL, version 3 or later.&lt;/p&gt;</source>
        <translation>&lt;b&gt;marginwatch %1&lt;/b&gt;&lt;p&gt;Ein Monitor für Binance-USDⓈ-M-Futures-Konten: Guthaben, Margin und Positionen, live.&lt;/p&gt;&lt;p&gt;Verwenden Sie einen API-Schlüssel nur mit Leserechten: marginwatch handelt nie.&lt;/p&gt;&lt;p&gt;Lizenziert unter der GPL, Version 3 oder später.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>&amp;Show marginwatch</source>
        <translation>marginwatch &amp;anzeigen</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>Follow the &amp;system</source>
        <translation>&amp;Systemsprache</translation>
    </message>
    <message>
        <source>English</source>
        <extracomment>The name of the English language in English: keep it as it is.</extracomment>
        <translation>English</translation>
    </message>
    <message>
        <source>Deutsch</source>
        <extracomment>The name of the German language in German: keep it as it is.</extracomment>
        <translation>Deutsch</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The new language is used from the next start of marginwatch.</source>
        <translation>Die neue Sprache gilt ab dem nächsten Start von marginwatch.</translation>
    </message>
    <message>
        <source>marginwatch keeps watching</source>
        <translation>marginwatch überwacht weiter</translation>
    </message>
    <message>
        <source>The window is closed, the monitor and its alerts go on in the tray. Quit from the tray menu or with Ctrl+Q; Settings → Alerts turns this off.</source>
        <translation>Das Fenster ist geschlossen, die Überwachung und ihre Alarme laufen im Infobereich weiter. Beenden über das Menü im Infobereich oder mit Strg+Q; unter Einstellungen → Alarme lässt sich das abschalten.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Settings are not available in this window.</source>
        <translation>In diesem Fenster sind keine Einstellungen verfügbar.</translation>
    </message>
    <message>
        <source>Nothing to export yet.</source>
        <translation>Noch nichts zu exportieren.</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Exported %1-totals.csv, -assets.csv and -positions.csv</source>
        <translation>%1-totals.csv, -assets.csv und -positions.csv exportiert</translation>
    </message>
    <message>
        <source>marginwatch shows the account from /papi/v1/account instead.</source>
        <translation>marginwatch zeigt stattdessen das Konto aus /papi/v1/account.</translation>
    </message>
    <message>
        <source>Accounts overview</source>
        <translation>Kontenübersicht</translation>
    </message>
    <message>
        <source>&amp;Accounts overview</source>
        <translation>&amp;Kontenübersicht</translation>
    </message>
</context>
<context>
    <name>marginwatch::AccountsOverviewModel</name>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Danger</source>
        <translation>Gefahr</translation>
    </message>
    <message>
        <source>Stale</source>
        <translation>Veraltet</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>waiting for data</source>
        <translation>wartet auf Daten</translation>
    </message>
    <message>
        <source>stale, %1 s old</source>
        <translation>veraltet, %1 s alt</translation>
    </message>
    <message>
        <source>ok, %1 s old</source>
        <translation>ok, %1 s alt</translation>
    </message>
    <message>
        <source>Multi-assets</source>
        <translation>Multi-Assets</translation>
    </message>
    <message>
        <source>Single-asset</source>
        <translation>Single-Asset</translation>
    </message>
    <message>
        <source>liquidation</source>
        <translation>Liquidation</translation>
    </message>
    <message>
        <source>not summed: the accounts count in different units (%1)</source>
        <translation>nicht summiert: die Konten rechnen in verschiedenen Einheiten (%1)</translation>
    </message>
    <message>
        <source>not summed: an account&apos;s unit is not known yet</source>
        <translation>nicht summiert: die Einheit eines Kontos ist noch nicht bekannt</translation>
    </message>
    <message>
        <source>All accounts</source>
        <translation>Alle Konten</translation>
    </message>
    <message numerus="yes">
        <source>%n account(s)</source>
        <translation>
            <numerusform>ein Konto</numerusform>
            <numerusform>%n Konten</numerusform>
        </translation>
    </message>
    <message>
        <source>not summed</source>
        <translation>nicht summiert</translation>
    </message>
    <message numerus="yes">
        <source>the sum over %n account(s) with data</source>
        <translation>
            <numerusform>die Summe über ein Konto mit Daten</numerusform>
            <numerusform>die Summe über %n Konten mit Daten</numerusform>
        </translation>
    </message>
    <message>
        <source>total maintenance margin / total margin balance of the accounts with data</source>
        <translation>gesamte Wartungsmargin / gesamter Margin-Saldo der Konten mit Daten</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Margin balance</source>
        <translation>Margin-Saldo</translation>
    </message>
    <message>
        <source>Unrealized PnL</source>
        <translation>Unrealisierter PnL</translation>
    </message>
    <message>
        <source>Margin ratio</source>
        <translation>Margin-Verhältnis</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>Positions</source>
        <translation>Positionen</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
</context>
<context>
    <name>marginwatch::AccountsOverviewPanel</name>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Profile:</source>
        <translation>Profil:</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Export the overview to CSV (Ctrl+E while the overview has the focus)</source>
        <translation>Die Übersicht als CSV exportieren (Strg+E, während die Übersicht den Fokus hat)</translation>
    </message>
    <message>
        <source>Export the accounts overview</source>
        <translation>Kontenübersicht exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>marginwatch::AccountsWatch</name>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>opening…</source>
        <translation>wird geöffnet…</translation>
    </message>
    <message>
        <source>%1 could not be opened</source>
        <translation>%1 konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <source>%1: updates stopped</source>
        <translation>%1: Aktualisierung angehalten</translation>
    </message>
    <message>
        <source>%1: margin ratio in danger: %2</source>
        <translation>%1: Margin-Verhältnis in Gefahr: %2</translation>
    </message>
    <message>
        <source>%1: the margin ratio reached %2. At 100 % positions are liquidated.</source>
        <translation>%1: Das Margin-Verhältnis hat %2 erreicht. Bei 100 % werden Positionen liquidiert.</translation>
    </message>
    <message>
        <source>%1: margin ratio warning: %2</source>
        <translation>%1: Warnung Margin-Verhältnis: %2</translation>
    </message>
    <message>
        <source>%1: margin ratio below danger: %2</source>
        <translation>%1: Margin-Verhältnis unter der Gefahrenschwelle: %2</translation>
    </message>
    <message>
        <source>%1: the margin ratio is %2.</source>
        <translation>%1: Das Margin-Verhältnis beträgt %2.</translation>
    </message>
    <message>
        <source>%1: margin ratio back to normal: %2</source>
        <translation>%1: Margin-Verhältnis wieder normal: %2</translation>
    </message>
    <message>
        <source>%1: the margin ratio fell back to %2.</source>
        <translation>%1: Das Margin-Verhältnis ist auf %2 zurückgegangen.</translation>
    </message>
    <message>
        <source>1 account · %1 weight/min of budget %2</source>
        <translation>1 Konto · %1 Gewicht/min von Budget %2</translation>
    </message>
    <message numerus="yes">
        <source>%n accounts · %1 weight/min of budget %2</source>
        <translation>
            <numerusform>%n Konto · %1 Gewicht/min von Budget %2</numerusform>
            <numerusform>%n Konten · %1 Gewicht/min von Budget %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>marginwatch::ConnectionStatusBar</name>
    <message>
        <source>Idle</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Synchronising clock…</source>
        <translation>Uhr wird synchronisiert…</translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation>Aktualisiere…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>Retrying</source>
        <translation>Neuer Versuch</translation>
    </message>
    <message>
        <source>Rate limited</source>
        <translation>Rate-Limit erreicht</translation>
    </message>
    <message>
        <source>Banned by the exchange</source>
        <translation>Von der Börse gesperrt</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Connection state</source>
        <translation>Verbindungsstatus</translation>
    </message>
    <message>
        <source>Age of the figures shown</source>
        <translation>Alter der angezeigten Zahlen</translation>
    </message>
    <message>
        <source>Duration of the last request</source>
        <translation>Dauer der letzten Anfrage</translation>
    </message>
    <message>
        <source>Request weight used in the current minute</source>
        <translation>In der laufenden Minute verbrauchtes Request-Gewicht</translation>
    </message>
    <message>
        <source>Request weight used in the current minute (X-MBX-USED-WEIGHT-1M) and the limit.</source>
        <translation>In der laufenden Minute verbrauchtes Request-Gewicht (X-MBX-USED-WEIGHT-1M) und das Limit.</translation>
    </message>
    <message>
        <source>Clock offset to the exchange</source>
        <translation>Zeitversatz zur Börse</translation>
    </message>
    <message>
        <source>Server clock minus this computer&apos;s clock; signed requests are corrected by it.</source>
        <translation>Serveruhr minus Uhr dieses Computers; signierte Anfragen werden darum korrigiert.</translation>
    </message>
    <message>
        <source>Time until the next request</source>
        <translation>Zeit bis zur nächsten Anfrage</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>no data yet</source>
        <translation>noch keine Daten</translation>
    </message>
    <message>
        <source>stale — last update %1 ago</source>
        <translation>veraltet — letzte Aktualisierung vor %1</translation>
    </message>
    <message>
        <source>updated %1 ago</source>
        <translation>aktualisiert vor %1</translation>
    </message>
    <message>
        <source>latency %1 ms</source>
        <translation>Latenz %1 ms</translation>
    </message>
    <message>
        <source>weight %1 / %2</source>
        <translation>Gewicht %1 / %2</translation>
    </message>
    <message>
        <source>clock offset %1 s</source>
        <translation>Zeitversatz %1 s</translation>
    </message>
    <message>
        <source>paused for %1</source>
        <translation>pausiert, noch %1</translation>
    </message>
    <message>
        <source>next in %1</source>
        <translation>nächste in %1</translation>
    </message>
    <message>
        <source>Live (event %1 ago)</source>
        <translation>Live (Ereignis vor %1)</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <source>Polling (%1)</source>
        <translation>Abfrage (%1)</translation>
    </message>
    <message>
        <source>Live mode: the user-data and mark-price streams, reconciled with REST every minute.</source>
        <translation>Live-Modus: die Streams für Kontodaten und Markpreise, jede Minute mit REST abgeglichen.</translation>
    </message>
    <message>
        <source>Self-check: the locally computed margin ratio was at most %1 percentage points off the exchange&apos;s at %2 reconciliations.</source>
        <translation>Selbstprüfung: das lokal berechnete Margin-Verhältnis wich bei %2 Abgleichen höchstens %1 Prozentpunkte von dem der Börse ab.</translation>
    </message>
    <message>
        <source>%1 per minute</source>
        <translation>%1 pro Minute</translation>
    </message>
</context>
<context>
    <name>marginwatch::HistoryStore</name>
    <message>
        <source>History is off: cannot create the folder %1.</source>
        <translation>Verlauf ist aus: Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>The history database %1 is damaged (it is not a database).</source>
        <translation>Die Verlaufsdatenbank %1 ist beschädigt (sie ist keine Datenbank).</translation>
    </message>
    <message>
        <source>History is off: %1</source>
        <translation>Verlauf ist aus: %1</translation>
    </message>
    <message>
        <source>History is off: %1 It could not be moved aside: %2</source>
        <translation>Verlauf ist aus: %1 Sie konnte nicht beiseitegelegt werden: %2</translation>
    </message>
    <message>
        <source>The history database was damaged. It was moved to %1 and a new one was started.</source>
        <translation>Die Verlaufsdatenbank war beschädigt. Sie wurde nach %1 verschoben und eine neue wurde begonnen.</translation>
    </message>
    <message>
        <source>History is off.</source>
        <translation>Verlauf ist aus.</translation>
    </message>
    <message>
        <source>cannot export to %1: %2</source>
        <translation>Export nach %1 nicht möglich: %2</translation>
    </message>
</context>
<context>
    <name>marginwatch::HistoryView</name>
    <message>
        <source>Export range…</source>
        <translation>Zeitraum exportieren…</translation>
    </message>
    <message>
        <source>Range:</source>
        <translation>Zeitraum:</translation>
    </message>
    <message>
        <source>15 min</source>
        <translation>15 min</translation>
    </message>
    <message>
        <source>1 h</source>
        <translation>1 h</translation>
    </message>
    <message>
        <source>24 h</source>
        <translation>24 h</translation>
    </message>
    <message>
        <source>7 d</source>
        <translation>7 T</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alles</translation>
    </message>
    <message>
        <source>Each account&apos;s history is kept apart.</source>
        <translation>Der Verlauf jedes Kontos wird getrennt geführt.</translation>
    </message>
    <message>
        <source>Margin balance</source>
        <translation>Margin-Saldo</translation>
    </message>
    <message>
        <source>Unrealized PnL</source>
        <translation>Unrealisierter PnL</translation>
    </message>
    <message>
        <source>Margin ratio (%)</source>
        <translation>Margin-Verhältnis (%)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Earlier history (before accounts were kept apart)</source>
        <translation>Älterer Verlauf (bevor Konten getrennt wurden)</translation>
    </message>
    <message>
        <source>%1 (this session)</source>
        <translation>%1 (diese Sitzung)</translation>
    </message>
    <message>
        <source>%1 (last %2)</source>
        <translation>%1 (zuletzt %2)</translation>
    </message>
    <message>
        <source>No history yet: every poll of this account adds a point.</source>
        <translation>Noch kein Verlauf: Jede Abfrage dieses Kontos fügt einen Punkt hinzu.</translation>
    </message>
    <message>
        <source>No history in this range yet: every poll adds a point.</source>
        <translation>Noch kein Verlauf in diesem Zeitraum: Jede Abfrage fügt einen Punkt hinzu.</translation>
    </message>
    <message>
        <source>No history in this range for this account.</source>
        <translation>Kein Verlauf in diesem Zeitraum für dieses Konto.</translation>
    </message>
    <message>
        <source>History is not being recorded.</source>
        <translation>Der Verlauf wird nicht aufgezeichnet.</translation>
    </message>
    <message>
        <source>The built-in simulator&apos;s made-up numbers are not recorded: this tab shows the history of your own accounts.</source>
        <translation>Die erfundenen Zahlen des eingebauten Simulators werden nicht aufgezeichnet: Dieser Tab zeigt den Verlauf Ihrer eigenen Konten.</translation>
    </message>
    <message>
        <source>Nothing recorded yet.</source>
        <translation>Noch nichts aufgezeichnet.</translation>
    </message>
    <message>
        <source>Export history range</source>
        <translation>Verlaufszeitraum exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Exported to %1-totals.csv, -assets.csv and -positions.csv.</source>
        <translation>Exportiert nach %1-totals.csv, -assets.csv und -positions.csv.</translation>
    </message>
</context>
<context>
    <name>marginwatch::HistoryWriter</name>
    <message>
        <source>storing history</source>
        <translation>beim Speichern des Verlaufs</translation>
    </message>
    <message>
        <source>the account row could not be read back</source>
        <translation>die Kontozeile ließ sich nicht zurücklesen</translation>
    </message>
</context>
<context>
    <name>marginwatch::KeySafetyLabel</name>
    <message>
        <source>Key can withdraw</source>
        <translation>Schlüssel kann auszahlen</translation>
    </message>
    <message>
        <source>Key is not read-only</source>
        <translation>Schlüssel nicht nur lesend</translation>
    </message>
    <message>
        <source>Read-only key</source>
        <translation>Nur-Lese-Schlüssel</translation>
    </message>
    <message>
        <source>Key not checked</source>
        <translation>Schlüssel nicht geprüft</translation>
    </message>
</context>
<context>
    <name>marginwatch::LiveAccount</name>
    <message>
        <source>the exchange answered the listen-key request without a usable key</source>
        <translation>die Börse hat die Listen-Key-Anfrage ohne brauchbaren Schlüssel beantwortet</translation>
    </message>
    <message>
        <source>connecting to the stream</source>
        <translation>verbinde mit dem Stream</translation>
    </message>
    <message>
        <source>the user-data stream sends nothing (%1)</source>
        <translation>der Kontodaten-Stream sendet nichts (%1)</translation>
    </message>
    <message>
        <source>the user-data stream ended (%1)</source>
        <translation>der Kontodaten-Stream wurde beendet (%1)</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <source>no listen key: %1</source>
        <translation>kein Listen-Key: %1</translation>
    </message>
    <message>
        <source>the listen key expired</source>
        <translation>der Listen-Key ist abgelaufen</translation>
    </message>
    <message>
        <source>keeping the listen key alive failed: %1</source>
        <translation>den Listen-Key am Leben zu halten ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>no mark price for %1 s</source>
        <translation>seit %1 s kein Markpreis</translation>
    </message>
</context>
<context>
    <name>marginwatch::PortfolioMarginFetcher</name>
    <message>
        <source>Binance Demo Trading has no Portfolio Margin accounts.</source>
        <translation>Binance Demo-Trading hat keine Portfolio-Margin-Konten.</translation>
    </message>
    <message>
        <source>the request could not be signed; check the key settings</source>
        <translation>die Anfrage konnte nicht signiert werden; prüfen Sie die Schlüsseleinstellungen</translation>
    </message>
</context>
<context>
    <name>marginwatch::ProblemBanner</name>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Why the figures are not updating, and what to do</source>
        <translation>Warum sich die Zahlen nicht aktualisieren und was zu tun ist</translation>
    </message>
    <message>
        <source>The problem</source>
        <translation>Das Problem</translation>
    </message>
    <message>
        <source>Technical details of the problem</source>
        <translation>Technische Einzelheiten des Problems</translation>
    </message>
    <message>
        <source>&amp;Retry now</source>
        <translation>&amp;Jetzt erneut versuchen</translation>
    </message>
    <message>
        <source>Send one request now (F5).</source>
        <translation>Jetzt eine Anfrage senden (F5).</translation>
    </message>
    <message>
        <source>code %1</source>
        <translation>Code %1</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
</context>
<context>
    <name>marginwatch::SecretPromptDialog</name>
    <message>
        <source>API secret of “%1”</source>
        <translation>API-Secret von „%1“</translation>
    </message>
    <message>
        <source>API secret</source>
        <translation>API-Secret</translation>
    </message>
    <message>
        <source>&amp;Save it in the OS keychain</source>
        <translation>Im &amp;Schlüsselbund des Systems speichern</translation>
    </message>
    <message>
        <source>&amp;Remember for this session</source>
        <translation>Für diese &amp;Sitzung merken</translation>
    </message>
    <message>
        <source>Stored in the OS keychain, never in the settings file.</source>
        <translation>Wird im Schlüsselbund des Systems gespeichert, nie in der Einstellungsdatei.</translation>
    </message>
    <message>
        <source>Kept in memory until marginwatch quits; never written to a file.</source>
        <translation>Bleibt im Speicher, bis marginwatch beendet wird; wird nie in eine Datei geschrieben.</translation>
    </message>
    <message>
        <source>&amp;Watch</source>
        <translation>Ü&amp;berwachen</translation>
    </message>
    <message>
        <source>API &amp;secret:</source>
        <translation>API-&amp;Secret:</translation>
    </message>
</context>
<context>
    <name>marginwatch::SessionHeader</name>
    <message>
        <source>The account watched</source>
        <translation>Das überwachte Konto</translation>
    </message>
    <message>
        <source>The exchange this window watches</source>
        <translation>Die Börse, die dieses Fenster überwacht</translation>
    </message>
    <message>
        <source>Account mode: what the totals add up</source>
        <translation>Kontomodus: was die Summen zusammenzählen</translation>
    </message>
    <message>
        <source>Position mode</source>
        <translation>Positionsmodus</translation>
    </message>
    <message>
        <source>Add your account…</source>
        <translation>Eigenes Konto hinzufügen…</translation>
    </message>
    <message>
        <source>Watch your own Binance Futures account with a read-only API key.</source>
        <translation>Überwachen Sie Ihr eigenes Binance-Futures-Konto mit einem API-Schlüssel nur mit Leserechten.</translation>
    </message>
    <message>
        <source>Hedge mode: LONG and SHORT positions of a symbol are listed separately.</source>
        <translation>Hedge-Modus: LONG- und SHORT-Positionen eines Symbols stehen getrennt in der Liste.</translation>
    </message>
    <message>
        <source>One-way mode: one position per symbol; a negative size is short.</source>
        <translation>One-Way-Modus: eine Position je Symbol; eine negative Größe ist short.</translation>
    </message>
</context>
<context>
    <name>marginwatch::SettingsDialog</name>
    <message>
        <source>Production (%1)</source>
        <translation>Produktion (%1)</translation>
    </message>
    <message>
        <source>Binance Demo Trading (%1, its own API keys)</source>
        <translation>Binance Demo-Trading (%1, eigene API-Schlüssel)</translation>
    </message>
    <message>
        <source>Custom URL</source>
        <translation>Eigene URL</translation>
    </message>
    <message>
        <source>Simulator (built into marginwatch, no account)</source>
        <translation>Simulator (in marginwatch eingebaut, kein Konto)</translation>
    </message>
    <message>
        <source>HMAC-SHA256 (API secret)</source>
        <translation>HMAC-SHA256 (API-Secret)</translation>
    </message>
    <message>
        <source>RSA (private key file)</source>
        <translation>RSA (Datei mit privatem Schlüssel)</translation>
    </message>
    <message>
        <source>Ed25519 (private key file)</source>
        <translation>Ed25519 (Datei mit privatem Schlüssel)</translation>
    </message>
    <message>
        <source>System proxy</source>
        <translation>System-Proxy</translation>
    </message>
    <message>
        <source>No proxy</source>
        <translation>Kein Proxy</translation>
    </message>
    <message>
        <source>HTTP proxy</source>
        <translation>HTTP-Proxy</translation>
    </message>
    <message>
        <source>SOCKS5 proxy</source>
        <translation>SOCKS5-Proxy</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Dem System folgen</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>leave empty to keep</source>
        <translation>leer lassen, um es zu behalten</translation>
    </message>
    <message>
        <source>This desktop has no system tray: closing the window quits marginwatch.</source>
        <translation>Diese Arbeitsumgebung hat keinen Infobereich: Das Schließen des Fensters beendet marginwatch.</translation>
    </message>
    <message>
        <source>Without a system tray marginwatch starts minimized.</source>
        <translation>Ohne Infobereich startet marginwatch minimiert.</translation>
    </message>
    <message>
        <source>Private key (PEM)</source>
        <translation>Privater Schlüssel (PEM)</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.key);;All files (*)</source>
        <translation>PEM-Dateien (*.pem *.key);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>My account</source>
        <translation>Mein Konto</translation>
    </message>
    <message>
        <source>No secret store: secrets cannot be saved.</source>
        <translation>Kein Secret-Speicher: Secrets können nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>stored in the OS keychain; leave empty to keep</source>
        <translation>im Schlüsselbund des Systems gespeichert; leer lassen, um es zu behalten</translation>
    </message>
    <message>
        <source>Secrets are kept in the OS keychain, never in the settings file.</source>
        <translation>Secrets liegen im Schlüsselbund des Systems, nie in der Einstellungsdatei.</translation>
    </message>
    <message>
        <source>kept until marginwatch quits</source>
        <translation>bleibt bis zum Beenden von marginwatch</translation>
    </message>
    <message>
        <source>&lt;b&gt;No OS keychain is available&lt;/b&gt; (no Secret Service or KWallet is running): the secret is kept only until marginwatch quits and is asked for at the next start.</source>
        <translation>&lt;b&gt;Kein Schlüsselbund des Systems verfügbar&lt;/b&gt; (weder Secret Service noch KWallet laufen): Das Secret bleibt nur bis zum Beenden von marginwatch erhalten und wird beim nächsten Start erneut abgefragt.</translation>
    </message>
    <message>
        <source>Secrets are never written to the settings file or any other file.</source>
        <translation>Secrets werden nie in die Einstellungsdatei oder eine andere Datei geschrieben.</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Teste…</translation>
    </message>
    <message>
        <source>✘ %1 (code -2015)</source>
        <translation>✘ %1 (Code -2015)</translation>
    </message>
    <message>
        <source>The key&apos;s permissions could not be read: %1</source>
        <translation>Die Rechte des Schlüssels konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>✔ Connected: %1 assets, %2 positions. Clock offset %3 ms, used weight %4 / 2400.</source>
        <translation>✔ Verbunden: %1 Assets, %2 Positionen. Zeitversatz %3 ms, verbrauchtes Gewicht %4 / 2400.</translation>
    </message>
    <message>
        <source>✘ %1 (code %2)</source>
        <translation>✘ %1 (Code %2)</translation>
    </message>
    <message>
        <source>✘ %1</source>
        <translation>✘ %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>(unnamed profile)</source>
        <translation>(unbenanntes Profil)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Start at login</source>
        <translation>Bei der Anmeldung starten</translation>
    </message>
    <message>
        <source>Secret not saved</source>
        <translation>Secret nicht gespeichert</translation>
    </message>
    <message>
        <source>Live updates (streams)</source>
        <translation>Live-Aktualisierung (Streams)</translation>
    </message>
    <message>
        <source>The account&apos;s own event stream and the mark prices, checked against the exchange once a minute; polling takes over whenever the stream fails.</source>
        <translation>Der eigene Ereignis-Stream des Kontos und die Markpreise, einmal pro Minute mit der Börse abgeglichen; fällt der Stream aus, übernimmt die Abfrage per Polling.</translation>
    </message>
    <message>
        <source>wss:// or https://; ws:// or http:// only to this computer (localhost). Leave empty to use the server&apos;s own stream address.</source>
        <translation>wss:// oder https://; ws:// oder http:// nur zu diesem Computer (localhost). Leer lassen, um die Stream-Adresse des Servers zu verwenden.</translation>
    </message>
    <message>
        <source>S&amp;tream URL:</source>
        <translation>S&amp;tream-URL:</translation>
    </message>
    <message>
        <source>empty: %1</source>
        <translation>leer: %1</translation>
    </message>
</context>
<context>
    <name>marginwatch::StreamConnection</name>
    <message>
        <source>the stream accepted the connection but sent nothing</source>
        <translation>der Stream hat die Verbindung angenommen, aber nichts gesendet</translation>
    </message>
    <message>
        <source>the stream did not connect in time</source>
        <translation>der Stream hat sich nicht rechtzeitig verbunden</translation>
    </message>
    <message>
        <source>the stream sent a binary frame, which Binance streams never do</source>
        <translation>der Stream hat einen Binär-Frame gesendet, was Binance-Streams nie tun</translation>
    </message>
    <message>
        <source>the stream closed the connection (code %1)</source>
        <translation>der Stream hat die Verbindung geschlossen (Code %1)</translation>
    </message>
    <message>
        <source>the stream closed the connection: %1</source>
        <translation>der Stream hat die Verbindung geschlossen: %1</translation>
    </message>
    <message>
        <source>the stream sent more than %1 frames in a second</source>
        <translation>der Stream hat mehr als %1 Frames in einer Sekunde gesendet</translation>
    </message>
</context>
<context>
    <name>marginwatch::StressView</name>
    <message>
        <source>All marks move by</source>
        <translation>Alle Markpreise bewegen sich um</translation>
    </message>
    <message>
        <source>Shock in percent</source>
        <translation>Schock in Prozent</translation>
    </message>
    <message>
        <source>Per symbol:</source>
        <translation>Je Symbol:</translation>
    </message>
    <message>
        <source>e.g. BTCUSDT=-30, ETHUSDT=-15 (these symbols move by their own %)</source>
        <translation>z. B. BTCUSDT=-30, ETHUSDT=-15 (diese Symbole bewegen sich um ihre eigenen %)</translation>
    </message>
    <message>
        <source>Margin balance:</source>
        <translation>Margin-Saldo:</translation>
    </message>
    <message>
        <source>Maintenance margin:</source>
        <translation>Wartungsmargin:</translation>
    </message>
    <message>
        <source>Margin ratio:</source>
        <translation>Margin-Verhältnis:</translation>
    </message>
    <message>
        <source>Liquidated at this shock:</source>
        <translation>Bei diesem Schock liquidiert:</translation>
    </message>
    <message>
        <source>Margin ratio reaches 100 % going down at:</source>
        <translation>Margin-Verhältnis erreicht 100 % abwärts bei:</translation>
    </message>
    <message>
        <source>Margin ratio reaches 100 % going up at:</source>
        <translation>Margin-Verhältnis erreicht 100 % aufwärts bei:</translation>
    </message>
    <message>
        <source>Isolated positions (each on its own margin):</source>
        <translation>Isolated-Positionen (jede mit eigener Margin):</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Liquidated going down at</source>
        <translation>Liquidiert abwärts bei</translation>
    </message>
    <message>
        <source>Liquidated going up at</source>
        <translation>Liquidiert aufwärts bei</translation>
    </message>
    <message>
        <source>Waiting for the account&apos;s data and leverage brackets…</source>
        <translation>Warte auf die Kontodaten und Hebelstufen…</translation>
    </message>
    <message>
        <source>No open positions: no mark move changes the margin.</source>
        <translation>Keine offenen Positionen: Keine Markpreisbewegung ändert die Margin.</translation>
    </message>
    <message>
        <source>Every mark moved by the shock; maintenance margin from the account&apos;s leverage brackets, the bracket following the moved notional.</source>
        <translation>Jeder Markpreis um den Schock verschoben; Wartungsmargin aus den Hebelstufen des Kontos, die Stufe folgt dem verschobenen Nominalwert.</translation>
    </message>
    <message>
        <source>“%1” is not SYMBOL=PERCENT with a percentage from −99 to 99.</source>
        <translation>„%1“ ist nicht SYMBOL=PROZENT mit einem Prozentsatz von −99 bis 99.</translation>
    </message>
    <message>
        <source>Approximate: %1</source>
        <translation>Näherung: %1</translation>
    </message>
    <message>
        <source>no margin left</source>
        <translation>keine Margin mehr</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>not within ±%1 %</source>
        <translation>nicht innerhalb von ±%1 %</translation>
    </message>
    <message>
        <source>already (at no move)</source>
        <translation>schon jetzt (ohne Bewegung)</translation>
    </message>
</context>
<context>
    <name>marginwatch::TotalsPanel</name>
    <message>
        <source>Unified maintenance margin ratio (uniMMR)</source>
        <translation>Einheitliches Wartungsmargin-Verhältnis (uniMMR)</translation>
    </message>
    <message>
        <source>Account status</source>
        <translation>Kontostatus</translation>
    </message>
    <message>
        <source>Account equity</source>
        <translation>Kontoeigenkapital</translation>
    </message>
    <message>
        <source>Account maintenance margin</source>
        <translation>Wartungsmargin des Kontos</translation>
    </message>
    <message>
        <source>Account equity ÷ account maintenance margin. Binance restricts the account as it falls towards 1.5 and liquidates it at 1.05.</source>
        <translation>Kontoeigenkapital ÷ Wartungsmargin des Kontos. Binance schränkt das Konto ein, wenn der Wert auf 1,5 fällt, und liquidiert es bei 1,05.</translation>
    </message>
    <message>
        <source>%1 — exactly as the exchange sent it: %2.
%3
%4</source>
        <translation>%1 — genau so, wie die Börse ihn schickte: %2.
%3
%4</translation>
    </message>
    <message>
        <source>Warning from %1 %, danger from %2 %.</source>
        <translation>Warnung ab %1 %, Gefahr ab %2 %.</translation>
    </message>
</context>
<context>
    <name>marginwatch::TrayAlerts</name>
    <message>
        <source>n/a</source>
        <translation>k. A.</translation>
    </message>
    <message>
        <source>Data is stale</source>
        <translation>Daten sind veraltet</translation>
    </message>
    <message>
        <source>%1 has not updated for %2 s. The figures shown may be out of date.</source>
        <translation>%1 wurde seit %2 s nicht aktualisiert. Die angezeigten Zahlen sind womöglich nicht mehr aktuell.</translation>
    </message>
    <message>
        <source>Data is fresh again</source>
        <translation>Daten sind wieder aktuell</translation>
    </message>
    <message>
        <source>%1 is updating again.</source>
        <translation>%1 wird wieder aktualisiert.</translation>
    </message>
    <message>
        <source>Margin ratio in danger: %1</source>
        <translation>Margin-Verhältnis in Gefahr: %1</translation>
    </message>
    <message>
        <source>%1: the margin ratio reached %2 (danger from %3 %). At 100 % positions are liquidated.</source>
        <translation>%1: Das Margin-Verhältnis hat %2 erreicht (Gefahr ab %3 %). Bei 100 % werden Positionen liquidiert.</translation>
    </message>
    <message>
        <source>Margin ratio warning: %1</source>
        <translation>Warnung Margin-Verhältnis: %1</translation>
    </message>
    <message>
        <source>%1: the margin ratio reached %2 (warning from %3 %).</source>
        <translation>%1: Das Margin-Verhältnis hat %2 erreicht (Warnung ab %3 %).</translation>
    </message>
    <message>
        <source>Margin ratio below danger: %1</source>
        <translation>Margin-Verhältnis unter der Gefahrenschwelle: %1</translation>
    </message>
    <message>
        <source>%1: the margin ratio fell back to %2.</source>
        <translation>%1: Das Margin-Verhältnis ist auf %2 zurückgegangen.</translation>
    </message>
    <message>
        <source>Margin ratio back to normal: %1</source>
        <translation>Margin-Verhältnis wieder normal: %1</translation>
    </message>
    <message>
        <source>marginwatch</source>
        <translation>marginwatch</translation>
    </message>
    <message>
        <source>marginwatch — %1</source>
        <translation>marginwatch — %1</translation>
    </message>
    <message>
        <source>Margin ratio %1 · margin balance %2</source>
        <translation>Margin-Verhältnis %1 · Margin-Saldo %2</translation>
    </message>
    <message>
        <source>Stopped: open the window to see why</source>
        <translation>Angehalten: Öffnen Sie das Fenster, um den Grund zu sehen</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>No data yet</source>
        <translation>Noch keine Daten</translation>
    </message>
    <message>
        <source>Paused — updated %1 (%2 ago)</source>
        <translation>Pausiert — aktualisiert %1 (vor %2)</translation>
    </message>
    <message>
        <source>Stale — updated %1 (%2 ago)</source>
        <translation>Veraltet — aktualisiert %1 (vor %2)</translation>
    </message>
    <message>
        <source>Updated %1 (%2 ago)</source>
        <translation>Aktualisiert %1 (vor %2)</translation>
    </message>
    <message>
        <source>normal</source>
        <translation>normal</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>danger</source>
        <translation>Gefahr</translation>
    </message>
    <message>
        <source>stale</source>
        <translation>veraltet</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Worst of %1 accounts: %2 (%3)</source>
        <translation>Am schlechtesten von %1 Konten: %2 (%3)</translation>
    </message>
</context>
</TS>
