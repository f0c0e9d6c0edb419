// The journey: a couple's milestones on one timeline — joining, pairing, questionnaires finished,
// check-in milestones, disagreements that ended in an agreement. Pure: callers pass only what the
// viewer may see (a partner's questionnaires appear as "finished", never with scores).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/time.h"

namespace hearth::journey {

enum class Kind { kJoined, kPaired, kAssessment, kCheckinMilestone, kConflictAgreed };
enum class Who { kMe, kPartner, kUs };
std::string_view to_string(Kind k);
std::string_view to_string(Who w);

struct Event {
  Millis at = 0;
  Kind kind = Kind::kJoined;
  Who who = Who::kMe;
  std::string title;
  std::string detail;
};

struct Finished {
  std::string instrument_title;
  int attempt = 1;  // this person's n-th attempt of the instrument
  Millis at = 0;
};

struct Agreed {
  std::string topic;
  Millis at = 0;
};

struct Inputs {
  Millis joined_at = 0;
  std::optional<std::string> partner_name;
  std::optional<Millis> paired_at;
  std::vector<Finished> mine, partners;
  // When each check-in was first saved, oldest first.
  std::vector<Millis> my_checkins, partner_checkins;
  std::vector<Agreed> agreed;
};

constexpr int kCheckinMilestones[] = {1, 7, 30, 100, 365};

// Newest first.
std::vector<Event> build(const Inputs& in);

}  // namespace hearth::journey
