/* The kiosk's theme colours (assets/theme/default.ini), one object for the scene's files. */
pragma Singleton
import QtQuick

QtObject {
    readonly property color background: "#F4F1EC"
    readonly property color surface: "#FFFFFF"
    readonly property color text: "#1D1B18"
    readonly property color textMuted: "#5F5A52"
    readonly property color primary: "#0B6E4F"
    readonly property color textOnPrimary: "#FFFFFF"
    readonly property color secondary: "#E6E0D6"
    readonly property color accent: "#F5B700"
    readonly property color textOnAccent: "#1D1B18"
    readonly property color disabled: "#E4E0D9"
    readonly property color textOnDisabled: "#8E887E"
    readonly property color danger: "#B3261E"
    readonly property color scrim: "#99000000"
    readonly property color surfaceSoldOut: Qt.tint(surface, "#331D1B18")
}
