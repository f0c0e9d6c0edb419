// The storage interface. The rest of Hearth sees only these types; each database engine is a
// backend behind them (SQLite now, PostgreSQL later). Nothing here names an engine.
//
// Reads run on the calling thread in a consistent snapshot (Store::read). Writes are queued to
// the GroupCommitWriter, which runs many of them in one transaction (Store::begin_batch).
// Every couple-scoped table carries couple_id so a deployment can be partitioned by couple.
//
// Backend methods report database failures by throwing StorageFailure; Store::read and the
// GroupCommitWriter catch it and turn it into an Error, so callers only ever see values.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/account.h"
#include "core/assessment/scoring.h"
#include "core/checkin.h"
#include "core/conflict.h"
#include "core/couple.h"
#include "core/result.h"
#include "core/time.h"
#include "storage/plan_records.h"

namespace hearth::storage {

class StorageFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct SessionRecord {
  std::string token_hash;
  UserId user_id = 0;
  Millis created_at = 0;
  Millis last_seen_at = 0;
};

struct InviteRecord {
  std::string code_hash;
  Invite invite;
  std::optional<UserId> used_by;
};

class ReadTx {
 public:
  virtual ~ReadTx() = default;
  virtual std::optional<User> user_by_id(UserId id) = 0;
  virtual std::optional<User> user_by_email(std::string_view normalized_email) = 0;
  virtual std::optional<SessionRecord> session(std::string_view token_hash) = 0;
  virtual std::vector<SessionRecord> sessions_of(UserId user) = 0;
  // The couple `user` is in, with its partners and its open invite (unused, unexpired at `now`).
  virtual std::optional<Couple> couple_of(UserId user, Millis now) = 0;
  virtual std::optional<Couple> couple_by_id(CoupleId id, Millis now) = 0;
  virtual std::optional<InviteRecord> invite(std::string_view code_hash) = 0;
  virtual std::vector<InviteRecord> invites_created_by(UserId user) = 0;
  virtual std::int64_t count_users() = 0;

  virtual std::optional<conflict::Conflict> conflict(conflict::ConflictId id) = 0;
  // A couple's conflicts, newest first.
  virtual std::vector<conflict::Conflict> conflicts_of_couple(CoupleId couple) = 0;
  // Conflicts `user` started or wrote something in, in any couple (for their export).
  virtual std::vector<conflict::Conflict> conflicts_written_in(UserId user) = 0;

  virtual std::optional<assessment::Draft> assessment_draft(UserId user,
                                                            std::string_view instrument) = 0;
  virtual std::vector<assessment::Draft> assessment_drafts_of(UserId user) = 0;
  // A person's submitted attempts of every instrument, oldest first.
  virtual std::vector<assessment::Attempt> attempts_of(UserId user) = 0;
  // Every submitted attempt of `instrument`, each person's oldest first (for `hearth content
  // stats`).
  virtual void for_each_attempt(std::string_view instrument,
                                const std::function<void(const assessment::Attempt&)>& fn) = 0;

  virtual std::optional<checkin::CheckIn> checkin(UserId user, Day day) = 0;
  // A person's check-ins with from ≤ day ≤ to, oldest first.
  virtual std::vector<checkin::CheckIn> checkins_of(UserId user, Day from, Day to) = 0;
  // How many check-ins the person has, and the time zone of the latest (empty when none).
  virtual std::pair<int, std::string> checkin_count_and_zone(UserId user) = 0;

  // ---- Practices, the plan, the calendar feed, prompts and promises ----
  virtual std::optional<AvailabilityRecord> availability(UserId user) = 0;
  virtual std::optional<std::string> plan_intensity(PlanOwner owner) = 0;
  virtual std::optional<StoredPlan> stored_plan(PlanOwner owner, Day week_start) = 0;
  // The couple's practice log, oldest first.
  virtual std::vector<PracticeLog> practice_logs(CoupleId couple) = 0;
  virtual std::vector<PracticeLog> practice_logs_by(UserId user) = 0;  // for the export
  // Every couple with two partners (for `hearth plan --all`).
  virtual std::vector<CoupleId> paired_couples() = 0;
  virtual std::optional<UserId> calendar_user(std::string_view token_hash) = 0;
  virtual std::optional<Millis> calendar_token_created(UserId user) = 0;
  virtual std::vector<DailyPrompt> daily_prompts(CoupleId couple) = 0;  // oldest first
  virtual std::vector<PromptAnswer> prompt_answers(CoupleId couple) = 0;
  virtual std::vector<PromptAnswer> prompt_answers_by(UserId user) = 0;  // for the export
  virtual std::vector<CustomPrompt> custom_prompts(CoupleId couple) = 0;
  virtual std::vector<plan::Promise> promises(CoupleId couple) = 0;  // by due date
  virtual std::vector<plan::Promise> promises_by(UserId user) = 0;   // for the export
};

class WriteTx : public ReadTx {
 public:
  // Fails with a kConflict "email-taken" Error when the email is in use.
  virtual Status insert_user(const User& user) = 0;
  virtual void update_display_name(UserId user, std::string_view name) = 0;
  virtual void update_password_hash(UserId user, std::string_view hash, Millis now) = 0;
  // Removes the person and everything that is theirs; their partner keeps the couple.
  virtual void delete_user(UserId user) = 0;

