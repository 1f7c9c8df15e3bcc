#!/usr/bin/env bash
# The house rules a compiler does not enforce, checked over the source tree:
#
#   check_tree.sh layers   ROOT  ui/ and devices/ never include kiosk/, devices/
#                                never includes ui/ or SDL, kiosk/domain does no
#                                I/O (no system headers for files, sockets, time
#                                or threads, no stdio streams, no environment)
#   check_tree.sh banned   ROOT  no sprintf, strcpy, strcat, strtok, gets, atoi...
#                                anywhere in C sources, tests included
#   check_tree.sh format   ROOT  every C file as clang-format (the Debian 12
#                                version) lays it out with ROOT/.clang-format;
#                                hand-laid tables sit between clang-format off/on
#   check_tree.sh selftest       each check above fails on a tree that breaks it
#
# Comments are blanked before the patterns are matched, so prose may name what
# code may not call. Prints every
# violation as FILE:LINE: text and exits 1 when there is one.
set -uo pipefail

# Calls never allowed: unbounded writes, hidden state, or no error reporting.
readonly BANNED='sprintf|vsprintf|strcpy|strncpy|strcat|strncat|strtok|gets|atoi|atol|atoll|atof|tmpnam|mktemp'
# What the pure domain layer may not include or call.
readonly DOMAIN_HEADERS='unistd|fcntl|sys/[a-z_]+|pthread|time|dirent|sqlite3|curl/curl|SDL2?/[A-Za-z_]+|microhttpd'
readonly DOMAIN_CALLS='fopen|fdopen|fclose|fread|fwrite|fgets|fputs|fprintf|printf|puts|getenv|open|read|write|socket|time|clock_gettime|system|popen'

# The C sources under ROOT/dirs..., one per line.
sources() {
    local root=$1
    shift
    for d in "$@"; do
        [ -d "$root/$d" ] && find "$root/$d" -type f \( -name '*.c' -o -name '*.h' \)
    done | sort
}

