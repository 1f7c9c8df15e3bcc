#!/usr/bin/env bash
# Issue #16's comparison, on your machine: this tree's kiosk against the same menu screen
# as a Qt Quick scene and as a Chromium page (tests/bench/anchors/), each timed from
# outside by bench_first_frame: a fresh Xvfb 1080 x 1920 per run, no window manager,
# one program at a time; a frame counts when its pixels reach the X server.
#   bash tests/bench/compare-kiosks.sh [--runs N] [--lang en|ar] [--build DIR]
# Installs what it needs with apt (only the missing packages), builds the Release tree
# into build/release if bench_first_frame or the kiosk is missing, and prints one
# table: each figure's median and p99 per program, and the ratios of the medians.
# Slow (about 3 x (N + 1) program starts); not part of the test suite.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
runs=7 lang=en build=$root/build/release
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs=$2; shift 2 ;;
        --lang) lang=$2; shift 2 ;;
        --build) build=$2; shift 2 ;;
        *) echo "usage: compare-kiosks.sh [--runs N] [--lang en|ar] [--build DIR]" >&2; exit 2 ;;
    esac
done

# The anchors' own needs, which are no role of image/packages.list (the suite does not
# need Qt): Qt 6's qml runner with the Qt Quick modules and the SVG image plugin, and
# Chromium, Xvfb and Python for the page, the X server and the page's data.
bash "$root/image/install-packages.sh" build run
bash "$root/image/install-packages.sh" --packages xvfb chromium python3 qml-qt6 \
    qml6-module-qtquick qml6-module-qtquick-window qml6-module-qtqml-workerscript libqt6svg6
qml=/usr/lib/qt6/bin/qml

bench=$build/tests/bench_first_frame
if [ ! -x "$bench" ] || [ ! -x "$build/kiosk/programs/kiosk" ]; then
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$build" -j "$(nproc)" --target bench_first_frame kiosk
fi

work=$(mktemp -d /tmp/compare-kiosks.XXXXXX)
trap 'rm -rf "$work"' EXIT
bash "$root/tests/bench/anchors/prepare.sh" "$work/anchors"

# The three programs, as each would run full screen on a kiosk (root needs Chromium's
# --no-sandbox). Qt Quick draws with its software backend on xcb (no GPU under Xvfb);
# Chromium picks its own software path. The kiosk is bench_first_frame's default:
# this tree's kiosk as bench_startup starts it.
# Taps, once bench_first_frame takes --tap X,Y (sent after the first screen settled):
# the kiosk's start, language and "eat here" buttons bring it to the menu, then the same
# category pictures in all three (the anchors' tiles are where the kiosk's are, within
# a few pixels): Burgers, Chicken, Wraps, Meals. Read from the kiosk's screens at
# 1080 x 1920 (kiosk --script ... shot); the categories before Breakfast, which comes
# and goes with the time of day.
declare -A lead_in=([en]="540,1718 540,1285 283,1015" [ar]="540,1718 540,607 797,1015")
declare -A categories=([en]="118,367 118,526 118,685 118,208" [ar]="962,384 962,560 962,736 962,208")
tap_options() {
    local name=$1 taps=${categories[$lang]} tap usage
    usage=$("$bench" --help 2>&1 || true)
    [[ "$usage" == *"--tap"* ]] || return 0
    [ "$name" = kiosk ] && taps="${lead_in[$lang]} $taps"
    for tap in $taps; do printf -- '--tap\n%s\n' "$tap"; done
}

names=(kiosk qt chromium)
declare -A title=([kiosk]="kiosk" [qt]="Qt Quick" [chromium]="Chromium")
run_program() {
    local name=$1; shift
    case "$name" in
        kiosk) KIOSK_BUILD_DIR=$build KIOSK_SOURCE_DIR=$root KIOSK_TEST_TMPDIR=$work \
                   "$bench" "$@" ;;
        qt) QT_QUICK_BACKEND=software QT_QPA_PLATFORM=xcb XDG_RUNTIME_DIR=$work \
                "$bench" "$@" -- "$qml" "$work/anchors/Menu.qml" -- "--lang=$lang" ;;
        chromium) "$bench" "$@" -- chromium --kiosk --no-sandbox --no-first-run \
                      --noerrdialogs --user-data-dir="$work/chromium" \
                      --window-position=0,0 --window-size=1080,1920 \
                      "file://$work/anchors/menu.html?lang=$lang" ;;
    esac
}

