// Running the verdeelscan binary as a user does, from whole-program tests: a
// shell command's exit code and output, and a path quoted for the shell.
#ifndef VERDEELSCAN_TESTS_CLI_RUN_H_
#define VERDEELSCAN_TESTS_CLI_RUN_H_

#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace verdeelscan::cli_run {

struct CommandResult {
  int exit_code = -1;  // 128 + signal when killed by one
  std::string out;     // what the command wrote to stdout
};

// Runs `command` with /bin/sh; add " 2>&1" to it to capture stderr too.
inline CommandResult RunCommand(const std::string& command) {
  CommandResult run;
  std::FILE* p = ::popen(command.c_str(), "r");
  if (p == nullptr) return run;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) run.out.append(buf, n);
  const int status = ::pclose(p);
  run.exit_code = WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
  return run;
}

// `s` in single quotes for the shell, any single quote in it escaped.
inline std::string ShellQuoted(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

}  // namespace verdeelscan::cli_run

#endif  // VERDEELSCAN_TESTS_CLI_RUN_H_
