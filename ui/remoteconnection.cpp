#include "remoteconnection.h"

#include "consolecontroller.h"
#include "displaytext.h"

#include <QJsonObject>
#include <QLocale>
#include <QPointer>
#include <QSettings>
#include <QThread>

namespace spanlight {

namespace {

const QString kRecentKey = QStringLiteral("remote/recent_urls");
// Parallel to kRecentKey: the remembered token of each URL, empty where none is remembered.
const QString kTokensKey = QStringLiteral("remote/remembered_tokens");

QString hostOf(const QUrl &url)
{
    return url.port() > 0 ? url.host() + u':' + QString::number(url.port()) : url.host();
}

} // namespace

RemoteConnection::RemoteConnection(ConsoleController *controller)
    : QObject(controller), m_controller(controller)
{
    connect(&m_poll, &QTimer::timeout, this, &RemoteConnection::poll);
}

RemoteConnection::~RemoteConnection()
{
    for (QThread *probe : std::as_const(m_probes)) {
        probe->wait();
        delete probe;
    }
}

void RemoteConnection::setLocalBinding(std::function<void()> attach, std::function<void()> detach)
{
    m_attachLocal = std::move(attach);
    m_detachLocal = std::move(detach);
    Q_EMIT stateChanged();
}

QString RemoteConnection::target() const
{
    return m_source ? hostOf(m_source->target().url) : tr("local");
}

QString RemoteConnection::note() const
{
    if (!m_source)
        return {};
    return tr("Attached to %1. Demo data and file import are off: they write to the local store.").arg(target());
}

QStringList RemoteConnection::recentUrls() const
{
    const QString file = m_controller->settings()->settingsFile();
    if (file.isEmpty())
        return {};
    return QSettings(file, QSettings::IniFormat).value(kRecentKey).toStringList();
}

QString RemoteConnection::rememberedToken(const QString &url) const
{
    const QString file = m_controller->settings()->settingsFile();
    if (file.isEmpty())
        return {};
    const QSettings settings(file, QSettings::IniFormat);
    const qsizetype i = settings.value(kRecentKey).toStringList().indexOf(url);
    return i < 0 ? QString() : settings.value(kTokensKey).toStringList().value(i);
}

void RemoteConnection::remember(const QString &url, const QString &token, bool rememberToken)
{
    const QString file = m_controller->settings()->settingsFile();
    if (file.isEmpty())
        return;
    QSettings settings(file, QSettings::IniFormat);
    QStringList urls = settings.value(kRecentKey).toStringList();
    QStringList tokens = settings.value(kTokensKey).toStringList();
    while (tokens.size() < urls.size())
        tokens.append(QString());
    const qsizetype i = urls.indexOf(url);
    if (i >= 0) {
        urls.removeAt(i);
        tokens.removeAt(i);
    }
    urls.prepend(url);
    tokens.prepend(rememberToken ? token : QString());
    urls = urls.mid(0, kMaxRecent);
    tokens = tokens.mid(0, kMaxRecent);
    settings.setValue(kRecentKey, urls);
    settings.setValue(kTokensKey, tokens);
    Q_EMIT recentChanged();
}

void RemoteConnection::forgetRecent()
{
    const QString file = m_controller->settings()->settingsFile();
    if (file.isEmpty())
        return;
    QSettings settings(file, QSettings::IniFormat);
    settings.remove(kRecentKey);
    settings.remove(kTokensKey);
    Q_EMIT recentChanged();
}

QUrl RemoteConnection::serverUrl(const QString &url)
{
    const QUrl parsed = QUrl::fromUserInput(url.trimmed());
    if (url.trimmed().isEmpty() || !parsed.isValid() || parsed.host().isEmpty()
        || (parsed.scheme() != u"http" && parsed.scheme() != u"https"))
        return {};
    return parsed;
}

void RemoteConnection::connectAtStart(const QString &url, const QString &envToken)
{
    // The recent list keys URLs as connectTo() writes them.
    const QString key = serverUrl(url).toString();
    const QString remembered = key.isEmpty() ? QString() : rememberedToken(key);
    const bool fromEnv = !envToken.trimmed().isEmpty();
    // Only this attempt's outcome: a later one through the dialog is the dialog's.
    auto once = std::make_shared<QMetaObject::Connection>();
    *once = connect(this, &RemoteConnection::connectFinished, this, [=, this](bool ok) {
        disconnect(*once);
        if (!ok)
            Q_EMIT startConnectFailed(url);
        else if (fromEnv && !remembered.isEmpty())
            remember(key, remembered, true); // the environment's token is not kept, nor does it drop this one
    });
    connectTo(url, fromEnv ? envToken : remembered, !fromEnv && !remembered.isEmpty());
}

void RemoteConnection::connectTo(const QString &url, const QString &token, bool rememberToken, const QString &caFile)
{
    RemoteTarget target;
    target.url = serverUrl(url);
    target.token = token.trimmed();
    target.caFile = caFile;
    if (!target.url.isValid()) {
        m_connectError = tr("Enter the server's address, such as https://spanlight.example:8007");
        Q_EMIT stateChanged();
        Q_EMIT connectFinished(false);
        return;
    }
    cancelConnect();
    m_connectError.clear();
    const int generation = ++m_generation;
    // A thread of its own: the probe blocks for up to the timeout, and the worker may be busy.
    m_probe = QThread::create([this, generation, target, rememberToken] {
        const RemoteTraceSource probe(target);
        RemoteReply reply = probe.get(QStringLiteral("/health"));
        if (reply.ok()) {
            // A read that needs the token and costs one index lookup, so that a wrong token shows
            // here and not on the first page: an unknown trace is a 404.
            const RemoteReply check = probe.get(QStringLiteral("/traces/00000000000000000000000000000001"));
            if (!check.ok() && check.status != 404)
                reply.error = check.error;
        }
        QMetaObject::invokeMethod(this, [this, generation, target, rememberToken, reply] {
            onProbed(generation, target, rememberToken, reply);
        }, Qt::QueuedConnection);
    });
    connect(m_probe, &QThread::finished, this, [this, probe = m_probe] {
        m_probes.removeOne(probe);
        probe->wait(); // finished comes just before the thread's end
        delete probe;
        if (m_probe == probe) {
            m_probe = nullptr;
            Q_EMIT stateChanged();
        }
    });
    m_probes.append(m_probe);
    m_probe->start();
    Q_EMIT stateChanged();
}

void RemoteConnection::cancelConnect()
{
    if (!m_probe)
        return;
    ++m_generation; // its answer is dropped; the thread ends within the timeout
    m_probe = nullptr;
    Q_EMIT stateChanged();
}

void RemoteConnection::onProbed(int generation, const RemoteTarget &target, bool remember, const RemoteReply &reply)
{
    if (generation != m_generation)
        return;
    if (!reply.ok()) {
        m_connectError = reply.error;
        Q_EMIT stateChanged();
        Q_EMIT connectFinished(false);
        return;
    }
    this->remember(target.url.toString(), target.token, remember);
    attach(target, reply.json);
    Q_EMIT connectFinished(true);
}

void RemoteConnection::attach(const RemoteTarget &target, const QJsonObject &health)
{
    if (!m_source && m_detachLocal)
        m_detachLocal();
    const int generation = m_generation;
    QPointer<RemoteConnection> self(this);
    m_source = std::make_shared<RemoteTraceSource>(target, [self, generation](const QString &error) {
        // On the worker thread: hop to the GUI thread; a report of an older source is dropped there.
        if (self)
            QMetaObject::invokeMethod(self.data(), [self, generation, error] {
                if (self)
                    self->onReport(generation, error);
            }, Qt::QueuedConnection);
    });
    m_error.clear();
    ConsoleEndpoints endpoints;
    endpoints.apiUrl = target.url.toString(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash);
    endpoints.apiToken = target.token;
    endpoints.storageUrl = tr("on %1").arg(hostOf(target.url));
    m_controller->setEndpoints(endpoints);
    m_controller->setDemoLoader({});
    m_controller->setImporter({});
    m_controller->settingsPage()->setTokenRegenerator({}, false);
    showHealth(health);
    m_controller->setSource(m_source);
    m_poll.start(std::max(1000, m_controller->pageRefreshIntervalMs()));
    Q_EMIT stateChanged();
}

void RemoteConnection::useLocal()
{
    cancelConnect();
    if (!m_source)
        return;
    m_poll.stop();
    m_source.reset();
    ++m_generation;
    m_error.clear();
    m_controller->settingsPage()->setServerFacts({});
    if (m_attachLocal) {
        m_attachLocal();
    } else {
        m_controller->setEndpoints({});
        m_controller->setSource(nullptr);
    }
    Q_EMIT stateChanged();
}

void RemoteConnection::onReport(int generation, const QString &error)
{
    if (generation != m_generation || error == m_error)
        return;
    m_error = error;
    Q_EMIT stateChanged();
}

void RemoteConnection::poll()
{
    if (!m_source)
        return;
    m_poll.setInterval(std::max(1000, m_controller->pageRefreshIntervalMs()));
    // What a commit of the local store does: the trace list and the shown page refresh.
    m_controller->notifyCommitted(0, 0);
    if (m_healthInFlight)
        return;
    const std::shared_ptr<const RemoteTraceSource> source = m_source;
    m_healthInFlight = m_controller->run(
        this, [source](const TraceSource &) { return source->get(QStringLiteral("/health")); },
        [this, source](const RemoteReply &reply) {
            m_healthInFlight = false;
            if (source == m_source && reply.ok())
                showHealth(reply.json);
        });
}

void RemoteConnection::showHealth(const QJsonObject &health)
{
    const QLocale locale;
    ServerFacts facts;
    facts.remote.append({QStringLiteral("remote-status"), tr("Status of %1").arg(target()),
                         health.value(QStringLiteral("status")).toString()});
    facts.remote.append({QStringLiteral("remote-uptime"), tr("Uptime"),
                         durationText(qint64(health.value(QStringLiteral("uptime_seconds")).toDouble() * 1e9))});
    facts.remote.append({QStringLiteral("remote-traces"), tr("Traces stored"),
                         locale.toString(health.value(QStringLiteral("traces_processed")).toInteger())});
    facts.remote.append({QStringLiteral("remote-active"), tr("Active traces (last 5 minutes)"),
                         locale.toString(health.value(QStringLiteral("active_traces")).toInteger())});
    QStringList up;
    QStringList down;
    const QJsonObject dependencies = health.value(QStringLiteral("dependencies")).toObject();
    for (auto it = dependencies.begin(); it != dependencies.end(); ++it)
        (it.value().toBool() ? up : down).append(it.key());
    facts.remote.append({QStringLiteral("remote-listeners"), tr("Running"), up.isEmpty() ? tr("none") : up.join(QStringLiteral(", "))});
    if (!down.isEmpty())
        facts.remote.append({QStringLiteral("remote-off"), tr("Not running"), down.join(QStringLiteral(", "))});
    m_controller->settingsPage()->setServerFacts(facts);
}

} // namespace spanlight
