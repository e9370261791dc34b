#include "settingspage.h"

#include "consolecontroller.h"
#include "displaytext.h"

#include <QLocale>

#include <climits>

namespace spanlight {

QVariant CaptionedTextModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CaptionedText &r = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case TextRole:
        return r.text;
    case CaptionRole:
        return r.caption;
    default:
        return {};
    }
}

QHash<int, QByteArray> CaptionedTextModel::roleNames() const
{
    return { { CaptionRole, "caption" }, { TextRole, "text" } };
}

IngestSenderRow IngestSenderModel::rowOf(const SenderStats &sender)
{
    IngestSenderRow r;
    r.key = QString::number(int(sender.protocol)) + u'|' + sender.address + u'|' + sender.service;
    switch (sender.protocol) {
    case IngestProtocolId::OtlpHttp: r.protocol = QStringLiteral("OTLP/HTTP"); break;
    case IngestProtocolId::OtlpGrpc: r.protocol = QStringLiteral("OTLP/gRPC"); break;
    case IngestProtocolId::Zipkin: r.protocol = QStringLiteral("Zipkin"); break;
    case IngestProtocolId::Jaeger: r.protocol = QStringLiteral("Jaeger"); break;
    case IngestProtocolId::Other: r.protocol = tr("import"); break;
    }
    r.address = sender.address;
    r.service = sender.service.isEmpty() ? tr("(no service known)") : sender.service;
    r.rateText = ratePerSecondText(sender.spansPerSecond);
    r.acceptedText = countText(sender.acceptedSpans);
    QStringList problems;
    const auto add = [&problems](qint64 n, const QString &text) {
        if (n > 0)
            problems.append(text);
    };
    const auto spans = [&sender](SpanRejection reason) { return sender.rejectedSpans[size_t(reason)]; };
    const auto requests = [&sender](RequestRefusal reason) { return sender.refusedRequests[size_t(reason)]; };
    const auto n = [](qint64 v) { return int(std::min<qint64>(v, INT_MAX)); };
    add(spans(SpanRejection::Invalid), tr("%Ln invalid", "spans", n(spans(SpanRejection::Invalid))));
    add(spans(SpanRejection::RequestLimit),
        tr("%Ln over the request limit", "spans", n(spans(SpanRejection::RequestLimit))));
    add(spans(SpanRejection::SampledOut), tr("%Ln sampled out", "spans", n(spans(SpanRejection::SampledOut))));
    add(spans(SpanRejection::RateLimited), tr("%Ln rate-limited", "spans", n(spans(SpanRejection::RateLimited))));
    add(spans(SpanRejection::Overloaded), tr("%Ln refused while overloaded", "spans", n(spans(SpanRejection::Overloaded))));
    add(spans(SpanRejection::Failed), tr("%Ln not stored (store failure)", "spans", n(spans(SpanRejection::Failed))));
    add(requests(RequestRefusal::Malformed),
        tr("%Ln malformed request(s)", "", n(requests(RequestRefusal::Malformed))));
    add(requests(RequestRefusal::TooLarge), tr("%Ln oversized request(s)", "", n(requests(RequestRefusal::TooLarge))));
    add(requests(RequestRefusal::Unauthorized),
        tr("%Ln unauthorized request(s)", "", n(requests(RequestRefusal::Unauthorized))));
    add(requests(RequestRefusal::Unsupported),
        tr("%Ln unsupported request(s)", "", n(requests(RequestRefusal::Unsupported))));
    add(requests(RequestRefusal::Busy), tr("%Ln request(s) refused while busy", "", n(requests(RequestRefusal::Busy))));
    r.problemsText = problems.join(QStringLiteral(" · "));
    // Sampling is the configured drop, not a fault of the sender.
    r.healthy = sender.totalRefusedRequests() == 0
        && sender.totalRejectedSpans() == spans(SpanRejection::SampledOut);
    if (sender.lastProblemMs > 0)
        r.lastProblemText = clockTimeText(sender.lastProblemMs * 1000000) + u' ' + sender.lastProblem;
    r.lastSeenText = clockTimeText(sender.lastSeenMs * 1000000);
    return r;
}

void IngestSenderModel::setSenders(const QList<SenderStats> &senders)
{
    QList<IngestSenderRow> rows;
    rows.reserve(senders.size());
    for (const SenderStats &s : senders)
        rows.append(rowOf(s));
    setRows(rows);
}

