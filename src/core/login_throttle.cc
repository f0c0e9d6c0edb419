#include "core/login_throttle.h"

#include <algorithm>

namespace hearth {

Millis LoginThrottle::retry_after(const std::string& key, Millis now) const {
  auto it = entries_.find(key);
  if (it == entries_.end()) return 0;
  return std::max<Millis>(0, it->second.locked_until - now);
}

void LoginThrottle::record_failure(const std::string& key, Millis now) {
  if (entries_.size() >= limits_.max_keys && !entries_.count(key)) prune(now);
  Entry& e = entries_[key];
  if (now - e.window_start >= limits_.window && now >= e.locked_until) {
    e.failures = 0;
    e.window_start = now;
  }
  ++e.failures;
  e.last_failure = now;
  int over = e.failures - limits_.free_failures;
  if (over > 0) {
    Millis lock = limits_.first_lock;
    for (int i = 1; i < over && lock < limits_.max_lock; ++i) lock *= 2;
    e.locked_until = now + std::min(lock, limits_.max_lock);
    // A lock extends the window so failures keep counting while locked out.
    e.window_start = std::max(e.window_start, e.locked_until - limits_.window);
  }
}

void LoginThrottle::record_success(const std::string& key) { entries_.erase(key); }

void LoginThrottle::prune(Millis now) {
  for (auto it = entries_.begin(); it != entries_.end();) {
    bool stale = now - it->second.window_start >= limits_.window && now >= it->second.locked_until;
    it = stale ? entries_.erase(it) : std::next(it);
  }
  if (entries_.size() < limits_.max_keys) return;
  // Still full of live keys: forget the one idle longest rather than grow without bound.
  auto oldest = std::min_element(
      entries_.begin(), entries_.end(),
      [](const auto& a, const auto& b) { return a.second.last_failure < b.second.last_failure; });
  if (oldest != entries_.end()) entries_.erase(oldest);
}

}  // namespace hearth
