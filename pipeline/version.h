// The program's version, as `--version`, the catalogue and the PDF producer
// give it.
#ifndef VERDEELSCAN_PIPELINE_VERSION_H_
#define VERDEELSCAN_PIPELINE_VERSION_H_

namespace verdeelscan {

// CMake's project(VERSION), plus `git describe` of the source tree when it
// is a git checkout (e.g. "0.1 (git b103b5a-dirty)"). Defined in a file the
// build writes again whenever the description changes (pipeline/version.cmake),
// so an incremental build names the commit it was built from, not the one of
// its last configure; only that file is compiled again.
extern const char* const kVersion;

}  // namespace verdeelscan

#endif  // VERDEELSCAN_PIPELINE_VERSION_H_
