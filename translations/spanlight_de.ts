<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AlertsView</name>
    <message>
        <source>Alerts</source>
        <translation>Alarme</translation>
    </message>
    <message>
        <source>New rule…</source>
        <translation>Neue Regel …</translation>
    </message>
    <message>
        <source>New alert rule</source>
        <translation>Neue Alarmregel</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Metrik</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Bereich</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Bedingung</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Alert rules</source>
        <translation>Alarmregeln</translation>
    </message>
    <message>
        <source>No alert rules yet.</source>
        <translation>Noch keine Alarmregeln.</translation>
    </message>
    <message>
        <source>Add this example rule</source>
        <translation>Diese Beispielregel hinzufügen</translation>
    </message>
    <message>
        <source>Enabled: %1</source>
        <translation>Aktiv: %1</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>%1 bearbeiten</translation>
    </message>
    <message>
        <source>Edit (Enter)</source>
        <translation>Bearbeiten (Eingabe)</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>%1 löschen</translation>
    </message>
    <message>
        <source>Delete with its history (Delete)</source>
        <translation>Mitsamt Verlauf löschen (Entf)</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Show alerts</source>
        <translation>Alarme anzeigen</translation>
    </message>
    <message>
        <source>Alert history</source>
        <translation>Alarmverlauf</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>since %1</source>
        <translation>seit %1</translation>
    </message>
    <message>
        <source>Traces of %1</source>
        <translation>Traces von %1</translation>
    </message>
    <message>
        <source>Failed traces</source>
        <translation>Fehlgeschlagene Traces</translation>
    </message>
    <message>
        <source>Edit alert rule</source>
        <translation>Alarmregel bearbeiten</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>checkout errors</source>
        <translation>Checkout-Fehler</translation>
    </message>
    <message>
        <source>Rule name</source>
        <translation>Name der Regel</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>Service (empty: every service)</source>
        <translation>Dienst (leer: jeder Dienst)</translation>
    </message>
    <message>
        <source>Empty: every service</source>
        <translation>Leer: jeder Dienst</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Operation</translation>
    </message>
    <message>
        <source>every operation</source>
        <translation>jede Operation</translation>
    </message>
    <message>
        <source>Operation (empty: every operation)</source>
        <translation>Operation (leer: jede Operation)</translation>
    </message>
    <message>
        <source>Comparator</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <source>threshold, e.g. 0.05 for 5 %</source>
        <translation>Schwellwert, z. B. 0.05 für 5 %</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Schwellwert</translation>
    </message>
    <message>
        <source>For (minutes)</source>
        <translation>Dauer (Minuten)</translation>
    </message>
    <message>
        <source>For how many minutes the condition must hold</source>
        <translation>Wie viele Minuten die Bedingung gelten muss</translation>
    </message>
    <message>
        <source>Rule enabled</source>
        <translation>Regel aktiv</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Save the rule</source>
        <translation>Die Regel speichern</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect to a server</source>
        <translation>Mit einem Server verbinden</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>The REST API of a spanlightd, such as https://spanlight.example:8007</source>
        <translation>Die REST-API eines spanlightd, etwa https://spanlight.example:8007</translation>
    </message>
    <message>
        <source>API token</source>
        <translation>API-Token</translation>
    </message>
    <message>
        <source>The server&apos;s API_TOKEN or a token of its tokens file</source>
        <translation>Das API_TOKEN des Servers oder ein Token aus seiner Token-Datei</translation>
    </message>
    <message>
        <source>Remember the token (stored in the console&apos;s settings file)</source>
        <translation>Token merken (in der Einstellungsdatei der Konsole gespeichert)</translation>
    </message>
    <message>
        <source>Extra trusted certificate (PEM file, optional)</source>
        <translation>Zusätzliches vertrauenswürdiges Zertifikat (PEM-Datei, optional)</translation>
    </message>
    <message>
        <source>/path/to/ca.pem, for a private CA or a self-signed certificate</source>
        <translation>/pfad/zu/ca.pem, für eine private CA oder ein selbstsigniertes Zertifikat</translation>
    </message>
    <message>
        <source>Extra trusted certificate file</source>
        <translation>Datei mit zusätzlichem vertrauenswürdigem Zertifikat</translation>
    </message>
    <message>
        <source>While attached, pages refresh every few seconds; demo data and file import are off.</source>
        <translation>Solange verbunden, aktualisieren sich die Seiten alle paar Sekunden; Demodaten und Dateiimport sind aus.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the OTLP endpoint variable</source>
        <translation>Die Variable mit dem OTLP-Endpunkt kopieren</translation>
    </message>
    <message>
        <source>Recent traces</source>
        <translation>Neueste Traces</translation>
    </message>
    <message>
        <source>Enter opens</source>
        <translation>Eingabe öffnet</translation>
    </message>
    <message>
        <source>No traces started in the last 15 minutes.</source>
        <translation>In den letzten 15 Minuten hat kein Trace begonnen.</translation>
    </message>
    <message>
        <source>Busiest services</source>
        <translation>Meistgenutzte Dienste</translation>
    </message>
    <message>
        <source>requests · errors · p95</source>
        <translation>Anfragen · Fehler · p95</translation>
    </message>
    <message>
        <source>No requests in the last 15 minutes.</source>
        <translation>Keine Anfragen in den letzten 15 Minuten.</translation>
    </message>
    <message>
        <source>Latest errors</source>
        <translation>Neueste Fehler</translation>
    </message>
    <message>
        <source>No errors in the last 15 minutes.</source>
        <translation>Keine Fehler in den letzten 15 Minuten.</translation>
    </message>
</context>
<context>
    <name>DeepLink</name>
    <message>
        <source>The link is empty.</source>
        <translation>Der Link ist leer.</translation>
    </message>
    <message>
        <source>“%1” is not a valid link.</source>
        <translation>„%1“ ist kein gültiger Link.</translation>
    </message>
    <message>
        <source>“%1” is not a Spanlight link: it must start with spanlight://trace/.</source>
        <translation>„%1“ ist kein Spanlight-Link: Er muss mit spanlight://trace/ beginnen.</translation>
    </message>
    <message>
        <source>“%1” names no trace: a link is spanlight://trace/&lt;trace id&gt;?span=&lt;span id&gt;.</source>
        <translation>„%1“ nennt keinen Trace: Ein Link lautet spanlight://trace/&lt;Trace-ID&gt;?span=&lt;Span-ID&gt;.</translation>
    </message>
    <message>
        <source>The link has no trace id: a link is spanlight://trace/&lt;trace id&gt;?span=&lt;span id&gt;.</source>
        <translation>Dem Link fehlt die Trace-ID: Ein Link lautet spanlight://trace/&lt;Trace-ID&gt;?span=&lt;Span-ID&gt;.</translation>
    </message>
    <message>
        <source>“%1” is not a trace id: it must have 32 (or 16) hex digits.</source>
        <translation>„%1“ ist keine Trace-ID: Sie muss 32 (oder 16) Hexadezimalziffern haben.</translation>
    </message>
    <message>
        <source>The link names more than one span.</source>
        <translation>Der Link nennt mehr als einen Span.</translation>
    </message>
    <message>
        <source>“%1” is not a span id: it must have 16 hex digits.</source>
        <translation>„%1“ ist keine Span-ID: Sie muss 16 Hexadezimalziffern haben.</translation>
    </message>
</context>
<context>
    <name>DemoDataButton</name>
    <message>
        <source>Load demo data</source>
        <translation>Demodaten laden</translation>
    </message>
    <message>
        <source>Load a generated shop workload into the store</source>
        <translation>Eine erzeugte Shop-Last in den Speicher laden</translation>
    </message>
</context>
<context>
    <name>DependenciesView</name>
    <message>
        <source>Dependencies</source>
        <translation>Abhängigkeiten</translation>
    </message>
    <message>
        <source>service (size: requests)</source>
        <translation>Dienst (Größe: Anfragen)</translation>
    </message>
    <message>
        <source>external system</source>
        <translation>externes System</translation>
    </message>
    <message>
        <source>more than 5 % errors</source>
        <translation>mehr als 5 % Fehler</translation>
    </message>
    <message>
        <source>critical path of the selection</source>
        <translation>kritischer Pfad der Auswahl</translation>
    </message>
    <message>
        <source>Click a service to see what depends on it and the slowest paths through it.</source>
        <translation>Klicken Sie auf einen Dienst, um zu sehen, was von ihm abhängt und welche Pfade durch ihn am langsamsten sind.</translation>
    </message>
    <message>
        <source>Loading impact…</source>
        <translation>Auswirkung wird geladen …</translation>
    </message>
    <message>
        <source>Impact score</source>
        <translation>Auswirkungswert</translation>
    </message>
    <message>
        <source>of the root services&apos; requests can reach it</source>
        <translation>der Anfragen der Einstiegsdienste können ihn erreichen</translation>
    </message>
    <message>
        <source>Called by</source>
        <translation>Aufgerufen von</translation>
    </message>
    <message>
        <source>Everything that depends on it</source>
        <translation>Alles, was von ihm abhängt</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Ruft auf</translation>
    </message>
    <message>
        <source>Critical paths through it</source>
        <translation>Kritische Pfade durch ihn</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>%1 self time, bottleneck %2</source>
        <translation>%1 Eigenzeit, Engpass %2</translation>
    </message>
    <message>
        <source>Service dependency graph</source>
        <translation>Graph der Dienstabhängigkeiten</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <source>Zoom out (-)</source>
        <translation>Verkleinern (-)</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <source>Zoom in (+, Ctrl+wheel)</source>
        <translation>Vergrößern (+, Strg+Mausrad)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Fit the graph to the view</source>
        <translation>Den Graphen in die Ansicht einpassen</translation>
    </message>
    <message>
        <source>Show the whole graph (F); 0 for its own size</source>
        <translation>Den ganzen Graphen zeigen (F); 0 für seine eigene Größe</translation>
    </message>
