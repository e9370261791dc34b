// The Alerts page: the alert rules with their states (add, edit, delete, enable through a form
// whose refusals are the server's messages) and the history of firing and resolved alerts. A
// firing alert leads to its service's failed traces. Keys on the rules: Enter edits, Space
// enables or disables, Delete deletes; on the history Enter shows the traces.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Spanlight

FocusScope {
    id: root

    required property AlertsPage page

    function editRule(ruleId) {
        ruleForm.load(ruleId > 0 ? root.page.ruleForm(ruleId) : ({}))
        ruleForm.open()
    }

    // A state or severity as a coloured pill.
    component Pill: Label {
        id: pill

        property color tint: Theme.textMuted

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
            color: pill.tint
        }
    }

    component HeaderLabel: Label {
        font.bold: true
        font.pixelSize: Theme.fontBody
        color: Theme.text
        elide: Text.ElideRight
    }

    function stateColor(state) {
        if (state === "firing")
            return Theme.error
        if (state === "pending")
            return Theme.severity[1]
        if (state === "ok")
            return Theme.faster
        return Theme.textMuted
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacingL
        spacing: Theme.spacingM

        PageHeader {
            Layout.fillWidth: true
            title: qsTr("Alerts")
            subtitle: root.page.summaryText
            busy: root.page.loading || root.page.saving

            Button {
                objectName: "newRuleButton"
                text: qsTr("New rule…")
                Accessible.name: qsTr("New alert rule")
                onClicked: root.editRule(0)
            }
        }

        Label {
            objectName: "alertsError"
            Layout.fillWidth: true
            visible: text.length > 0
            text: root.page.errorText
            color: Theme.error
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
        }
        Label {
            objectName: "alertsChangeError"
            Layout.fillWidth: true
            visible: text.length > 0 && !ruleForm.visible
            text: root.page.formError
            color: Theme.error
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
        }

        // The rules.
        Rectangle {
            Layout.fillWidth: true
            Layout.preferredHeight: Math.max(180, Math.min(rules.contentHeight + Theme.rowHeight + 40, parent.height * 0.45))
            color: Theme.surface
            border.color: Theme.border
            radius: Theme.radius

            ColumnLayout {
                anchors.fill: parent
                anchors.margins: 1
                spacing: 0

                Rectangle {
                    Layout.fillWidth: true
                    implicitHeight: Theme.rowHeight
                    color: Theme.surfaceAlt

                    RowLayout {
                        anchors.fill: parent
                        anchors.leftMargin: Theme.spacingM
                        anchors.rightMargin: Theme.spacingM
                        spacing: Theme.spacingM

                        HeaderLabel { Layout.preferredWidth: 72; text: qsTr("State") }
                        HeaderLabel { Layout.fillWidth: true; text: qsTr("Rule") }
                        HeaderLabel { Layout.preferredWidth: 130; text: qsTr("Metric") }
                        HeaderLabel { Layout.preferredWidth: 180; text: qsTr("Scope") }
                        HeaderLabel { Layout.preferredWidth: 90; text: qsTr("Condition") }
                        HeaderLabel { Layout.preferredWidth: 70; text: qsTr("For") }
                        HeaderLabel { Layout.preferredWidth: 72; text: qsTr("Severity") }
                        HeaderLabel { Layout.preferredWidth: 150; text: qsTr("Enabled") }
                    }
                }

                ListView {
                    id: rules

                    objectName: "alertRules"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    focus: true
                    model: root.page.rules
                    keyNavigationEnabled: true
                    highlightMoveDuration: 0
                    boundsBehavior: Flickable.StopAtBounds
                    activeFocusOnTab: true
                    Accessible.name: qsTr("Alert rules")
                    ScrollBar.vertical: ScrollBar {}

                    Keys.onReturnPressed: if (currentItem) root.editRule(currentItem.ruleId)
                    Keys.onEnterPressed: if (currentItem) root.editRule(currentItem.ruleId)
                    Keys.onSpacePressed: if (currentItem) root.page.setRuleEnabled(currentItem.ruleId, !currentItem.enabled)
                    Keys.onDeletePressed: if (currentItem) root.page.deleteRule(currentItem.ruleId)

                    // The empty state teaches: what a rule is, and one to add with a click.
                    ColumnLayout {
                        objectName: "alertsEmptyState"
                        anchors.centerIn: parent
                        width: Math.min(parent.width - 2 * Theme.spacingXl, 560)
                        visible: rules.count === 0 && root.page.loaded && root.page.errorText.length === 0
                        spacing: Theme.spacingS

                        Label {
                            Layout.fillWidth: true
                            text: qsTr("No alert rules yet.")
                            font.pixelSize: Theme.fontSubtitle
                            font.bold: true
                            color: Theme.text
                            horizontalAlignment: Text.AlignHCenter
                        }
                        Label {
                            Layout.fillWidth: true
                            text: root.page.exampleText
                            font.pixelSize: Theme.fontBody
                            color: Theme.textMuted
                            wrapMode: Text.Wrap
                            horizontalAlignment: Text.AlignHCenter
                        }
                        Button {
                            objectName: "addExampleRule"
                            Layout.alignment: Qt.AlignHCenter
                            text: qsTr("Add this example rule")
                            Accessible.name: text
                            onClicked: root.page.addExampleRule()
                        }
                    }

                    delegate: Rectangle {
                        id: rule

                        required property int index
                        required property var ruleId
                        required property string name
                        required property string metricText
                        required property string scopeText
                        required property string conditionText
                        required property string forText
                        required property int severityLevel
                        required property string severityText
                        required property bool enabled
                        required property string state
                        required property string stateText

                        width: ListView.view.width
                        implicitHeight: 40
                        color: ListView.isCurrentItem ? Theme.selection : index % 2 ? Theme.surfaceAlt : Theme.surface

                        TapHandler {
                            onTapped: {
                                rules.currentIndex = rule.index
                                rules.forceActiveFocus()
                            }
                            onDoubleTapped: root.editRule(rule.ruleId)
                        }

                        RowLayout {
                            anchors.fill: parent
                            anchors.leftMargin: Theme.spacingM
                            anchors.rightMargin: Theme.spacingM
                            spacing: Theme.spacingM

                            Item {
                                Layout.preferredWidth: 72
                                Layout.fillHeight: true
                                Pill {
                                    anchors.verticalCenter: parent.verticalCenter
                                    text: rule.stateText
                                    tint: root.stateColor(rule.state)
                                }
                            }
                            Label { Layout.fillWidth: true; text: rule.name; font.bold: true; font.pixelSize: Theme.fontBody; color: Theme.text; elide: Text.ElideRight }
                            Label { Layout.preferredWidth: 130; text: rule.metricText; font.pixelSize: Theme.fontBody; color: Theme.text; elide: Text.ElideRight }
                            Label { Layout.preferredWidth: 180; text: rule.scopeText; font.pixelSize: Theme.fontBody; color: Theme.text; elide: Text.ElideRight }
                            Label { Layout.preferredWidth: 90; text: rule.conditionText; font.pixelSize: Theme.fontBody; font.family: Theme.monoFamily; color: Theme.text }
                            Label { Layout.preferredWidth: 70; text: rule.forText; font.pixelSize: Theme.fontBody; color: Theme.textMuted }
                            Item {
                                Layout.preferredWidth: 72
                                Layout.fillHeight: true
                                Pill {
                                    anchors.verticalCenter: parent.verticalCenter
                                    text: rule.severityText
                                    tint: Theme.severity[rule.severityLevel]
                                }
                            }
                            RowLayout {
                                Layout.preferredWidth: 150
                                spacing: 0
                                Switch {
                                    checked: rule.enabled
                                    focusPolicy: Qt.NoFocus
                                    Accessible.name: qsTr("Enabled: %1").arg(rule.name)
                                    onToggled: root.page.setRuleEnabled(rule.ruleId, checked)
                                }
                                ToolButton {
                                    text: "\u270E"
                                    focusPolicy: Qt.NoFocus
                                    Accessible.name: qsTr("Edit %1").arg(rule.name)
                                    ToolTip.visible: hovered
                                    ToolTip.text: qsTr("Edit (Enter)")
                                    onClicked: root.editRule(rule.ruleId)
                                }
                                ToolButton {
                                    text: "\u2715"
                                    focusPolicy: Qt.NoFocus
                                    Accessible.name: qsTr("Delete %1").arg(rule.name)
                                    ToolTip.visible: hovered
                                    ToolTip.text: qsTr("Delete with its history (Delete)")
                                    onClicked: root.page.deleteRule(rule.ruleId)
                                }
                            }
                        }
                    }
                }
            }
        }

        // The history.
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacingM

            Label {
                text: qsTr("History")
                font.pixelSize: Theme.fontSubtitle
                font.bold: true
                color: Theme.text
            }
            Item {
                Layout.fillWidth: true
            }
            ComboBox {
                objectName: "alertStateFilter"
                Layout.preferredWidth: 160
                model: root.page.stateOptions
                currentIndex: root.page.stateIndex
                Accessible.name: qsTr("Show alerts")
                onActivated: index => root.page.stateIndex = index
            }
        }

        Rectangle {
            Layout.fillWidth: true
            Layout.fillHeight: true
            color: Theme.surface
            border.color: Theme.border
            radius: Theme.radius

            ListView {
                id: history

                objectName: "alertHistory"
                anchors.fill: parent
                anchors.margins: 1
                clip: true
                model: root.page.history
                keyNavigationEnabled: true
                highlightMoveDuration: 0
                boundsBehavior: Flickable.StopAtBounds
                activeFocusOnTab: true
                Accessible.name: qsTr("Alert history")
                ScrollBar.vertical: ScrollBar {}

                Keys.onReturnPressed: root.page.openAlertTraces(currentIndex)
                Keys.onEnterPressed: root.page.openAlertTraces(currentIndex)

                Label {
                    anchors.centerIn: parent
                    visible: history.count === 0
                    text: root.page.historyEmptyText
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontBody
                }

                delegate: Rectangle {
                    id: alert

                    required property int index
                    required property string ruleName
                    required property string service
                    required property bool firing
                    required property string stateText
                    required property int severityLevel
                    required property string startedText
                    required property string resolvedText
                    required property string observedText
                    required property string deliveriesText

                    width: ListView.view.width
                    implicitHeight: 48
                    color: ListView.isCurrentItem ? Theme.selection : index % 2 ? Theme.surfaceAlt : Theme.surface

                    TapHandler {
                        onTapped: {
                            history.currentIndex = alert.index
                            history.forceActiveFocus()
                        }
                        onDoubleTapped: root.page.openAlertTraces(alert.index)
                    }

                    RowLayout {
                        anchors.fill: parent
                        anchors.leftMargin: Theme.spacingM
                        anchors.rightMargin: Theme.spacingM
                        spacing: Theme.spacingM

                        Item {
                            Layout.preferredWidth: 72
                            Layout.fillHeight: true
                            Pill {
                                anchors.verticalCenter: parent.verticalCenter
                                text: alert.stateText
                                tint: alert.firing ? Theme.error : Theme.faster
                            }
                        }
                        ColumnLayout {
                            Layout.fillWidth: true
                            spacing: 1
                            Label { Layout.fillWidth: true; text: alert.ruleName; font.bold: true; font.pixelSize: Theme.fontBody; color: Theme.text; elide: Text.ElideRight }
                            Label { Layout.fillWidth: true; text: alert.observedText; font.pixelSize: Theme.fontCaption; color: Theme.textMuted; elide: Text.ElideRight }
                        }
                        ColumnLayout {
                            Layout.preferredWidth: 260
                            spacing: 1
                            Label {
                                Layout.fillWidth: true
                                text: alert.resolvedText.length > 0 ? qsTr("%1 – %2").arg(alert.startedText).arg(alert.resolvedText)
                                                                   : qsTr("since %1").arg(alert.startedText)
                                font.pixelSize: Theme.fontBody
                                font.family: Theme.monoFamily
                                color: Theme.text
                                elide: Text.ElideRight
                            }
                            Label {
                                Layout.fillWidth: true
                                text: alert.deliveriesText
                                font.pixelSize: Theme.fontCaption
                                color: Theme.textMuted
                                elide: Text.ElideRight
                            }
                        }
                        Button {
                            text: alert.service.length > 0 ? qsTr("Traces of %1").arg(alert.service) : qsTr("Failed traces")
                            focusPolicy: Qt.NoFocus
                            flat: true
                            Accessible.name: text
                            onClicked: root.page.openAlertTraces(alert.index)
                        }
                    }
                }
            }
        }
    }

    // Add or edit a rule. Values are checked by the server; its message shows under the fields.
    Dialog {
        id: ruleForm

        property var ruleId: 0

        function load(form) {
            ruleId = form.ruleId || 0
            nameField.text = form.name || ""
            metricField.currentIndex = Math.max(0, root.page.metricOptions.indexOf(form.metric || "error_rate"))
            serviceField.editText = form.service || ""
            operationField.text = form.operation || ""
            comparatorField.currentIndex = Math.max(0, root.page.comparatorOptions.indexOf(form.comparator || ">"))
            thresholdField.text = form.threshold || ""
            forField.text = form.forMinutes || "5"
            severityField.currentIndex = Math.max(0, root.page.severityOptions.indexOf(form.severity || "medium"))
            enabledField.checked = form.enabled === undefined ? true : form.enabled
            root.page.clearFormError()
        }

        function save() {
            root.page.saveRule({
                ruleId: ruleForm.ruleId,
                name: nameField.text,
                metric: root.page.metricOptions[metricField.currentIndex],
                service: serviceField.editText,
                operation: operationField.text,
                comparator: root.page.comparatorOptions[comparatorField.currentIndex],
                threshold: thresholdField.text,
                forMinutes: forField.text,
                severity: root.page.severityOptions[severityField.currentIndex],
                enabled: enabledField.checked
            })
        }

        objectName: "ruleForm"
        title: ruleId > 0 ? qsTr("Edit alert rule") : qsTr("New alert rule")
        modal: true
        focus: true
        parent: Overlay.overlay
        anchors.centerIn: parent
        width: Math.min(520, (parent ? parent.width : 520) - 2 * Theme.spacingXl)
        padding: Theme.spacingL
        closePolicy: Popup.CloseOnEscape
        onOpened: nameField.forceActiveFocus()

        Connections {
            target: root.page
            function onRuleSaved(ok) {
                if (ok && ruleForm.visible)
                    ruleForm.close()
            }
        }

        contentItem: GridLayout {
            columns: 2
            columnSpacing: Theme.spacingM
            rowSpacing: Theme.spacingS
            Accessible.role: Accessible.Dialog
            Accessible.name: ruleForm.title

            Label { text: qsTr("Name"); color: Theme.text }
            TextField {
                id: nameField
                objectName: "ruleName"
                Layout.fillWidth: true
                placeholderText: qsTr("checkout errors")
                Accessible.name: qsTr("Rule name")
                onAccepted: ruleForm.save()
            }
            Label { text: qsTr("Metric"); color: Theme.text }
            ComboBox {
                id: metricField
                objectName: "ruleMetric"
                Layout.fillWidth: true
                model: root.page.metricLabels
                Accessible.name: qsTr("Metric")
            }
            Label { text: qsTr("Service"); color: Theme.text }
            ComboBox {
                id: serviceField
                objectName: "ruleService"
                Layout.fillWidth: true
                editable: true
                model: root.page.serviceNames
                Accessible.name: qsTr("Service (empty: every service)")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Empty: every service")
            }
            Label { text: qsTr("Operation"); color: Theme.text }
            TextField {
                id: operationField
                objectName: "ruleOperation"
                Layout.fillWidth: true
                placeholderText: qsTr("every operation")
                Accessible.name: qsTr("Operation (empty: every operation)")
                onAccepted: ruleForm.save()
            }
            Label { text: qsTr("Condition"); color: Theme.text }
            RowLayout {
                Layout.fillWidth: true
                ComboBox {
                    id: comparatorField
                    objectName: "ruleComparator"
                    Layout.preferredWidth: 80
                    model: root.page.comparatorOptions
                    Accessible.name: qsTr("Comparator")
                }
                TextField {
                    id: thresholdField
                    objectName: "ruleThreshold"
                    Layout.fillWidth: true
                    placeholderText: qsTr("threshold, e.g. 0.05 for 5 %")
                    Accessible.name: qsTr("Threshold")
                    onAccepted: ruleForm.save()
                }
            }
            Label { text: qsTr("For (minutes)"); color: Theme.text }
            TextField {
                id: forField
                objectName: "ruleFor"
                Layout.fillWidth: true
                Accessible.name: qsTr("For how many minutes the condition must hold")
                onAccepted: ruleForm.save()
            }
            Label { text: qsTr("Severity"); color: Theme.text }
            ComboBox {
                id: severityField
                objectName: "ruleSeverity"
                Layout.fillWidth: true
                model: root.page.severityLabels
                Accessible.name: qsTr("Severity")
            }
            Item { width: 1; height: 1 }
            CheckBox {
                id: enabledField
                objectName: "ruleEnabled"
                text: qsTr("Enabled")
                Accessible.name: qsTr("Rule enabled")
            }
            Label {
                objectName: "ruleFormError"
                Layout.columnSpan: 2
                Layout.fillWidth: true
                visible: text.length > 0
                text: root.page.formError
                color: Theme.error
                wrapMode: Text.Wrap
            }
            RowLayout {
                Layout.columnSpan: 2
                Layout.alignment: Qt.AlignRight
                Button {
                    text: qsTr("Cancel")
                    Accessible.name: text
                    onClicked: ruleForm.close()
                }
                Button {
                    objectName: "ruleSave"
                    text: qsTr("Save")
                    highlighted: true
                    enabled: !root.page.saving
                    Accessible.name: qsTr("Save the rule")
                    onClicked: ruleForm.save()
                }
            }
        }
    }
}
