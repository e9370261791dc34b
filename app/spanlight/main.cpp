// spanlight: the desktop console with the embedded Spanlight server.
#include "alerttray.h"
#include "consolecontroller.h"
#include "alerts/alertevaluator.h"
#include "core/config.h"
#include "core/ids.h"
#include "core/logging.h"
#include "core/termination.h"
#include "deeplink.h"
#include "demo/demoworkload.h"
#include "pagescreenshots.h"
#include "remoteconnection.h"
#include "serverbinding.h"
#include "singleinstance.h"
#include "spanlightserver.h"

#include <QApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

#include <cstdio>
#include <cstring>
#include <optional>

Q_IMPORT_QML_PLUGIN(SpanlightPlugin)

namespace {

// FILE arguments relative to where the program was started, as a shell user means them.
QStringList absolutePaths(const QStringList &files)
{
    QStringList paths;
    for (const QString &file : files)
        paths.append(QFileInfo(file).absoluteFilePath());
    return paths;
}

} // namespace

int main(int argc, char *argv[])
{
    // --screenshot renders without a display; the platform must be chosen before the app exists.
    for (int i = 1; i < argc; ++i) {
        if (std::strncmp(argv[i], "--screenshot", 12) == 0 && !qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    // QApplication, not QGuiApplication: Qt Charts draws through Graphics View.
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("spanlight"));
    QApplication::setOrganizationName(QStringLiteral("spanlight"));
    QApplication::setApplicationVersion(QStringLiteral(SPANLIGHT_VERSION));
    QApplication::setApplicationDisplayName(QStringLiteral("Spanlight"));

    const QCommandLineOption demoOption(QStringLiteral("demo"),
        QStringLiteral(
            "Start with a generated shop workload (errors, slow traces, a 5,000-span trace) and live "
            "traffic, in a throwaway SQLite store unless DATABASE_URL names one."));
    const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
        QStringLiteral("With --demo: render every page offscreen to DIR/<page>.png and exit. With FILE "
                       "arguments: import them, render the first imported trace to DIR/trace.png and exit."),
        QStringLiteral("dir"));
    const QCommandLineOption themeOption(QStringLiteral("theme"),
        QStringLiteral("Colours for this run: system, light or dark (the Settings page's choice is kept "
                       "in the settings file)."),
        QStringLiteral("mode"));
    const QCommandLineOption connectOption(QStringLiteral("connect"),
        QStringLiteral("At start, attach the console to the spanlightd whose REST API is at URL (http or https), "
                       "as File > Connect does; the embedded server runs as well. The token comes from the "
                       "environment [env SPANLIGHT_CONNECT_TOKEN], else the one remembered for URL."),
        QStringLiteral("url"));
    const spanlight::PositionalArguments positionalArguments { QStringLiteral("file or link"),
        QStringLiteral("Trace files to import at start (OTLP JSON or JSON lines, Zipkin v2 JSON, Jaeger JSON; the "
                       "first imported trace opens), or spanlight://trace/<trace id>?span=<span id> links to "
                       "open. A console already running with the same settings file takes them instead, and "
                       "this one exits."),
        QStringLiteral("[FILE | LINK...]") };
    spanlight::Config config;
    QHash<QString, QString> extra;
    QStringList arguments;
    if (const auto exitCode = spanlight::configureProcess(
            QStringLiteral("Spanlight desktop console with an embedded OTLP, Zipkin and Jaeger collector."),
            &config, { demoOption, screenshotOption, themeOption, connectOption }, &extra, positionalArguments, &arguments))
        return *exitCode;
    std::optional<spanlight::ConsoleSettings::ThemeMode> theme;
    if (extra.contains(QStringLiteral("theme"))) {
        theme = spanlight::ConsoleSettings::themeModeFromName(extra.value(QStringLiteral("theme")));
        if (!theme) {
            std::fputs("spanlight: --theme must be system, light or dark\n", stderr);
            return 2;
        }
    }
    const QString connectUrl = extra.value(QStringLiteral("connect"));
    if (extra.contains(QStringLiteral("connect")) && !spanlight::RemoteConnection::serverUrl(connectUrl).isValid()) {
        std::fprintf(stderr, "spanlight: --connect must be the http or https address of a spanlightd, such as "
                             "https://spanlight.example:8007: %s\n",
            qPrintable(connectUrl));
        return 2;
    }
    // Links and files, each in the order given.
    QStringList links, files;
    for (const QString &argument : std::as_const(arguments))
        (spanlight::DeepLink::looksLikeLink(argument) ? links : files).append(argument);
    files = absolutePaths(files); // also for a running console, which started elsewhere
    const bool demo = extra.contains(QStringLiteral("demo"));
    const std::optional<QString> screenshotDir = extra.contains(QStringLiteral("screenshot"))
        ? std::optional<QString>(extra.value(QStringLiteral("screenshot")))
        : std::nullopt;
    if (screenshotDir && !demo && files.isEmpty()) {
        std::fputs("spanlight: --screenshot needs --demo or FILE arguments\n", stderr);
        return 2;
    }

    // Deep links, and one console per settings file: a second start hands its links to the
    // running console (which raises its window) instead of failing to bind the same ports.
    // Screenshot runs stay apart from any console.
    for (const QString &link : std::as_const(links)) {
        QString why;
        if (!spanlight::DeepLink::parse(link, &why)) {
            std::fprintf(stderr, "spanlight: %s\n", qPrintable(why));
            return 2;
        }
    }
    spanlight::SingleInstance instance;
    if (!screenshotDir) {
        const QString socketName = spanlight::SingleInstance::socketNameFor(config.settingsFile);
        QString why;
        switch (spanlight::SingleInstance::handOver(socketName, links + files, 10000, &why)) {
        case spanlight::SingleInstance::HandOver::Delivered:
            qCInfo(spanlight::lcServer).noquote()
                << "handed over to the console already running with" << config.settingsFile;
            return 0;
        case spanlight::SingleInstance::HandOver::Failed:
            std::fprintf(stderr, "spanlight: %s\n", qPrintable(why));
            return 1;
        case spanlight::SingleInstance::HandOver::NoInstance:
            if (!instance.listen(socketName, &why))
                qCWarning(spanlight::lcServer).noquote()
                    << "a second start cannot reach this console:" << why;
            break;
        }
    }

    spanlight::quitOnTerminationSignals();

    // The demo never writes into the user's own store unless they name one.
    QTemporaryDir demoDir;
    if (demo && config.databaseUrl == spanlight::defaultDatabaseUrl()) {
        if (!demoDir.isValid()) {
            std::fprintf(stderr, "spanlight: no temporary folder for the demo store: %s\n",
                qPrintable(demoDir.errorString()));
            return 1;
        }
        config.databaseUrl = QStringLiteral("sqlite://") + demoDir.filePath(QStringLiteral("demo.db"));
    }

    spanlight::SpanlightServer server(config);
    QString error;
    if (!server.start(&error)) {
        qCCritical(spanlight::lcServer).noquote() << "cannot start:" << error; // LOG_FORMAT applies
        return 1;
    }

    spanlight::demo::DemoFacts demoFacts;
    std::optional<spanlight::demo::LiveTraffic> live;
    if (demo) {
        spanlight::demo::DemoOptions options;
        options.nowNs = QDateTime::currentMSecsSinceEpoch() * 1000000;
        // Before the window exists: nothing is drawn yet, and every page then opens filled.
        const spanlight::demo::DemoLoad load = spanlight::demo::loadDemo(*server.store(), options);
        if (!load.ok) {
            qCCritical(spanlight::lcServer).noquote() << "cannot load the demo:" << load.error;
            server.stop();
            return 1;
        }
        demoFacts = load.facts;
        qCInfo(spanlight::lcServer).noquote()
            << QStringLiteral("demo: %1 spans in %2 traces loaded in %3 s (deep trace %4, %5 spans)")
                   .arg(load.facts.spans)
                   .arg(load.facts.traces)
                   .arg(load.seconds, 0, 'f', 1)
                   .arg(spanlight::idToHex(load.facts.deepTraceId))
                   .arg(load.facts.deepTraceSpans);
        // An example rule that the demo's errors make fire at once, evaluated now rather than at
        // the evaluator's next round, so that the Alerts page and the tray have something real.
        spanlight::AlertRule rule = spanlight::AlertsPage::exampleRule();
        rule.name = QStringLiteral("Demo: error rate above 1 %");
        rule.threshold = 0.01;
        rule.forNs = 0;
        const spanlight::AlertChange added = spanlight::AlertRuleBook(*server.store()).add(rule, options.nowNs);
        if (!added.ok() || !server.alerts()->runOnce())
            qCWarning(spanlight::lcServer).noquote() << "demo: no example alert rule:" << added.message();
        // Screenshots stay still; an interactive demo keeps moving.
        if (!screenshotDir) {
            live.emplace(*server.store(), options.seed + 1);
            live->start();
        }
    }

    int rc = 0;
    {
        spanlight::ConsoleController controller;
        controller.settings()->setSettingsFile(config.settingsFile); // also installs the translation
        if (theme)
            controller.settings()->applyThemeMode(*theme);
        spanlight::attachServer(controller, server);
        QObject::connect(&controller, &spanlight::ConsoleController::importFinished, &controller, [&controller](bool ok) {
            for (const QString &line : controller.importMessage().split(u'\n'))
                if (ok)
                    qCInfo(spanlight::lcServer).noquote() << "import:" << line;
                else
                    qCWarning(spanlight::lcServer).noquote() << "import:" << line;
        });

        QQmlApplicationEngine engine;
        // The language switches at runtime (Settings): qsTr() bindings follow.
        QObject::connect(controller.settings(), &spanlight::ConsoleSettings::languageChanged, &engine,
            &QQmlEngine::retranslate);
        engine.setInitialProperties({ { QStringLiteral("controller"), QVariant::fromValue(&controller) } });
        engine.load(QUrl(QStringLiteral("qrc:/Spanlight/Main.qml")));
        auto *window = engine.rootObjects().isEmpty()
            ? nullptr
            : qobject_cast<QQuickWindow *>(engine.rootObjects().first());
        if (!window) {
            std::fputs("spanlight: the console's QML failed to load\n", stderr);
            rc = 1;
        } else if (screenshotDir) {
            spanlight::PageScreenshots shots(window, &controller);
            QObject::connect(&shots, &spanlight::PageScreenshots::finished, &app, [&](bool ok) {
                if (ok)
                    std::printf("spanlight: wrote %lld pages to %s\n", qlonglong(shots.written().size()),
                        qPrintable(*screenshotDir));
                else
                    std::fprintf(stderr, "spanlight: screenshots failed: %s\n", qPrintable(shots.error()));
                QCoreApplication::exit(ok ? 0 : 1);
            });
            if (files.isEmpty()) {
                shots.start(spanlight::PageScreenshots::everyPage(
                                spanlight::idToHex(demoFacts.deepTraceId), QStringLiteral("checkout")),
                    *screenshotDir);
            } else {
                // The imported trace's page, once the import has committed (or why not, and exit 1).
                QObject::connect(&controller, &spanlight::ConsoleController::importFinished, &app, [&](bool ok) {
                    if (!ok) {
                        std::fprintf(stderr, "spanlight: %s\n", qPrintable(controller.importMessage()));
                        QCoreApplication::exit(1);
                        return;
                    }
                    shots.start({ spanlight::PageShot { QStringLiteral("trace"), spanlight::ConsoleController::Trace,
                                    controller.selectedTraceId(), {} } },
                        *screenshotDir);
                });
                controller.importPaths(files);
            }
            rc = app.exec();
        } else {
            // Desktop notifications of alerts, where the desktop has a system tray.
            spanlight::AlertTray tray(&controller, window);
            // Links open; files (absolute paths) are imported, also those a second start hands over.
            const auto open = [&controller](const QStringList &given) {
                QStringList paths;
                for (const QString &argument : given) {
                    if (spanlight::DeepLink::looksLikeLink(argument))
                        controller.openLink(argument);
                    else
                        paths.append(argument);
                }
                if (!paths.isEmpty())
                    controller.importPaths(paths);
            };
            QObject::connect(&instance, &spanlight::SingleInstance::activated, window,
                [window, open](const QStringList &given) {
                    if (window->windowStates() & Qt::WindowMinimized)
                        window->showNormal();
                    window->show();
                    window->raise();
                    window->requestActivate();
                    open(given);
                });
            open(links + files);
            spanlight::RemoteConnection *connection = controller.connection();
            QObject::connect(connection, &spanlight::RemoteConnection::connectFinished, connection, [connection](bool ok) {
                if (ok)
                    qCInfo(spanlight::lcServer).noquote() << "attached to" << connection->target();
            });
            if (!connectUrl.isEmpty()) {
                QObject::connect(connection, &spanlight::RemoteConnection::startConnectFailed, connection,
                    [connection](const QString &url) {
                        qCWarning(spanlight::lcServer).noquote()
                            << "cannot attach to" << url << "-" << connection->connectError();
                    });
                connection->connectAtStart(connectUrl, qEnvironmentVariable("SPANLIGHT_CONNECT_TOKEN"));
            }
            rc = app.exec(); // ends when the last window closes
        }
        // No query (nor demo load) may be running when the store closes.
        controller.shutdown();
    }
    live.reset();
    server.stop();
    qCInfo(spanlight::lcServer) << "stopped";
    return rc;
}
