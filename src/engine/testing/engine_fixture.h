// A test fixture: an Engine over a fresh SQLite store in a temporary
// directory, with the built-in configuration and a fake clock that advances
// one second per MustUpsert.
//
//   TEST_F(EngineTest, Something) {
//     const UpsertResult r = MustUpsert(Person("1", {{"email", "a@x.org"}}));
//     EXPECT_EQ(GoldenOf("1"), r.golden_id);
//   }
#ifndef MDM_SRC_ENGINE_TESTING_ENGINE_FIXTURE_H_
#define MDM_SRC_ENGINE_TESTING_ENGINE_FIXTURE_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "src/base/clock.h"
#include "src/base/testing/status_matchers.h"
#include "src/base/testing/temp_dir.h"
#include "src/config/config_loader.h"
#include "src/engine/engine.h"
#include "src/engine/invariant_checker.h"
#include "storage/sqlite/sqlite_store.h"

namespace mdm::engine {

inline RecordInput Person(
    std::string id, std::vector<std::pair<std::string, std::string>> attrs,
    std::string source = "crm") {
  return {.entity_type = "person",
          .key = {std::move(source), std::move(id)},
          .attributes = std::move(attrs)};
}

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(); }

  // (Re)opens the store and an engine on `config` (the built-in one when
  // null).
  void Open(const v1::MdmConfig* config = nullptr) {
    using ::mdm::testing::IsOk;
    engine_.reset();
    store_.reset();
    auto store = storage::OpenSqliteStore({.path = dir_.Path("mdm.db")});
    ASSERT_THAT(store, IsOk());
    store_ = *std::move(store);
    absl::StatusOr<v1::MdmConfig> built_in = DefaultConfig();
    ASSERT_THAT(built_in, IsOk());
    config_ = config ? *config : *built_in;
    auto engine = Engine::Create(store_.get(), config_, &clock_);
    ASSERT_THAT(engine, IsOk());
    engine_ = *std::move(engine);
  }

  UpsertResult MustUpsert(const RecordInput& record) {
    clock_.Advance(absl::Seconds(1));
    auto result = engine_->Upsert(record);
    EXPECT_THAT(result, ::mdm::testing::IsOk());
    return result.ok() ? *result : UpsertResult{};
  }

  std::vector<ChangeView> Changes(int64_t after = 0) {
    auto page = engine_->ListChanges(after, 10000, "");
    EXPECT_THAT(page, ::mdm::testing::IsOk());
    return page.ok() ? page->events : std::vector<ChangeView>{};
  }

  std::vector<storage::ChangeKind> Kinds(
      const std::vector<ChangeView>& changes) {
    std::vector<storage::ChangeKind> kinds;
    for (const ChangeView& c : changes) kinds.push_back(c.row.kind);
    return kinds;
  }

  // Every invariant of the store holds (src/engine/invariant_checker.h);
  // each violation is a test failure.
  void ExpectInvariantsHold() {
    auto report = CheckInvariants(*store_, config_);
    ASSERT_THAT(report, ::mdm::testing::IsOk());
    for (const InvariantViolation& violation : report->violations) {
      ADD_FAILURE() << FormatViolation(violation);
    }
  }

  std::string GoldenOf(const std::string& source_id,
                       const std::string& source = "crm") {
    auto resolved = engine_->Resolve({source, source_id}, "person");
    EXPECT_THAT(resolved, ::mdm::testing::IsOk()) << source_id;
    return resolved.ok() ? resolved->golden_id : "";
  }

  ::mdm::testing::TempDir dir_;
  FakeClock clock_{absl::FromUnixSeconds(1'700'000'000)};
  v1::MdmConfig config_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<Engine> engine_;
};

}  // namespace mdm::engine

#endif  // MDM_SRC_ENGINE_TESTING_ENGINE_FIXTURE_H_
