// Helpers shared by the mdmctl subcommands: call contexts, error and value
// formatting, argument parsing.
//
//   auto context = NewContext(common);   // deadline, caller identity
//   grpc::Status s = stub->Decide(context.get(), request, &response);
//   if (!s.ok()) return Fail(err, "candidates approve", s);
#ifndef MDM_TOOLS_MDMCTL_RPC_UTIL_H_
#define MDM_TOOLS_MDMCTL_RPC_UTIL_H_

#include <grpcpp/client_context.h>

#include <memory>
#include <ostream>
#include <string>

#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"
#include "mdm/v1/matching.pb.h"
#include "mdm/v1/records.pb.h"
#include "tools/mdmctl/commands.h"
#include "tools/mdmctl/exit_codes.h"

namespace mdm::cli {

// A call context with a 30 s deadline, carrying the caller's identity
// (`common.actor`) as "mdm-actor" metadata.
std::unique_ptr<grpc::ClientContext> NewContext(
    const CommonOptions& common = {});

// Prints "mdmctl COMMAND: message (CODE)" in the command line's words
// (call_errors.h), made safe with TerminalSafe (the message may quote source
// data), and returns the exit code for the status (exit_codes.h).
int Fail(std::ostream& err, const char* command, const grpc::Status& status);

// "crm:42" for people, made safe with TerminalSafe. A source whose name
// holds ':' (accepted by older versions, refused for new sources) is
// bracketed, "[erp:eu]:42", the form ParseRef reads back.
std::string Key(const v1::SourceKey& key);
std::string Time(const google::protobuf::Timestamp& t);
std::string Signed(double weight);  // "+3.25"
void SetTimestamp(absl::Time time, google::protobuf::Timestamp* out);

// "SOURCE:SOURCE_ID" into a record reference, split at the first ':' (source
// names hold none); "[SOURCE]:SOURCE_ID" names a record of a source whose
// name holds ':'. False when malformed.
bool ParseRef(const std::string& text, const std::string& entity_type,
              v1::RecordRef* ref);

// Whether a comparison added its weight to the match weight. Servers from
// before ComparisonExplanation.counted leave it unset everywhere; for them
// every level but "missing" counted.
bool Counted(const v1::ExplainResponse& explanation,
             const v1::ComparisonExplanation& comparison);

// An explanation as mdmctl explain prints it; a and b label the records.
void PrintExplanation(const v1::ExplainResponse& response, const std::string& a,
                      const std::string& b, std::ostream& out);

}  // namespace mdm::cli

#endif  // MDM_TOOLS_MDMCTL_RPC_UTIL_H_
