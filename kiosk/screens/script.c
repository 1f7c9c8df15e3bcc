/* Script parsing (see kiosk/screens/script.h). */
#include "kiosk/screens/script.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/common/bounded_file.h"

static const struct {
    const char *word;
    enum ks_script_op op;
    bool needs_arg, takes_ms, takes_text;
} ops[] = {
    {"tap", KS_SCRIPT_TAP, true, false, false},
    {"wait", KS_SCRIPT_WAIT, false, true, false},
    {"until", KS_SCRIPT_UNTIL, true, true, false},
    {"await", KS_SCRIPT_AWAIT, true, true, false},
    {"expect", KS_SCRIPT_EXPECT, true, false, false},
    {"present", KS_SCRIPT_PRESENT, true, false, false},
    {"absent", KS_SCRIPT_ABSENT, true, false, false},
    {"terminal", KS_SCRIPT_TERMINAL, true, false, false},
    {"shot", KS_SCRIPT_SHOT, true, false, false},
    {"scan", KS_SCRIPT_SCAN, true, false, false},
    {"says", KS_SCRIPT_SAYS, true, true, true},
    {"hold", KS_SCRIPT_HOLD, false, false, false},
};

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* The next word of [*p, end) into out (cap bytes); false when it is too long or not printable. */
static bool next_word(const char **p, const char *end, char *out, size_t cap)
{
    while (*p < end && is_space(**p))
        (*p)++;
    size_t n = 0;
    while (*p < end && !is_space(**p)) {
        unsigned char c = (unsigned char)**p;
        if (c < 0x21 || c > 0x7E || n + 1 >= cap)
            return false;
        out[n++] = (char)c;
        (*p)++;
    }
    out[n] = '\0';
    return true;
}

static bool parse_ms(const char *word, int *out)
{
    if (!word[0])
        return false;
    char *endp;
    errno = 0;
    long v = strtol(word, &endp, 10);
    if (errno || *endp || v < 0 || v > KS_SCRIPT_MS_MAX)
        return false;
    *out = (int)v;
    return true;
}

/* One line (without its newline) into step; false with the reason in why. */
static bool parse_line(const char *p, const char *end, ks_script_step *step, bool *empty,
                       const char **why)
{
    char word[KS_SCRIPT_ARG_MAX + 1], arg[KS_SCRIPT_ARG_MAX + 1], ms[KS_SCRIPT_ARG_MAX + 1],
        text[KS_SCRIPT_ARG_MAX + 1], extra[KS_SCRIPT_ARG_MAX + 1];
    *empty = false;
    if (!next_word(&p, end, word, sizeof word)) {
        *why = "a word is too long or not printable ASCII";
        return false;
    }
    if (!word[0] || word[0] == '#') {
        *empty = true;
        return true;
    }
    size_t i = 0, n = sizeof ops / sizeof ops[0];
    while (i < n && strcmp(ops[i].word, word) != 0)
        i++;
    if (i == n) {
        *why = "unknown command (tap, wait, until, await, expect, present, absent, terminal, "
               "shot, scan, says, hold)";
        return false;
    }
    bool ok = true;
    arg[0] = ms[0] = text[0] = extra[0] = '\0';
    if (ops[i].needs_arg)
        ok = next_word(&p, end, arg, sizeof arg);
    if (ok && ops[i].takes_text)
        ok = next_word(&p, end, text, sizeof text);
    if (ok && ops[i].takes_ms)
        ok = next_word(&p, end, ms, sizeof ms);
    if (ok)
        ok = next_word(&p, end, extra, sizeof extra);
    if (!ok) {
        *why = "an argument is too long or not printable ASCII";
        return false;
    }
    if (extra[0] || (ops[i].needs_arg && !arg[0]) || (ops[i].takes_text && !text[0])) {
        *why = ops[i].takes_text  ? "expected a name and one word"
               : ops[i].needs_arg ? "expected one name"
               : ops[i].takes_ms  ? "expected a time in ms"
                                  : "expected nothing after the command";
        return false;
    }
    *step = (ks_script_step){.op = ops[i].op};
    memcpy(step->arg, arg, sizeof step->arg);
    memcpy(step->text, text, sizeof step->text);
    if ((ops[i].op == KS_SCRIPT_UNTIL || ops[i].op == KS_SCRIPT_AWAIT) && !ms[0]) {
        step->ms = KS_SCRIPT_UNTIL_DEFAULT_MS;
    } else if (ops[i].op == KS_SCRIPT_SAYS && !ms[0]) {
        step->ms = 0; /* says at once */
    } else if (ops[i].takes_ms && !parse_ms(ms, &step->ms)) {
        *why = "expected milliseconds from 0 to 600000";
        return false;
    }
    return true;
}

bool ks_script_parse(const char *text, size_t len, ks_script *out, char *why, size_t cap)
{
    *out = (ks_script){0};
    if (!text || len > KS_SCRIPT_MAX_BYTES) {
        snprintf(why, cap, "the script is over %d bytes", KS_SCRIPT_MAX_BYTES);
        return false;
    }
    if (memchr(text, '\0', len)) {
        snprintf(why, cap, "the script holds a NUL byte");
        return false;
    }
    const char *p = text, *end = text + len;
    for (int line = 1; p < end; line++) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *stop = eol ? eol : end;
        const char *reason = NULL;
        ks_script_step step;
        bool empty;
        if ((size_t)(stop - p) > KS_SCRIPT_LINE_MAX)
            reason = "the line is too long";
        else if (!parse_line(p, stop, &step, &empty, &reason))
            reason = reason ? reason : "cannot read the line";
        else if (!empty && out->n == KS_SCRIPT_MAX_STEPS)
            reason = "too many steps";
        if (reason) {
            snprintf(why, cap, "line %d: %s", line, reason);
            ks_script_free(out);
            return false;
        }
        if (!empty) {
            ks_script_step *grown = realloc(out->steps, (out->n + 1) * sizeof *grown);
            if (!grown) {
                snprintf(why, cap, "out of memory");
                ks_script_free(out);
                return false;
            }
            out->steps = grown;
            step.line = line;
            out->steps[out->n++] = step;
        }
        p = eol ? eol + 1 : end;
    }
    return true;
}

void ks_script_free(ks_script *script)
{
    free(script->steps);
    *script = (ks_script){0};
}

bool ks_script_load(const char *path, ks_script *out, char *why, size_t cap)
{
    *out = (ks_script){0};
    size_t len = 0;
    char *text = ks_bounded_file_read(path, KS_SCRIPT_MAX_BYTES, &len, why, cap);
    bool ok = text && ks_script_parse(text, len, out, why, cap);
    free(text);
    return ok;
}
