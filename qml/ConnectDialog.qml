// File > Connect to Server (Ctrl+Shift+O): attach the console to a remote spanlightd through its
// REST API. The address comes from the recent ones or is typed; the token is sent as a bearer
// token and kept in the settings file only when "Remember the token" is ticked. Errors of the
// attempt show inline; the dialog closes once the server answered.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Spanlight

Dialog {
    id: root

    property ConsoleController controller
    readonly property RemoteConnection connection: controller ? controller.connection : null

    objectName: "connectDialog"
    title: qsTr("Connect to a server")
    modal: true
    focus: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(560, (parent ? parent.width : 560) - 2 * Theme.spacingXl)
    padding: Theme.spacingL
    closePolicy: Popup.CloseOnEscape

    onOpened: {
        if (urlField.editText.length === 0 && root.connection && root.connection.recentUrls.length > 0)
            urlField.editText = root.connection.recentUrls[0]
        tokenField.text = root.connection ? root.connection.rememberedToken(urlField.editText) : ""
        rememberBox.checked = tokenField.text.length > 0
        urlField.contentItem.forceActiveFocus() // the editable text, so typing goes there
    }

    // Opens on `url` (spanlight --connect that failed): the address and why show, to retry.
    function openFor(url) {
        urlField.editText = url
        open()
    }

    function attempt() {
        if (root.connection)
            root.connection.connectTo(urlField.editText, tokenField.text, rememberBox.checked, caField.text)
    }

    Connections {
        target: root.connection
        function onConnectFinished(ok) {
            if (ok)
                root.close()
        }
    }

    contentItem: ColumnLayout {
        spacing: Theme.spacingS
        Accessible.role: Accessible.Dialog
        Accessible.name: root.title

        Label {
            text: qsTr("Server address")
            color: Theme.text
        }
        ComboBox {
            id: urlField

            objectName: "connectUrl"
            Layout.fillWidth: true
            editable: true
            model: root.connection ? root.connection.recentUrls : []
            Accessible.name: qsTr("Server address")
            ToolTip.visible: hovered
            ToolTip.text: qsTr("The REST API of a spanlightd, such as https://spanlight.example:8007")
            onActivated: tokenField.text = root.connection ? root.connection.rememberedToken(editText) : ""
            onAccepted: root.attempt()
        }
        Label {
            text: qsTr("API token")
            color: Theme.text
        }
        TextField {
            id: tokenField

            objectName: "connectToken"
            Layout.fillWidth: true
            echoMode: TextInput.Password
            placeholderText: qsTr("The server's API_TOKEN or a token of its tokens file")
            Accessible.name: qsTr("API token")
            onAccepted: root.attempt()
        }
        CheckBox {
            id: rememberBox

            objectName: "connectRemember"
            text: qsTr("Remember the token (stored in the console's settings file)")
            Accessible.name: text
        }
        Label {
            text: qsTr("Extra trusted certificate (PEM file, optional)")
            color: Theme.text
        }
        TextField {
            id: caField

            objectName: "connectCaFile"
            Layout.fillWidth: true
            placeholderText: qsTr("/path/to/ca.pem, for a private CA or a self-signed certificate")
            Accessible.name: qsTr("Extra trusted certificate file")
            onAccepted: root.attempt()
        }
        Label {
            objectName: "connectError"
            Layout.fillWidth: true
            visible: text.length > 0
            text: root.connection ? root.connection.connectError : ""
            color: Theme.error
            wrapMode: Text.Wrap
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
        }
        Label {
            Layout.fillWidth: true
            text: qsTr("While attached, pages refresh every few seconds; demo data and file import are off.")
            font.pixelSize: Theme.fontCaption
            color: Theme.textMuted
            wrapMode: Text.Wrap
        }
        RowLayout {
            Layout.alignment: Qt.AlignRight
            spacing: Theme.spacingS

            BusyIndicator {
                running: root.connection ? root.connection.connecting : false
                visible: running
                Layout.preferredHeight: 24
                Layout.preferredWidth: 24
            }
            Button {
                objectName: "connectCancel"
                text: qsTr("Cancel")
                Accessible.name: text
                onClicked: {
                    if (root.connection)
                        root.connection.cancelConnect()
                    root.close()
                }
            }
            Button {
                objectName: "connectButton"
                text: qsTr("Connect")
                highlighted: true
                enabled: urlField.editText.length > 0 && !(root.connection && root.connection.connecting)
                Accessible.name: text
                onClicked: root.attempt()
            }
        }
    }
}
