// libFuzzer's driver, for a program whose `main` is not libFuzzer's own (SwiftPM names a
// debug executable's entry `<module>_main`). Linked from the fuzzer runtime only in the
// -sanitize=fuzzer build, the one that calls it.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
