// GroupCommitWriter: the single writer. Requests hand it a write (a function over WriteTx) and a
// completion; its thread takes every write waiting in the queue, runs them in one transaction,
// commits once (one fsync for the whole batch), and only then calls each completion. So a
// request is answered only after the commit that holds it, and concurrent writers share the cost
// of durability, as in LevelDB's DBImpl::Write.
//
// With batching off, each write gets its own transaction (for measuring what batching buys).
// Thread-safe. Completions run on the writer thread unless a CompletionRunner hands them
// elsewhere (the server gives them to its I/O threads, so the one writer only writes); either
// way they must not block.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "core/result.h"
#include "storage/store.h"

namespace hearth::storage {

class GroupCommitWriter {
 public:
  using Write = std::function<Status(WriteTx&)>;
  using Done = std::function<void(Status)>;
  // Called after each commit with the number of writes it held and how long the commit took.
  using CommitObserver = std::function<void(std::size_t batch_size, double seconds)>;
  // Runs a task holding the completions of one committed batch.
  using CompletionRunner = std::function<void(std::function<void()>)>;

  struct Options {
    bool batching = true;
    std::size_t max_batch = 512;
  };

  GroupCommitWriter(Store& store, Options options, CommitObserver observer = {});
  ~GroupCommitWriter();  // drains the queue, then stops
  GroupCommitWriter(const GroupCommitWriter&) = delete;
  GroupCommitWriter& operator=(const GroupCommitWriter&) = delete;

  // Queues a write. `done` gets its Status once the transaction holding it has committed (or
  // failed). A write whose Status is not ok changes nothing.
  void submit(Write write, Done done);
  // Queues a write and waits for its commit. Not for I/O threads.
  Status run(Write write);
  // Stops taking writes, commits what is queued, and joins the thread. Idempotent.
  void stop();
  // From now on, completions run through `runner` (an empty one: on the writer thread).
  void set_completion_runner(CompletionRunner runner);

 private:
  struct Pending {
    Write write;
    Done done;
  };
  void loop();
  void commit_batch(std::deque<Pending> batch);

  Store& store_;
  Options options_;
  CommitObserver observer_;
  std::mutex mu_;
  CompletionRunner runner_;  // guarded by mu_
  std::condition_variable cv_;
  std::deque<Pending> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace hearth::storage
