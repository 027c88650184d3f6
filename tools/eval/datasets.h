// The public entity-resolution datasets that mdm-eval runs through the
// service: which files to import with which mdmctl options, and the ground
// truth to score the result against.
//
//   MDM_ASSIGN_OR_RETURN(PreparedDataset d,
//                        PrepareDataset("febrl3", data_dir, scratch_dir));
//   for (const ImportFile& f : d.imports) { mdmctl import ... f.flags ... }
//
// Datasets (folders under the --data directory; see its README.md):
//   febrl3         person   febrl/febrl_dataset3.csv, all pairs
//   febrl4         person   febrl/febrl_dataset4{a,b}.csv, pairs across files
//   fake_1000      person   splink_fake_1000/fake_1000.csv, all pairs
//   fake_20000     person   splink_fake_20000/fake_20000.csv, all pairs
//   amazon_google  product  amazon_google/{Amazon,GoogleProducts}.csv, pairs
//                           across files listed in the perfect mapping
//   chicago        organization  dedupe_chicago_childhood/..., all pairs;
//                           split by its Source column into one file each
//   company_names  organization  labelled name pairs, scored one pair at a
//                           time (accuracy)
//   generated      any      the output folder of tools/gen (mdm-gen): one
//                           CSV per source, truth.csv, and type.txt naming
//                           the entity type (person if absent); not part
//                           of "all"
//   febrl4_search  person   febrl 4a loaded without every tenth entity
//                           (N % 10 == 3); each 4b record is then a search
//                           query, with a true match in 4a or (for the
//                           held-out tenth) none
#ifndef MDM_TOOLS_EVAL_DATASETS_H_
#define MDM_TOOLS_EVAL_DATASETS_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "tools/eval/pairwise_metrics.h"

namespace mdm::eval {

// How a dataset is scored.
enum class Scoring {
  kAllPairs,          // pairwise P/R/F1 over all pairs of records
  kCrossSourcePairs,  // pairwise P/R/F1 over pairs across sources
  kListedPairs,       // as above, truth given as a list of pairs
  kPairAccuracy,      // labelled pairs, each upserted alone: accuracy
  kSearch,            // search queries against the loaded records
};

// A search query and the record it should find first.
struct SearchCase {
  RecordKey key;  // the query's own record (not loaded)
  std::vector<std::pair<std::string, std::string>> attributes;
  // The loaded record of the same entity; empty id when none was loaded.
  RecordKey expected;
};

// One `mdmctl import` run.
struct ImportFile {
  std::string path;
  std::string source;
  // Options besides --type, --source and --rejects, e.g. "--trim".
  std::vector<std::string> flags;
};

// A record of the dataset and its true cluster ("" when the truth is a pair
// list, or when the record's cluster is unknown: a singleton).
struct TruthRecord {
  RecordKey key;
  std::string cluster;
};

// Two names labelled as the same organization or not.
struct LabelledPair {
  std::string name_x;
  std::string name_y;
  bool same = false;
};

struct PreparedDataset {
  std::string name;
  std::string entity_type;
  Scoring scoring = Scoring::kAllPairs;
  std::vector<ImportFile> imports;
  // Every record of the dataset, in file order (none for kPairAccuracy).
  std::vector<TruthRecord> records;
  std::vector<std::pair<RecordKey, RecordKey>> truth_pairs;  // kListedPairs
  std::vector<LabelledPair> labelled_pairs;                  // kPairAccuracy
  std::vector<SearchCase> searches;                          // kSearch
  // Oddities found while reading (skipped rows, repeated ids), for stderr.
  std::vector<std::string> warnings;
};

// The dataset names, in the order `--dataset=all` runs them.
const std::vector<std::string>& DatasetNames();

// Reads the dataset's files under `data_dir` (truth, record keys) and writes
// any derived import files into `scratch_dir`. NotFound names a missing
// file; InvalidArgument a file without the expected columns.
absl::StatusOr<PreparedDataset> PrepareDataset(absl::string_view name,
                                               const std::string& data_dir,
                                               const std::string& scratch_dir);

// `text` made into a valid name for a new mdm source: [A-Za-z0-9_.-] kept,
// any other byte (':' included) replaced by '_', at most 64 bytes, "_" when
// empty.
std::string SourceNameOf(absl::string_view text);

}  // namespace mdm::eval

#endif  // MDM_TOOLS_EVAL_DATASETS_H_
