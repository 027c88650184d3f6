// The source name of a write, checked with the server once before any record
// is sent (RecordService.CheckSource), so that a bad --source is refused up
// front instead of once per row, and a warning about a new source is shown
// once per command.
//
//   std::vector<std::string> warnings;
//   if (int code = CheckSourceUpFront(channel, common, "import", "crm",
//                                     /*new_source=*/false, std::cerr,
//                                     warnings);
//       code != 0) {
//     return code;
//   }
//   ... send the records ...
//   PrintSourceWarnings("import", warnings, std::cerr);
//
// A refusal is printed as "mdmctl COMMAND: --source: ..."; warnings are left
// to the caller, to print once the records went out (a command that stops
// before sending anything has nothing to warn about).
#ifndef MDM_TOOLS_MDMCTL_SOURCE_CHECK_H_
#define MDM_TOOLS_MDMCTL_SOURCE_CHECK_H_

#include <grpcpp/channel.h>

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "tools/mdmctl/commands.h"

namespace mdm::cli {

// `new_source` confirms a name that differs only by case from a known source
// (--new-source). Returns 0 when the records may be sent, with the server's
// warnings added to `warnings`; else the exit code for the failed check
// (exit_codes.h): 4 when the server refuses the name, 6 when it cannot be
// reached. A server without the check (UNIMPLEMENTED) lets the records go,
// and judges each as it arrives.
int CheckSourceUpFront(const std::shared_ptr<grpc::Channel>& channel,
                       const CommonOptions& common, const char* command,
                       const std::string& source, bool new_source,
                       std::ostream& err, std::vector<std::string>& warnings);

// Prints "mdmctl COMMAND: warning: W" for each warning, each once.
void PrintSourceWarnings(const char* command,
                         const std::vector<std::string>& warnings,
                         std::ostream& err);

}  // namespace mdm::cli

#endif  // MDM_TOOLS_MDMCTL_SOURCE_CHECK_H_