# Prints FILE:LINE: text for each line of the files matching the Perl regex,
# comments blanked first (line numbers kept; string literals stay, and a "//"
# inside one ends the line early, which only hides code from the checks).
# Returns 1 when nothing matched.
grep_code() {
    perl -e '
        my $pattern = shift;
        my $found = 0;
        for my $file (@ARGV) {
            open(my $in, "<", $file) or die "check_tree: cannot read $file\n";
            local $/;
            my $code = <$in>;
            $code =~ s{/\*.*?\*/}{ my $c = $&; $c =~ tr/\n//cd; $c }gse;
            $code =~ s{//[^\n]*}{}g;
            my $n = 0;
            for my $line (split /\n/, $code, -1) {
                $n++;
                if ($line =~ /$pattern/) { print "$file:$n: $line\n"; $found = 1; }
            }
        }
        exit($found ? 0 : 1);
    ' "$@"
}

check_layers() {
    local root=$1 bad=0
    mapfile -t lower < <(sources "$root" ui devices)
    mapfile -t devices < <(sources "$root" devices)
    mapfile -t domain < <(sources "$root" kiosk/domain)
    if [ ${#lower[@]} -gt 0 ] && grep_code '#[[:space:]]*include[[:space:]]*"kiosk/' "${lower[@]}"; then
        echo "layers: ui/ and devices/ must not include kiosk/" >&2
        bad=1
    fi
    if [ ${#devices[@]} -gt 0 ] &&
        grep_code '#[[:space:]]*include[[:space:]]*["<](ui/|SDL)' "${devices[@]}"; then
        echo "layers: devices/ must not include ui/ or SDL" >&2
        bad=1
    fi
    if [ ${#domain[@]} -gt 0 ] &&
        grep_code "#[[:space:]]*include[[:space:]]*<($DOMAIN_HEADERS)\.h>|(^|[^A-Za-z0-9_.>])($DOMAIN_CALLS)[[:space:]]*\(" \
            "${domain[@]}"; then
        echo "layers: kiosk/domain must do no I/O (files, sockets, clock, environment)" >&2
        bad=1
    fi
    return $bad
}

check_banned() {
    local root=$1
    mapfile -t all < <(sources "$root" kiosk ui devices tests)
    if [ ${#all[@]} -gt 0 ] && grep_code "(^|[^A-Za-z0-9_.>])($BANNED)[[:space:]]*\(" "${all[@]}"; then
        echo "banned: use snprintf, strtol/strtoul with an end pointer, strsep, a bounded copy" >&2
        return 1
    fi
    return 0
}

check_format() {
    local root=$1
    command -v clang-format >/dev/null || { echo "format: clang-format is not installed" >&2; return 1; }
    mapfile -t all < <(sources "$root" kiosk ui devices tests)
    [ ${#all[@]} -eq 0 ] && return 0
    if ! clang-format --style=file --dry-run --Werror "${all[@]}"; then
        echo "format: run clang-format -i on the files above" >&2
        return 1
    fi
    return 0
}

# Each check must pass on a clean tree and fail on one breaking it.
selftest() {
    local tmp status=0
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' RETURN
    mkdir -p "$tmp/ui" "$tmp/devices" "$tmp/kiosk/domain" "$tmp/tests"
    cp "$(dirname "${BASH_SOURCE[0]}")/../../.clang-format" "$tmp/"
    printf '/* sprintf( and fopen( in prose are fine */\n#include <string.h>\nint f(void);\n' \
        >"$tmp/kiosk/domain/clean.c"
    printf '#include "ui/w.h" // gets( in a comment\nint g(void)\n{\n    return snprintf(0, 0, "%%d", 1);\n}\n' \
        >"$tmp/ui/clean.c"
    check_layers "$tmp" >/dev/null 2>&1 || { echo "selftest: clean tree refused (layers)"; status=1; }
    check_banned "$tmp" >/dev/null 2>&1 || { echo "selftest: clean tree refused (banned)"; status=1; }
    check_format "$tmp" >/dev/null 2>&1 || { echo "selftest: clean tree refused (format)"; status=1; }
    local -a breaks=(
        'ui/x.c|#include "kiosk/app/config.h"|layers'
        'devices/x.c|#include <SDL2/SDL.h>|layers'
        'devices/y.c|#include "ui/tree.h"|layers'
        'kiosk/domain/x.c|#include <unistd.h>|layers'
        'kiosk/domain/y.c|void f(void) { FILE *f = fopen("a", "r"); }|layers'
        'kiosk/domain/z.c|long f(void) { return time(0); }|layers'
        'tests/x.c|void f(char *a) { strcpy(a, "b"); }|banned'
        'ui/z.c|int f(const char *a) { return atoi(a); }|banned'
        'kiosk/x.h|static void f(char *a) { sprintf(a, "%d", 1); }|banned'
        'devices/z.c|int  f(void){return 1;}|format'
    )
    for b in "${breaks[@]}"; do
        IFS='|' read -r file text check <<<"$b"
        printf '%s\n' "$text" >"$tmp/$file"
        if "check_$check" "$tmp" >/dev/null 2>&1; then
            echo "selftest: $check passed a tree with $file: $text"
            status=1
        fi
        rm -f "$tmp/$file"
    done
    [ $status -eq 0 ] && echo "selftest: every check refuses what it must (${#breaks[@]} cases)"
    return $status
}

case "${1:-}" in
layers) check_layers "${2:?root}" && echo "layers: ok" ;;
banned) check_banned "${2:?root}" && echo "banned: ok" ;;
format) check_format "${2:?root}" && echo "format: ok" ;;
selftest) selftest ;;
*)
    echo "usage: check_tree.sh layers|banned|format ROOT | selftest" >&2
    exit 2
    ;;
esac
