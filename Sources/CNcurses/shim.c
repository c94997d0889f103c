// Feature macros first: wcwidth is an X/Open function.
#define _XOPEN_SOURCE 700
#define _XOPEN_SOURCE_EXTENDED 1
#include <wchar.h>
#include "CNcurses.h"
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t katalog_stop_signal = 0;

static void katalog_on_stop(int signal) { katalog_stop_signal = signal; }

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

int katalog_stop_requested(void) { return katalog_stop_signal != 0; }

SCREEN *katalog_newterm(void) { return newterm(NULL, stdout, stdin); }
