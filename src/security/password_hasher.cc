#include "security/password_hasher.h"

#include <sodium.h>

#include "security/tokens.h"

namespace hearth::security {

std::optional<std::string> hash_password(std::string_view password, const HashCost& cost) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost.ops, cost.memory_bytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return std::nullopt;
  }
  return std::string(out);
}

bool verify_password(std::string_view stored_hash, std::string_view password) {
  std::string hash(stored_hash);  // must be NUL-terminated
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

PasswordHasher::PasswordHasher(Options options) : options_(options) {
  auto decoy_secret = random_bytes<16>();
  decoy_hash_ = hash_password(std::string_view(reinterpret_cast<const char*>(decoy_secret.data()),
                                               decoy_secret.size()),
                              options_.cost)
                    .value_or("");
  int n = options_.threads < 1 ? 1 : options_.threads;
  for (int i = 0; i < n; ++i) threads_.emplace_back([this] { run(); });
}

PasswordHasher::~PasswordHasher() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_) t.join();
}

bool PasswordHasher::enqueue(std::function<void()> job) {
  {
    std::lock_guard lock(mu_);
    if (stopping_ || queue_.size() >= options_.max_queued) return false;
    queue_.push_back(std::move(job));
  }
  cv_.notify_one();
  return true;
}

bool PasswordHasher::hash(std::string password,
                          std::function<void(std::optional<std::string>)> done) {
  return enqueue([this, password = std::move(password), done = std::move(done)] {
    done(hash_password(password, options_.cost));
  });
}

bool PasswordHasher::verify(std::string stored_hash, std::string password,
                            std::function<void(bool)> done) {
  return enqueue([stored_hash = std::move(stored_hash), password = std::move(password),
                  done = std::move(done)] { done(verify_password(stored_hash, password)); });
}

bool PasswordHasher::verify_decoy(std::string password, std::function<void(bool)> done) {
  return enqueue([this, password = std::move(password), done = std::move(done)] {
    verify_password(decoy_hash_, password);
    done(false);
  });
}

void PasswordHasher::run() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      // Drain what was accepted before stopping: an accepted request is always answered.
      if (queue_.empty()) return;
      job = std::move(queue_.front());
      queue_.pop_front();
    }
    job();
  }
}

}  // namespace hearth::security
