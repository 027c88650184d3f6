#include "tools/mdmctl/source_check.h"

#include "mdm/v1/records.grpc.pb.h"
#include "tools/mdmctl/rpc_util.h"
#include "tools/mdmctl/terminal_text.h"

namespace mdm::cli {

int CheckSourceUpFront(const std::shared_ptr<grpc::Channel>& channel,
                       const CommonOptions& common, const char* command,
                       const std::string& source, bool new_source,
                       std::ostream& err, std::set<std::string>* shown) {
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
    return kExitUsage;
  }
  if (!status.ok()) return Fail(err, command, status);
  for (const std::string& warning : response.warnings()) {
    err << "mdmctl " << command << ": warning: " << TerminalSafe(warning)
        << "\n";
    if (shown != nullptr) shown->insert(warning);
  }
  return 0;
}

}  // namespace mdm::cli
