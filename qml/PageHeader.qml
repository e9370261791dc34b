// A page's title row: title, a muted subtitle (the window shown) and, on the right, the page's
// controls (filters, time range), given as children.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Spanlight

RowLayout {
    id: root

    property string title
    property string subtitle
    property bool busy: false
    default property alias tools: toolRow.data

    spacing: Theme.spacingM

    Label {
        text: root.title
        font.pixelSize: Theme.fontTitle
        font.bold: true
        color: Theme.text
    }
    Label {
        text: root.subtitle
        font.pixelSize: Theme.fontBody
        color: Theme.textMuted
        Layout.alignment: Qt.AlignBaseline
    }
    BusyIndicator {
        running: root.busy
        visible: running
        Layout.preferredWidth: 20
        Layout.preferredHeight: 20
    }
    Item {
        Layout.fillWidth: true
    }
    RowLayout {
        id: toolRow

        spacing: Theme.spacingS
    }
}
