<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
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
        <source>API token</source>
        <translation>API-Token</translation>
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
</context>
<context>
    <name>TraceList</name>
    <message>
        <source>No traces yet. Send OTLP to the endpoint above.</source>
        <translation>Noch keine Traces. Senden Sie OTLP an den Endpunkt oben.</translation>
    </message>
    <message numerus="yes">
        <source>%n span(s)</source>
        <translation>
            <numerusform>%n Span</numerusform>
            <numerusform>%n Spans</numerusform>
        </translation>
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
        <source>Select a trace and press Enter to see its spans.</source>
        <translation>Wählen Sie einen Trace und drücken Sie Enter, um seine Spans zu sehen.</translation>
    </message>
    <message>
        <source>%1, self time %2</source>
        <translation>%1, Eigenzeit %2</translation>
    </message>
</context>
<context>
    <name>spanlight::ConsoleController</name>
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
</TS>
