#include "core/plan/planner.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <tuple>

namespace hearth::plan {

std::string_view to_string(Intensity i) {
  switch (i) {
    case Intensity::kLight:
      return "light";
    case Intensity::kRegular:
      return "regular";
    case Intensity::kDeep:
      return "deep";
  }
  return "regular";
}

std::optional<Intensity> parse_intensity(std::string_view s) {
  if (s == "light") return Intensity::kLight;
  if (s == "regular") return Intensity::kRegular;
  if (s == "deep") return Intensity::kDeep;
  return std::nullopt;
}

int sessions_for(Intensity i) {
  switch (i) {
    case Intensity::kLight:
      return 3;
    case Intensity::kRegular:
      return 5;
    case Intensity::kDeep:
      return 7;
  }
  return 5;
}

Status check_slots(const std::vector<Slot>& slots) {
  if (slots.size() > 50) return Error::invalid("slots", "At most 50 free times a week.");
  for (std::size_t i = 0; i < slots.size(); ++i) {
    const Slot& s = slots[i];
    std::string field = "slots[" + std::to_string(i) + "]";
    if (s.weekday < 0 || s.weekday > 6) return Error::invalid(field, "Unknown day of the week.");
    if (s.start < 0 || s.end > 1440 || s.start >= s.end) {
      return Error::invalid(field, "A free time starts before it ends, within one day.");
    }
    if (s.end - s.start < 10) return Error::invalid(field, "A free time is at least 10 minutes.");
  }
  return Status::Ok();
}

namespace {

// Merges overlapping slots of one day and sorts by day and start.
std::vector<Slot> normalised(std::vector<Slot> slots) {
  std::sort(slots.begin(), slots.end(), [](const Slot& a, const Slot& b) {
    return std::tie(a.weekday, a.start, a.end) < std::tie(b.weekday, b.start, b.end);
  });
  std::vector<Slot> out;
  for (const Slot& s : slots) {
    if (!out.empty() && out.back().weekday == s.weekday && s.start <= out.back().end) {
      out.back().end = std::max(out.back().end, s.end);
    } else {
      out.push_back(s);
    }
  }
  return out;
}

// Typical free evenings and weekend mornings, for a couple who has not said when they are free.
std::vector<Slot> default_free_time() {
  std::vector<Slot> out;
  for (int d = 0; d < 7; ++d) out.push_back({d, 19 * 60, 21 * 60 + 30});
  out.push_back({5, 10 * 60, 12 * 60});
  out.push_back({6, 10 * 60, 12 * 60});
  return normalised(out);
}

std::string whole(double v) { return std::to_string(static_cast<int>(std::lround(v))); }

struct Candidate {
  const Practice* practice = nullptr;
  double score = 0;
  std::string reason;
  std::string top_area;  // the area this practice is mainly aimed at ("" when none)
};

std::string lower_first(std::string s) {
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
  return s;
}

}  // namespace

std::vector<Slot> shifted(const std::vector<Slot>& slots, int minutes) {
  constexpr int kWeek = 7 * 1440;
  std::vector<Slot> out;
  for (const Slot& s : slots) {
    int from = ((s.weekday * 1440 + s.start + minutes) % kWeek + kWeek) % kWeek;
    int length = s.end - s.start;
    while (length > 0) {
      int day = from / 1440, start = from % 1440;
      int part = std::min(length, 1440 - start);
      out.push_back({day, start, start + part});
      length -= part;
      from = (from + part) % kWeek;
    }
  }
  return normalised(out);
}

std::vector<Slot> shared_time(const std::vector<std::vector<Slot>>& people) {
  if (people.empty()) return {};
  std::vector<Slot> acc = normalised(people[0]);
  for (std::size_t p = 1; p < people.size(); ++p) {
    std::vector<Slot> other = normalised(people[p]), next;
    for (const Slot& a : acc) {
      for (const Slot& b : other) {
        if (a.weekday != b.weekday) continue;
        int s = std::max(a.start, b.start), e = std::min(a.end, b.end);
        if (e - s >= 10) next.push_back({a.weekday, s, e});
      }
    }
    acc = normalised(next);
  }
  return acc;
}

Preferences combine(const std::vector<Preferences>& people) {
  Preferences out;
  std::set<std::string> likes, dislikes;
  for (const auto& p : people) {
    likes.insert(p.likes.begin(), p.likes.end());
    dislikes.insert(p.dislikes.begin(), p.dislikes.end());
    out.budget = std::min(out.budget, p.budget);
    out.energy = std::min(out.energy, p.energy);
  }
  for (const auto& d : dislikes) likes.erase(d);  // a dislike by either wins
  out.likes.assign(likes.begin(), likes.end());
  out.dislikes.assign(dislikes.begin(), dislikes.end());
  return out;
}

Plan make_plan(const std::vector<Practice>& library, const Inputs& in) {
  Plan plan;
  plan.week_start = in.week_start;
  plan.intensity = in.intensity;

  // How far along the couple is: difficulty opens up as practices get done.
  int done = 0;
  std::map<std::string, std::vector<const LogEntry*>> by_practice;
  for (const auto& e : in.history) {
    done += e.done;
    by_practice[e.practice].push_back(&e);
  }
  bool light = in.intensity == Intensity::kLight;
  plan.level = light ? 1 : std::min(3, 1 + done / 4);
  Energy energy_cap = light ? Energy::kLow : in.preferences.energy;

  std::map<std::string, const Need*> needs;
  for (const auto& n : in.needs) needs[n.area] = &n;
  std::map<std::string, const CauseWeight*> causes;
  for (const auto& c : in.causes) causes[c.cause] = &c;
  const CauseWeight* top_cause = nullptr;
  for (const auto& c : in.causes) {
    if (!top_cause || c.strength > top_cause->strength) top_cause = &c;
  }
  auto has_tag = [](const Practice& p, const std::vector<std::string>& tags) {
    return std::any_of(p.tags.begin(), p.tags.end(), [&](const std::string& t) {
      return std::find(tags.begin(), tags.end(), t) != tags.end();
    });
  };

  std::set<std::string> kept;
  for (const auto& k : in.kept) kept.insert(k.practice);

  std::vector<Candidate> candidates;
  for (const Practice& p : library) {
    if (kept.count(p.id)) continue;
    if (p.difficulty > plan.level || p.energy > energy_cap || p.cost > in.preferences.budget)
      continue;
    if (has_tag(p, in.preferences.dislikes)) continue;
    Candidate c{&p, 0, "", ""};
    const Need* best_need = nullptr;
    for (const auto& a : p.areas) {
      auto it = needs.find(a);
      if (it != needs.end() && (!best_need || it->second->concern > best_need->concern)) {
        best_need = it->second;
      }
    }
    const CauseWeight* best_cause = nullptr;
    for (const auto& k : p.causes) {
      auto it = causes.find(k);
      if (it != causes.end() && (!best_cause || it->second->strength > best_cause->strength)) {
        best_cause = it->second;
      }
    }
    double need = best_need ? best_need->concern : (in.needs.empty() ? 50 : 20);
    double cause = best_cause ? best_cause->strength : (in.causes.empty() ? 40 : 10);
    c.score = 0.6 * need + 0.4 * cause;
    bool liked = has_tag(p, in.preferences.likes);
    if (liked) c.score += 15;
    std::optional<double> rating;
    int skipped_recently = 0;
    bool done_last_week = false, ever_done = false;
    if (auto it = by_practice.find(p.id); it != by_practice.end()) {
      double sum = 0;
      int n = 0;
      for (const LogEntry* e : it->second) {
        if (e->rating) {
          sum += *e->rating;
          ++n;
        }
        if (!e->done && e->day >= in.week_start - 28) ++skipped_recently;
        if (e->done && e->day >= in.week_start - 7) done_last_week = true;
        ever_done = ever_done || e->done;
      }
      if (n > 0) rating = sum / n;
    }
    if (rating) c.score += (*rating - 3) * 8;
    c.score -= 10 * skipped_recently;
    if (done_last_week) c.score -= 25;
    if (!ever_done) c.score += 5;
    if (best_need) c.top_area = best_need->area;

    // The one line that says why, from the strongest reason.
    if (best_need && best_need->concern >= 40) {
      c.reason = "Aimed at " + lower_first(best_need->title) +
                 ", where you are least settled right now (" + whole(100 - best_need->concern) +
                 " of 100).";
    } else if (best_cause && best_cause->strength >= 40) {
      c.reason = "Works on " + lower_first(best_cause->title) +
                 (best_cause == top_cause ? ", the most likely cause in your profile."
                                          : ", one of the likely causes in your profile.");
    } else if (rating && *rating >= 4) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "%.0f", *rating);
      c.reason = std::string("You rated it ") + buf + " of 5 before.";
    } else if (liked) {
      c.reason = "You said you enjoy this kind of thing.";
    } else if (in.needs.empty() && in.causes.empty()) {
      c.reason = "";  // said once the week is chosen, so that no two say the same
    } else {
      c.reason =
          ever_done ? "Something that worked before, for variety." : "Something new for you both.";
    }
    candidates.push_back(std::move(c));
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) {
                     if (a.score != b.score) return a.score > b.score;
                     return a.practice->id < b.practice->id;
                   });

  // Pick the best, keeping the week varied: one practice per main tag, at most two per area.
  // Sessions kept from an earlier plan of this week count towards it and its variety.
  int wanted = sessions_for(in.intensity);
  int to_choose = std::max(0, wanted - static_cast<int>(in.kept.size()));
  std::vector<const Candidate*> chosen;
  std::set<std::string> main_tags;
  std::map<std::string, int> per_area;
  for (const auto& k : in.kept) {
    auto p = std::find_if(library.begin(), library.end(),
                          [&](const Practice& x) { return x.id == k.practice; });
    if (p != library.end() && !p->tags.empty()) main_tags.insert(p->tags.front());
  }
  for (const Candidate& c : candidates) {
    if (static_cast<int>(chosen.size()) == to_choose) break;
    const std::string& tag = c.practice->tags.front();
    if (main_tags.count(tag)) continue;
    if (!c.top_area.empty() && per_area[c.top_area] >= 2) continue;
    main_tags.insert(tag);
    if (!c.top_area.empty()) ++per_area[c.top_area];
    chosen.push_back(&c);
  }
  // Easier first: the week starts gently and builds.
  std::stable_sort(chosen.begin(), chosen.end(), [](const Candidate* a, const Candidate* b) {
    return a->practice->difficulty < b->practice->difficulty;
  });
  // Before any results, each says what is true of it, without repeating the others.
  std::vector<std::string> reasons(chosen.size());
  std::set<std::string> said;
  for (std::size_t i = 0; i < chosen.size(); ++i) {
    reasons[i] = chosen[i]->reason;
    if (!reasons[i].empty()) continue;
    const Practice& p = *chosen[i]->practice;
    std::vector<std::string> options;
    if (said.empty()) options.push_back("An easy start while Hearth gets to know you.");
    if (p.who == Who::kSolo) {
      options.push_back("One for yourself: looking after you helps the two of you too.");
    }
    if (p.minutes <= 10) {
      options.push_back("Just " + std::to_string(p.minutes) +
                        " minutes, so it fits even a full day.");
    }
    if (p.setting == Setting::kOut) {
      options.push_back("A change of scene: time together away from home.");
    }
    if (p.difficulty > 1) {
      options.push_back("A step further, now that the easy ones are under way.");
    }
    if (p.energy == Energy::kLow) options.push_back("Gentle on energy: fine for a tired evening.");
    if (p.cost == Cost::kFree && p.who == Who::kTogether) {
      options.push_back("Free, and needs nothing but the two of you.");
    }
    options.push_back("Small and simple: habits grow from moments like this.");
    options.push_back(
        "A check-up would let Hearth aim the week at what you need most; until then, simple "
        "things first.");
    options.push_back("A good all-round way to feel closer.");
    options.push_back("Something new to try this week.");
    for (const auto& o : options) {
      if (!said.count(o)) {
        reasons[i] = o;
        break;
      }
    }
    if (reasons[i].empty()) reasons[i] = options.back();
    said.insert(reasons[i]);
  }

  std::vector<Slot> free = in.free.empty() ? default_free_time() : normalised(in.free);
  // Days of the week already gone are not planned.
  std::erase_if(free, [&](const Slot& s) { return in.week_start + s.weekday < in.from; });
  // Nor are today's hours already gone, with a little time to get ready.
  int earliest = in.from_minute > 0 ? (in.from_minute + kLeadMinutes + 14) / 15 * 15 : 0;
  for (Slot& s : free) {
    if (in.week_start + s.weekday == in.from) s.start = std::max(s.start, earliest);
  }
  // Nor the times of kept sessions still ahead (done early), with their buffer.
  for (const Session& k : in.kept) {
    std::vector<Slot> rest;
    int from = k.start, to = k.start + k.minutes + kBufferMinutes;
    for (const Slot& s : free) {
      if (in.week_start + s.weekday != k.day || s.end <= from || s.start >= to) {
        rest.push_back(s);
        continue;
      }
      if (s.start < from) rest.push_back({s.weekday, s.start, from});
      if (s.end > to) rest.push_back({s.weekday, to, s.end});
    }
    free = std::move(rest);
  }
  std::erase_if(free, [](const Slot& s) { return s.end - s.start < 5; });
  if (in.free.empty()) {
    plan.notes.push_back(
        "Placed in typical evenings and weekend mornings: add your free times for a plan that fits "
        "your week.");
  }
  std::set<int> used_days;
  for (const Session& k : in.kept) {
    plan.sessions.push_back(k);
    used_days.insert(static_cast<int>(k.day - in.week_start));
  }
  for (std::size_t i = 0; i < chosen.size(); ++i) {
    const Candidate* c = chosen[i];
    int minutes = c->practice->minutes;
    // The earliest slot that fits, on a day without a session if there is one.
    Slot* best = nullptr;
    for (int pass = 0; pass < 2 && !best; ++pass) {
      for (Slot& s : free) {
        if (s.end - s.start < minutes) continue;
        if (pass == 0 && used_days.count(s.weekday)) continue;
        best = &s;
        break;
      }
    }
    if (!best) continue;
    plan.sessions.push_back(
        {c->practice->id, in.week_start + best->weekday, best->start, minutes, reasons[i]});
    used_days.insert(best->weekday);
    best->start = std::min(best->end, best->start + minutes + kBufferMinutes);
  }
  if (static_cast<int>(plan.sessions.size()) < wanted) {
    plan.notes.push_back("Only " + std::to_string(plan.sessions.size()) + " of " +
                         std::to_string(wanted) +
                         " sessions fit this week: more shared free time, a lower budget limit or "
                         "fewer dislikes would leave room for more.");
  }
  std::sort(plan.sessions.begin(), plan.sessions.end(), [](const Session& a, const Session& b) {
    return std::tie(a.day, a.start) < std::tie(b.day, b.start);
  });
  return plan;
}

