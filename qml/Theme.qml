// The console's palette, spacing and type scale: one object that every page binds to, so that
// the dark theme only changes the values here. Main.qml binds `dark` to the console's theme
// setting and hands the Qt Quick Controls the `control*` colours as their palette.
pragma Singleton
import QtQuick

QtObject {
    property bool dark: false

    // Palette
    readonly property color window: dark ? "#1b1d21" : "#f4f5f7"
    readonly property color surface: dark ? "#24272c" : "#ffffff"
    readonly property color surfaceAlt: dark ? "#2b2e34" : "#f7f8fa"
    readonly property color border: dark ? "#3a3e45" : "#dfe2e6"
    readonly property color text: dark ? "#e6e8eb" : "#1f2328"
    readonly property color textMuted: dark ? "#9aa1a9" : "#636c76"
    readonly property color accent: "#1f6fd1"
    readonly property color selection: dark ? "#26446b" : "#dceafc"
    // Lighter on the dark surface, where #d62728 reads poorly as text.
    readonly property color error: dark ? "#f0605f" : "#d62728"
    readonly property color accentText: "#ffffff"
    // A span's change between two compared traces: slower in the error red, faster in a green
    // that keeps its contrast on either surface.
    readonly property color slower: error
    readonly property color faster: dark ? "#4fc89a" : "#17885c"
    // The Controls' palette beyond the colours above (buttons, bevels, tool tips, links).
    readonly property color controlButton: dark ? "#30343a" : "#f0f1f3"
    readonly property color controlLight: dark ? "#40454d" : "#ffffff"
    readonly property color controlMidlight: dark ? "#353940" : "#e9ebee"
    readonly property color controlDark: dark ? "#15171a" : "#a2a8af"
    readonly property color controlShadow: dark ? "#000000" : "#6e747b"
    readonly property color link: dark ? "#6ea8f0" : "#1f6fd1"
    readonly property color sidebar: dark ? "#121418" : "#252a31"
    readonly property color sidebarText: "#aeb4bc"
    readonly property color sidebarActiveText: "#ffffff"
    readonly property color sidebarActive: "#343b45"
    readonly property color edge: dark ? "#7d848d" : "#9aa1a9"
    readonly property color externalNode: dark ? "#6b7078" : "#8d939b"
    // By severity level: low, medium, high, critical.
    readonly property var severity: ["#8d939b", "#d9a400", "#ee7a00", "#d62728"]
    // Chart lines: one hue per figure, lighter on the dark surface so they keep their contrast.
    readonly property color chartAvg: dark ? "#6ea8f0" : "#1f6fd1"
    readonly property color chartP95: dark ? "#f0a24e" : "#e07000"
    readonly property color chartP99: dark ? "#d98ad6" : "#9c3d99"
    readonly property color chartErrors: dark ? "#f06a6b" : "#d62728"
    readonly property color chartThroughput: dark ? "#4fc89a" : "#17885c"

    // Spacing, on a 4 px grid
    readonly property int spacingXs: 4
    readonly property int spacingS: 8
    readonly property int spacingM: 12
    readonly property int spacingL: 16
    readonly property int spacingXl: 24
    readonly property int radius: 4

    // Type scale (pixel sizes)
    readonly property int fontCaption: 11
    readonly property int fontBody: 13
    readonly property int fontSubtitle: 15
    readonly property int fontTitle: 20
    readonly property int fontDisplay: 28
    readonly property string monoFamily: "monospace"
    readonly property string bodyFamily: Qt.application.font.family

    readonly property int sidebarWidth: 80
    readonly property int rowHeight: 30
}