QVariant IngestSenderModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const IngestSenderRow &r = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case ServiceRole:
        return r.service;
    case ProtocolRole:
        return r.protocol;
    case AddressRole:
        return r.address;
    case RateTextRole:
        return r.rateText;
    case AcceptedTextRole:
        return r.acceptedText;
    case ProblemsTextRole:
        return r.problemsText;
    case LastProblemTextRole:
        return r.lastProblemText;
    case LastSeenTextRole:
        return r.lastSeenText;
    case HealthyRole:
        return r.healthy;
    default:
        return {};
    }
}

QHash<int, QByteArray> IngestSenderModel::roleNames() const
{
    return {{ProtocolRole, "protocol"}, {AddressRole, "address"}, {ServiceRole, "service"},
            {RateTextRole, "rateText"}, {AcceptedTextRole, "acceptedText"}, {ProblemsTextRole, "problemsText"},
            {LastProblemTextRole, "lastProblemText"}, {LastSeenTextRole, "lastSeenText"}, {HealthyRole, "healthy"}};
}

SettingsPage::SettingsPage(ConsoleController *controller)
    : QObject(controller)
    , m_controller(controller)
    , m_snippets(new CaptionedTextModel(this))
    , m_serverSettings(new CaptionedTextModel(this))
    , m_senders(new IngestSenderModel(this))
{
    connect(controller, &ConsoleController::endpointsChanged, this, [this] {
        updateSnippets();
        Q_EMIT tokenChanged();
        Q_EMIT storageChanged();
    });
    connect(&m_storageTimer, &QTimer::timeout, this, &SettingsPage::refreshStorage);
    updateSnippets();
}

void SettingsPage::updateSnippets()
{
    QList<CaptionedText> rows;
    if (const QString otlp = otlpEndpointVariable(m_controller->otlpHttpUrl()); !otlp.isEmpty())
        rows.append({ QStringLiteral("otlp-http"), tr("OTLP/HTTP (most SDKs)"), otlp });
    if (const QString grpc = m_controller->otlpGrpcUrl(); !grpc.isEmpty())
        rows.append({ QStringLiteral("otlp-grpc"), tr("OTLP/gRPC"),
            QStringLiteral("OTEL_EXPORTER_OTLP_PROTOCOL=grpc OTEL_EXPORTER_OTLP_ENDPOINT=") + grpc });
    if (const QString zipkin = m_controller->zipkinUrl(); !zipkin.isEmpty())
        rows.append({ QStringLiteral("zipkin"), tr("Zipkin v2"), QStringLiteral("OTEL_EXPORTER_ZIPKIN_ENDPOINT=") + zipkin });
    if (const QString jaeger = m_controller->jaegerUrl(); !jaeger.isEmpty())
        rows.append({ QStringLiteral("jaeger"), tr("Jaeger (Thrift over HTTP)"), QStringLiteral("JAEGER_ENDPOINT=") + jaeger });
    if (const QString api = m_controller->apiUrl(); !api.isEmpty())
        rows.append({ QStringLiteral("api"), tr("REST API"),
            QStringLiteral("curl -H \"Authorization: Bearer $SPANLIGHT_TOKEN\" '") + api
                + QStringLiteral("/traces?limit=20'") });
    m_snippets->setTexts(rows);
}

void SettingsPage::setServerFacts(const ServerFacts &facts)
{
    m_facts = facts;
    updateServerSettings();
}

void SettingsPage::updateServerSettings()
{
    QList<CaptionedText> rows;
    if (m_facts.known) {
        const QLocale locale;
        rows.append({ QStringLiteral("retention"), tr("Retention (TRACE_RETENTION_DAYS)"),
            tr("%n day(s)", "", m_facts.retentionDays) });
        rows.append({ QStringLiteral("sampling"), tr("Sampling (TRACE_SAMPLING_RATE)"),
            m_facts.samplingRate >= 1.0 ? tr("every trace")
                                        : tr("%1 of the traces; error spans are always kept")
                                              .arg(percentText(m_facts.samplingRate)) });
        rows.append({ QStringLiteral("rate"), tr("Rate limit (MAX_TRACES_PER_SECOND)"),
            m_facts.maxTracesPerSecond > 0
                ? tr("%1 traces per second").arg(locale.toString(m_facts.maxTracesPerSecond))
                : tr("none") });
        rows.append({ QStringLiteral("forwarding"), tr("Forwarding"),
            m_facts.forwarding.isEmpty() ? tr("none") : m_facts.forwarding.join(QStringLiteral(", ")) });
    }
    rows.append(m_facts.remote);
    m_serverSettings->setTexts(rows);
}

