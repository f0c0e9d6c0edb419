// The weekly planner's rules, the iCalendar writer, the daily prompt and promises.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <tuple>

#include "core/plan/ical.h"
#include "core/plan/planner.h"
#include "core/plan/promises.h"
#include "core/plan/prompts.h"

namespace hearth::plan {
namespace {

Practice practice(std::string id, std::string tag, std::string area, int difficulty = 1,
                  int minutes = 30, Cost cost = Cost::kFree, Energy energy = Energy::kLow) {
  Practice p;
  p.id = std::move(id);
  p.title = p.id;
  p.calendar_title = "Time together";
  p.minutes = minutes;
  p.difficulty = difficulty;
  p.cost = cost;
  p.energy = energy;
  p.tags = {std::move(tag)};
  p.areas = {std::move(area)};
  return p;
}

std::vector<Practice> library() {
  std::vector<Practice> l = {
      practice("trust_talk", "vulnerability", "core/trust"),
      practice("trust_walk", "walk_and_talk", "core/trust", 1, 45),
      practice("trust_deep", "trust_building", "core/trust", 3, 60),
      practice("date_out", "date_night", "habits/quality_time", 2, 120, Cost::kMedium,
               Energy::kHigh),
      practice("phone_basket", "phone_free", "habits/tech_interference"),
      practice("hug", "physical_affection", "habits/affection", 1, 10),
      practice("listen", "active_listening", "core/communication"),
      practice("thanks", "appreciation", "core/acceptance", 1, 10),
      practice("repair_try", "repair", "conflict/repair", 2),
      practice("solo_walk", "self_care", "signs/signs"),
  };
  std::sort(l.begin(), l.end(), [](const Practice& a, const Practice& b) { return a.id < b.id; });
  return l;
}

Inputs evenings(Day monday) {
  Inputs in;
  in.week_start = monday;
  for (int d = 0; d < 7; ++d) in.free.push_back({d, 19 * 60, 21 * 60});
  return in;
}

const Day kMonday = 20780;  // 2026-11-23, a Monday

TEST(Planner, SharedTimeIsWhereBothAreFree) {
  auto shared = shared_time({{{0, 18 * 60, 21 * 60}, {5, 9 * 60, 12 * 60}},
                             {{0, 19 * 60, 22 * 60}, {6, 9 * 60, 12 * 60}}});
  ASSERT_EQ(shared.size(), 1u);
  EXPECT_EQ(shared[0].weekday, 0);
  EXPECT_EQ(shared[0].start, 19 * 60);
  EXPECT_EQ(shared[0].end, 21 * 60);
}

TEST(Planner, SameInputsSamePlanAndEverySessionFitsTheFreeTime) {
  Inputs in = evenings(kMonday);
  in.free = {{1, 19 * 60, 20 * 60}, {3, 18 * 60, 21 * 60}, {5, 10 * 60, 13 * 60}};
  Plan a = make_plan(library(), in), b = make_plan(library(), in);
  ASSERT_EQ(a.sessions.size(), b.sessions.size());
  for (std::size_t i = 0; i < a.sessions.size(); ++i) {
    EXPECT_EQ(a.sessions[i].practice, b.sessions[i].practice);
    EXPECT_EQ(a.sessions[i].start, b.sessions[i].start);
  }
  for (const auto& s : a.sessions) {
    bool fits = std::any_of(in.free.begin(), in.free.end(), [&](const Slot& f) {
      return s.day == kMonday + f.weekday && s.start >= f.start && s.start + s.minutes <= f.end;
    });
    EXPECT_TRUE(fits) << s.practice << " at " << s.start;
    EXPECT_FALSE(s.reason.empty());
  }
  EXPECT_EQ(fingerprint(in), fingerprint(in));
}

TEST(Planner, AimsAtTheWeakestAreaAndSaysWhy) {
  Inputs in = evenings(kMonday);
  in.needs = {{"core/trust", "Trust and vulnerability", 80}, {"habits/affection", "Affection", 10}};
  Plan p = make_plan(library(), in);
  ASSERT_EQ(p.sessions.size(), 5u);
  int trust = 0;
  for (const auto& s : p.sessions) {
    if (s.practice.rfind("trust_", 0) == 0) {
      ++trust;
      EXPECT_EQ(
          s.reason,
          "Aimed at trust and vulnerability, where you are least settled right now (20 of 100).");
    }
  }
  EXPECT_EQ(trust, 2);  // at most two per area, and trust_deep is not open yet (level 1)
}

TEST(Planner, VariedDislikesBudgetAndAFullWeek) {
  Inputs in = evenings(kMonday);
  in.preferences.dislikes = {"physical_affection"};
  in.preferences.budget = Cost::kLow;
  in.intensity = Intensity::kDeep;
  Plan p = make_plan(library(), in);
  std::set<std::string> tags;
  auto lib = library();
  for (const auto& s : p.sessions) {
    EXPECT_NE(s.practice, "hug");       // disliked
    EXPECT_NE(s.practice, "date_out");  // over budget
    auto it =
        std::find_if(lib.begin(), lib.end(), [&](const Practice& x) { return x.id == s.practice; });
    ASSERT_NE(it, lib.end());
    EXPECT_TRUE(tags.insert(it->tags.front()).second) << "two sessions of " << it->tags.front();
  }
  EXPECT_EQ(p.sessions.size(),
            6u);  // every open practice: two are above level 1, one disliked, one too dear
  std::set<Day> days;
  for (const auto& s : p.sessions) days.insert(s.day);
  EXPECT_EQ(days.size(), p.sessions.size());  // one a day while days are free
}

TEST(Planner, ALightWeekIsShortEasyAndLowEnergy) {
  Inputs in = evenings(kMonday);
  in.intensity = Intensity::kLight;
  for (int i = 0; i < 20; ++i) in.history.push_back({"listen", kMonday - 30 + i, true, 4});
  Plan p = make_plan(library(), in);
  EXPECT_EQ(p.sessions.size(), 3u);
  EXPECT_EQ(p.level, 1);
}

TEST(Planner, DifficultyOpensUpAsPracticesGetDone) {
  Inputs in = evenings(kMonday);
  EXPECT_EQ(make_plan(library(), in).level, 1);
  for (int i = 0; i < 8; ++i)
    in.history.push_back({"thanks", kMonday - 40 + i, true, std::nullopt});
  EXPECT_EQ(make_plan(library(), in).level, 3);
  // Easier sessions come first in the week.
  in.needs = {{"core/trust", "Trust", 90}};
  Plan p = make_plan(library(), in);
  int last = 0;
  for (const auto& s : p.sessions) {
    int d = 0;
    for (const auto& x : library()) {
      if (x.id == s.practice) d = x.difficulty;
    }
    EXPECT_GE(d, last);
    last = d;
  }
}

TEST(Planner, RatingsAndSkipsAdaptTheNextPlan) {
  Inputs in = evenings(kMonday);
  in.intensity = Intensity::kLight;
  Plan before = make_plan(library(), in);
  auto has = [](const Plan& p, const std::string& id) {
    return std::any_of(p.sessions.begin(), p.sessions.end(),
                       [&](const Session& s) { return s.practice == id; });
  };
  ASSERT_TRUE(has(before, before.sessions[0].practice));
  std::string dropped = before.sessions[0].practice;
  in.history.push_back({dropped, kMonday - 20, false, std::nullopt});
  in.history.push_back({dropped, kMonday - 13, false, std::nullopt});
  EXPECT_FALSE(has(make_plan(library(), in), dropped));
  in.history.push_back({"solo_walk", kMonday - 20, true, 5});
  Plan after = make_plan(library(), in);
  EXPECT_TRUE(has(after, "solo_walk"));
  for (const auto& s : after.sessions) {
    if (s.practice == "solo_walk") {
      EXPECT_EQ(s.reason, "You rated it 5 of 5 before.");
    }
  }
}

TEST(Planner, WithoutFreeTimesItUsesTypicalEveningsAndSaysSo) {
  Inputs in;
  in.week_start = kMonday;
  Plan p = make_plan(library(), in);
  EXPECT_EQ(p.sessions.size(), 5u);
  ASSERT_FALSE(p.notes.empty());
  EXPECT_NE(p.notes[0].find("add your free times"), std::string::npos);
}

TEST(Planner, FewerSessionsWhenTimeIsShortWithANote) {
  Inputs in;
  in.week_start = kMonday;
  in.free = {{2, 20 * 60, 20 * 60 + 40}};  // 40 minutes: two 10-minute practices with a break
  Plan p = make_plan(library(), in);
  ASSERT_EQ(p.sessions.size(), 2u);
  EXPECT_EQ(p.sessions[1].start, p.sessions[0].start + 10 + kBufferMinutes);
  EXPECT_NE(p.notes.back().find("Only 2 of 5"), std::string::npos);
}

TEST(ICalendar, EscapesTextAndFoldsLongLinesWithoutSplittingCharacters) {
  EXPECT_EQ(escape_text("a,b;c\\d\nE"), "a\\,b\\;c\\\\d\\nE");
  std::string line = "DESCRIPTION:" + std::string(100, 'x');
  std::string folded = fold(line);
  auto first = folded.substr(0, folded.find("\r\n"));
  EXPECT_EQ(first.size(), 75u);
  EXPECT_EQ(folded.substr(75, 3), "\r\n ");
  // Two-byte characters: no physical line ends inside one.
  std::string umlauts = "SUMMARY:" + std::string(40, 'x');
  for (int i = 0; i < 40; ++i) umlauts += "\xC3\xBC";
  std::string f = fold(umlauts);
  std::size_t at = 0;
  while ((at = f.find("\r\n ", at)) != std::string::npos) {
    EXPECT_NE(static_cast<unsigned char>(f[at + 3]) & 0xC0, 0x80u) << "split inside a character";
    at += 3;
  }
}

TEST(ICalendar, ACalendarHasEventsWithUidsTimesAndAlarms) {
  CalendarEvent e;
  e.uid = "abc@hearth";
  e.summary = "Walk, then tea";
  e.start = *parse_rfc3339("2026-11-25T19:00:00Z");
  e.minutes = 45;
  CalendarEvent d;
  d.uid = "promise-1@hearth";
  d.summary = "Reminder";
  d.day = *parse_day("2026-11-27");
  std::string cal = calendar("Hearth", {e, d}, *parse_rfc3339("2026-11-25T10:00:00Z"));
  EXPECT_EQ(cal.rfind("BEGIN:VCALENDAR\r\n", 0), 0u);
  EXPECT_NE(cal.find("UID:abc@hearth\r\n"), std::string::npos);
  EXPECT_NE(cal.find("DTSTART:20261125T190000Z\r\nDTEND:20261125T194500Z\r\n"), std::string::npos);
  EXPECT_NE(cal.find("SUMMARY:Walk\\, then tea\r\n"), std::string::npos);
  EXPECT_NE(cal.find("TRIGGER:-PT30M\r\n"), std::string::npos);
  EXPECT_NE(cal.find("DTSTART;VALUE=DATE:20261127\r\nDTEND;VALUE=DATE:20261128\r\n"),
            std::string::npos);
  EXPECT_NE(cal.find("TRIGGER:PT9H\r\n"), std::string::npos);
  EXPECT_EQ(cal.substr(cal.size() - 15), "END:VCALENDAR\r\n");
}

TEST(DailyPrompt, DeepensWithPracticeAndNeverRepeatsUntilADepthIsUsedUp) {
  EXPECT_EQ(allowed_depth(0), Depth::kLight);
  EXPECT_EQ(allowed_depth(kAnsweredForPersonal), Depth::kPersonal);
  EXPECT_EQ(allowed_depth(kAnsweredForVulnerable), Depth::kVulnerable);
  Day sunday = kMonday + 6;
  EXPECT_EQ(depth_for(sunday, Depth::kVulnerable, std::nullopt), Depth::kVulnerable);
  EXPECT_EQ(depth_for(sunday, Depth::kPersonal, std::nullopt), Depth::kPersonal);
  EXPECT_EQ(depth_for(sunday, Depth::kVulnerable, Depth::kLight), Depth::kLight);
  EXPECT_EQ(depth_for(kMonday, Depth::kVulnerable, std::nullopt), Depth::kLight);

  std::vector<Prompt> all = {{"p.a", Depth::kLight, "everyday", "A"},
                             {"p.b", Depth::kLight, "everyday", "B"},
                             {"p.c", Depth::kLight, "everyday", "C"},
                             {"p.d", Depth::kPersonal, "past", "D"}};
  std::vector<std::string> used;
  for (int i = 0; i < 3; ++i) {
    const Prompt* p = pick_prompt(all, used, 77, Depth::kLight);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(std::count(used.begin(), used.end(), p->id), 0) << "repeat before exhausted";
    used.push_back(p->id);
  }
  // Exhausted: the least recently used comes round again.
  EXPECT_EQ(pick_prompt(all, used, 77, Depth::kLight)->id, used.front());
  // No vulnerable prompts at all: a lighter depth is used.
  EXPECT_EQ(pick_prompt(all, used, 77, Depth::kVulnerable)->depth, Depth::kPersonal);
  EXPECT_EQ(pick_prompt({}, used, 77, Depth::kLight), nullptr);
}

TEST(Promises, SmallConcreteAndMarkedOnce) {
  Day today = 1000;
  EXPECT_TRUE(check_new_promise("Bring coffee on Saturday", today + 3, today).ok());
  EXPECT_EQ(check_new_promise("", today, today).error().field, "text");
  EXPECT_EQ(check_new_promise("x", today - 1, today).error().field, "due");
  EXPECT_EQ(check_new_promise("x", today + 91, today).error().field, "due");
  Promise p{1, 10, 5, "Call your mum", today + 2, PromiseStatus::kOpen, 0, std::nullopt, 0};
  EXPECT_EQ(resolve(p, PromiseStatus::kMissed, 6, today, 100).error().slug, "not-due-yet");
  EXPECT_TRUE(resolve(p, PromiseStatus::kKept, 6, today, 100).ok());
  EXPECT_EQ(p.resolved_by, 6);
  EXPECT_EQ(resolve(p, PromiseStatus::kMissed, 6, today + 3, 200).error().slug, "already-resolved");
}

TEST(Promises, ReliabilityPerPerson) {
  Day today = 1000;
  std::vector<Promise> all = {
      {1, 10, 5, "a", today - 3, PromiseStatus::kKept, 0, 1, 5},
      {2, 10, 5, "b", today - 2, PromiseStatus::kKept, 0, 1, 5},
      {3, 10, 5, "c", today - 1, PromiseStatus::kMissed, 0, 1, 6},
      {4, 10, 5, "d", today - 200, PromiseStatus::kMissed, 0, 1, 6},  // too long ago
      {5, 10, 6, "e", today + 3, PromiseStatus::kOpen, 0, std::nullopt, 0}};
  auto r = reliability(all, {5, 6}, today);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].kept, 2);
  EXPECT_EQ(r[0].missed, 1);
  EXPECT_NEAR(*r[0].share_kept, 2.0 / 3.0, 1e-9);
  EXPECT_EQ(r[1].open, 1);
  EXPECT_FALSE(r[1].share_kept.has_value());
}

