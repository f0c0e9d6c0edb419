#include "core/assessment/causes.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace hearth::assessment {

std::string_view to_string(Whose w) {
  switch (w) {
    case Whose::kMine:
      return "mine";
    case Whose::kPartner:
      return "partner";
    case Whose::kOurs:
      return "ours";
  }
  return "mine";
}

std::string_view to_string(Level l) {
  switch (l) {
    case Level::kLikely:
      return "likely";
    case Level::kPossible:
      return "possible";
    case Level::kLessLikely:
      return "less_likely";
    case Level::kNotMeasured:
      return "not_measured";
  }
  return "not_measured";
}

namespace {

constexpr double kRoleAt = 60;      // a demand–withdraw subscale this high names a role
constexpr double kRoleMargin = 10;  // ... when it is this much above the other role

const Attempt* find(const std::vector<const Attempt*>& list, std::string_view instrument) {
  for (const Attempt* a : list) {
    if (a && a->instrument == instrument) return a;
  }
  return nullptr;
}

std::string whole(double v) { return std::to_string(static_cast<int>(std::lround(v))); }

std::string decimal1(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// How far a score points at a problem, 0–100.
double concern_of(const Subscale& s, double score) {
  return s.direction == Direction::kHigherIsWorse ? score : 100 - score;
}

struct Roles {
  std::optional<double> pursue, withdraw;
};

Roles roles_in(const Instrument& inst, const Attempt& a) {
  Roles r;
  for (const Subscale& s : inst.subscales) {
    const AreaScore* area = a.area(s.id);
    if (!area) continue;
    if (s.dw_role == DwRole::kIPursue) r.pursue = area->score;
    if (s.dw_role == DwRole::kIWithdraw) r.withdraw = area->score;
  }
  return r;
}

// "pursue", "withdraw", "both" or "" for the role these answers give their author.
std::string_view role(const Roles& r) {
  if (!r.pursue || !r.withdraw) return "";
  double p = *r.pursue, w = *r.withdraw;
  if (p >= kRoleAt && w >= kRoleAt) return "both";
  if (p >= kRoleAt && p - w >= kRoleMargin) return "pursue";
  if (w >= kRoleAt && w - p >= kRoleMargin) return "withdraw";
  return "";
}

// Sentences naming who pursues and who withdraws, from each partner's answers and where they agree.
void add_role_evidence(const Instrument& inst, const Attempt* mine, const Attempt* partners,
                       std::vector<Evidence>& out) {
  std::string_view my_role = mine ? role(roles_in(inst, *mine)) : "";
  std::string_view their_role = partners ? role(roles_in(inst, *partners)) : "";
  std::string source = inst.id + "/demand_withdraw";
  if (mine) {
    Roles r = roles_in(inst, *mine);
    if (r.pursue && r.withdraw) {
      std::string text;
      if (my_role == "pursue") {
        text =
            "In your answers, you tend to pursue (pressing to talk things through) and your "
            "partner tends to withdraw.";
      } else if (my_role == "withdraw") {
        text =
            "In your answers, your partner tends to pursue and you tend to withdraw (pulling "
            "back when they press).";
      } else if (my_role == "both") {
        text = "In your answers, each of you pursues and withdraws at different times.";
      } else {
        text = "Your answers do not show either of you stuck in a pursue–withdraw pattern.";
      }
      out.push_back({source, text, std::nullopt, Whose::kMine, 0});
    }
  }
  if (partners) {
    if (their_role == "pursue") {
      out.push_back({source, "In your partner's answers, they tend to pursue and you to withdraw.",
                     std::nullopt, Whose::kPartner, 0});
    } else if (their_role == "withdraw") {
      out.push_back({source, "In your partner's answers, you tend to pursue and they to withdraw.",
                     std::nullopt, Whose::kPartner, 0});
    }
  }
  if (my_role == "pursue" && their_role == "withdraw") {
    out.push_back({source,
                   "You both describe the same pattern: you pursue, your partner withdraws.",
                   std::nullopt, Whose::kOurs, 0});
  } else if (my_role == "withdraw" && their_role == "pursue") {
    out.push_back({source,
                   "You both describe the same pattern: your partner pursues, you withdraw.",
                   std::nullopt, Whose::kOurs, 0});
  }
}

}  // namespace

std::vector<CauseResult> cause_profile(const Catalog& catalog, const CauseInputs& in) {
  std::vector<CauseResult> out;
  for (const Cause& cause : catalog.causes) {
    CauseResult r;
    r.cause = &cause;
    std::vector<double> concerns;
    std::vector<Evidence> roles, scores;
    for (const Instrument& inst : catalog.instruments) {
      std::vector<const Subscale*> linked;
      bool has_roles = false;
      for (const Subscale& s : inst.subscales) {
        if (std::find(s.causes.begin(), s.causes.end(), cause.id) == s.causes.end()) continue;
        linked.push_back(&s);
        has_roles = has_roles || s.dw_role != DwRole::kNone;
      }
      if (linked.empty()) continue;
      const Attempt* mine = find(in.mine, inst.id);
      const Attempt* partners = find(in.partners, inst.id);
      if (!mine) r.measure_with.push_back(inst.id);
      for (auto [attempt, whose] : {std::pair{mine, Whose::kMine}, {partners, Whose::kPartner}}) {
        if (!attempt) continue;
        for (const Subscale* s : linked) {
          const AreaScore* area = attempt->area(s->id);
          if (!area) continue;
          double c = concern_of(*s, area->score);
          concerns.push_back(c);
          std::string text = s->title + ": " + whole(area->score) + " of 100 (" +
                             band_for(inst, *s, area->score).label + ") in " +
                             (whose == Whose::kMine ? "your answers" : "your partner's answers");
          scores.push_back({inst.id + "/" + s->id, text, area->score, whose, c});
        }
      }
      if (has_roles) add_role_evidence(inst, mine, partners, roles);
    }
    if (cause.id == kConflictRecordCause && in.conflicts &&
        in.conflicts->total >= kMinConflictsForEvidence) {
      const ConflictRecord& k = *in.conflicts;
      double c = round1(100.0 * k.unresolved / k.total);
      concerns.push_back(c);
      scores.push_back({"conflicts",
                        std::to_string(k.unresolved) + " of your " + std::to_string(k.total) +
                            " conversations in \"Talk it through\" ended without an agreement or "
                            "were left paused; " +
                            std::to_string(k.agreed) + " reached one.",
                        c, Whose::kOurs, c});
    }
    if (cause.id == kTrackedTimeCause && in.tracked &&
        in.tracked->checkins >= kMinCheckinsForEvidence) {
      const TrackedTime& t = *in.tracked;
      double focus =
          round1(std::clamp(100 - t.focused_minutes / kEnoughFocusedMinutes * 100, 0.0, 100.0));
      double screens = round1(t.tech_interference * 10);
      concerns.push_back(focus);
      concerns.push_back(screens);
      std::string over = "Over the last " + std::to_string(t.days) + " days of check-ins (" +
                         std::to_string(t.checkins) + "), ";
      scores.push_back({"checkins/focused_minutes",
                        over + "about " + whole(t.focused_minutes) +
                            " focused, phone-free minutes together on an average day.",
                        round1(t.focused_minutes), Whose::kOurs, focus});
      scores.push_back({"checkins/tech_interference",
                        over + "screens got in the way about " + decimal1(t.tech_interference) +
                            " of 10 on an average day.",
                        round1(t.tech_interference), Whose::kOurs, screens});
    }
    std::stable_sort(scores.begin(), scores.end(),
                     [](const Evidence& a, const Evidence& b) { return a.concern > b.concern; });
    r.evidence = std::move(roles);
    r.evidence.insert(r.evidence.end(), scores.begin(), scores.end());
    if (!concerns.empty()) {
      double sum = 0;
      for (double c : concerns) sum += c;
      r.strength = round1(sum / static_cast<double>(concerns.size()));
      r.level = *r.strength >= kLikelyAt     ? Level::kLikely
                : *r.strength >= kPossibleAt ? Level::kPossible
                                             : Level::kLessLikely;
    }
    out.push_back(std::move(r));
  }
  // Measured causes by strength (ties keep the content's order), then the unmeasured ones.
  std::stable_sort(out.begin(), out.end(), [](const CauseResult& a, const CauseResult& b) {
    if (a.strength.has_value() != b.strength.has_value()) return a.strength.has_value();
    return a.strength && *a.strength > *b.strength;
  });
  for (std::size_t i = 0; i < out.size(); ++i) out[i].rank = static_cast<int>(i + 1);
  return out;
}

}  // namespace hearth::assessment
