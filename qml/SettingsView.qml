// The Settings page: where the embedded server listens and the API token, each with a copy
// button. Editable settings come in a later version.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Spanlight

Rectangle {
    id: root

    required property ConsoleController controller

    color: Theme.window

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacingL
        spacing: Theme.spacingM

        PageHeader {
            Layout.fillWidth: true
            title: qsTr("Settings")
        }

        // Appearance: applied at once and kept in the settings file.
        Rectangle {
            Layout.fillWidth: true
            Layout.maximumWidth: 880
            implicitHeight: appearance.implicitHeight + 2 * Theme.spacingL
            color: Theme.surface
            border.color: Theme.border
            radius: Theme.radius

            RowLayout {
                id: appearance

                anchors.fill: parent
                anchors.margins: Theme.spacingL
                spacing: Theme.spacingM

                Label {
                    Layout.preferredWidth: 120
                    text: qsTr("Theme")
                    font.pixelSize: Theme.fontBody
                    color: Theme.textMuted
                }
                ComboBox {
                    objectName: "themeChoice"
                    Layout.preferredWidth: 200
                    model: root.controller.settings.themeLabels
                    currentIndex: root.controller.settings.themeMode
                    Accessible.name: qsTr("Colour theme")
                    onActivated: index => root.controller.settings.themeMode = index
                }
                Label {
                    Layout.fillWidth: true
                    text: qsTr("System follows the desktop's light or dark palette.")
                    font.pixelSize: Theme.fontBody
                    color: Theme.textMuted
                    wrapMode: Text.Wrap
                }
            }
        }

        Rectangle {
            Layout.fillWidth: true
            Layout.maximumWidth: 880
            implicitHeight: grid.implicitHeight + 2 * Theme.spacingL
            color: Theme.surface
            border.color: Theme.border
            radius: Theme.radius

            ColumnLayout {
                id: grid

                anchors.fill: parent
                anchors.margins: Theme.spacingL
                spacing: Theme.spacingXs

                Label {
                    text: qsTr("Endpoints of the embedded server")
                    font.pixelSize: Theme.fontSubtitle
                    font.bold: true
                    color: Theme.text
                    Layout.bottomMargin: Theme.spacingS
                }

                Repeater {
                    model: [
                        { caption: qsTr("REST API"), value: root.controller.apiUrl },
                        { caption: qsTr("OTLP/HTTP"), value: root.controller.otlpHttpUrl },
                        { caption: qsTr("OTLP/gRPC"), value: root.controller.otlpGrpcUrl },
                        { caption: qsTr("Zipkin"), value: root.controller.zipkinUrl },
                        { caption: qsTr("Jaeger"), value: root.controller.jaegerUrl },
                        { caption: qsTr("API token"), value: root.controller.apiToken },
                        { caption: qsTr("Storage"), value: root.controller.storageUrl }
                    ]

                    delegate: RowLayout {
                        id: endpoint

                        required property var modelData
                        readonly property bool known: modelData.value.length > 0

                        Layout.fillWidth: true
                        spacing: Theme.spacingM

                        Label {
                            Layout.preferredWidth: 120
                            text: endpoint.modelData.caption
                            font.pixelSize: Theme.fontBody
                            color: Theme.textMuted
                        }
                        Label {
                            Layout.fillWidth: true
                            text: endpoint.known ? endpoint.modelData.value : qsTr("not running")
                            font.pixelSize: Theme.fontBody
                            font.family: Theme.monoFamily
                            color: endpoint.known ? Theme.text : Theme.textMuted
                            elide: Text.ElideMiddle
                        }
                        Button {
                            text: qsTr("Copy")
                            flat: true
                            enabled: endpoint.known
                            Accessible.name: qsTr("Copy %1").arg(endpoint.modelData.caption)
                            onClicked: root.controller.copyToClipboard(endpoint.modelData.value)
                        }
                    }
                }
            }
        }

        Label {
            Layout.fillWidth: true
            text: qsTr("Settings come from the command line, the environment and the settings file (spanlight --help lists them); editing them here comes in a later version.")
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
            wrapMode: Text.Wrap
        }

        Item {
            Layout.fillHeight: true
        }
    }
}
