#include "src/engine/source_registry.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "src/base/testing/status_matchers.h"

namespace mdm::engine {
namespace {

using ::mdm::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

v1::MdmConfig Config() {
  v1::MdmConfig config;
  config.add_sources()->set_name("erp");
  config.mutable_source_defaults()->set_trust(0.4);
  return config;
}

TEST(SourceRegistry, KnownSourcesPassWithoutWarning) {
  SourceRegistry sources(Config());
  sources.AddHeld("crm");
  sources.AddHeld("legacy:eu");  // stored before ':' was refused
  for (const char* name : {"erp", "crm", "legacy:eu"}) {
    ASSERT_OK_AND_ASSIGN(SourceVerdict verdict, sources.Check(name, nullptr));
    EXPECT_THAT(verdict.warning, IsEmpty()) << name;
  }
  ASSERT_OK_AND_ASSIGN(SourceVerdict erp, sources.Check("erp", nullptr));
  EXPECT_TRUE(erp.configured);
  EXPECT_FALSE(erp.held);
  ASSERT_OK_AND_ASSIGN(SourceVerdict crm, sources.Check("crm", nullptr));
  EXPECT_FALSE(crm.configured);
  EXPECT_TRUE(crm.held);
}

TEST(SourceRegistry, NewUnconfiguredSourceWarnsThatDefaultsApply) {
  SourceRegistry sources(Config());
  ASSERT_OK_AND_ASSIGN(SourceVerdict verdict, sources.Check("web", nullptr));
  EXPECT_FALSE(verdict.held);
  EXPECT_THAT(verdict.warning, HasSubstr("source 'web' is new"));
  EXPECT_THAT(verdict.warning, HasSubstr("default source settings apply"));
  EXPECT_THAT(verdict.warning, HasSubstr("trust 0.4"));
  // Later records of the same transaction, and later transactions, do not
  // warn again.
  SourceRegistry::Batch batch;
  batch.Add("web");
  ASSERT_OK_AND_ASSIGN(verdict, sources.Check("web", &batch));
  EXPECT_THAT(verdict.warning, IsEmpty());
  sources.Committed(batch);
  ASSERT_OK_AND_ASSIGN(verdict, sources.Check("web", nullptr));
  EXPECT_TRUE(verdict.held);
  EXPECT_THAT(verdict.warning, IsEmpty());
}

TEST(SourceRegistry, RefusesNewNamesThatDifferOnlyByCaseOrHoldAColon) {
  SourceRegistry sources(Config());
  sources.AddHeld("crm");
  SourceRegistry::Batch batch;
  batch.Add("web");
  const struct {
    const char* name;
    const char* error;
  } cases[] = {
      {"CRM", "source 'CRM' differs only by case from source 'crm'"},
      {"Erp", "differs only by case from source 'erp'"},
      {"WEB", "differs only by case from source 'web'"},  // same batch
      {"erp:eu", "holds ':', which separates source and id"},
      {"bad name", "must be 1..64 characters of A-Z, a-z, 0-9, _ . -"},
      {"", "must be 1..64 characters"},
  };
  for (const auto& c : cases) {
    EXPECT_THAT(
        sources.Check(c.name, &batch),
        StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(c.error)))
        << c.name;
  }
}

TEST(SourceRegistry, ConfirmAcceptsANameRefusedOnlyForItsCase) {
  SourceRegistry sources(Config());
  sources.AddHeld("crm");
  ASSERT_OK(sources.Confirm("CRM"));
  ASSERT_OK_AND_ASSIGN(SourceVerdict verdict, sources.Check("CRM", nullptr));
  EXPECT_FALSE(verdict.held);
  // Still new and unconfigured, so its first records warn.
  EXPECT_THAT(verdict.warning, HasSubstr("source 'CRM' is new"));
  // Another spelling still differs by case from both.
  EXPECT_THAT(sources.Check("Crm", nullptr),
              StatusIs(absl::StatusCode::kInvalidArgument));
  // Confirming cannot bring in a ':' or a malformed name.
  EXPECT_THAT(sources.Confirm("a:b"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(sources.Confirm("a b"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(SourceRegistry, ForgottenSourceIsNewAgainUnlessConfigured) {
  SourceRegistry sources(Config());
  sources.AddHeld("crm");
  sources.AddHeld("erp");  // configured and held
  sources.Forget("crm");
  ASSERT_OK_AND_ASSIGN(SourceVerdict verdict, sources.Check("crm", nullptr));
  EXPECT_FALSE(verdict.held);
  EXPECT_THAT(verdict.warning, HasSubstr("source 'crm' is new"));
  // Its spellings are free again.
  ASSERT_OK_AND_ASSIGN(verdict, sources.Check("CRM", nullptr));
  EXPECT_THAT(verdict.warning, HasSubstr("source 'CRM' is new"));
  // A configured source stays known, and its spellings stay refused.
  sources.Forget("erp");
  ASSERT_OK_AND_ASSIGN(verdict, sources.Check("erp", nullptr));
  EXPECT_TRUE(verdict.configured);
  EXPECT_FALSE(verdict.held);
  EXPECT_THAT(verdict.warning, IsEmpty());
  EXPECT_THAT(sources.Check("ERP", nullptr),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("differs only by case from source 'erp'")));
  // Forgetting what is not known changes nothing.
  sources.Forget("web");
  sources.Forget("ERP");
  EXPECT_THAT(sources.Check("Erp", nullptr),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(SourceRegistry, ForgettingOneSpellingKeepsTheOthersKnown) {
  SourceRegistry sources(Config());
  sources.AddHeld("crm");
  ASSERT_OK(sources.Confirm("CRM"));
  sources.AddHeld("CRM");
  sources.Forget("crm");
  // 'CRM' still holds records, so other spellings differ from it.
  EXPECT_THAT(sources.Check("Crm", nullptr),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("differs only by case from source 'CRM'")));
  EXPECT_THAT(sources.Check("crm", nullptr),
              StatusIs(absl::StatusCode::kInvalidArgument));
  // Its confirmation goes with its last record.
  sources.Forget("CRM");
  ASSERT_OK_AND_ASSIGN(SourceVerdict verdict, sources.Check("Crm", nullptr));
  EXPECT_THAT(verdict.warning, HasSubstr("source 'Crm' is new"));
}

}  // namespace
}  // namespace mdm::engine
