/* A small pill over a picture: an offer, "New", "Spicy" or "Sold out". */
import QtQuick

Rectangle {
    id: badge
    property alias text: label.text
    property string kind: "accent" /* danger, accent or primary */
    property string face

    width: label.width + 24
    height: label.height + 4
    radius: height / 2
    color: kind === "danger" ? Theme.danger : kind === "accent" ? Theme.accent : Theme.primary
    Text {
        id: label
        anchors.centerIn: parent
        font { family: badge.face; pixelSize: 20; bold: true }
        color: badge.kind === "accent" ? Theme.textOnAccent : Theme.textOnPrimary
    }
}
