#include "storage/sqlite/sqlite_store.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <tuple>
#include <unordered_map>

#include "storage/sqlite/schema.h"

#include <nlohmann/json.hpp>

namespace hearth::storage::sqlite {

#define PROMISE_COLUMNS                                                               \
  "id, coalesce(couple_id, 0), user_id, text, due, status, created_at, resolved_at, " \
  "coalesce(resolved_by, 0)"

#define CHECKIN_COLUMNS                                                           \
  "user_id, day, couple_id, connection, closeness, affection, minutes_together, " \
  "focused_minutes, tech_interference, mood, stress, self_care, appreciation, "   \
  "appreciation_shared, time_zone, created_at, updated_at"

// ---- Connection and Query: thin RAII over the SQLite C API --------------------------------

class Connection {
 public:
  Connection(const std::string& path, bool read_only) {
    int flags = SQLITE_OPEN_NOMUTEX |
                (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw StorageFailure("cannot open database " + path + ": " + msg);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 10000);
    try {
      exec("PRAGMA foreign_keys = ON");
      exec("PRAGMA synchronous = FULL");
      if (read_only) exec("PRAGMA query_only = ON");
    } catch (const StorageFailure&) {
      sqlite3_close(db_);  // the destructor does not run for a constructor that throws
      throw;
    }
  }
  ~Connection() {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close(db_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sqlite3* raw() const { return db_; }

  void exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : sqlite3_errmsg(db_);
      sqlite3_free(err);
      throw StorageFailure(msg);
    }
  }

  // Runs a statement without results through the statement cache: transaction control runs
  // on every request, and sqlite3_exec would parse it anew each time.
  void run(const char* sql) {
    sqlite3_stmt* stmt = prepared(sql);
    int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) throw StorageFailure(sqlite3_errmsg(db_));
  }

  // Statements are string literals, so their address identifies them.
  sqlite3_stmt* prepared(const char* sql) {
    auto it = cache_.find(sql);
    if (it != cache_.end()) return it->second;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
      throw StorageFailure(std::string("cannot prepare statement: ") + sqlite3_errmsg(db_));
    }
    cache_.emplace(sql, stmt);
    return stmt;
  }

 private:
  sqlite3* db_ = nullptr;
  std::unordered_map<const char*, sqlite3_stmt*> cache_;
};

class Query {
 public:
  Query(Connection& c, const char* sql) : db_(c.raw()), stmt_(c.prepared(sql)) {}
  ~Query() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  Query& bind(int i, std::int64_t v) {
    check(sqlite3_bind_int64(stmt_, i, v));
    return *this;
  }
  Query& bind(int i, std::string_view v) {
    check(sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
    return *this;
  }
  Query& bind(int i, const std::optional<std::int64_t>& v) {
    check(v ? sqlite3_bind_int64(stmt_, i, *v) : sqlite3_bind_null(stmt_, i));
    return *this;
  }
  // True while there is a row to read.
  bool step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw StorageFailure(sqlite3_errmsg(db_));
  }
  void run() {
    while (step()) {
    }
  }
  std::int64_t i64(int col) const { return sqlite3_column_int64(stmt_, col); }
  std::optional<std::int64_t> opt_i64(int col) const {
    if (sqlite3_column_type(stmt_, col) == SQLITE_NULL) return std::nullopt;
    return i64(col);
  }
  bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::string text(int col) const {
    auto p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : "";
  }

 private:
  void check(int rc) {
    if (rc != SQLITE_OK) throw StorageFailure(sqlite3_errmsg(db_));
  }
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

namespace {

// The key of a plan's row: the couple's id, or the person's while they plan alone.
std::int64_t owner_id(const PlanOwner& o) { return o.couple ? o.couple : o.user; }

Millis wall_clock_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int current_version(Connection& c) {
  Query has(c,
            "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='schema_migrations'");
  has.step();
  if (has.i64(0) == 0) return 0;
  Query q(c, "SELECT coalesce(max(version), 0) FROM schema_migrations");
  q.step();
  return static_cast<int>(q.i64(0));
}

std::vector<int> apply_migrations(Connection& c) {
  std::vector<int> applied;
  c.exec("BEGIN IMMEDIATE");
  try {
    c.exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
        "description TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT");
    int have = current_version(c);
    if (have > latest_schema_version()) {
      throw StorageFailure("the database is at schema version " + std::to_string(have) +
                           ", newer than this hearth (" + std::to_string(latest_schema_version()) +
                           "); upgrade hearth instead of downgrading the data");
    }
    for (const Migration& m : migrations()) {
      if (m.version <= have) continue;
      c.exec(std::string(m.sql).c_str());
      Query(c, "INSERT INTO schema_migrations(version, description, applied_at) VALUES(?,?,?)")
          .bind(1, std::int64_t{m.version})
          .bind(2, m.description)
          .bind(3, wall_clock_ms())
          .run();
      applied.push_back(m.version);
    }
    c.exec("COMMIT");
  } catch (...) {
    sqlite3_exec(c.raw(), "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
  return applied;
}

std::unique_ptr<Connection> open_writer(const std::string& path) {
  auto c = std::make_unique<Connection>(path, false);
  c->exec("PRAGMA journal_mode = WAL");
  return c;
}

}  // namespace

// ---- Reads, shared by read snapshots and write batches -----------------------------------

template <typename Base>
class SqliteReads : public Base {
 public:
  explicit SqliteReads(Connection& c) : c_(c) {}

