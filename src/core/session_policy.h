// Session lifetime rules: a session ends after a period without use (idle) and, regardless of
// use, a fixed time after login (absolute). Pure; `now` is passed in.
#pragma once

#include "core/time.h"

namespace hearth {

struct SessionLimits {
  Millis idle = 30 * kDay;
  Millis absolute = 90 * kDay;
  // last_seen is written back at most this often, so reads stay reads.
  Millis touch_interval = 1 * kHour;
};

struct SessionTimes {
  Millis created_at = 0;
  Millis last_seen_at = 0;
};

enum class SessionState { kActive, kIdleExpired, kAbsoluteExpired };

SessionState session_state(const SessionTimes& s, const SessionLimits& limits, Millis now);
// When the session ends if it is not used again.
Millis session_expires_at(const SessionTimes& s, const SessionLimits& limits);
// Whether a use at `now` should record a new last_seen time.
bool session_needs_touch(const SessionTimes& s, const SessionLimits& limits, Millis now);

}  // namespace hearth
