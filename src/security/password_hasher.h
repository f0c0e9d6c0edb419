// Argon2id password hashing (libsodium) on a small, fixed pool of threads with a bounded queue.
// Hashing is deliberately slow and memory-hungry; running it on its own threads keeps logins from
// starving every other request, and the bounded queue turns overload into a quick 503.
// Thread-safe. Callbacks run on a hashing thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace hearth::security {

struct HashCost {
  unsigned long long ops = 2;            // passes
  std::size_t memory_bytes = 19u << 20;  // 19 MiB
};

// Synchronous forms, for the CLI and tests. hash() returns nullopt only if memory runs out.
std::optional<std::string> hash_password(std::string_view password, const HashCost& cost);
bool verify_password(std::string_view stored_hash, std::string_view password);

class PasswordHasher {
 public:
  struct Options {
    HashCost cost;
    int threads = 1;
    std::size_t max_queued = 64;
  };

  explicit PasswordHasher(Options options);
  ~PasswordHasher();
  PasswordHasher(const PasswordHasher&) = delete;
  PasswordHasher& operator=(const PasswordHasher&) = delete;

  // Each returns false without queuing when the queue is full (the caller answers 503).
  bool hash(std::string password, std::function<void(std::optional<std::string>)> done);
  bool verify(std::string stored_hash, std::string password, std::function<void(bool)> done);
  // Verifies against a hash of a random password, so unknown accounts take as long as known ones.
  bool verify_decoy(std::string password, std::function<void(bool)> done);

 private:
  bool enqueue(std::function<void()> job);
  void run();

  Options options_;
  std::string decoy_hash_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace hearth::security
