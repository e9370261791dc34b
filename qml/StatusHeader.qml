// Where the embedded server listens, each with a copy button. The API token is on the
// Settings page, hidden until shown, not in a header that every screenshot and every
// onlooker sees.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Spanlight

ToolBar {
    id: root

    property ConsoleController controller

    component Endpoint: RowLayout {
        id: endpoint

        property string caption
        property string value

        spacing: 4
        visible: value.length > 0

        Label {
            text: endpoint.caption
            opacity: 0.7
        }
        Label {
            text: endpoint.value
            font.family: "monospace"
            elide: Text.ElideMiddle
            Layout.maximumWidth: 320
        }
        ToolButton {
            text: qsTr("Copy")
            font.pixelSize: 11
            onClicked: root.controller.copyToClipboard(endpoint.value)
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Copy %1 to the clipboard").arg(endpoint.caption)
        }
    }

    Flow {
        anchors.fill: parent
        anchors.leftMargin: 8
        spacing: 16

        // Which server the pages read: the embedded one, or a remote spanlightd (File > Connect).
        RowLayout {
            objectName: "connectionTarget"
            spacing: 4

            Label {
                text: qsTr("Server")
                opacity: 0.7
            }
            Label {
                text: root.controller ? root.controller.connection.target : ""
                font.bold: root.controller ? root.controller.connection.remote : false
                color: root.controller && root.controller.connection.error.length > 0 ? Theme.error : palette.windowText
                Accessible.name: qsTr("Server: %1").arg(text)
                ToolTip.visible: targetMouse.containsMouse && ToolTip.text.length > 0
                ToolTip.text: root.controller ? (root.controller.connection.error.length > 0
                                                 ? root.controller.connection.error : root.controller.connection.note) : ""

                MouseArea {
                    id: targetMouse

                    anchors.fill: parent
                    hoverEnabled: true
                    acceptedButtons: Qt.NoButton
                }
            }
        }
        Endpoint {
            caption: qsTr("REST API")
            value: root.controller ? root.controller.apiUrl : ""
        }
        Endpoint {
            caption: qsTr("OTLP/HTTP")
            value: root.controller ? root.controller.otlpHttpUrl : ""
        }
        Endpoint {
            caption: qsTr("OTLP/gRPC")
            value: root.controller ? root.controller.otlpGrpcUrl : ""
        }
        Endpoint {
            caption: qsTr("Zipkin")
            value: root.controller ? root.controller.zipkinUrl : ""
        }
        Endpoint {
            caption: qsTr("Jaeger")
            value: root.controller ? root.controller.jaegerUrl : ""
        }
        Endpoint {
            caption: qsTr("Storage")
            value: root.controller ? root.controller.storageUrl : ""
        }
    }
}
