<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Main</name>
    <message>
        <source>Spanlight</source>
        <translation type="vanished">Spanlight</translation>
    </message>
    <message numerus="yes">
        <source>%n trace(s)</source>
        <translation type="vanished">
            <numerusform>%n Trace</numerusform>
            <numerusform>%n Traces</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SpanDetails</name>
    <message>
        <source>No span selected</source>
        <translation type="vanished">Kein Span ausgewählt</translation>
    </message>
    <message>
        <source>Span</source>
        <translation type="vanished">Span</translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="vanished">Dienst</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="vanished">Dauer</translation>
    </message>
    <message>
        <source>%1 (self %2)</source>
        <translation type="vanished">%1 (selbst %2)</translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="vanished">Beginn</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="vanished">Art</translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="vanished">Status</translation>
    </message>
    <message>
        <source>Span ID</source>
        <translation type="vanished">Span-ID</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation type="vanished">Eltern-Span</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="vanished">%1: %2</translation>
    </message>
</context>
<context>
    <name>StatusHeader</name>
    <message>
        <source>Copy</source>
        <translation type="vanished">Kopieren</translation>
    </message>
    <message>
        <source>Copy %1 to the clipboard</source>
        <translation type="vanished">%1 in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>REST API</source>
        <translation type="vanished">REST-API</translation>
    </message>
    <message>
        <source>OTLP/HTTP</source>
        <translation type="vanished">OTLP/HTTP</translation>
    </message>
    <message>
        <source>API token</source>
        <translation type="vanished">API-Token</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation type="vanished">Speicher</translation>
    </message>
</context>
<context>
    <name>TraceList</name>
    <message>
        <source>No traces yet. Send OTLP to the endpoint above.</source>
        <translation type="vanished">Noch keine Traces. Senden Sie OTLP an den Endpunkt oben.</translation>
    </message>
    <message numerus="yes">
        <source>%n span(s)</source>
        <translation type="vanished">
            <numerusform>%n Span</numerusform>
            <numerusform>%n Spans</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Waterfall</name>
    <message numerus="yes">
        <source>%n span(s)</source>
        <translation type="vanished">
            <numerusform>%n Span</numerusform>
            <numerusform>%n Spans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n service(s)</source>
        <translation type="vanished">
            <numerusform>%n Dienst</numerusform>
            <numerusform>%n Dienste</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a trace and press Enter to see its spans.</source>
        <translation type="vanished">Wählen Sie einen Trace und drücken Sie Enter, um seine Spans zu sehen.</translation>
    </message>
    <message>
        <source>%1, self time %2</source>
        <translation type="vanished">%1, Eigenzeit %2</translation>
    </message>
</context>
<context>
    <name>spanlight::ConsoleController</name>
    <message>
        <source>Not connected to a server</source>
        <translation type="vanished">Mit keinem Server verbunden</translation>
    </message>
    <message>
        <source>Live</source>
        <translation type="vanished">Live</translation>
    </message>
    <message>
        <source>%1 spans/s</source>
        <translation type="vanished">%1 Spans/s</translation>
    </message>
    <message>
        <source>Trace %1 is not (or no longer) stored</source>
        <translation type="vanished">Trace %1 ist nicht (mehr) gespeichert</translation>
    </message>
</context>
<context>
    <name>spanlight::SpanDetailsModel</name>
    <message>
        <source>Attributes</source>
        <translation type="vanished">Attribute</translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="vanished">Ereignisse</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation type="vanished">Ressource</translation>
    </message>
    <message>
        <source>Instrumentation scope</source>
        <translation type="vanished">Instrumentierungsbereich</translation>
    </message>
    <message>
        <source>name</source>
        <translation type="vanished">Name</translation>
    </message>
    <message>
        <source>version</source>
        <translation type="vanished">Version</translation>
    </message>
</context>
</TS>
