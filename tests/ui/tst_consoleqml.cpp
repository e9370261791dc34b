// Loads the console's Main.qml with a controller over a fake source, offscreen: the window
// must appear and render without a single QML warning, and keyboard navigation must reach
// the controller.
#include "consolecontroller.h"
#include "fakesource.h"

#include "core/ids.h"

#include <QApplication>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(SpanlightPlugin)

using namespace spanlight;
using namespace spanlight::test;

class TstConsoleQml : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void loadsWithoutServer();
    void showsTracesAndWaterfall();
};

void TstConsoleQml::init()
{
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
}

static QQuickWindow *load(QQmlApplicationEngine &engine, ConsoleController &controller)
{
    engine.setInitialProperties({{QStringLiteral("controller"), QVariant::fromValue(&controller)}});
    engine.load(QUrl(QStringLiteral("qrc:/Spanlight/Main.qml")));
    if (engine.rootObjects().size() != 1)
        return nullptr;
    return qobject_cast<QQuickWindow *>(engine.rootObjects().first());
}

void TstConsoleQml::loadsWithoutServer()
{
    ConsoleController controller;
    QQmlApplicationEngine engine;
    QQuickWindow *window = load(engine, controller);
    QVERIFY(window);
    QSignalSpy frames(window, &QQuickWindow::frameSwapped);
    QVERIFY(window->isVisible());
    QTRY_VERIFY(frames.size() >= 1);
}

void TstConsoleQml::showsTracesAndWaterfall()
{
    auto source = std::make_shared<FakeSource>();
    for (int n = 1; n <= 30; ++n)
        source->put(sampleTraceNumber(n, n % 3));
    ConsoleController controller;
    ConsoleEndpoints endpoints;
    endpoints.apiUrl = QStringLiteral("http://127.0.0.1:8007");
    endpoints.otlpHttpUrl = QStringLiteral("http://127.0.0.1:4318/v1/traces");
    endpoints.otlpGrpcUrl = QStringLiteral("http://127.0.0.1:4317");
    endpoints.apiToken = QStringLiteral("token-123");
    endpoints.storageUrl = QStringLiteral("sqlite:///tmp/x.db");
    controller.setEndpoints(endpoints);
    QSignalSpy listApplied(&controller, &ConsoleController::traceListApplied);
    QSignalSpy traceApplied(&controller, &ConsoleController::traceApplied);
    controller.setSource(source);

    QQmlApplicationEngine engine;
    QQuickWindow *window = load(engine, controller);
    QVERIFY(window);
    QSignalSpy frames(window, &QQuickWindow::frameSwapped);
    QTRY_VERIFY(listApplied.size() >= 1);
    QTRY_VERIFY(frames.size() >= 1);
    QTRY_VERIFY(window->isActive() || QGuiApplication::platformName() == u"offscreen");
    window->requestActivate();

    // The trace list has focus: Down twice, Enter opens the third-newest trace.
    const int before = int(frames.size());
    QTest::keyClick(window, Qt::Key_Down);
    QTest::keyClick(window, Qt::Key_Down);
    QTest::keyClick(window, Qt::Key_Return);
    QTRY_COMPARE(traceApplied.size(), 1);
    QCOMPARE(controller.selectedTraceId(), idToHex(traceIdOf(28)));
    QCOMPARE(controller.waterfall()->rowCount(), 3 + 28 % 3);

    QTRY_VERIFY(frames.size() > before); // the waterfall rendered

    const QImage shot = window->grabWindow();
    QVERIFY(!shot.isNull());
    if (qEnvironmentVariableIsSet("SPANLIGHT_SCREENSHOT"))
        shot.save(qEnvironmentVariable("SPANLIGHT_SCREENSHOT"));
}

int main(int argc, char *argv[])
{
    // QApplication, as in the app (Qt Charts will need it).
    QApplication app(argc, argv);
    TstConsoleQml test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_consoleqml.moc"
