// Errors as values. A Status says whether an operation succeeded and, if not,
// which kind of failure it was and why, in words a user can act on.
// StatusOr<T> carries either a T or the Status explaining its absence; it is
// what functions return at module borders.
//
// Recoverable damage (an OCR misreading that the repair engine mends) is NOT
// an error: it is reported as a correction on the record. A Status error means
// nothing usable could be produced from the input.
//
// The shape is Abseil's (absl/status/status.h, statusor.h): both classes are
// [[nodiscard]], so a dropped error is a compiler warning; a caller that
// means to drop one says so with IgnoreError(). RETURN_IF_ERROR and
// ASSIGN_OR_RETURN (below) pass an error up without the boilerplate.
#ifndef VERDEELSCAN_CORE_STATUS_H_
#define VERDEELSCAN_CORE_STATUS_H_

#include <exception>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace verdeelscan {

class [[nodiscard]] Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidArgument,    // the caller asked for something malformed
    kNotFound,           // a file or a required part of a document is missing
    kCorruption,         // the input is damaged beyond reading (truncated PDF, junk)
    kIOError,            // the operating system refused (permissions, disk)
    kUnsupported,        // a format or feature we do not handle (encrypted PDF)
    kResourceExhausted,  // a budget was exceeded (pixels, pages, memory)
  };

  Status() = default;  // OK
  static Status OK() { return Status(); }
  static Status InvalidArgument(std::string msg) {
    return {Code::kInvalidArgument, std::move(msg)};
  }
  static Status NotFound(std::string msg) { return {Code::kNotFound, std::move(msg)}; }
  static Status Corruption(std::string msg) { return {Code::kCorruption, std::move(msg)}; }
  static Status IOError(std::string msg) { return {Code::kIOError, std::move(msg)}; }
  static Status Unsupported(std::string msg) { return {Code::kUnsupported, std::move(msg)}; }
  static Status ResourceExhausted(std::string msg) {
    return {Code::kResourceExhausted, std::move(msg)};
  }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // "corruption: truncated PDF (no xref table)".
  std::string ToString() const;
  // Drops the status on purpose (best-effort work whose failure changes
  // nothing), where the [[nodiscard]] warning would otherwise fire.
  void IgnoreError() const {}

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(T value) : value_(std::move(value)) {}          // NOLINT: implicit by design
  StatusOr(Status status) : status_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  const T& value() const& { return *value_; }
  T& value() & { return *value_; }
  T&& value() && { return std::move(*value_); }
  const T& operator*() const& { return *value_; }
  T& operator*() & { return *value_; }
  const T* operator->() const { return &*value_; }
  T* operator->() { return &*value_; }

 private:
  Status status_;  // OK whenever value_ is set
  std::optional<T> value_;
};

// The message of an exception caught by `catch (...)`: what() of a
// std::exception, else a sentence saying it was none. Turns a throw into the
// error of a failed record instead of an abort.
std::string ExceptionMessage(const std::exception_ptr& e);

}  // namespace verdeelscan

// RETURN_IF_ERROR(expr): evaluates `expr` (a Status) and returns it from the
// enclosing function if it is an error. The enclosing function returns a
// Status or any StatusOr<T>.
//   RETURN_IF_ERROR(catalogue.Open(path));
#define RETURN_IF_ERROR(expr)                                              \
  do {                                                                     \
    /* _status, not status: `expr` may itself name a variable `status`. */ \
    const ::verdeelscan::Status _status = (expr);                          \
    if (!_status.ok()) return _status;                                     \
  } while (0)

// ASSIGN_OR_RETURN(lhs, expr): evaluates `expr` (a StatusOr<T>); on error
// returns its status from the enclosing function, else moves the value into
// `lhs`, which may declare a variable:
//   ASSIGN_OR_RETURN(RawTable table, ReadDumpTable(doc, first, last));
//   ASSIGN_OR_RETURN(existing, Load(path));
// It expands to several statements: not the sole body of an unbraced if.
// A `lhs` with a comma in it (std::pair<int, int> p) needs a type alias.
#define ASSIGN_OR_RETURN(lhs, ...)                                                         \
  VERDEELSCAN_ASSIGN_OR_RETURN_IMPL(VERDEELSCAN_STATUS_CONCAT(_status_or_, __LINE__), lhs, \
                                    __VA_ARGS__)

#define VERDEELSCAN_ASSIGN_OR_RETURN_IMPL(statusor, lhs, ...) \
  auto statusor = (__VA_ARGS__);                              \
  if (!statusor.ok()) return statusor.status();               \
  lhs = std::move(statusor).value()

#define VERDEELSCAN_STATUS_CONCAT_INNER(a, b) a##b
#define VERDEELSCAN_STATUS_CONCAT(a, b) VERDEELSCAN_STATUS_CONCAT_INNER(a, b)

#endif  // VERDEELSCAN_CORE_STATUS_H_