  std::optional<User> user_by_id(UserId id) override {
    Query q(c_, "SELECT id, email, display_name, password_hash, created_at FROM users WHERE id=?");
    q.bind(1, id);
    return q.step() ? std::optional(user_from(q)) : std::nullopt;
  }
  std::optional<User> user_by_email(std::string_view email) override {
    Query q(c_,
            "SELECT id, email, display_name, password_hash, created_at FROM users WHERE email=?");
    q.bind(1, email);
    return q.step() ? std::optional(user_from(q)) : std::nullopt;
  }
  std::optional<SessionRecord> session(std::string_view token_hash) override {
    Query q(c_,
            "SELECT token_hash, user_id, created_at, last_seen_at FROM sessions WHERE "
            "token_hash=?");
    q.bind(1, token_hash);
    return q.step() ? std::optional(session_from(q)) : std::nullopt;
  }
  std::vector<SessionRecord> sessions_of(UserId user) override {
    Query q(c_,
            "SELECT token_hash, user_id, created_at, last_seen_at FROM sessions WHERE user_id=? "
            "ORDER BY created_at");
    q.bind(1, user);
    std::vector<SessionRecord> out;
    while (q.step()) out.push_back(session_from(q));
    return out;
  }
  std::optional<Couple> couple_of(UserId user, Millis now) override {
    std::optional<CoupleId> id;
    {
      Query q(c_, "SELECT couple_id FROM couple_members WHERE user_id=?");
      q.bind(1, user);
      if (q.step()) id = q.i64(0);
    }
    return id ? couple_by_id(*id, now) : std::nullopt;
  }
  std::optional<Couple> couple_by_id(CoupleId id, Millis now) override {
    Couple couple;
    {
      Query q(c_, "SELECT id, created_at FROM couples WHERE id=?");
      q.bind(1, id);
      if (!q.step()) return std::nullopt;
      couple.id = q.i64(0);
      couple.created_at = q.i64(1);
    }
    {
      Query q(c_,
              "SELECT m.user_id, u.display_name, m.joined_at FROM couple_members m "
              "JOIN users u ON u.id = m.user_id WHERE m.couple_id=?");
      q.bind(1, id);
      while (q.step()) couple.partners.push_back({q.i64(0), q.text(1), q.i64(2)});
      // At most two rows: sorting here is cheaper than SQLite's temporary sort structure.
      std::sort(couple.partners.begin(), couple.partners.end(), [](const auto& a, const auto& b) {
        return std::tie(a.joined_at, a.user_id) < std::tie(b.joined_at, b.user_id);
      });
    }
    {
      Query q(c_,
              "SELECT created_by, created_at, expires_at FROM invites WHERE couple_id=? AND "
              "used_at IS NULL AND expires_at > ? ORDER BY created_at DESC LIMIT 1");
      q.bind(1, id).bind(2, now);
      if (q.step()) couple.open_invite = Invite{id, q.i64(0), q.i64(1), q.i64(2), std::nullopt};
    }
    return couple;
  }
  std::optional<InviteRecord> invite(std::string_view code_hash) override {
    Query q(c_,
            "SELECT code_hash, couple_id, created_by, created_at, expires_at, used_at, used_by "
            "FROM invites WHERE code_hash=?");
    q.bind(1, code_hash);
    return q.step() ? std::optional(invite_from(q)) : std::nullopt;
  }
  std::vector<InviteRecord> invites_created_by(UserId user) override {
    Query q(c_,
            "SELECT code_hash, couple_id, created_by, created_at, expires_at, used_at, used_by "
            "FROM invites WHERE created_by=? ORDER BY created_at");
    q.bind(1, user);
    std::vector<InviteRecord> out;
    while (q.step()) out.push_back(invite_from(q));
    return out;
  }
  std::int64_t count_users() override {
    Query q(c_, "SELECT count(*) FROM users");
    q.step();
    return q.i64(0);
  }

  std::optional<conflict::Conflict> conflict(conflict::ConflictId id) override {
    std::optional<conflict::Conflict> c;
    {
      Query q(c_,
              "SELECT id, couple_id, topic, coalesce(started_by, 0), created_at, updated_at, "
              "stage, ended_at, coalesce(closed_by, 0) FROM conflicts WHERE id=?");
      q.bind(1, id);
      if (!q.step()) return std::nullopt;
      c = conflict_row(q);
    }
    fill_conflict(*c);
    return c;
  }
  std::vector<conflict::Conflict> conflicts_of_couple(CoupleId couple) override {
    std::vector<conflict::Conflict> out;
    {
      Query q(c_,
              "SELECT id, couple_id, topic, coalesce(started_by, 0), created_at, updated_at, "
              "stage, ended_at, coalesce(closed_by, 0) FROM conflicts WHERE couple_id=? "
              "ORDER BY created_at DESC, id");
      q.bind(1, couple);
      while (q.step()) out.push_back(conflict_row(q));
    }
    for (auto& c : out) fill_conflict(c);
    return out;
  }
  std::vector<conflict::Conflict> conflicts_written_in(UserId user) override {
    std::vector<conflict::ConflictId> ids;
    {
      Query q(c_,
              "SELECT id FROM conflicts WHERE started_by=?1 OR id IN (SELECT conflict_id FROM "
              "conflict_entries WHERE author_id=?1) ORDER BY created_at DESC");
      q.bind(1, user);
      while (q.step()) ids.push_back(q.i64(0));
    }
    std::vector<conflict::Conflict> out;
    for (auto id : ids) {
      if (auto c = conflict(id)) out.push_back(std::move(*c));
    }
    return out;
  }

  std::optional<assessment::Draft> assessment_draft(UserId user,
                                                    std::string_view instrument) override {
    Query q(c_,
            "SELECT instrument_id, answers, started_at, updated_at FROM assessment_drafts "
            "WHERE user_id=? AND instrument_id=?");
    q.bind(1, user).bind(2, instrument);
    if (!q.step()) return std::nullopt;
    return draft_from(q);
  }
  std::vector<assessment::Draft> assessment_drafts_of(UserId user) override {
    Query q(c_,
            "SELECT instrument_id, answers, started_at, updated_at FROM assessment_drafts "
            "WHERE user_id=? ORDER BY instrument_id");
    q.bind(1, user);
    std::vector<assessment::Draft> out;
    while (q.step()) out.push_back(draft_from(q));
    return out;
  }
  std::vector<assessment::Attempt> attempts_of(UserId user) override {
    Query q(c_,
            "SELECT id, user_id, coalesce(couple_id, 0), instrument_id, instrument_version, "
            "submitted_at, answers, scores FROM assessments WHERE user_id=? "
            "ORDER BY submitted_at, id");
    q.bind(1, user);
    std::vector<assessment::Attempt> out;
    while (q.step()) out.push_back(attempt_from(q));
    return out;
  }
  void for_each_attempt(std::string_view instrument,
                        const std::function<void(const assessment::Attempt&)>& fn) override {
    Query q(c_,
            "SELECT id, user_id, coalesce(couple_id, 0), instrument_id, instrument_version, "
            "submitted_at, answers, scores FROM assessments WHERE instrument_id=? "
            "ORDER BY user_id, submitted_at, id");
    q.bind(1, instrument);
    while (q.step()) fn(attempt_from(q));
  }

  std::optional<checkin::CheckIn> checkin(UserId user, Day day) override {
    Query q(c_, "SELECT " CHECKIN_COLUMNS " FROM checkins WHERE user_id=? AND day=?");
    q.bind(1, user).bind(2, static_cast<std::int64_t>(day));
    if (!q.step()) return std::nullopt;
    return checkin_from(q);
  }
  std::vector<checkin::CheckIn> checkins_of(UserId user, Day from, Day to) override {
    Query q(c_, "SELECT " CHECKIN_COLUMNS
                " FROM checkins WHERE user_id=? AND day BETWEEN ? AND ? "
                "ORDER BY day");
    q.bind(1, user).bind(2, static_cast<std::int64_t>(from)).bind(3, static_cast<std::int64_t>(to));
    std::vector<checkin::CheckIn> out;
    while (q.step()) out.push_back(checkin_from(q));
    return out;
  }
  std::pair<int, std::string> checkin_count_and_zone(UserId user) override {
    Query q(c_,
            "SELECT count(*), (SELECT time_zone FROM checkins WHERE user_id=?1 ORDER BY day DESC "
            "LIMIT 1) FROM checkins WHERE user_id=?1");
    q.bind(1, user);
    q.step();
    return {static_cast<int>(q.i64(0)), q.text(1)};
  }