</context>
<context>
    <name>ErrorsView</name>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Wo</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt</translation>
    </message>
    <message>
        <source>Double-click or Enter opens the trace</source>
        <translation>Doppelklick oder Eingabe öffnet den Trace</translation>
    </message>
    <message>
        <source>Error types</source>
        <translation>Fehlertypen</translation>
    </message>
    <message>
        <source>No error types.</source>
        <translation>Keine Fehlertypen.</translation>
    </message>
</context>
<context>
    <name>ImportBanner</name>
    <message>
        <source>Importing trace files…</source>
        <translation>Trace-Dateien werden importiert…</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>InsightsView</name>
    <message>
        <source>Insights</source>
        <translation>Erkenntnisse</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>Tab moves between the sections; Enter or a double-click opens an example trace</source>
        <translation>Tab wechselt zwischen den Abschnitten; Enter oder ein Doppelklick öffnet einen Beispiel-Trace</translation>
    </message>
    <message>
        <source>Anomalies</source>
        <translation>Anomalien</translation>
    </message>
    <message>
        <source>Buckets that left their operation&apos;s own baseline band</source>
        <translation>Zeitabschnitte, die das Baseline-Band ihrer Operation verlassen haben</translation>
    </message>
    <message>
        <source>No anomalies: every operation stayed within its baseline.</source>
        <translation>Keine Anomalien: Jede Operation blieb innerhalb ihrer Baseline.</translation>
    </message>
    <message>
        <source>Regressions</source>
        <translation>Regressionen</translation>
    </message>
    <message>
        <source>Lasting changes after a service.version change, or level shifts</source>
        <translation>Anhaltende Änderungen nach einem Wechsel von service.version oder Niveauverschiebungen</translation>
    </message>
    <message>
        <source>No regressions: no version change or level shift made an operation worse.</source>
        <translation>Keine Regressionen: Kein Versionswechsel und keine Niveauverschiebung hat eine Operation verschlechtert.</translation>
    </message>
    <message>
        <source>Recommendations</source>
        <translation>Empfehlungen</translation>
    </message>
    <message>
        <source>No recommendations: no N+1 calls, sequential calls, slow statements, retry storms, large fan-out or uninstrumented time in the sampled traces.</source>
        <translation>Keine Empfehlungen: keine N+1-Aufrufe, sequenziellen Aufrufe, langsamen Anweisungen, Wiederholungsstürme, kein großes Fan-out und keine nicht instrumentierte Zeit in den untersuchten Traces.</translation>
    </message>
    <message>
        <source>Where errors start</source>
        <translation>Wo Fehler beginnen</translation>
    </message>
    <message>
        <source>No errors to follow in this time range.</source>
        <translation>Keine Fehler zum Verfolgen in diesem Zeitraum.</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Spanlight</source>
        <translation>Spanlight</translation>
    </message>
    <message numerus="yes">
        <source>%n trace(s)</source>
        <translation>
            <numerusform>%n Trace</numerusform>
            <numerusform>%n Traces</numerusform>
        </translation>
    </message>
    <message>
        <source>Open a trace by its id</source>
        <translation>Einen Trace über seine ID öffnen</translation>
    </message>
    <message>
        <source>Enter opens it on the Trace page; Escape closes.</source>
        <translation>Eingabe öffnet ihn auf der Seite „Trace“; Escape schließt.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open Trace Files…</source>
        <translation>Trace-Dateien ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Import trace files</source>
        <translation>Trace-Dateien importieren</translation>
    </message>
    <message>
        <source>Trace files (*.json *.jsonl *.ndjson)</source>
        <translation>Trace-Dateien (*.json *.jsonl *.ndjson)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Drop trace files to import them</source>
        <translation>Trace-Dateien hier ablegen, um sie zu importieren</translation>
    </message>
    <message>
        <source>&amp;Connect to Server…</source>
        <translation>Mit Server &amp;verbinden…</translation>
    </message>
    <message>
        <source>Use the &amp;Local Server</source>
        <translation>&amp;Lokalen Server verwenden</translation>
    </message>
</context>
<context>
    <name>PerformanceView</name>
    <message>
        <source>Performance</source>
        <translation>Leistung</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Operation</translation>
    </message>
    <message>
        <source>One point per %1</source>
        <translation>Ein Punkt je %1</translation>
    </message>
    <message>
        <source>Slowest traces</source>
        <translation>Langsamste Traces</translation>
    </message>
    <message numerus="yes">
        <source>%n span(s)</source>
        <translation>
            <numerusform>%n Span</numerusform>
            <numerusform>%n Spans</numerusform>
        </translation>
    </message>
    <message>
        <source>Slowest operations</source>
        <translation>Langsamste Operationen</translation>
    </message>
    <message>
        <source>Avg</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>Max.</translation>
    </message>
    <message>
        <source>Spans</source>
        <translation>Spans</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>ServicesView</name>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Dienste</translation>
    </message>
    <message>
        <source>Upstream (callers)</source>
        <translation>Vorgelagert (Aufrufer)</translation>
    </message>
    <message>
        <source>Downstream (callees)</source>
        <translation>Nachgelagert (Aufgerufene)</translation>
    </message>
    <message>
        <source>Operations</source>
        <translation>Operationen</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Operation</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Avg</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>No requests in this time range.</source>
        <translation>Keine Anfragen in diesem Zeitraum.</translation>
    </message>
    <message>
        <source>Select a service to see its charts, its operations and the services it talks to.</source>
        <translation>Wählen Sie einen Dienst, um seine Diagramme, seine Operationen und die Dienste zu sehen, mit denen er spricht.</translation>
    </message>
    <message>
        <source>Open in Performance</source>
        <translation>In Leistung öffnen</translation>
    </message>
    <message>
        <source>Open %1 on the Performance page</source>
        <translation>%1 auf der Seite Leistung öffnen</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Endpoints of the embedded server</source>
        <translation>Endpunkte des eingebetteten Servers</translation>
    </message>
    <message>
        <source>REST API</source>
        <translation>REST-API</translation>
    </message>
    <message>
        <source>OTLP/HTTP</source>
        <translation>OTLP/HTTP</translation>
    </message>
    <message>
        <source>OTLP/gRPC</source>
        <translation>OTLP/gRPC</translation>
    </message>
    <message>
        <source>Zipkin</source>
        <translation>Zipkin</translation>
    </message>
    <message>
        <source>Jaeger</source>
        <translation>Jaeger</translation>
    </message>
    <message>
        <source>API token</source>
        <translation>API-Token</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>not running</source>
        <translation>läuft nicht</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Farbschema</translation>
    </message>
    <message>
        <source>Colour theme</source>
        <translation>Farbschema</translation>
    </message>
    <message>
        <source>System follows the desktop&apos;s light or dark palette.</source>
        <translation>„System“ folgt der hellen oder dunklen Palette des Desktops.</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>%1 kopieren</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keines</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Verbergen</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Zeigen</translation>
    </message>
    <message>
        <source>Hide the API token</source>
        <translation>Das API-Token verbergen</translation>
    </message>
    <message>
        <source>Show the API token</source>
        <translation>Das API-Token zeigen</translation>
    </message>
    <message>
        <source>Copy the API token</source>
        <translation>Das API-Token kopieren</translation>
    </message>
    <message>
        <source>Regenerate…</source>
        <translation>Neu erzeugen …</translation>
    </message>
    <message>
        <source>Regenerate the API token</source>
        <translation>Das API-Token neu erzeugen</translation>
    </message>
    <message>
        <source>Point a client at Spanlight</source>
        <translation>Einen Client auf Spanlight richten</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>no store</source>
        <translation>kein Speicher</translation>
    </message>
    <message>
        <source>Size on disk</source>
        <translation>Größe auf der Platte</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>The server&apos;s settings come from the command line, the environment and the settings file (spanlight --help lists them).</source>
        <translation>Die Einstellungen des Servers kommen von der Kommandozeile, aus der Umgebung und aus der Einstellungsdatei (spanlight --help listet sie auf).</translation>
    </message>
    <message>
        <source>Regenerate the API token?</source>
        <translation>Das API-Token neu erzeugen?</translation>
    </message>
    <message>
        <source>The running server accepts only the new token from now on; scripts and exporters that send the old one get 401 until they use the new one.</source>
        <translation>Der laufende Server akzeptiert ab sofort nur noch das neue Token; Skripte und Exporter, die das alte senden, erhalten 401, bis sie das neue verwenden.</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Neu erzeugen</translation>
    </message>
    <message>
        <source>Regenerate the API token now</source>
        <translation>Das API-Token jetzt neu erzeugen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Language of the console</source>
        <translation>Sprache der Konsole</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>Zeiten</translation>
    </message>
    <message>
        <source>Time zone of the times shown</source>
        <translation>Zeitzone der angezeigten Zeiten</translation>
    </message>
    <message>
        <source>Every page shows start times, time ranges and chart axes in this zone; the custom time range is entered in it too.</source>
        <translation>Alle Seiten zeigen Startzeiten, Zeiträume und Diagrammachsen in dieser Zone; auch der eigene Zeitraum wird in ihr eingegeben.</translation>
    </message>
    <message>
        <source>Ingest health</source>
        <translation>Zustand der Annahme</translation>
    </message>
    <message>
        <source>No client has sent spans since the server started.</source>
        <translation>Seit dem Start des Servers hat kein Client Spans gesendet.</translation>
    </message>
    <message>
        <source>Per sender since the server started: spans stored per second over the last minute, in total, and what was refused and why.</source>
        <translation>Je Sender seit dem Start des Servers: gespeicherte Spans pro Sekunde in der letzten Minute, insgesamt, und was abgelehnt wurde und warum.</translation>
    </message>
    <message>
        <source>%1 from %2 over %3: %4 stored, %5</source>
        <translation>%1 von %2 über %3: %4 gespeichert, %5</translation>
    </message>
    <message>
        <source>nothing refused</source>
        <translation>nichts abgelehnt</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 stored · last %2</source>
        <translation>%1 gespeichert · zuletzt %2</translation>
    </message>
    <message>
        <source>Desktop notifications</source>
        <translation>Desktop-Benachrichtigungen</translation>
    </message>
    <message>
        <source>Desktop notifications of alerts</source>
        <translation>Desktop-Benachrichtigungen bei Alarmen</translation>
    </message>
    <message>
        <source>A notification from the system tray when an alert fires or resolves, while the console runs. Without a system tray there are none.</source>
        <translation>Eine Benachrichtigung aus dem Systembereich, wenn ein Alarm auslöst oder endet, solange die Konsole läuft. Ohne Systembereich gibt es keine.</translation>
    </message>
