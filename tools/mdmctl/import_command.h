// `mdmctl import`: streams a CSV or JSON Lines file through the batch upsert.
//
//   mdmctl import --type=person --source=crm --id-column=customer_no
//       --map=surname=family_name,dob=birth_date --ignore=notes people.csv
//
// Each row is the source's whole record: re-importing a row without a column
// (or with it empty) removes that attribute from the stored record. With
// --partial the row's non-empty values are merged into the stored record
// instead (on the server, in the record's transaction), for files that carry
// only some columns. A source id on several rows is reported; the last row
// is what the record ends up as (with --partial, the rows merge in order).
//
// Before sending anything it checks the flags and the file: --map, --ignore
// and --id-column must not contradict each other or the header, every
// column that is not the id column, not ignored and not mapped must be an
// attribute (unless the type allows extra attributes), the file must be
// UTF-8 unless --encoding names its encoding, and the rejects file must be
// writable; otherwise it stops with exit code 2. Only then does it check
// --source with the server (source_check.h; refused: exit 4), so that a
// usage error is reported first; the server's warning about a new source is
// printed once, after the rows went out. Rows that fail (malformed,
// not valid in the encoding, rejected by the server) are written with their
// line and reason to the rejects file (default: beside the input,
// FILE.rejects.csv; removed when no row is rejected) and the import goes on.
// A failure of the server's database as a whole (disk full) stops the import
// at once and is reported once. Re-running an import changes nothing that
// was applied, since unchanged records are no-ops.
//
// Exit codes (exit_codes.h): 0 every row applied; 1 some rows rejected, or
// the server's database failed; 2 bad flags or file; 3 unknown entity type;
// 4 --source refused; 5 permission or authentication; 6 server unreachable,
// shut down or busy; 130 interrupted. Everything printed that quotes the
// server or the file passes through TerminalSafe (terminal_text.h). When the
// import stops early it prints how many rows were acknowledged, and says to
// re-run only where re-running helps.
#ifndef MDM_TOOLS_MDMCTL_IMPORT_COMMAND_H_
#define MDM_TOOLS_MDMCTL_IMPORT_COMMAND_H_

#include <grpcpp/channel.h>

#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "tools/mdmctl/commands.h"
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
  // Where rejected rows go; default: RejectsPathFor(file), beside the input.
  std::string rejects_path;
  RowFormat format = RowFormat::kAuto;
  // ICU encoding name; empty: UTF-8 (or UTF-16/32 by byte-order mark).
  std::string encoding;
  // CSV delimiter: one character, or "tab"; empty: detected from the header.
  std::string delimiter;
  // Trim white space around every value (for files written as "a, b, c").
  bool trim = false;
  // Merge each row into the stored record instead of replacing it.
  bool partial = false;
  // Confirms a --source that differs only by case from a known one
  // (--new-source).
  bool new_source = false;
  bool json = false;      // summary as JSON
  bool terminal = false;  // draw a progress bar
};

// `common.actor` goes with the source check. Returns the exit code.
int RunImport(const std::shared_ptr<grpc::Channel>& channel,
              const CommonOptions& common, const ImportOptions& options,
              std::ostream& out, std::ostream& err);

}  // namespace mdm::cli

#endif  // MDM_TOOLS_MDMCTL_IMPORT_COMMAND_H_
