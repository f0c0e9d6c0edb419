#include "storage/group_commit.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "storage/sqlite/sqlite_store.h"
#include "test_db.h"

namespace hearth::storage {
namespace {

User person(UserId id) {
  return User{id, "p" + std::to_string(id) + "@example.org", "P", "hash", 0};
}

}  // namespace

TEST(GroupCommitWriter, ConcurrentWritesShareCommitsAndAllLand) {
  hearth::testing::TempDir dir;
  sqlite::SqliteStore store(dir.file("hearth.db"));
  std::atomic<std::size_t> commits{0}, largest{0};
  GroupCommitWriter writer(store, {true, 512}, [&](std::size_t n, double) {
    ++commits;
    std::size_t seen = largest.load();
    while (n > seen && !largest.compare_exchange_weak(seen, n)) {
    }
  });
  constexpr int kWrites = 400;
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kWrites / 8; ++i) {
        UserId id = t * 1000 + i + 1;
        Status s = writer.run([id](WriteTx& tx) { return tx.insert_user(person(id)); });
        if (s.ok()) ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), kWrites);
  EXPECT_LT(commits.load(), static_cast<std::size_t>(kWrites));  // some writes were batched
  EXPECT_GT(largest.load(), 1u);
  std::int64_t count = 0;
  ASSERT_TRUE(store.read([&](ReadTx& tx) { count = tx.count_users(); }).ok());
  EXPECT_EQ(count, kWrites);
}

TEST(GroupCommitWriter, WithBatchingOffEachWriteCommitsAlone) {
  hearth::testing::TempDir dir;
  sqlite::SqliteStore store(dir.file("hearth.db"));
  std::atomic<std::size_t> largest{0};
  GroupCommitWriter writer(store, {false, 512}, [&](std::size_t n, double) {
    if (n > largest) largest = n;
  });
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        UserId id = t * 100 + i + 1;
        ASSERT_TRUE(writer.run([id](WriteTx& tx) { return tx.insert_user(person(id)); }).ok());
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(largest.load(), 1u);
}

TEST(GroupCommitWriter, AFailingWriteChangesNothingAndDoesNotSinkItsBatch) {
  hearth::testing::TempDir dir;
  sqlite::SqliteStore store(dir.file("hearth.db"));
  GroupCommitWriter writer(store, {});
  ASSERT_TRUE(writer.run([](WriteTx& tx) { return tx.insert_user(person(1)); }).ok());
  Status dup = writer.run([](WriteTx& tx) -> Status {
    if (Status s = tx.insert_user(person(2)); !s.ok()) return s;
    return tx.insert_user(person(1));  // email taken: the whole write must be undone
  });
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().slug, "email-taken");
  ASSERT_TRUE(store.read([](ReadTx& tx) { EXPECT_FALSE(tx.user_by_id(2).has_value()); }).ok());
}

TEST(GroupCommitWriter, StorageFailureBecomesAnErrorValue) {
  hearth::testing::TempDir dir;
  sqlite::SqliteStore store(dir.file("hearth.db"));
  GroupCommitWriter writer(store, {});
  Status s = writer.run([](WriteTx& tx) {
    tx.insert_couple(10, 999, 0);  // no such user: the foreign key refuses it
    return Status::Ok();
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kUnavailable);
}

TEST(GroupCommitWriter, StopCommitsEverythingAlreadyQueued) {
  hearth::testing::TempDir dir;
  sqlite::SqliteStore store(dir.file("hearth.db"));
  std::atomic<int> answered{0};
  {
    GroupCommitWriter writer(store, {});
    for (int i = 1; i <= 50; ++i) {
      writer.submit([i](WriteTx& tx) { return tx.insert_user(person(i)); },
                    [&](Status s) { answered += s.ok(); });
    }
    writer.stop();
  }
  EXPECT_EQ(answered.load(), 50);
  std::int64_t count = 0;
  ASSERT_TRUE(store.read([&](ReadTx& tx) { count = tx.count_users(); }).ok());
  EXPECT_EQ(count, 50);
}

}  // namespace hearth::storage