  std::optional<AvailabilityRecord> availability(UserId user) override {
    Query q(c_,
            "SELECT time_zone, slots, preferences, updated_at FROM availability WHERE user_id=?");
    q.bind(1, user);
    if (!q.step()) return std::nullopt;
    AvailabilityRecord a;
    a.time_zone = q.text(0);
    auto slots = nlohmann::json::parse(q.text(1), nullptr, false);
    auto prefs = nlohmann::json::parse(q.text(2), nullptr, false);
    if (!slots.is_array() || !prefs.is_object())
      throw StorageFailure("stored availability is not JSON");
    for (const auto& s : slots)
      a.slots.push_back({s.at(0).get<int>(), s.at(1).get<int>(), s.at(2).get<int>()});
    a.preferences.likes = prefs.value("likes", std::vector<std::string>{});
    a.preferences.dislikes = prefs.value("dislikes", std::vector<std::string>{});
    a.preferences.budget = static_cast<plan::Cost>(prefs.value("budget", 2));
    a.preferences.energy = static_cast<plan::Energy>(prefs.value("energy", 2));
    a.updated_at = q.i64(3);
    return a;
  }
  std::optional<std::string> plan_intensity(PlanOwner owner) override {
    Query q(c_, owner.couple ? "SELECT intensity FROM plan_settings WHERE couple_id=?"
                             : "SELECT intensity FROM own_plan_settings WHERE user_id=?");
    q.bind(1, owner_id(owner));
    if (!q.step()) return std::nullopt;
    return q.text(0);
  }
  std::optional<StoredPlan> stored_plan(PlanOwner owner, Day week_start) override {
    Query q(c_, owner.couple ? "SELECT fingerprint, time_zone, body, created_at FROM plans WHERE "
                               "couple_id=? AND week_start=?"
                             : "SELECT fingerprint, time_zone, body, created_at FROM own_plans "
                               "WHERE user_id=? AND week_start=?");
    q.bind(1, owner_id(owner)).bind(2, static_cast<std::int64_t>(week_start));
    if (!q.step()) return std::nullopt;
    StoredPlan p;
    p.fingerprint = q.text(0);
    p.time_zone = q.text(1);
    p.created_at = q.i64(3);
    auto body = nlohmann::json::parse(q.text(2), nullptr, false);
    if (!body.is_object()) throw StorageFailure("a stored plan is not JSON");
    p.plan.week_start = week_start;
    p.plan.intensity = plan::parse_intensity(body.value("intensity", "regular"))
                           .value_or(plan::Intensity::kRegular);
    p.plan.level = body.value("level", 1);
    p.plan.notes = body.value("notes", std::vector<std::string>{});
    for (const auto& s : body.at("sessions")) {
      p.plan.sessions.push_back({s.at("practice").get<std::string>(), s.at("day").get<Day>(),
                                 s.at("start").get<int>(), s.at("minutes").get<int>(),
                                 s.at("reason").get<std::string>()});
    }
    return p;
  }
  std::vector<PracticeLog> practice_logs(CoupleId couple) override {
    Query q(c_,
            "SELECT id, coalesce(couple_id, 0), user_id, practice_id, day, done, rating, note, "
            "created_at FROM practice_logs WHERE couple_id=? ORDER BY day, created_at, id");
    q.bind(1, couple);
    return logs_from_query(q);
  }
  std::vector<PracticeLog> practice_logs_by(UserId user) override {
    Query q(c_,
            "SELECT id, coalesce(couple_id, 0), user_id, practice_id, day, done, rating, note, "
            "created_at FROM practice_logs WHERE user_id=? ORDER BY day, created_at, id");
    q.bind(1, user);
    return logs_from_query(q);
  }
  std::vector<CoupleId> paired_couples() override {
    Query q(c_,
            "SELECT couple_id FROM couple_members GROUP BY couple_id HAVING count(*) = 2 ORDER BY "
            "couple_id");
    std::vector<CoupleId> out;
    while (q.step()) out.push_back(q.i64(0));
    return out;
  }
  std::optional<UserId> calendar_user(std::string_view token_hash) override {
    Query q(c_, "SELECT user_id FROM calendar_tokens WHERE token_hash=?");
    q.bind(1, token_hash);
    if (!q.step()) return std::nullopt;
    return q.i64(0);
  }
  std::optional<Millis> calendar_token_created(UserId user) override {
    Query q(c_, "SELECT created_at FROM calendar_tokens WHERE user_id=?");
    q.bind(1, user);
    if (!q.step()) return std::nullopt;
    return q.i64(0);
  }
  std::vector<DailyPrompt> daily_prompts(CoupleId couple) override {
    Query q(
        c_,
        "SELECT day, prompt_id, skipped FROM daily_prompts WHERE couple_id=? ORDER BY day, rowid");
    q.bind(1, couple);
    std::vector<DailyPrompt> out;
    while (q.step()) out.push_back({static_cast<Day>(q.i64(0)), q.text(1), q.i64(2) != 0});
    return out;
  }
  std::vector<PromptAnswer> prompt_answers(CoupleId couple) override {
    Query q(c_,
            "SELECT prompt_id, user_id, coalesce(couple_id, 0), text, created_at, updated_at FROM "
            "prompt_answers WHERE couple_id=? ORDER BY created_at, id");
    q.bind(1, couple);
    return answers_from_query(q);
  }
  std::vector<PromptAnswer> prompt_answers_by(UserId user) override {
    Query q(c_,
            "SELECT prompt_id, user_id, coalesce(couple_id, 0), text, created_at, updated_at FROM "
            "prompt_answers WHERE user_id=? ORDER BY created_at, id");
    q.bind(1, user);
    return answers_from_query(q);
  }
  std::vector<CustomPrompt> custom_prompts(CoupleId couple) override {
    Query q(c_,
            "SELECT id, couple_id, coalesce(created_by, 0), depth, theme, text, created_at FROM "
            "custom_prompts WHERE couple_id=? ORDER BY created_at, id");
    q.bind(1, couple);
    std::vector<CustomPrompt> out;
    while (q.step()) {
      CustomPrompt c;
      c.id = q.i64(0);
      c.couple = q.i64(1);
      c.created_by = q.i64(2);
      c.prompt.id = "custom." + std::to_string(c.id);
      c.prompt.depth = plan::parse_depth(q.text(3)).value_or(plan::Depth::kLight);
      c.prompt.theme = q.text(4);
      c.prompt.text = q.text(5);
      c.created_at = q.i64(6);
      out.push_back(std::move(c));
    }
    return out;
  }
  std::vector<plan::Promise> promises(CoupleId couple) override {
    Query q(c_, "SELECT " PROMISE_COLUMNS
                " FROM promises WHERE couple_id=? ORDER BY due, created_at, id");
    q.bind(1, couple);
    std::vector<plan::Promise> out;
    while (q.step()) out.push_back(promise_from(q));
    return out;
  }
  std::vector<plan::Promise> promises_by(UserId user) override {
    Query q(c_, "SELECT " PROMISE_COLUMNS
                " FROM promises WHERE user_id=? ORDER BY due, created_at, id");
    q.bind(1, user);
    std::vector<plan::Promise> out;
    while (q.step()) out.push_back(promise_from(q));
    return out;
  }

