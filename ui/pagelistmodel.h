#pragma once

#include "keyedrowsmodel.h"

#include <QtQml/qqmlregistration.h>

namespace spanlight {

// One entry of the side bar.
struct PageEntry
{
    int page = 0; // a ConsoleController::Page
    QString title;
    QString glyph; // one character drawn as the page's icon
    QString shortcut;
    bool built = false; // false: the page only says what it will hold
    QString placeholder;
    bool operator==(const PageEntry &) const = default;
};

struct PageRow
{
    QString key; // the page number
    PageEntry entry;
    bool operator==(const PageRow &) const = default;
};

// The console's pages as the side bar lists them, with their display strings; the controller
// fills it once (ConsoleController::Page order).
class PageListModel : public KeyedRowsModel<PageRow>
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("PageListModel is owned by ConsoleController")
public:
    enum Role {
        PageRole = Qt::UserRole + 1, // int, a ConsoleController::Page
        TitleRole, // QString, "Services"
        GlyphRole, // QString, one character drawn as the page's icon
        ShortcutRole, // QString, "Ctrl+4"
        BuiltRole, // bool, false for pages that only say what they will hold
        PlaceholderRole, // QString, what an unbuilt page will hold
    };
    Q_ENUM(Role)

    explicit PageListModel(QObject *parent = nullptr);
    void setEntries(const QList<PageEntry> &entries);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    Q_INVOKABLE QString titleOf(int page) const;
    Q_INVOKABLE QString placeholderOf(int page) const;
    Q_INVOKABLE QString glyphOf(int page) const;

private:
    const PageEntry *entryOf(int page) const;
};

} // namespace spanlight
