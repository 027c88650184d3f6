// The mdmctl subcommands other than import. Each returns the process exit
// code (exit_codes.h: 0 success, 2 bad arguments, 3 not found, 4 refused as
// invalid, 5 denied, 6 server unavailable) and prints errors to `err`.
#ifndef MDM_TOOLS_MDMCTL_COMMANDS_H_
#define MDM_TOOLS_MDMCTL_COMMANDS_H_

#include <grpcpp/channel.h>

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace mdm::cli {

struct CommonOptions {
  bool json = false;
  // The caller's identity for the audit log (--actor; $USER by default).
  std::string actor;
};

// A time given on the command line: RFC 3339 ("2026-09-30T23:59:59Z",
// "2026-09-30T23:59:59+08:00") or a date ("2026-09-30", the start of that
// day in UTC). False, with a message in `error`, when it is neither.
bool ParseTimeArg(const std::string& text, absl::Time* time,
                  std::string* error);

// resolve SOURCE SOURCE_ID  |  resolve GOLDEN_ID
int RunResolve(const std::shared_ptr<grpc::Channel>& channel,
               const CommonOptions& common,
               const std::vector<std::string>& args,
               const std::string& entity_type, const std::string& as_of,
               std::ostream& out, std::ostream& err);

// get GOLDEN_ID
int RunGet(const std::shared_ptr<grpc::Channel>& channel,
           const CommonOptions& common, const std::string& golden_id,
           const std::string& as_of, std::ostream& out, std::ostream& err);

// history GOLDEN_ID: every version of a golden record, oldest first: when,
// why (cause), membership changes and attribute changes.
int RunHistory(const std::shared_ptr<grpc::Channel>& channel,
               const CommonOptions& common, const std::string& golden_id,
               std::ostream& out, std::ostream& err);

struct SearchOptions {
  std::string entity_type;
  std::vector<std::string> attributes;  // NAME=VALUE
  std::vector<std::string> text;        // words of free text
  int limit = 10;
  double min_probability = 0;
};

// search --type=T [--attr NAME=VALUE]... [TEXT...]: golden records ranked
// against the query, nothing written.
int RunSearch(const std::shared_ptr<grpc::Channel>& channel,
              const CommonOptions& common, const SearchOptions& options,
              std::ostream& out, std::ostream& err);

// watch: follows the feed from `from` (first sequence shown) until
// interrupted, or until `max_events` events when it is positive.
int RunWatch(const std::shared_ptr<grpc::Channel>& channel,
             const CommonOptions& common, int64_t from,
             const std::string& entity_type, int64_t max_events,
             std::ostream& out, std::ostream& err);

// changes: one page of past events.
int RunChanges(const std::shared_ptr<grpc::Channel>& channel,
               const CommonOptions& common, int64_t from,
               const std::string& entity_type, int limit, std::ostream& out,
               std::ostream& err);

// export xrefs: CSV "entity_type,source,source_id,golden_id", or with
// --json one JSON object a line with those names.
int RunExportXrefs(const std::shared_ptr<grpc::Channel>& channel,
                   const CommonOptions& common, const std::string& entity_type,
                   std::ostream& out, std::ostream& err);

struct UpsertOptions {
  std::string entity_type;
  std::string source;
  std::string source_id;
  std::vector<std::string> attributes;  // NAME=VALUE
  std::string json;                     // {"name": "value", ...}
  // Merge into the stored record: attributes not given keep their values.
  bool partial = false;
  // Confirms a source name that differs only by case from a known one.
  bool new_source = false;
};
// Checks the source name with the server first (source_check.h): a refused
// name exits 4 before anything is sent; warnings go to `err` once.
int RunUpsert(const std::shared_ptr<grpc::Channel>& channel,
              const CommonOptions& common, const UpsertOptions& options,
              std::ostream& out, std::ostream& err);

int RunDelete(const std::shared_ptr<grpc::Channel>& channel,
              const CommonOptions& common, const std::string& entity_type,
              const std::string& source, const std::string& source_id,
              std::ostream& out, std::ostream& err);

// types [NAME]: entity types and their attributes.
int RunTypes(const std::shared_ptr<grpc::Channel>& channel,
             const CommonOptions& common, const std::string& name,
             std::ostream& out, std::ostream& err);

// explain SOURCE:ID SOURCE:ID: why two records do or do not match. The
// source is the text before the first ':'.
int RunExplain(const std::shared_ptr<grpc::Channel>& channel,
               const CommonOptions& common, const std::string& a,
               const std::string& b, const std::string& entity_type,
               std::ostream& out, std::ostream& err);

// model train --type=T: learns and activates a new model version.
int RunModelTrain(const std::shared_ptr<grpc::Channel>& channel,
                  const CommonOptions& common, const std::string& entity_type,
                  int max_records, std::ostream& out, std::ostream& err);

// model rematch --type=T: re-scores and re-clusters every record of the
// type (the batch path) and prints what moved.
int RunModelRematch(const std::shared_ptr<grpc::Channel>& channel,
                    const CommonOptions& common, const std::string& entity_type,
                    std::ostream& out, std::ostream& err);

// model show --type=T: the active model.
int RunModelShow(const std::shared_ptr<grpc::Channel>& channel,
                 const CommonOptions& common, const std::string& entity_type,
                 std::ostream& out, std::ostream& err);

}  // namespace mdm::cli

#endif  // MDM_TOOLS_MDMCTL_COMMANDS_H_