</context>
<context>
    <name>Severity</name>
    <message>
        <source>critical</source>
        <translation>kritisch</translation>
    </message>
    <message>
        <source>high</source>
        <translation>hoch</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>mittel</translation>
    </message>
    <message>
        <source>low</source>
        <translation>niedrig</translation>
    </message>
</context>
<context>
    <name>SideBar</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>SpanDetails</name>
    <message>
        <source>No span selected</source>
        <translation>Kein Span ausgewählt</translation>
    </message>
    <message>
        <source>Span</source>
        <translation>Span</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>%1 (self %2)</source>
        <translation>%1 (selbst %2)</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Span ID</source>
        <translation>Span-ID</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>Eltern-Span</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Copy link</source>
        <translation>Link kopieren</translation>
    </message>
    <message>
        <source>Copy a link to this span</source>
        <translation>Einen Link auf diesen Span kopieren</translation>
    </message>
    <message>
        <source>Copies a spanlight:// link that opens this span (Ctrl+Shift+C)</source>
        <translation>Kopiert einen spanlight://-Link, der diesen Span öffnet (Ctrl+Shift+C)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>StatusHeader</name>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy %1 to the clipboard</source>
        <translation>%1 in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>REST API</source>
        <translation>REST-API</translation>
    </message>
    <message>
        <source>OTLP/HTTP</source>
        <translation>OTLP/HTTP</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>OTLP/gRPC</source>
        <translation>OTLP/gRPC</translation>
    </message>
    <message>
        <source>Zipkin</source>
        <translation>Zipkin</translation>
    </message>
    <message>
        <source>Jaeger</source>
        <translation>Jaeger</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Server: %1</translation>
    </message>
</context>
<context>
    <name>TimeRangeBar</name>
    <message>
        <source>Time range %1</source>
        <translation>Zeitraum %1</translation>
    </message>
</context>
<context>
    <name>TraceCompareView</name>
    <message>
        <source>Baseline</source>
        <translation>Basis</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>Kandidat</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Swap A and B</source>
        <translation>A und B tauschen</translation>
    </message>
    <message>
        <source>Swap the baseline and the candidate</source>
        <translation>Basis und Kandidat tauschen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Close the comparison and show the waterfall</source>
        <translation>Den Vergleich schließen und den Wasserfall zeigen</translation>
    </message>
    <message>
        <source>Back to the waterfall (Escape)</source>
        <translation>Zurück zum Wasserfall (Escape)</translation>
    </message>
    <message>
        <source>Span</source>
        <translation>Span</translation>
    </message>
    <message>
        <source>Sort by position in the trace</source>
        <translation>Nach Position im Trace sortieren</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>Sort by duration in A</source>
        <translation>Nach Dauer in A sortieren</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>Sort by duration in B</source>
        <translation>Nach Dauer in B sortieren</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Sort by change in duration</source>
        <translation>Nach Änderung der Dauer sortieren</translation>
    </message>
    <message>
        <source>Self</source>
        <translation>Eigen</translation>
    </message>
    <message>
        <source>Sort by change in self time</source>
        <translation>Nach Änderung der Eigenzeit sortieren</translation>
    </message>
    <message>
        <source>Spans of both traces, biggest regression first</source>
        <translation>Spans beider Traces, größte Verschlechterung zuerst</translation>
    </message>
    <message>
        <source>Comparing the traces…</source>
        <translation>Die Traces werden verglichen…</translation>
    </message>
    <message>
        <source>%1, A %2, B %3, %4</source>
        <translation>%1, A %2, B %3, %4</translation>
    </message>
</context>
<context>
    <name>TraceIdField</name>
    <message>
        <source>Trace id, 32 hex digits</source>
        <translation>Trace-ID, 32 Hexadezimalziffern</translation>
    </message>
    <message>
        <source>Trace id to open</source>
        <translation>Zu öffnende Trace-ID</translation>
    </message>
    <message>
        <source>That is not a trace id: it has 32 hexadecimal digits (0-9, a-f).</source>
        <translation>Das ist keine Trace-ID: Sie hat 32 Hexadezimalziffern (0–9, a–f).</translation>
    </message>
    <message>
        <source>Trace id to compare with</source>
        <translation>Trace-ID zum Vergleichen</translation>
    </message>
</context>
<context>
    <name>TraceList</name>
    <message numerus="yes">
        <source>%n span(s)</source>
        <translation>
            <numerusform>%n Span</numerusform>
            <numerusform>%n Spans</numerusform>
        </translation>
    </message>
    <message>
        <source>No traces yet</source>
        <translation>Noch keine Traces</translation>
    </message>
    <message>
        <source>Point an OpenTelemetry SDK at Spanlight with this variable, or load demo data to look around.</source>
        <translation>Richten Sie ein OpenTelemetry-SDK mit dieser Variable auf Spanlight, oder laden Sie Demodaten, um sich umzusehen.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the OTLP endpoint variable</source>
        <translation>Die Variable mit dem OTLP-Endpunkt kopieren</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n Fehler</numerusform>
            <numerusform>%n Fehler</numerusform>
        </translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Compare with open trace</source>
        <translation>Mit offenem Trace vergleichen</translation>
    </message>
