// Invariant checker: reads a whole database and reports every place where
// it breaks one of the service's core invariants.
//
//   MDM_ASSIGN_OR_RETURN(std::unique_ptr<storage::Store> store,
//                        storage::OpenSqliteStore({.path = "var/mdm.db"}));
//   MDM_ASSIGN_OR_RETURN(InvariantReport report,
//                        CheckInvariants(*store, config));
//   for (const InvariantViolation& v : report.violations) {
//     std::cerr << FormatViolation(v) << "\n";
//   }
//   return report.ok() ? 0 : 1;
//
// What is checked, by the name each violation carries in `invariant`:
//
//   membership          every source record is linked to a live golden record
//                       of its own entity type; every live golden record has
//                       at least one record.
//   xref_history        every record has exactly one open link in the xref
//                       history, naming its key, type and golden record; no
//                       open link belongs to a record that does not exist.
//   redirect            a live golden record has no `merged_into`; a retired
//                       one's redirect chain is acyclic and ends, in one hop,
//                       at a golden record of the same type that is live, or
//                       retired without a redirect (its records were all
//                       deleted after the merge; resolve reports it
//                       retired).
//   redirect_target     (design invariant 3) a retired id's redirect leads to
//                       a golden record holding at least one of the records
//                       the id held when it was retired, of those still
//                       stored (not deleted, nor deleted and sent again).
//   feed_sequence       the change feed's sequence numbers are 1..head with
//                       no gap; every event has a known kind and names an
//                       existing golden record of its own entity type.
//   feed_state          replaying the feed gives the current state: the link
//                       events (GOLDEN_CREATED, GOLDEN_RESTORED, XREF_LINKED,
//                       XREF_UNLINKED, GOLDEN_MERGED) move each key from
//                       where it was, and end at its record's golden record
//                       (or unlinked when the record was deleted); each
//                       golden record's first event is its GOLDEN_CREATED;
//                       a golden record is retired by a GOLDEN_MERGED or
//                       GOLDEN_RETIRED event, live again only after a
//                       GOLDEN_RESTORED (of one retired by a merge), and
//                       live otherwise; a later GOLDEN_MERGED of a merged
//                       one gives its redirect a new target, and the last
//                       target, followed through the feed's merges, is its
//                       current redirect; after retirement, only those and
//                       XREF_UNLINKED events of the same unit of work name
//                       it; a live golden record's attributes equal those
//                       of its last GOLDEN_CREATED, GOLDEN_RESTORED or
//                       GOLDEN_UPDATED event.
//   judgement           a must-link pair of live records is in one golden
//                       record; a cannot-link pair is not.
//   survivorship        a live golden record's attributes equal a fresh
//                       survivorship run over its members under the entity
//                       type's rules in `config`.
//   golden_version      a golden record's version is that of its latest
//                       golden_versions row, whose state and attributes match
//                       it.
//   strong_identifier   (design invariant 8) no two records of a golden
//                       record hold conflicting strong identifiers, unless
//                       steward must-links hold them together.
//   deduplicated_source no two records of a golden record come from one
//                       deduplicated source, unless must-links hold them
//                       together.
//   scored_pairs        every pair of records of a type that shares a
//                       blocking key (in a block within its cap) and that
//                       the active model scores at or above the stored
//                       threshold is a stored scored pair: the matcher
//                       compared them (internal/unscored_pairs.h). A
//                       process that wrote the database without seeing the
//                       other's records leaves such pairs. And no stored
//                       pair joins records that share no block within its
//                       cap: a block that grew past its cap dropped them.
//   batch_partition     (design invariant 4) each type's golden records are
//                       the clusters that clustering all its records at once
//                       gives (ClusterRecords over the stored pairs and the
//                       judgements): the incremental clustering on arrival
//                       agrees with a batch re-clustering, whatever the
//                       order the records came in.
//   configuration       each entity type in the database is registered with
//                       the golden id prefix `config` gives it.
//
// Not checked: time order of the feed (event times come from the wall clock
// and are not promised to increase); stored pairs' weights against fresh
// ones; the golden_versions and
// xref_history intervals before the current ones; edges, models and the
// audit log. The checker trusts `config` to be the configuration the
// database was written under: a changed survivorship rule, strong
// identifier or deduplicated source is reported against every golden record
// it affects until the records are matched again.
//
// Cost: one pass over golden records, the feed, records and open links, and
// judgements, in pages, from one read snapshot; per live golden record, its
// members (with features) and its latest version are read; per retired one
// with a redirect, its retiring version and its former records. Then each
// entity type is matched again from its stored features (scored_pairs), which
// costs about what scoring the records on arrival did, and clustered again
// from its stored pairs (batch_partition): a read of each record's pairs and
// judgements, and memory for the type's pairs. Memory: about 64
// bytes per golden record and 40 per linked source key, plus, while one
// type's pairs are checked, that type's features and blocking keys (as much
// as the server's candidate index holds for it).
//
// Thread safety: CheckInvariants may run concurrently with writers; it reads
// one snapshot of `store` and never writes.
#ifndef MDM_SRC_ENGINE_INVARIANT_CHECKER_H_
#define MDM_SRC_ENGINE_INVARIANT_CHECKER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "mdm/v1/config.pb.h"
#include "storage/store.h"

namespace mdm::engine {

struct InvariantViolation {
  // The invariant broken: one of the names listed above ("membership").
  std::string invariant;
  // What breaks it: a golden id as printed ("PER-000001Y"), a source key
  // ("crm:42"), a pair of keys ("crm:1, crm:2"), a change ("change 17") or
  // an entity type.
  std::string subject;
  // What is wrong, in a sentence.
  std::string detail;
};

// "membership PER-000001Y: ...".
std::string FormatViolation(const InvariantViolation& violation);

struct InvariantReport {
  // What was read.
  int64_t records = 0;
  int64_t goldens = 0;  // live and retired
  int64_t live_goldens = 0;
  int64_t changes = 0;
  int64_t judgements = 0;
  // Every violation found; only the first CheckOptions::max_violations are
  // kept in `violations`.
  int64_t violation_count = 0;
  std::vector<InvariantViolation> violations;

  bool ok() const { return violation_count == 0; }
};

struct CheckOptions {
  // Most violations kept in the report (all are counted).
  int max_violations = 100;
  // Rows read per storage call.
  int page_size = 1000;
  // Threads that match records again (scored_pairs), the caller's included.
  int threads = 1;
};

// Checks every invariant listed above on one snapshot of `store`, with the
// entity types, survivorship rules and sources of `config`. Broken
// invariants are reported, not returned as errors; an error means the store
// could not be read (Unavailable: busy; DataLoss: a row it cannot decode) or
// `config` is invalid (InvalidArgument).
absl::StatusOr<InvariantReport> CheckInvariants(
    storage::Store& store, const v1::MdmConfig& config,
    const CheckOptions& options = {});

}  // namespace mdm::engine

#endif  // MDM_SRC_ENGINE_INVARIANT_CHECKER_H_
