#include "core/journey.h"

#include <algorithm>

namespace hearth::journey {

std::string_view to_string(Kind k) {
  switch (k) {
    case Kind::kJoined:
      return "joined";
    case Kind::kPaired:
      return "paired";
    case Kind::kAssessment:
      return "assessment";
    case Kind::kCheckinMilestone:
      return "checkin_milestone";
    case Kind::kConflictAgreed:
      return "conflict_agreed";
  }
  return "joined";
}

std::string_view to_string(Who w) {
  switch (w) {
    case Who::kMe:
      return "me";
    case Who::kPartner:
      return "partner";
    case Who::kUs:
      return "us";
  }
  return "me";
}

namespace {

std::string ordinal(int n) {
  int tens = n % 100;
  const char* suffix = (tens >= 11 && tens <= 13) ? "th"
                       : n % 10 == 1              ? "st"
                       : n % 10 == 2              ? "nd"
                       : n % 10 == 3              ? "rd"
                                                  : "th";
  return std::to_string(n) + suffix;
}

}  // namespace

std::vector<Event> build(const Inputs& in) {
  std::vector<Event> out;
  out.push_back({in.joined_at, Kind::kJoined, Who::kMe, "You started with Hearth",
                 "The first step is often the hardest one."});
  if (in.paired_at && in.partner_name) {
    out.push_back({*in.paired_at, Kind::kPaired, Who::kUs,
                   "You and " + *in.partner_name + " paired up",
                   "From here on, some things can be seen side by side."});
  }
  auto finished = [&](const std::vector<Finished>& list, Who who) {
    for (const auto& f : list) {
      std::string whom = who == Who::kMe ? "You" : in.partner_name.value_or("Your partner");
      std::string title = whom + " finished " + f.instrument_title;
      std::string detail = f.attempt == 1 ? "A first look."
                                          : "Taken for the " + ordinal(f.attempt) +
                                                " time: a chance to see what moved.";
      out.push_back({f.at, Kind::kAssessment, who, title, detail});
    }
  };
  finished(in.mine, Who::kMe);
  finished(in.partners, Who::kPartner);
  auto milestones = [&](const std::vector<Millis>& times, Who who) {
    for (int n : kCheckinMilestones) {
      if (static_cast<int>(times.size()) < n) break;
      std::string whose =
          who == Who::kMe ? "Your" : in.partner_name.value_or("Your partner") + "'s";
      std::string title = whose + " " + ordinal(n) + " check-in";
      std::string detail =
          n == 1 ? "A minute a day adds up." : std::to_string(n) + " days of paying attention.";
      out.push_back(
          {times[static_cast<std::size_t>(n - 1)], Kind::kCheckinMilestone, who, title, detail});
    }
  };
  milestones(in.my_checkins, Who::kMe);
  milestones(in.partner_checkins, Who::kPartner);
  for (const auto& a : in.agreed) {
    out.push_back({a.at, Kind::kConflictAgreed, Who::kUs, "You found an agreement together",
                   "On \u201c" + a.topic + "\u201d."});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Event& a, const Event& b) { return a.at > b.at; });
  return out;
}

}  // namespace hearth::journey
