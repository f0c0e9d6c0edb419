#include "cli/demo.h"

#include <fmt/format.h>

#include "core/assessment/scoring.h"
#include "core/couple.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

#include "core/checkin.h"
#include "core/local_time.h"
#include "core/plan/planner.h"
#include "storage/plan_records.h"

#include <stdexcept>
#include "security/password_hasher.h"
#include "security/tokens.h"
#include "storage/group_commit.h"
#include "storage/store.h"

namespace hearth::cli {
namespace {

constexpr const char* kDemoPassword = "hearth-demo-password";
constexpr const char* kFirstNames[] = {"Maya",  "Daniel", "Priya", "Tom",   "Lena",  "Sam",
                                       "Aisha", "Jonas",  "Mei",   "Lucas", "Noor",  "Eli",
                                       "Sofia", "Ravi",   "Hana",  "Owen",  "Chloe", "Mateo"};

DemoCouple demo_couple(int i) {
  constexpr int n = sizeof(kFirstNames) / sizeof(kFirstNames[0]);
  std::string a = kFirstNames[(2 * i) % n], b = kFirstNames[(2 * i + 1) % n];
  auto email = [&](const std::string& name) {
    std::string lower;
    for (char c : name)
      lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    return i == 0 ? fmt::format("{}@demo.hearth", lower)
                  : fmt::format("{}.{}@demo.hearth", lower, i);
  };
  return {{email(a), a}, {email(b), b}};
}

using ToneOf = std::function<conflict::Tone(std::string_view)>;

// A few past disagreements, so the conflict log and its patterns have something to show: one
// agreed quickly, one agreed after a pause, one closed unresolved, and one left after a pause
// nobody came back from. `a` raised most of them, `b` is the one who tends to step away.
std::vector<conflict::Conflict> demo_conflicts(const Couple& couple, Millis now,
                                               const ToneOf& tone) {
  using namespace conflict;
  UserId a = couple.partners[0].user_id, b = couple.partners[1].user_id;
  std::vector<Conflict> out;
  auto must = [](Status s) {
    if (!s.ok()) throw std::logic_error("demo conflict: " + s.error().detail);
  };
  auto side = [&](Conflict& c, UserId who, const char* happened, const char* felt, const char* need,
                  Millis at) {
    must(write_side(c, who, happened, felt, need, true,
                    tone(std::string(happened) + "\n" + felt + "\n" + need), at));
  };
  auto restate = [&](Conflict& c, UserId who, const char* text, Millis at) {
    must(write_restatement(c, who, text, tone(text), at));
  };
  auto idea = [&](Conflict& c, UserId who, const char* text, Millis at) {
    must(add_idea(c, who, security::new_id(), text, tone(text), at));
  };

  {  // Nine weeks ago: phones at dinner. Agreed the same evening.
    Millis t = now - 63 * kDay;
    Conflict c = start(security::new_id(), couple, a, "Phones at the dinner table", t).value();
    side(c, a, "Last night you scrolled through your phone for most of dinner.",
         "I felt lonely sitting across from you, and a bit silly for cooking.",
         "I need dinner to be our time to actually talk.", t + 5 * kMinute);
    side(c, b, "Work kept pinging me and I thought I had to answer.",
         "I felt torn and stressed, and then defensive when you sighed.",
         "I need you to know it is not that I don't want to talk to you.", t + 9 * kMinute);
    restate(c, a, "Work was pulling at you and you felt stuck between it and me.",
            t + 12 * kMinute);
    must(answer_restatement(c, b, true, t + 13 * kMinute));
    restate(c, b, "You cooked for us and felt alone at the table, like I wasn't there.",
            t + 15 * kMinute);
    must(answer_restatement(c, a, true, t + 16 * kMinute));
    idea(c, a, "A basket by the door where both phones go during dinner.", t + 18 * kMinute);
    idea(c, b, "I tell my team I'm offline from seven to eight.", t + 19 * kMinute);
    must(propose_agreement(c, b,
                           {"Phones go in the basket during dinner", "Offline 7–8pm on weekdays"},
                           tone("Phones go in the basket during dinner"), t + 21 * kMinute));
    must(accept_agreement(c, a, t + 22 * kMinute));
    out.push_back(std::move(c));
  }
  {  // Six weeks ago: a weekend with the in-laws. A pause, then an agreement.
    Millis t = now - 41 * kDay;
    Conflict c = start(security::new_id(), couple, b, "Sunday visits to my parents", t).value();
    side(
        c, b, "You said you'd rather stay home again when my mum invited us.",
        "I felt embarrassed to cancel for the third time and worried she'll think you dislike her.",
        "I need us to go together at least now and then.", t + 10 * kMinute);
    side(c, a, "You never ask me before saying yes to your parents, you just assume.",
         "I felt invisible, like my weekend doesn't count.",
         "I need to be asked before plans are made for me.", t + 14 * kMinute);
    must(pause(c, b, 45, t + 16 * kMinute));
    restate(c, b, "You felt your weekend was decided for you without asking.", t + 70 * kMinute);
    must(answer_restatement(c, a, false, t + 72 * kMinute));
    restate(c, b,
            "You felt invisible when I said yes before asking you, and you need to be asked first.",
            t + 75 * kMinute);
    must(answer_restatement(c, a, true, t + 76 * kMinute));
    restate(c, a, "You worry your mum feels rejected, and you'd like us there together sometimes.",
            t + 80 * kMinute);
    must(answer_restatement(c, b, true, t + 81 * kMinute));
    idea(c, a, "Once a month is fine for me if we agree on the date together.", t + 85 * kMinute);
    idea(c, b, "I check with you before answering invitations.", t + 86 * kMinute);
    must(propose_agreement(c, a,
                           {"One Sunday a month with Daniel's parents, picked together",
                            "Invitations get a 'let me check' first"},
                           tone("One Sunday a month, picked together"), t + 90 * kMinute));
    must(accept_agreement(c, b, t + 95 * kMinute));
    out.push_back(std::move(c));
  }
  {  // A month ago: holiday money. Closed without an agreement.
    Millis t = now - 30 * kDay;
    Conflict c = start(security::new_id(), couple, a, "Money for the summer holiday", t).value();
    side(c, a, "You booked the flights without talking about the budget.",
         "I felt anxious and, honestly, angry. You always do this with money.",
         "I need big spending to be something we decide together.", t + 8 * kMinute);
    side(c, b, "I found a good deal and it was about to go.",
         "I felt criticised. It wasn't my fault the price was about to change.",
         "I need some trust that I'm not being reckless.", t + 20 * kMinute);
    restate(c, a, "You saw a deal and acted fast, and now you feel accused.", t + 25 * kMinute);
    must(close(c, b, t + 30 * kMinute));
    out.push_back(std::move(c));
  }
  {  // Ten days ago: bedtime. Paused, and nobody came back to it yet.
    Millis t = now - 10 * kDay;
    Conflict c = start(security::new_id(), couple, a, "Who does the kids' bedtime", t).value();
    side(c, a, "I've done bedtime every night this week.",
         "I feel worn out and a little resentful, and I miss our evenings.",
         "I need us to share it, so we both get some evening back.", t + 6 * kMinute);
    side(c, b, "I've been finishing work late most nights.", "I feel guilty, and tired too.",
         "I need a plan that works with my late days.", t + 40 * kMinute);
    must(pause(c, b, 60, t + 45 * kMinute));
    out.push_back(std::move(c));
  }
  return out;
}

// Where each demo partner stands on a subscale, 0–1 of the way up its scale, at the first round
// (`a` tends to pursue and worry, `b` to withdraw; they see affection very differently).
double demo_level(std::string_view subscale, int person) {
  static const std::map<std::string_view, std::pair<double, double>> kLevels = {
      {"signs", {0.55, 0.45}},          {"trust", {0.55, 0.7}},
      {"communication", {0.4, 0.35}},   {"acceptance", {0.78, 0.82}},
      {"quality_time", {0.35, 0.4}},    {"tech_interference", {0.6, 0.7}},
      {"affection", {0.65, 0.3}},       {"avoidance", {0.4, 0.65}},
      {"i_pursue", {0.75, 0.2}},        {"i_withdraw", {0.2, 0.72}},
      {"harshness", {0.4, 0.3}},        {"validation", {0.5, 0.55}},
      {"repair", {0.6, 0.55}},          {"attach_anxiety", {0.62, 0.3}},
      {"attach_avoidance", {0.25, 0.6}}};
  auto it = kLevels.find(subscale);
  if (it == kLevels.end()) return 0.5;
  return person == 0 ? it->second.first : it->second.second;
}

// A small, repeatable wobble per answer, so demo answers look like a person's.
double wobble(const std::string& item, int person, int round, int couple) {
  std::size_t h = std::hash<std::string>{}(item) ^ (static_cast<std::size_t>(person) * 7919u) ^
                  (static_cast<std::size_t>(round) * 104729u) ^
                  (static_cast<std::size_t>(couple) * 1299709u);
  return (static_cast<double>(h % 1000) / 1000.0 - 0.5) * 1.2;
}

// Both partners' attempts at every instrument, in two rounds.
std::vector<assessment::Attempt> demo_attempts(const assessment::Catalog& catalog,
                                               const Couple& couple, int index, Millis now) {
  using namespace assessment;
  std::vector<Attempt> out;
  const Millis rounds[] = {now - 40 * kDay, now - 5 * kDay};
  for (int round = 0; round < 2; ++round) {
    for (int person = 0; person < 2; ++person) {
      for (const Instrument& inst : catalog.instruments) {
        Draft draft{inst.id, {}, rounds[round], rounds[round]};
        for (const Item& item : inst.items) {
          const Subscale& sub = inst.subscales[item.subscale];
          double level = demo_level(sub.id, person);
          // The second round is a little better, whichever way "better" points.
          double step = round == 1 ? 0.08 : 0.0;
          level += sub.direction == Direction::kHigherIsBetter ? step : -step;
          if (item.facet == Facet::kIdeal) level = 0.9;
          if (item.reverse) level = 1 - level;
          double raw = inst.scale.min + level * (inst.scale.max - inst.scale.min) +
                       wobble(item.id, person, round, index);
          draft.answers[item.id] =
              std::clamp(static_cast<int>(std::lround(raw)), inst.scale.min, inst.scale.max);
        }
        Millis at = rounds[round] + (person * 20 + inst.order) * kHour;
        auto attempt =
            submit(inst, draft, security::new_id(), couple.partners[person].user_id, couple.id, at);
        if (!attempt) throw std::logic_error("demo attempt: " + attempt.error().detail);
        out.push_back(std::move(*attempt));
      }
    }
  }
  return out;
}

// Check-ins for both partners over `days` days ending today (UTC). Each partner's closeness drifts
// around the couple's trajectory; affection follows the previous day's closeness (the lagged
// effect the positive cycle should find) and, more weakly, the other way round.
std::vector<checkin::CheckIn> demo_checkins(const Couple& couple, int index, int days, Millis now) {
  enum Trajectory { kImproving, kStalling, kDeclining };
  auto trajectory = static_cast<Trajectory>(index % 3);
  static const char* kLines[] = {"Thank you for making dinner when I was late.",
                                 "I loved our walk tonight.",
                                 "Thanks for listening when I needed to vent.",
                                 "You made me laugh when I needed it.",
                                 "Thank you for handling the school run.",
                                 "I noticed you put your phone away. Thank you."};
  Day today = local_day(now, "UTC");
  std::vector<checkin::CheckIn> out;
  for (int person = 0; person < 2; ++person) {
    std::mt19937 rng(static_cast<unsigned>(index * 2 + person + 1));
    std::normal_distribution<double> noise(0, 1);
    std::uniform_real_distribution<double> chance(0, 1);
    double skip = person == 0 ? 0.1 : 0.3;  // one partner checks in less often
    double close_dev = 0, aff_dev = 0;      // today's distance from the trajectory
    for (int t = 0; t < days; ++t) {
      double progress = days > 1 ? static_cast<double>(t) / (days - 1) : 1.0;
      double base = trajectory == kImproving  ? 4.5 + 2.5 * progress
                    : trajectory == kStalling ? 5.5
                                              : 6.5 - 2.5 * progress;
      double next_close = 0.35 * close_dev + 0.2 * aff_dev + 1.1 * noise(rng);
      double next_aff = 0.3 * aff_dev + 0.55 * close_dev + 1.1 * noise(rng);
      close_dev = next_close;
      aff_dev = next_aff;
      if (chance(rng) < skip) continue;
      Day day = today - (days - 1 - t);
      bool weekend = weekday(day) >= 5;
      auto clamp10 = [](double v) { return std::clamp(static_cast<int>(std::lround(v)), 0, 10); };
      checkin::Answers a;
      a.closeness = clamp10(base + close_dev);
      a.connection = clamp10(base + close_dev + 0.5 * noise(rng));
      a.affection = clamp10(base - 0.5 + aff_dev);
      a.minutes_together = std::clamp(
          static_cast<int>(std::lround((weekend ? 150 : 60) + 12 * close_dev + 25 * noise(rng))), 0,
          600);
      double focused_share = std::clamp(0.35 + 0.05 * (base - 5) + 0.1 * noise(rng), 0.05, 0.95);
      a.focused_minutes = static_cast<int>(a.minutes_together * focused_share);
      a.tech_interference = clamp10(6.5 - 6 * focused_share + noise(rng));
      a.mood =
          std::clamp(static_cast<int>(std::lround(3 + 0.3 * close_dev + 0.6 * noise(rng))), 1, 5);
      a.stress = std::clamp(static_cast<int>(std::lround(3 + 0.8 * noise(rng))), 1, 5);
      a.self_care = chance(rng) < 0.5;
      if (chance(rng) < 0.12) {
        a.appreciation = checkin::Appreciation{kLines[(t + person) % 6], chance(rng) < 0.8};
      }
      Millis at = std::min(now, static_cast<Millis>(day) * kDay + 21 * kHour);
      out.push_back(checkin::upsert(std::nullopt, couple.partners[person].user_id, couple.id, day,
                                    a, "UTC", at));
    }
  }
  return out;
}

// Free evenings and weekend mornings, practices done over the last three weeks, promises (a few a
// month over up to half a year, more of them kept lately) and a few answered prompts.
void demo_plan_data(storage::WriteTx& tx, const plan::Library& lib, const Couple& couple, int index,
                    int days, Millis now) {
  UserId a = couple.partners[0].user_id, b = couple.partners[1].user_id;
  storage::AvailabilityRecord free_a{"UTC", {}, {}, now}, free_b{"UTC", {}, {}, now};
  for (int d = 0; d < 5; ++d) {
    free_a.slots.push_back({d, 18 * 60 + 30, 22 * 60});
    free_b.slots.push_back({d, 19 * 60, 22 * 60 + 30});
  }
  for (int d = 5; d < 7; ++d) {
    free_a.slots.push_back({d, 9 * 60, 13 * 60});
    free_b.slots.push_back({d, 10 * 60, 17 * 60});
  }
  free_a.preferences.likes = {"walk_and_talk"};
  free_b.preferences.budget = plan::Cost::kLow;
  tx.save_availability(a, free_a);
  tx.save_availability(b, free_b);
  Day today = local_day(now, "UTC");
  if (!lib.practices.empty()) {
    for (int i = 0; i < 9; ++i) {
      const auto& p = lib.practices[static_cast<std::size_t>(i * 5 + index) % lib.practices.size()];
      bool done = i % 4 != 3;
      std::optional<int> rating;
      if (done) rating = 3 + (i + index) % 3;
      tx.insert_practice_log({security::new_id(), couple.id, i % 2 ? b : a, p.id,
                              today - 21 + 2 * i, done, rating, "", now - (21 - 2 * i) * kDay});
    }
  }
  const char* promises[][2] = {{"Pick up the dry cleaning", "kept"},
                               {"Plan Saturday's walk", "kept"},
                               {"Call the plumber about the tap", "missed"},
                               {"Make breakfast on Sunday", "open"}};
  for (int i = 0; i < 4; ++i) {
    plan::Promise pr{security::new_id(),
                     couple.id,
                     i % 2 ? b : a,
                     promises[i][0],
                     today + (i == 3 ? 4 : -10 + 3 * i),
                     plan::PromiseStatus::kOpen,
                     now - (14 - i) * kDay,
                     std::nullopt,
                     0};
    pr.status = *plan::parse_promise_status(promises[i][1]);
    if (pr.status != plan::PromiseStatus::kOpen) {
      pr.resolved_at = now - (10 - 3 * i) * kDay;
      pr.resolved_by = i % 2 ? a : b;
    }
    tx.save_promise(pr);
  }
  // Earlier months: two or three promises each, kept more often as the months go by.
  static const char* kEarlier[] = {"Book the table for Friday",
                                   "Fix the bike light",
                                   "Bring flowers home",
                                   "Cook on Thursday",
                                   "Put the phone away at dinner",
                                   "Call your mother back",
                                   "Take the bins out",
                                   "Plan a film night"};
  for (int back = std::min(5, (days - 20) / 30); back >= 1; --back) {
    for (int k = 0; k < 2 + (back + index) % 2; ++k) {
      UserId by = (k + back) % 2 ? b : a;
      Day due = today - 30 * back + 3 + 9 * k;
      bool kept = (back + k + index) % 5 < 5 - back / 2 - (index % 3 == 2 ? 1 : 0);
      plan::Promise pr{security::new_id(),
                       couple.id,
                       by,
                       kEarlier[static_cast<std::size_t>(back * 3 + k + index) % 8],
                       due,
                       kept ? plan::PromiseStatus::kKept : plan::PromiseStatus::kMissed,
                       static_cast<Millis>(due - 4) * kDay + 9 * kHour,
                       static_cast<Millis>(due) * kDay + 21 * kHour,
                       by == a ? b : a};
      tx.save_promise(pr);
    }
  }
  static const char* kAnswers[] = {"Honestly, the quiet coffee before everyone woke up.",
                                   "When you laughed at my terrible joke at dinner.",
                                   "I'd love us to see the sea again this year.",
                                   "Probably the walk on Sunday; it felt easy again.",
                                   "That you notice when I'm tired and make tea."};
  std::size_t n = std::min<std::size_t>(5, lib.prompts.size());
  for (std::size_t i = 0; i < n; ++i) {
    Day day = today - static_cast<Day>(n - i);
    const auto& prompt =
        lib.prompts[(i * 7 + static_cast<std::size_t>(index)) % lib.prompts.size()];
    tx.add_daily_prompt(couple.id, {day, prompt.id, false});
    Millis at = static_cast<Millis>(day) * kDay + 20 * kHour;
    tx.save_prompt_answer({prompt.id, a, couple.id, kAnswers[i], at, at});
    tx.save_prompt_answer({prompt.id, b, couple.id, kAnswers[(i + 2) % 5], at + kHour, at + kHour});
  }
}

}  // namespace

Result<DemoResult> create_demo(storage::GroupCommitWriter& writer, int couples, Millis now,
                               const ToneOf& tone, const assessment::Catalog& catalog, int days,
                               const plan::Library* library) {
  DemoResult result;
  result.password = kDemoPassword;
  // One Argon2id hash serves every demo account: they share a password by design.
  auto hash = security::hash_password(kDemoPassword, security::HashCost{});
  if (!hash)
    return Error::make(ErrorCode::kInternal, "hash-failed", "Out of memory while hashing.");

  constexpr int kPerWrite = 500;
  for (int start = 0; start < couples; start += kPerWrite) {
    int end = std::min(couples, start + kPerWrite);
    int existed = 0;
    Status s = writer.run([&](storage::WriteTx& tx) -> Status {
      existed = 0;
      for (int i = start; i < end; ++i) {
        DemoCouple c = demo_couple(i);
        if (tx.user_by_email(c.first.email) || tx.user_by_email(c.second.email)) {
          ++existed;
          continue;
        }
        // The partners met Hearth a while ago (before their first check-in), a day apart.
        Millis joined = now - std::max(70, days + 7) * kDay;
        User first{security::new_id(), c.first.email, c.first.display_name, *hash, joined};
        User second{security::new_id(), c.second.email, c.second.display_name, *hash,
                    joined + kDay};
        if (Status st = tx.insert_user(first); !st.ok()) return st;
        if (Status st = tx.insert_user(second); !st.ok()) return st;
        Couple couple{security::new_id(),
                      joined,
                      {{first.id, first.display_name, joined},
                       {second.id, second.display_name, joined + kDay}},
                      std::nullopt};
        tx.insert_couple(couple.id, first.id, joined);
        tx.add_partner(couple.id, second.id, joined + kDay);
        for (const auto& c : demo_conflicts(couple, now, tone)) tx.save_conflict(c);
        for (const auto& a : demo_attempts(catalog, couple, i, now)) tx.insert_attempt(a);
        for (const auto& c : demo_checkins(couple, i, days, now)) tx.save_checkin(c);
        if (library) demo_plan_data(tx, *library, couple, i, days, now);
      }
      return Status::Ok();
    });
    if (!s.ok()) return s.error();
    result.already_there += existed;
  }
  for (int i = 0; i < couples && i < 3; ++i) result.couples.push_back(demo_couple(i));
  return result;
}

}  // namespace hearth::cli
