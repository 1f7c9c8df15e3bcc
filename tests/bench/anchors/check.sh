#!/usr/bin/env bash
# The anchors' smoke check (ctest bench.anchors): the page and the scene load their data
# without errors, headless. The Chromium page, in each language, must show one rail
# button per category of menu-data.js and one card per item of the first category,
# every file it names must exist; the Qt Quick scene (only where Qt 6's qml runner
# is installed: it is the comparison's tool, not the suite's) must load with no warning.
# Never timed.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tmp=${KIOSK_TEST_TMPDIR:-/tmp}/anchors-check
rm -rf "$tmp"
bash "$here/prepare.sh" "$tmp/page"
fail() { echo "bench.anchors: $*" >&2; exit 1; }

for lang in en ar; do
    dom=$(timeout 120 chromium --headless=new --no-sandbox --no-first-run --disable-gpu \
          --user-data-dir="$tmp/chromium" --window-size=1080,1920 --dump-dom \
          "file://$tmp/page/menu.html?lang=$lang" 2>/dev/null) || fail "chromium failed ($lang)"
    want=$(node -e '
        const vm = require("vm"), fs = require("fs"), c = {};
        vm.runInNewContext(fs.readFileSync(process.argv[1], "utf8"), c);
        const s = c.MENU[process.argv[2]];
        console.log(s.categories.length, s.categories[0].items.length);' \
        "$tmp/page/menu-data.js" "$lang")
    got="$(grep -o 'class="category[" ]' <<<"$dom" | wc -l) $(grep -o 'class="card"' <<<"$dom" | wc -l)"
    [ "$got" = "$want" ] || fail "$lang: categories and cards shown $got, in the data $want"
    grep -q "<html lang=\"$lang\"" <<<"$dom" || fail "$lang: the page did not take its language"
    for picture in $(grep -o ' src="[^"]*"' <<<"$dom" | sed 's/^ src="//; s/"$//'); do
        [ -f "$tmp/page/$picture" ] || fail "$lang: missing file $picture"
    done
    echo "chromium $lang: $got categories and cards, pictures present"
done

qml=/usr/lib/qt6/bin/qml
if [ ! -x "$qml" ]; then
    echo "qt: not checked, $qml is not installed (tests/bench/compare-kiosks.sh installs it)"
    exit 0
fi
cp "$here/check.qml" "$tmp/page/"
for lang in en ar; do
    mkdir -p "$tmp/runtime" && chmod 700 "$tmp/runtime"
    QT_QPA_PLATFORM=offscreen QT_QUICK_BACKEND=software XDG_RUNTIME_DIR="$tmp/runtime" \
        timeout 120 "$qml" "$tmp/page/check.qml" -- "--lang=$lang" 2>"$tmp/qml-$lang.err" ||
        fail "qt $lang: $(cat "$tmp/qml-$lang.err")"
    [ ! -s "$tmp/qml-$lang.err" ] || fail "qt $lang: warnings: $(cat "$tmp/qml-$lang.err")"
    echo "qt $lang: loaded without a warning"
done
