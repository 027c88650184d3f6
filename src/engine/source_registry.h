// SourceRegistry: the source names the service knows, and the rules for a
// name it has not seen.
//
// A source is known when the configuration names it, when the database holds
// records of it (read from the store at start, added as writes commit,
// dropped when a delete removes its last record), or when a caller confirmed
// it as new. A record from an unknown source is accepted unless its
// name
//   - holds ':', which separates source and id in SOURCE:ID (names accepted
//     before this rule, and so held, stay usable: their records are read,
//     resolved, updated and deleted as before), or
//   - differs only by case from a known name ("CRM" next to "crm"), unless a
//     caller confirmed it with Confirm (mdmctl --new-source);
// and its first records carry a warning when the configuration does not name
// it, since the configuration's source defaults then apply.
//
//   SourceRegistry sources(config);
//   sources.AddHeld("crm");                       // at start, per source
//   SourceRegistry::Batch batch;                  // one write transaction
//   MDM_ASSIGN_OR_RETURN(SourceVerdict verdict, sources.Check("web", &batch));
//   batch.Add("web");                             // its record was applied
//   ... commit ...
//   sources.Committed(batch);
//   ... a delete removed the last record of "web", commit ...
//   sources.Forget("web");
//
// Thread-safe. The writer calls Committed and Forget after its commit and
// before the next write transaction begins, so that they apply in commit
// order.
#ifndef MDM_SRC_ENGINE_SOURCE_REGISTRY_H_
#define MDM_SRC_ENGINE_SOURCE_REGISTRY_H_

#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "mdm/v1/config.pb.h"

namespace mdm::engine {

// How a record from a source may be written.
struct SourceVerdict {
  bool configured = false;  // the configuration names it
  bool held = false;        // the database holds records of it
  // Set for a source that is new (not held, not yet in this batch) and not
  // configured: says that the default source settings apply.
  std::string warning;
};

class SourceRegistry {
 public:
  // New sources seen by one write transaction, published by Committed.
  class Batch {
   public:
    void Add(absl::string_view source) { sources_.emplace(source); }
    bool Contains(absl::string_view source) const {
      return sources_.contains(source);
    }

   private:
    friend class SourceRegistry;
    absl::flat_hash_set<std::string> sources_;
  };

  explicit SourceRegistry(const v1::MdmConfig& config);

  // A source the database holds records of.
  void AddHeld(absl::string_view source);

  // Whether a record from `source` may be written now; `batch` holds the new
  // sources earlier records of the same transaction brought (may be null).
  // InvalidArgument, with a message that does not name a record, for a name
  // that is malformed, new and holding ':', or new and differing only by
  // case from a known one.
  absl::StatusOr<SourceVerdict> Check(absl::string_view source,
                                      const Batch* batch) const;

  // Accepts `source` although it differs only by case from a known name.
  // The name must otherwise pass Check.
  absl::Status Confirm(absl::string_view source);

  // The batch's sources are held from now on.
  void Committed(const Batch& batch);

  // The database holds no record of `source` any more: it is known from now
  // on only when the configuration names it (a confirmation as new is
  // dropped too, as a restart would drop it).
  void Forget(absl::string_view source);

 private:
  std::string NewSourceWarning(absl::string_view source) const;

  const double default_trust_;
  const bool default_deduplicated_;
  absl::flat_hash_set<std::string> configured_;
  mutable absl::Mutex mu_;
  absl::flat_hash_set<std::string> held_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_set<std::string> confirmed_ ABSL_GUARDED_BY(mu_);
  // Lower-case name -> a known name with it (configured, held or confirmed).
  absl::flat_hash_map<std::string, std::string> by_folded_ ABSL_GUARDED_BY(mu_);
};

}  // namespace mdm::engine

#endif  // MDM_SRC_ENGINE_SOURCE_REGISTRY_H_