</context>
<context>
    <name>TraceView</name>
    <message>
        <source>Trace</source>
        <translation>Trace</translation>
    </message>
    <message>
        <source>← %1</source>
        <translation>← %1</translation>
    </message>
    <message>
        <source>Back to %1</source>
        <translation>Zurück zu %1</translation>
    </message>
    <message>
        <source>Back to %1 (Alt+Left)</source>
        <translation>Zurück zu %1 (Alt+Links)</translation>
    </message>
    <message>
        <source>Copy id</source>
        <translation>ID kopieren</translation>
    </message>
    <message>
        <source>Copy the trace id</source>
        <translation>Die Trace-ID kopieren</translation>
    </message>
    <message>
        <source>Opening the trace…</source>
        <translation>Der Trace wird geöffnet …</translation>
    </message>
    <message>
        <source>No trace open</source>
        <translation>Kein Trace geöffnet</translation>
    </message>
    <message>
        <source>Open a trace from the Traces page (Ctrl+2), the Dashboard&apos;s newest traces, an error or the slowest traces, or enter its id here. Ctrl+K opens a trace by its id on every page.</source>
        <translation>Öffnen Sie einen Trace aus der Seite „Traces“ (Strg+2), den neuesten Traces des Dashboards, einem Fehler oder den langsamsten Traces, oder geben Sie hier seine ID ein. Strg+K öffnet einen Trace über seine ID auf jeder Seite.</translation>
    </message>
    <message>
        <source>%1 · started %2</source>
        <translation>%1 · gestartet %2</translation>
    </message>
    <message>
        <source>Export the trace as OTLP JSON</source>
        <translation>Den Trace als OTLP-JSON exportieren</translation>
    </message>
    <message>
        <source>OTLP JSON files (*.json)</source>
        <translation>OTLP-JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Export OTLP JSON…</source>
        <translation>OTLP-JSON exportieren…</translation>
    </message>
    <message>
        <source>Export the trace as an OTLP JSON file</source>
        <translation>Den Trace als OTLP-JSON-Datei exportieren</translation>
    </message>
    <message>
        <source>Save the trace as an OTLP/JSON export request (Ctrl+Shift+E)</source>
        <translation>Den Trace als OTLP/JSON-Exportanfrage speichern (Strg+Umschalt+E)</translation>
    </message>
    <message>
        <source>Compare the open trace with another</source>
        <translation>Den offenen Trace mit einem anderen vergleichen</translation>
    </message>
    <message>
        <source>The open trace is A, the baseline; this one is B. Enter compares; Escape closes. On the Traces page, Ctrl+Enter on a result compares it with the open trace.</source>
        <translation>Der offene Trace ist A, die Basis; dieser ist B. Enter vergleicht, Escape schließt. Auf der Seite „Traces“ vergleicht Strg+Enter ein Ergebnis mit dem offenen Trace.</translation>
    </message>
    <message>
        <source>Compare with…</source>
        <translation>Vergleichen mit…</translation>
    </message>
    <message>
        <source>Compare the trace with another trace</source>
        <translation>Den Trace mit einem anderen Trace vergleichen</translation>
    </message>
    <message>
        <source>No note on this trace</source>
        <translation>Keine Notiz zu diesem Trace</translation>
    </message>
    <message>
        <source>What is notable about this trace?</source>
        <translation>Was ist an diesem Trace bemerkenswert?</translation>
    </message>
    <message>
        <source>Note on the trace</source>
        <translation>Notiz zum Trace</translation>
    </message>
    <message>
        <source>Edit note</source>
        <translation>Notiz bearbeiten</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Notiz hinzufügen</translation>
    </message>
    <message>
        <source>Write a note on this trace (Ctrl+Shift+N)</source>
        <translation>Eine Notiz zu diesem Trace schreiben (Strg+Umschalt+N)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Save the note (Ctrl+Enter)</source>
        <translation>Die Notiz speichern (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancel editing the note</source>
        <translation>Das Bearbeiten der Notiz abbrechen</translation>
    </message>
    <message>
        <source>Delete note</source>
        <translation>Notiz löschen</translation>
    </message>
    <message>
        <source>Delete the note on this trace</source>
        <translation>Die Notiz zu diesem Trace löschen</translation>
    </message>
    <message>
        <source>Compare span durations with another trace (Ctrl+Shift+K)</source>
        <translation>Span-Dauern mit einem anderen Trace vergleichen (Strg+Umschalt+K)</translation>
    </message>
</context>
<context>
    <name>TracesView</name>
    <message>
        <source>Traces</source>
        <translation>Traces</translation>
    </message>
    <message>
        <source>Search the last %1</source>
        <translation>Die letzten %1 durchsuchen</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Eigener</translation>
    </message>
    <message>
        <source>Custom time range</source>
        <translation>Eigener Zeitraum</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Operation</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>yyyy-MM-dd HH:mm</source>
        <translation>JJJJ-MM-TT HH:mm</translation>
    </message>
    <message>
        <source>From (local time)</source>
        <translation>Von (Ortszeit)</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>To (local time)</source>
        <translation>Bis (Ortszeit)</translation>
    </message>
    <message>
        <source>Min duration (ms)</source>
        <translation>Mindestdauer (ms)</translation>
    </message>
    <message>
        <source>e.g. 100</source>
        <translation>z. B. 100</translation>
    </message>
    <message>
        <source>Minimum duration in milliseconds</source>
        <translation>Mindestdauer in Millisekunden</translation>
    </message>
    <message>
        <source>Max duration (ms)</source>
        <translation>Höchstdauer (ms)</translation>
    </message>
    <message>
        <source>e.g. 2000</source>
        <translation>z. B. 2000</translation>
    </message>
    <message>
        <source>Maximum duration in milliseconds</source>
        <translation>Höchstdauer in Millisekunden</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>Limit</translation>
    </message>
    <message>
        <source>Most traces to find</source>
        <translation>Höchstens so viele Traces finden</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Search traces</source>
        <translation>Traces suchen</translation>
    </message>
    <message>
        <source>Duration over start time of the results; click a point to open its trace</source>
        <translation>Dauer über Startzeit der Ergebnisse; ein Klick auf einen Punkt öffnet seinen Trace</translation>
    </message>
    <message>
        <source>Tags (root span)</source>
        <translation>Tags (Wurzel-Span)</translation>
    </message>
    <message>
        <source>e.g. http.status_code=500</source>
        <translation>z. B. http.status_code=500</translation>
    </message>
    <message>
        <source>Tags of the root span, key=value separated by spaces</source>
        <translation>Tags des Wurzel-Spans, Schlüssel=Wert durch Leerzeichen getrennt</translation>
    </message>
    <message>
        <source>Min spans</source>
        <translation>Min. Spans</translation>
    </message>
    <message>
        <source>Fewest spans a trace has</source>
        <translation>Wenigste Spans eines Traces</translation>
    </message>
    <message>
        <source>Max spans</source>
        <translation>Max. Spans</translation>
    </message>
    <message>
        <source>Most spans a trace has</source>
        <translation>Meiste Spans eines Traces</translation>
    </message>
    <message>
        <source>Min errors</source>
        <translation>Min. Fehler</translation>
    </message>
    <message>
        <source>Fewest failed spans a trace has</source>
        <translation>Wenigste fehlgeschlagene Spans eines Traces</translation>
    </message>
    <message>
        <source>Max errors</source>
        <translation>Max. Fehler</translation>
    </message>
    <message>
        <source>Most failed spans a trace has</source>
        <translation>Meiste fehlgeschlagene Spans eines Traces</translation>
    </message>
    <message>
        <source>Saved searches</source>
        <translation>Gespeicherte Suchen</translation>
    </message>
    <message>
        <source>None saved yet</source>
        <translation>Noch keine gespeichert</translation>
    </message>
    <message>
        <source>Saved searches; choosing one applies it</source>
        <translation>Gespeicherte Suchen; eine Auswahl wendet sie an</translation>
    </message>
    <message>
        <source>Name of this search</source>
        <translation>Name dieser Suche</translation>
    </message>
    <message>
        <source>Name to save this search under</source>
        <translation>Name, unter dem diese Suche gespeichert wird</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Save the form as a search with this name</source>
        <translation>Das Formular als Suche mit diesem Namen speichern</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Rename the chosen saved search to this name</source>
        <translation>Die gewählte gespeicherte Suche in diesen Namen umbenennen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete the chosen saved search</source>
        <translation>Die gewählte gespeicherte Suche löschen</translation>
    </message>
    <message>
        <source>Sort by:</source>
        <translation>Sortieren nach:</translation>
    </message>
    <message>
        <source>Sorted by %1, largest first; press to flip</source>
        <translation>Sortiert nach %1, größte zuerst; drücken zum Umkehren</translation>
    </message>
    <message>
        <source>Sorted by %1, smallest first; press to flip</source>
        <translation>Sortiert nach %1, kleinste zuerst; drücken zum Umkehren</translation>
    </message>
    <message>
        <source>Sort the results by %1</source>
        <translation>Die Ergebnisse nach %1 sortieren</translation>
    </message>
    <message>
        <source>Has note</source>
        <translation>Mit Notiz</translation>
    </message>
    <message>
        <source>Only traces with a note</source>
        <translation>Nur Traces mit einer Notiz</translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <source>No requests in this time range</source>
        <translation>Keine Anfragen in diesem Zeitraum</translation>
    </message>
</context>
<context>
    <name>TrendChartRow</name>
    <message>
        <source>Latency (ms)</source>
        <translation>Latenz (ms)</translation>
    </message>
    <message>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <source>avg</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <source>p99</source>
        <translation>p99</translation>
    </message>
    <message>
        <source>Error rate (%)</source>
        <translation>Fehlerrate (%)</translation>
    </message>
    <message>
        <source>error rate</source>
        <translation>Fehlerrate</translation>
    </message>
    <message>
        <source>Throughput (per second)</source>
        <translation>Durchsatz (pro Sekunde)</translation>
    </message>
    <message>
        <source>throughput</source>
        <translation>Durchsatz</translation>
    </message>
</context>
<context>
    <name>Waterfall</name>
    <message numerus="yes">
        <source>%n span(s)</source>
        <translation>
            <numerusform>%n Span</numerusform>
            <numerusform>%n Spans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n service(s)</source>
        <translation>
            <numerusform>%n Dienst</numerusform>
            <numerusform>%n Dienste</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, self time %2</source>
        <translation>%1, Eigenzeit %2</translation>
    </message>
    <message>
        <source>Self time</source>
        <translation>Eigenzeit</translation>
    </message>
    <message>
        <source>Self time by service</source>
        <translation>Eigenzeit nach Dienst</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <source>Zoom out (-)</source>
        <translation>Verkleinern (-)</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <source>Zoom in (+, Ctrl+wheel, or drag across the ruler)</source>
        <translation>Vergrößern (+, Strg+Mausrad oder über das Lineal ziehen)</translation>
    </message>
    <message>
        <source>Zoom to span</source>
        <translation>Auf Span zoomen</translation>
    </message>
    <message>
        <source>Zoom to the selected span</source>
        <translation>Auf den ausgewählten Span zoomen</translation>
    </message>
    <message>
        <source>Show the selected span across the width (Z)</source>
        <translation>Den ausgewählten Span über die ganze Breite zeigen (Z)</translation>
    </message>
    <message>
        <source>Whole trace</source>
        <translation>Ganzer Trace</translation>
    </message>
    <message>
        <source>Show the whole trace</source>
        <translation>Den ganzen Trace zeigen</translation>
    </message>
    <message>
        <source>Show the whole trace (0)</source>
        <translation>Den ganzen Trace zeigen (0)</translation>
    </message>
    <message>
        <source>Minimap of the trace; drag to choose the part shown</source>
        <translation>Übersicht des Traces; ziehen, um den gezeigten Ausschnitt zu wählen</translation>
    </message>
</context>
<context>
    <name>spanlight::AlertNotifier</name>
    <message>
        <source>Alert firing: %1</source>
        <translation>Alarm ausgelöst: %1</translation>
    </message>
    <message>
        <source>Alert resolved: %1</source>
        <translation>Alarm beendet: %1</translation>
    </message>
    <message>
        <source>every service</source>
        <translation>jeder Dienst</translation>
    </message>
    <message>
        <source>%1 of %2: %3</source>
        <translation>%1 von %2: %3</translation>
    </message>
</context>
<context>
    <name>spanlight::AlertRuleModel</name>
    <message>
        <source>error rate</source>
        <translation>Fehlerrate</translation>
    </message>
    <message>
        <source>latency p50</source>
        <translation>Latenz p50</translation>
    </message>
    <message>
        <source>latency p95</source>
        <translation>Latenz p95</translation>
    </message>
    <message>
        <source>latency p99</source>
        <translation>Latenz p99</translation>
    </message>
    <message>
        <source>throughput</source>
        <translation>Durchsatz</translation>
    </message>
    <message>
        <source>new error types</source>
        <translation>neue Fehlertypen</translation>
    </message>
    <message>
        <source>anomaly score</source>
        <translation>Anomaliewert</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>firing</source>
        <translation>ausgelöst</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>inaktiv</translation>
    </message>
    <message>
        <source>every service</source>
        <translation>jeder Dienst</translation>
    </message>
    <message>
        <source>at once</source>
        <translation>sofort</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>beendet</translation>
    </message>
    <message>
        <source>observed %1</source>
        <translation>gemessen %1</translation>
    </message>
    <message>
        <source>resolved at %1</source>
        <translation>beendet bei %1</translation>
    </message>
    <message numerus="yes">
        <source>webhooks: %n delivered</source>
        <translation>
            <numerusform>Webhooks: %n zugestellt</numerusform>
            <numerusform>Webhooks: %n zugestellt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n fehlgeschlagen</numerusform>
            <numerusform>%n fehlgeschlagen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>spanlight::AlertTray</name>
    <message>
        <source>Show Spanlight</source>
        <translation>Spanlight zeigen</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alarme</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
</context>
<context>
    <name>spanlight::AlertsPage</name>
    <message>
        <source>All alerts</source>
        <translation>Alle Alarme</translation>
    </message>
    <message>
        <source>Firing</source>
        <translation>Ausgelöst</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Beendet</translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s)</source>
        <translation>
            <numerusform>%n Regel</numerusform>
            <numerusform>%n Regeln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n firing</source>
        <translation>
            <numerusform>%n ausgelöst</numerusform>
            <numerusform>%n ausgelöst</numerusform>
        </translation>
    </message>
    <message>
        <source>Not connected to a server.</source>
        <translation>Nicht mit einem Server verbunden.</translation>
    </message>
    <message>
        <source>Loading alerts…</source>
        <translation>Alarme werden geladen …</translation>
    </message>
    <message>
        <source>Nothing is firing.</source>
        <translation>Nichts ist ausgelöst.</translation>
    </message>
    <message>
        <source>No alert has fired yet.</source>
        <translation>Noch kein Alarm ausgelöst.</translation>
    </message>
    <message>
        <source>Error rate above 5 %</source>
        <translation>Fehlerrate über 5 %</translation>
    </message>
    <message>
        <source>For example: fire when the error rate of any service stays above 5 % for 5 minutes. The server checks every rule once a minute; the console tells you when one fires.</source>
        <translation>Zum Beispiel: auslösen, wenn die Fehlerrate eines Dienstes 5 Minuten lang über 5 % bleibt. Der Server prüft jede Regel einmal pro Minute; die Konsole meldet, wenn eine auslöst.</translation>
    </message>
