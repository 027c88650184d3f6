// `mdmctl import`: streams a CSV or JSON Lines file through the batch upsert.
//
//   mdmctl import --type=person --source=crm --id-column=customer_no
//       --map=surname=family_name,dob=birth_date --ignore=notes people.csv
//
// Before sending anything it checks the columns against the entity type: every
// column that is not the id column, not ignored and not mapped must be an
// attribute (unless the type allows extra attributes), or the import stops
// with exit code 2. Rows that fail (malformed, invalid UTF-8, rejected by the
// server) are written with their line and reason to the rejects file and the
// import goes on. Re-running an import changes nothing, since unchanged
// records are no-ops.
//
// Exit codes: 0 all rows accepted; 1 some rows rejected; 2 bad arguments or
// columns; 3 the server could not be reached or failed mid-way (re-run to
// continue: committed rows are unchanged the second time).
#ifndef MDM_TOOLS_MDMCTL_IMPORT_COMMAND_H_
#define MDM_TOOLS_MDMCTL_IMPORT_COMMAND_H_

#include <grpcpp/channel.h>

#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "tools/mdmctl/row_source.h"

namespace mdm::cli {

struct ImportOptions {
  std::string file;
  std::string entity_type;
  std::string source;
  std::string id_column = "id";
  // "column=attribute" pairs.
  std::vector<std::string> map;
  std::vector<std::string> ignore;
  // Where rejected rows go; default: "<file name>.rejects.csv" in the current
  // directory.
  std::string rejects_path;
  RowFormat format = RowFormat::kAuto;
  // Trim white space around every value (for files written as "a, b, c").
  bool trim = false;
  bool json = false;      // summary as JSON
  bool terminal = false;  // draw a progress bar
};

int RunImport(const std::shared_ptr<grpc::Channel>& channel,
              const ImportOptions& options, std::ostream& out,
              std::ostream& err);

}  // namespace mdm::cli

#endif  // MDM_TOOLS_MDMCTL_IMPORT_COMMAND_H_
