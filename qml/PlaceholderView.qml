// A page that a later version fills in: what it will show.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Spanlight

Rectangle {
    id: root

    property string title
    property string glyph
    property string text

    color: Theme.window

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.spacingXl, 480)
        spacing: Theme.spacingS

        Label {
            Layout.alignment: Qt.AlignHCenter
            text: root.glyph
            font.pixelSize: 48
            color: Theme.textMuted
        }
        Label {
            Layout.alignment: Qt.AlignHCenter
            text: root.title
            font.pixelSize: Theme.fontTitle
            font.bold: true
            color: Theme.text
        }
        Label {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            text: root.text
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
        }
        Label {
            Layout.alignment: Qt.AlignHCenter
            text: qsTr("Coming in a later version.")
            font.pixelSize: Theme.fontCaption
            color: Theme.textMuted
        }
    }
}
