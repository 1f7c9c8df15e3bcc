/*
 * Issue #16's Qt Quick anchor: the kiosk's menu screen (kiosk/screens/menu.c) written
 * as a Qt developer would, 1080 x 1920, from the same demo menu, pictures and fonts:
 * the header, the category rail, the chosen category's item cards (ItemCard.qml) and
 * the order bar. menu-data.js is made at run time by menu_data.py beside this file.
 * Run: qml Menu.qml -- --lang=ar for Arabic (mirrored layout, shaped by Qt).
 */
import QtQuick
import QtQuick.Window
import "menu-data.js" as Data

Window {
    id: window
    x: 0
    y: 0
    width: 1080
    height: 1920
    visible: true
    color: Theme.background
    title: "Menu"

    readonly property bool arabic: Qt.application.arguments.indexOf("--lang=ar") >= 0
    readonly property var screen: arabic ? Data.MENU.ar : Data.MENU.en
    readonly property string face: arabic ? arabicRegular.name : latinRegular.name
    property int chosen: 0

    FontLoader { id: latinRegular; source: "fonts/NotoSans-Regular.ttf" }
    FontLoader { source: "fonts/NotoSans-Bold.ttf" }
    FontLoader { id: arabicRegular; source: "fonts/NotoSansArabic-Regular.ttf" }
    FontLoader { source: "fonts/NotoSansArabic-Bold.ttf" }
    FontLoader { id: riyal; source: "fonts/SaudiRiyal-Bold.otf" }

    Item {
        anchors.fill: parent
        LayoutMirroring.enabled: window.arabic
        LayoutMirroring.childrenInherit: true

        Row {
            id: header
            anchors { left: parent.left; right: parent.right; top: parent.top }
            anchors { leftMargin: 24; rightMargin: 24; topMargin: 20 }
            height: 104
            spacing: 16

            GhostButton { id: back; icon: "icon-back.svg"; mirrorIcon: window.arabic; text: window.screen.texts.back; face: window.face }
            Text {
                width: header.width - back.width - cancel.width - 2 * header.spacing
                anchors.verticalCenter: parent.verticalCenter
                text: window.screen.texts.store
                font { family: window.face; pixelSize: 40; bold: true }
                color: Theme.primary
                elide: Text.ElideRight
                horizontalAlignment: Text.AlignLeft
            }
            GhostButton { id: cancel; icon: "icon-close.svg"; text: window.screen.texts.cancel; face: window.face }
        }

        Rectangle {
            id: rail
            anchors { left: parent.left; top: header.bottom; topMargin: 12; bottom: orderBar.top }
            width: 236
            color: Theme.surface

            ListView {
                anchors.fill: parent
                topMargin: 16
                bottomMargin: 16
                spacing: 8
                clip: true
                model: window.screen.categories
                delegate: CategoryButton {
                    x: 12
                    width: 212
                    name: modelData.name
                    picture: modelData.image
                    face: window.face
                    chosen: index === window.chosen
                    onClicked: window.chosen = index
                }
            }
        }

        Item {
            anchors { left: rail.right; right: parent.right; top: rail.top; bottom: orderBar.top }

            Text {
                id: title
                anchors { left: parent.left; right: parent.right; leftMargin: 28; rightMargin: 28 }
                topPadding: 16
                bottomPadding: 8
                text: window.screen.categories[window.chosen].name
                font { family: window.face; pixelSize: 40; bold: true }
                color: Theme.text
                horizontalAlignment: Text.AlignLeft
            }

            Flickable {
                id: items
                anchors { left: parent.left; right: parent.right; top: title.bottom; bottom: parent.bottom }
                contentHeight: grid.height + 52
                clip: true

                Grid {
                    id: grid
                    x: 28
                    y: 12
                    width: items.width - 56
                    columns: 2
                    spacing: 24
                    Repeater {
                        model: window.screen.categories[window.chosen].items
                        delegate: ItemCard {
                            width: (grid.width - grid.spacing) / 2
                            item: modelData
                            currency: window.screen.texts.currency
                            face: window.face
                            currencyFace: window.arabic ? riyal.name : window.face
                            soldOutText: window.screen.texts.soldOut
                        }
                    }
                }
            }
        }

        Rectangle {
            id: orderBar
            anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
            height: 152
            color: Theme.surface

            Rectangle {
                id: reach
                anchors { left: parent.left; leftMargin: 24; verticalCenter: parent.verticalCenter }
                width: 104
                height: 104
                radius: 22
                color: Theme.secondary
                Image { anchors.centerIn: parent; source: "icon-reach.svg"; sourceSize: Qt.size(56, 56) }
            }
            Text {
                anchors { left: reach.right; leftMargin: 20; verticalCenter: parent.verticalCenter }
                text: window.screen.texts.empty
                font { family: window.face; pixelSize: 26 }
                color: Theme.textMuted
            }
            Rectangle {
                anchors { right: parent.right; rightMargin: 40; verticalCenter: parent.verticalCenter }
                width: 380
                height: 96
                radius: 22
                color: Theme.disabled
                Text {
                    anchors.centerIn: parent
                    text: window.screen.texts.view
                    font { family: window.face; pixelSize: 30; bold: true }
                    color: Theme.textOnDisabled
                }
            }
        }
    }
}
