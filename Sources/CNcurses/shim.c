// Feature macros first: wcwidth is an X/Open function.
#define _XOPEN_SOURCE 700
#define _XOPEN_SOURCE_EXTENDED 1
#include <wchar.h>
#include "CNcurses.h"
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t katalog_stop_signal = 0;

/* A stop is answered by the main loop; if it is busy (a long layout), the alarm ends the
   process two seconds later anyway, the terminal restored first — a closed terminal never
   leaves katalog running. */
static void katalog_on_forced_exit(int signal);
static void katalog_on_stop(int signal) {
    katalog_stop_signal = signal;
    alarm(2);
}

static volatile sig_atomic_t katalog_suspend_signal = 0;
static void katalog_on_suspend(int signal) { (void)signal; katalog_suspend_signal = 1; }

void katalog_install_stop_handlers(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = katalog_on_stop;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
    action.sa_handler = katalog_on_forced_exit;
    sigaction(SIGALRM, &action, NULL);
    // Replaces ncurses' own SIGTSTP handler, which could run on any thread.
    action.sa_handler = katalog_on_suspend;
    sigaction(SIGTSTP, &action, NULL);
}

int katalog_take_suspend_request(void) {
    if (!katalog_suspend_signal) return 0;
    katalog_suspend_signal = 0;
    return 1;
}

void katalog_suspend(void) {
    endwin();
    struct sigaction action, previous;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    sigaction(SIGTSTP, &action, &previous);
    kill(getpid(), SIGTSTP);  /* the whole process stops here until SIGCONT */
    sigaction(SIGTSTP, &previous, NULL);
    refresh();
}

int katalog_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

int katalog_wcwidth(wchar_t c) { return wcwidth(c); }

int katalog_stop_requested(void) { return katalog_stop_signal; }

SCREEN *katalog_newterm(void) { return newterm(NULL, stdout, stdin); }

void katalog_define_extra_keys(void) {
    define_key("\033[200~", KATALOG_KEY_PASTE_START);
    define_key("\033[201~", KATALOG_KEY_PASTE_END);
    define_key("\033[1;5D", KATALOG_KEY_WORD_LEFT);
    define_key("\033[1;5C", KATALOG_KEY_WORD_RIGHT);
    define_key("\033[1;2A", KATALOG_KEY_SHIFT_UP);
    define_key("\033[1;2B", KATALOG_KEY_SHIFT_DOWN);
    define_key("\033[1;2D", KATALOG_KEY_SHIFT_LEFT);
    define_key("\033[1;2C", KATALOG_KEY_SHIFT_RIGHT);
    define_key("\033b", KATALOG_KEY_WORD_LEFT);
    define_key("\033f", KATALOG_KEY_WORD_RIGHT);
    ssize_t ignored = write(STDOUT_FILENO, "\033[?2004h", 8);
    (void)ignored;
}

void katalog_end_paste_mode(void) {
    ssize_t ignored = write(STDOUT_FILENO, "\033[?2004l", 8);
    (void)ignored;
}

/* ---- Restoring the terminal on a crash: only async-signal-safe calls in the handler. ---- */
#include <termios.h>
#include <term.h>

static struct termios katalog_saved_termios;
static volatile sig_atomic_t katalog_have_termios = 0;
static volatile sig_atomic_t katalog_curses_running = 0;
static char katalog_exit_sequence[256] =
    "\033[?1000l\033[?1002l\033[?1006l\033[?2004l\033[0m\033[?25h\033[?1049l";
static size_t katalog_exit_length = 0;
static const int katalog_crash_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGQUIT};
#define KATALOG_CRASH_SIGNAL_COUNT (sizeof katalog_crash_signals / sizeof katalog_crash_signals[0])
static struct sigaction katalog_previous_actions[KATALOG_CRASH_SIGNAL_COUNT];
static char katalog_alternate_stack[64 * 1024];

static void katalog_on_crash(int signal, siginfo_t *info, void *context) {
    (void)context;
    if (katalog_curses_running) {
        ssize_t ignored = write(STDOUT_FILENO, katalog_exit_sequence, katalog_exit_length);
        ignored = write(STDOUT_FILENO, "\r\n", 2);
        (void)ignored;
    }
    if (katalog_have_termios) tcsetattr(STDIN_FILENO, TCSANOW, &katalog_saved_termios);
    /* Hand the signal on to whoever had it before (Swift's backtracer, or the default). */
    for (size_t i = 0; i < KATALOG_CRASH_SIGNAL_COUNT; i++) {
        if (katalog_crash_signals[i] == signal) sigaction(signal, &katalog_previous_actions[i], NULL);
    }
    /* A fault re-runs its instruction on return and traps again into the previous handler;
       a sent signal (abort, kill) must be raised again. */
    if (info == NULL || info->si_code <= 0) raise(signal);
}

static void katalog_on_forced_exit(int signal) {
    (void)signal;
    if (katalog_curses_running) {
        ssize_t ignored = write(STDOUT_FILENO, katalog_exit_sequence, katalog_exit_length);
        ignored = write(STDOUT_FILENO, "\r\n", 2);
        (void)ignored;
    }
    if (katalog_have_termios) tcsetattr(STDIN_FILENO, TCSANOW, &katalog_saved_termios);
    _exit(128 + (katalog_stop_signal ? katalog_stop_signal : SIGTERM));
}

void katalog_cancel_forced_exit(void) { alarm(0); }

void katalog_install_crash_restore(void) {
    katalog_exit_length = strlen(katalog_exit_sequence);
    if (isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &katalog_saved_termios) == 0) katalog_have_termios = 1;
    stack_t stack;
    memset(&stack, 0, sizeof stack);
    stack.ss_sp = katalog_alternate_stack;
    stack.ss_size = sizeof katalog_alternate_stack;
    sigaltstack(&stack, NULL);  /* a stack overflow still gets its handler */
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = katalog_on_crash;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    for (size_t i = 0; i < KATALOG_CRASH_SIGNAL_COUNT; i++) {
        sigaction(katalog_crash_signals[i], &action, &katalog_previous_actions[i]);
    }
}

static void katalog_append_capability(size_t *length, const char *name) {
    char *value = tigetstr(name);
    if (value == NULL || value == (char *)-1) return;
    size_t add = strlen(value);
    if (*length + add >= sizeof katalog_exit_sequence) return;
    memcpy(katalog_exit_sequence + *length, value, add);
    *length += add;
    katalog_exit_sequence[*length] = 0;
}

void katalog_crash_restore_curses_started(void) {
    /* The terminal's own sequences after the generic mouse/paste resets. */
    size_t length = strlen("\033[?1000l\033[?1002l\033[?1006l\033[?2004l");
    katalog_exit_sequence[length] = 0;
    katalog_append_capability(&length, "sgr0");
    katalog_append_capability(&length, "cnorm");
    katalog_append_capability(&length, "rmkx");
    katalog_append_capability(&length, "rmcup");
    katalog_exit_length = length;
    katalog_curses_running = 1;
}

void katalog_crash_restore_curses_stopped(void) { katalog_curses_running = 0; }

int katalog_can_move_cursor(void) {
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}
