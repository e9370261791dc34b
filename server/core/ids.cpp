#include "ids.h"

namespace spanlight {

QString idToHex(const QByteArray &id)
{
    return QString::fromLatin1(id.toHex());
}

static int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    if (u >= u'A' && u <= u'F')
        return u - u'A' + 10;
    return -1;
}

QByteArray idFromHex(QStringView hex, int bytes)
{
    const qsizetype digits = hex.size();
    if (digits == 0 || digits > 2 * bytes || digits % 2 != 0)
        return {};
    if (digits != 2 * bytes && !(bytes == 16 && digits == 16))
        return {};
    QByteArray out(bytes - digits / 2, '\0');
    out.reserve(bytes);
    for (qsizetype i = 0; i < digits; i += 2) {
        const int hi = hexValue(hex[i]);
        const int lo = hexValue(hex[i + 1]);
        if (hi < 0 || lo < 0)
            return {};
        out.append(char((hi << 4) | lo));
    }
    return out;
}

} // namespace spanlight
