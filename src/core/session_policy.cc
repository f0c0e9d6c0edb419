#include "core/session_policy.h"

#include <algorithm>

namespace hearth {

SessionState session_state(const SessionTimes& s, const SessionLimits& limits, Millis now) {
  if (now >= s.created_at + limits.absolute) return SessionState::kAbsoluteExpired;
  if (now >= s.last_seen_at + limits.idle) return SessionState::kIdleExpired;
  return SessionState::kActive;
}

Millis session_expires_at(const SessionTimes& s, const SessionLimits& limits) {
  return std::min(s.created_at + limits.absolute, s.last_seen_at + limits.idle);
}

bool session_needs_touch(const SessionTimes& s, const SessionLimits& limits, Millis now) {
  return now - s.last_seen_at >= limits.touch_interval;
}

}  // namespace hearth
