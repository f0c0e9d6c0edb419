#include "core/conflict.h"

#include <algorithm>

namespace hearth::conflict {
namespace {

Error wrong_step(std::string detail) {
  return Error::make(ErrorCode::kConflict, "wrong-step", std::move(detail));
}

// "19:02 UTC on 2026-11-25": readable in a message, unambiguous across time zones.
std::string when(Millis t) {
  std::string iso = format_rfc3339(t);
  return iso.substr(11, 5) + " UTC on " + iso.substr(0, 10);
}

Error paused_error(const Pause& p) {
  return Error::make(
      ErrorCode::kConflict, "conflict-paused",
      "This conversation is paused until " + when(p.until) + ". It picks up again then.");
}

Status check_text(std::string_view field, std::string_view text, std::size_t max,
                  bool required = true) {
  std::size_t n = utf8_length(text);
  if (required && text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return Error::invalid(std::string(field), "Please write something here first.");
  }
  if (n > max) {
    return Error::invalid(std::string(field),
                          "Please keep this to " + std::to_string(max) + " characters or fewer.");
  }
  return Status::Ok();
}

UserId partner_of(const Conflict& c, UserId me) {
  for (const auto& [id, at] : c.last_activity) {
    if (id != me) return id;
  }
  return 0;
}

// Every change: the person is a partner here, the conversation is open and not paused.
Status may_change(const Conflict& c, UserId me, Millis now) {
  if (!c.last_activity.count(me)) {
    return Error::make(ErrorCode::kNotFound, "not-found", "There is no such conversation.");
  }
  if (!c.open()) {
    return wrong_step(
        c.stage == Stage::kAgreed
            ? "This conversation ended with an agreement; start a new one to talk again."
            : "This conversation was closed; start a new one to talk again.");
  }
  if (auto p = active_pause(c, now)) return paused_error(*p);
  return Status::Ok();
}

void touch(Conflict& c, UserId me, Millis now) {
  c.last_activity[me] = now;
  c.updated_at = now;
}

}  // namespace

std::string_view to_string(Stage s) {
  switch (s) {
    case Stage::kWriting:
      return "writing";
    case Stage::kUnderstanding:
      return "understanding";
    case Stage::kIdeas:
      return "ideas";
    case Stage::kAgreement:
      return "agreement";
    case Stage::kAgreed:
      return "agreed";
    case Stage::kClosed:
      return "closed";
  }
  return "writing";
}

std::optional<Stage> parse_stage(std::string_view s) {
  for (Stage st : {Stage::kWriting, Stage::kUnderstanding, Stage::kIdeas, Stage::kAgreement,
                   Stage::kAgreed, Stage::kClosed}) {
    if (to_string(st) == s) return st;
  }
  return std::nullopt;
}

std::string_view to_string(RestatementStatus s) {
  switch (s) {
    case RestatementStatus::kWaiting:
      return "waiting";
    case RestatementStatus::kConfirmed:
      return "confirmed";
    case RestatementStatus::kTryAgain:
      return "try_again";
  }
  return "waiting";
}

std::optional<RestatementStatus> parse_restatement_status(std::string_view s) {
  for (auto st :
       {RestatementStatus::kWaiting, RestatementStatus::kConfirmed, RestatementStatus::kTryAgain}) {
    if (to_string(st) == s) return st;
  }
  return std::nullopt;
}

bool Conflict::both_submitted() const {
  int n = 0;
  for (const auto& [author, side] : sides) n += side.submitted_at.has_value();
  return n == 2;
}

bool tools_offered(const std::optional<Couple>& couple, const SafetySignals& safety) {
  return couple && couple->paired() && !safety.screen_positive;
}

Error tools_unavailable(const std::optional<Couple>& couple, const SafetySignals& safety) {
  if (safety.screen_positive) {
    // Worded so it reveals nothing about why to anyone reading over a shoulder.
    return Error::make(ErrorCode::kForbidden, "conflict-tools-unavailable",
                       "The conflict tools are not offered here.");
  }
  if (!couple || !couple->paired()) {
    return Error::make(ErrorCode::kForbidden, "conflict-tools-unavailable",
                       "Talking a disagreement through needs both partners: invite yours first.");
  }
  return Error::make(ErrorCode::kForbidden, "conflict-tools-unavailable",
                     "The conflict tools are not offered here.");
}

std::optional<Pause> active_pause(const Conflict& c, Millis now) {
  if (c.pauses.empty()) return std::nullopt;
  const Pause& p = c.pauses.back();
  if (p.resumed_at || now >= p.until) return std::nullopt;
  return p;
}

bool participant(const Conflict& c, UserId user) { return c.last_activity.count(user) > 0; }

bool between(const Conflict& c, const Couple& couple) {
  if (!couple.paired() || c.couple_id != couple.id) return false;
  return std::all_of(couple.partners.begin(), couple.partners.end(),
                     [&](const Partner& p) { return participant(c, p.user_id); });
}

std::string_view pause_suggestion(const Conflict& c, const std::vector<std::string>& suggestions) {
  if (suggestions.empty()) return {};
  auto key = static_cast<std::uint64_t>(c.id) + c.pauses.size() * 7919u;
  return suggestions[key % suggestions.size()];
}

Result<Conflict> start(ConflictId id, const Couple& couple, UserId me, std::string_view topic,
                       Millis now) {
  if (!couple.paired() || !couple.has_member(me)) {
    return tools_unavailable(couple, {});
  }
  std::string t(topic);
  auto b = t.find_first_not_of(" \t\r\n");
  auto e = t.find_last_not_of(" \t\r\n");
  t = b == std::string::npos ? "" : t.substr(b, e - b + 1);
  if (Status s = check_text("topic", t, kMaxTopicChars); !s.ok()) return s.error();
  if (std::any_of(t.begin(), t.end(), [](char ch) {
        auto u = static_cast<unsigned char>(ch);
        return u < 0x20 || u == 0x7f;
      })) {
    return Error::invalid("topic", "Please keep the topic to one line of plain text.");
  }
  Conflict c;
  c.id = id;
  c.couple_id = couple.id;
  c.topic = std::move(t);
  c.started_by = me;
  c.created_at = c.updated_at = now;
  for (const Partner& p : couple.partners) c.last_activity[p.user_id] = 0;
  c.last_activity[me] = now;
  return c;
}

Status write_side(Conflict& c, UserId me, std::string happened, std::string felt, std::string need,
                  bool submit, Tone tone, Millis now) {
  if (Status s = may_change(c, me, now); !s.ok()) return s;
  if (c.stage != Stage::kWriting) {
    return wrong_step("Both sides are already shared; the next step is understanding each other.");
  }
  auto& mine = c.sides[me];
  if (mine.submitted_at) {
    return wrong_step("You have already shared your side. Wait for your partner to share theirs.");
  }
  for (auto [field, text] : {std::pair<std::string_view, std::string_view>{"happened", happened},
                             {"felt", felt},
                             {"need", need}}) {
    if (Status s = check_text(field, text, kMaxTextChars, submit); !s.ok()) return s;
  }
  mine.happened = std::move(happened);
  mine.felt = std::move(felt);
  mine.need = std::move(need);
  mine.updated_at = now;
  mine.tone = tone;
  if (submit) mine.submitted_at = now;
  if (c.both_submitted()) c.stage = Stage::kUnderstanding;
  touch(c, me, now);
  return Status::Ok();
}

Status write_restatement(Conflict& c, UserId me, std::string text, Tone tone, Millis now) {
  if (Status s = may_change(c, me, now); !s.ok()) return s;
  if (c.stage != Stage::kUnderstanding) {
    return wrong_step(c.stage == Stage::kWriting
                          ? "Restating comes after both of you have shared your sides."
                          : "You have both been understood already; this step is done.");
  }
  if (Status s = check_text("text", text, kMaxTextChars); !s.ok()) return s;
  auto& r = c.restatements[me];
  if (r.status == RestatementStatus::kConfirmed && r.attempts > 0) {
    return wrong_step("Your partner already confirmed you understood them.");
  }
  r.text = std::move(text);
  r.status = RestatementStatus::kWaiting;
  r.attempts += 1;
  r.updated_at = now;
  r.tone = tone;
  touch(c, me, now);
  return Status::Ok();
}

Status answer_restatement(Conflict& c, UserId me, bool confirm, Millis now) {
  if (Status s = may_change(c, me, now); !s.ok()) return s;
  if (c.stage != Stage::kUnderstanding) {
    return wrong_step("There is no restatement to answer at this step.");
  }
  auto it = c.restatements.find(partner_of(c, me));
  if (it == c.restatements.end() || it->second.status != RestatementStatus::kWaiting) {
    return wrong_step("Your partner has not written how they understand you yet.");
  }
  it->second.status = confirm ? RestatementStatus::kConfirmed : RestatementStatus::kTryAgain;
  int confirmed = 0;
  for (const auto& [author, r] : c.restatements) {
    confirmed += r.status == RestatementStatus::kConfirmed;
  }
  if (confirmed == 2) c.stage = Stage::kIdeas;
  touch(c, me, now);
  return Status::Ok();
}

Status add_idea(Conflict& c, UserId me, std::int64_t idea_id, std::string text, Tone tone,
                Millis now) {
  if (Status s = may_change(c, me, now); !s.ok()) return s;
  if (c.stage != Stage::kIdeas) {
    return wrong_step(c.stage == Stage::kAgreement
                          ? "An agreement is on the table: accept it or propose a changed one."
                          : "Ideas come once you have both felt understood.");
  }
  if (Status s = check_text("text", text, kMaxIdeaChars); !s.ok()) return s;
  if (c.ideas.size() >= kMaxIdeas) {
    return wrong_step("That is a lot of ideas already: try shaping an agreement from them.");
  }
  c.ideas.push_back({idea_id, me, std::move(text), now, tone});
  touch(c, me, now);
  return Status::Ok();
}

Status propose_agreement(Conflict& c, UserId me, std::vector<std::string> steps, Tone tone,
                         Millis now) {
  if (Status s = may_change(c, me, now); !s.ok()) return s;
  if (c.stage != Stage::kIdeas && c.stage != Stage::kAgreement) {
    return wrong_step("An agreement comes after ideas from both of you.");
  }
  UserId partner = partner_of(c, me);
  bool mine = false, theirs = false;
  for (const Idea& i : c.ideas) {
    mine = mine || i.author == me;
    theirs = theirs || i.author == partner;
  }
  if (!mine || !theirs) {
    return wrong_step("Each of you adds at least one idea before an agreement is proposed.");
  }
  if (steps.empty() || steps.size() > kMaxSteps) {
    return Error::invalid("steps", "An agreement has between 1 and 10 steps.");
  }
  for (const auto& step : steps) {
    if (Status s = check_text("steps", step, kMaxStepChars); !s.ok()) return s;
  }
  c.agreement = Agreement{std::move(steps), me, {me}, now, std::nullopt, tone};
  c.stage = Stage::kAgreement;
  touch(c, me, now);
  return Status::Ok();
}

Status accept_agreement(Conflict& c, UserId me, Millis now) {
  if (Status s = may_change(c, me, now); !s.ok()) return s;
  if (c.stage != Stage::kAgreement || !c.agreement) {
    return wrong_step("There is no agreement proposed yet.");
  }
  auto& acc = c.agreement->accepted_by;
  if (std::find(acc.begin(), acc.end(), me) != acc.end()) {
    return wrong_step("You have accepted this agreement; it is your partner's turn.");
  }
  acc.push_back(me);
  if (acc.size() == 2) {
    c.agreement->agreed_at = now;
    c.stage = Stage::kAgreed;
    c.ended_at = now;
  }
  touch(c, me, now);
  return Status::Ok();
}

Status pause(Conflict& c, UserId me, int minutes, Millis now) {
  if (Status s = may_change(c, me, now); !s.ok()) return s;
  if (minutes < kMinPauseMinutes || minutes > kMaxPauseMinutes) {
    return Error::invalid("minutes",
                          "A pause lasts at least 20 minutes (long enough to calm down) and at "
                          "most 7 days.");
  }
  c.pauses.push_back({me, now, now + minutes * kMinute, std::nullopt});
  touch(c, me, now);
  return Status::Ok();
}

Status resume(Conflict& c, UserId me, Millis now) {
  if (!c.last_activity.count(me)) {
    return Error::make(ErrorCode::kNotFound, "not-found", "There is no such conversation.");
  }
  auto p = active_pause(c, now);
  if (!p) return wrong_step("This conversation is not paused.");
  if (p->by != me) {
    return wrong_step("Your partner asked for this pause; it ends by itself at " + when(p->until) +
                      ".");
  }
  c.pauses.back().resumed_at = now;
  touch(c, me, now);
  return Status::Ok();
}

Status close(Conflict& c, UserId me, Millis now) {
  if (Status s = may_change(c, me, now); !s.ok()) return s;
  c.stage = Stage::kClosed;
  c.ended_at = now;
  c.closed_by = me;
  touch(c, me, now);
  return Status::Ok();
}

std::string next_step(const Conflict& c, UserId me, Millis now) {
  if (auto p = active_pause(c, now)) {
    return p->by == me
               ? "You asked for a pause. Come back when you feel ready, or at the time you set."
               : "Your partner asked for a pause. The conversation picks up again at the time they "
                 "set.";
  }
  UserId partner = partner_of(c, me);
  switch (c.stage) {
    case Stage::kWriting: {
      auto mine = c.sides.find(me);
      if (mine == c.sides.end() || !mine->second.submitted_at) {
        return "Write your side: what happened, what you felt, and what you need underneath.";
      }
      return "Your side is shared. When your partner shares theirs, you will see both.";
    }
    case Stage::kUnderstanding: {
      auto mine = c.restatements.find(me);
      auto theirs = c.restatements.find(partner);
      if (theirs != c.restatements.end() && theirs->second.status == RestatementStatus::kWaiting) {
        return "Read how your partner understood you, and tell them whether they got it.";
      }
      if (mine == c.restatements.end() || mine->second.status == RestatementStatus::kTryAgain) {
        return "Put your partner's view in your own words, so they feel understood.";
      }
      if (mine->second.status == RestatementStatus::kWaiting) {
        return "Your partner is reading how you understood them.";
      }
      return "You understood your partner. Now it is their turn to understand you.";
    }
    case Stage::kIdeas:
      return "Add ideas that could help. When you both have one, shape them into an agreement.";
    case Stage::kAgreement: {
      const auto& acc = c.agreement->accepted_by;
      if (std::find(acc.begin(), acc.end(), me) == acc.end()) {
        return "Read the proposed agreement: accept it, or propose a changed one.";
      }
      return "You proposed or accepted this agreement; your partner decides next.";
    }
    case Stage::kAgreed:
      return "You agreed on what to do. Come back to it in a few days and see how it is going.";
    case Stage::kClosed:
      return "This conversation was closed without an agreement. You can start again any time.";
  }
  return "";
}

ItemMeta side_meta(const Conflict& c, UserId author, const std::vector<UserId>& members) {
  bool in = std::find(members.begin(), members.end(), author) != members.end();
  return {author, c.couple_id, Visibility::kRevealedWhenBothAnswered, c.both_submitted(), in};
}

ItemMeta shared_meta(const Conflict& c, UserId author, const std::vector<UserId>& members) {
  bool in = std::find(members.begin(), members.end(), author) != members.end();
  return {author, c.couple_id, Visibility::kShared, false, in};
}

}  // namespace hearth::conflict