 protected:
  static std::vector<PracticeLog> logs_from_query(Query& q) {
    std::vector<PracticeLog> out;
    while (q.step()) {
      PracticeLog l;
      l.id = q.i64(0);
      l.couple = q.i64(1);
      l.user = q.i64(2);
      l.practice = q.text(3);
      l.day = static_cast<Day>(q.i64(4));
      l.done = q.i64(5) != 0;
      if (auto r = q.opt_i64(6)) l.rating = static_cast<int>(*r);
      l.note = q.text(7);
      l.created_at = q.i64(8);
      out.push_back(std::move(l));
    }
    return out;
  }
  static std::vector<PromptAnswer> answers_from_query(Query& q) {
    std::vector<PromptAnswer> out;
    while (q.step()) {
      out.push_back({q.text(0), q.i64(1), q.i64(2), q.text(3), q.i64(4), q.i64(5)});
    }
    return out;
  }
  static plan::Promise promise_from(const Query& q) {
    plan::Promise p;
    p.id = q.i64(0);
    p.couple = q.i64(1);
    p.by = q.i64(2);
    p.text = q.text(3);
    p.due = static_cast<Day>(q.i64(4));
    p.status = plan::parse_promise_status(q.text(5)).value_or(plan::PromiseStatus::kOpen);
    p.created_at = q.i64(6);
    p.resolved_at = q.opt_i64(7);
    p.resolved_by = q.i64(8);
    return p;
  }

  static checkin::CheckIn checkin_from(const Query& q) {
    checkin::CheckIn c;
    c.user = q.i64(0);
    c.day = static_cast<Day>(q.i64(1));
    c.couple = q.opt_i64(2).value_or(0);
    auto& a = c.answers;
    a.connection = static_cast<int>(q.i64(3));
    a.closeness = static_cast<int>(q.i64(4));
    a.affection = static_cast<int>(q.i64(5));
    a.minutes_together = static_cast<int>(q.i64(6));
    a.focused_minutes = static_cast<int>(q.i64(7));
    a.tech_interference = static_cast<int>(q.i64(8));
    a.mood = static_cast<int>(q.i64(9));
    a.stress = static_cast<int>(q.i64(10));
    a.self_care = q.i64(11) != 0;
    if (!q.is_null(12)) {
      a.appreciation = checkin::Appreciation{q.text(12), q.i64(13) != 0};
    }
    c.time_zone = q.text(14);
    c.created_at = q.i64(15);
    c.updated_at = q.i64(16);
    return c;
  }
  static assessment::Answers answers_from(const std::string& text) {
    assessment::Answers out;
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object()) throw StorageFailure("stored answers are not a JSON object");
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (!it.value().is_number_integer()) throw StorageFailure("a stored answer is not a number");
      out.emplace(it.key(), it.value().get<int>());
    }
    return out;
  }
  static assessment::Draft draft_from(const Query& q) {
    return {q.text(0), answers_from(q.text(1)), q.i64(2), q.i64(3)};
  }
  static assessment::Attempt attempt_from(const Query& q) {
    assessment::Attempt a;
    a.id = q.i64(0);
    a.user = q.i64(1);
    a.couple = q.i64(2);
    a.instrument = q.text(3);
    a.version = static_cast<int>(q.i64(4));
    a.submitted_at = q.i64(5);
    a.answers = answers_from(q.text(6));
    auto scores = nlohmann::json::parse(q.text(7), nullptr, false);
    if (!scores.is_array()) throw StorageFailure("stored scores are not a JSON array");
    for (const auto& s : scores) {
      assessment::AreaScore area{s.at("subscale").get<std::string>(), s.at("score").get<double>(),
                                 std::nullopt};
      if (s.contains("ideal") && !s["ideal"].is_null()) area.ideal = s["ideal"].get<double>();
      a.scores.push_back(std::move(area));
    }
    return a;
  }

  static User user_from(const Query& q) {
    return {q.i64(0), q.text(1), q.text(2), q.text(3), q.i64(4)};
  }
  static SessionRecord session_from(const Query& q) {
    return {q.text(0), q.i64(1), q.i64(2), q.i64(3)};
  }
  static conflict::Conflict conflict_row(const Query& q) {
    conflict::Conflict c;
    c.id = q.i64(0);
    c.couple_id = q.i64(1);
    c.topic = q.text(2);
    c.started_by = q.i64(3);
    c.created_at = q.i64(4);
    c.updated_at = q.i64(5);
    c.stage = conflict::parse_stage(q.text(6)).value_or(conflict::Stage::kClosed);
    c.ended_at = q.opt_i64(7);
    c.closed_by = q.i64(8);
    return c;
  }

