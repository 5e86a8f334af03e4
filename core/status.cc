#include "core/status.h"

namespace verdeelscan {

std::string Status::ToString() const {
  const char* name = "ok";
  switch (code_) {
    case Code::kOk: return "ok";
    case Code::kInvalidArgument: name = "invalid argument"; break;
    case Code::kNotFound: name = "not found"; break;
    case Code::kCorruption: name = "corruption"; break;
    case Code::kIOError: name = "io error"; break;
    case Code::kUnsupported: name = "unsupported"; break;
    case Code::kResourceExhausted: name = "resource exhausted"; break;
  }
  return std::string(name) + ": " + message_;
}

}  // namespace verdeelscan