TEST(Promises, ReliabilityOverTheLastSixMonths) {
  Day today = kMonday + 3;  // 2026-11-26
  Day sep_10 = kMonday - 74, jun_01 = kMonday - 175, may_31 = kMonday - 176;
  std::vector<Promise> all = {
      {1, 10, 5, "a", today, PromiseStatus::kKept, 0, 1, 5},
      {2, 10, 5, "b", kMonday - 22, PromiseStatus::kMissed, 0, 1, 5},  // 1 November
      {3, 10, 5, "c", sep_10, PromiseStatus::kKept, 0, 1, 6},
      {4, 10, 5, "d", sep_10, PromiseStatus::kKept, 0, 1, 6},
      {5, 10, 5, "e", jun_01, PromiseStatus::kMissed, 0, 1, 5},
      {6, 10, 5, "f", may_31, PromiseStatus::kKept, 0, 1, 5},  // before the six months
      {7, 10, 5, "g", today + 3, PromiseStatus::kOpen, 0, std::nullopt, 0}};
  auto r = reliability(all, {5}, today);
  ASSERT_EQ(r.size(), 1u);
  ASSERT_EQ(r[0].months.size(), 6u);
  std::vector<std::tuple<int, int, int, int>> got;
  for (const auto& m : r[0].months) got.emplace_back(m.year, m.month, m.kept, m.missed);
  EXPECT_EQ(got, (std::vector<std::tuple<int, int, int, int>>{{2026, 6, 0, 1},
                                                              {2026, 7, 0, 0},
                                                              {2026, 8, 0, 0},
                                                              {2026, 9, 2, 0},
                                                              {2026, 10, 0, 0},
                                                              {2026, 11, 1, 1}}));
  // Across a new year.
  auto jan = reliability({}, {5}, kMonday + 40);  // 2027-01-02
  EXPECT_EQ(jan[0].months.front().year, 2026);
  EXPECT_EQ(jan[0].months.front().month, 8);
  EXPECT_EQ(jan[0].months.back().year, 2027);
  EXPECT_EQ(jan[0].months.back().month, 1);
}

}  // namespace
}  // namespace hearth::plan

