// The source name of a write, checked with the server once before any record
// is sent (RecordService.CheckSource), so that a bad --source is refused up
// front instead of once per row, and a warning about a new source is shown
// once per command.
//
//   if (int code = CheckSourceUpFront(channel, common, "import", "crm",
//                                     /*new_source=*/false, std::cerr);
//       code != 0) {
//     return code;
//   }
//
// Prints "mdmctl COMMAND: warning: ..." for each warning. Returns 0 when the
// records may be sent, kExitUsage (2) when the server refuses the name, and
// kExitServer (3) when the check itself fails. A server without the check
// (UNIMPLEMENTED) lets the records go, and judges each as it arrives.
#ifndef MDM_TOOLS_MDMCTL_SOURCE_CHECK_H_
#define MDM_TOOLS_MDMCTL_SOURCE_CHECK_H_

#include <grpcpp/channel.h>

#include <memory>
#include <ostream>
#include <set>
#include <string>

#include "tools/mdmctl/commands.h"

namespace mdm::cli {

// `new_source` confirms a name that differs only by case from a known source
// (--new-source). Warnings printed are added to `shown` when it is not null.
int CheckSourceUpFront(const std::shared_ptr<grpc::Channel>& channel,
                       const CommonOptions& common, const char* command,
                       const std::string& source, bool new_source,
                       std::ostream& err,
                       std::set<std::string>* shown = nullptr);

}  // namespace mdm::cli

#endif  // MDM_TOOLS_MDMCTL_SOURCE_CHECK_H_
