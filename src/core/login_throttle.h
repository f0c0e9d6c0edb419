// Slows down password guessing. Failures are counted per key (an account's email, or a client
// address) within a window; past a number of free failures each further failure locks the key
// for a doubling period. Pure and single-threaded: the caller passes `now` and serialises calls.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>

#include "core/time.h"

namespace hearth {

struct ThrottleLimits {
  int free_failures = 5;             // failures allowed in a window before locking
  Millis window = 15 * kMinute;      // failures older than this are forgotten
  Millis first_lock = 30 * kSecond;  // lock after the first failure past the free ones
  Millis max_lock = 15 * kMinute;
  std::size_t max_keys = 100000;  // memory bound; the oldest-idle keys are pruned first
};

class LoginThrottle {
 public:
  explicit LoginThrottle(ThrottleLimits limits = {}) : limits_(limits) {}

  // Milliseconds until `key` may try again; 0 when it may try now.
  Millis retry_after(const std::string& key, Millis now) const;
  void record_failure(const std::string& key, Millis now);
  void record_success(const std::string& key);
  std::size_t tracked_keys() const { return entries_.size(); }

 private:
  struct Entry {
    int failures = 0;
    Millis window_start = 0;
    Millis locked_until = 0;
    Millis last_failure = 0;
  };
  void prune(Millis now);

  ThrottleLimits limits_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace hearth
