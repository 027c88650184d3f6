#include "tools/mdmctl/source_check.h"

#include <set>

#include "mdm/v1/records.grpc.pb.h"
#include "tools/mdmctl/exit_codes.h"
#include "tools/mdmctl/rpc_util.h"
#include "tools/mdmctl/terminal_text.h"

namespace mdm::cli {

int CheckSourceUpFront(const std::shared_ptr<grpc::Channel>& channel,
                       const CommonOptions& common, const char* command,
                       const std::string& source, bool new_source,
                       std::ostream& err, std::vector<std::string>& warnings) {
  auto stub = v1::RecordService::NewStub(channel);
  v1::CheckSourceRequest request;
  request.set_source(source);
  request.set_new_source(new_source);
  v1::CheckSourceResponse response;
  const grpc::Status status =
      stub->CheckSource(NewContext(common).get(), request, &response);
  if (status.error_code() == grpc::StatusCode::UNIMPLEMENTED) return 0;
  if (status.error_code() == grpc::StatusCode::INVALID_ARGUMENT) {
    err << "mdmctl " << command
        << ": --source: " << TerminalSafe(status.error_message()) << "\n";
    return ExitCodeFor(status.error_code());
  }
  if (!status.ok()) return Fail(err, command, status);
  warnings.insert(warnings.end(), response.warnings().begin(),
                  response.warnings().end());
  return 0;
}

void PrintSourceWarnings(const char* command,
                         const std::vector<std::string>& warnings,
                         std::ostream& err) {
  std::set<std::string> printed;
  for (const std::string& warning : warnings) {
    if (!printed.insert(warning).second) continue;
    err << "mdmctl " << command << ": warning: " << TerminalSafe(warning)
        << "\n";
  }
}

}  // namespace mdm::cli
