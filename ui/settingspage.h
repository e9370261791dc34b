#pragma once

#include "keyedrowsmodel.h"
#include "tracesource.h"

#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <optional>

namespace spanlight {

class ConsoleController;

// A line of the Settings page: a snippet to copy into a client's environment or a shell, or a
// server setting.
struct CaptionedText
{
    QString key; // "otlp-http", "otlp-grpc", "zipkin", "jaeger", "api"; "retention", ...
    QString caption; // "OTLP/HTTP (most SDKs)"
    QString text; // "OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318"
    bool operator==(const CaptionedText &) const = default;
};

// What the server runs with, for the Settings page to describe (read-only there).
struct ServerFacts
{
    bool known = false;
    int retentionDays = 0;
    double samplingRate = 1.0;
    qint64 maxTracesPerSecond = 0; // 0: unlimited
    QStringList forwarding; // the endpoints committed spans are forwarded to
    QList<CaptionedText> remote; // a remote server's health, shown instead of the above (known is false)
};

// The Settings page's lines: the snippets, one per listener that runs, and the server settings.
class CaptionedTextModel : public KeyedRowsModel<CaptionedText>
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("CaptionedTextModel is owned by SettingsPage")
public:
    enum Role {
        CaptionRole = Qt::UserRole + 1, // QString, what the line is for
        TextRole, // QString, the line itself
    };
    Q_ENUM(Role)

    using KeyedRowsModel<CaptionedText>::KeyedRowsModel;
    void setTexts(const QList<CaptionedText> &rows) { setRows(rows); }
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
};

// One row of the ingest-health table: a sender (protocol, address, service) and what came of
// its spans, as display texts.
struct IngestSenderRow
{
    QString key; // protocol, address, service
    QString protocol; // "OTLP/HTTP"
    QString address;
    QString service; // "cart"; for what came before a service was known, a note saying so
    QString rateText; // committed spans per second over the last minute, "12/s"
    QString acceptedText; // "1,204"
    QString problemsText; // "2 invalid · 3 sampled out · 1 malformed request", empty when none
    QString lastProblemText; // "12:03:04 span_id must be 8 bytes"
    QString lastSeenText; // "12:03:05"
    bool healthy = true; // nothing rejected or refused
    bool operator==(const IngestSenderRow &) const = default;
};

// The ingest-health table of the Settings & status page.
class IngestSenderModel : public KeyedRowsModel<IngestSenderRow>
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("IngestSenderModel is owned by SettingsPage")
public:
    enum Role {
        ProtocolRole = Qt::UserRole + 1,
        AddressRole,
        ServiceRole,
        RateTextRole,
        AcceptedTextRole,
        ProblemsTextRole,
        LastProblemTextRole,
        LastSeenTextRole,
        HealthyRole,
    };
    Q_ENUM(Role)

    using KeyedRowsModel<IngestSenderRow>::KeyedRowsModel;
    void setSenders(const QList<SenderStats> &senders);
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    static IngestSenderRow rowOf(const SenderStats &sender);
};

// The Settings & status page's state: the API token (hidden until shown, copy, regenerate when
// the running server allows it), copyable client snippets for the listeners, and where the
// store is and how big (read on the controller's worker while the page is shown).
class SettingsPage : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("SettingsPage is owned by ConsoleController")
    Q_PROPERTY(spanlight::CaptionedTextModel *snippets READ snippets CONSTANT)
    Q_PROPERTY(spanlight::CaptionedTextModel *serverSettings READ serverSettings CONSTANT)
    Q_PROPERTY(spanlight::IngestSenderModel *senders READ senders CONSTANT)
    Q_PROPERTY(bool apiTokenKnown READ isApiTokenKnown NOTIFY tokenChanged)
    Q_PROPERTY(bool apiTokenShown READ isApiTokenShown WRITE setApiTokenShown NOTIFY tokenChanged)
    Q_PROPERTY(QString apiTokenText READ apiTokenText NOTIFY tokenChanged)
    Q_PROPERTY(bool canRegenerateToken READ canRegenerateToken NOTIFY tokenChanged)
    Q_PROPERTY(QString tokenNote READ tokenNote NOTIFY tokenChanged)
    Q_PROPERTY(QString storageLocation READ storageLocation NOTIFY storageChanged)
    Q_PROPERTY(QString storageSizeText READ storageSizeText NOTIFY storageChanged)
    Q_PROPERTY(QString storageContentText READ storageContentText NOTIFY storageChanged)
public:
    explicit SettingsPage(ConsoleController *controller);

    CaptionedTextModel *snippets() const { return m_snippets; }
    // Retention, sampling, the rate limit and forwarding, as the server was started with.
    CaptionedTextModel *serverSettings() const { return m_serverSettings; }
    // Ingest health: every sender this server has heard from, refreshed with the storage status.
    IngestSenderModel *senders() const { return m_senders; }
    void setServerFacts(const ServerFacts &facts);

    bool isApiTokenKnown() const;
    bool isApiTokenShown() const { return m_tokenShown; }
    void setApiTokenShown(bool shown);
    // The token in full when shown, else its first and last characters ("sl_125…2d81").
    QString apiTokenText() const;
    bool canRegenerateToken() const { return bool(m_regenerate) && m_regenerateAllowed; }
    // Why the token cannot be regenerated, or what the last regeneration did.
    QString tokenNote() const;

    // `regenerate` replaces the running server's admin token and returns the new one (or
    // nullopt with a reason). `allowed` false: the token was chosen in the environment or by a
    // flag, and is shown read-only.
    void setTokenRegenerator(std::function<std::optional<QString>(QString *error)> regenerate, bool allowed);
    Q_INVOKABLE bool regenerateApiToken();
    Q_INVOKABLE void copyApiToken() const;

    QString storageLocation() const;
    QString storageSizeText() const;
    QString storageContentText() const;
    bool isStorageLoaded() const { return m_storageLoaded; }

    // Shown: reads the storage status now and every refreshIntervalMs until hidden.
    void setActive(bool active);
    void refreshStorage();
    void retranslate(); // the language changed: captions and texts again

Q_SIGNALS:
    void tokenChanged();
    void storageChanged();

private:
    void updateSnippets();
    void updateServerSettings();

    ConsoleController *m_controller;
    CaptionedTextModel *m_snippets;
    CaptionedTextModel *m_serverSettings;
    IngestSenderModel *m_senders;
    QList<SenderStats> m_senderStats; // the last read, for retranslate()
    ServerFacts m_facts;
    std::function<std::optional<QString>(QString *)> m_regenerate;
    bool m_regenerateAllowed = false;
    bool m_tokenShown = false;
    QString m_tokenMessage;
    bool m_active = false;
    bool m_storageInFlight = false;
    bool m_storageLoaded = false;
    StorageStatus m_storage;
    QTimer m_storageTimer;
};

} // namespace spanlight
