#ifndef PROFROST_CNCURSES_SHIM_H
#define PROFROST_CNCURSES_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/*
 * Static inline wrappers for what Swift cannot import from ncurses:
 * function-like macros, attribute constants built from NCURSES_BITS,
 * the stdscr/LINES/COLS globals, and a couple of multi-step helpers.
 * Only Sources/TUI/Terminal uses this module.
 */

/* MARK: - Globals and geometry */

static inline WINDOW *profrost_stdscr(void) { return stdscr; }
static inline int profrost_lines(void) { return LINES; }
static inline int profrost_cols(void) { return COLS; }
static inline int profrost_getmaxy(WINDOW *win) { return getmaxy(win); }
static inline int profrost_getmaxx(WINDOW *win) { return getmaxx(win); }
static inline int profrost_colors(void) { return COLORS; }

/* MARK: - Attributes and colours */

static inline attr_t profrost_a_normal(void) { return A_NORMAL; }
static inline attr_t profrost_a_bold(void) { return A_BOLD; }
static inline attr_t profrost_a_reverse(void) { return A_REVERSE; }
static inline attr_t profrost_a_underline(void) { return A_UNDERLINE; }
static inline attr_t profrost_a_dim(void) { return A_DIM; }
static inline int profrost_color_pair(int pair) { return (int)COLOR_PAIR(pair); }

/* MARK: - Keys */

static inline int profrost_key_code_yes(void) { return KEY_CODE_YES; }
static inline int profrost_key_f(int n) { return KEY_F(n); }

/* MARK: - Screen setup */

/* newterm instead of initscr: initscr exits the process on an unknown TERM,
 * newterm returns NULL so the caller can report the problem. */
static inline SCREEN *profrost_newterm(void) { return newterm(NULL, stdout, stdin); }

/* 1 when the current LC_CTYPE codeset is UTF-8. */
static inline int profrost_codeset_is_utf8(void) {
    const char *cs = nl_langinfo(CODESET);
    if (cs == NULL) { return 0; }
    return strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0;
}

/* MARK: - Drawing */

/* Makes one cell: `text` is a NUL-terminated spacing character followed by
 * at most CCHARW_MAX-1 combining characters. */
static inline int profrost_set_cell(cchar_t *cell, const wchar_t *text, attr_t attrs, short pair) {
    return setcchar(cell, text, attrs, pair, NULL);
}

/* Writes `n` characters (a wide one takes two columns, one entry) from (y, x).
 * add_wchnstr neither moves the cursor nor wraps, so the bottom-right cell
 * never scrolls the screen. */
static inline int profrost_put_cells(WINDOW *win, int y, int x, const cchar_t *cells, int n) {
    return mvwadd_wchnstr(win, y, x, cells, n);
}

static inline int profrost_ccharw_max(void) { return CCHARW_MAX; }

/* MARK: - Text width */

/* A UTF-8 LC_CTYPE locale usable with uselocale, independent of the process
 * locale (tests run without setlocale). (locale_t)0 when unavailable. */
static inline locale_t profrost_new_utf8_ctype_locale(void) {
    locale_t loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    if (loc == (locale_t)0) { loc = newlocale(LC_CTYPE_MASK, "C.utf8", (locale_t)0); }
    if (loc == (locale_t)0) { loc = newlocale(LC_CTYPE_MASK, "en_US.UTF-8", (locale_t)0); }
    return loc;
}

/* wcwidth evaluated in `loc` for the calling thread only. */
static inline int profrost_wcwidth_in(locale_t loc, wchar_t c) {
    locale_t old = uselocale(loc);
    int w = wcwidth(c);
    uselocale(old);
    return w;
}

/* MARK: - Signals */

/* Restores the terminal and exits with 128+signo. Kept minimal: endwin and
 * _exit only, as ncurses' own handlers do. */
static void profrost_fatal_signal(int signo) {
    endwin();
    _exit(128 + signo);
}

static inline void profrost_install_signal_handlers(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = profrost_fatal_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    /* A parent may have started us with these blocked (a test runner, some daemons): unblock them, or
     * the handlers never run and a dead terminal is spun on. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

/* Registered with atexit: a program that calls exit() while the screen is
 * up (ArgumentParser does) still gets its terminal back. */
static void profrost_endwin_at_exit(void) {
    if (stdscr != NULL && !isendwin()) { endwin(); }
}

static inline void profrost_install_atexit(void) { atexit(profrost_endwin_at_exit); }

static inline void profrost_restore_signal_handlers(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

/* MARK: - Terminal description (after everything else: term.h defines lower-case macros) */

#include <ncursesw/term.h>

/* 1 when the terminal named by TERM can move the cursor (has "cup"), 0 when it cannot (TERM=dumb),
 * -1 when there is no description of it at all. Loads the description and frees it again. */
static inline int profrost_term_can_address_cursor(void) {
    int err = 0;
    if (setupterm(NULL, STDOUT_FILENO, &err) != OK) { return -1; }
    char *cup = tigetstr("cup");
    int ok = cup != NULL && cup != (char *)-1;
    del_curterm(cur_term);
    return ok;
}

#endif
