#include "storage/group_commit.h"

#include <chrono>
#include <future>

namespace hearth::storage {
namespace {

Error unavailable(const char* what) {
  return Error::make(ErrorCode::kUnavailable, "storage-unavailable",
                     std::string("The database could not save this just now (") + what +
                         "). Nothing was changed; please try again.");
}

}  // namespace

GroupCommitWriter::GroupCommitWriter(Store& store, Options options, CommitObserver observer)
    : store_(store), options_(options), observer_(std::move(observer)) {
  if (options_.max_batch == 0) options_.max_batch = 1;
  thread_ = std::thread([this] { loop(); });
}

GroupCommitWriter::~GroupCommitWriter() { stop(); }

void GroupCommitWriter::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void GroupCommitWriter::submit(Write write, Done done) {
  {
    std::lock_guard lock(mu_);
    if (stopping_) {
      done(Error::make(ErrorCode::kBusy, "shutting-down", "The server is shutting down."));
      return;
    }
    queue_.push_back({std::move(write), std::move(done)});
  }
  cv_.notify_one();
}

Status GroupCommitWriter::run(Write write) {
  std::promise<Status> promise;
  auto future = promise.get_future();
  submit(std::move(write), [&promise](Status s) { promise.set_value(std::move(s)); });
  return future.get();
}

void GroupCommitWriter::loop() {
  const std::size_t limit = options_.batching ? options_.max_batch : 1;
  for (;;) {
    std::deque<Pending> batch;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything accepted has been committed
      while (!queue_.empty() && batch.size() < limit) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    commit_batch(std::move(batch));
  }
}

void GroupCommitWriter::commit_batch(std::deque<Pending> batch) {
  auto started = std::chrono::steady_clock::now();
  std::vector<Status> results(batch.size());
  Status batch_status;
  try {
    auto tx = store_.begin_batch();
    for (std::size_t i = 0; i < batch.size(); ++i) {
      tx->begin_item();
      try {
        results[i] = batch[i].write(*tx);
      } catch (const StorageFailure& e) {
        results[i] = unavailable(e.what());
      } catch (const std::exception& e) {
        results[i] = Error::make(ErrorCode::kInternal, "internal", "Something went wrong.");
      }
      tx->end_item(results[i].ok());
    }
    tx->commit();
  } catch (const StorageFailure& e) {
    batch_status = unavailable(e.what());
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (observer_) observer_(batch.size(), seconds);
  auto answer = [batch = std::move(batch), results = std::move(results),
                 batch_status = std::move(batch_status)]() mutable {
    for (std::size_t i = 0; i < batch.size(); ++i) {
      batch[i].done(batch_status.ok() ? std::move(results[i]) : batch_status);
    }
  };
  CompletionRunner runner;
  {
    std::lock_guard lock(mu_);
    runner = runner_;
  }
  if (runner) {
    runner(std::move(answer));
  } else {
    answer();
  }
}

void GroupCommitWriter::set_completion_runner(CompletionRunner runner) {
  std::lock_guard lock(mu_);
  runner_ = std::move(runner);
}

}  // namespace hearth::storage
