#include "src/engine/source_registry.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "src/engine/record_validator.h"

namespace mdm::engine {
namespace {

std::string Folded(absl::string_view source) {
  return absl::AsciiStrToLower(source);
}

}  // namespace

SourceRegistry::SourceRegistry(const v1::MdmConfig& config)
    : default_trust_(config.source_defaults().trust() > 0
                         ? config.source_defaults().trust()
                         : 0.5),
      default_deduplicated_(config.source_defaults().deduplicated()) {
  absl::MutexLock lock(&mu_);
  for (const v1::SourceConfig& source : config.sources()) {
    configured_.insert(source.name());
    by_folded_.emplace(Folded(source.name()), source.name());
  }
}

void SourceRegistry::AddHeld(absl::string_view source) {
  absl::MutexLock lock(&mu_);
  if (held_.emplace(source).second) {
    by_folded_.emplace(Folded(source), std::string(source));
  }
}

absl::StatusOr<SourceVerdict> SourceRegistry::Check(absl::string_view source,
                                                    const Batch* batch) const {
  if (!IsValidSourceName(source)) {
    return absl::InvalidArgumentError(
        absl::StrCat("source '", source.substr(0, 64),
                     "' must be 1..64 characters of A-Z, a-z, 0-9, _ . -"));
  }
  SourceVerdict verdict;
  verdict.configured = configured_.contains(source);
  const bool in_batch = batch != nullptr && batch->Contains(source);
  absl::MutexLock lock(&mu_);
  verdict.held = held_.contains(source);
  if (verdict.configured || verdict.held || in_batch) return verdict;
  if (confirmed_.contains(source)) {
    verdict.warning = NewSourceWarning(source);
    return verdict;
  }
  if (source.find(':') != absl::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrCat(
        "source '", source,
        "' holds ':', which separates source and id in SOURCE:ID; choose a "
        "name without it, such as '",
        absl::StrReplaceAll(source, {{":", "."}}), "'"));
  }
  const std::string folded = Folded(source);
  std::string twin;
  if (auto it = by_folded_.find(folded); it != by_folded_.end()) {
    twin = it->second;
  } else if (batch != nullptr) {
    for (const std::string& other : batch->sources_) {
      if (Folded(other) == folded) twin = other;
    }
  }
  if (!twin.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("source '", source, "' differs only by case from source '",
                     twin, "'; use '", twin, "', or confirm '", source,
                     "' as a new source (mdmctl --new-source)"));
  }
  verdict.warning = NewSourceWarning(source);
  return verdict;
}

std::string SourceRegistry::NewSourceWarning(absl::string_view source) const {
  return absl::StrCat(
      "source '", source,
      "' is new and not in the configuration: the default source settings "
      "apply (trust ",
      default_trust_, default_deduplicated_ ? ", deduplicated" : "",
      "); name it under sources in the configuration to change them");
}

absl::Status SourceRegistry::Confirm(absl::string_view source) {
  absl::StatusOr<SourceVerdict> verdict = Check(source, nullptr);
  if (verdict.ok()) return absl::OkStatus();
  if (!IsValidSourceName(source) ||
      source.find(':') != absl::string_view::npos) {
    return verdict.status();
  }
  absl::MutexLock lock(&mu_);
  if (confirmed_.emplace(source).second) {
    by_folded_.emplace(Folded(source), std::string(source));
  }
  return absl::OkStatus();
}

void SourceRegistry::Committed(const Batch& batch) {
  for (const std::string& source : batch.sources_) AddHeld(source);
}

void SourceRegistry::Forget(absl::string_view source) {
  absl::MutexLock lock(&mu_);
  const bool held = held_.erase(source) > 0;
  const bool confirmed = confirmed_.erase(source) > 0;
  if (!held && !confirmed) return;
  const std::string folded = Folded(source);
  auto it = by_folded_.find(folded);
  if (it == by_folded_.end() || it->second != source) return;
  // Another known name with the same letters, if any, takes its place.
  by_folded_.erase(it);
  for (const absl::flat_hash_set<std::string>* known :
       {&configured_, &held_, &confirmed_}) {
    for (const std::string& name : *known) {
      if (Folded(name) == folded) {
        by_folded_.emplace(folded, name);
        return;
      }
    }
  }
}

}  // namespace mdm::engine
