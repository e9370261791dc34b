// The Traces page: a search form (service, operation, time range preset or custom from/to,
// duration min/max, status, limit), a scatter of the results' duration over start time (a click
// opens that trace) and the results, sortable. A preset button searches at once; the other
// fields apply with Search or Enter. Presets are live: the window ends now and refreshes.
// Enter or a click on a result opens it on the Trace page (Ctrl+3); Ctrl+K jumps to a trace id.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Spanlight

FocusScope {
    id: root

    required property ConsoleController controller
    readonly property TracesPage page: controller.tracesPage

    // A labelled field of the form.
    component FormLabel: Label {
        font.pixelSize: Theme.fontCaption
        color: Theme.textMuted
    }

    Rectangle {
        anchors.fill: parent
        color: Theme.window
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacingL
        spacing: Theme.spacingM

        PageHeader {
            Layout.fillWidth: true
            title: qsTr("Traces")
            subtitle: root.page.windowText
            busy: root.page.loading

            Row {
                Repeater {
                    model: root.page.timeRanges

                    delegate: Button {
                        required property int index
                        required property string modelData

                        objectName: "preset_" + modelData
                        text: root.page.timeRangeLabels[index]
                        font.pixelSize: Theme.fontBody
                        leftPadding: Theme.spacingM
                        rightPadding: Theme.spacingM
                        implicitWidth: implicitContentWidth + leftPadding + rightPadding
                        highlighted: !root.page.customRange && root.page.timeRange === modelData
                        flat: !highlighted
                        palette.buttonText: Theme.text
                        focusPolicy: Qt.TabFocus
                        Accessible.name: qsTr("Search the last %1").arg(text)
                        onClicked: root.page.choosePreset(modelData)
                    }
                }
                Button {
                    objectName: "customRange"
                    text: qsTr("Custom")
                    font.pixelSize: Theme.fontBody
                    checkable: true
                    checked: root.page.customRange
                    highlighted: checked
                    flat: !checked
                    palette.buttonText: Theme.text
                    focusPolicy: Qt.TabFocus
                    Accessible.name: qsTr("Custom time range")
                    // On: from/to join the form (Search applies them); off: back to the preset, at once.
                    onToggled: checked ? root.page.customRange = true : root.page.choosePreset(root.page.timeRange)
                }
            }
        }

        // The search form.
        Rectangle {
            objectName: "searchForm"
            Layout.fillWidth: true
            implicitHeight: form.implicitHeight + 2 * Theme.spacingM
            color: Theme.surface
            border.color: Theme.border
            radius: Theme.radius

            ColumnLayout {
                id: form

                anchors.fill: parent
                anchors.margins: Theme.spacingM
                spacing: Theme.spacingS

                Flow {
                    Layout.fillWidth: true
                    spacing: Theme.spacingM

                    ColumnLayout {
                        spacing: 2
                        FormLabel { text: qsTr("Service") }
                        ComboBox {
                            objectName: "serviceChoice"
                            implicitWidth: 180
                            model: root.page.serviceOptions
                            currentIndex: root.page.serviceIndex
                            onActivated: index => root.page.serviceIndex = index
                            Accessible.name: qsTr("Service")
                            Keys.onReturnPressed: root.page.search()
                            Keys.onEnterPressed: root.page.search()
                        }
                    }
                    ColumnLayout {
                        spacing: 2
                        FormLabel { text: qsTr("Operation") }
                        ComboBox {
                            objectName: "operationChoice"
                            implicitWidth: 180
                            model: root.page.operationOptions
                            currentIndex: root.page.operationIndex
                            onActivated: index => root.page.operationIndex = index
                            Accessible.name: qsTr("Operation")
                            Keys.onReturnPressed: root.page.search()
                            Keys.onEnterPressed: root.page.search()
                        }
                    }
                    ColumnLayout {
                        spacing: 2
                        visible: root.page.customRange
                        FormLabel { text: qsTr("From") }
                        TextField {
                            objectName: "customFrom"
                            implicitWidth: 150
                            text: root.page.customFrom
                            placeholderText: qsTr("yyyy-MM-dd HH:mm")
                            onTextEdited: root.page.customFrom = text
                            onAccepted: root.page.search()
                            Accessible.name: qsTr("From (local time)")
                        }
                    }
                    ColumnLayout {
                        spacing: 2
                        visible: root.page.customRange
                        FormLabel { text: qsTr("To") }
                        TextField {
                            objectName: "customTo"
                            implicitWidth: 150
                            text: root.page.customTo
                            placeholderText: qsTr("yyyy-MM-dd HH:mm")
                            onTextEdited: root.page.customTo = text
                            onAccepted: root.page.search()
                            Accessible.name: qsTr("To (local time)")
                        }
                    }
                    ColumnLayout {
                        spacing: 2
                        FormLabel { text: qsTr("Min duration (ms)") }
                        TextField {
                            objectName: "minDuration"
                            implicitWidth: 100
                            text: root.page.minDuration
                            placeholderText: qsTr("e.g. 100")
                            onTextEdited: root.page.minDuration = text
                            onAccepted: root.page.search()
                            Accessible.name: qsTr("Minimum duration in milliseconds")
                        }
                    }
                    ColumnLayout {
                        spacing: 2
                        FormLabel { text: qsTr("Max duration (ms)") }
                        TextField {
                            objectName: "maxDuration"
                            implicitWidth: 100
                            text: root.page.maxDuration
                            placeholderText: qsTr("e.g. 2000")
                            onTextEdited: root.page.maxDuration = text
                            onAccepted: root.page.search()
                            Accessible.name: qsTr("Maximum duration in milliseconds")
                        }
                    }
                    ColumnLayout {
                        spacing: 2
                        FormLabel { text: qsTr("Status") }
                        ComboBox {
                            objectName: "statusChoice"
                            implicitWidth: 130
                            model: root.page.statusOptions
                            currentIndex: root.page.statusIndex
                            onActivated: index => root.page.statusIndex = index
                            Accessible.name: qsTr("Status")
                            Keys.onReturnPressed: root.page.search()
                            Keys.onEnterPressed: root.page.search()
                        }
                    }
                    ColumnLayout {
                        spacing: 2
                        FormLabel { text: qsTr("Tags (root span)") }
                        TextField {
                            objectName: "tagsField"
                            implicitWidth: 170
                            text: root.page.tags
                            placeholderText: qsTr("e.g. http.status_code=500")
                            onTextEdited: root.page.tags = text
                            onAccepted: root.page.search()
                            Accessible.name: qsTr("Tags of the root span, key=value separated by spaces")
                        }
                    }
                    ColumnLayout {
                        spacing: 2
                        FormLabel { text: qsTr("Limit") }
                        TextField {
                            objectName: "limitField"
                            implicitWidth: 70
                            text: root.page.limit
                            validator: IntValidator { bottom: 1; top: 10000 }
                            onEditingFinished: root.page.limit = parseInt(text)
                            onAccepted: {
                                root.page.limit = parseInt(text)
                                root.page.search()
                            }
                            Accessible.name: qsTr("Most traces to find")
                        }
                    }
                    ColumnLayout {
                        spacing: 2
                        FormLabel { text: " " }
                        Button {
                            objectName: "searchButton"
                            text: qsTr("Search")
                            highlighted: true
                            Accessible.name: qsTr("Search traces")
                            onClicked: root.page.search()
                        }
                    }
                }
                Label {
                    objectName: "formError"
                    Layout.fillWidth: true
                    visible: text.length > 0
                    text: root.page.formError
                    color: Theme.error
                    font.pixelSize: Theme.fontBody
                    wrapMode: Text.Wrap
                }
            }
        }

        // Duration over start time.
        Rectangle {
            Layout.fillWidth: true
            Layout.preferredHeight: 180
            color: Theme.surface
            border.color: Theme.border
            radius: Theme.radius

            TraceScatter {
                id: scatter

                objectName: "traceScatter"
                anchors.fill: parent
                anchors.margins: Theme.spacingS
                page: root.page
                pointColor: Theme.chartAvg
                errorColor: Theme.error
                textColor: Theme.textMuted
                gridColor: Theme.border
                onActivated: row => root.page.openResult(row)
                Accessible.role: Accessible.Chart
                Accessible.name: qsTr("Duration over start time of the results; click a point to open its trace")

                ToolTip.visible: hoveredText.length > 0
                ToolTip.text: hoveredText
            }
        }

        Rectangle {
            Layout.fillWidth: true
            Layout.fillHeight: true
            color: Theme.surface
            border.color: Theme.border
            radius: Theme.radius

            ColumnLayout {
                anchors.fill: parent
                anchors.margins: 1
                spacing: 0

                // How many, and the sort.
                Rectangle {
                    Layout.fillWidth: true
                    implicitHeight: Theme.rowHeight + Theme.spacingS
                    color: Theme.surfaceAlt

                    RowLayout {
                        anchors.fill: parent
                        anchors.leftMargin: Theme.spacingM
                        anchors.rightMargin: Theme.spacingM
                        spacing: Theme.spacingS

                        Label {
                            objectName: "resultsSummary"
                            Layout.fillWidth: true
                            text: root.page.summaryText
                            font.pixelSize: Theme.fontBody
                            color: Theme.text
                            elide: Text.ElideRight
                        }
                        Label {
                            text: qsTr("Sort:")
                            font.pixelSize: Theme.fontBody
                            color: Theme.textMuted
                        }
                        Repeater {
                            model: root.page.sortOptions

                            delegate: Button {
                                required property int index
                                required property string modelData

                                objectName: "sort_" + index
                                text: modelData
                                font.pixelSize: Theme.fontBody
                                highlighted: root.page.sortIndex === index
                                flat: !highlighted
                                palette.buttonText: Theme.text
                                focusPolicy: Qt.TabFocus
                                Accessible.name: qsTr("Sort the results: %1").arg(modelData)
                                onClicked: root.page.sortIndex = index
                            }
                        }
                    }
                }

                TraceList {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    controller: root.controller
                    page: root.page
                    focus: true
                }
            }
        }
    }
}
