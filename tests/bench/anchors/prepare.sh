#!/usr/bin/env bash
# Makes the anchors' folder: the pages and the scene of this folder, menu-data.js made
# from the demo menu by menu_data.py (for the time of day now, as the kiosk lists
# items), and links to the kiosk's own pictures and fonts under assets/.
#   prepare.sh DIR [MENU]     MENU: a kiosk-menu/1 file (default assets/menus/restaurant.json)
# Open DIR/menu.html?lang=en|ar in a browser, or run qml DIR/Menu.qml -- --lang=en|ar.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
dir=${1:?usage: prepare.sh DIR [MENU]}
menu=${2:-$root/assets/menus/restaurant.json}
mkdir -p "$dir"
cp "$here"/menu.html "$here"/menu.css "$here"/menu.js "$here"/*.qml "$here"/qmldir \
   "$here"/icon-*.svg "$dir"/
ln -sfn "$root/assets/pictures" "$dir/pictures"
ln -sfn "$root/assets/fonts" "$dir/fonts"
python3 "$here/menu_data.py" --menu "$menu" --out "$dir/menu-data.js"
