#include "storage/sqlite/sqlite_store.h"

#include <gtest/gtest.h>

#include "storage/group_commit.h"
#include "storage/sqlite/schema.h"
#include "test_db.h"

namespace hearth::storage::sqlite {
namespace {

User person(UserId id, const std::string& email) {
  return User{id, email, "Name " + email, "hash", 1000};
}

class SqliteStoreTest : public ::testing::Test {
 protected:
  hearth::testing::TempDir dir;
  std::string db = dir.file("hearth.db");

  // Runs one write batch and commits it.
  void write(const std::function<void(WriteTx&)>& fn, SqliteStore& store) {
    auto tx = store.begin_batch();
    tx->begin_item();
    fn(*tx);
    tx->end_item(true);
    tx->commit();
  }
};

}  // namespace

TEST_F(SqliteStoreTest, MigratesANewDatabaseToTheLatestSchema) {
  SqliteStore store(db);
  EXPECT_EQ(store.schema_version(), latest_schema_version());
  EXPECT_TRUE(SqliteStore::migrate(db).empty());  // nothing left to apply
}

TEST_F(SqliteStoreTest, UsersAreFoundByIdAndEmailAndEmailsAreUnique) {
  SqliteStore store(db);
  write([](WriteTx& tx) { ASSERT_TRUE(tx.insert_user(person(1, "maya@example.org")).ok()); },
        store);
  write(
      [](WriteTx& tx) {
        Status s = tx.insert_user(person(2, "maya@example.org"));
        ASSERT_FALSE(s.ok());
        EXPECT_EQ(s.error().slug, "email-taken");
      },
      store);
  ASSERT_TRUE(store
                  .read([](ReadTx& tx) {
                    EXPECT_EQ(tx.user_by_email("maya@example.org")->id, 1);
                    EXPECT_EQ(tx.user_by_id(1)->email, "maya@example.org");
                    EXPECT_FALSE(tx.user_by_id(2).has_value());
                  })
                  .ok());
}

TEST_F(SqliteStoreTest, CoupleShowsPartnersInJoinOrderAndOnlyAnOpenInvite) {
  SqliteStore store(db);
  write(
      [](WriteTx& tx) {
        ASSERT_TRUE(tx.insert_user(person(1, "a@x.org")).ok());
        ASSERT_TRUE(tx.insert_user(person(2, "b@x.org")).ok());
        tx.insert_couple(10, 1, 100);
        tx.insert_invite({"h1", Invite{10, 1, 100, 500, std::nullopt}, std::nullopt});
      },
      store);
  ASSERT_TRUE(store
                  .read([](ReadTx& tx) {
                    auto c = tx.couple_of(1, 200);
                    ASSERT_TRUE(c.has_value());
                    EXPECT_EQ(c->partners.size(), 1u);
                    ASSERT_TRUE(c->open_invite.has_value());
                    EXPECT_EQ(c->open_invite->expires_at, 500);
                    EXPECT_FALSE(tx.couple_of(1, 500)->open_invite.has_value());  // expired
                  })
                  .ok());
  write(
      [](WriteTx& tx) {
        tx.add_partner(10, 2, 300);
        tx.mark_invite_used("h1", 2, 300);
      },
      store);
  ASSERT_TRUE(store
                  .read([](ReadTx& tx) {
                    auto c = tx.couple_of(2, 301);
                    ASSERT_TRUE(c.has_value());
                    ASSERT_EQ(c->partners.size(), 2u);
                    EXPECT_EQ(c->partners[0].user_id, 1);
                    EXPECT_EQ(c->partners[1].user_id, 2);
                    EXPECT_FALSE(c->open_invite.has_value());
                    EXPECT_EQ(tx.invite("h1")->used_by, 2);
                  })
                  .ok());
}

TEST_F(SqliteStoreTest, APersonIsInAtMostOneCouple) {
  SqliteStore store(db);
  EXPECT_THROW(write(
                   [](WriteTx& tx) {
                     ASSERT_TRUE(tx.insert_user(person(1, "a@x.org")).ok());
                     tx.insert_couple(10, 1, 100);
                     tx.insert_couple(11, 1, 100);
                   },
                   store),
               StorageFailure);
}

TEST_F(SqliteStoreTest, DeletingAPersonKeepsTheirPartnersCouple) {
  SqliteStore store(db);
  write(
      [](WriteTx& tx) {
        ASSERT_TRUE(tx.insert_user(person(1, "a@x.org")).ok());
        ASSERT_TRUE(tx.insert_user(person(2, "b@x.org")).ok());
        tx.insert_couple(10, 1, 100);
        tx.add_partner(10, 2, 100);
        tx.insert_session({"s1", 1, 100, 100});
        tx.insert_session({"s2", 2, 100, 100});
      },
      store);
  write([](WriteTx& tx) { tx.delete_user(1); }, store);
  ASSERT_TRUE(store
                  .read([](ReadTx& tx) {
                    EXPECT_FALSE(tx.user_by_id(1).has_value());
                    EXPECT_FALSE(tx.session("s1").has_value());
                    EXPECT_TRUE(tx.session("s2").has_value());
                    auto c = tx.couple_of(2, 200);
                    ASSERT_TRUE(c.has_value());
                    EXPECT_EQ(c->partners.size(), 1u);
                  })
                  .ok());
}

TEST_F(SqliteStoreTest, TheLastPersonLeavingRemovesTheCouple) {
  SqliteStore store(db);
  write(
      [](WriteTx& tx) {
        ASSERT_TRUE(tx.insert_user(person(1, "a@x.org")).ok());
        tx.insert_couple(10, 1, 100);
        tx.insert_invite({"h1", Invite{10, 1, 100, 500, std::nullopt}, std::nullopt});
      },
      store);
  write([](WriteTx& tx) { tx.remove_partner(10, 1); }, store);
  ASSERT_TRUE(store
                  .read([](ReadTx& tx) {
                    EXPECT_FALSE(tx.couple_by_id(10, 200).has_value());
                    EXPECT_FALSE(tx.invite("h1").has_value());
                  })
                  .ok());
}

TEST_F(SqliteStoreTest, ChangingPasswordCanEndEveryOtherSession) {
  SqliteStore store(db);
  write(
      [](WriteTx& tx) {
        ASSERT_TRUE(tx.insert_user(person(1, "a@x.org")).ok());
        for (const char* s : {"keep", "other1", "other2"}) tx.insert_session({s, 1, 100, 100});
        tx.update_password_hash(1, "new-hash", 200);
        tx.delete_sessions_of(1, "keep");
      },
      store);
  ASSERT_TRUE(store
                  .read([](ReadTx& tx) {
                    auto sessions = tx.sessions_of(1);
                    ASSERT_EQ(sessions.size(), 1u);
                    EXPECT_EQ(sessions[0].token_hash, "keep");
                    EXPECT_EQ(tx.user_by_id(1)->password_hash, "new-hash");
                  })
                  .ok());
}

TEST_F(SqliteStoreTest, AFailedItemIsUndoneAloneWithinItsBatch) {
  SqliteStore store(db);
  auto tx = store.begin_batch();
  tx->begin_item();
  ASSERT_TRUE(tx->insert_user(person(1, "a@x.org")).ok());
  tx->end_item(true);
  tx->begin_item();
  ASSERT_TRUE(tx->insert_user(person(2, "b@x.org")).ok());
  tx->end_item(false);  // this write failed later on: it must leave no trace
  tx->commit();
  ASSERT_TRUE(store
                  .read([](ReadTx& r) {
                    EXPECT_TRUE(r.user_by_id(1).has_value());
                    EXPECT_FALSE(r.user_by_id(2).has_value());
                  })
                  .ok());
}

TEST_F(SqliteStoreTest, BackupIsAConsistentCopyThatRestoresElsewhere) {
  {
    SqliteStore store(db);
    write([](WriteTx& tx) { ASSERT_TRUE(tx.insert_user(person(1, "a@x.org")).ok()); }, store);
    ASSERT_TRUE(store.backup_to(dir.file("backup.db")).ok());
  }
  std::string other = dir.file("restored.db");
  SqliteStore::restore(dir.file("backup.db"), other);
  SqliteStore restored(other);
  ASSERT_TRUE(restored.read([](ReadTx& tx) { EXPECT_TRUE(tx.user_by_id(1).has_value()); }).ok());
}

TEST_F(SqliteStoreTest, RestoreRefusesAFileThatIsNotAHearthBackup) {
  {
    std::FILE* f = std::fopen(dir.file("junk.db").c_str(), "w");
    std::fputs("this is not a database", f);
    std::fclose(f);
  }
  EXPECT_THROW(SqliteStore::restore(dir.file("junk.db"), db), StorageFailure);
}

}  // namespace hearth::storage::sqlite