</context>
<context>
    <name>spanlight::AnomalyMarkerModel</name>
    <message>
        <source>%1 anomaly in %2 %3 (%4): observed %5, expected %6</source>
        <translation>%1-Anomalie in %2 %3 (%4): beobachtet %5, erwartet %6</translation>
    </message>
</context>
<context>
    <name>spanlight::AnomalyModel</name>
    <message>
        <source>observed %1</source>
        <translation>beobachtet %1</translation>
    </message>
    <message>
        <source>expected %1</source>
        <translation>erwartet %1</translation>
    </message>
    <message>
        <source>score %1</source>
        <translation>Wert %1</translation>
    </message>
    <message>
        <source>+%1 in %2 %3</source>
        <translation>+%1 in %2 %3</translation>
    </message>
    <message>
        <source>Self time grew: %1</source>
        <translation>Eigenzeit gestiegen: %1</translation>
    </message>
</context>
<context>
    <name>spanlight::ConsoleController</name>
    <message>
        <source>Insights</source>
        <translation>Erkenntnisse</translation>
    </message>
    <message>
        <source>Not connected to a server</source>
        <translation>Mit keinem Server verbunden</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <source>%1 spans/s</source>
        <translation>%1 Spans/s</translation>
    </message>
    <message>
        <source>Trace %1 is not (or no longer) stored</source>
        <translation>Trace %1 ist nicht (mehr) gespeichert</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Traces</source>
        <translation>Traces</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Dienste</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Dependencies</source>
        <translation>Abhängigkeiten</translation>
    </message>
    <message>
        <source>Performance</source>
        <translation>Leistung</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message numerus="yes">
        <source>Demo data loaded: %n span(s)</source>
        <translation>
            <numerusform>Demodaten geladen: %n Span</numerusform>
            <numerusform>Demodaten geladen: %n Spans</numerusform>
        </translation>
    </message>
    <message>
        <source>in %1 s</source>
        <translation>in %1 s</translation>
    </message>
    <message>
        <source>Loading demo data failed: %1</source>
        <translation>Laden der Demodaten fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Loading demo data…</source>
        <translation>Demodaten werden geladen…</translation>
    </message>
    <message>
        <source>Trace</source>
        <translation>Trace</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n span(s) to %1</source>
        <translation>
            <numerusform>%n Span nach %1 exportiert</numerusform>
            <numerusform>%n Spans nach %1 exportiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Only local files can be imported: %1</source>
        <translation>Nur lokale Dateien können importiert werden: %1</translation>
    </message>
    <message>
        <source>Importing needs the embedded server&apos;s store.</source>
        <translation>Zum Importieren wird der Speicher des eingebetteten Servers benötigt.</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>%1 wird importiert…</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln span(s) from %1</source>
        <translation>
            <numerusform>%Ln Span aus %1 importiert</numerusform>
            <numerusform>%Ln Spans aus %1 importiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%Ln trace(s)).</source>
        <translation>
            <numerusform>(%Ln Trace).</numerusform>
            <numerusform>(%Ln Traces).</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not import %1: %2</source>
        <translation>%1 konnte nicht importiert werden: %2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln span(s) were stored before that.</source>
        <translation>
            <numerusform>Davor wurde %Ln Span gespeichert.</numerusform>
            <numerusform>Davor wurden %Ln Spans gespeichert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln span(s) rejected: %1</source>
        <translation>
            <numerusform>%Ln Span abgewiesen: %1</numerusform>
            <numerusform>%Ln Spans abgewiesen: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>Import abgeschlossen</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>Import fehlgeschlagen</translation>
    </message>
    <message>
        <source>By %1, %2</source>
        <translation>Von %1, %2</translation>
    </message>
    <message>
        <source>The note is too long: at most %1 bytes</source>
        <translation>Die Notiz ist zu lang: höchstens %1 Bytes</translation>
    </message>
    <message>
        <source>The trace is no longer stored</source>
        <translation>Der Trace ist nicht mehr gespeichert</translation>
    </message>
    <message>
        <source>Live from %1</source>
        <translation>Live von %1</translation>
    </message>
    <message>
        <source>The note was not saved: %1</source>
        <translation>Die Notiz wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Open a trace first, then compare another trace with it</source>
        <translation>Zuerst einen Trace öffnen, dann einen anderen Trace damit vergleichen</translation>
    </message>
    <message>
        <source>The spans below could not be loaded</source>
        <translation>Die Spans darunter konnten nicht geladen werden</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alarme</translation>
    </message>
</context>
<context>
    <name>spanlight::ConsolePage</name>
    <message>
        <source>15 min</source>
        <translation>15 Min.</translation>
    </message>
    <message>
        <source>1 h</source>
        <translation>1 Std.</translation>
    </message>
    <message>
        <source>6 h</source>
        <translation>6 Std.</translation>
    </message>
    <message>
        <source>24 h</source>
        <translation>24 Std.</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7 Tage</translation>
    </message>
</context>
<context>
    <name>spanlight::ConsoleSettings</name>
    <message>
        <source>System</source>
        <translation>System</translation>
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
        <source>System language</source>
        <translation>Sprache des Systems</translation>
    </message>
    <message>
        <source>Local time</source>
        <translation>Ortszeit</translation>
    </message>
    <message>
        <source>Local time (%1)</source>
        <translation>Ortszeit (%1)</translation>
    </message>
    <message>
        <source>UTC</source>
        <translation>UTC</translation>
    </message>