std::vector<Session> settled_sessions(const Plan& earlier, const Inputs& in) {
  std::vector<Session> out;
  if (earlier.week_start != in.week_start) return out;
  for (const Session& s : earlier.sessions) {
    bool begun = s.day < in.from || (s.day == in.from && s.start < in.from_minute);
    bool done = std::any_of(in.history.begin(), in.history.end(), [&](const LogEntry& e) {
      return e.done && e.practice == s.practice && e.day >= in.week_start &&
             e.day < in.week_start + 7;
    });
    if (begun || done) out.push_back(s);
  }
  return out;
}

std::string fingerprint(const Inputs& in) {
  std::string s = std::to_string(in.week_start) + "|" + std::string(to_string(in.intensity)) + "|";
  for (const auto& f : normalised(in.free)) {
    s += std::to_string(f.weekday) + ":" + std::to_string(f.start) + "-" + std::to_string(f.end) +
         ",";
  }
  s += "|" + std::to_string(static_cast<int>(in.preferences.budget)) +
       std::to_string(static_cast<int>(in.preferences.energy));
  for (const auto& l : in.preferences.likes) s += "+" + l;
  for (const auto& d : in.preferences.dislikes) s += "-" + d;
  for (const auto& n : in.needs) s += "|" + n.area + "=" + whole(n.concern);
  for (const auto& c : in.causes) s += "|" + c.cause + "=" + whole(c.strength);
  char buf[20];
  std::snprintf(buf, sizeof buf, "%016zx", std::hash<std::string>{}(s));
  return buf;
}

}  // namespace hearth::plan
