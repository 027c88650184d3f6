// Why an import stopped before the end of its file, in the operator's
// words, with the exit code and the advice that fit the cause: "re-run the
// same command" only where re-running helps.
//
//   ImportStop stop = ClassifyImportStop(stream_status, interrupted, target);
//   err << "mdmctl import: " << stop.Describe(applied_rows) << "\n";
//   // mdmctl import: database disk is full: 11,616 rows applied; free space
//   // on the server (or raise mdmd --max-db-bytes), then re-run the same
//   // command: applied rows are unchanged the second time
//   return stop.exit_code;
#ifndef MDM_TOOLS_MDMCTL_IMPORT_STOP_H_
#define MDM_TOOLS_MDMCTL_IMPORT_STOP_H_

#include <grpcpp/support/status.h>

#include <cstdint>
#include <string>

#include "tools/mdmctl/call_errors.h"

namespace mdm::cli {

struct ImportStop {
  int exit_code = 0;
  // What happened: "database disk is full", "mdmd shut down", ...
  std::string cause;
  // What to do next, "" when nothing useful can be said.
  std::string advice;
  // Whether running the same command again continues the import.
  bool rerun_helps = false;

  // "CAUSE: N rows applied; ADVICE", N with thousands separators.
  std::string Describe(int64_t applied_rows) const;
};

// `status` is how the upsert stream ended (not OK), `interrupted` whether the
// user pressed Ctrl-C (which wins over the status).
ImportStop ClassifyImportStop(const grpc::Status& status, bool interrupted,
                              const CallTarget& target);

// 11616 -> "11,616".
std::string WithThousands(int64_t n);

}  // namespace mdm::cli

#endif  // MDM_TOOLS_MDMCTL_IMPORT_STOP_H_
