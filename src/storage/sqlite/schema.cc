#include "storage/sqlite/schema.h"

namespace hearth::storage::sqlite {

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {
      {1, "accounts, sessions, couples and invites", R"sql(
CREATE TABLE users (
  id                  INTEGER PRIMARY KEY,
  email               TEXT NOT NULL UNIQUE,
  display_name        TEXT NOT NULL,
  password_hash       TEXT NOT NULL,
  created_at          INTEGER NOT NULL,
  password_changed_at INTEGER NOT NULL
) STRICT;

CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_by_user ON sessions(user_id);

CREATE TABLE couples (
  id         INTEGER PRIMARY KEY,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE couple_members (
  couple_id INTEGER NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
  user_id   INTEGER NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
  joined_at INTEGER NOT NULL,
  PRIMARY KEY (couple_id, user_id)
) STRICT;

CREATE TABLE invites (
  code_hash  TEXT PRIMARY KEY,
  couple_id  INTEGER NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
  created_by INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER,
  used_by    INTEGER REFERENCES users(id) ON DELETE SET NULL
) STRICT;
-- Finds a couple's newest open code without a sort.
CREATE INDEX invites_by_couple ON invites(couple_id, created_at);
CREATE INDEX invites_by_creator ON invites(created_by);
)sql"},
      {2, "conflict workspace", R"sql(
CREATE TABLE conflicts (
  id         INTEGER PRIMARY KEY,
  couple_id  INTEGER NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
  topic      TEXT NOT NULL,
  started_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  stage      TEXT NOT NULL,
  ended_at   INTEGER,
  closed_by  INTEGER REFERENCES users(id) ON DELETE SET NULL
) STRICT;
CREATE INDEX conflicts_by_couple ON conflicts(couple_id, created_at);

-- What each partner wrote or did in a conflict. An entry belongs to its author: deleting the
-- account deletes it. kind: side, restatement, idea, agreement, pause; seq tells apart several
-- ideas or pauses by one author. body is JSON; helpful/harsh are the coach's counts.
CREATE TABLE conflict_entries (
  conflict_id INTEGER NOT NULL REFERENCES conflicts(id) ON DELETE CASCADE,
  couple_id   INTEGER NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
  author_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL,
  seq         INTEGER NOT NULL,
  body        TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  helpful     INTEGER NOT NULL,
  harsh       INTEGER NOT NULL,
  PRIMARY KEY (conflict_id, kind, author_id, seq)
) STRICT;
CREATE INDEX conflict_entries_by_author ON conflict_entries(author_id);

CREATE TABLE conflict_activity (
  conflict_id INTEGER NOT NULL REFERENCES conflicts(id) ON DELETE CASCADE,
  couple_id   INTEGER NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  last_at     INTEGER NOT NULL,
  PRIMARY KEY (conflict_id, user_id)
) STRICT;
)sql"},
      {3, "assessments", R"sql(
-- An unfinished attempt: answers is a JSON object {item id: point}.
CREATE TABLE assessment_drafts (
  user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  instrument_id TEXT NOT NULL,
  answers       TEXT NOT NULL,
  started_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  PRIMARY KEY (user_id, instrument_id)
) STRICT;

-- A submitted attempt with its scores as computed then (JSON [{subscale, score, ideal}]).
-- couple_id is the couple the person was in; it is cleared when that couple breaks up, so the
-- attempt is never paired with a later partner's.
CREATE TABLE assessments (
  id                 INTEGER PRIMARY KEY,
  user_id            INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  couple_id          INTEGER REFERENCES couples(id) ON DELETE SET NULL,
  instrument_id      TEXT NOT NULL,
  instrument_version INTEGER NOT NULL,
  submitted_at       INTEGER NOT NULL,
  answers            TEXT NOT NULL,
  scores             TEXT NOT NULL
) STRICT;
CREATE INDEX assessments_by_user ON assessments(user_id, submitted_at, id);
CREATE INDEX assessments_by_couple ON assessments(couple_id);
CREATE INDEX assessments_by_instrument ON assessments(instrument_id, user_id, submitted_at);
)sql"},
      {4, "daily check-ins", R"sql(
-- One row per person and local day (days since 1970-01-01 in the person's time zone). couple_id
-- is the couple the person was in; it is cleared when that couple breaks up.
CREATE TABLE checkins (
  user_id             INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  day                 INTEGER NOT NULL,
  couple_id           INTEGER REFERENCES couples(id) ON DELETE SET NULL,
  connection          INTEGER NOT NULL,
  closeness           INTEGER NOT NULL,
  affection           INTEGER NOT NULL,
  minutes_together    INTEGER NOT NULL,
  focused_minutes     INTEGER NOT NULL,
  tech_interference   INTEGER NOT NULL,
  mood                INTEGER NOT NULL,
  stress              INTEGER NOT NULL,
  self_care           INTEGER NOT NULL,
  appreciation        TEXT,
  appreciation_shared INTEGER NOT NULL,
  time_zone           TEXT NOT NULL,
  created_at          INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL,
  PRIMARY KEY (user_id, day)
) STRICT, WITHOUT ROWID;
CREATE INDEX checkins_by_couple ON checkins(couple_id);
)sql"},
      {5, "practices, the weekly plan, the calendar feed, prompts and promises", R"sql(
-- A person's weekly free times (JSON [[weekday, start, end], ...], minutes in time_zone) and
-- preferences (JSON {likes, dislikes, budget, energy}).
CREATE TABLE availability (
  user_id     INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  time_zone   TEXT NOT NULL,
  slots       TEXT NOT NULL,
  preferences TEXT NOT NULL,
  updated_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE plan_settings (
  couple_id INTEGER PRIMARY KEY REFERENCES couples(id) ON DELETE CASCADE,
  intensity TEXT NOT NULL
) STRICT;

-- A couple's plan for one week (sessions as JSON) and the fingerprint of what it was made from.
CREATE TABLE plans (
  couple_id   INTEGER NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
  week_start  INTEGER NOT NULL,
  fingerprint TEXT NOT NULL,
  time_zone   TEXT NOT NULL,
  body        TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (couple_id, week_start)
) STRICT;

CREATE TABLE practice_logs (
  id          INTEGER PRIMARY KEY,
  couple_id   INTEGER REFERENCES couples(id) ON DELETE SET NULL,
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  practice_id TEXT NOT NULL,
  day         INTEGER NOT NULL,
  done        INTEGER NOT NULL,
  rating      INTEGER,
  note        TEXT NOT NULL,
  created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX practice_logs_by_couple ON practice_logs(couple_id, day);
CREATE INDEX practice_logs_by_user ON practice_logs(user_id);

-- One secret feed URL per person, stored hashed like sessions.
CREATE TABLE calendar_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE daily_prompts (
  couple_id  INTEGER NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
  day        INTEGER NOT NULL,
  prompt_id  TEXT NOT NULL,
  skipped    INTEGER NOT NULL,
  PRIMARY KEY (couple_id, day, prompt_id)
) STRICT;

-- Each partner's answer to a prompt; couple_id is cleared when the couple breaks up.
CREATE TABLE prompt_answers (
  id         INTEGER PRIMARY KEY,
  couple_id  INTEGER REFERENCES couples(id) ON DELETE SET NULL,
  prompt_id  TEXT NOT NULL,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  text       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (couple_id, prompt_id, user_id)
) STRICT;
CREATE INDEX prompt_answers_by_user ON prompt_answers(user_id);

CREATE TABLE custom_prompts (
  id         INTEGER PRIMARY KEY,
  couple_id  INTEGER NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
  created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  depth      TEXT NOT NULL,
  theme      TEXT NOT NULL,
  text       TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX custom_prompts_by_couple ON custom_prompts(couple_id);

CREATE TABLE promises (
  id          INTEGER PRIMARY KEY,
  couple_id   INTEGER REFERENCES couples(id) ON DELETE SET NULL,
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  text        TEXT NOT NULL,
  due         INTEGER NOT NULL,
  status      TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  resolved_at INTEGER,
  resolved_by INTEGER
) STRICT;
CREATE INDEX promises_by_couple ON promises(couple_id, due);
CREATE INDEX promises_by_user ON promises(user_id);
)sql"},
      {6, "a person's own plan while they have no couple", R"sql(
CREATE TABLE own_plan_settings (
  user_id   INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  intensity TEXT NOT NULL
) STRICT;

-- Like plans, for one person planning alone.
CREATE TABLE own_plans (
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  week_start  INTEGER NOT NULL,
  fingerprint TEXT NOT NULL,
  time_zone   TEXT NOT NULL,
  body        TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (user_id, week_start)
) STRICT;
)sql"},
  };
  return all;
}

int latest_schema_version() { return migrations().back().version; }

}  // namespace hearth::storage::sqlite