namespace hearth::plan {
namespace {

TEST(Planner, DaysAlreadyGoneAreNotPlanned) {
  Inputs in = evenings(kMonday);
  in.from = kMonday + 4;  // planned on Friday
  Plan p = make_plan(library(), in);
  ASSERT_FALSE(p.sessions.empty());
  for (const auto& s : p.sessions) EXPECT_GE(s.day, kMonday + 4);
}

}  // namespace
}  // namespace hearth::plan

namespace hearth::plan {
namespace {

TEST(Planner, FreeTimesMoveBetweenTimeZonesAcrossMidnightAndTheWeek) {
  // Sunday 22:00–24:00 two hours later is Monday 00:00–02:00 (round the end of the week).
  auto later = shifted({{6, 22 * 60, 24 * 60}}, 120);
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(later[0].weekday, 0);
  EXPECT_EQ(later[0].start, 0);
  EXPECT_EQ(later[0].end, 120);
  // Monday 01:00–03:00 two hours earlier is Sunday 23:00 to Monday 01:00: split at midnight.
  auto earlier = shifted({{0, 60, 180}}, -120);
  ASSERT_EQ(earlier.size(), 2u);
  EXPECT_EQ(earlier[0].weekday, 0);
  EXPECT_EQ(earlier[0].start, 0);
  EXPECT_EQ(earlier[0].end, 60);
  EXPECT_EQ(earlier[1].weekday, 6);
  EXPECT_EQ(earlier[1].start, 23 * 60);
  EXPECT_EQ(earlier[1].end, 24 * 60);
}

}  // namespace
}  // namespace hearth::plan

