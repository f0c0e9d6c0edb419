#include "core/local_time.h"

#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <memory>

namespace hearth {
namespace {

std::unique_ptr<icu::TimeZone> zone_of(std::string_view name) {
  std::unique_ptr<icu::TimeZone> tz(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(
      icu::StringPiece(name.data(), static_cast<int32_t>(name.size())))));
  if (!tz || *tz == icu::TimeZone::getUnknown()) return nullptr;
  return tz;
}

}  // namespace

std::optional<Day> parse_day(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  int y = 0;
  unsigned m = 0, d = 0;
  auto num = [&](std::size_t at, std::size_t len, auto& out) {
    auto [end, ec] = std::from_chars(t.data() + at, t.data() + at + len, out);
    return ec == std::errc() && end == t.data() + at + len;
  };
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d)) return std::nullopt;
  using namespace std::chrono;
  year_month_day ymd{year{y}, month{m}, day{d}};
  if (y < 1970 || !ymd.ok()) return std::nullopt;  // also 2026-02-30
  return static_cast<Day>(sys_days{ymd}.time_since_epoch().count());
}

std::string format_clock(int minutes) {
  int m = std::clamp(minutes, 0, 1440);
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", (m / 60) % 100, m % 60);
  return buf;
}

std::string format_day(Day day) {
  using namespace std::chrono;
  year_month_day ymd{sys_days{days{day}}};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

int weekday(Day d) {
  using namespace std::chrono;
  return static_cast<int>(std::chrono::weekday{sys_days{days{d}}}.iso_encoding()) - 1;
}

bool valid_time_zone(std::string_view zone) {
  if (zone.empty() || zone.size() > 64 || zone == "Etc/Unknown") return false;
  // Only names from the time-zone database: ICU also accepts custom ids like "GMT+5".
  icu::UnicodeString canonical;
  UBool system = false;
  UErrorCode status = U_ZERO_ERROR;
  icu::TimeZone::getCanonicalID(icu::UnicodeString::fromUTF8(icu::StringPiece(
                                    zone.data(), static_cast<int32_t>(zone.size()))),
                                canonical, system, status);
  return U_SUCCESS(status) && system && zone_of(zone) != nullptr;
}

Day local_day(Millis t, std::string_view zone) {
  std::int64_t offset = 0;
  if (auto tz = zone_of(zone)) {
    int32_t raw = 0, dst = 0;
    UErrorCode status = U_ZERO_ERROR;
    tz->getOffset(static_cast<UDate>(t), false, raw, dst, status);
    if (U_SUCCESS(status)) offset = static_cast<std::int64_t>(raw) + dst;
  }
  std::int64_t local = t + offset;
  return static_cast<Day>((local >= 0 ? local : local - (kDay - 1)) / kDay);
}

Millis instant_of(Day day, int minute, std::string_view zone) {
  Millis local = static_cast<Millis>(day) * kDay + static_cast<Millis>(minute) * kMinute;
  if (auto tz = zone_of(zone)) {
    int32_t raw = 0, dst = 0;
    UErrorCode status = U_ZERO_ERROR;
    tz->getOffset(static_cast<UDate>(local), true, raw, dst, status);
    if (U_SUCCESS(status)) return local - raw - dst;
  }
  return local;
}

}  // namespace hearth
