#ifndef KATALOG_CNCURSES_H
#define KATALOG_CNCURSES_H

// The wide-character API (cchar_t, get_wch, mvaddwstr) needs this before <curses.h>.
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <wchar.h>
#include <curses.h>

// Swift cannot import function-like macros: these wrap the ones katalog uses.
static inline attr_t katalog_A_NORMAL(void) { return A_NORMAL; }
static inline attr_t katalog_A_BOLD(void) { return A_BOLD; }
static inline attr_t katalog_A_DIM(void) { return A_DIM; }
static inline attr_t katalog_A_REVERSE(void) { return A_REVERSE; }
static inline attr_t katalog_A_UNDERLINE(void) { return A_UNDERLINE; }
static inline attr_t katalog_A_ITALIC(void) { return A_ITALIC; }
static inline int katalog_COLOR_PAIR(int n) { return COLOR_PAIR(n); }
static inline int katalog_KEY_F(int n) { return KEY_F(n); }
static inline chtype katalog_ACS_HLINE(void) { return ACS_HLINE; }
static inline chtype katalog_ACS_VLINE(void) { return ACS_VLINE; }
static inline int katalog_getmaxy(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)x; return y; }
static inline int katalog_getmaxx(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)y; return x; }
static inline mmask_t katalog_BUTTON1_PRESSED(void) { return BUTTON1_PRESSED | BUTTON1_CLICKED; }
static inline mmask_t katalog_BUTTON4_PRESSED(void) { return BUTTON4_PRESSED; }
static inline mmask_t katalog_BUTTON5_PRESSED(void) { return BUTTON5_PRESSED; }
static inline mmask_t katalog_MOUSE_MASK(void) { return BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED; }
static inline WINDOW *katalog_stdscr(void) { return stdscr; }
int katalog_wcwidth(wchar_t c);
static inline int katalog_COLORS(void) { return COLORS; }
static inline int katalog_COLOR_PAIRS(void) { return COLOR_PAIRS; }

// A crash (SIGSEGV, SIGILL from a Swift trap, SIGABRT, SIGBUS, SIGFPE, SIGTRAP, SIGQUIT) must
// not leave the terminal raw on the alternate screen: installed first thing in main, the
// handler puts back the terminal modes saved at start and, once curses runs, leaves its
// screen, then lets the crash go on (Swift's crash report included).
void katalog_install_crash_restore(void);
// Called once curses has started: from then on the handler also writes the terminal's own
// exit sequences (rmcup, cnorm, sgr0).
void katalog_crash_restore_curses_started(void);
void katalog_crash_restore_curses_stopped(void);
// Whether the terminal can put the cursor anywhere (TERM=dumb cannot: it draws one long line).
int katalog_can_move_cursor(void);

// Key codes katalog defines itself (define_key): bracketed paste's start and end, and
// Ctrl-Left/Right as xterm sends them.
// Shift-arrows too: terminfo entries such as screen-256color (tmux's default) lack them, and
// ncurses would hand over ESC [ 1 ; 2 A as separate keys.
enum { KATALOG_KEY_PASTE_START = KEY_MAX + 1, KATALOG_KEY_PASTE_END, KATALOG_KEY_WORD_LEFT, KATALOG_KEY_WORD_RIGHT,
       KATALOG_KEY_SHIFT_UP, KATALOG_KEY_SHIFT_DOWN, KATALOG_KEY_SHIFT_LEFT, KATALOG_KEY_SHIFT_RIGHT };
// Defines them and asks the terminal to bracket pastes; `katalog_end_paste_mode` undoes it.
void katalog_define_extra_keys(void);
void katalog_end_paste_mode(void);

// Signals set a flag the input loop reads: the terminal is restored on the main thread,
// never inside a signal handler.
void katalog_install_stop_handlers(void);
// The signal that asked to stop, or 0.
int katalog_stop_requested(void);
/// The loop ended in time: the forced exit a stop armed is not needed.
void katalog_cancel_forced_exit(void);
// Ctrl-Z sets a flag too; the loop then calls katalog_suspend, on its own thread.
int katalog_take_suspend_request(void);
// Leaves curses mode, stops the process (the shell's job control takes over) and, on `fg`,
// returns with curses mode restored.
void katalog_suspend(void);

// newterm on the process's own stdin/stdout; NULL when TERM is unusable (initscr would exit).
SCREEN *katalog_newterm(void);

// True when the locale's character set is UTF-8 (else katalog draws lines in ASCII).
int katalog_locale_is_utf8(void);

#endif
