#include "core/time.h"

#include <chrono>
#include <cstdio>

namespace hearth {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

Millis floor_div(Millis a, Millis b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

std::string format_rfc3339(Millis t) {
  Millis secs = floor_div(t, kSecond);
  Millis day_number = floor_div(secs, 86400);
  Millis in_day = secs - day_number * 86400;
  year_month_day ymd{sys_days{days{day_number}}};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(in_day / 3600), static_cast<int>(in_day / 60 % 60),
                static_cast<int>(in_day % 60));
  return buf;
}

std::string format_date(Millis t) { return format_rfc3339(t).substr(0, 10); }

std::optional<Millis> parse_rfc3339(std::string_view text) {
  int y, mo, d, h, mi, s;
  char tail[16] = {0};
  std::string copy(text.substr(0, 40));
  int n = std::sscanf(copy.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%15s", &y, &mo, &d, &h, &mi, &s, tail);
  if (n < 6) return std::nullopt;
  std::string_view rest(tail);
  if (!rest.empty() && rest.front() == '.') {
    std::size_t i = 1;
    while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') ++i;
    rest.remove_prefix(i);
  }
  if (rest != "Z" && rest != "+00:00") return std::nullopt;
  year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(mo)},
                     std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || s > 60) return std::nullopt;
  Millis day_number = sys_days{ymd}.time_since_epoch().count();
  return ((day_number * 86400) + h * 3600 + mi * 60 + s) * kSecond;
}

}  // namespace hearth