  // Reads the entries and activity of a conflict into it.
  void fill_conflict(conflict::Conflict& c) {
    using nlohmann::json;
    {
      Query q(c_, "SELECT user_id, last_at FROM conflict_activity WHERE conflict_id=?");
      q.bind(1, c.id);
      while (q.step()) c.last_activity[q.i64(0)] = q.i64(1);
    }
    Query q(c_,
            "SELECT author_id, kind, seq, body, created_at, updated_at, helpful, harsh FROM "
            "conflict_entries WHERE conflict_id=? ORDER BY kind, seq, author_id");
    q.bind(1, c.id);
    while (q.step()) {
      UserId author = q.i64(0);
      std::string kind = q.text(1);
      json body = json::parse(q.text(3), nullptr, false);
      if (body.is_discarded()) throw StorageFailure("a conflict entry is not valid JSON");
      conflict::Tone tone{static_cast<int>(q.i64(6)), static_cast<int>(q.i64(7))};
      auto opt_time = [&](const char* key) -> std::optional<Millis> {
        if (!body.contains(key) || body[key].is_null()) return std::nullopt;
        return body[key].get<Millis>();
      };
      if (kind == "side") {
        c.sides[author] = {body.value("happened", ""),
                           body.value("felt", ""),
                           body.value("need", ""),
                           opt_time("submitted_at"),
                           q.i64(5),
                           tone};
      } else if (kind == "restatement") {
        c.restatements[author] = {
            body.value("text", ""),
            conflict::parse_restatement_status(body.value("status", "waiting"))
                .value_or(conflict::RestatementStatus::kWaiting),
            body.value("attempts", 0), q.i64(5), tone};
      } else if (kind == "idea") {
        c.ideas.push_back({q.i64(2), author, body.value("text", ""), q.i64(4), tone});
      } else if (kind == "agreement") {
        c.agreement = conflict::Agreement{body.value("steps", std::vector<std::string>{}),
                                          author,
                                          body.value("accepted_by", std::vector<UserId>{}),
                                          q.i64(4),
                                          opt_time("agreed_at"),
                                          tone};
      } else if (kind == "pause") {
        c.pauses.push_back(
            {author, q.i64(4), body.value("until", Millis{0}), opt_time("resumed_at")});
      }
    }
    std::sort(c.ideas.begin(), c.ideas.end(),
              [](const auto& a, const auto& b) { return a.created_at < b.created_at; });
    std::sort(c.pauses.begin(), c.pauses.end(),
              [](const auto& a, const auto& b) { return a.at < b.at; });
  }

  static InviteRecord invite_from(const Query& q) {
    return {q.text(0), Invite{q.i64(1), q.i64(2), q.i64(3), q.i64(4), q.opt_i64(5)}, q.opt_i64(6)};
  }

  Connection& c_;
};

class SqliteReadTx final : public SqliteReads<ReadTx> {
 public:
  using SqliteReads::SqliteReads;
};

// ---- Write batches --------------------------------------------------------------------------

class SqliteWriteBatch final : public SqliteReads<WriteBatch> {
 public:
  explicit SqliteWriteBatch(Connection& c) : SqliteReads(c) { c_.run("BEGIN IMMEDIATE"); }
  ~SqliteWriteBatch() override {
    if (open_) sqlite3_exec(c_.raw(), "ROLLBACK", nullptr, nullptr, nullptr);
  }

  void begin_item() override { c_.run("SAVEPOINT item"); }
  void end_item(bool keep) override {
    if (!keep) c_.run("ROLLBACK TO item");
    c_.run("RELEASE item");
  }
  void commit() override {
    c_.run("COMMIT");
    open_ = false;
  }
  void rollback() override {
    c_.run("ROLLBACK");
    open_ = false;
  }

  Status insert_user(const User& u) override {
    if (user_by_email(u.email)) {
      return Error::make(ErrorCode::kConflict, "email-taken",
                         "An account with this email already exists. Try logging in instead.");
    }
    Query(c_,
          "INSERT INTO users(id, email, display_name, password_hash, created_at, "
          "password_changed_at) VALUES(?,?,?,?,?,?)")
        .bind(1, u.id)
        .bind(2, u.email)
        .bind(3, u.display_name)
        .bind(4, u.password_hash)
        .bind(5, u.created_at)
        .bind(6, u.created_at)
        .run();
    return Status::Ok();
  }
  void update_display_name(UserId user, std::string_view name) override {
    Query(c_, "UPDATE users SET display_name=? WHERE id=?").bind(1, name).bind(2, user).run();
  }
  void update_password_hash(UserId user, std::string_view hash, Millis now) override {
    Query(c_, "UPDATE users SET password_hash=?, password_changed_at=? WHERE id=?")
        .bind(1, hash)
        .bind(2, now)
        .bind(3, user)
        .run();
  }
  void delete_user(UserId user) override {
    std::optional<CoupleId> couple;
    {
      Query q(c_, "SELECT couple_id FROM couple_members WHERE user_id=?");
      q.bind(1, user);
      if (q.step()) couple = q.i64(0);
    }
    if (couple) remove_partner(*couple, user);
    // Sessions and the invites this person made go with the row (ON DELETE CASCADE).
    Query(c_, "DELETE FROM users WHERE id=?").bind(1, user).run();
  }

  void insert_session(const SessionRecord& s) override {
    Query(c_, "INSERT INTO sessions(token_hash, user_id, created_at, last_seen_at) VALUES(?,?,?,?)")
        .bind(1, s.token_hash)
        .bind(2, s.user_id)
        .bind(3, s.created_at)
        .bind(4, s.last_seen_at)
        .run();
  }
  void touch_session(std::string_view token_hash, Millis at) override {
    Query(c_, "UPDATE sessions SET last_seen_at=max(last_seen_at, ?) WHERE token_hash=?")
        .bind(1, at)
        .bind(2, token_hash)
        .run();
  }
  void delete_session(std::string_view token_hash) override {
    Query(c_, "DELETE FROM sessions WHERE token_hash=?").bind(1, token_hash).run();
  }
  void delete_sessions_of(UserId user, std::string_view except) override {
    Query(c_, "DELETE FROM sessions WHERE user_id=? AND token_hash<>?")
        .bind(1, user)
        .bind(2, except)
        .run();
  }

