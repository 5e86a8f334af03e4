#include "core/status.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace verdeelscan {
namespace {

// A step that fails when told to, and counts how often it ran.
Status Step(bool fail, int& runs) {
  ++runs;
  return fail ? Status::Corruption("step " + std::to_string(runs) + " broke") : Status::OK();
}

Status TwoSteps(bool fail_first, bool fail_second, int& runs) {
  RETURN_IF_ERROR(Step(fail_first, runs));
  RETURN_IF_ERROR(Step(fail_second, runs));
  return Status::OK();
}

TEST(ReturnIfError, StopsAtTheFirstErrorAndReturnsIt) {
  int runs = 0;
  Status s = TwoSteps(true, false, runs);
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(s.code(), Status::Code::kCorruption);
  EXPECT_EQ(s.message(), "step 1 broke");

  runs = 0;
  s = TwoSteps(false, true, runs);
  EXPECT_EQ(runs, 2);
  EXPECT_EQ(s.message(), "step 2 broke");

  runs = 0;
  EXPECT_TRUE(TwoSteps(false, false, runs).ok());
  EXPECT_EQ(runs, 2);
}

// The expression may name a variable `status` (the macro's own is _status).
Status Forward(const Status& status) {
  RETURN_IF_ERROR(status);
  return Status::NotFound("reached the end");
}

TEST(ReturnIfError, TakesAVariableNamedStatus) {
  EXPECT_EQ(Forward(Status::IOError("disk")).ToString(), "io error: disk");
  EXPECT_EQ(Forward(Status::OK()).code(), Status::Code::kNotFound);
}

// Inside a function that returns a StatusOr, the error converts.
StatusOr<int> CountAfter(bool fail) {
  int runs = 0;
  RETURN_IF_ERROR(Step(fail, runs));
  return runs;
}

TEST(ReturnIfError, ReturnsFromAFunctionReturningStatusOr) {
  EXPECT_FALSE(CountAfter(true).ok());
  EXPECT_EQ(CountAfter(true).status().message(), "step 1 broke");
  ASSERT_TRUE(CountAfter(false).ok());
  EXPECT_EQ(*CountAfter(false), 1);
}

StatusOr<int> Parse(const std::string& s) {
  if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos)
    return Status::InvalidArgument("not a number: '" + s + "'");
  return std::stoi(s);
}

// Declares its variables inside the macro, twice in one function.
StatusOr<int> Sum(const std::string& a, const std::string& b) {
  ASSIGN_OR_RETURN(int x, Parse(a));
  ASSIGN_OR_RETURN(const int y, Parse(b));
  return x + y;
}

TEST(AssignOrReturn, DeclaresTheValueOrReturnsTheError) {
  ASSERT_TRUE(Sum("40", "2").ok());
  EXPECT_EQ(*Sum("40", "2"), 42);
  EXPECT_EQ(Sum("4O", "2").status().ToString(), "invalid argument: not a number: '4O'");
  EXPECT_EQ(Sum("40", "").status().message(), "not a number: ''");
}

// Assigns to an existing variable; the function returns a plain Status.
Status ParseInto(const std::string& s, int& out) {
  ASSIGN_OR_RETURN(out, Parse(s));
  return Status::OK();
}

TEST(AssignOrReturn, AssignsToAnExistingVariable) {
  int v = -1;
  EXPECT_TRUE(ParseInto("7", v).ok());
  EXPECT_EQ(v, 7);
  EXPECT_FALSE(ParseInto("x", v).ok());
  EXPECT_EQ(v, 7);  // untouched on error
}

StatusOr<std::unique_ptr<std::string>> Boxed(bool fail) {
  if (fail) return Status::ResourceExhausted("no room");
  return std::make_unique<std::string>("inside");
}

// A move-only value is moved out of the StatusOr, not copied.
StatusOr<std::string> Unbox(bool fail) {
  ASSIGN_OR_RETURN(std::unique_ptr<std::string> box, Boxed(fail));
  return *box + "!";
}

TEST(AssignOrReturn, MovesAMoveOnlyValue) {
  EXPECT_EQ(*Unbox(false), "inside!");
  EXPECT_EQ(Unbox(true).status().code(), Status::Code::kResourceExhausted);
}

TEST(Status, ToStringNamesTheCode) {
  EXPECT_EQ(Status::OK().ToString(), "ok");
  EXPECT_EQ(Status::Unsupported("encrypted PDF").ToString(), "unsupported: encrypted PDF");
  Status::NotFound("dropped on purpose").IgnoreError();
}

}  // namespace
}  // namespace verdeelscan
