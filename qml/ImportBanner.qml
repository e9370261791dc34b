// What the last trace file import gave ("Imported 12 spans from orders.json (3 traces)." or why
// a file could not be imported), above the pages until dismissed.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Spanlight

Rectangle {
    id: banner

    required property ConsoleController controller

    visible: controller.importMessage.length > 0 || controller.importing
    implicitHeight: row.implicitHeight + 2 * Theme.spacingS
    color: Theme.surface
    border.color: controller.importFailed ? Theme.error : Theme.border

    RowLayout {
        id: row

        anchors.fill: parent
        anchors.margins: Theme.spacingS
        anchors.leftMargin: Theme.spacingL
        spacing: Theme.spacingM

        BusyIndicator {
            visible: banner.controller.importing
            running: visible
            Layout.preferredWidth: 24
            Layout.preferredHeight: 24
        }
        Label {
            objectName: "importMessage"
            Layout.fillWidth: true
            text: banner.controller.importing ? qsTr("Importing trace files…") : banner.controller.importMessage
            wrapMode: Text.Wrap
            color: banner.controller.importFailed ? Theme.error : Theme.text
            font.pixelSize: Theme.fontBody
        }
        Button {
            objectName: "dismissImport"
            visible: !banner.controller.importing
            text: qsTr("Dismiss")
            flat: true
            onClicked: banner.controller.dismissImportMessage()
        }
    }
}