</context>
<context>
    <name>spanlight::DashboardPage</name>
    <message>
        <source>Spans per second</source>
        <translation>Spans pro Sekunde</translation>
    </message>
    <message numerus="yes">
        <source>%Ln span(s)</source>
        <translation>
            <numerusform>%Ln Span</numerusform>
            <numerusform>%Ln Spans</numerusform>
        </translation>
    </message>
    <message>
        <source>Traces</source>
        <translation>Traces</translation>
    </message>
    <message>
        <source>%1 a minute</source>
        <translation>%1 pro Minute</translation>
    </message>
    <message>
        <source>Error rate</source>
        <translation>Fehlerrate</translation>
    </message>
    <message>
        <source>p95 latency</source>
        <translation>p95-Latenz</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln request(s) failed</source>
        <translation>
            <numerusform>%1 von %Ln Anfrage fehlgeschlagen</numerusform>
            <numerusform>%1 von %Ln Anfragen fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message>
        <source>p50 %1 · p99 %2</source>
        <translation>p50 %1 · p99 %2</translation>
    </message>
    <message>
        <source>No requests</source>
        <translation>Keine Anfragen</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>No spans yet</source>
        <translation>Noch keine Spans</translation>
    </message>
    <message>
        <source>Nothing in the last 15 minutes</source>
        <translation>Nichts in den letzten 15 Minuten</translation>
    </message>
    <message>
        <source>The console is not attached to a server, so there is nothing to show.</source>
        <translation>Die Konsole ist mit keinem Server verbunden, darum gibt es nichts zu zeigen.</translation>
    </message>
    <message>
        <source>Zipkin and Jaeger clients work too; Settings (Ctrl+8) lists every endpoint.</source>
        <translation>Zipkin- und Jaeger-Clients gehen auch; die Einstellungen (Strg+8) nennen jeden Endpunkt.</translation>
    </message>
    <message>
        <source>Point an OpenTelemetry SDK at Spanlight and these figures fill in within seconds: set the variable below in your service&apos;s environment.</source>
        <translation>Richten Sie ein OpenTelemetry-SDK auf Spanlight, und diese Werte füllen sich binnen Sekunden: Setzen Sie die Variable unten in der Umgebung Ihres Dienstes.</translation>
    </message>
    <message numerus="yes">
        <source>The store holds %Ln trace(s) from earlier; the Traces page (Ctrl+2) lists them. New spans show up here within seconds.</source>
        <translation>
            <numerusform>Der Speicher enthält %Ln älteren Trace; die Seite Traces (Strg+2) listet ihn. Neue Spans erscheinen hier binnen Sekunden.</numerusform>
            <numerusform>Der Speicher enthält %Ln ältere Traces; die Seite Traces (Strg+2) listet sie. Neue Spans erscheinen hier binnen Sekunden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln error(s)</source>
        <translation>
            <numerusform>%Ln Fehler</numerusform>
            <numerusform>%Ln Fehler</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Last 15 minutes · live, every %Ln second(s)</source>
        <translation>
            <numerusform>Letzte 15 Minuten · live, jede Sekunde</numerusform>
            <numerusform>Letzte 15 Minuten · live, alle %Ln Sekunden</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>spanlight::DependenciesPage</name>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message numerus="yes">
        <source>%Ln request(s)</source>
        <translation>
            <numerusform>%Ln Anfrage</numerusform>
            <numerusform>%Ln Anfragen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 errors</source>
        <translation>%1 Fehler</translation>
    </message>
    <message numerus="yes">
        <source>%Ln call(s)</source>
        <translation>
            <numerusform>%Ln Aufruf</numerusform>
            <numerusform>%Ln Aufrufe</numerusform>
        </translation>
    </message>
    <message>
        <source>Not connected to a server.</source>
        <translation>Nicht mit einem Server verbunden.</translation>
    </message>
    <message>
        <source>Loading the dependency graph…</source>
        <translation>Der Abhängigkeitsgraph wird geladen …</translation>
    </message>
    <message>
        <source>No calls between services in this time range.</source>
        <translation>Keine Aufrufe zwischen Diensten in diesem Zeitraum.</translation>
    </message>
    <message>
        <source>External system</source>
        <translation>Externes System</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>avg %1</source>
        <translation>Mittel %1</translation>
    </message>
    <message>
        <source>self %1</source>
        <translation>selbst %1</translation>
    </message>
</context>
<context>
    <name>spanlight::ErrorOriginModel</name>
    <message>
        <source>%1 of %2 errors start in %3: %4</source>
        <translation>%1 der Fehler von %2 beginnen in %3: %4</translation>
    </message>
    <message>
        <source>%1 of the errors start in %2: %3</source>
        <translation>%1 der Fehler beginnen in %2: %3</translation>
    </message>
</context>
<context>
    <name>spanlight::ErrorsPage</name>
    <message>
        <source>All services</source>
        <translation>Alle Dienste</translation>
    </message>
    <message>
        <source>All severities</source>
        <translation>Alle Schweregrade</translation>
    </message>
    <message numerus="yes">
        <source>%Ln error(s)</source>
        <translation>
            <numerusform>%Ln Fehler</numerusform>
            <numerusform>%Ln Fehler</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln group(s)</source>
        <translation>
            <numerusform>%Ln Gruppe</numerusform>
            <numerusform>%Ln Gruppen</numerusform>
        </translation>
    </message>
    <message>
        <source>Groups count the newest %1 errors of %2.</source>
        <translation>Die Gruppen zählen die neuesten %1 von %2 Fehlern.</translation>
    </message>
    <message>
        <source>Not connected to a server.</source>
        <translation>Nicht mit einem Server verbunden.</translation>
    </message>
    <message>
        <source>Loading errors…</source>
        <translation>Fehler werden geladen …</translation>
    </message>
    <message>
        <source>No errors in this time range. Good.</source>
        <translation>Keine Fehler in diesem Zeitraum. Gut so.</translation>
    </message>
</context>
<context>
    <name>spanlight::IngestSenderModel</name>
    <message>
        <source>import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>(no service known)</source>
        <translation>(kein Dienst bekannt)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln invalid</source>
        <comment>spans</comment>
        <translation>
            <numerusform>%Ln ungültig</numerusform>
            <numerusform>%Ln ungültig</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln over the request limit</source>
        <comment>spans</comment>
        <translation>
            <numerusform>%Ln über der Anfragegrenze</numerusform>
            <numerusform>%Ln über der Anfragegrenze</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln sampled out</source>
        <comment>spans</comment>
        <translation>
            <numerusform>%Ln durch Sampling verworfen</numerusform>
            <numerusform>%Ln durch Sampling verworfen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln rate-limited</source>
        <comment>spans</comment>
        <translation>
            <numerusform>%Ln durch die Ratenbegrenzung abgelehnt</numerusform>
            <numerusform>%Ln durch die Ratenbegrenzung abgelehnt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln refused while overloaded</source>
        <comment>spans</comment>
        <translation>
            <numerusform>%Ln bei Überlastung abgelehnt</numerusform>
            <numerusform>%Ln bei Überlastung abgelehnt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln not stored (store failure)</source>
        <comment>spans</comment>
        <translation>
            <numerusform>%Ln nicht gespeichert (Speicherfehler)</numerusform>
            <numerusform>%Ln nicht gespeichert (Speicherfehler)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln malformed request(s)</source>
        <translation>
            <numerusform>%Ln fehlerhafte Anfrage</numerusform>
            <numerusform>%Ln fehlerhafte Anfragen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln oversized request(s)</source>
        <translation>
            <numerusform>%Ln zu große Anfrage</numerusform>
            <numerusform>%Ln zu große Anfragen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln unauthorized request(s)</source>
        <translation>
            <numerusform>%Ln nicht autorisierte Anfrage</numerusform>
            <numerusform>%Ln nicht autorisierte Anfragen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln unsupported request(s)</source>
        <translation>
            <numerusform>%Ln nicht unterstützte Anfrage</numerusform>
            <numerusform>%Ln nicht unterstützte Anfragen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln request(s) refused while busy</source>
        <translation>
            <numerusform>%Ln Anfrage bei Auslastung abgelehnt</numerusform>
            <numerusform>%Ln Anfragen bei Auslastung abgelehnt</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>spanlight::InsightModels</name>
    <message numerus="yes">
        <source>in %n trace(s)</source>
        <translation>
            <numerusform>in %n Trace</numerusform>
            <numerusform>in %n Traces</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n Fehler</numerusform>
            <numerusform>%n Fehler</numerusform>
        </translation>
    </message>
    <message>
        <source>since %1</source>
        <translation>seit %1</translation>
    </message>
    <message>
        <source>p95 latency</source>
        <translation>p95-Latenz</translation>
    </message>
    <message>
        <source>p50 latency</source>
        <translation>p50-Latenz</translation>
    </message>
    <message>
        <source>error rate</source>
        <translation>Fehlerrate</translation>
    </message>
    <message>
        <source>throughput</source>
        <translation>Durchsatz</translation>
    </message>
