#include "src/config/config_loader.h"

#include <fstream>
#include <sstream>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"
#include "matching/entity_model.h"
#include "src/base/status_macros.h"
#include "src/engine/survivorship.h"

namespace mdm {

extern const char kDefaultConfigText[];

namespace {

// Keeps the first error, as FILE:LINE:COLUMN: message.
class FirstErrorCollector : public google::protobuf::io::ErrorCollector {
 public:
  explicit FirstErrorCollector(absl::string_view filename)
      : filename_(filename) {}

  void AddError(int line, google::protobuf::io::ColumnNumber column,
                const std::string& message) override {
    if (first_.empty()) {
      first_ = absl::StrCat(filename_, ":", line + 1, ":", column + 1, ": ",
                            message);
    }
  }

  const std::string& first() const { return first_; }

 private:
  std::string filename_;
  std::string first_;
};

bool IsSourceName(absl::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    if (!absl::ascii_isalnum(c) && c != '_' && c != '.' && c != ':' &&
        c != '-') {
      return false;
    }
  }
  return true;
}

absl::Status CheckSource(const v1::SourceConfig& source,
                         absl::string_view what) {
  if (source.trust() < 0 || source.trust() > 1) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, ": trust must be in [0, 1]"));
  }
  return absl::OkStatus();
}

absl::Status CheckSemantics(const v1::MdmConfig& config) {
  if (config.entity_types().empty()) {
    return absl::InvalidArgumentError("declares no entity_types");
  }
  absl::flat_hash_set<std::string> names, prefixes;
  for (const v1::EntityTypeConfig& type : config.entity_types()) {
    MDM_RETURN_IF_ERROR(matching::EntityModel::Compile(type).status());
    MDM_RETURN_IF_ERROR(
        engine::SurvivorshipPolicy::Create(type, config).status());
    if (!names.insert(type.name()).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("entity type ", type.name(), " is declared twice"));
    }
    if (!prefixes.insert(type.id_prefix()).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("entity type ", type.name(), ": id_prefix ",
                       type.id_prefix(), " is used by another entity type"));
    }
  }
  absl::flat_hash_set<std::string> sources;
  for (const v1::SourceConfig& source : config.sources()) {
    if (!IsSourceName(source.name())) {
      return absl::InvalidArgumentError(
          absl::StrCat("source name '", source.name(),
                       "' must be 1..64 characters of A-Z, a-z, 0-9, _ . : -"));
    }
    if (!sources.insert(source.name()).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("source ", source.name(), " is declared twice"));
    }
    MDM_RETURN_IF_ERROR(
        CheckSource(source, absl::StrCat("source ", source.name())));
  }
  return CheckSource(config.source_defaults(), "source_defaults");
}

}  // namespace

namespace {

absl::StatusOr<v1::MdmConfig> ParseText(absl::string_view text,
                                        absl::string_view filename) {
  v1::MdmConfig config;
  google::protobuf::TextFormat::Parser parser;
  FirstErrorCollector errors(filename);
  parser.RecordErrorsTo(&errors);
  if (!parser.ParseFromString(std::string(text), &config)) {
    return absl::InvalidArgumentError(
        errors.first().empty() ? absl::StrCat(filename, ": cannot parse")
                               : errors.first());
  }
  return config;
}

}  // namespace

absl::StatusOr<v1::MdmConfig> ParseConfig(absl::string_view text,
                                          absl::string_view filename) {
  MDM_ASSIGN_OR_RETURN(v1::MdmConfig config, ParseText(text, filename));
  if (config.include_built_in_types()) {
    MDM_ASSIGN_OR_RETURN(
        v1::MdmConfig built_in,
        ParseText(DefaultConfigText(), "built-in configuration"));
    absl::flat_hash_set<std::string> declared;
    for (const v1::EntityTypeConfig& type : config.entity_types()) {
      declared.insert(type.name());
    }
    for (const v1::EntityTypeConfig& type : built_in.entity_types()) {
      if (!declared.contains(type.name())) *config.add_entity_types() = type;
    }
  }
  absl::Status status = CheckSemantics(config);
  if (!status.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(filename, ": ", status.message()));
  }
  return config;
}

absl::StatusOr<v1::MdmConfig> LoadConfigFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(
        absl::StrCat("cannot read configuration file ", path));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return ParseConfig(text.str(), path);
}

absl::string_view DefaultConfigText() { return kDefaultConfigText; }

absl::StatusOr<v1::MdmConfig> DefaultConfig() {
  return ParseConfig(DefaultConfigText(), "built-in configuration");
}

}  // namespace mdm
