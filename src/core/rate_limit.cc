#include "core/rate_limit.h"

#include <algorithm>
#include <cmath>

namespace hearth {

Millis RateLimiter::take(std::int64_t key, Millis now) {
  auto it = buckets_.find(key);
  if (it == buckets_.end()) {
    if (buckets_.size() >= limits_.max_keys) prune(now);
    it = buckets_.emplace(key, Bucket{limits_.burst, now}).first;
  }
  Bucket& b = it->second;
  if (now > b.updated) {
    b.tokens =
        std::min(limits_.burst,
                 b.tokens + limits_.per_second * static_cast<double>(now - b.updated) / 1000.0);
    b.updated = now;
  }
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return 0;
  }
  return std::max<Millis>(
      1, static_cast<Millis>(std::ceil((1.0 - b.tokens) * 1000.0 / limits_.per_second)));
}

void RateLimiter::prune(Millis now) {
  // A bucket that would be full again carries no information: forget it.
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    double refill = limits_.per_second * static_cast<double>(now - it->second.updated) / 1000.0;
    it = it->second.tokens + refill >= limits_.burst ? buckets_.erase(it) : std::next(it);
  }
  if (buckets_.size() < limits_.max_keys) return;
  auto oldest = std::min_element(
      buckets_.begin(), buckets_.end(),
      [](const auto& a, const auto& b) { return a.second.updated < b.second.updated; });
  if (oldest != buckets_.end()) buckets_.erase(oldest);
}

}  // namespace hearth
