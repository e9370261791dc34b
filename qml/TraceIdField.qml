// A field that opens a trace by its id (32 hex digits): Enter opens it on the Trace page (with
// `compare`, compares the open trace with it); an id that is not one stays in the field, marked,
// with the reason below. A focus scope, so that giving it the focus puts the cursor in the field.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Spanlight

FocusScope {
    id: root

    property ConsoleController controller
    property alias field: input
    property bool invalid: false
    property bool compare: false
    signal opened()

    implicitWidth: column.implicitWidth
    implicitHeight: column.implicitHeight

    ColumnLayout {
        id: column

        anchors.fill: parent
        spacing: Theme.spacingXs

        TextField {
            id: input

            objectName: "traceIdInput"
            Layout.fillWidth: true
            Layout.minimumWidth: 280
            focus: true
            placeholderText: qsTr("Trace id, 32 hex digits")
            font.family: Theme.monoFamily
            selectByMouse: true
            Accessible.name: root.compare ? qsTr("Trace id to compare with") : qsTr("Trace id to open")
            onTextEdited: root.invalid = false
            onAccepted: {
                if (root.controller && (root.compare ? root.controller.compareWithTraceId(text)
                                                     : root.controller.openTraceId(text))) {
                    root.invalid = false
                    text = ""
                    root.opened()
                } else {
                    root.invalid = text.length > 0
                }
            }
        }
        Label {
            Layout.fillWidth: true
            visible: root.invalid
            text: qsTr("That is not a trace id: it has 32 hexadecimal digits (0-9, a-f).")
            color: Theme.error
            font.pixelSize: Theme.fontCaption
            wrapMode: Text.Wrap
        }
    }
}
