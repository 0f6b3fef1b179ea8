#pragma once

#include <string>
#include <utility>
#include <variant>

namespace model {

// An expected failure, as a value: a stable code plus a human message.
struct Error {
  std::string code;  // e.g. "IO-RENAME", "LC-TRANSITION-REFUSED"
  std::string message;
};

// Minimal expected<T, Error> (std::expected is C++23).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Error error) : v_(std::move(error)) {}
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

struct Ok {};
using Status = Result<Ok>;

}  // namespace model
