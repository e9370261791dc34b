#pragma once

#include <QLocale>
#include <QObject>
#include <QStringList>
#include <QTranslator>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <optional>

namespace spanlight {

// The console's own preferences, the colour theme and the language, kept in the `console/`
// group of the settings file that also holds the server's keys. Without a settings file
// (tests) they live only in memory. The System theme follows the desktop: dark when the
// application palette's window colour is dark, re-checked whenever that palette changes. The
// language installs its translator (from :/i18n) at once; whoever owns the QML engine
// connects languageChanged() to QQmlEngine::retranslate().
class ConsoleSettings : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ConsoleSettings is owned by ConsoleController")
    Q_PROPERTY(int themeMode READ themeMode WRITE setThemeMode NOTIFY themeChanged)
    Q_PROPERTY(bool darkTheme READ isDarkTheme NOTIFY themeChanged)
    Q_PROPERTY(QStringList themeLabels READ themeLabels NOTIFY languageChanged)
    Q_PROPERTY(int language READ language WRITE setLanguage NOTIFY languageChanged)
    Q_PROPERTY(QStringList languageLabels READ languageLabels NOTIFY languageChanged)
    Q_PROPERTY(int timeZone READ timeZone WRITE setTimeZone NOTIFY timeZoneChanged)
    Q_PROPERTY(QStringList timeZoneLabels READ timeZoneLabels NOTIFY languageChanged)
    Q_PROPERTY(bool desktopNotifications READ desktopNotifications WRITE setDesktopNotifications NOTIFY
                   desktopNotificationsChanged)
public:
    enum ThemeMode { SystemTheme, LightTheme, DarkTheme };
    Q_ENUM(ThemeMode)

    explicit ConsoleSettings(QObject *parent = nullptr);

    // Reads the saved preferences from `path` (an INI file; empty: keep them in memory only).
    void setSettingsFile(const QString &path);
    QString settingsFile() const { return m_file; }

    int themeMode() const { return m_themeMode; }
    // Switches at once and saves the choice.
    void setThemeMode(int mode);
    // Switches without saving (the --theme flag: this run only).
    void applyThemeMode(ThemeMode mode);
    bool isDarkTheme() const { return m_dark; }
    // In ThemeMode order, for the Settings page's choice.
    QStringList themeLabels() const;

    // The languages, in this order: the system's (its translation when there is one, else
    // English), English (the source language), German, Simplified Chinese (zh_CN). New ones go
    // at the end: the settings file saves the name, the page's choice the index.
    enum Language { SystemLanguage, English, German, SimplifiedChinese, LanguageCount };
    Q_ENUM(Language)
    int language() const { return m_language; }
    // Switches at once (installs the translation, then languageChanged()) and saves the choice.
    void setLanguage(int language);
    // Each language's name in itself ("Deutsch"), the system's in the current language.
    QStringList languageLabels() const;

    // Whether absolute times read in local time or UTC (displaytext.h's DisplayTimeZone, which
    // this sets for the whole console). Switches at once and saves the choice.
    enum TimeZone { LocalTime, Utc };
    Q_ENUM(TimeZone)
    int timeZone() const { return m_timeZone; }
    void setTimeZone(int zone);
    QStringList timeZoneLabels() const; // in TimeZone order; the local one names the zone

    // Whether firing and resolved alerts show as desktop notifications (AlertTray); on by
    // default. Saved at once.
    bool desktopNotifications() const { return m_desktopNotifications; }
    void setDesktopNotifications(bool on);

    // The Traces page's saved searches: a name and the form's fields (TracesPage says which),
    // in the order saved; the settings file keeps them as the array console/saved_searches.
    QList<std::pair<QString, QVariantMap>> savedSearches() const { return m_savedSearches; }
    void setSavedSearches(const QList<std::pair<QString, QVariantMap>> &searches); // and saves them

    // "system", "light", "dark" (the settings file's and --theme's words); nullopt otherwise.
    static std::optional<ThemeMode> themeModeFromName(const QString &name);
    static QString themeModeName(ThemeMode mode);

Q_SIGNALS:
    void themeChanged();
    void languageChanged();
    void timeZoneChanged();
    void desktopNotificationsChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void setMode(ThemeMode mode);
    void updateDark();
    void applyLanguage(Language language);
    void applyTimeZone(TimeZone zone);

    QString m_file;
    ThemeMode m_themeMode = SystemTheme;
    bool m_dark = false;
    Language m_language = SystemLanguage;
    TimeZone m_timeZone = LocalTime;
    bool m_desktopNotifications = true;
    QList<std::pair<QString, QVariantMap>> m_savedSearches;
    QLocale m_systemLocale; // the default locale before a language was chosen
    QTranslator m_translator;
    bool m_translatorInstalled = false;
};

} // namespace spanlight
