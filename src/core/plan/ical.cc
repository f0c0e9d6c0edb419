#include "core/plan/ical.h"

#include <algorithm>
#include <cstdio>

namespace hearth::plan {

std::string escape_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        // Other control characters are not allowed in TEXT.
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t') out += c;
    }
  }
  return out;
}

std::string fold(std::string_view line) {
  std::string out;
  std::size_t width = 0;  // octets on the current physical line
  std::size_t limit = 75;
  for (std::size_t i = 0; i < line.size();) {
    // The length of the UTF-8 character starting here.
    unsigned char c = static_cast<unsigned char>(line[i]);
    std::size_t n = c < 0x80           ? 1
                    : (c >> 5) == 0x6  ? 2
                    : (c >> 4) == 0xE  ? 3
                    : (c >> 3) == 0x1E ? 4
                                       : 1;
    n = std::min(n, line.size() - i);
    if (width + n > limit) {
      out += "\r\n ";
      width = 1;  // the leading space counts
    }
    out.append(line.substr(i, n));
    width += n;
    i += n;
  }
  return out + "\r\n";
}

namespace {

std::string utc_stamp(Millis t) {
  // 20261125T190000Z
  std::string r = format_rfc3339(t);  // 2026-11-25T19:00:00Z
  std::string out;
  for (char c : r) {
    if (c != '-' && c != ':') out += c;
  }
  return out;
}

std::string date_stamp(Day d) {
  std::string s = format_day(d);
  std::string out;
  for (char c : s) {
    if (c != '-') out += c;
  }
  return out;
}

}  // namespace

std::string calendar(const std::string& name, const std::vector<CalendarEvent>& events,
                     Millis now) {
  std::string out;
  auto line = [&](std::string_view l) { out += fold(l); };
  line("BEGIN:VCALENDAR");
  line("VERSION:2.0");
  line("PRODID:-//Hearth//Hearth calendar//EN");
  line("CALSCALE:GREGORIAN");
  line("METHOD:PUBLISH");
  line("X-WR-CALNAME:" + escape_text(name));
  line("REFRESH-INTERVAL;VALUE=DURATION:PT6H");
  for (const auto& e : events) {
    line("BEGIN:VEVENT");
    line("UID:" + e.uid);
    line("DTSTAMP:" + utc_stamp(now));
    if (e.updated_at) line("LAST-MODIFIED:" + utc_stamp(e.updated_at));
    if (e.start) {
      line("DTSTART:" + utc_stamp(*e.start));
      line("DTEND:" + utc_stamp(*e.start + e.minutes * kMinute));
    } else if (e.day) {
      line("DTSTART;VALUE=DATE:" + date_stamp(*e.day));
      line("DTEND;VALUE=DATE:" + date_stamp(*e.day + 1));
    }
    line("SUMMARY:" + escape_text(e.summary));
    if (!e.description.empty()) line("DESCRIPTION:" + escape_text(e.description));
    line("CLASS:PRIVATE");
    line(e.start ? "TRANSP:OPAQUE" : "TRANSP:TRANSPARENT");  // a reminder does not block the day
    if (e.alarm_minutes_before > 0) {
      line("BEGIN:VALARM");
      line("ACTION:DISPLAY");
      line("DESCRIPTION:" + escape_text(e.summary));
      // All-day events remind at 9 in the morning of the day; timed ones ahead of the start.
      line(e.start ? "TRIGGER:-PT" + std::to_string(e.alarm_minutes_before) + "M"
                   : std::string("TRIGGER:PT9H"));
      line("END:VALARM");
    }
    line("END:VEVENT");
  }
  line("END:VCALENDAR");
  return out;
}

}  // namespace hearth::plan
