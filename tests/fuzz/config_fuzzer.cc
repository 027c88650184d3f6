// Fuzz target for the configuration loader (src/config/config_loader.h):
// ParseConfig on arbitrary text.
//
// Checks, besides memory safety:
//   - a rejected configuration is InvalidArgument and its message names the
//     file;
//   - an accepted one compiles: every entity type passes
//     EntityModel::Compile (the loader's promise), and a record standardizes,
//     encodes, decodes and scores under it;
//   - an accepted configuration printed back as text loads again, unchanged.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"
#include "matching/blocking.h"
#include "matching/entity_model.h"
#include "matching/features.h"
#include "matching/scorer.h"
#include "matching/standardizer.h"
#include "mdm/v1/config.pb.h"
#include "src/config/config_loader.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

constexpr absl::string_view kFilename = "fuzz.textproto";

// Sample values, one picked per attribute, that every kind has to cope with.
constexpr absl::string_view kSamples[] = {
    "Robert Smith",
    "金蝶软件（中国）有限公司",
    "ann.lee@googlemail.com",
    "+86 138 0013 8000",
    "1985-03-07",
    "91350100M000100Y43",
    "4006381333931",
    "Sony WH-1000XM4 256GB",
    "CN",
    "12.50",
    "https://www.example.com/",
    "",
};

void CheckCompiles(const mdm::v1::EntityTypeConfig& type) {
  using namespace mdm::matching;  // NOLINT(build/namespaces)
  absl::StatusOr<EntityModel> model = EntityModel::Compile(type);
  MDM_FUZZ_CHECK(model.ok());
  std::vector<std::pair<std::string, std::string>> a, b;
  const size_t count = sizeof(kSamples) / sizeof(kSamples[0]);
  for (size_t i = 0; i < model->attributes().size(); ++i) {
    const std::string& name = model->attributes()[i].name;
    a.emplace_back(name, std::string(kSamples[i % count]));
    b.emplace_back(name, std::string(kSamples[(i + 1) % count]));
  }
  const RecordFeatures fa = Standardize(*model, a);
  const RecordFeatures fb = Standardize(*model, b);
  MDM_FUZZ_CHECK(fa.attributes.size() == model->attributes().size());
  RecordFeatures decoded;
  MDM_FUZZ_CHECK(DecodeFeatures(*model, EncodeFeatures(*model, fa), decoded));
  MDM_FUZZ_CHECK(decoded == fa);
  BlockingKeys(*model, fa, /*with_text=*/true);
  const double weight = MatchWeight(*model, fa, fb);
  MDM_FUZZ_CHECK(!std::isnan(weight));
  MDM_FUZZ_CHECK(ScorePair(*model, fa, fb).weight == weight);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<mdm::v1::MdmConfig> config = mdm::ParseConfig(text, kFilename);
  if (!config.ok()) {
    MDM_FUZZ_CHECK(absl::IsInvalidArgument(config.status()));
    MDM_FUZZ_CHECK(absl::StartsWith(config.status().message(), kFilename));
    return 0;
  }
  MDM_FUZZ_CHECK(!config->entity_types().empty());
  for (const mdm::v1::EntityTypeConfig& type : config->entity_types()) {
    CheckCompiles(type);
  }

  std::string printed;
  MDM_FUZZ_CHECK(
      google::protobuf::TextFormat::PrintToString(*config, &printed));
  absl::StatusOr<mdm::v1::MdmConfig> again =
      mdm::ParseConfig(printed, kFilename);
  MDM_FUZZ_CHECK(again.ok());
  MDM_FUZZ_CHECK(
      google::protobuf::util::MessageDifferencer::Equals(*config, *again));
  return 0;
}