bool SettingsPage::isApiTokenKnown() const
{
    return !m_controller->apiToken().isEmpty();
}

void SettingsPage::setApiTokenShown(bool shown)
{
    if (shown == m_tokenShown)
        return;
    m_tokenShown = shown;
    Q_EMIT tokenChanged();
}

QString SettingsPage::apiTokenText() const
{
    const QString token = m_controller->apiToken();
    if (token.isEmpty() || m_tokenShown)
        return token;
    // Enough to tell two tokens apart, too little to use one.
    if (token.size() <= 12)
        return QString(8, QChar(0x2022));
    return token.left(6) + QChar(0x2026) + token.right(4);
}

QString SettingsPage::tokenNote() const
{
    if (!m_tokenMessage.isEmpty())
        return m_tokenMessage;
    if (m_regenerate && !m_regenerateAllowed)
        return tr("API_TOKEN is set in the environment or by a flag, so it can only be changed there.");
    if (canRegenerateToken())
        return tr("Regenerating replaces the token at once: clients that send the old one get 401.");
    return {};
}

void SettingsPage::setTokenRegenerator(std::function<std::optional<QString>(QString *error)> regenerate, bool allowed)
{
    m_regenerate = std::move(regenerate);
    m_regenerateAllowed = allowed;
    m_tokenMessage.clear();
    Q_EMIT tokenChanged();
}

bool SettingsPage::regenerateApiToken()
{
    if (!canRegenerateToken())
        return false;
    QString error;
    // A random token, a small settings file write and a pointer swap: quick enough for the
    // GUI thread, and the server object lives there.
    const std::optional<QString> token = m_regenerate(&error);
    if (!token) {
        m_tokenMessage = tr("The token was not replaced: %1").arg(error);
        Q_EMIT tokenChanged();
        return false;
    }
    m_tokenMessage = tr("A new token is in use; the old one is refused from now on. Clients need the new one.");
    m_controller->setApiToken(*token); // emits endpointsChanged, and so tokenChanged
    return true;
}

void SettingsPage::copyApiToken() const
{
    m_controller->copyToClipboard(m_controller->apiToken());
}

QString SettingsPage::storageLocation() const
{
    return m_controller->storageUrl();
}

QString SettingsPage::storageSizeText() const
{
    if (!m_storageLoaded)
        return {};
    if (m_storage.bytes < 0)
        return tr("unknown");
    return QLocale().formattedDataSize(m_storage.bytes);
}

QString SettingsPage::storageContentText() const
{
    if (!m_storageLoaded)
        return {};
    const auto clamped = [](qint64 n) { return int(std::min<qint64>(n, INT_MAX)); };
    return tr("%Ln span(s)", "", clamped(m_storage.spans)) + QStringLiteral(" · ")
        + tr("%Ln trace(s)", "", clamped(m_storage.traces));
}

void SettingsPage::setActive(bool active)
{
    if (active == m_active)
        return;
    m_active = active;
    if (m_active) {
        refreshStorage();
        m_storageTimer.start(std::max(1, m_controller->pageRefreshIntervalMs()));
    } else {
        m_storageTimer.stop();
    }
}

void SettingsPage::retranslate()
{
    m_tokenMessage.clear(); // it was said in the old language
    updateSnippets();
    updateServerSettings();
    m_senders->setSenders(m_senderStats);
    Q_EMIT tokenChanged();
    Q_EMIT storageChanged();
}

void SettingsPage::refreshStorage()
{
    if (m_storageInFlight)
        return; // the timer asks again
    struct Status
    {
        StorageStatus storage;
        QList<SenderStats> senders;
    };
    m_storageInFlight = m_controller->run(
        this, [](const TraceSource &source) { return Status{source.storageStatus(), source.ingestSenders()}; },
        [this](Status status) {
            m_storageInFlight = false;
            const bool changed = !m_storageLoaded || status.storage.bytes != m_storage.bytes
                || status.storage.spans != m_storage.spans || status.storage.traces != m_storage.traces;
            m_storage = status.storage;
            m_storageLoaded = true;
            m_senderStats = status.senders;
            m_senders->setSenders(m_senderStats);
            if (changed)
                Q_EMIT storageChanged();
        });
}

} // namespace spanlight
