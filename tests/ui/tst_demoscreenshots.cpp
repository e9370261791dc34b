// `spanlight --demo --screenshot DIR` as a real process, offscreen: it exits 0 with one PNG per
// page, and every picture shows something (not one flat colour); misuse exits non-zero and says why.
#include <QDir>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

class TstDemoScreenshots : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void rendersEveryPage();
    void refusesScreenshotsWithoutDemo();
    void refusesAnUnknownTheme();
    void failsWhenTheFolderCannotBeMade();
    void importsFileArguments();

private:
    struct Run
    {
        int exitCode = -1;
        QString output;
    };
    Run spanlight(const QStringList &arguments, int timeoutMs = 150000);

    QTemporaryDir m_home;
};

void TstDemoScreenshots::init()
{
    QVERIFY(m_home.isValid());
    QVERIFY2(qEnvironmentVariableIsSet("SPANLIGHT_BIN"), "SPANLIGHT_BIN names the console binary");
}

TstDemoScreenshots::Run TstDemoScreenshots::spanlight(const QStringList &arguments, int timeoutMs)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    // Ephemeral ports, so a console running on this machine is no obstacle; our own settings.
    for (const char *port :
        { "SERVICE_PORT", "OTLP_HTTP_PORT", "OTLP_GRPC_PORT", "ZIPKIN_PORT", "JAEGER_HTTP_PORT" })
        env.insert(QLatin1String(port), QStringLiteral("0"));
    env.insert(QStringLiteral("SPANLIGHT_CONFIG"), m_home.filePath(QStringLiteral("spanlight.conf")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
    env.remove(QStringLiteral("DATABASE_URL"));
    QProcess p;
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(qEnvironmentVariable("SPANLIGHT_BIN"), arguments);
    Run run;
    if (!p.waitForStarted(10000)) {
        run.output = p.errorString();
        return run;
    }
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        run.output = QStringLiteral("timed out: ") + QString::fromLocal8Bit(p.readAll());
        return run;
    }
    run.output = QString::fromLocal8Bit(p.readAll());
    run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    return run;
}

void TstDemoScreenshots::rendersEveryPage()
{
    QTemporaryDir out;
    QVERIFY(out.isValid());
    const QString dir = out.filePath(QStringLiteral("shots")); // made by spanlight
    const Run run = spanlight({ QStringLiteral("--demo"), QStringLiteral("--screenshot"), dir });
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));
    QVERIFY2(run.output.contains(u"wrote 10 pages"_qs), qPrintable(run.output));
    const QStringList pages = { u"dashboard"_qs, u"traces"_qs, u"trace"_qs, u"services"_qs, u"errors"_qs,
        u"dependencies"_qs, u"performance"_qs, u"insights"_qs, u"alerts"_qs, u"settings"_qs };
    QCOMPARE(QDir(dir).entryList(QDir::Files), [&] {
        QStringList files;
        for (const QString &page : pages)
            files.append(page + QStringLiteral(".png"));
        files.sort();
        return files;
    }());
    for (const QString &page : pages) {
        const QString path = QDir(dir).filePath(page + QStringLiteral(".png"));
        QVERIFY2(QFileInfo(path).size() > 0, qPrintable(path));
        const QImage image(path);
        QVERIFY2(!image.isNull(), qPrintable(path));
        QCOMPARE(image.size(), QSize(1280, 800));
        // Pixel variety on a grid: a blank or failed render is one colour (or nearly).
        QHash<QRgb, int> colours;
        int samples = 0;
        for (int y = 0; y < image.height(); y += 7) {
            for (int x = 0; x < image.width(); x += 7) {
                ++colours[image.pixel(x, y)];
                ++samples;
            }
        }
        int commonest = 0;
        for (int n : std::as_const(colours))
            commonest = std::max(commonest, n);
        QVERIFY2(
            colours.size() >= 20, qPrintable(QStringLiteral("%1: %2 colours").arg(page).arg(colours.size())));
        QVERIFY2(commonest < samples * 9 / 10,
            qPrintable(
                QStringLiteral("%1: one colour in %2 of %3 samples").arg(page).arg(commonest).arg(samples)));
    }
}

void TstDemoScreenshots::refusesScreenshotsWithoutDemo()
{
    QTemporaryDir out;
    const Run run = spanlight({ QStringLiteral("--screenshot"), out.path() }, 30000);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.output.contains(u"--screenshot needs --demo"_qs), qPrintable(run.output));
}

void TstDemoScreenshots::refusesAnUnknownTheme()
{
    QTemporaryDir out;
    const Run run = spanlight(
        { QStringLiteral("--demo"), QStringLiteral("--screenshot"), out.path(), QStringLiteral("--theme"), QStringLiteral("blue") },
        30000);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.output.contains(u"--theme must be system, light or dark"_qs), qPrintable(run.output));
    QVERIFY(QDir(out.path()).isEmpty());
}

void TstDemoScreenshots::failsWhenTheFolderCannotBeMade()
{
    QTemporaryDir out;
    QFile file(out.filePath(QStringLiteral("a-file")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    const Run run = spanlight(
        { QStringLiteral("--demo"), QStringLiteral("--screenshot"), file.fileName() + u"/shots"_qs });
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.output.contains(u"screenshots failed: cannot create"_qs), qPrintable(run.output));
}

// spanlight FILE: the file is imported through the embedded server at start and its first trace
// opens; with --screenshot the Trace page is rendered once the import committed.
void TstDemoScreenshots::importsFileArguments()
{
    QTemporaryDir out;
    QVERIFY(out.isValid());
    const QString dir = out.filePath(QStringLiteral("shots"));
    const QString fixture = qEnvironmentVariable("SPANLIGHT_TEST_DATA") + QStringLiteral("/../ingest/data/import/jaeger_ui_export.json");
    const Run run = spanlight({ QStringLiteral("--screenshot"), dir, fixture });
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));
    QVERIFY2(run.output.contains(u"import: Imported 5 span(s) from jaeger_ui_export.json (2 trace(s))."_qs), qPrintable(run.output));
    QVERIFY2(run.output.contains(u"wrote 1 pages"_qs), qPrintable(run.output));
    const QImage image(QDir(dir).filePath(QStringLiteral("trace.png")));
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), QSize(1280, 800));

    // A file that is not a trace file: said, exit 1, nothing rendered.
    QFile broken(out.filePath(QStringLiteral("notes.json")));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write(R"({"title": "not a trace"})");
    broken.close();
    const QString brokenDir = out.filePath(QStringLiteral("broken"));
    const Run failed = spanlight({ QStringLiteral("--screenshot"), brokenDir, broken.fileName() });
    QCOMPARE(failed.exitCode, 1);
    QVERIFY2(failed.output.contains(u"Could not import notes.json: unknown format: a JSON object with the keys title"_qs),
        qPrintable(failed.output));
    QVERIFY(!QFileInfo::exists(QDir(brokenDir).filePath(QStringLiteral("trace.png"))));
}

QTEST_GUILESS_MAIN(TstDemoScreenshots)
#include "tst_demoscreenshots.moc"
