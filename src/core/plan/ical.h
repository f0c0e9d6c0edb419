// iCalendar (RFC 5545) output: a calendar of events with reminders, stable UIDs, UTC times,
// escaped text and lines folded at 75 octets. Pure: events in, text out.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/local_time.h"
#include "core/time.h"

namespace hearth::plan {

struct CalendarEvent {
  std::string uid;      // stable across feeds: the same event keeps its UID
  std::string summary;  // neutral: shown on lock screens
  std::string description;
  // Either a timed event (start, minutes) or an all-day one (day).
  std::optional<Millis> start;
  int minutes = 0;
  std::optional<Day> day;
  int alarm_minutes_before = 30;  // a VALARM; 0: none
  Millis updated_at = 0;          // LAST-MODIFIED
};

// The whole VCALENDAR, lines ending in CRLF.
std::string calendar(const std::string& name, const std::vector<CalendarEvent>& events, Millis now);

// RFC 5545 §3.3.11 escaping of a TEXT value.
std::string escape_text(std::string_view text);
// RFC 5545 §3.1 folding: lines longer than 75 octets continue on the next line after CRLF and a
// space, never inside a UTF-8 character.
std::string fold(std::string_view line);

}  // namespace hearth::plan
