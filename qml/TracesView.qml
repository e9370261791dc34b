// The Traces page: a search form (service, operation, time range preset or custom from/to,
// duration min/max, span and error-span count ranges, status, has a note, limit), saved searches, a scatter of
// the results' duration over start time (a click opens that trace) and the results, sorted by
// the store by the column chosen above them (a click on the sorted one flips it). A preset
// button searches at once; the other fields apply with Search or Enter. Presets are live: the window ends now and refreshes.
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
                    // Span and error-span counts, whole numbers.
                    Repeater {
                        model: [
                            { name: "minSpans", label: qsTr("Min spans"), hint: qsTr("Fewest spans a trace has") },
                            { name: "maxSpans", label: qsTr("Max spans"), hint: qsTr("Most spans a trace has") },
                            { name: "minErrors", label: qsTr("Min errors"), hint: qsTr("Fewest failed spans a trace has") },
                            { name: "maxErrors", label: qsTr("Max errors"), hint: qsTr("Most failed spans a trace has") }
                        ]

                        delegate: ColumnLayout {
                            required property var modelData

                            spacing: 2
                            FormLabel { text: modelData.label }
                            TextField {
                                objectName: modelData.name + "Field"
                                implicitWidth: 80
                                text: root.page[modelData.name]
                                validator: IntValidator { bottom: 0 }
                                onTextEdited: root.page[modelData.name] = text
                                onAccepted: root.page.search()
                                Accessible.name: modelData.hint
                            }
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
                        FormLabel { text: " " }
                        CheckBox {
                            objectName: "hasNoteCheck"
                            text: qsTr("Has note")
                            checked: root.page.hasNote
                            onToggled: root.page.hasNote = checked
                            Accessible.name: qsTr("Only traces with a note")
                            Keys.onReturnPressed: root.page.search()
                            Keys.onEnterPressed: root.page.search()
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
                // Saved searches: apply, save the form under a name, rename, delete.
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacingS

                    FormLabel { text: qsTr("Saved searches") }
                    ComboBox {
                        id: savedChoice

                        objectName: "savedSearchChoice"
                        implicitWidth: 200
                        model: root.page.savedSearches
                        enabled: count > 0
                        displayText: count > 0 ? currentText : qsTr("None saved yet")
                        onActivated: index => {
                            savedName.text = currentText
                            root.page.applySavedSearch(index)
                        }
                        Accessible.name: qsTr("Saved searches; choosing one applies it")
                    }
                    TextField {
                        id: savedName

                        objectName: "savedSearchName"
                        implicitWidth: 180
                        placeholderText: qsTr("Name of this search")
                        onAccepted: root.page.saveSearch(text)
                        Accessible.name: qsTr("Name to save this search under")
                    }
                    Button {
                        objectName: "saveSearch"
                        text: qsTr("Save")
                        Accessible.name: qsTr("Save the form as a search with this name")
                        onClicked: root.page.saveSearch(savedName.text)
                    }
                    Button {
                        objectName: "renameSearch"
                        text: qsTr("Rename")
                        enabled: savedChoice.count > 0 && savedChoice.currentIndex >= 0
                        Accessible.name: qsTr("Rename the chosen saved search to this name")
                        onClicked: root.page.renameSavedSearch(savedChoice.currentIndex, savedName.text)
                    }
                    Button {
                        objectName: "deleteSearch"
                        text: qsTr("Delete")
                        enabled: savedChoice.count > 0 && savedChoice.currentIndex >= 0
                        Accessible.name: qsTr("Delete the chosen saved search")
                        onClicked: root.page.deleteSavedSearch(savedChoice.currentIndex)
                    }
                    Item { Layout.fillWidth: true }
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
                            text: qsTr("Sort by:")
                            font.pixelSize: Theme.fontBody
                            color: Theme.textMuted
                        }
                        // The sort columns; the store sorts, so these are the window's first matches.
                        Repeater {
                            model: root.page.sortLabels

                            delegate: Button {
                                required property int index
                                required property string modelData

                                objectName: "sort_" + index
                                text: modelData
                                font.pixelSize: Theme.fontBody
                                highlighted: root.page.sortKey === index
                                flat: !highlighted
                                palette.buttonText: Theme.text
                                focusPolicy: Qt.TabFocus
                                Accessible.name: highlighted
                                    ? (root.page.sortDescending ? qsTr("Sorted by %1, largest first; press to flip").arg(modelData)
                                                                : qsTr("Sorted by %1, smallest first; press to flip").arg(modelData))
                                    : qsTr("Sort the results by %1").arg(modelData)
                                onClicked: root.page.sortBy(index)
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
