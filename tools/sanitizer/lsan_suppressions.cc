// LeakSanitizer suppressions, compiled into every executable of a sanitizer
// build (VERDEELSCAN_SANITIZE=ON), so that `ctest` under ASan reports only
// leaks that are ours. Each entry is a library's own one-time allocation that
// it never frees by design; our code must never need an entry here.
//   libfontconfig: the font configuration poppler loads on first use (parsed
//                  once per process and kept until exit).
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }
