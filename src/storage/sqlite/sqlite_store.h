// The embedded SQLite backend of the storage interface.
// One file under the data directory in WAL mode with synchronous=FULL and foreign keys on;
// readers use a pool of read-only connections (one per thread at a time), the single writer its
// own connection. Every statement is prepared once per connection and reused.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/store.h"

namespace hearth::storage::sqlite {

class Connection;

class SqliteStore final : public Store {
 public:
  // Opens (creating if needed) the database at `path` and brings its schema up to date.
  // Throws StorageFailure with a readable message when it cannot.
  explicit SqliteStore(std::string path);
  ~SqliteStore() override;

  Status read(const std::function<void(ReadTx&)>& fn) override;
  std::unique_ptr<WriteBatch> begin_batch() override;
  Status backup_to(const std::string& path) override;
  int schema_version() override;

  const std::string& path() const { return path_; }

  // Applies missing migrations to the database at `path`; returns the versions applied.
  static std::vector<int> migrate(const std::string& path);
  // Replaces the database at `path` with the Hearth backup at `backup_path`, after checking the
  // backup is sound. The server must not be running. Throws StorageFailure on any problem.
  static void restore(const std::string& backup_path, const std::string& path);

 private:
  std::unique_ptr<Connection> take_reader();
  void give_back(std::unique_ptr<Connection> c);

  std::string path_;
  std::unique_ptr<Connection> writer_;
  std::mutex readers_mu_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;
};

}  // namespace hearth::storage::sqlite
