/*
 * Scripts that drive the real kiosk program through a journey, for
 * end-to-end tests and demos: taps on named widgets (kiosk_ui.h names) and
 * time passing on the program's virtual clock, so a run is deterministic.
 *
 *   # a comment; blank lines are ignored
 *   tap NAME           a finger down and up on the widget's centre
 *   wait MS            let MS milliseconds pass
 *   until SCREEN [MS]  let time pass until the journey shows SCREEN
 *                      (ks_screen_name), failing after MS (default 30000)
 *   await NAME [MS]    let time pass until a widget NAME is on the screen
 *   expect SCREEN      fail unless the journey shows SCREEN now
 *   present NAME       fail unless a widget NAME is on the screen
 *   absent NAME        fail if a widget NAME is on the screen
 *   terminal OUTCOME   the card terminal's answer to the next payment
 *                      (approve, decline, cancel), for simulated devices
 *   shot FILE          write the screen to FILE as PNG
 *   scan CODE          a code read by the self-checkout's scanner (as if scanned)
 *   says NAME TEXT [MS]  fail unless the label (or button) NAME shows TEXT, one
 *                      word ("says total 12.50"), in its text; with MS, let
 *                      time pass until it does, failing after MS
 *   hold               tell the service manager "STATUS=script holding"
 *                      (NOTIFY_SOCKET) and keep the screen as it is, on real
 *                      time, until the program is stopped (SIGTERM, SIGINT):
 *                      a bench reads the running program's memory there
 *
 * The text is outside input: at most KS_SCRIPT_MAX_BYTES bytes, lines of at
 * most KS_SCRIPT_LINE_MAX bytes, KS_SCRIPT_MAX_STEPS steps, arguments of at
 * most KS_SCRIPT_ARG_MAX bytes of printable ASCII, times 0..600000 ms.
 */
#ifndef KIOSK_SCREENS_SCRIPT_H
#define KIOSK_SCREENS_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>

#define KS_SCRIPT_MAX_BYTES (64 * 1024)
#define KS_SCRIPT_LINE_MAX 300
#define KS_SCRIPT_MAX_STEPS 1000
#define KS_SCRIPT_ARG_MAX 200
#define KS_SCRIPT_MS_MAX 600000
#define KS_SCRIPT_UNTIL_DEFAULT_MS 30000

enum ks_script_op {
    KS_SCRIPT_TAP,
    KS_SCRIPT_WAIT,
    KS_SCRIPT_UNTIL,
    KS_SCRIPT_AWAIT,
    KS_SCRIPT_EXPECT,
    KS_SCRIPT_PRESENT,
    KS_SCRIPT_ABSENT,
    KS_SCRIPT_TERMINAL,
    KS_SCRIPT_SHOT,
    KS_SCRIPT_SCAN,
    KS_SCRIPT_SAYS,
    KS_SCRIPT_HOLD,
};

typedef struct ks_script_step {
    enum ks_script_op op;
    char arg[KS_SCRIPT_ARG_MAX + 1];  /* widget, screen, file name or code; "" for wait */
    char text[KS_SCRIPT_ARG_MAX + 1]; /* says: the text looked for; else "" */
    int ms;                           /* wait, until, await, says */
    int line;                         /* 1-based line in the text, for messages */
} ks_script_step;

typedef struct ks_script {
    ks_script_step *steps; /* owned */
    size_t n;
} ks_script;

/*
 * Parses len bytes of text into *out (free it with ks_script_free). False,
 * with "line N: reason" in why[cap], on the first problem; *out is then
 * empty.
 */
bool ks_script_parse(const char *text, size_t len, ks_script *out, char *why, size_t cap);

/*
 * Reads the script file at path (at most KS_SCRIPT_MAX_BYTES; one byte
 * more is refused by the parse) and parses it as ks_script_parse does;
 * false with the reason ("cannot open PATH", "line N: ...") in why[cap].
 */
bool ks_script_load(const char *path, ks_script *out, char *why, size_t cap);

/* Frees the steps; accepts an empty script. */
void ks_script_free(ks_script *script);

#endif