namespace hearth::plan {
namespace {

TEST(Planner, TodaysFirstSessionLeavesTimeToGetReady) {
  Inputs in;
  in.week_start = kMonday;
  in.from = kMonday + 2;
  in.from_minute = 12 * 60 + 7;  // planned on Wednesday at 12:07
  in.free = {{2, 9 * 60, 22 * 60}};
  in.intensity = Intensity::kLight;
  Plan p = make_plan(library(), in);
  ASSERT_FALSE(p.sessions.empty());
  // 12:07 + 15 minutes, on the next quarter hour.
  EXPECT_EQ(p.sessions.front().day, kMonday + 2);
  EXPECT_EQ(p.sessions.front().start, 12 * 60 + 30);
}

TEST(Planner, SettledSessionsAreThoseBegunOrDone) {
  Plan earlier;
  earlier.week_start = kMonday;
  earlier.sessions = {{"hug", kMonday, 19 * 60, 10, "r"},
                      {"listen", kMonday + 2, 11 * 60, 30, "r"},
                      {"thanks", kMonday + 2, 19 * 60, 10, "r"},
                      {"trust_walk", kMonday + 4, 19 * 60, 45, "r"},
                      {"phone_basket", kMonday + 5, 19 * 60, 30, "r"}};
  Inputs in = evenings(kMonday);
  in.from = kMonday + 2;
  in.from_minute = 12 * 60;                                // Wednesday noon
  in.history = {{"trust_walk", kMonday + 2, true, 4},      // done early this week
                {"phone_basket", kMonday + 2, false, {}},  // skipped ahead: not settled
                {"thanks", kMonday - 3, true, 5}};         // done last week: not settled
  auto kept = settled_sessions(earlier, in);
  std::vector<std::string> ids;
  for (const auto& s : kept) ids.push_back(s.practice);
  EXPECT_EQ(ids, (std::vector<std::string>{"hug", "listen", "trust_walk"}));
  // Another week's plan keeps nothing.
  in.week_start = kMonday + 7;
  EXPECT_TRUE(settled_sessions(earlier, in).empty());
}

TEST(Planner, KeptSessionsStayAndCountTowardsTheWeek) {
  Inputs in = evenings(kMonday);
  in.from = kMonday + 2;
  in.from_minute = 12 * 60;
  in.kept = {{"hug", kMonday, 19 * 60, 10, "kept reason"},
             {"trust_walk", kMonday + 4, 19 * 60, 45, "kept too"}};  // done early, still ahead
  Plan p = make_plan(library(), in);
  ASSERT_EQ(p.sessions.size(), 5u);  // regular: the 2 kept and 3 new
  EXPECT_EQ(p.sessions[0].practice, "hug");
  EXPECT_EQ(p.sessions[0].reason, "kept reason");
  std::set<std::string> practices;
  for (const auto& s : p.sessions) {
    EXPECT_TRUE(practices.insert(s.practice).second) << s.practice << " twice";
    if (s.practice == "hug" || s.practice == "trust_walk") continue;
    EXPECT_GE(s.day, kMonday + 2) << s.practice;
    // Nothing new overlaps the kept Friday session or its buffer.
    if (s.day == kMonday + 4) {
      EXPECT_TRUE(s.start + s.minutes <= 19 * 60 || s.start >= 19 * 60 + 45 + kBufferMinutes)
          << s.practice << " at " << s.start;
    }
  }
  EXPECT_TRUE(practices.count("trust_walk"));
  // More kept than the intensity asks for: nothing new is added.
  in.intensity = Intensity::kLight;
  in.kept.push_back({"listen", kMonday + 1, 19 * 60, 30, "r"});
  in.kept.push_back({"thanks", kMonday + 1, 20 * 60, 10, "r"});
  EXPECT_EQ(make_plan(library(), in).sessions.size(), 4u);
}

}  // namespace
}  // namespace hearth::plan

namespace hearth::plan {
namespace {

TEST(Planner, BeforeAnyResultsEachSessionGivesItsOwnReason) {
  Inputs in = evenings(kMonday);
  in.intensity = Intensity::kDeep;
  Plan p = make_plan(library(), in);
  ASSERT_GE(p.sessions.size(), 5u);
  std::set<std::string> reasons;
  for (const auto& s : p.sessions) {
    EXPECT_FALSE(s.reason.empty()) << s.practice;
    EXPECT_TRUE(reasons.insert(s.reason).second) << "said twice: " << s.reason;
  }
  // A reason about length is the session's own.
  int said_length = 0;
  for (const auto& s : p.sessions) {
    if (s.reason.rfind("Just ", 0) != 0) continue;
    ++said_length;
    EXPECT_EQ(s.reason,
              "Just " + std::to_string(s.minutes) + " minutes, so it fits even a full day.");
  }
  EXPECT_EQ(said_length, 1);
}

}  // namespace
}  // namespace hearth::plan
