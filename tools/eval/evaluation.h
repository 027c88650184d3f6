// One evaluation run: a fresh mdmd, the dataset through the real mdmctl, the
// service's clustering scored against the ground truth.
//
//   EvalOptions options{.data_dir = "../shared/datasets",
//                       .bin_dir = "build/bin", .work_dir = "/tmp/mdm-eval-x"};
//   absl::Status s = EvaluateDataset("febrl3", options, std::cout, std::cerr);
//   // std::cout: dataset=febrl3 records=5000 precision=... seconds=...
//
// Steps for a dataset NAME, all inside WORK/NAME:
//   1. read the dataset (truth, record keys; derived import files),
//   2. start BIN/mdmd --db=WORK/NAME/mdm.db on a free port, with
//      --config=CONFIGS/NAME.textproto when that file exists,
//   3. `mdmctl import` each file (rows the service rejects are reported on
//      the error stream; such records have no golden id: singletons),
//   4. unless `train` is off, `mdmctl model train --type=T`: unsupervised
//      training (no labels) and a re-match under the trained model (a failure
//      is reported, not fatal),
//   5. `mdmctl export xrefs --type=T`, score, read the whole review queue
//      (StewardService.ListCandidates) and count its true matches, print
//      the result line,
//   6. stop mdmd (SIGTERM) and wait for it.
// The labelled-pairs dataset (company_names) replaces 3-5 with one upsert,
// resolve and delete per record pair.
#ifndef MDM_TOOLS_EVAL_EVALUATION_H_
#define MDM_TOOLS_EVAL_EVALUATION_H_

#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace mdm::eval {

struct EvalOptions {
  std::string data_dir;     // the datasets folder (its README.md lists them)
  std::string bin_dir;      // holds mdmd and mdmctl
  std::string configs_dir;  // optional NAME.textproto per dataset
  std::string work_dir;     // scratch space; one subfolder per dataset
  bool train = true;
};

// Runs dataset `name` and prints its one result line to `out`:
//   dataset=NAME records=N precision=P recall=R f1=F review=C
//     review_per_record=C/N review_true=T seconds=S
//   dataset=NAME records=N accuracy=A seconds=S   (labelled pairs)
// S is the wall time from reading the dataset to scoring it. Notes
// (rejected rows, training failures) go to `err`. An error means no line
// was printed, or mdmd did not stop cleanly after it was.
absl::Status EvaluateDataset(absl::string_view name, const EvalOptions& options,
                             std::ostream& out, std::ostream& err);

}  // namespace mdm::eval

#endif  // MDM_TOOLS_EVAL_EVALUATION_H_
