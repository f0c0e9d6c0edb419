#include "cli/demo.h"

#include <fmt/format.h>

#include "core/couple.h"
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

}  // namespace

Result<DemoResult> create_demo(storage::GroupCommitWriter& writer, int couples, Millis now) {
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
        // The partners met Hearth a few weeks ago, a day apart.
        Millis joined = now - 42 * kDay;
        User first{security::new_id(), c.first.email, c.first.display_name, *hash, joined};
        User second{security::new_id(), c.second.email, c.second.display_name, *hash,
                    joined + kDay};
        if (Status st = tx.insert_user(first); !st.ok()) return st;
        if (Status st = tx.insert_user(second); !st.ok()) return st;
        CoupleId couple = security::new_id();
        tx.insert_couple(couple, first.id, joined);
        tx.add_partner(couple, second.id, joined + kDay);
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
