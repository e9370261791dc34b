// The Insights page: what the analyses noticed in the time range, in four sections — anomalies,
// regressions, recommendations and where errors start. Tab moves between the sections' lists;
// Enter or a double-click opens a row's example trace on the Trace page.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Spanlight

FocusScope {
    id: root

    required property InsightsPage page

    // A severity as a coloured pill.
    component SeverityBadge: Label {
        id: badge

        property int level: 0

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

    // One section: a titled panel around a keyboard-navigable list. Rows open with Enter.
    component Section: Rectangle {
        id: section

        property string title
        property string caption
        property string emptyText
        property alias list: sectionList
        property alias model: sectionList.model
        property alias delegate: sectionList.delegate
        property alias listFocus: sectionList.focus // the page's first focus goes to one list
        signal opened(int row)

        color: Theme.surface
        border.color: sectionList.activeFocus ? Theme.accent : Theme.border
        border.width: sectionList.activeFocus ? 2 : 1
        radius: Theme.radius

        ColumnLayout {
            anchors.fill: parent
            anchors.margins: Theme.spacingM
            spacing: Theme.spacingXs

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacingS

                Label {
                    text: section.title
                    font.pixelSize: Theme.fontSubtitle
                    font.bold: true
                    color: Theme.text
                }
                Label {
                    text: sectionList.count
                    font.pixelSize: Theme.fontCaption
                    color: Theme.textMuted
                }
            }
            Label {
                Layout.fillWidth: true
                visible: text.length > 0
                text: section.caption
                font.pixelSize: Theme.fontCaption
                color: Theme.textMuted
                elide: Text.ElideRight
            }
            ListView {
                id: sectionList

                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                activeFocusOnTab: true
                keyNavigationEnabled: true
                highlightMoveDuration: 0
                boundsBehavior: Flickable.StopAtBounds
                spacing: 2
                ScrollBar.vertical: ScrollBar {}
                Accessible.role: Accessible.List
                Accessible.name: section.title

                Keys.onReturnPressed: section.opened(currentIndex)
                Keys.onEnterPressed: section.opened(currentIndex)

                Label {
                    anchors.fill: parent
                    visible: sectionList.count === 0
                    text: section.emptyText
                    wrapMode: Text.WordWrap
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontBody
                }
            }
        }
    }

    // The frame of a row: selection, hover tooltip, click to select, double-click to open.
    component InsightRow: Rectangle {
        id: row

        required property int index
        property ListView view
        property string tip
        signal opened(int row)

        width: view ? view.width : 0
        color: ListView.isCurrentItem && view.activeFocus ? Theme.selection
             : index % 2 ? Theme.surfaceAlt : Theme.surface
        radius: 2
        ToolTip.visible: rowHover.hovered && tip.length > 0
        ToolTip.delay: 600
        ToolTip.text: tip

        HoverHandler {
            id: rowHover
        }
        TapHandler {
            onTapped: {
                row.view.currentIndex = row.index
                row.view.forceActiveFocus()
            }
            onDoubleTapped: row.opened(row.index)
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacingL
        spacing: Theme.spacingM

        PageHeader {
            Layout.fillWidth: true
            title: qsTr("Insights")
            subtitle: root.page.windowText
            busy: root.page.loading

            ComboBox {
                objectName: "serviceFilter"
                Layout.preferredWidth: 180
                model: root.page.serviceOptions
                currentIndex: root.page.serviceIndex
                onActivated: index => root.page.serviceIndex = index
                Accessible.name: qsTr("Service")
            }
            TimeRangeBar {
                page: root.page
            }
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacingM

            Label {
                objectName: "insightsSummary"
                text: root.page.summaryText
                font.pixelSize: Theme.fontBody
                color: Theme.text
            }
            Item { Layout.fillWidth: true }
            Label {
                text: qsTr("Tab moves between the sections; Enter or a double-click opens an example trace")
                font.pixelSize: Theme.fontCaption
                color: Theme.textMuted
            }
        }

        // What the page looks for, while it has found nothing.
        Rectangle {
            objectName: "insightsEmpty"
            Layout.fillWidth: true
            visible: root.page.emptyText.length > 0
            implicitHeight: emptyLabel.implicitHeight + 2 * Theme.spacingL
            color: Theme.surface
            border.color: Theme.border
            radius: Theme.radius

            Label {
                id: emptyLabel

                anchors.fill: parent
                anchors.margins: Theme.spacingL
                text: root.page.emptyText
                wrapMode: Text.WordWrap
                font.pixelSize: Theme.fontBody
                color: Theme.textMuted
            }
        }

        GridLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            columns: 2
            rowSpacing: Theme.spacingM
            columnSpacing: Theme.spacingM

            Section {
                id: anomalies

                objectName: "anomaliesSection"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                Layout.preferredHeight: 3
                listFocus: true
                title: qsTr("Anomalies")
                caption: qsTr("Buckets that left their operation's own baseline band")
                emptyText: qsTr("No anomalies: every operation stayed within its baseline.")
                model: root.page.anomalies
                onOpened: row => root.page.openAnomaly(row)
                list.objectName: "anomalyList"

                delegate: InsightRow {
                    id: anomaly

                    required property string metricText
                    required property string service
                    required property color serviceColor
                    required property string operation
                    required property string observedText
                    required property string expectedText
                    required property string scoreText
                    required property int severityLevel
                    required property string severityText
                    required property string whenText
                    required property string attributionText

                    view: anomalies.list
                    implicitHeight: anomalyColumn.implicitHeight + 2 * Theme.spacingXs
                    tip: attributionText
                    onOpened: row => root.page.openAnomaly(row)
                    Accessible.role: Accessible.ListItem
                    Accessible.name: metricText + " " + service + " " + operation + ", " + observedText + ", "
                                     + expectedText + ", " + severityText

                    ColumnLayout {
                        id: anomalyColumn

                        anchors.fill: parent
                        anchors.margins: Theme.spacingXs
                        spacing: 1

                        RowLayout {
                            Layout.fillWidth: true
                            spacing: Theme.spacingS

                            SeverityBadge {
                                level: anomaly.severityLevel
                                text: anomaly.severityText
                            }
                            Label {
                                text: anomaly.metricText
                                font.bold: true
                                font.pixelSize: Theme.fontBody
                                color: Theme.text
                            }
                            Rectangle { width: 8; height: 8; radius: 4; color: anomaly.serviceColor }
                            Label {
                                Layout.fillWidth: true
                                text: anomaly.service + "  " + anomaly.operation
                                font.pixelSize: Theme.fontBody
                                color: Theme.text
                                elide: Text.ElideRight
                            }
                            Label {
                                text: anomaly.whenText
                                font.pixelSize: Theme.fontCaption
                                font.family: Theme.monoFamily
                                color: Theme.textMuted
                            }
                        }
                        Label {
                            Layout.fillWidth: true
                            text: anomaly.observedText + " · " + anomaly.expectedText + " · " + anomaly.scoreText
                            font.pixelSize: Theme.fontCaption
                            color: Theme.text
                            elide: Text.ElideRight
                        }
                        Label {
                            Layout.fillWidth: true
                            visible: anomaly.attributionText.length > 0
                            text: anomaly.attributionText
                            font.pixelSize: Theme.fontCaption
                            color: Theme.textMuted
                            elide: Text.ElideRight
                        }
                    }
                }
            }

            Section {
                id: regressions

                objectName: "regressionsSection"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                Layout.preferredHeight: 3
                title: qsTr("Regressions")
                caption: qsTr("Lasting changes after a service.version change, or level shifts")
                emptyText: qsTr("No regressions: no version change or level shift made an operation worse.")
                model: root.page.regressions
                onOpened: row => root.page.openRegression(row)
                list.objectName: "regressionList"

                delegate: InsightRow {
                    id: regression

                    required property string metricText
                    required property string service
                    required property color serviceColor
                    required property string operation
                    required property string versionsText
                    required property string beforeText
                    required property string afterText
                    required property string changeText
                    required property bool worse
                    required property string whenText

                    view: regressions.list
                    implicitHeight: regressionColumn.implicitHeight + 2 * Theme.spacingXs
                    onOpened: row => root.page.openRegression(row)
                    Accessible.role: Accessible.ListItem
                    Accessible.name: metricText + " " + service + " " + operation + ", " + versionsText + ", "
                                     + beforeText + " → " + afterText + " (" + changeText + ")"

                    ColumnLayout {
                        id: regressionColumn

                        anchors.fill: parent
                        anchors.margins: Theme.spacingXs
                        spacing: 1

                        RowLayout {
                            Layout.fillWidth: true
                            spacing: Theme.spacingS

                            Rectangle { width: 8; height: 8; radius: 4; color: regression.serviceColor }
                            Label {
                                Layout.fillWidth: true
                                text: regression.service + "  " + regression.operation
                                font.pixelSize: Theme.fontBody
                                color: Theme.text
                                elide: Text.ElideRight
                            }
                            Label {
                                text: regression.changeText
                                font.bold: true
                                font.pixelSize: Theme.fontBody
                                font.family: Theme.monoFamily
                                color: regression.worse ? Theme.slower : Theme.faster
                            }
                        }
                        Label {
                            Layout.fillWidth: true
                            text: regression.metricText + " · " + regression.versionsText + " · " + regression.beforeText
                                  + " → " + regression.afterText + " · " + regression.whenText
                            font.pixelSize: Theme.fontCaption
                            color: Theme.textMuted
                            elide: Text.ElideRight
                        }
                    }
                }
            }

            Section {
                id: recommendations

                objectName: "recommendationsSection"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                Layout.preferredHeight: 4
                title: qsTr("Recommendations")
                caption: root.page.recommendationsCaption
                emptyText: qsTr("No recommendations: no N+1 calls, sequential calls, slow statements, retry storms, large fan-out or uninstrumented time in the sampled traces.")
                model: root.page.recommendations
                onOpened: row => root.page.openRecommendation(row)
                list.objectName: "recommendationList"

                delegate: InsightRow {
                    id: recommendation

                    required property string ruleText
                    required property string title
                    required property string description
                    required property string service
                    required property color serviceColor
                    required property string operation
                    required property string impactText
                    required property string occurrencesText

                    view: recommendations.list
                    implicitHeight: recommendationColumn.implicitHeight + 2 * Theme.spacingXs
                    tip: description
                    onOpened: row => root.page.openRecommendation(row)
                    Accessible.role: Accessible.ListItem
                    Accessible.name: ruleText + ": " + title + ", " + impactText + ", " + occurrencesText

                    ColumnLayout {
                        id: recommendationColumn

                        anchors.fill: parent
                        anchors.margins: Theme.spacingXs
                        spacing: 1

                        RowLayout {
                            Layout.fillWidth: true
                            spacing: Theme.spacingS

                            Label {
                                text: recommendation.ruleText
                                font.pixelSize: Theme.fontCaption
                                font.bold: true
                                color: Theme.accentText
                                leftPadding: Theme.spacingS
                                rightPadding: Theme.spacingS
                                topPadding: 2
                                bottomPadding: 2
                                background: Rectangle {
                                    radius: height / 2
                                    color: Theme.accent
                                }
                            }
                            Label {
                                Layout.fillWidth: true
                                text: recommendation.title
                                font.bold: true
                                font.pixelSize: Theme.fontBody
                                color: Theme.text
                                elide: Text.ElideRight
                            }
                        }
                        RowLayout {
                            Layout.fillWidth: true
                            spacing: Theme.spacingS

                            Rectangle { width: 8; height: 8; radius: 4; color: recommendation.serviceColor }
                            Label {
                                Layout.fillWidth: true
                                text: recommendation.service + "  " + recommendation.operation
                                font.pixelSize: Theme.fontCaption
                                color: Theme.textMuted
                                elide: Text.ElideRight
                            }
                            Label {
                                text: recommendation.impactText + " · " + recommendation.occurrencesText
                                font.pixelSize: Theme.fontCaption
                                color: Theme.text
                            }
                        }
                    }
                }
            }

            Section {
                id: origins

                objectName: "originsSection"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                Layout.preferredHeight: 4
                title: qsTr("Where errors start")
                caption: root.page.originsCaption
                emptyText: qsTr("No errors to follow in this time range.")
                model: root.page.origins
                onOpened: row => root.page.openOrigin(row)
                list.objectName: "originList"

                delegate: InsightRow {
                    id: origin

                    required property string summaryText
                    required property string service
                    required property color serviceColor
                    required property string operation
                    required property string countText

                    view: origins.list
                    implicitHeight: originColumn.implicitHeight + 2 * Theme.spacingXs
                    onOpened: row => root.page.openOrigin(row)
                    Accessible.role: Accessible.ListItem
                    Accessible.name: summaryText + ", " + countText

                    ColumnLayout {
                        id: originColumn

                        anchors.fill: parent
                        anchors.margins: Theme.spacingXs
                        spacing: 1

                        Label {
                            Layout.fillWidth: true
                            text: origin.summaryText
                            font.bold: true
                            font.pixelSize: Theme.fontBody
                            color: Theme.text
                            elide: Text.ElideRight
                        }
                        RowLayout {
                            Layout.fillWidth: true
                            spacing: Theme.spacingS

                            Rectangle { width: 8; height: 8; radius: 4; color: origin.serviceColor }
                            Label {
                                Layout.fillWidth: true
                                text: origin.service + "  " + origin.operation
                                font.pixelSize: Theme.fontCaption
                                color: Theme.textMuted
                                elide: Text.ElideRight
                            }
                            Label {
                                text: origin.countText
                                font.pixelSize: Theme.fontCaption
                                font.family: Theme.monoFamily
                                color: Theme.text
                            }
                        }
                    }
                }
            }
        }
    }
}
