#include "core/status.h"

namespace verdeelscan {

std::string Status::ToString() const {
  const char* name = "ok";
  switch (code_) {
    case Code::kOk:
      return "ok";
    case Code::kInvalidArgument:
      name = "invalid argument";
      break;
    case Code::kNotFound:
      name = "not found";
      break;
    case Code::kCorruption:
      name = "corruption";
      break;
    case Code::kIOError:
      name = "io error";
      break;
    case Code::kUnsupported:
      name = "unsupported";
      break;
    case Code::kResourceExhausted:
      name = "resource exhausted";
      break;
  }
  return std::string(name) + ": " + message_;
}

std::string ExceptionMessage(const std::exception_ptr& e) {
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& x) {
    return x.what();
  } catch (...) {
    return "an exception that is not a std::exception";
  }
}

}  // namespace verdeelscan