  void insert_couple(CoupleId id, UserId founder, Millis now) override {
    Query(c_, "INSERT INTO couples(id, created_at) VALUES(?,?)").bind(1, id).bind(2, now).run();
    add_partner(id, founder, now);
  }
  void add_partner(CoupleId couple, UserId user, Millis now) override {
    Query(c_, "INSERT INTO couple_members(couple_id, user_id, joined_at) VALUES(?,?,?)")
        .bind(1, couple)
        .bind(2, user)
        .bind(3, now)
        .run();
  }
  void remove_partner(CoupleId couple, UserId user) override {
    Query(c_, "DELETE FROM couple_members WHERE couple_id=? AND user_id=?")
        .bind(1, couple)
        .bind(2, user)
        .run();
    // The couple's assessment rounds end with it: nobody who joins later is paired with them.
    Query(c_, "UPDATE assessments SET couple_id=NULL WHERE couple_id=?").bind(1, couple).run();
    Query(c_, "UPDATE checkins SET couple_id=NULL WHERE couple_id=?").bind(1, couple).run();
    // What the two of them shared as a couple stays with its authors, out of the couple's reach.
    for (const char* sql :
         {"UPDATE prompt_answers SET couple_id=NULL WHERE couple_id=?",
          "UPDATE promises SET couple_id=NULL WHERE couple_id=?",
          "UPDATE practice_logs SET couple_id=NULL WHERE couple_id=?",
          "DELETE FROM daily_prompts WHERE couple_id=?",
          "DELETE FROM custom_prompts WHERE couple_id=?", "DELETE FROM plans WHERE couple_id=?",
          "DELETE FROM plan_settings WHERE couple_id=?"}) {
      Query(c_, sql).bind(1, couple).run();
    }
    Query q(c_, "SELECT count(*) FROM couple_members WHERE couple_id=?");
    q.bind(1, couple);
    q.step();
    if (q.i64(0) == 0) Query(c_, "DELETE FROM couples WHERE id=?").bind(1, couple).run();
  }
  void revoke_open_invites(CoupleId couple) override {
    // An unused code is deleted outright: nothing about it is worth keeping.
    Query(c_, "DELETE FROM invites WHERE couple_id=? AND used_at IS NULL").bind(1, couple).run();
  }
  void insert_invite(const InviteRecord& r) override {
    Query(c_,
          "INSERT INTO invites(code_hash, couple_id, created_by, created_at, expires_at) "
          "VALUES(?,?,?,?,?)")
        .bind(1, r.code_hash)
        .bind(2, r.invite.couple_id)
        .bind(3, r.invite.created_by)
        .bind(4, r.invite.created_at)
        .bind(5, r.invite.expires_at)
        .run();
  }
  void save_conflict(const conflict::Conflict& c) override {
    using nlohmann::json;
    auto opt = [](const std::optional<Millis>& t) { return t ? json(*t) : json(nullptr); };
    Query(c_,
          "INSERT INTO conflicts(id, couple_id, topic, started_by, created_at, updated_at, stage, "
          "ended_at, closed_by) VALUES(?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
          "topic=excluded.topic, updated_at=excluded.updated_at, stage=excluded.stage, "
          "ended_at=excluded.ended_at, closed_by=excluded.closed_by")
        .bind(1, c.id)
        .bind(2, c.couple_id)
        .bind(3, c.topic)
        .bind(4, c.started_by ? std::optional<std::int64_t>(c.started_by) : std::nullopt)
        .bind(5, c.created_at)
        .bind(6, c.updated_at)
        .bind(7, conflict::to_string(c.stage))
        .bind(8, c.ended_at)
        .bind(9, c.closed_by ? std::optional<std::int64_t>(c.closed_by) : std::nullopt)
        .run();
    Query(c_, "DELETE FROM conflict_entries WHERE conflict_id=?").bind(1, c.id).run();
    auto entry = [&](UserId author, const char* kind, std::int64_t seq, const json& body,
                     Millis created, Millis updated, const conflict::Tone& tone) {
      Query(c_,
            "INSERT INTO conflict_entries(conflict_id, couple_id, author_id, kind, seq, body, "
            "created_at, updated_at, helpful, harsh) VALUES(?,?,?,?,?,?,?,?,?,?)")
          .bind(1, c.id)
          .bind(2, c.couple_id)
          .bind(3, author)
          .bind(4, std::string_view(kind))
          .bind(5, seq)
          .bind(6, body.dump())
          .bind(7, created)
          .bind(8, updated)
          .bind(9, std::int64_t{tone.helpful})
          .bind(10, std::int64_t{tone.harsh})
          .run();
    };
    for (const auto& [author, side] : c.sides) {
      entry(author, "side", 0,
            {{"happened", side.happened},
             {"felt", side.felt},
             {"need", side.need},
             {"submitted_at", opt(side.submitted_at)}},
            side.updated_at, side.updated_at, side.tone);
    }
    for (const auto& [author, r] : c.restatements) {
      entry(author, "restatement", 0,
            {{"text", r.text}, {"status", conflict::to_string(r.status)}, {"attempts", r.attempts}},
            r.updated_at, r.updated_at, r.tone);
    }
    for (const auto& i : c.ideas) {
      entry(i.author, "idea", i.id, {{"text", i.text}}, i.created_at, i.created_at, i.tone);
    }
    if (const auto& a = c.agreement) {
      entry(
          a->proposed_by, "agreement", 0,
          {{"steps", a->steps}, {"accepted_by", a->accepted_by}, {"agreed_at", opt(a->agreed_at)}},
          a->proposed_at, a->agreed_at.value_or(a->proposed_at), a->tone);
    }
    std::int64_t seq = 0;
    for (const auto& p : c.pauses) {
      entry(p.by, "pause", seq++, {{"until", p.until}, {"resumed_at", opt(p.resumed_at)}}, p.at,
            p.resumed_at.value_or(p.at), {});
    }
    for (const auto& [user, at] : c.last_activity) {
      Query(c_,
            "INSERT INTO conflict_activity(conflict_id, couple_id, user_id, last_at) "
            "VALUES(?,?,?,?) ON CONFLICT(conflict_id, user_id) DO UPDATE SET "
            "last_at=excluded.last_at")
          .bind(1, c.id)
          .bind(2, c.couple_id)
          .bind(3, user)
          .bind(4, at)
          .run();
    }
  }

  void save_assessment_draft(UserId user, const assessment::Draft& d) override {
    Query(c_,
          "INSERT INTO assessment_drafts(user_id, instrument_id, answers, started_at, updated_at) "
          "VALUES(?,?,?,?,?) ON CONFLICT(user_id, instrument_id) DO UPDATE SET "
          "answers=excluded.answers, updated_at=excluded.updated_at")
        .bind(1, user)
        .bind(2, d.instrument)
        .bind(3, answers_json(d.answers))
        .bind(4, d.started_at)
        .bind(5, d.updated_at)
        .run();
  }
  void delete_assessment_draft(UserId user, std::string_view instrument) override {
    Query(c_, "DELETE FROM assessment_drafts WHERE user_id=? AND instrument_id=?")
        .bind(1, user)
        .bind(2, instrument)
        .run();
  }
  void insert_attempt(const assessment::Attempt& a) override {
    nlohmann::json scores = nlohmann::json::array();
    for (const auto& s : a.scores) {
      scores.push_back({{"subscale", s.subscale},
                        {"score", s.score},
                        {"ideal", s.ideal ? nlohmann::json(*s.ideal) : nlohmann::json()}});
    }
    std::optional<std::int64_t> couple;
    if (a.couple) couple = a.couple;
    Query(c_,
          "INSERT INTO assessments(id, user_id, couple_id, instrument_id, instrument_version, "
          "submitted_at, answers, scores) VALUES(?,?,?,?,?,?,?,?)")
        .bind(1, a.id)
        .bind(2, a.user)
        .bind(3, couple)
        .bind(4, a.instrument)
        .bind(5, static_cast<std::int64_t>(a.version))
        .bind(6, a.submitted_at)
        .bind(7, answers_json(a.answers))
        .bind(8, scores.dump())
        .run();
  }

