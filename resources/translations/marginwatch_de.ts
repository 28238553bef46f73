<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>GuiLauncher</name>
    <message>
        <location filename="../../src/gui/GuiLauncher.cpp" line="92"/>
        <source>Account from the environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/GuiLauncher.cpp" line="101"/>
        <source>marginwatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/GuiLauncher.cpp" line="102"/>
        <source>The demo simulator could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="6"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="13"/>
        <source>&amp;Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="19"/>
        <source>Use a &lt;b&gt;read-only&lt;/b&gt; API key: in Binance API Management enable &lt;i&gt;Reading&lt;/i&gt; (Futures) and nothing else, and restrict it to your IP address. marginwatch never trades or withdraws. The selected profile is the one watched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="38"/>
        <source>A&amp;dd</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="45"/>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="60"/>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="73"/>
        <source>&amp;Environment:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="86"/>
        <source>&amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="96"/>
        <source>https://testnet.binancefuture.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="103"/>
        <source>&amp;Key type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="116"/>
        <source>API &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="129"/>
        <source>&amp;Secret:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="146"/>
        <source>Private key &amp;file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="161"/>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="170"/>
        <source>&amp;Poll every:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="180"/>
        <location filename="../../ui/SettingsDialog.ui" line="404"/>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="196"/>
        <source>&amp;recvWindow:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="206"/>
        <source> ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="225"/>
        <source>Pro&amp;xy:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="238"/>
        <source>Proxy &amp;host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="265"/>
        <source>Proxy &amp;user:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="278"/>
        <source>Proxy pass&amp;word:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="299"/>
        <source>&amp;Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="330"/>
        <source>A&amp;lerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="336"/>
        <source>&amp;Warn at margin ratio:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="346"/>
        <location filename="../../ui/SettingsDialog.ui" line="375"/>
        <source> %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="365"/>
        <source>&amp;Danger at margin ratio:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="394"/>
        <source>Alert when data is stale for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="420"/>
        <source>Play a &amp;sound with alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="427"/>
        <source>The margin ratio is maintenance margin ÷ margin balance; at 100 % positions are liquidated. An alert fires once per crossing and re-arms only after the ratio falls 2 points below the threshold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="438"/>
        <source>A&amp;ppearance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="444"/>
        <source>T&amp;heme:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="457"/>
        <source>Hide assets with zero &amp;balances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="464"/>
        <source>Hide &amp;closed positions</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TotalsPanel</name>
    <message>
        <location filename="../../src/gui/TotalsPanel.cpp" line="29"/>
        <source>Wallet balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/TotalsPanel.cpp" line="30"/>
        <source>Deposits, transfers and realized PnL, without open positions&apos; PnL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/TotalsPanel.cpp" line="32"/>
        <source>Unrealized PnL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/TotalsPanel.cpp" line="33"/>
        <source>Profit or loss of the open positions at the mark price.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/TotalsPanel.cpp" line="35"/>
        <source>Margin balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/TotalsPanel.cpp" line="36"/>
        <source>Wallet balance plus unrealized PnL: what backs your positions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/TotalsPanel.cpp" line="38"/>
        <source>Maintenance margin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/TotalsPanel.cpp" line="39"/>
        <source>The margin needed to keep the positions open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/TotalsPanel.cpp" line="41"/>
        <source>Initial margin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/TotalsPanel.cpp" line="42"/>
        <source>Margin held for positions and open orders at the current mark price.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/TotalsPanel.cpp" line="44"/>
        <source>Available balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/TotalsPanel.cpp" line="45"/>
        <source>What is free for new positions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/TotalsPanel.cpp" line="46"/>
        <source>Max withdraw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/TotalsPanel.cpp" line="47"/>
        <source>The most that can be transferred out now.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>marginwatch</name>
    <message>
        <location filename="../../src/core/model/AccountSemantics.cpp" line="22"/>
        <source>Single-asset mode — totals are USDT only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/model/AccountSemantics.cpp" line="24"/>
        <source>Multi-assets mode — totals in USD across %1 assets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/model/AccountSemantics.cpp" line="28"/>
        <source>Account mode unknown — totals may be USDT only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/model/AccountSemantics.cpp" line="35"/>
        <source>In single-asset mode every total, the available balance and the maximum withdrawal cover the USDT asset only; other assets such as USDC are listed below but are not in these totals.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/model/AccountSemantics.cpp" line="38"/>
        <source>In multi-assets mode the totals are the USD value of all assets together, margin is shared between them, and the maximum withdrawal is a virtual USD amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/model/AccountSemantics.cpp" line="43"/>
        <source>The exchange did not say whether this account is in single-asset or multi-assets mode, so the totals may cover USDT only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/model/AccountSemantics.cpp" line="51"/>
        <source>One-way mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/model/AccountSemantics.cpp" line="53"/>
        <source>Hedge mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/model/AccountSemantics.cpp" line="57"/>
        <source>Position mode unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/model/AccountTableModels.cpp" line="75"/>
        <source>To liq.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/model/AccountTableModels.cpp" line="76"/>
        <source>Distance from the mark price to the liquidation price, in percent of the mark.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/model/AccountTableModels.cpp" line="84"/>
        <source>Leverage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/model/AccountTableModels.cpp" line="84"/>
        <source>Leverage set for this symbol (symbolConfig).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>marginwatch::AccountTableView</name>
    <message>
        <location filename="../../src/gui/AccountTableView.cpp" line="62"/>
        <source>Reset columns</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>marginwatch::AccountWindow</name>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="53"/>
        <source>Idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="55"/>
        <source>Synchronising clock…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="57"/>
        <source>Updating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="59"/>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="61"/>
        <source>Retrying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="63"/>
        <source>Rate limited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="65"/>
        <source>Banned by the exchange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="67"/>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="76"/>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="93"/>
        <source>Export snapshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="94"/>
        <source>CSV file stem (three files are written)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="123"/>
        <source>Demo account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="124"/>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="219"/>
        <source>Open Settings (Ctrl+,) to fix the profile, or choose the demo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="232"/>
        <source>marginwatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="237"/>
        <source>%1 — %2 — marginwatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="305"/>
        <source>Hide closed positions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="315"/>
        <source>&amp;Positions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="327"/>
        <source>Hide zero balances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="337"/>
        <source>&amp;Assets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="340"/>
        <source>&amp;History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="364"/>
        <source>Request weight used in the current minute (X-MBX-USED-WEIGHT-1M) and the limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="366"/>
        <source>Server clock minus this computer&apos;s clock; signed requests are corrected by it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="375"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="376"/>
        <source>&amp;Export snapshot…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="379"/>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="383"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="387"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="388"/>
        <source>&amp;Refresh now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="394"/>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="397"/>
        <source>Follow &amp;system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="398"/>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="399"/>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="417"/>
        <source>&amp;Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="418"/>
        <source>&amp;Add your account…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="420"/>
        <source>Watch the &amp;demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="431"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="432"/>
        <source>&amp;About marginwatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="433"/>
        <source>About marginwatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="434"/>
        <source>&lt;b&gt;marginwatch %1&lt;/b&gt;&lt;p&gt;A monitor for Binance USDⓈ-M Futures accounts: balances, margin and positions, live.&lt;/p&gt;&lt;p&gt;Use a read-only API key: marginwatch never trades.&lt;/p&gt;&lt;p&gt;Licensed under the GPL, version 3 or later.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="439"/>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="480"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="481"/>
        <source>This window was started from environment credentials; profiles are not available in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="505"/>
        <source>Hedge mode: LONG and SHORT positions of a symbol are listed separately.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="506"/>
        <source>One-way mode: one position per symbol; a negative size is short.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="528"/>
        <source>code %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="530"/>
        <source>HTTP %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="555"/>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="569"/>
        <source>no data yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="571"/>
        <source>stale — last update %1 ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="573"/>
        <source>updated %1 ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="575"/>
        <source>latency %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="577"/>
        <source>weight %1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="578"/>
        <source>clock offset %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="582"/>
        <source>paused for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="584"/>
        <source>next in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="592"/>
        <source>Nothing to export yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="602"/>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/AccountWindow.cpp" line="605"/>
        <source>Exported %1-totals.csv, -assets.csv and -positions.csv</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>marginwatch::EnvironmentInfo</name>
    <message>
        <location filename="../../src/gui/EnvironmentInfo.cpp" line="30"/>
        <source>PRODUCTION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/EnvironmentInfo.cpp" line="32"/>
        <source>DEMO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/EnvironmentInfo.cpp" line="43"/>
        <source>Real money: this window watches your Binance production account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/EnvironmentInfo.cpp" line="45"/>
        <source>Demo mode: a built-in simulator of the exchange on this computer. No real account is involved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/EnvironmentInfo.cpp" line="47"/>
        <source>A custom endpoint, not Binance production.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>marginwatch::HistoryStore</name>
    <message>
        <location filename="../../src/core/io/HistoryStore.cpp" line="135"/>
        <source>History is off: cannot create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/io/HistoryStore.cpp" line="145"/>
        <source>History is off: cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/io/HistoryStore.cpp" line="153"/>
        <source>switching to WAL mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/io/HistoryStore.cpp" line="156"/>
        <source>History is off: %1 does not accept WAL mode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/io/HistoryStore.cpp" line="159"/>
        <source>setting up the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/io/HistoryStore.cpp" line="179"/>
        <source>reading the schema version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/io/HistoryStore.cpp" line="183"/>
        <source>History is off: %1 was written by a newer version of marginwatch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/io/HistoryStore.cpp" line="206"/>
        <source>creating the tables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/io/HistoryStore.cpp" line="251"/>
        <source>History is off: database error while %1 (%2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/io/HistoryStore.cpp" line="277"/>
        <location filename="../../src/core/io/HistoryStore.cpp" line="308"/>
        <source>History is off: cannot write to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/io/HistoryStore.cpp" line="298"/>
        <source>storing totals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/io/HistoryStore.cpp" line="324"/>
        <location filename="../../src/core/io/HistoryStore.cpp" line="328"/>
        <location filename="../../src/core/io/HistoryStore.cpp" line="339"/>
        <source>storing %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/io/HistoryStore.cpp" line="366"/>
        <location filename="../../src/core/io/HistoryStore.cpp" line="389"/>
        <location filename="../../src/core/io/HistoryStore.cpp" line="400"/>
        <location filename="../../src/core/io/HistoryStore.cpp" line="411"/>
        <source>reading history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/io/HistoryStore.cpp" line="421"/>
        <source>History is off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/io/HistoryStore.cpp" line="441"/>
        <location filename="../../src/core/io/HistoryStore.cpp" line="471"/>
        <location filename="../../src/core/io/HistoryStore.cpp" line="483"/>
        <source>exporting history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/io/HistoryStore.cpp" line="506"/>
        <location filename="../../src/core/io/HistoryStore.cpp" line="517"/>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/io/HistoryStore.cpp" line="512"/>
        <source>cannot export to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/io/HistoryStore.cpp" line="559"/>
        <location filename="../../src/core/io/HistoryStore.cpp" line="568"/>
        <location filename="../../src/core/io/HistoryStore.cpp" line="579"/>
        <source>removing old history</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>marginwatch::HistoryView</name>
    <message>
        <location filename="../../src/gui/history/HistoryView.cpp" line="55"/>
        <source>Export range…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/history/HistoryView.cpp" line="68"/>
        <source>Range:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/history/HistoryView.cpp" line="69"/>
        <source>1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/history/HistoryView.cpp" line="70"/>
        <source>24 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/history/HistoryView.cpp" line="71"/>
        <source>7 d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/history/HistoryView.cpp" line="72"/>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/history/HistoryView.cpp" line="89"/>
        <source>Margin balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/history/HistoryView.cpp" line="90"/>
        <source>Unrealized PnL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/history/HistoryView.cpp" line="91"/>
        <location filename="../../src/gui/history/HistoryView.cpp" line="98"/>
        <source>Margin ratio (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/history/HistoryView.cpp" line="95"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/history/HistoryView.cpp" line="96"/>
        <source>Balance / PnL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/history/HistoryView.cpp" line="212"/>
        <location filename="../../src/gui/history/HistoryView.cpp" line="288"/>
        <source>History is not being recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/history/HistoryView.cpp" line="265"/>
        <source>No history in this range yet: every poll adds a point.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/history/HistoryView.cpp" line="279"/>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/history/HistoryView.cpp" line="281"/>
        <source>%1 at %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/history/HistoryView.cpp" line="295"/>
        <source>Export history range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/history/HistoryView.cpp" line="296"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/history/HistoryView.cpp" line="308"/>
        <source>Exported to %1-totals.csv, -assets.csv and -positions.csv.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>marginwatch::SessionFactory</name>
    <message>
        <location filename="../../src/gui/SessionFactory.cpp" line="45"/>
        <source>Demo account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/SessionFactory.cpp" line="53"/>
        <source>The private key file %1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/SessionFactory.cpp" line="58"/>
        <source>%1 is not a PEM private key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/SessionFactory.cpp" line="124"/>
        <source>No secret store is available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/SessionFactory.cpp" line="133"/>
        <source>The API secret of “%1” is not stored (secrets kept only for a session are gone after a restart). Enter it again in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/SessionFactory.cpp" line="136"/>
        <source>The API secret of “%1” could not be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>marginwatch::SettingsDialog</name>
    <message>
        <location filename="../../src/gui/SettingsDialog.cpp" line="29"/>
        <source>Production (fapi.binance.com)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/SettingsDialog.cpp" line="30"/>
        <source>Demo (built-in simulator)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/SettingsDialog.cpp" line="31"/>
        <source>Custom URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/SettingsDialog.cpp" line="32"/>
        <source>HMAC-SHA256 (API secret)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/SettingsDialog.cpp" line="33"/>
        <source>RSA (private key file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/SettingsDialog.cpp" line="34"/>
        <source>Ed25519 (private key file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/SettingsDialog.cpp" line="35"/>
        <source>System proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/SettingsDialog.cpp" line="36"/>
        <source>No proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/SettingsDialog.cpp" line="37"/>
        <source>HTTP proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/SettingsDialog.cpp" line="38"/>
        <source>SOCKS5 proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/SettingsDialog.cpp" line="39"/>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/SettingsDialog.cpp" line="40"/>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/SettingsDialog.cpp" line="41"/>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/SettingsDialog.cpp" line="42"/>
        <source>stored in the OS keychain; leave empty to keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/SettingsDialog.cpp" line="43"/>
        <source>leave empty to keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/SettingsDialog.cpp" line="70"/>
        <source>Private key (PEM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/SettingsDialog.cpp" line="71"/>
        <source>PEM files (*.pem *.key);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/SettingsDialog.cpp" line="115"/>
        <source>My account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/SettingsDialog.cpp" line="203"/>
        <source>No secret store: secrets cannot be saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/SettingsDialog.cpp" line="208"/>
        <source>Secrets are kept in the %1, never in the settings file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/SettingsDialog.cpp" line="209"/>
        <source>&lt;b&gt;No OS keychain is available&lt;/b&gt;: secrets are kept in %1 and must be entered again after a restart. They are never written to the settings file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/SettingsDialog.cpp" line="221"/>
        <source>Testing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/SettingsDialog.cpp" line="228"/>
        <source>✔ Connected: %1 assets, %2 positions. Clock offset %3 ms, used weight %4 / 2400.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/SettingsDialog.cpp" line="237"/>
        <source>✘ %1 (code %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/SettingsDialog.cpp" line="238"/>
        <location filename="../../src/gui/SettingsDialog.cpp" line="244"/>
        <source>✘ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/SettingsDialog.cpp" line="269"/>
        <location filename="../../src/gui/SettingsDialog.cpp" line="275"/>
        <source>Enter the API secret.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/SettingsDialog.cpp" line="300"/>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/SettingsDialog.cpp" line="300"/>
        <source>(unnamed profile)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/SettingsDialog.cpp" line="303"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/SettingsDialog.cpp" line="328"/>
        <source>Secret not saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>marginwatch::SimulatorServer</name>
    <message>
        <location filename="../../src/sim/SimulatorServer.cpp" line="241"/>
        <source>cannot listen on 127.0.0.1:%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/sim/SimulatorServer.cpp" line="270"/>
        <source>the public key for %1 is not an RSA or Ed25519 PEM key</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>marginwatch::TotalsPanel</name>
    <message>
        <location filename="../../src/gui/TotalsPanel.cpp" line="94"/>
        <source>Margin ratio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/TotalsPanel.cpp" line="95"/>
        <source>Maintenance margin ÷ margin balance. At 100 % the account is liquidated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/TotalsPanel.cpp" line="125"/>
        <source>%1 — exactly as the exchange sent it: %2.
%3
%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/TotalsPanel.cpp" line="170"/>
        <source>Warning from %1 %, danger from %2 %.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>marginwatch::TrayAlerts</name>
    <message>
        <location filename="../../src/gui/TrayAlerts.cpp" line="66"/>
        <source>Data is fresh again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/TrayAlerts.cpp" line="66"/>
        <source>%1 is updating again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/TrayAlerts.cpp" line="71"/>
        <source>n/a</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/TrayAlerts.cpp" line="72"/>
        <source>Margin ratio %1 · margin balance %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/TrayAlerts.cpp" line="81"/>
        <source>Margin ratio in danger: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/TrayAlerts.cpp" line="82"/>
        <source>%1: the margin ratio reached %2 (danger from %3 %). At 100 % positions are liquidated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/TrayAlerts.cpp" line="88"/>
        <source>Margin ratio warning: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/TrayAlerts.cpp" line="89"/>
        <source>%1: the margin ratio reached %2 (warning from %3 %).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/TrayAlerts.cpp" line="93"/>
        <source>Margin ratio below danger: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/TrayAlerts.cpp" line="94"/>
        <location filename="../../src/gui/TrayAlerts.cpp" line="98"/>
        <source>%1: the margin ratio fell back to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/TrayAlerts.cpp" line="97"/>
        <source>Margin ratio back to normal: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/TrayAlerts.cpp" line="109"/>
        <source>Data is stale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/TrayAlerts.cpp" line="110"/>
        <source>%1 has not updated for over %2 s. The figures shown may be out of date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/TrayAlerts.cpp" line="128"/>
        <source>marginwatch — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/TrayAlerts.cpp" line="129"/>
        <source>marginwatch — %1
%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
