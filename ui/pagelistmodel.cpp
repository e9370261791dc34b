#include "pagelistmodel.h"

namespace spanlight {

PageListModel::PageListModel(QObject *parent)
    : KeyedRowsModel<PageRow>(parent)
{ }

void PageListModel::setEntries(const QList<PageEntry> &entries)
{
    QList<PageRow> rows;
    for (const PageEntry &e : entries)
        rows.append({ QString::number(e.page), e });
    setRows(rows);
}

QVariant PageListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PageEntry &e = m_rows[index.row()].entry;
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return e.title;
    case PageRole:
        return e.page;
    case GlyphRole:
        return e.glyph;
    case ShortcutRole:
        return e.shortcut;
    case BuiltRole:
        return e.built;
    case PlaceholderRole:
        return e.placeholder;
    default:
        return {};
    }
}

QHash<int, QByteArray> PageListModel::roleNames() const
{
    return { { PageRole, "page" }, { TitleRole, "title" }, { GlyphRole, "glyph" },
        { ShortcutRole, "shortcut" }, { BuiltRole, "built" }, { PlaceholderRole, "placeholder" } };
}

const PageEntry *PageListModel::entryOf(int page) const
{
    for (const PageRow &r : m_rows)
        if (r.entry.page == page)
            return &r.entry;
    return nullptr;
}

QString PageListModel::titleOf(int page) const
{
    const PageEntry *e = entryOf(page);
    return e ? e->title : QString();
}

QString PageListModel::placeholderOf(int page) const
{
    const PageEntry *e = entryOf(page);
    return e ? e->placeholder : QString();
}

QString PageListModel::glyphOf(int page) const
{
    const PageEntry *e = entryOf(page);
    return e ? e->glyph : QString();
}

} // namespace spanlight