namespace hearth::storage::sqlite {

TEST(SqliteConflicts, AConflictRoundTripsWithEverythingInIt) {
  hearth::testing::TempDir dir;
  SqliteStore store(dir.file("hearth.db"));
  using namespace hearth::conflict;
  Couple couple{10, 0, {{1, "Ana", 0}, {2, "Ben", 0}}, std::nullopt};
  Conflict c = start(500, couple, 1, "Money", 1000).value();
  ASSERT_TRUE(write_side(c, 1, "h1", "f1", "n1", true, Tone{2, 1}, 1001).ok());
  ASSERT_TRUE(write_side(c, 2, "h2", "f2", "n2", true, Tone{0, 3}, 1002).ok());
  ASSERT_TRUE(write_restatement(c, 1, "r1", {}, 1003).ok());
  ASSERT_TRUE(answer_restatement(c, 2, false, 1004).ok());
  ASSERT_TRUE(pause(c, 2, 20, 1005).ok());
  auto tx = store.begin_batch();
  tx->begin_item();
  ASSERT_TRUE(tx->insert_user({1, "a@x.org", "Ana", "h", 0}).ok());
  ASSERT_TRUE(tx->insert_user({2, "b@x.org", "Ben", "h", 0}).ok());
  tx->insert_couple(10, 1, 0);
  tx->add_partner(10, 2, 0);
  tx->save_conflict(c);
  tx->end_item(true);
  tx->commit();
  ASSERT_TRUE(store
                  .read([&](ReadTx& r) {
                    auto back = r.conflict(500);
                    ASSERT_TRUE(back.has_value());
                    EXPECT_EQ(back->topic, "Money");
                    EXPECT_EQ(back->stage, Stage::kUnderstanding);
                    EXPECT_EQ(back->sides.at(2).need, "n2");
                    EXPECT_EQ(back->sides.at(2).tone.harsh, 3);
                    EXPECT_EQ(back->sides.at(1).submitted_at, 1001);
                    EXPECT_EQ(back->restatements.at(1).status, RestatementStatus::kTryAgain);
                    ASSERT_EQ(back->pauses.size(), 1u);
                    EXPECT_EQ(back->pauses[0].until, 1005 + 20 * kMinute);
                    EXPECT_EQ(back->last_activity.at(2), 1005);
                    EXPECT_EQ(r.conflicts_of_couple(10).size(), 1u);
                    EXPECT_EQ(r.conflicts_written_in(2).size(), 1u);
                  })
                  .ok());
  // Deleting Ben removes what he wrote and keeps what Ana wrote.
  auto del = store.begin_batch();
  del->begin_item();
  del->delete_user(2);
  del->end_item(true);
  del->commit();
  ASSERT_TRUE(store
                  .read([&](ReadTx& r) {
                    auto back = r.conflict(500);
                    ASSERT_TRUE(back.has_value());
                    EXPECT_EQ(back->sides.count(2), 0u);
                    EXPECT_EQ(back->sides.at(1).happened, "h1");
                    EXPECT_TRUE(back->pauses.empty());
                  })
                  .ok());
}

}  // namespace hearth::storage::sqlite

