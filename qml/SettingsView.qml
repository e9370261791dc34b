// The Settings & status page: appearance (theme), the API token (show, copy, regenerate),
// copyable client snippets, the endpoints of the embedded server, the store and the ingest
// health (per sender: spans stored and refused, and why). The
// state and every display string come from SettingsPage and ConsoleSettings.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Spanlight

Rectangle {
    id: root

    required property ConsoleController controller
    readonly property SettingsPage page: controller.settingsPage

    color: Theme.window

    // A titled card of the page.
    component Card: Rectangle {
        id: card

        property string title
        default property alias content: body.data

        Layout.fillWidth: true
        Layout.maximumWidth: 880
        implicitHeight: body.implicitHeight + 2 * Theme.spacingL
        color: Theme.surface
        border.color: Theme.border
        radius: Theme.radius

        ColumnLayout {
            id: body

            anchors.fill: parent
            anchors.margins: Theme.spacingL
            spacing: Theme.spacingS

            Label {
                text: card.title
                font.pixelSize: Theme.fontSubtitle
                font.bold: true
                color: Theme.text
                Layout.bottomMargin: Theme.spacingXs
            }
        }
    }

    // A caption, a value in the mono font and a copy button.
    component CopyRow: RowLayout {
        id: copyRow

        property string label
        property string value
        property string placeholder: qsTr("not running")
        readonly property bool known: value.length > 0

        Layout.fillWidth: true
        spacing: Theme.spacingM

        Label {
            Layout.preferredWidth: 180
            text: copyRow.label
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
            elide: Text.ElideRight
        }
        Label {
            Layout.fillWidth: true
            text: copyRow.known ? copyRow.value : copyRow.placeholder
            font.pixelSize: Theme.fontBody
            font.family: Theme.monoFamily
            color: copyRow.known ? Theme.text : Theme.textMuted
            elide: Text.ElideMiddle
        }
        Button {
            text: qsTr("Copy")
            flat: true
            enabled: copyRow.known
            Accessible.name: qsTr("Copy %1").arg(copyRow.label)
            onClicked: root.controller.copyToClipboard(copyRow.value)
        }
    }

    ScrollView {
        id: scroll

        anchors.fill: parent
        contentWidth: availableWidth
        clip: true

        ColumnLayout {
            width: scroll.availableWidth - 2 * Theme.spacingL
            x: Theme.spacingL
            spacing: Theme.spacingM

            PageHeader {
                Layout.fillWidth: true
                Layout.topMargin: Theme.spacingL
                title: qsTr("Settings")
            }

            // Appearance: applied at once and kept in the settings file.
            Card {
                title: qsTr("Appearance")

                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacingM

                    Label {
                        Layout.preferredWidth: 180
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
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacingM

                    Label {
                        Layout.preferredWidth: 180
                        text: qsTr("Language")
                        font.pixelSize: Theme.fontBody
                        color: Theme.textMuted
                    }
                    ComboBox {
                        objectName: "languageChoice"
                        Layout.preferredWidth: 200
                        model: root.controller.settings.languageLabels
                        currentIndex: root.controller.settings.language
                        Accessible.name: qsTr("Language of the console")
                        onActivated: index => root.controller.settings.language = index
                    }
                    Item {
                        Layout.fillWidth: true
                    }
                }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacingM

                    Label {
                        Layout.preferredWidth: 180
                        text: qsTr("Times")
                        font.pixelSize: Theme.fontBody
                        color: Theme.textMuted
                    }
                    ComboBox {
                        objectName: "timeZoneChoice"
                        Layout.preferredWidth: 200
                        model: root.controller.settings.timeZoneLabels
                        currentIndex: root.controller.settings.timeZone
                        Accessible.name: qsTr("Time zone of the times shown")
                        onActivated: index => root.controller.settings.timeZone = index
                    }
                    Label {
                        Layout.fillWidth: true
                        text: qsTr("Every page shows start times, time ranges and chart axes in this zone; the custom time range is entered in it too.")
                        font.pixelSize: Theme.fontBody
                        color: Theme.textMuted
                        wrapMode: Text.Wrap
                    }
                }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacingM

                    Label {
                        Layout.preferredWidth: 180
                        text: qsTr("Desktop notifications")
                        font.pixelSize: Theme.fontBody
                        color: Theme.textMuted
                    }
                    Switch {
                        objectName: "desktopNotifications"
                        checked: root.controller.settings.desktopNotifications
                        Accessible.name: qsTr("Desktop notifications of alerts")
                        onToggled: root.controller.settings.desktopNotifications = checked
                    }
                    Label {
                        Layout.fillWidth: true
                        text: qsTr("A notification from the system tray when an alert fires or resolves, while the console runs. Without a system tray there are none.")
                        font.pixelSize: Theme.fontBody
                        color: Theme.textMuted
                        wrapMode: Text.Wrap
                    }
                }
            }

            Card {
                objectName: "tokenCard"
                title: qsTr("API token")

                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacingM

                    Label {
                        objectName: "apiTokenText"
                        Layout.fillWidth: true
                        text: root.page.apiTokenKnown ? root.page.apiTokenText : qsTr("none")
                        font.pixelSize: Theme.fontBody
                        font.family: Theme.monoFamily
                        color: root.page.apiTokenKnown ? Theme.text : Theme.textMuted
                        elide: Text.ElideMiddle
                    }
                    Button {
                        objectName: "showToken"
                        text: root.page.apiTokenShown ? qsTr("Hide") : qsTr("Show")
                        enabled: root.page.apiTokenKnown
                        Accessible.name: root.page.apiTokenShown ? qsTr("Hide the API token") : qsTr("Show the API token")
                        onClicked: root.page.apiTokenShown = !root.page.apiTokenShown
                    }
                    Button {
                        text: qsTr("Copy")
                        enabled: root.page.apiTokenKnown
                        Accessible.name: qsTr("Copy the API token")
                        onClicked: root.page.copyApiToken()
                    }
                    Button {
                        objectName: "regenerateToken"
                        text: qsTr("Regenerate…")
                        enabled: root.page.canRegenerateToken
                        Accessible.name: qsTr("Regenerate the API token")
                        onClicked: confirmRegenerate.open()
                    }
                }
                Label {
                    objectName: "tokenNote"
                    Layout.fillWidth: true
                    visible: text.length > 0
                    text: root.page.tokenNote
                    font.pixelSize: Theme.fontCaption
                    color: Theme.textMuted
                    wrapMode: Text.Wrap
                }
            }

            Card {
                objectName: "snippetsCard"
                title: qsTr("Point a client at Spanlight")

                Repeater {
                    model: root.page.snippets

                    delegate: CopyRow {
                        required property string caption
                        required property string text

                        // The model's roles, handed to CopyRow's own properties.
                        label: caption
                        value: text
                    }
                }
            }

            Card {
                title: qsTr("Endpoints of the embedded server")

                Repeater {
                    model: [
                        { caption: qsTr("REST API"), value: root.controller.apiUrl },
                        { caption: qsTr("OTLP/HTTP"), value: root.controller.otlpHttpUrl },
                        { caption: qsTr("OTLP/gRPC"), value: root.controller.otlpGrpcUrl },
                        { caption: qsTr("Zipkin"), value: root.controller.zipkinUrl },
                        { caption: qsTr("Jaeger"), value: root.controller.jaegerUrl }
                    ]

                    delegate: CopyRow {
                        required property var modelData

                        label: modelData.caption
                        value: modelData.value
                    }
                }
            }

            Card {
                objectName: "storageCard"
                title: qsTr("Storage")

                CopyRow {
                    label: qsTr("Location")
                    value: root.page.storageLocation
                    placeholder: qsTr("no store")
                }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacingM

                    Label {
                        Layout.preferredWidth: 180
                        text: qsTr("Size on disk")
                        font.pixelSize: Theme.fontBody
                        color: Theme.textMuted
                    }
                    Label {
                        objectName: "storageSize"
                        Layout.fillWidth: true
                        text: root.page.storageSizeText.length > 0
                              ? qsTr("%1 (%2)").arg(root.page.storageSizeText).arg(root.page.storageContentText)
                              : qsTr("…")
                        font.pixelSize: Theme.fontBody
                        color: Theme.text
                    }
                }
            }

            Card {
                objectName: "ingestCard"
                title: qsTr("Ingest health")

                Label {
                    Layout.fillWidth: true
                    visible: root.page.senders.count === 0
                    text: qsTr("No client has sent spans since the server started.")
                    font.pixelSize: Theme.fontBody
                    color: Theme.textMuted
                    wrapMode: Text.Wrap
                }
                Label {
                    Layout.fillWidth: true
                    visible: root.page.senders.count > 0
                    text: qsTr("Per sender since the server started: spans stored per second over the last minute, in total, and what was refused and why.")
                    font.pixelSize: Theme.fontCaption
                    color: Theme.textMuted
                    wrapMode: Text.Wrap
                }
                Repeater {
                    objectName: "ingestSenders"
                    model: root.page.senders

                    delegate: ColumnLayout {
                        id: sender

                        required property string protocol
                        required property string address
                        required property string service
                        required property string rateText
                        required property string acceptedText
                        required property string problemsText
                        required property string lastProblemText
                        required property string lastSeenText
                        required property bool healthy

                        Layout.fillWidth: true
                        spacing: 0
                        Accessible.role: Accessible.ListItem
                        Accessible.name: qsTr("%1 from %2 over %3: %4 stored, %5").arg(service).arg(address).arg(protocol)
                                             .arg(acceptedText).arg(problemsText.length > 0 ? problemsText : qsTr("nothing refused"))

                        RowLayout {
                            Layout.fillWidth: true
                            spacing: Theme.spacingM

                            Rectangle {
                                implicitWidth: 8
                                implicitHeight: 8
                                radius: 4
                                color: sender.healthy ? Theme.chartThroughput : Theme.error
                            }
                            Label {
                                Layout.preferredWidth: 180
                                text: sender.service
                                font.pixelSize: Theme.fontBody
                                font.bold: true
                                color: Theme.text
                                elide: Text.ElideRight
                            }
                            Label {
                                Layout.preferredWidth: 200
                                text: qsTr("%1 · %2").arg(sender.protocol).arg(sender.address)
                                font.pixelSize: Theme.fontBody
                                color: Theme.textMuted
                                elide: Text.ElideMiddle
                            }
                            Label {
                                Layout.preferredWidth: 80
                                horizontalAlignment: Text.AlignRight
                                text: sender.rateText
                                font.pixelSize: Theme.fontBody
                                font.family: Theme.monoFamily
                                color: Theme.text
                            }
                            Label {
                                Layout.fillWidth: true
                                text: qsTr("%1 stored · last %2").arg(sender.acceptedText).arg(sender.lastSeenText)
                                font.pixelSize: Theme.fontBody
                                color: Theme.textMuted
                                elide: Text.ElideRight
                            }
                        }
                        Label {
                            Layout.fillWidth: true
                            Layout.leftMargin: 8 + Theme.spacingM
                            visible: sender.problemsText.length > 0
                            text: sender.problemsText
                            font.pixelSize: Theme.fontCaption
                            color: sender.healthy ? Theme.textMuted : Theme.error
                            wrapMode: Text.Wrap
                        }
                        Label {
                            Layout.fillWidth: true
                            Layout.leftMargin: 8 + Theme.spacingM
                            visible: sender.lastProblemText.length > 0
                            text: sender.lastProblemText
                            font.pixelSize: Theme.fontCaption
                            color: Theme.textMuted
                            elide: Text.ElideRight
                        }
                    }
                }
            }

            Card {
                objectName: "serverCard"
                title: qsTr("Server")
                visible: root.page.serverSettings.count > 0

                Repeater {
                    model: root.page.serverSettings

                    delegate: RowLayout {
                        id: setting

                        required property string caption
                        required property string text

                        Layout.fillWidth: true
                        spacing: Theme.spacingM

                        Label {
                            Layout.preferredWidth: 260
                            text: setting.caption
                            font.pixelSize: Theme.fontBody
                            color: Theme.textMuted
                            elide: Text.ElideRight
                        }
                        Label {
                            Layout.fillWidth: true
                            text: setting.text
                            font.pixelSize: Theme.fontBody
                            color: Theme.text
                            elide: Text.ElideMiddle
                        }
                    }
                }
            }

            Label {
                Layout.fillWidth: true
                Layout.maximumWidth: 880
                Layout.bottomMargin: Theme.spacingL
                text: qsTr("The server's settings come from the command line, the environment and the settings file (spanlight --help lists them).")
                font.pixelSize: Theme.fontBody
                color: Theme.textMuted
                wrapMode: Text.Wrap
            }
        }
    }

    // Asks before the old token stops working.
    Popup {
        id: confirmRegenerate

        objectName: "confirmRegenerate"
        anchors.centerIn: Overlay.overlay
        width: Math.min(480, root.width - 2 * Theme.spacingXl)
        modal: true
        focus: true
        padding: Theme.spacingL
        onOpened: cancelRegenerate.forceActiveFocus()

        contentItem: ColumnLayout {
            spacing: Theme.spacingM

            Label {
                text: qsTr("Regenerate the API token?")
                font.pixelSize: Theme.fontSubtitle
                font.bold: true
                color: Theme.text
            }
            Label {
                Layout.preferredWidth: confirmRegenerate.availableWidth
                text: qsTr("The running server accepts only the new token from now on; scripts and exporters that send the old one get 401 until they use the new one.")
                wrapMode: Text.Wrap
                color: Theme.text
            }
            RowLayout {
                Layout.alignment: Qt.AlignRight
                spacing: Theme.spacingS

                Button {
                    objectName: "confirmRegenerateButton"
                    text: qsTr("Regenerate")
                    Accessible.name: qsTr("Regenerate the API token now")
                    onClicked: {
                        confirmRegenerate.close()
                        root.page.regenerateApiToken()
                    }
                }
                Button {
                    id: cancelRegenerate

                    text: qsTr("Cancel")
                    onClicked: confirmRegenerate.close()
                }
            }
        }
    }
}