  virtual void insert_session(const SessionRecord& session) = 0;
  virtual void touch_session(std::string_view token_hash, Millis at) = 0;
  virtual void delete_session(std::string_view token_hash) = 0;
  virtual void delete_sessions_of(UserId user, std::string_view except_token_hash) = 0;

  virtual void insert_couple(CoupleId id, UserId founder, Millis now) = 0;
  virtual void add_partner(CoupleId couple, UserId user, Millis now) = 0;
  // Takes `user` out of `couple`; deletes the couple when nobody is left in it. Items the person
  // wrote go with them (each later couple-scoped table adds its move here): assessment attempts
  // and check-ins of both partners stop belonging to the couple, so no later partner sees them;
  // the couple's plan, prompts, prompt answers and promises likewise.
  virtual void remove_partner(CoupleId couple, UserId user) = 0;
  virtual void revoke_open_invites(CoupleId couple) = 0;
  virtual void insert_invite(const InviteRecord& invite) = 0;
  virtual void mark_invite_used(std::string_view code_hash, UserId by, Millis at) = 0;

  // Inserts or replaces the conflict with everything in it.
  virtual void save_conflict(const conflict::Conflict& c) = 0;

  virtual void save_assessment_draft(UserId user, const assessment::Draft& draft) = 0;
  virtual void delete_assessment_draft(UserId user, std::string_view instrument) = 0;
  virtual void insert_attempt(const assessment::Attempt& attempt) = 0;

  // Inserts or replaces the person's check-in for its day.
  virtual void save_checkin(const checkin::CheckIn& c) = 0;

  virtual void save_availability(UserId user, const AvailabilityRecord& a) = 0;
  virtual void save_plan_intensity(PlanOwner owner, std::string_view intensity) = 0;
  virtual void save_plan(PlanOwner owner, const StoredPlan& p) = 0;
  virtual void insert_practice_log(const PracticeLog& log) = 0;
  // Replaces the person's calendar token (one per person); the old URL stops working.
  virtual void set_calendar_token(UserId user, std::string_view token_hash, Millis now) = 0;
  virtual void delete_calendar_token(UserId user) = 0;
  virtual void add_daily_prompt(CoupleId couple, const DailyPrompt& p) = 0;
  virtual void skip_daily_prompt(CoupleId couple, Day day, std::string_view prompt_id) = 0;
  virtual void save_prompt_answer(const PromptAnswer& a) = 0;
  virtual void insert_custom_prompt(const CustomPrompt& p) = 0;
  // Inserts or updates a promise.
  virtual void save_promise(const plan::Promise& p) = 0;
};

// One write transaction holding many independent writes. Each write runs between begin_item()
// and end_item(): a write that fails is undone alone, and the others still commit.
class WriteBatch : public WriteTx {
 public:
  virtual void begin_item() = 0;
  virtual void end_item(bool keep) = 0;
  virtual void commit() = 0;  // durable when it returns
  virtual void rollback() = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  // Runs `fn` in a read-only snapshot on the calling thread. Thread-safe.
  virtual Status read(const std::function<void(ReadTx&)>& fn) = 0;
  // Starts a write batch. Only the GroupCommitWriter calls this, from its one thread.
  virtual std::unique_ptr<WriteBatch> begin_batch() = 0;
  // A consistent online copy of the whole database to `path`.
  virtual Status backup_to(const std::string& path) = 0;
  // Schema version this database is at.
  virtual int schema_version() = 0;
};

}  // namespace hearth::storage