  void save_checkin(const checkin::CheckIn& c) override {
    const auto& a = c.answers;
    std::optional<std::int64_t> couple;
    if (c.couple) couple = c.couple;
    Query q(c_,
            "INSERT INTO checkins(user_id, day, couple_id, connection, closeness, affection, "
            "minutes_together, focused_minutes, tech_interference, mood, stress, self_care, "
            "appreciation, appreciation_shared, time_zone, created_at, updated_at) "
            "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(user_id, day) DO UPDATE SET "
            "couple_id=excluded.couple_id, connection=excluded.connection, "
            "closeness=excluded.closeness, affection=excluded.affection, "
            "minutes_together=excluded.minutes_together, "
            "focused_minutes=excluded.focused_minutes, "
            "tech_interference=excluded.tech_interference, mood=excluded.mood, "
            "stress=excluded.stress, self_care=excluded.self_care, "
            "appreciation=excluded.appreciation, appreciation_shared=excluded.appreciation_shared, "
            "time_zone=excluded.time_zone, updated_at=excluded.updated_at");
    q.bind(1, c.user)
        .bind(2, static_cast<std::int64_t>(c.day))
        .bind(3, couple)
        .bind(4, static_cast<std::int64_t>(a.connection))
        .bind(5, static_cast<std::int64_t>(a.closeness))
        .bind(6, static_cast<std::int64_t>(a.affection))
        .bind(7, static_cast<std::int64_t>(a.minutes_together))
        .bind(8, static_cast<std::int64_t>(a.focused_minutes))
        .bind(9, static_cast<std::int64_t>(a.tech_interference))
        .bind(10, static_cast<std::int64_t>(a.mood))
        .bind(11, static_cast<std::int64_t>(a.stress))
        .bind(12, static_cast<std::int64_t>(a.self_care ? 1 : 0));
    if (a.appreciation) {
      q.bind(13, std::string_view(a.appreciation->text));
    } else {
      q.bind(13, std::optional<std::int64_t>());
    }
    q.bind(14, static_cast<std::int64_t>(a.appreciation && a.appreciation->shared ? 1 : 0))
        .bind(15, std::string_view(c.time_zone))
        .bind(16, c.created_at)
        .bind(17, c.updated_at)
        .run();
  }

  void save_availability(UserId user, const AvailabilityRecord& a) override {
    nlohmann::json slots = nlohmann::json::array();
    for (const auto& s : a.slots) slots.push_back({s.weekday, s.start, s.end});
    nlohmann::json prefs = {{"likes", a.preferences.likes},
                            {"dislikes", a.preferences.dislikes},
                            {"budget", static_cast<int>(a.preferences.budget)},
                            {"energy", static_cast<int>(a.preferences.energy)}};
    Query(c_,
          "INSERT INTO availability(user_id, time_zone, slots, preferences, updated_at) "
          "VALUES(?,?,?,?,?) ON CONFLICT(user_id) DO UPDATE SET time_zone=excluded.time_zone, "
          "slots=excluded.slots, preferences=excluded.preferences, updated_at=excluded.updated_at")
        .bind(1, user)
        .bind(2, std::string_view(a.time_zone))
        .bind(3, std::string_view(slots.dump()))
        .bind(4, std::string_view(prefs.dump()))
        .bind(5, a.updated_at)
        .run();
  }
  void save_plan_intensity(PlanOwner owner, std::string_view intensity) override {
    Query(c_, owner.couple ? "INSERT INTO plan_settings(couple_id, intensity) VALUES(?,?) ON "
                             "CONFLICT(couple_id) DO UPDATE SET intensity=excluded.intensity"
                           : "INSERT INTO own_plan_settings(user_id, intensity) VALUES(?,?) ON "
                             "CONFLICT(user_id) DO UPDATE SET intensity=excluded.intensity")
        .bind(1, owner_id(owner))
        .bind(2, intensity)
        .run();
  }
  void save_plan(PlanOwner owner, const StoredPlan& p) override {
    nlohmann::json sessions = nlohmann::json::array();
    for (const auto& s : p.plan.sessions) {
      sessions.push_back({{"practice", s.practice},
                          {"day", s.day},
                          {"start", s.start},
                          {"minutes", s.minutes},
                          {"reason", s.reason}});
    }
    nlohmann::json body = {{"intensity", plan::to_string(p.plan.intensity)},
                           {"level", p.plan.level},
                           {"notes", p.plan.notes},
                           {"sessions", std::move(sessions)}};
    Query(c_, owner.couple
                  ? "INSERT INTO plans(couple_id, week_start, fingerprint, time_zone, body, "
                    "created_at) VALUES(?,?,?,?,?,?) ON CONFLICT(couple_id, week_start) DO UPDATE "
                    "SET fingerprint=excluded.fingerprint, time_zone=excluded.time_zone, "
                    "body=excluded.body, created_at=excluded.created_at"
                  : "INSERT INTO own_plans(user_id, week_start, fingerprint, time_zone, body, "
                    "created_at) VALUES(?,?,?,?,?,?) ON CONFLICT(user_id, week_start) DO UPDATE "
                    "SET fingerprint=excluded.fingerprint, time_zone=excluded.time_zone, "
                    "body=excluded.body, created_at=excluded.created_at")
        .bind(1, owner_id(owner))
        .bind(2, static_cast<std::int64_t>(p.plan.week_start))
        .bind(3, std::string_view(p.fingerprint))
        .bind(4, std::string_view(p.time_zone))
        .bind(5, std::string_view(body.dump()))
        .bind(6, p.created_at)
        .run();
  }
  void insert_practice_log(const PracticeLog& l) override {
    std::optional<std::int64_t> couple, rating;
    if (l.couple) couple = l.couple;
    if (l.rating) rating = *l.rating;
    Query(c_,
          "INSERT INTO practice_logs(id, couple_id, user_id, practice_id, day, done, rating, note, "
          "created_at) VALUES(?,?,?,?,?,?,?,?,?)")
        .bind(1, l.id)
        .bind(2, couple)
        .bind(3, l.user)
        .bind(4, std::string_view(l.practice))
        .bind(5, static_cast<std::int64_t>(l.day))
        .bind(6, static_cast<std::int64_t>(l.done ? 1 : 0))
        .bind(7, rating)
        .bind(8, std::string_view(l.note))
        .bind(9, l.created_at)
        .run();
  }
  void set_calendar_token(UserId user, std::string_view token_hash, Millis now) override {
    delete_calendar_token(user);
    Query(c_, "INSERT INTO calendar_tokens(token_hash, user_id, created_at) VALUES(?,?,?)")
        .bind(1, token_hash)
        .bind(2, user)
        .bind(3, now)
        .run();
  }
  void delete_calendar_token(UserId user) override {
    Query(c_, "DELETE FROM calendar_tokens WHERE user_id=?").bind(1, user).run();
  }
  void add_daily_prompt(CoupleId couple, const DailyPrompt& p) override {
    Query(c_,
          "INSERT OR IGNORE INTO daily_prompts(couple_id, day, prompt_id, skipped) VALUES(?,?,?,?)")
        .bind(1, couple)
        .bind(2, static_cast<std::int64_t>(p.day))
        .bind(3, std::string_view(p.prompt_id))
        .bind(4, static_cast<std::int64_t>(p.skipped ? 1 : 0))
        .run();
  }
  void skip_daily_prompt(CoupleId couple, Day day, std::string_view prompt_id) override {
    Query(c_, "UPDATE daily_prompts SET skipped=1 WHERE couple_id=? AND day=? AND prompt_id=?")
        .bind(1, couple)
        .bind(2, static_cast<std::int64_t>(day))
        .bind(3, prompt_id)
        .run();
  }
  void save_prompt_answer(const PromptAnswer& a) override {
    Query(c_,
          "INSERT INTO prompt_answers(couple_id, prompt_id, user_id, text, created_at, updated_at) "
          "VALUES(?,?,?,?,?,?) ON CONFLICT(couple_id, prompt_id, user_id) DO UPDATE SET "
          "text=excluded.text, updated_at=excluded.updated_at")
        .bind(1, a.couple)
        .bind(2, std::string_view(a.prompt_id))
        .bind(3, a.user)
        .bind(4, std::string_view(a.text))
        .bind(5, a.created_at)
        .bind(6, a.updated_at)
        .run();
  }
  void insert_custom_prompt(const CustomPrompt& p) override {
    Query(c_,
          "INSERT INTO custom_prompts(id, couple_id, created_by, depth, theme, text, created_at) "
          "VALUES(?,?,?,?,?,?,?)")
        .bind(1, p.id)
        .bind(2, p.couple)
        .bind(3, p.created_by)
        .bind(4, plan::to_string(p.prompt.depth))
        .bind(5, std::string_view(p.prompt.theme))
        .bind(6, std::string_view(p.prompt.text))
        .bind(7, p.created_at)
        .run();
  }
  void save_promise(const plan::Promise& p) override {
    std::optional<std::int64_t> couple, resolved_by;
    if (p.couple) couple = p.couple;
    if (p.resolved_by) resolved_by = p.resolved_by;
    Query(c_,
          "INSERT INTO promises(id, couple_id, user_id, text, due, status, created_at, "
          "resolved_at, resolved_by) VALUES(?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
          "status=excluded.status, resolved_at=excluded.resolved_at, "
          "resolved_by=excluded.resolved_by")
        .bind(1, p.id)
        .bind(2, couple)
        .bind(3, p.by)
        .bind(4, std::string_view(p.text))
        .bind(5, static_cast<std::int64_t>(p.due))
        .bind(6, plan::to_string(p.status))
        .bind(7, p.created_at)
        .bind(8, p.resolved_at)
        .bind(9, resolved_by)
        .run();
  }

