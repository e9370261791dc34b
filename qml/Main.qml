// The console window: a side bar of pages on the left and the current page beside it. Every
// page stays alive in the StackLayout, so its state (selection, filters, scroll position)
// survives switching. All data and display text come from the ConsoleController.
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Spanlight

ApplicationWindow {
    id: window

    required property ConsoleController controller

    width: 1280
    height: 800
    visible: true
    title: qsTr("Spanlight")
    color: Theme.window

    // The theme setting drives the Theme singleton, and Theme the Controls' palette, so that
    // the whole window switches at once, without a restart.
    Binding {
        target: Theme
        property: "dark"
        value: window.controller.settings.darkTheme
    }
    palette.window: Theme.window
    palette.windowText: Theme.text
    palette.base: Theme.surface
    palette.alternateBase: Theme.surfaceAlt
    palette.text: Theme.text
    palette.placeholderText: Theme.textMuted
    palette.button: Theme.controlButton
    palette.buttonText: Theme.text
    palette.brightText: Theme.accentText
    palette.highlight: Theme.accent
    palette.highlightedText: Theme.accentText
    palette.light: Theme.controlLight
    palette.midlight: Theme.controlMidlight
    palette.mid: Theme.border
    palette.dark: Theme.controlDark
    palette.shadow: Theme.controlShadow
    palette.toolTipBase: Theme.surface
    palette.toolTipText: Theme.text
    palette.link: Theme.link

    menuBar: MenuBar {
        Menu {
            title: qsTr("&File")

            Action {
                objectName: "openAction"
                text: qsTr("&Open Trace Files…")
                shortcut: StandardKey.Open
                enabled: window.controller.importAvailable
                onTriggered: openDialog.open()
            }
            MenuSeparator {}
            Action {
                objectName: "connectAction"
                text: qsTr("&Connect to Server…")
                shortcut: "Ctrl+Shift+O"
                onTriggered: connectDialog.open()
            }
            Action {
                objectName: "localAction"
                text: qsTr("Use the &Local Server")
                shortcut: "Ctrl+Shift+L"
                enabled: window.controller.connection.remote && window.controller.connection.localAvailable
                onTriggered: window.controller.connection.useLocal()
            }
            MenuSeparator {}
            Action {
                text: qsTr("&Quit")
                shortcut: StandardKey.Quit
                onTriggered: window.close()
            }
        }
    }

    header: StatusHeader {
        controller: window.controller
    }

    // File > Open (Ctrl+O): OTLP JSON, Zipkin v2 JSON or Jaeger JSON files, several at once.
    FileDialog {
        id: openDialog

        objectName: "openDialog"
        title: qsTr("Import trace files")
        fileMode: FileDialog.OpenFiles
        nameFilters: [qsTr("Trace files (*.json *.jsonl *.ndjson)"), qsTr("All files (*)")]
        onAccepted: window.controller.importFiles(selectedFiles)
    }

    Shortcut {
        sequences: [StandardKey.Copy]
        onActivated: window.controller.copySelectedTraceId()
    }
    Shortcut { sequence: "Ctrl+1"; onActivated: window.controller.showShortcutPage(1) }
    Shortcut { sequence: "Ctrl+2"; onActivated: window.controller.showShortcutPage(2) }
    Shortcut { sequence: "Ctrl+3"; onActivated: window.controller.showShortcutPage(3) }
    Shortcut { sequence: "Ctrl+4"; onActivated: window.controller.showShortcutPage(4) }
    Shortcut { sequence: "Ctrl+5"; onActivated: window.controller.showShortcutPage(5) }
    Shortcut { sequence: "Ctrl+6"; onActivated: window.controller.showShortcutPage(6) }
    Shortcut { sequence: "Ctrl+7"; onActivated: window.controller.showShortcutPage(7) }
    Shortcut { sequence: "Ctrl+8"; onActivated: window.controller.showShortcutPage(8) }
    Shortcut { sequence: "Ctrl+9"; onActivated: window.controller.showShortcutPage(9) }
    Shortcut { sequence: "Ctrl+0"; onActivated: window.controller.showShortcutPage(0) }
    Shortcut {
        sequence: "Ctrl+K"
        onActivated: traceJump.open()
    }
    Shortcut {
        sequences: [StandardKey.Back]
        enabled: window.controller.currentPage === ConsoleController.Trace && window.controller.backPage >= 0
        onActivated: window.controller.goBack()
    }

    ConnectDialog {
        id: connectDialog

        controller: window.controller
    }
    Connections {
        target: window.controller.connection
        function onStartConnectFailed(url) { connectDialog.openFor(url) }
    }

    // Ctrl+K: open a trace by its id, from any page.
    Popup {
        id: traceJump

        objectName: "traceJump"
        anchors.centerIn: Overlay.overlay
        width: Math.min(520, window.width - 2 * Theme.spacingXl)
        modal: true
        focus: true
        padding: Theme.spacingL
        onOpened: jumpField.field.forceActiveFocus()

        contentItem: ColumnLayout {
            spacing: Theme.spacingS

            Label {
                text: qsTr("Open a trace by its id")
                font.pixelSize: Theme.fontSubtitle
                font.bold: true
                color: Theme.text
            }
            TraceIdField {
                id: jumpField

                Layout.fillWidth: true
                controller: window.controller
                onOpened: traceJump.close()
            }
            Label {
                text: qsTr("Enter opens it on the Trace page; Escape closes.")
                font.pixelSize: Theme.fontCaption
                color: Theme.textMuted
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        ImportBanner {
            objectName: "importBanner"
            Layout.fillWidth: true
            controller: window.controller
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 0

            SideBar {
                Layout.fillHeight: true
                controller: window.controller
            }

            // In ConsoleController.Page order.
            StackLayout {
                id: pages

                objectName: "pages"
                Layout.fillWidth: true
                Layout.fillHeight: true
                currentIndex: window.controller.currentPage

                DashboardView {
                    objectName: "dashboardPage"
                    page: window.controller.dashboardPage
                    controller: window.controller
                    focus: window.controller.currentPage === ConsoleController.Dashboard
                }
                TracesView {
                    objectName: "tracesPage"
                    controller: window.controller
                    focus: window.controller.currentPage === ConsoleController.Traces
                }
                TraceView {
                    objectName: "tracePage"
                    controller: window.controller
                    focus: window.controller.currentPage === ConsoleController.Trace
                }
                ServicesView {
                    objectName: "servicesPage"
                    page: window.controller.servicesPage
                    focus: window.controller.currentPage === ConsoleController.Services
                }
                ErrorsView {
                    objectName: "errorsPage"
                    page: window.controller.errorsPage
                    focus: window.controller.currentPage === ConsoleController.Errors
                }
                DependenciesView {
                    objectName: "dependenciesPage"
                    page: window.controller.dependenciesPage
                    focus: window.controller.currentPage === ConsoleController.Dependencies
                }
                PerformanceView {
                    objectName: "performancePage"
                    page: window.controller.performancePage
                    focus: window.controller.currentPage === ConsoleController.Performance
                }
                SettingsView {
                    objectName: "settingsPage"
                    controller: window.controller
                }
                InsightsView {
                    objectName: "insightsPage"
                    page: window.controller.insightsPage
                    focus: window.controller.currentPage === ConsoleController.Insights
                }
                AlertsView {
                    objectName: "alertsPage"
                    page: window.controller.alertsPage
                    focus: window.controller.currentPage === ConsoleController.Alerts
                }
            }
        }
    }

    // Trace files dropped anywhere on the window are imported.
    DropArea {
        id: importDrop

        objectName: "importDropArea"
        anchors.fill: parent
        enabled: window.controller.importAvailable
        onEntered: (drag) => drag.accepted = drag.hasUrls
        onDropped: (drop) => {
            if (drop.hasUrls) {
                window.controller.importFiles(drop.urls)
                drop.acceptProposedAction()
            }
        }

        Rectangle {
            anchors.fill: parent
            visible: importDrop.containsDrag
            color: Qt.rgba(Theme.accent.r, Theme.accent.g, Theme.accent.b, 0.15)
            border.color: Theme.accent
            border.width: 2

            Label {
                anchors.centerIn: parent
                text: qsTr("Drop trace files to import them")
                font.pixelSize: Theme.fontTitle
                color: Theme.text
            }
        }
    }

    footer: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 8
            anchors.rightMargin: 8

            Label {
                text: window.controller.statusText
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Label {
                text: qsTr("%n trace(s)", "", window.controller.traceCount)
            }
            Label {
                text: window.controller.spansPerSecondText
            }
        }
    }
}
