// Feature macros first: wcwidth is an X/Open function.
#define _XOPEN_SOURCE 700
#define _XOPEN_SOURCE_EXTENDED 1
#include <wchar.h>
#include "CNcurses.h"
#include <string.h>

static volatile sig_atomic_t katalog_stop_signal = 0;

static void katalog_on_stop(int signal) { katalog_stop_signal = signal; }

void katalog_install_stop_handlers(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = katalog_on_stop;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
}

int katalog_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

int katalog_wcwidth(wchar_t c) { return wcwidth(c); }

int katalog_stop_requested(void) { return katalog_stop_signal != 0; }

SCREEN *katalog_newterm(void) { return newterm(NULL, stdout, stdin); }
