// The Trace page: the open trace's waterfall and the selected span's details. The controller
// holds the open trace, so the page shows it again after switching away. Without one it says
// how to open one and offers a trace id field. The back button (Alt+Left) returns to the page
// the trace was opened from. "Export OTLP JSON…" (Ctrl+Shift+E) saves the open trace as an
// OTLP/JSON file; the controller writes it on its worker thread. "Compare with…"
// (Ctrl+Shift+K) asks for another trace's id and shows the span-by-span comparison
// (TraceCompareView) in place of the waterfall until it is closed (Escape). The note bar shows the trace's
// note; Edit (Ctrl+Shift+N) opens a field for it, Save writes it through the store (on the
// worker thread), Delete removes it.
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Spanlight

FocusScope {
    id: root

    required property ConsoleController controller
    readonly property bool hasTrace: controller.waterfall.hasTrace
    readonly property bool comparing: controller.comparison.active
    readonly property bool loading: !hasTrace && controller.selectedTraceId.length > 0
                                    && controller.traceMessage.length === 0

    function openExportDialog() {
        if (!hasTrace)
            return
        exportDialog.selectedFile = controller.suggestedExportFile()
        exportDialog.open()
    }

    function openCompareDialog() {
        if (hasTrace)
            compareDialog.open()
    }

    Shortcut {
        sequence: "Ctrl+Shift+K"
        enabled: root.visible && root.hasTrace
        onActivated: root.openCompareDialog()
    }

    // "Compare with…": the other trace's id.
    Popup {
        id: compareDialog

        objectName: "traceCompareDialog"
        anchors.centerIn: Overlay.overlay
        width: Math.min(520, root.width - 2 * Theme.spacingXl)
        modal: true
        focus: true
        padding: Theme.spacingL
        onOpened: compareField.field.forceActiveFocus()

        contentItem: ColumnLayout {
            spacing: Theme.spacingS

            Label {
                text: qsTr("Compare the open trace with another")
                font.pixelSize: Theme.fontSubtitle
                font.bold: true
                color: Theme.text
            }
            TraceIdField {
                id: compareField

                objectName: "traceCompareField"
                Layout.fillWidth: true
                controller: root.controller
                compare: true
                onOpened: compareDialog.close()
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("The open trace is A, the baseline; this one is B. Enter compares; Escape closes. On the Traces page, Ctrl+Enter on a result compares it with the open trace.")
                wrapMode: Text.Wrap
                font.pixelSize: Theme.fontCaption
                color: Theme.textMuted
            }
        }
    }

    Shortcut {
        sequence: "Ctrl+Shift+E"
        enabled: root.visible && root.hasTrace
        onActivated: root.openExportDialog()
    }

    FileDialog {
        id: exportDialog

        objectName: "traceExportDialog"
        title: qsTr("Export the trace as OTLP JSON")
        fileMode: FileDialog.SaveFile
        defaultSuffix: "json"
        nameFilters: [qsTr("OTLP JSON files (*.json)"), qsTr("All files (*)")]
        onAccepted: root.controller.exportTrace(selectedFile)
    }

    Rectangle {
        anchors.fill: parent
        color: Theme.window
    }

    Shortcut {
        sequence: "Ctrl+Shift+N"
        enabled: root.visible && root.hasTrace
        onActivated: noteBar.startEditing()
    }

    Shortcut {
        sequence: "Ctrl+Shift+C"
        enabled: root.visible && root.hasTrace
        onActivated: root.controller.copySelectedSpanLink()
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacingL
        spacing: Theme.spacingM

        PageHeader {
            Layout.fillWidth: true
            title: qsTr("Trace")
            subtitle: root.hasTrace ? qsTr("%1 · started %2").arg(root.controller.selectedTraceId).arg(root.controller.waterfall.startText) : ""
            busy: root.loading

            Button {
                objectName: "traceBack"
                visible: root.controller.backPage >= 0
                text: qsTr("\u2190 %1").arg(root.controller.backPageTitle)
                Accessible.name: qsTr("Back to %1").arg(root.controller.backPageTitle)
                ToolTip.visible: hovered
                ToolTip.delay: 500
                ToolTip.text: qsTr("Back to %1 (Alt+Left)").arg(root.controller.backPageTitle)
                onClicked: root.controller.goBack()
            }
            Button {
                objectName: "traceCompare"
                visible: root.hasTrace && !root.comparing
                text: qsTr("Compare with…")
                Accessible.name: qsTr("Compare the trace with another trace")
                ToolTip.visible: hovered
                ToolTip.delay: 500
                ToolTip.text: qsTr("Compare span durations with another trace (Ctrl+Shift+K)")
                onClicked: root.openCompareDialog()
            }
            Button {
                visible: root.hasTrace
                text: qsTr("Copy id")
                Accessible.name: qsTr("Copy the trace id")
                onClicked: root.controller.copySelectedTraceId()
            }
            Button {
                objectName: "traceExport"
                visible: root.hasTrace
                text: qsTr("Export OTLP JSON…")
                Accessible.name: qsTr("Export the trace as an OTLP JSON file")
                ToolTip.visible: hovered
                ToolTip.delay: 500
                ToolTip.text: qsTr("Save the trace as an OTLP/JSON export request (Ctrl+Shift+E)")
                onClicked: root.openExportDialog()
            }
        }

        // The trace's note: shown, or edited.
        Rectangle {
            id: noteBar

            property bool editing: false
            function startEditing() {
                noteField.text = root.controller.traceNote
                editing = true
                noteField.forceActiveFocus()
            }

            objectName: "traceNoteBar"
            Layout.fillWidth: true
            visible: root.hasTrace
            implicitHeight: noteLayout.implicitHeight + 2 * Theme.spacingS
            color: Theme.surface
            border.color: Theme.border
            radius: Theme.radius

            Connections {
                target: root.controller
                function onNoteChanged(ok) {
                    if (ok)
                        noteBar.editing = false
                }
                function onSelectedTraceChanged() {
                    noteBar.editing = false
                }
            }

            RowLayout {
                id: noteLayout

                anchors.fill: parent
                anchors.margins: Theme.spacingS
                spacing: Theme.spacingS

                Label {
                    text: "\u270E"
                    color: Theme.textMuted
                    Layout.alignment: Qt.AlignTop
                }
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 2

                    Label {
                        objectName: "traceNoteText"
                        Layout.fillWidth: true
                        visible: !noteBar.editing
                        text: root.controller.traceNote.length > 0 ? root.controller.traceNote : qsTr("No note on this trace")
                        color: root.controller.traceNote.length > 0 ? Theme.text : Theme.textMuted
                        wrapMode: Text.Wrap
                        maximumLineCount: 4
                        elide: Text.ElideRight
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: !noteBar.editing && root.controller.traceNoteInfo.length > 0
                        text: root.controller.traceNoteInfo
                        font.pixelSize: Theme.fontCaption
                        color: Theme.textMuted
                    }
                    TextArea {
                        id: noteField

                        objectName: "traceNoteField"
                        Layout.fillWidth: true
                        visible: noteBar.editing
                        placeholderText: qsTr("What is notable about this trace?")
                        wrapMode: TextEdit.Wrap
                        Accessible.name: qsTr("Note on the trace")
                        Keys.onEscapePressed: noteBar.editing = false
                        Keys.onPressed: event => {
                            if ((event.key === Qt.Key_Return || event.key === Qt.Key_Enter)
                                    && (event.modifiers & Qt.ControlModifier)) {
                                root.controller.saveTraceNote(text)
                                event.accepted = true
                            }
                        }
                    }
                    Label {
                        objectName: "traceNoteMessage"
                        Layout.fillWidth: true
                        visible: root.controller.noteMessage.length > 0
                        text: root.controller.noteMessage
                        color: Theme.error
                        wrapMode: Text.Wrap
                    }
                }
                Button {
                    objectName: "traceNoteEdit"
                    visible: !noteBar.editing
                    text: root.controller.traceNote.length > 0 ? qsTr("Edit note") : qsTr("Add note")
                    Accessible.name: text
                    ToolTip.visible: hovered
                    ToolTip.delay: 500
                    ToolTip.text: qsTr("Write a note on this trace (Ctrl+Shift+N)")
                    onClicked: noteBar.startEditing()
                }
                Button {
                    objectName: "traceNoteSave"
                    visible: noteBar.editing
                    enabled: !root.controller.noteSaving
                    text: qsTr("Save")
                    highlighted: true
                    Accessible.name: qsTr("Save the note (Ctrl+Enter)")
                    onClicked: root.controller.saveTraceNote(noteField.text)
                }
                Button {
                    objectName: "traceNoteCancel"
                    visible: noteBar.editing
                    text: qsTr("Cancel")
                    Accessible.name: qsTr("Cancel editing the note")
                    onClicked: noteBar.editing = false
                }
                Button {
                    objectName: "traceNoteDelete"
                    visible: root.controller.traceNote.length > 0
                    enabled: !root.controller.noteSaving
                    text: qsTr("Delete note")
                    Accessible.name: qsTr("Delete the note on this trace")
                    onClicked: root.controller.deleteTraceNote()
                }
            }
        }

        SplitView {
            objectName: "traceSplit"
            Layout.fillWidth: true
            Layout.fillHeight: true
            orientation: Qt.Vertical
            visible: root.hasTrace && !root.comparing

            Waterfall {
                objectName: "waterfall"
                SplitView.fillHeight: true
                SplitView.minimumHeight: 200
                controller: root.controller
                focus: root.hasTrace && !root.comparing
            }

            SpanDetails {
                SplitView.preferredHeight: 280
                SplitView.minimumHeight: 120
                details: root.controller.spanDetails
                controller: root.controller
            }
        }

        TraceCompareView {
            objectName: "traceCompareView"
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: root.comparing
            controller: root.controller
            focus: root.comparing
        }

        // No trace open: how to open one.
        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: !root.hasTrace

            ColumnLayout {
                objectName: "traceEmpty"
                anchors.centerIn: parent
                width: Math.min(parent.width - 2 * Theme.spacingL, 560)
                spacing: Theme.spacingM

                Label {
                    Layout.alignment: Qt.AlignHCenter
                    text: root.loading ? qsTr("Opening the trace…") : qsTr("No trace open")
                    font.pixelSize: Theme.fontTitle
                    font.bold: true
                    color: Theme.text
                }
                Label {
                    Layout.fillWidth: true
                    visible: root.controller.traceMessage.length > 0
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.Wrap
                    text: root.controller.traceMessage
                    font.pixelSize: Theme.fontBody
                    color: Theme.error
                }
                Label {
                    Layout.fillWidth: true
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.Wrap
                    text: qsTr("Open a trace from the Traces page (Ctrl+2), the Dashboard's newest traces, an error or the slowest traces, or enter its id here. Ctrl+K opens a trace by its id on every page.")
                    font.pixelSize: Theme.fontBody
                    color: Theme.textMuted
                }
                TraceIdField {
                    objectName: "traceEmptyField"
                    Layout.fillWidth: true
                    controller: root.controller
                    focus: !root.hasTrace
                }
            }
        }
    }
}