</context>
<context>
    <name>spanlight::InsightsPage</name>
    <message>
        <source>All services</source>
        <translation>Alle Dienste</translation>
    </message>
    <message numerus="yes">
        <source>%n anomaly(s)</source>
        <translation>
            <numerusform>%n Anomalie</numerusform>
            <numerusform>%n Anomalien</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n regression(s)</source>
        <translation>
            <numerusform>%n Regression</numerusform>
            <numerusform>%n Regressionen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n recommendation(s)</source>
        <translation>
            <numerusform>%n Empfehlung</numerusform>
            <numerusform>%n Empfehlungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error origin(s)</source>
        <translation>
            <numerusform>%n Fehlerursprung</numerusform>
            <numerusform>%n Fehlerursprünge</numerusform>
        </translation>
    </message>
    <message>
        <source>No errors in this time range.</source>
        <translation>Keine Fehler in diesem Zeitraum.</translation>
    </message>
    <message numerus="yes">
        <source>Each of the %n error(s) followed down its trace to the span where it started.</source>
        <translation>
            <numerusform>Der %n Fehler wurde in seinem Trace bis zu dem Span verfolgt, in dem er begann.</numerusform>
            <numerusform>Jeder der %n Fehler wurde in seinem Trace bis zu dem Span verfolgt, in dem er begann.</numerusform>
        </translation>
    </message>
    <message>
        <source>The newest %1 of %2 errors followed down their traces to the span where they started.</source>
        <translation>Die neuesten %1 von %2 Fehlern wurden in ihren Traces bis zu dem Span verfolgt, in dem sie begannen.</translation>
    </message>
    <message numerus="yes">
        <source>From the newest %n trace(s) of the time range.</source>
        <translation>
            <numerusform>Aus dem neuesten %n Trace des Zeitraums.</numerusform>
            <numerusform>Aus den neuesten %n Traces des Zeitraums.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not connected to a server.</source>
        <translation>Nicht mit einem Server verbunden.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>Nothing unusual in this time range. This page compares every operation&apos;s latency, error rate and throughput with its own recent baseline, compares them before and after a service.version change, checks the traces for N+1 calls, sequential calls that could run in parallel, slow statements, retry storms, large fan-out and uninstrumented time, and follows errors to the span where they start. Pick a longer range, or send more traffic: Settings (Ctrl+8) lists the endpoints.</source>
        <translation>Nichts Ungewöhnliches in diesem Zeitraum. Diese Seite vergleicht Latenz, Fehlerrate und Durchsatz jeder Operation mit ihrer eigenen jüngsten Baseline, vergleicht sie vor und nach einem Wechsel von service.version, prüft die Traces auf N+1-Aufrufe, sequenzielle Aufrufe, die parallel laufen könnten, langsame Anweisungen, Wiederholungsstürme, großes Fan-out und nicht instrumentierte Zeit und verfolgt Fehler bis zu dem Span, in dem sie beginnen. Wählen Sie einen längeren Zeitraum oder senden Sie mehr Verkehr: Einstellungen (Ctrl+8) listet die Endpunkte.</translation>
    </message>
</context>
<context>
    <name>spanlight::PerformancePage</name>
    <message>
        <source>All services</source>
        <translation>Alle Dienste</translation>
    </message>
    <message>
        <source>All operations</source>
        <translation>Alle Operationen</translation>
    </message>
    <message>
        <source>Requests of every service</source>
        <translation>Anfragen aller Dienste</translation>
    </message>
    <message>
        <source>Requests of %1</source>
        <translation>Anfragen von %1</translation>
    </message>
    <message>
        <source>Every span of %1 in %2</source>
        <translation>Jeder Span von %1 in %2</translation>
    </message>
    <message>
        <source>one point per %1</source>
        <translation>ein Punkt je %1</translation>
    </message>
    <message>
        <source>Not connected to a server.</source>
        <translation>Nicht mit einem Server verbunden.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>No spans in this time range. Pick a longer range, or send spans: Settings (Ctrl+8) lists the endpoints.</source>
        <translation>Keine Spans in diesem Zeitraum. Wählen Sie einen längeren Zeitraum, oder senden Sie Spans: Die Einstellungen (Strg+8) nennen die Endpunkte.</translation>
    </message>
</context>
<context>
    <name>spanlight::RecommendationModel</name>
    <message>
        <source>N+1 calls</source>
        <translation>N+1-Aufrufe</translation>
    </message>
    <message>
        <source>Sequential calls</source>
        <translation>Sequenzielle Aufrufe</translation>
    </message>
    <message>
        <source>Slow statement</source>
        <translation>Langsame Anweisung</translation>
    </message>
    <message>
        <source>Retry storm</source>
        <translation>Wiederholungssturm</translation>
    </message>
    <message>
        <source>Large fan-out</source>
        <translation>Großes Fan-out</translation>
    </message>
    <message>
        <source>Uninstrumented time</source>
        <translation>Nicht instrumentierte Zeit</translation>
    </message>
    <message>
        <source>saves ~%1 per trace</source>
        <translation>spart ~%1 pro Trace</translation>
    </message>
</context>
<context>
    <name>spanlight::RegressionModel</name>
    <message>
        <source>level shift</source>
        <translation>Niveauverschiebung</translation>
    </message>
    <message>
        <source>no version</source>
        <translation>keine Version</translation>
    </message>
    <message>
        <source>since %1</source>
        <translation>seit %1</translation>
    </message>
</context>
<context>
    <name>spanlight::RemoteConnection</name>
    <message>
        <source>local</source>
        <translation>lokal</translation>
    </message>
    <message>
        <source>Attached to %1. Demo data and file import are off: they write to the local store.</source>
        <translation>Mit %1 verbunden. Demodaten und Dateiimport sind aus: Sie schreiben in den lokalen Speicher.</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address, such as https://spanlight.example:8007</source>
        <translation>Geben Sie die Adresse des Servers ein, etwa https://spanlight.example:8007</translation>
    </message>
    <message>
        <source>on %1</source>
        <translation>auf %1</translation>
    </message>
    <message>
        <source>Status of %1</source>
        <translation>Status von %1</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <source>Traces stored</source>
        <translation>Gespeicherte Traces</translation>
    </message>
    <message>
        <source>Active traces (last 5 minutes)</source>
        <translation>Aktive Traces (letzte 5 Minuten)</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Not running</source>
        <translation>Läuft nicht</translation>
    </message>
</context>
<context>
    <name>spanlight::RemoteTraceSource</name>
    <message>
        <source>not an http:// or https:// address: %1</source>
        <translation>keine http://- oder https://-Adresse: %1</translation>
    </message>
    <message>
        <source>no PEM certificate in %1</source>
        <translation>kein PEM-Zertifikat in %1</translation>
    </message>
    <message>
        <source>the answer of %1 is larger than %2 MB</source>
        <translation>die Antwort auf %1 ist größer als %2 MB</translation>
    </message>
    <message>
        <source>no answer from %1 within %2 s</source>
        <translation>keine Antwort von %1 innerhalb von %2 s</translation>
    </message>
    <message>
        <source>TLS failure with %1: %2</source>
        <translation>TLS-Fehler mit %1: %2</translation>
    </message>
    <message>
        <source>%1 refused the token (401): %2</source>
        <translation>%1 hat das Token abgelehnt (401): %2</translation>
    </message>
    <message>
        <source>the token may not read from %1 (403): %2</source>
        <translation>das Token darf nicht von %1 lesen (403): %2</translation>
    </message>
    <message>
        <source>%1 answered %2 to %3: %4</source>
        <translation>%1 antwortete %2 auf %3: %4</translation>
    </message>
    <message>
        <source>%1 refused the connection (is spanlightd running there?)</source>
        <translation>%1 hat die Verbindung abgelehnt (läuft dort spanlightd?)</translation>
    </message>
    <message>
        <source>no host named %1</source>
        <translation>kein Host namens %1</translation>
    </message>
    <message>
        <source>cannot reach %1: %2</source>
        <translation>%1 nicht erreichbar: %2</translation>
    </message>
    <message>
        <source>%1 did not answer %2 with a JSON object: %3</source>
        <translation>%1 hat %2 nicht mit einem JSON-Objekt beantwortet: %3</translation>
    </message>
    <message>
        <source>not an object</source>
        <translation>kein Objekt</translation>
    </message>
    <message>
        <source>the server has no trend granularity of %1 s</source>
        <translation>der Server hat keine Trend-Granularität von %1 s</translation>
    </message>
    <message>
        <source>the token may not make changes on %1 (403): %2</source>
        <translation>das Token darf auf %1 nichts ändern (403): %2</translation>
    </message>
</context>
<context>
    <name>spanlight::ServiceTableModel</name>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Req/s</source>
        <translation>Anfr./s</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <source>p99</source>
        <translation>p99</translation>
    </message>
</context>
<context>
    <name>spanlight::ServicesPage</name>
    <message>
        <source>Not connected to a server.</source>
        <translation>Nicht mit einem Server verbunden.</translation>
    </message>
    <message>
        <source>Loading services…</source>
        <translation>Dienste werden geladen …</translation>
    </message>
    <message>
        <source>No services yet. They appear as soon as spans arrive.</source>
        <translation>Noch keine Dienste. Sie erscheinen, sobald Spans ankommen.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln request(s)</source>
        <translation>
            <numerusform>%Ln Anfrage</numerusform>
            <numerusform>%Ln Anfragen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 errors</source>
        <translation>%1 Fehler</translation>
    </message>
    <message>
        <source>avg %1</source>
        <translation>Mittel %1</translation>
    </message>
    <message>
        <source>Requests of %1 · one point per %2</source>
        <translation>Anfragen von %1 · ein Punkt pro %2</translation>
    </message>
