#pragma once

#include <QObject>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

#include <optional>

namespace spanlight {

// The console's own preferences (today: the colour theme), kept in the `console/` group of
// the settings file that also holds the server's keys. Without a settings file (tests) they
// live only in memory. "System" follows the desktop: dark when the application palette's
// window colour is dark, re-checked whenever that palette changes.
class ConsoleSettings : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ConsoleSettings is owned by ConsoleController")
    Q_PROPERTY(int themeMode READ themeMode WRITE setThemeMode NOTIFY themeChanged)
    Q_PROPERTY(bool darkTheme READ isDarkTheme NOTIFY themeChanged)
    Q_PROPERTY(QStringList themeLabels READ themeLabels CONSTANT)
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

    // "system", "light", "dark" (the settings file's and --theme's words); nullopt otherwise.
    static std::optional<ThemeMode> themeModeFromName(const QString &name);
    static QString themeModeName(ThemeMode mode);

Q_SIGNALS:
    void themeChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void setMode(ThemeMode mode);
    void updateDark();

    QString m_file;
    ThemeMode m_themeMode = SystemTheme;
    bool m_dark = false;
};

} // namespace spanlight
