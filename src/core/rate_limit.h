// A token bucket per key (a person): each key may spend `burst` requests at once and earns
// `per_second` back over time. Used to keep one person from monopolising CPU-bound endpoints
// such as the coach. Pure and single-threaded: the caller passes `now` and serialises calls.
#pragma once

#include <cstddef>
#include <cstdint>
#include <unordered_map>

#include "core/time.h"

namespace hearth {

struct RateLimits {
  double per_second = 10;
  double burst = 30;
  std::size_t max_keys = 100000;  // memory bound; full buckets are forgotten first
};

class RateLimiter {
 public:
  explicit RateLimiter(RateLimits limits = {}) : limits_(limits) {}

  // Takes one token for `key`: 0 when allowed, else the milliseconds until a token is there
  // (nothing is taken then).
  Millis take(std::int64_t key, Millis now);
  std::size_t tracked_keys() const { return buckets_.size(); }

 private:
  struct Bucket {
    double tokens = 0;
    Millis updated = 0;
  };
  void prune(Millis now);

  RateLimits limits_;
  std::unordered_map<std::int64_t, Bucket> buckets_;
};

}  // namespace hearth
