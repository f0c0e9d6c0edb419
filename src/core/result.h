// Errors are values in Hearth's core. An Error carries a small code (mapped to HTTP once, in
// http/problem.cc), a sentence written for people, and optionally the input field at fault.
// Result<T> holds either a value or an Error and must not be silently dropped.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace hearth {

enum class ErrorCode {
  kInvalidField,      // input is well-formed but a value is not acceptable
  kMalformed,         // input could not be parsed at all
  kNotAuthenticated,  // no valid session
  kForbidden,         // authenticated, but this person may not do this
  kWrongCredentials,  // email/password pair does not match
  kWrongPassword,     // the current password given to confirm an action is wrong
  kNotFound,          // nothing there (or nothing this person may see)
  kConflict,          // the request clashes with the current state
  kTooManyAttempts,   // throttled; retry later
  kBusy,              // the server is at capacity; retry shortly
  kUnavailable,       // a dependency (the database) failed
  kInternal,          // a bug
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string slug;    // stable machine name, e.g. "email-taken"
  std::string detail;  // a sentence for people
  std::string field;   // the input field at fault, if one is
  int retry_after_seconds = 0;

  static Error invalid(std::string field, std::string detail) {
    return {ErrorCode::kInvalidField, "invalid-field", std::move(detail), std::move(field)};
  }
  static Error make(ErrorCode code, std::string slug, std::string detail) {
    return {code, std::move(slug), std::move(detail), {}};
  }
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design, like std::expected
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// Status is a Result with no value: success or an Error.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT
  static Status Ok() { return {}; }
  bool ok() const { return ok_; }
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

}  // namespace hearth
