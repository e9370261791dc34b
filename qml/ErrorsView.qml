// The Errors page: filters, the errors of the time range grouped by fingerprint (the most
// recently seen first) and a summary of the error types. Double-click or Enter opens a group's
// newest error on the Trace page with its span selected.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Spanlight

FocusScope {
    id: root

    required property ErrorsPage page

    // A severity as a coloured pill.
    component SeverityBadge: Label {
        id: badge

        property int level: 0

        text: ""
        font.pixelSize: Theme.fontCaption
        font.bold: true
        color: "white"
        horizontalAlignment: Text.AlignHCenter
        leftPadding: Theme.spacingS
        rightPadding: Theme.spacingS
        topPadding: 2
        bottomPadding: 2
        background: Rectangle {
            radius: height / 2
            color: Theme.severity[badge.level]
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacingL
        spacing: Theme.spacingM

        PageHeader {
            Layout.fillWidth: true
            title: qsTr("Errors")
            subtitle: root.page.windowText
            busy: root.page.loading

            ComboBox {
                objectName: "serviceFilter"
                Layout.preferredWidth: 180
                model: root.page.serviceOptions
                currentIndex: root.page.serviceIndex
                focusPolicy: Qt.NoFocus
                onActivated: index => root.page.serviceIndex = index
                Accessible.name: qsTr("Service")
            }
            ComboBox {
                objectName: "severityFilter"
                Layout.preferredWidth: 150
                model: root.page.severityOptions
                currentIndex: root.page.severityIndex
                focusPolicy: Qt.NoFocus
                onActivated: index => root.page.severityIndex = index
                Accessible.name: qsTr("Severity")
            }
            TimeRangeBar {
                page: root.page
            }
        }

        SplitView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            orientation: Qt.Horizontal

            Rectangle {
                SplitView.fillWidth: true
                SplitView.minimumWidth: 480
                color: Theme.surface
                border.color: Theme.border
                radius: Theme.radius

                ColumnLayout {
                    anchors.fill: parent
                    anchors.margins: 1
                    spacing: 0

                    // Column titles, as wide as the delegate's columns.
                    Rectangle {
                        Layout.fillWidth: true
                        implicitHeight: Theme.rowHeight
                        color: Theme.surfaceAlt

                        RowLayout {
                            anchors.fill: parent
                            anchors.leftMargin: Theme.spacingM
                            anchors.rightMargin: Theme.spacingM
                            spacing: Theme.spacingM

                            Label { Layout.preferredWidth: 72; text: qsTr("Severity"); font.bold: true; font.pixelSize: Theme.fontBody; color: Theme.text }
                            Label { Layout.fillWidth: true; text: qsTr("Error"); font.bold: true; font.pixelSize: Theme.fontBody; color: Theme.text }
                            Label { Layout.preferredWidth: 200; text: qsTr("Where"); font.bold: true; font.pixelSize: Theme.fontBody; color: Theme.text }
                            Label { Layout.preferredWidth: 56; horizontalAlignment: Text.AlignRight; text: qsTr("Count"); font.bold: true; font.pixelSize: Theme.fontBody; color: Theme.text }
                            Label { Layout.preferredWidth: 120; horizontalAlignment: Text.AlignRight; text: qsTr("Last seen"); font.bold: true; font.pixelSize: Theme.fontBody; color: Theme.text }
                        }
                    }

                    ListView {
                        id: groups

                        objectName: "errorGroups"
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        clip: true
                        focus: true
                        model: root.page.groups
                        keyNavigationEnabled: true
                        highlightMoveDuration: 0
                        boundsBehavior: Flickable.StopAtBounds
                        ScrollBar.vertical: ScrollBar {}

                        Keys.onReturnPressed: root.page.openGroup(currentIndex)
                        Keys.onEnterPressed: root.page.openGroup(currentIndex)

                        Label {
                            anchors.centerIn: parent
                            visible: groups.count === 0
                            text: root.page.emptyText
                            color: Theme.textMuted
                            font.pixelSize: Theme.fontBody
                        }

                        delegate: Rectangle {
                            id: group

                            required property int index
                            required property string type
                            required property string message
                            required property string service
                            required property color serviceColor
                            required property string operation
                            required property int severityLevel
                            required property string severityText
                            required property string countText
                            required property string lastSeenText

                            width: ListView.view.width
                            implicitHeight: 48
                            color: ListView.isCurrentItem ? Theme.selection : index % 2 ? Theme.surfaceAlt : Theme.surface

                            ToolTip.visible: hover.hovered && message.length > 0
                            ToolTip.delay: 600
                            ToolTip.text: message

                            HoverHandler {
                                id: hover
                            }
                            TapHandler {
                                onTapped: {
                                    groups.currentIndex = group.index
                                    groups.forceActiveFocus()
                                }
                                onDoubleTapped: root.page.openGroup(group.index)
                            }

                            RowLayout {
                                anchors.fill: parent
                                anchors.leftMargin: Theme.spacingM
                                anchors.rightMargin: Theme.spacingM
                                spacing: Theme.spacingM

                                Item {
                                    Layout.preferredWidth: 72
                                    Layout.fillHeight: true

                                    SeverityBadge {
                                        anchors.verticalCenter: parent.verticalCenter
                                        level: group.severityLevel
                                        text: group.severityText
                                    }
                                }
                                ColumnLayout {
                                    Layout.fillWidth: true
                                    spacing: 1

                                    Label {
                                        Layout.fillWidth: true
                                        text: group.type
                                        font.bold: true
                                        font.pixelSize: Theme.fontBody
                                        color: Theme.text
                                        elide: Text.ElideRight
                                    }
                                    Label {
                                        Layout.fillWidth: true
                                        text: group.message
                                        font.pixelSize: Theme.fontCaption
                                        color: Theme.textMuted
                                        elide: Text.ElideRight
                                    }
                                }
                                ColumnLayout {
                                    Layout.preferredWidth: 200
                                    spacing: 1

                                    RowLayout {
                                        spacing: Theme.spacingXs
                                        Rectangle { width: 8; height: 8; radius: 4; color: group.serviceColor }
                                        Label {
                                            Layout.maximumWidth: 186
                                            text: group.service
                                            font.pixelSize: Theme.fontBody
                                            color: Theme.text
                                            elide: Text.ElideRight
                                        }
                                    }
                                    Label {
                                        Layout.maximumWidth: 200
                                        text: group.operation
                                        font.pixelSize: Theme.fontCaption
                                        color: Theme.textMuted
                                        elide: Text.ElideRight
                                    }
                                }
                                Label {
                                    Layout.preferredWidth: 56
                                    horizontalAlignment: Text.AlignRight
                                    text: group.countText
                                    font.pixelSize: Theme.fontBody
                                    font.family: Theme.monoFamily
                                    color: Theme.text
                                }
                                Label {
                                    Layout.preferredWidth: 120
                                    horizontalAlignment: Text.AlignRight
                                    text: group.lastSeenText
                                    font.pixelSize: Theme.fontBody
                                    font.family: Theme.monoFamily
                                    color: Theme.textMuted
                                }
                            }
                        }
                    }

                    Rectangle {
                        Layout.fillWidth: true
                        height: 1
                        color: Theme.border
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        Layout.margins: Theme.spacingS
                        spacing: Theme.spacingM

                        Label {
                            text: root.page.summaryText
                            font.pixelSize: Theme.fontCaption
                            color: Theme.textMuted
                        }
                        Label {
                            Layout.fillWidth: true
                            text: root.page.truncationText
                            font.pixelSize: Theme.fontCaption
                            color: Theme.textMuted
                            elide: Text.ElideRight
                        }
                        Label {
                            text: qsTr("Double-click or Enter opens the trace")
                            font.pixelSize: Theme.fontCaption
                            color: Theme.textMuted
                        }
                    }
                }
            }

            Rectangle {
                SplitView.preferredWidth: 300
                SplitView.minimumWidth: 220
                color: Theme.surface
                border.color: Theme.border
                radius: Theme.radius

                ColumnLayout {
                    anchors.fill: parent
                    anchors.margins: Theme.spacingL
                    spacing: Theme.spacingS

                    Label {
                        text: qsTr("Error types")
                        font.pixelSize: Theme.fontSubtitle
                        font.bold: true
                        color: Theme.text
                    }
                    ListView {
                        id: types

                        objectName: "errorTypes"
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        clip: true
                        model: root.page.types
                        boundsBehavior: Flickable.StopAtBounds
                        ScrollBar.vertical: ScrollBar {}

                        Label {
                            visible: types.count === 0
                            text: qsTr("No error types.")
                            color: Theme.textMuted
                            font.pixelSize: Theme.fontBody
                        }

                        delegate: RowLayout {
                            id: errorType

                            required property string type
                            required property string countText
                            required property int severityLevel
                            required property string severityText

                            width: ListView.view.width
                            height: 30
                            spacing: Theme.spacingS

                            Label {
                                Layout.fillWidth: true
                                text: errorType.type
                                font.pixelSize: Theme.fontBody
                                color: Theme.text
                                elide: Text.ElideRight
                            }
                            Label {
                                text: errorType.countText
                                font.pixelSize: Theme.fontBody
                                font.family: Theme.monoFamily
                                color: Theme.text
                            }
                            SeverityBadge {
                                Layout.preferredWidth: 72
                                level: errorType.severityLevel
                                text: errorType.severityText
                            }
                        }
                    }
                }
            }
        }
    }
}
