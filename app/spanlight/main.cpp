// spanlight: the desktop console with the embedded Spanlight server.
#include "consolecontroller.h"
#include "core/config.h"
#include "core/logging.h"
#include "core/termination.h"
#include "serverbinding.h"
#include "spanlightserver.h"

#include <QApplication>
#include <QLocale>
#include <QQmlApplicationEngine>
#include <QTranslator>
#include <QtQml/qqmlextensionplugin.h>

#include <cstdio>

Q_IMPORT_QML_PLUGIN(SpanlightPlugin)

int main(int argc, char *argv[])
{
    // QApplication, not QGuiApplication: Qt Charts draws through Graphics View.
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("spanlight"));
    QApplication::setOrganizationName(QStringLiteral("spanlight"));
    QApplication::setApplicationVersion(QStringLiteral(SPANLIGHT_VERSION));
    QApplication::setApplicationDisplayName(QStringLiteral("Spanlight"));

    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("spanlight"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);

    spanlight::Config config;
    if (const auto exitCode = spanlight::configureProcess(
            QStringLiteral("Spanlight desktop console with an embedded OTLP, Zipkin and Jaeger collector."), &config))
        return *exitCode;
    spanlight::quitOnTerminationSignals();

    spanlight::SpanlightServer server(config);
    QString error;
    if (!server.start(&error)) {
        qCCritical(spanlight::lcServer).noquote() << "cannot start:" << error; // LOG_FORMAT applies
        return 1;
    }

    int rc = 0;
    {
        spanlight::ConsoleController controller;
        spanlight::attachServer(controller, server);

        QQmlApplicationEngine engine;
        engine.setInitialProperties({{QStringLiteral("controller"), QVariant::fromValue(&controller)}});
        engine.load(QUrl(QStringLiteral("qrc:/Spanlight/Main.qml")));
        if (engine.rootObjects().isEmpty()) {
            std::fputs("spanlight: the console's QML failed to load\n", stderr);
            rc = 1;
        } else {
            rc = app.exec(); // ends when the last window closes
        }
        // No query may be running when the store closes.
        controller.shutdown();
    }
    server.stop();
    qCInfo(spanlight::lcServer) << "stopped";
    return rc;
}
