// Checks a source record against its entity type and the record limits, and
// puts its attributes in canonical form.
//
//   MDM_ASSIGN_OR_RETURN(storage::Attributes attributes,
//                        ValidateRecord(input, model, limits));
//
// Canonical form: sorted by name, values kept verbatim, values that are empty
// or only white space dropped. Errors are InvalidArgument, name the record
// ("record crm:42") and the field, and carry the field (see error_field.h):
//   "key.source", "key.source_id", "entity_type", "attributes" or
//   "attributes.NAME".
// `model` is null when the entity type is unknown.
#ifndef MDM_SRC_ENGINE_RECORD_VALIDATOR_H_
#define MDM_SRC_ENGINE_RECORD_VALIDATOR_H_

#include <string>

#include "absl/status/statusor.h"
#include "matching/entity_model.h"
#include "src/engine/types.h"
#include "storage/rows.h"

namespace mdm::engine {

absl::StatusOr<storage::Attributes> ValidateRecord(
    const RecordInput& input, const matching::EntityModel* model,
    const RecordLimits& limits);

// Checks only the key and entity type (for deletes and lookups).
absl::Status ValidateKey(absl::string_view entity_type, const SourceKey& key,
                         const RecordLimits& limits);

// "crm:42", for messages.
std::string RecordLabel(const SourceKey& key);

// True for 1..64 characters of [A-Za-z0-9_.:-]. A new source may not hold
// ':' (source_registry.h); names that do are still read and written for the
// sources that hold records already.
bool IsValidSourceName(absl::string_view source);

}  // namespace mdm::engine

#endif  // MDM_SRC_ENGINE_RECORD_VALIDATOR_H_