  void mark_invite_used(std::string_view code_hash, UserId by, Millis at) override {
    Query(c_, "UPDATE invites SET used_at=?, used_by=? WHERE code_hash=?")
        .bind(1, at)
        .bind(2, by)
        .bind(3, code_hash)
        .run();
  }

 private:
  static std::string answers_json(const assessment::Answers& answers) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [item, v] : answers) j[item] = v;
    return j.dump();
  }

  bool open_ = true;
};

// ---- The store ------------------------------------------------------------------------------

SqliteStore::SqliteStore(std::string path) : path_(std::move(path)) {
  writer_ = open_writer(path_);
  apply_migrations(*writer_);
}

SqliteStore::~SqliteStore() = default;

std::unique_ptr<Connection> SqliteStore::take_reader() {
  {
    std::lock_guard lock(readers_mu_);
    if (!idle_readers_.empty()) {
      auto c = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return c;
    }
  }
  return std::make_unique<Connection>(path_, true);
}

void SqliteStore::give_back(std::unique_ptr<Connection> c) {
  std::lock_guard lock(readers_mu_);
  idle_readers_.push_back(std::move(c));
}

Status SqliteStore::read(const std::function<void(ReadTx&)>& fn) {
  std::unique_ptr<Connection> c;
  try {
    c = take_reader();
    c->run("BEGIN");
    SqliteReadTx tx(*c);
    fn(tx);
    c->run("COMMIT");
  } catch (const StorageFailure& e) {
    if (c) sqlite3_exec(c->raw(), "ROLLBACK", nullptr, nullptr, nullptr);
    return Error::make(ErrorCode::kUnavailable, "storage-unavailable",
                       std::string("The database could not be read just now: ") + e.what());
  }
  give_back(std::move(c));
  return Status::Ok();
}

std::unique_ptr<WriteBatch> SqliteStore::begin_batch() {
  return std::make_unique<SqliteWriteBatch>(*writer_);
}

int SqliteStore::schema_version() {
  auto c = take_reader();
  int v = current_version(*c);
  give_back(std::move(c));
  return v;
}

Status SqliteStore::backup_to(const std::string& target) {
  try {
    auto source = take_reader();
    Connection dest(target, false);
    sqlite3_backup* b = sqlite3_backup_init(dest.raw(), "main", source->raw(), "main");
    if (!b) throw StorageFailure(sqlite3_errmsg(dest.raw()));
    int rc = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) throw StorageFailure(sqlite3_errstr(rc));
    // A backup is one self-contained file: no WAL beside it.
    dest.exec("PRAGMA journal_mode = DELETE");
    give_back(std::move(source));
  } catch (const StorageFailure& e) {
    return Error::make(ErrorCode::kUnavailable, "backup-failed",
                       std::string("The backup could not be written: ") + e.what());
  }
  return Status::Ok();
}

std::vector<int> SqliteStore::migrate(const std::string& path) {
  auto c = open_writer(path);
  return apply_migrations(*c);
}

void SqliteStore::restore(const std::string& backup_path, const std::string& path) {
  {
    Connection check(backup_path, true);
    Query ok(check, "PRAGMA integrity_check");
    if (!ok.step() || ok.text(0) != "ok") {
      throw StorageFailure(backup_path + " failed SQLite's integrity check");
    }
    int v = current_version(check);
    if (v == 0) throw StorageFailure(backup_path + " is not a Hearth backup (no schema version)");
    if (v > latest_schema_version()) {
      throw StorageFailure(backup_path + " comes from a newer Hearth (schema " + std::to_string(v) +
                           ")");
    }
  }
  Connection source(backup_path, true);
  auto dest = open_writer(path);
  sqlite3_backup* b = sqlite3_backup_init(dest->raw(), "main", source.raw(), "main");
  if (!b) throw StorageFailure(sqlite3_errmsg(dest->raw()));
  int rc = sqlite3_backup_step(b, -1);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) throw StorageFailure(std::string("restore failed: ") + sqlite3_errstr(rc));
  dest->exec("PRAGMA journal_mode = WAL");
  apply_migrations(*dest);
}

}  // namespace hearth::storage::sqlite
