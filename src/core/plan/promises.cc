#include "core/plan/promises.h"

#include <algorithm>
#include <chrono>

namespace hearth::plan {

std::string_view to_string(PromiseStatus s) {
  switch (s) {
    case PromiseStatus::kOpen:
      return "open";
    case PromiseStatus::kKept:
      return "kept";
    case PromiseStatus::kMissed:
      return "missed";
  }
  return "open";
}

std::optional<PromiseStatus> parse_promise_status(std::string_view s) {
  if (s == "open") return PromiseStatus::kOpen;
  if (s == "kept") return PromiseStatus::kKept;
  if (s == "missed") return PromiseStatus::kMissed;
  return std::nullopt;
}

Status check_new_promise(std::string_view text, Day due, Day today) {
  std::size_t chars = static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos || chars > 200) {
    return Error::invalid("text",
                          "A promise is something small and concrete, 1 to 200 characters.");
  }
  if (due < today) return Error::invalid("due", "The due date cannot be in the past.");
  if (due > today + 90) return Error::invalid("due", "Keep it small: a due date within 90 days.");
  return Status::Ok();
}

Status resolve(Promise& p, PromiseStatus to, UserId who, Day today, Millis now) {
  if (to == PromiseStatus::kOpen) {
    return Error::invalid("status", "A promise is marked \"kept\" or \"missed\".");
  }
  if (p.status != PromiseStatus::kOpen) {
    return Error::make(ErrorCode::kConflict, "already-resolved",
                       "This promise was already marked " + std::string(to_string(p.status)) + ".");
  }
  if (to == PromiseStatus::kMissed && today < p.due) {
    return Error::make(ErrorCode::kConflict, "not-due-yet",
                       "There is still time: a promise can be marked missed from its due date on.");
  }
  p.status = to;
  p.resolved_at = now;
  p.resolved_by = who;
  return Status::Ok();
}

namespace {

std::chrono::year_month month_of(Day d) {
  std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{d}}};
  return {ymd.year(), ymd.month()};
}

}  // namespace

std::vector<Reliability> reliability(const std::vector<Promise>& all,
                                     const std::vector<UserId>& people, Day today, int days,
                                     int months) {
  using std::chrono::year_month;
  year_month last = month_of(today);
  year_month first = last - std::chrono::months{months - 1};
  std::vector<Reliability> out;
  for (UserId u : people) {
    Reliability r;
    r.user = u;
    for (year_month m = first; m <= last; m += std::chrono::months{1}) {
      r.months.push_back({static_cast<int>(m.year()), static_cast<int>(unsigned(m.month())), 0, 0});
    }
    for (const auto& p : all) {
      if (p.by != u) continue;
      if (p.status == PromiseStatus::kOpen) {
        ++r.open;
        continue;
      }
      bool kept = p.status == PromiseStatus::kKept;
      if (p.due >= today - days) ++(kept ? r.kept : r.missed);
      year_month m = month_of(p.due);
      if (m >= first && m <= last) {
        auto& t = r.months[static_cast<std::size_t>((m - first).count())];
        ++(kept ? t.kept : t.missed);
      }
    }
    if (r.kept + r.missed > 0) r.share_kept = static_cast<double>(r.kept) / (r.kept + r.missed);
    out.push_back(r);
  }
  return out;
}

}  // namespace hearth::plan