</context>
<context>
    <name>spanlight::SettingsPage</name>
    <message>
        <source>OTLP/HTTP (most SDKs)</source>
        <translation>OTLP/HTTP (die meisten SDKs)</translation>
    </message>
    <message>
        <source>OTLP/gRPC</source>
        <translation>OTLP/gRPC</translation>
    </message>
    <message>
        <source>Zipkin v2</source>
        <translation>Zipkin v2</translation>
    </message>
    <message>
        <source>Jaeger (Thrift over HTTP)</source>
        <translation>Jaeger (Thrift über HTTP)</translation>
    </message>
    <message>
        <source>REST API</source>
        <translation>REST-API</translation>
    </message>
    <message>
        <source>API_TOKEN is set in the environment or by a flag, so it can only be changed there.</source>
        <translation>API_TOKEN ist in der Umgebung oder per Option gesetzt und lässt sich daher nur dort ändern.</translation>
    </message>
    <message>
        <source>Regenerating replaces the token at once: clients that send the old one get 401.</source>
        <translation>Neu erzeugen ersetzt das Token sofort: Clients, die das alte senden, erhalten 401.</translation>
    </message>
    <message>
        <source>The token was not replaced: %1</source>
        <translation>Das Token wurde nicht ersetzt: %1</translation>
    </message>
    <message>
        <source>A new token is in use; the old one is refused from now on. Clients need the new one.</source>
        <translation>Ein neues Token ist in Gebrauch; das alte wird ab sofort abgewiesen. Clients brauchen das neue.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message numerus="yes">
        <source>%Ln span(s)</source>
        <translation>
            <numerusform>%Ln Span</numerusform>
            <numerusform>%Ln Spans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln trace(s)</source>
        <translation>
            <numerusform>%Ln Trace</numerusform>
            <numerusform>%Ln Traces</numerusform>
        </translation>
    </message>
    <message>
        <source>Retention (TRACE_RETENTION_DAYS)</source>
        <translation>Aufbewahrung (TRACE_RETENTION_DAYS)</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
    <message>
        <source>Sampling (TRACE_SAMPLING_RATE)</source>
        <translation>Stichprobe (TRACE_SAMPLING_RATE)</translation>
    </message>
    <message>
        <source>every trace</source>
        <translation>jeder Trace</translation>
    </message>
    <message>
        <source>%1 of the traces; error spans are always kept</source>
        <translation>%1 der Traces; Fehler-Spans werden immer behalten</translation>
    </message>
    <message>
        <source>Rate limit (MAX_TRACES_PER_SECOND)</source>
        <translation>Ratenbegrenzung (MAX_TRACES_PER_SECOND)</translation>
    </message>
    <message>
        <source>%1 traces per second</source>
        <translation>%1 Traces pro Sekunde</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Forwarding</source>
        <translation>Weiterleitung</translation>
    </message>
</context>
<context>
    <name>spanlight::SingleInstance</name>
    <message>
        <source>The running console did not answer: %1</source>
        <translation>Die laufende Konsole hat nicht geantwortet: %1</translation>
    </message>
    <message>
        <source>The running console gave an unexpected answer.</source>
        <translation>Die laufende Konsole hat unerwartet geantwortet.</translation>
    </message>
</context>
<context>
    <name>spanlight::SpanDetailsModel</name>
    <message>
        <source>Attributes</source>
        <translation>Attribute</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>Ressource</translation>
    </message>
    <message>
        <source>Instrumentation scope</source>
        <translation>Instrumentierungsbereich</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>version</source>
        <translation>Version</translation>
    </message>
</context>
<context>
    <name>spanlight::TraceCompare</name>
    <message>
        <source>Trace %1 is not (or no longer) stored</source>
        <translation>Trace %1 ist nicht (mehr) gespeichert</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n span(s)</source>
        <translation>
            <numerusform>%1 · %n Span</numerusform>
            <numerusform>%1 · %n Spans</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 matched · %2 only in A · %3 only in B</source>
        <translation>%1 zugeordnet · %2 nur in A · %3 nur in B</translation>
    </message>
</context>
<context>
    <name>spanlight::TraceCompareModel</name>
    <message>
        <source>only in A</source>
        <translation>nur in A</translation>
    </message>
    <message>
        <source>only in B</source>
        <translation>nur in B</translation>
    </message>
</context>
<context>
    <name>spanlight::TraceExport</name>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>spanlight::TracesPage</name>
    <message>
        <source>All services</source>
        <translation>Alle Dienste</translation>
    </message>
    <message>
        <source>All operations</source>
        <translation>Alle Operationen</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Jeder Status</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Nur Fehler</translation>
    </message>
    <message>
        <source>Min duration is not a number of milliseconds: %1</source>
        <translation>Die Mindestdauer ist keine Zahl von Millisekunden: %1</translation>
    </message>
    <message>
        <source>Max duration is not a number of milliseconds: %1</source>
        <translation>Die Höchstdauer ist keine Zahl von Millisekunden: %1</translation>
    </message>
    <message>
        <source>Min duration is larger than max duration</source>
        <translation>Die Mindestdauer ist größer als die Höchstdauer</translation>
    </message>
    <message>
        <source>Times are written like %1</source>
        <translation>Zeiten werden so geschrieben: %1</translation>
    </message>
    <message>
        <source>From must be before to</source>
        <translation>„Von“ muss vor „Bis“ liegen</translation>
    </message>
    <message numerus="yes">
        <source>%Ln trace(s)</source>
        <translation>
            <numerusform>%Ln Trace</numerusform>
            <numerusform>%Ln Traces</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 traces</source>
        <translation>%1 von %2 Traces</translation>
    </message>
    <message>
        <source>the slowest</source>
        <translation>die langsamsten</translation>
    </message>
    <message>
        <source>the newest</source>
        <translation>die neuesten</translation>
    </message>
    <message>
        <source>Not connected to a server.</source>
        <translation>Nicht mit einem Server verbunden.</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Suche läuft …</translation>
    </message>
    <message>
        <source>No traces match this search. Try a wider time range or fewer filters.</source>
        <translation>Keine Traces passen zu dieser Suche. Versuchen Sie einen größeren Zeitraum oder weniger Filter.</translation>
    </message>
    <message>
        <source>Tags are written key=value, separated by spaces; quote values with spaces: %1</source>
        <translation>Tags werden als Schlüssel=Wert geschrieben, durch Leerzeichen getrennt; Werte mit Leerzeichen in Anführungszeichen: %1</translation>
    </message>
    <message>
        <source>Start time</source>
        <translation>Startzeit</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Spans</source>
        <translation>Spans</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>A saved search needs a name</source>
        <translation>Eine gespeicherte Suche braucht einen Namen</translation>
    </message>
    <message>
        <source>Min spans</source>
        <translation>Min. Spans</translation>
    </message>
    <message>
        <source>Max spans</source>
        <translation>Max. Spans</translation>
    </message>
    <message>
        <source>Min errors</source>
        <translation>Min. Fehler</translation>
    </message>
    <message>
        <source>Max errors</source>
        <translation>Max. Fehler</translation>
    </message>
    <message>
        <source>%1 is not a whole number of 0 or more: %2</source>
        <translation>%1 ist keine ganze Zahl ab 0: %2</translation>
    </message>
    <message>
        <source>Min spans is larger than max spans</source>
        <translation>Min. Spans ist größer als max. Spans</translation>
    </message>
    <message>
        <source>Min errors is larger than max errors</source>
        <translation>Min. Fehler ist größer als max. Fehler</translation>
    </message>
    <message>
        <source>the oldest</source>
        <translation>die ältesten</translation>
    </message>
    <message>
        <source>the fastest</source>
        <translation>die schnellsten</translation>
    </message>
    <message>
        <source>the fewest spans</source>
        <translation>die mit den wenigsten Spans</translation>
    </message>
    <message>
        <source>the fewest errors</source>
        <translation>die mit den wenigsten Fehlern</translation>
    </message>
    <message>
        <source>the most spans</source>
        <translation>die mit den meisten Spans</translation>
    </message>
    <message>
        <source>the most errors</source>
        <translation>die mit den meisten Fehlern</translation>
    </message>
</context>
<context>
    <name>spanlight::TrendChartData</name>
    <message>
        <source>↑ rising</source>
        <translation>↑ steigend</translation>
    </message>
    <message>
        <source>↓ falling</source>
        <translation>↓ fallend</translation>
    </message>
    <message>
        <source>→ stable</source>
        <translation>→ stabil</translation>
    </message>
    <message>
        <source>1 min</source>
        <translation>1 Min.</translation>
    </message>
    <message>
        <source>5 min</source>
        <translation>5 Min.</translation>
    </message>
    <message>
        <source>1 h</source>
        <translation>1 Std.</translation>
    </message>
</context>
<context>
    <name>spanlight::WaterfallModel</name>
    <message>
        <source>%1 × %2</source>
        <extracomment>A row standing for repeated sibling spans: operation name and how many</extracomment>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>%1 total</source>
        <extracomment>The summed duration of a group of repeated spans</extracomment>
        <translation>%1 gesamt</translation>
    </message>
    <message numerus="yes">
        <source>%n of %1 failed</source>
        <translation>
            <numerusform>%n von %1 fehlgeschlagen</numerusform>
            <numerusform>%n von %1 fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 %2 · %3</source>
        <translation>%1 %2 · %3</translation>
    </message>
    <message>
        <source>showing %1 – %2 of %3</source>
        <translation>zeigt %1 – %2 von %3</translation>
    </message>
    <message>
        <source>%1 %2 spans of %3: %4 in total over %5</source>
        <extracomment>The span details of a group row: members, operation, service, summed duration, extent</extracomment>
        <translation>%1 %2-Spans von %3: zusammen %4 über %5</translation>
    </message>
    <message>
        <source>; below, the first of them</source>
        <extracomment>After a group&apos;s summary: the details shown are of its first member</extracomment>
        <translation>; darunter der erste davon</translation>
    </message>
    <message numerus="yes">
        <source>%n more spans — expand to load</source>
        <extracomment>A waterfall row standing for the spans below a span that are not loaded yet</extracomment>
        <translation>
            <numerusform>%n weiterer Span — zum Laden aufklappen</numerusform>
            <numerusform>%n weitere Spans — zum Laden aufklappen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n spans below %1 are not loaded yet; press Enter to load them</source>
        <extracomment>The span details of a &quot;more&quot; row: how many spans below which span are not loaded yet</extracomment>
        <translation>
            <numerusform>%n Span unter %1 ist noch nicht geladen; Eingabetaste lädt ihn</numerusform>
            <numerusform>%n Spans unter %1 sind noch nicht geladen; Eingabetaste lädt sie</numerusform>
        </translation>
    </message>
</context>
</TS>
