#include "consolesettings.h"

#include "displaytext.h"

#include <QDateTime>
#include <QEvent>
#include <QGuiApplication>
#include <QPalette>
#include <QSettings>

namespace spanlight {

namespace {

const QString kThemeKey = QStringLiteral("console/theme");
const QString kLanguageKey = QStringLiteral("console/language");
const QString kTimeZoneKey = QStringLiteral("console/time_zone"); // "local" or "utc"
const QString kDesktopNotificationsKey = QStringLiteral("console/desktop_notifications");
const QString kSavedSearchesKey = QStringLiteral("console/saved_searches");
// The settings file's words for ConsoleSettings::Language.
const char *const kLanguageNames[] = { "system", "en", "de", "zh_CN" };

bool systemPrefersDark()
{
    // Qt 6.4 has no QStyleHints::colorScheme(); the platform theme's palette says it as well.
    return QGuiApplication::palette().color(QPalette::Window).lightness() < 128;
}

} // namespace

ConsoleSettings::ConsoleSettings(QObject *parent)
    : QObject(parent)
{
    if (QCoreApplication *app = QCoreApplication::instance())
        app->installEventFilter(this);
    // The time zone is one switch for the whole process: this object shows it, and its settings
    // file (setSettingsFile()) sets it.
    m_timeZone = displayTimeZone() == DisplayTimeZone::Utc ? Utc : LocalTime;
    m_dark = m_themeMode == DarkTheme || (m_themeMode == SystemTheme && systemPrefersDark());
}

bool ConsoleSettings::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == QCoreApplication::instance() && event->type() == QEvent::ApplicationPaletteChange)
        updateDark();
    return QObject::eventFilter(watched, event);
}

void ConsoleSettings::setSettingsFile(const QString &path)
{
    m_file = path;
    if (m_file.isEmpty())
        return;
    QSettings settings(m_file, QSettings::IniFormat);
    // A value this version does not know (a newer one wrote it) leaves the default.
    if (const auto mode = themeModeFromName(settings.value(kThemeKey).toString()))
        setMode(*mode);
    const QString language = settings.value(kLanguageKey).toString();
    for (int i = 0; i < LanguageCount; ++i)
        if (language == QLatin1String(kLanguageNames[i]))
            m_language = Language(i);
    applyLanguage(m_language);
    applyTimeZone(settings.value(kTimeZoneKey).toString() == u"utc" ? Utc : LocalTime);
    const bool notifications = settings.value(kDesktopNotificationsKey, true).toBool();
    if (notifications != m_desktopNotifications) {
        m_desktopNotifications = notifications;
        Q_EMIT desktopNotificationsChanged();
    }
    m_savedSearches.clear();
    QSettings &reading = settings;
    const int count = reading.beginReadArray(kSavedSearchesKey);
    for (int i = 0; i < count; ++i) {
        reading.setArrayIndex(i);
        QVariantMap form;
        const QStringList keys = reading.childKeys();
        for (const QString &key : keys)
            if (key != u"name")
                form.insert(key, reading.value(key));
        const QString name = reading.value(QStringLiteral("name")).toString();
        if (!name.isEmpty())
            m_savedSearches.append({ name, form });
    }
    reading.endArray();
}

void ConsoleSettings::setSavedSearches(const QList<std::pair<QString, QVariantMap>> &searches)
{
    m_savedSearches = searches;
    if (m_file.isEmpty())
        return;
    QSettings settings(m_file, QSettings::IniFormat);
    settings.remove(kSavedSearchesKey); // a shorter list leaves no old entries behind
    settings.beginWriteArray(kSavedSearchesKey, int(searches.size()));
    for (qsizetype i = 0; i < searches.size(); ++i) {
        settings.setArrayIndex(int(i));
        settings.setValue(QStringLiteral("name"), searches.at(i).first);
        for (auto it = searches.at(i).second.cbegin(); it != searches.at(i).second.cend(); ++it)
            settings.setValue(it.key(), it.value());
    }
    settings.endArray();
}

void ConsoleSettings::setTimeZone(int zone)
{
    if (zone < LocalTime || zone > Utc || zone == m_timeZone)
        return;
    applyTimeZone(TimeZone(zone));
    if (m_file.isEmpty())
        return;
    QSettings settings(m_file, QSettings::IniFormat);
    settings.setValue(kTimeZoneKey, m_timeZone == Utc ? QStringLiteral("utc") : QStringLiteral("local"));
}

