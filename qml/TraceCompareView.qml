// The Trace page's comparison: the open trace (A, the baseline) against another (B, the
// candidate), span by span. The headers show both traces; the table lists matched spans with
// both durations, the change (red: slower, green: faster) and bars on one scale, and marks spans
// found in one trace only. Biggest regression first; the column headers sort (again: reverse).
// Up/Down move, Enter or a click opens the span in its trace, Escape closes the comparison.
// Everything shown is computed in C++ (TraceCompare, TraceCompareModel).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Spanlight

FocusScope {
    id: root

    required property ConsoleController controller
    readonly property TraceCompare comparison: controller.comparison
    readonly property TraceCompareModel rows: comparison.rows
    readonly property int indentWidth: 14
    readonly property real durationWidth: 90
    readonly property real deltaWidth: 150
    readonly property real barWidth: Math.max(80, Math.min(220, width * 0.2))

    function changeColor(change) {
        return change > 0 ? Theme.slower : change < 0 ? Theme.faster : Theme.text
    }
    function sortMark(column) {
        return rows.sortColumn === column ? (rows.sortDescending ? " \u25BC" : " \u25B2") : ""
    }

    Keys.onEscapePressed: comparison.close()

    // One trace's header: its letter and role, its id, its duration and span count.
    component TraceHeader: Rectangle {
        id: header

        property string letter
        property string title
        property string traceId
        property string text

        Layout.fillWidth: true
        implicitHeight: headerColumn.implicitHeight + 2 * Theme.spacingS
        color: Theme.surface
        border.color: Theme.border
        radius: Theme.radius

        ColumnLayout {
            id: headerColumn

            anchors.fill: parent
            anchors.margins: Theme.spacingS
            spacing: 2

            Label {
                text: qsTr("%1 · %2").arg(header.letter).arg(header.title)
                font.bold: true
                color: Theme.text
            }
            Label {
                Layout.fillWidth: true
                text: header.traceId
                font.family: Theme.monoFamily
                color: Theme.text
                elide: Text.ElideMiddle
            }
            Label {
                text: header.text
                color: Theme.textMuted
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacingS

        // The two traces.
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacingM

            // Two plain instances, not a Repeater over a list: the texts change with every
            // result, and a Repeater would rebuild its delegates inside the layout each time.
            TraceHeader {
                objectName: "compareHeaderA"
                letter: "A"
                title: qsTr("Baseline")
                traceId: root.comparison.baselineTraceId
                text: root.comparison.baselineText
            }
            TraceHeader {
                objectName: "compareHeaderB"
                letter: "B"
                title: qsTr("Candidate")
                traceId: root.comparison.candidateTraceId
                text: root.comparison.candidateText
            }
            ColumnLayout {
                spacing: Theme.spacingXs

                Label {
                    objectName: "compareTotalDelta"
                    Layout.alignment: Qt.AlignRight
                    text: root.comparison.totalDeltaText
                    font.pixelSize: Theme.fontSubtitle
                    font.bold: true
                    color: root.changeColor(root.comparison.totalChange)
                }
                Label {
                    objectName: "compareCounts"
                    Layout.alignment: Qt.AlignRight
                    text: root.comparison.countsText
                    color: Theme.textMuted
                }
                RowLayout {
                    Layout.alignment: Qt.AlignRight
                    Button {
                        objectName: "compareSwap"
                        text: qsTr("Swap A and B")
                        Accessible.name: qsTr("Swap the baseline and the candidate")
                        onClicked: root.comparison.swap()
                    }
                    Button {
                        objectName: "compareClose"
                        text: qsTr("Close")
                        Accessible.name: qsTr("Close the comparison and show the waterfall")
                        ToolTip.visible: hovered
                        ToolTip.delay: 500
                        ToolTip.text: qsTr("Back to the waterfall (Escape)")
                        onClicked: root.comparison.close()
                    }
                }
            }
        }

        Label {
            objectName: "compareMessage"
            Layout.fillWidth: true
            visible: text.length > 0
            text: root.comparison.message
            color: Theme.error
            wrapMode: Text.Wrap
        }

        // Column headers: each sorts the table.
        // A Row with computed widths, so that the fixed columns line up with the rows'.
        Item {
            Layout.fillWidth: true
            implicitHeight: headerRow.implicitHeight

            Row {
                id: headerRow

                anchors.fill: parent
                anchors.rightMargin: Theme.spacingXs
                spacing: Theme.spacingS

                ToolButton {
                    objectName: "compareSortPath"
                    width: headerRow.width - 3 * root.durationWidth - root.barWidth - root.deltaWidth - 5 * headerRow.spacing
                    text: qsTr("Span") + root.sortMark(TraceCompareModel.PathColumn)
                    Accessible.name: qsTr("Sort by position in the trace")
                    onClicked: root.rows.sortBy(TraceCompareModel.PathColumn)
                }
                ToolButton {
                    objectName: "compareSortBaseline"
                    width: root.durationWidth
                    text: qsTr("A") + root.sortMark(TraceCompareModel.BaselineColumn)
                    Accessible.name: qsTr("Sort by duration in A")
                    onClicked: root.rows.sortBy(TraceCompareModel.BaselineColumn)
                }
                ToolButton {
                    objectName: "compareSortCandidate"
                    width: root.durationWidth
                    text: qsTr("B") + root.sortMark(TraceCompareModel.CandidateColumn)
                    Accessible.name: qsTr("Sort by duration in B")
                    onClicked: root.rows.sortBy(TraceCompareModel.CandidateColumn)
                }
                Item {
                    width: root.barWidth
                    height: 1
                }
                ToolButton {
                    objectName: "compareSortDelta"
                    width: root.deltaWidth
                    text: qsTr("Change") + root.sortMark(TraceCompareModel.DeltaColumn)
                    Accessible.name: qsTr("Sort by change in duration")
                    onClicked: root.rows.sortBy(TraceCompareModel.DeltaColumn)
                }
                ToolButton {
                    objectName: "compareSortSelf"
                    width: root.durationWidth
                    text: qsTr("Self") + root.sortMark(TraceCompareModel.SelfDeltaColumn)
                    Accessible.name: qsTr("Sort by change in self time")
                    onClicked: root.rows.sortBy(TraceCompareModel.SelfDeltaColumn)
                }
            }
        }

        ListView {
            id: list

            objectName: "compareList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            focus: true
            model: root.rows
            keyNavigationEnabled: true
            highlightMoveDuration: 0
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {}
            Accessible.name: qsTr("Spans of both traces, biggest regression first")

            Keys.onReturnPressed: root.comparison.openSpan(currentIndex)
            Keys.onEnterPressed: root.comparison.openSpan(currentIndex)

            Label {
                anchors.centerIn: parent
                visible: list.count === 0 && root.comparison.loading
                text: qsTr("Comparing the traces…")
                color: Theme.textMuted
            }

            delegate: ItemDelegate {
                id: row

                required property int index
                required property string label
                required property string pathText
                required property color serviceColor
                required property int depth
                required property int presence
                required property string presenceText
                required property string baselineText
                required property string candidateText
                required property string deltaText
                required property string selfDeltaText
                required property int change
                required property real baselineBar
                required property real candidateBar

                width: ListView.view.width
                height: Theme.rowHeight
                highlighted: ListView.isCurrentItem
                // Spans in one trace only are marked by a tag and drawn fainter.
                opacity: presence === 0 ? 1 : 0.8
                Accessible.name: qsTr("%1, A %2, B %3, %4").arg(pathText).arg(baselineText || "-")
                                   .arg(candidateText || "-").arg(deltaText || presenceText)

                onClicked: {
                    list.currentIndex = index
                    root.comparison.openSpan(index)
                }
                ToolTip.visible: hovered
                ToolTip.delay: 600
                ToolTip.text: pathText

                contentItem: RowLayout {
                    spacing: Theme.spacingS

                    RowLayout {
                        Layout.fillWidth: true
                        spacing: Theme.spacingXs

                        Item {
                            Layout.preferredWidth: row.depth * root.indentWidth
                        }
                        Rectangle {
                            implicitWidth: 8
                            implicitHeight: 8
                            radius: 4
                            color: row.serviceColor
                        }
                        Label {
                            Layout.fillWidth: true
                            text: row.label
                            elide: Text.ElideRight
                            color: row.highlighted ? palette.highlightedText : Theme.text
                        }
                        Label {
                            visible: row.presence !== 0
                            text: row.presenceText
                            font.pixelSize: Theme.fontCaption
                            color: row.highlighted ? palette.highlightedText : Theme.textMuted
                            leftPadding: Theme.spacingXs
                            rightPadding: Theme.spacingXs
                            background: Rectangle {
                                radius: Theme.radius
                                color: "transparent"
                                border.color: Theme.border
                            }
                        }
                    }
                    Label {
                        Layout.preferredWidth: root.durationWidth
                        horizontalAlignment: Text.AlignRight
                        text: row.baselineText
                        font.family: Theme.monoFamily
                        color: row.highlighted ? palette.highlightedText : Theme.text
                    }
                    Label {
                        Layout.preferredWidth: root.durationWidth
                        horizontalAlignment: Text.AlignRight
                        text: row.candidateText
                        font.family: Theme.monoFamily
                        color: row.highlighted ? palette.highlightedText : Theme.text
                    }
                    // A over B, on the scale of the longer trace.
                    Column {
                        Layout.minimumWidth: root.barWidth
                        Layout.maximumWidth: root.barWidth
                        Layout.alignment: Qt.AlignVCenter
                        spacing: 2

                        Rectangle {
                            width: Math.max(row.baselineBar > 0 ? 1 : 0, row.baselineBar * root.barWidth)
                            height: 5
                            radius: 2
                            color: Theme.textMuted
                        }
                        Rectangle {
                            width: Math.max(row.candidateBar > 0 ? 1 : 0, row.candidateBar * root.barWidth)
                            height: 5
                            radius: 2
                            color: row.change === 0 ? Theme.accent : root.changeColor(row.change)
                        }
                    }
                    Label {
                        Layout.preferredWidth: root.deltaWidth
                        horizontalAlignment: Text.AlignRight
                        text: row.deltaText
                        font.family: Theme.monoFamily
                        // The change colours do not read on the selection's colour.
                        color: row.highlighted ? palette.highlightedText : root.changeColor(row.change)
                    }
                    Label {
                        Layout.preferredWidth: root.durationWidth
                        horizontalAlignment: Text.AlignRight
                        text: row.selfDeltaText
                        font.family: Theme.monoFamily
                        color: row.highlighted ? palette.highlightedText : Theme.textMuted
                    }
                }
            }
        }
    }
}
