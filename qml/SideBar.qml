// The page switcher on the left: one button per page (icon glyph and short title); the
// shortcut is in the tooltip. The controller owns the current page.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Spanlight

Rectangle {
    id: root

    required property ConsoleController controller

    implicitWidth: Theme.sidebarWidth
    color: Theme.sidebar

    ColumnLayout {
        anchors.fill: parent
        anchors.topMargin: Theme.spacingS
        spacing: Theme.spacingXs

        Repeater {
            model: root.controller.pages

            delegate: AbstractButton {
                id: entry

                required property int page
                required property string title
                required property string glyph
                required property string shortcut

                readonly property bool current: root.controller.currentPage === page

                Layout.fillWidth: true
                Layout.preferredHeight: 58
                focusPolicy: Qt.NoFocus
                Accessible.role: Accessible.PageTab
                Accessible.name: title
                onClicked: root.controller.currentPage = page

                ToolTip.visible: hovered
                ToolTip.delay: 500
                ToolTip.text: qsTr("%1 (%2)").arg(title).arg(shortcut)

                background: Rectangle {
                    color: entry.current ? Theme.sidebarActive : entry.hovered ? Qt.lighter(Theme.sidebar, 1.3) : "transparent"

                    Rectangle {
                        width: 3
                        height: parent.height
                        color: Theme.accent
                        visible: entry.current
                    }
                }

                contentItem: Column {
                    spacing: 2
                    topPadding: Theme.spacingXs

                    Text {
                        anchors.horizontalCenter: parent.horizontalCenter
                        text: entry.glyph
                        font.pixelSize: 20
                        color: entry.current ? Theme.sidebarActiveText : Theme.sidebarText
                    }
                    Text {
                        width: parent.width
                        horizontalAlignment: Text.AlignHCenter
                        text: entry.title
                        font.pixelSize: Theme.fontCaption
                        // Long titles (German "Abhängigkeiten") shrink a little rather than lose letters.
                        fontSizeMode: Text.HorizontalFit
                        minimumPixelSize: 8
                        leftPadding: 2
                        rightPadding: 2
                        color: entry.current ? Theme.sidebarActiveText : Theme.sidebarText
                    }
                }
            }
        }

        Item {
            Layout.fillHeight: true
        }
    }
}
