// Binary encodings of the composite columns of the SQLite schema.
//
// Each blob starts with a format byte (1), then varint counts and
// length-prefixed strings. Decoders reject truncated or unknown input with
// DataLoss naming `what`, so corruption surfaces as an error, not garbage.
//
//   std::string blob = EncodeAttributes(row.attributes);
//   MDM_ASSIGN_OR_RETURN(row.attributes, DecodeAttributes(blob, "record 7"));
#ifndef MDM_STORAGE_SQLITE_INTERNAL_ROW_CODEC_H_
#define MDM_STORAGE_SQLITE_INTERNAL_ROW_CODEC_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "storage/rows.h"

namespace mdm::storage::sqlite_internal {

std::string EncodeAttributes(const Attributes& attributes);
absl::StatusOr<Attributes> DecodeAttributes(absl::string_view blob,
                                            absl::string_view what);

std::string EncodeGoldenValues(const std::vector<GoldenValue>& values);
absl::StatusOr<std::vector<GoldenValue>> DecodeGoldenValues(
    absl::string_view blob, absl::string_view what);

// A change event's keys and attributes together.
std::string EncodeChangePayload(const std::vector<SourceKey>& keys,
                                const std::vector<GoldenValue>& values);
absl::Status DecodeChangePayload(absl::string_view blob, absl::string_view what,
                                 std::vector<SourceKey>& keys,
                                 std::vector<GoldenValue>& values);

// Fixed-width little-endian 64-bit keys.
// The parts of a golden version that are not columns: cause key and note,
// joined and departed records, absorbed golden records.
std::string EncodeVersionDetail(const GoldenVersionRow& version);
absl::Status DecodeVersionDetail(absl::string_view blob, absl::string_view what,
                                 GoldenVersionRow& version);

// The parts of an audit entry that are not columns: golden ids, keys,
// detail.
std::string EncodeAuditPayload(const AuditRow& entry);
absl::Status DecodeAuditPayload(absl::string_view blob, absl::string_view what,
                                AuditRow& entry);

}  // namespace mdm::storage::sqlite_internal

#endif  // MDM_STORAGE_SQLITE_INTERNAL_ROW_CODEC_H_