namespace hearth::storage::sqlite {

TEST_F(SqliteStoreTest, AssessmentDraftsAndAttemptsRoundTrip) {
  SqliteStore store(db);
  assessment::Attempt a;
  a.id = 77;
  a.user = 1;
  a.couple = 10;
  a.instrument = "core";
  a.version = 3;
  a.submitted_at = 5000;
  a.answers = {{"trust_1", 4}, {"trust_1.ideal", 5}};
  a.scores = {{"trust", 62.5, 80.0}, {"communication", 40, std::nullopt}};
  write(
      [&](WriteTx& tx) {
        ASSERT_TRUE(tx.insert_user(person(1, "maya@example.org")).ok());
        ASSERT_TRUE(tx.insert_user(person(2, "daniel@example.org")).ok());
        tx.insert_couple(10, 1, 1000);
        tx.add_partner(10, 2, 1000);
        tx.save_assessment_draft(1, {"signs", {{"signs_1", 2}}, 100, 200});
        tx.save_assessment_draft(1, {"signs", {{"signs_1", 3}, {"signs_2", 1}}, 999, 300});
        tx.insert_attempt(a);
      },
      store);
  ASSERT_TRUE(store
                  .read([&](ReadTx& tx) {
                    auto d = tx.assessment_draft(1, "signs");
                    ASSERT_TRUE(d.has_value());
                    EXPECT_EQ(d->answers, (assessment::Answers{{"signs_1", 3}, {"signs_2", 1}}));
                    EXPECT_EQ(d->started_at, 100);  // kept from the first save
                    EXPECT_EQ(d->updated_at, 300);
                    EXPECT_FALSE(tx.assessment_draft(2, "signs").has_value());
                    auto list = tx.attempts_of(1);
                    ASSERT_EQ(list.size(), 1u);
                    EXPECT_EQ(list[0].couple, 10);
                    EXPECT_EQ(list[0].version, 3);
                    EXPECT_EQ(list[0].answers, a.answers);
                    ASSERT_EQ(list[0].scores.size(), 2u);
                    EXPECT_DOUBLE_EQ(list[0].scores[0].score, 62.5);
                    EXPECT_DOUBLE_EQ(*list[0].scores[0].ideal, 80.0);
                    EXPECT_FALSE(list[0].scores[1].ideal.has_value());
                  })
                  .ok());
  // A partner leaving ends the couple's rounds: the attempt is no longer the couple's.
  write([](WriteTx& tx) { tx.remove_partner(10, 2); }, store);
  ASSERT_TRUE(store.read([](ReadTx& tx) { EXPECT_EQ(tx.attempts_of(1)[0].couple, 0); }).ok());
  // Deleting the person deletes their drafts and attempts.
  write([](WriteTx& tx) { tx.delete_user(1); }, store);
  ASSERT_TRUE(store
                  .read([](ReadTx& tx) {
                    EXPECT_TRUE(tx.attempts_of(1).empty());
                    EXPECT_TRUE(tx.assessment_drafts_of(1).empty());
                  })
                  .ok());
}

}  // namespace hearth::storage::sqlite