void ConsoleSettings::setDesktopNotifications(bool on)
{
    if (on == m_desktopNotifications)
        return;
    m_desktopNotifications = on;
    Q_EMIT desktopNotificationsChanged();
    if (m_file.isEmpty())
        return;
    QSettings settings(m_file, QSettings::IniFormat);
    settings.setValue(kDesktopNotificationsKey, on);
}

void ConsoleSettings::applyTimeZone(TimeZone zone)
{
    const bool changed = zone != m_timeZone;
    m_timeZone = zone;
    setDisplayTimeZone(zone == Utc ? DisplayTimeZone::Utc : DisplayTimeZone::Local);
    if (changed)
        Q_EMIT timeZoneChanged();
}

QStringList ConsoleSettings::timeZoneLabels() const
{
    // The local zone's abbreviation ("CET", "JST"), so that the choice says what local means here.
    const QString local = QDateTime::currentDateTime().timeZoneAbbreviation();
    return { local.isEmpty() ? tr("Local time") : tr("Local time (%1)").arg(local), tr("UTC") };
}

void ConsoleSettings::setLanguage(int language)
{
    if (language < 0 || language >= LanguageCount || language == m_language)
        return;
    m_language = Language(language);
    applyLanguage(m_language);
    if (m_file.isEmpty())
        return;
    QSettings settings(m_file, QSettings::IniFormat);
    settings.setValue(kLanguageKey, QLatin1String(kLanguageNames[m_language]));
}

void ConsoleSettings::applyLanguage(Language language)
{
    if (m_translatorInstalled) {
        QCoreApplication::removeTranslator(&m_translator);
        m_translatorInstalled = false;
    }
    QLocale locale = m_systemLocale;
    if (language == English)
        locale = QLocale(QLocale::English, QLocale::UnitedStates);
    else if (language == German)
        locale = QLocale(QLocale::German, QLocale::Germany);
    else if (language == SimplifiedChinese)
        locale = QLocale(QLocale::Chinese, QLocale::SimplifiedHanScript, QLocale::China);
    // Numbers and dates follow the chosen language too, as they would in its locale.
    QLocale::setDefault(locale);
    // Every Simplified Chinese locale (zh_CN, zh_SG, zh_Hans_*) reads the zh_CN translation.
    QLocale translation = locale;
    if (locale.language() == QLocale::Chinese && locale.script() == QLocale::SimplifiedHanScript)
        translation = QLocale(QLocale::Chinese, QLocale::SimplifiedHanScript, QLocale::China);
    if (language != English
        && m_translator.load(translation, QStringLiteral("spanlight"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        m_translatorInstalled = QCoreApplication::installTranslator(&m_translator);
    Q_EMIT languageChanged();
}

QStringList ConsoleSettings::languageLabels() const
{
    return { tr("System language"), QStringLiteral("English"), QStringLiteral("Deutsch"),
             QStringLiteral("简体中文") };
}

void ConsoleSettings::setThemeMode(int mode)
{
    if (mode < SystemTheme || mode > DarkTheme)
        return;
    setMode(ThemeMode(mode));
    if (m_file.isEmpty())
        return;
    QSettings settings(m_file, QSettings::IniFormat);
    settings.setValue(kThemeKey, themeModeName(m_themeMode));
}

void ConsoleSettings::applyThemeMode(ThemeMode mode)
{
    setMode(mode);
}

void ConsoleSettings::setMode(ThemeMode mode)
{
    const bool changed = mode != m_themeMode;
    m_themeMode = mode;
    const bool wasDark = m_dark;
    m_dark = m_themeMode == DarkTheme || (m_themeMode == SystemTheme && systemPrefersDark());
    if (changed || wasDark != m_dark)
        Q_EMIT themeChanged();
}

void ConsoleSettings::updateDark()
{
    setMode(m_themeMode);
}

QStringList ConsoleSettings::themeLabels() const
{
    return { tr("System"), tr("Light"), tr("Dark") };
}

std::optional<ConsoleSettings::ThemeMode> ConsoleSettings::themeModeFromName(const QString &name)
{
    if (name == u"system")
        return SystemTheme;
    if (name == u"light")
        return LightTheme;
    if (name == u"dark")
        return DarkTheme;
    return std::nullopt;
}

QString ConsoleSettings::themeModeName(ThemeMode mode)
{
    switch (mode) {
    case LightTheme:
        return QStringLiteral("light");
    case DarkTheme:
        return QStringLiteral("dark");
    case SystemTheme:
        break;
    }
    return QStringLiteral("system");
}

} // namespace spanlight