# The figures: a label, the key of bench_first_frame's "summary" line, and the start of
# its human-readable line for a bench_first_frame that prints no summary line.
figures=(
    "first frame (ms)|first_paint_ms|exec to first frame"
    "visually complete (ms)|complete_ms|"
    "tap to response (ms)|tap_response_ms|"
    "tap to visually complete (ms)|tap_complete_ms|"
    "RSS at the first frame (MiB)|rss_first_mib|RSS of the process tree at the first frame"
    "PSS at the first frame (MiB)|pss_first_mib|PSS of the process tree at the first frame"
    "RSS settled (MiB)|rss_settled_mib|RSS of the process tree 2000 ms later"
    "PSS settled (MiB)|pss_settled_mib|PSS of the process tree 2000 ms later"
    "RSS after the taps (MiB)|rss_taps_mib|"
    "PSS after the taps (MiB)|pss_taps_mib|"
)

# "MEDIAN P99" of one figure in a bench_first_frame output file, or "na na" (a figure this
# bench_first_frame does not give). The keys after "first frame" and the "after the taps"
# ones come with the summary line only; a row whose figures are all "na" is left out.
figure_of() {
    local out=$1 key=$2 line=$3
    awk -v key="$key" -v line="$line" '
        /^summary / {
            for (i = 2; i <= NF; i++) {
                split($i, kv, "=")
                if (kv[1] == key "_median") m = kv[2]
                if (kv[1] == key "_p99") p = kv[2]
            }
            summary = 1
        }
        !summary && line != "" && index($0, line ": median ") == 1 {
            sub(/.*: median /, ""); m = $1; sub(/.*, p99 /, ""); p = $1
        }
        END {
            if (m == "" || m == "na") print "na", "na"
            else printf "%.1f %.1f\n", m, p
        }' "$out"
}

# A screen counts as settled after 2 s without a change, not bench_first_frame's default
# 500 ms: Chromium shows its empty window first and its page can come more than 500 ms
# later under load, which would settle on the empty window (performance.md, "Visually
# complete and taps, from outside"). The same for all three, so the rows compare.
quiet=2000

# One unmeasured start of each first: the kiosk's database, Chromium's profile and Qt's
# QML cache are made once, as on an installed kiosk; then the measured runs.
for name in "${names[@]}"; do
    echo "compare-kiosks: ${title[$name]}, $runs runs ($(uptime | sed 's/.*load/load/'))" >&2
    run_program "$name" --runs 1 >/dev/null
    mapfile -t taps < <(tap_options "$name")
    run_program "$name" --runs "$runs" --quiet "$quiet" "${taps[@]}" | tee "$work/$name.out" >&2
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "na" || b == "na" || b == 0) print "na"; else printf "%.2f", a / b }'; }
printf '\n%s, --runs %s, Xvfb 1080x1920, lang %s, %s\n' "$(date -u +%F)" "$runs" "$lang" \
    "$(uptime | sed 's/.*load/load/')"
printf '| figure (median / p99) | %s | %s | %s | kiosk/Qt | kiosk/Chromium |\n|---|---|---|---|---|---|\n' \
    "${title[kiosk]}" "${title[qt]}" "${title[chromium]}"
for f in "${figures[@]}"; do
    IFS='|' read -r label key line <<<"$f"
    declare -A med=() p99=()
    for name in "${names[@]}"; do
        read -r med[$name] p99[$name] < <(figure_of "$work/$name.out" "$key" "$line")
    done
    [ "${med[kiosk]}${med[qt]}${med[chromium]}" = nanana ] && continue
    printf '| %s | %s / %s | %s / %s | %s / %s | %s | %s |\n' "$label" \
        "${med[kiosk]}" "${p99[kiosk]}" "${med[qt]}" "${p99[qt]}" \
        "${med[chromium]}" "${p99[chromium]}" \
        "$(ratio "${med[kiosk]}" "${med[qt]}")" "$(ratio "${med[kiosk]}" "${med[chromium]}")"
done