namespace hearth::storage::sqlite {

TEST_F(SqliteStoreTest, CheckinsRoundTripAndLeaveTheCoupleWithIt) {
  SqliteStore store(db);
  checkin::Answers a;
  a.connection = 7;
  a.closeness = 6;
  a.affection = 5;
  a.minutes_together = 90;
  a.focused_minutes = 30;
  a.tech_interference = 2;
  a.mood = 4;
  a.stress = 2;
  a.self_care = true;
  a.appreciation = checkin::Appreciation{"Thanks, \"love\"", false};
  write(
      [&](WriteTx& tx) {
        ASSERT_TRUE(tx.insert_user(person(1, "maya@example.org")).ok());
        ASSERT_TRUE(tx.insert_user(person(2, "daniel@example.org")).ok());
        tx.insert_couple(10, 1, 1000);
        tx.add_partner(10, 2, 1000);
        tx.save_checkin(checkin::upsert(std::nullopt, 1, 10, 500, a, "Europe/Berlin", 2000));
        checkin::Answers b = a;
        b.appreciation.reset();
        b.closeness = 2;
        // The same day again: an update that keeps created_at.
        auto first = tx.checkin(1, 500);
        tx.save_checkin(checkin::upsert(first, 1, 10, 500, b, "Europe/Berlin", 3000));
        tx.save_checkin(checkin::upsert(std::nullopt, 1, 10, 502, a, "UTC", 4000));
      },
      store);
  ASSERT_TRUE(
      store
          .read([&](ReadTx& tx) {
            auto list = tx.checkins_of(1, 500, 502);
            ASSERT_EQ(list.size(), 2u);
            EXPECT_EQ(list[0].answers.closeness, 2);
            EXPECT_FALSE(list[0].answers.appreciation.has_value());
            EXPECT_EQ(list[0].created_at, 2000);
            EXPECT_EQ(list[0].updated_at, 3000);
            EXPECT_EQ(list[1].answers.appreciation->text, "Thanks, \"love\"");
            EXPECT_FALSE(list[1].answers.appreciation->shared);
            EXPECT_TRUE(list[1].answers.self_care);
            EXPECT_EQ(list[1].couple, 10);
            EXPECT_EQ(tx.checkins_of(1, 501, 501).size(), 0u);
            EXPECT_EQ(tx.checkin_count_and_zone(1), (std::pair<int, std::string>{2, "UTC"}));
            EXPECT_EQ(tx.checkin_count_and_zone(2), (std::pair<int, std::string>{0, ""}));
          })
          .ok());
  write([](WriteTx& tx) { tx.remove_partner(10, 2); }, store);
  ASSERT_TRUE(
      store.read([](ReadTx& tx) { EXPECT_EQ(tx.checkins_of(1, 0, 1000)[0].couple, 0); }).ok());
}

}  // namespace hearth::storage::sqlite
