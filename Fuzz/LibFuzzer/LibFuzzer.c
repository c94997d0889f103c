// The declaration in include/LibFuzzer.h is all; SwiftPM wants a source file per C target.
#include "LibFuzzer.h"
