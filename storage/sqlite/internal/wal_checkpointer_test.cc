#include "storage/sqlite/internal/wal_checkpointer.h"

#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <string>

#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "src/base/testing/status_matchers.h"
#include "src/base/testing/temp_dir.h"

namespace mdm::storage::sqlite_internal {
namespace {

using ::mdm::testing::IsOk;
using ::mdm::testing::TempDir;

class WalCheckpointerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.Path("mdm.db");
    absl::StatusOr<std::unique_ptr<Connection>> writer =
        Connection::Open(path_, /*read_only=*/false, absl::Seconds(5));
    ASSERT_TRUE(writer.ok()) << writer.status();
    writer_ = std::move(*writer);
    ASSERT_THAT(writer_->Exec("PRAGMA journal_mode = WAL; "
                              "CREATE TABLE t(v BLOB)"),
                IsOk());
  }

  // Commits `pages` pages of new rows, a page a row, in commits of 50.
  void CommitPages(int pages) {
    for (int done = 0; done < pages; done += 50) {
      ASSERT_THAT(writer_->Exec("BEGIN; WITH RECURSIVE n(i) AS (SELECT 1 "
                                "UNION ALL SELECT i + 1 FROM n WHERE i < 50) "
                                "INSERT INTO t SELECT randomblob(4000) FROM n; "
                                "COMMIT"),
                  IsOk());
    }
  }

  int64_t DatabaseFileBytes() const {
    return static_cast<int64_t>(std::filesystem::file_size(path_));
  }

  TempDir dir_;
  std::string path_;
  std::unique_ptr<Connection> writer_;
};

TEST_F(WalCheckpointerTest, BackgroundThreadCopiesTheWalIntoTheDatabase) {
  absl::StatusOr<std::unique_ptr<WalCheckpointer>> checkpointer =
      WalCheckpointer::Start(path_, absl::Seconds(5),
                             {.background_pages = 200});
  ASSERT_TRUE(checkpointer.ok()) << checkpointer.status();
  (*checkpointer)->Attach(writer_->raw());
  const int64_t before = DatabaseFileBytes();

  CommitPages(400);

  // Nothing but the thread checkpoints: the hook replaced SQLite's own.
  const absl::Time deadline = absl::Now() + absl::Seconds(60);
  while ((*checkpointer)->checkpoints() == 0 && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(5));
  }
  ASSERT_GE((*checkpointer)->checkpoints(), 1);
  EXPECT_EQ((*checkpointer)->failures(), 0);
  // The copied pages are in the database file, more than the 200 pages that
  // woke the thread.
  EXPECT_GT(DatabaseFileBytes(), before + 200 * 4096);
  sqlite3_wal_hook(writer_->raw(), nullptr, nullptr);
}

TEST_F(WalCheckpointerTest, WriterCheckpointsItselfWhenTheThreadFallsBehind) {
  // The thread is never woken: its threshold is out of reach.
  absl::StatusOr<std::unique_ptr<WalCheckpointer>> checkpointer =
      WalCheckpointer::Start(
          path_, absl::Seconds(5),
          {.background_pages = 1 << 30, .foreground_pages = 100});
  ASSERT_TRUE(checkpointer.ok()) << checkpointer.status();
  (*checkpointer)->Attach(writer_->raw());
  const int64_t before = DatabaseFileBytes();

  CommitPages(300);

  EXPECT_EQ((*checkpointer)->checkpoints(), 0);
  EXPECT_GT(DatabaseFileBytes(), before + 100 * 4096);
  sqlite3_wal_hook(writer_->raw(), nullptr, nullptr);
}

TEST_F(WalCheckpointerTest, WithoutCheckpointsTheDatabaseFileDoesNotGrow) {
  // The control for the two tests above: with the hook attached and neither
  // threshold reached, the pages stay in the WAL.
  absl::StatusOr<std::unique_ptr<WalCheckpointer>> checkpointer =
      WalCheckpointer::Start(
          path_, absl::Seconds(5),
          {.background_pages = 1 << 30, .foreground_pages = 1 << 30});
  ASSERT_TRUE(checkpointer.ok()) << checkpointer.status();
  (*checkpointer)->Attach(writer_->raw());
  const int64_t before = DatabaseFileBytes();

  CommitPages(300);

  EXPECT_EQ(DatabaseFileBytes(), before);
  sqlite3_wal_hook(writer_->raw(), nullptr, nullptr);
}

}  // namespace
}  // namespace mdm::storage::sqlite_internal
